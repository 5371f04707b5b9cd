/* backup.c - the reader's own data in one JSON document, and back. What
 * belongs to an article is filed under its stable key, so that a backup
 * restores into a database that holds the articles under other ids, or none
 * yet: then it waits for them (user_pending) and is applied as they arrive. */
#include "search/backup.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pipeline.h"
#include "storage/backup.h"
#include "storage/user.h"
#include "util/xmalloc.h"

#define BACKUP_VERSION 1

static json_t *
bk_str(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
bk_strv(char **v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static int
bk_feed(const struct store_feed_rec *f, void *arg)
{
	json_array_append_new(arg,
	                      json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "url", bk_str(f->url),
	                                "given_url", bk_str(f->given_url), "title",
	                                bk_str(f->title), "user_title", bk_str(f->user_title),
	                                "origin", bk_str(f->origin), "tags", bk_strv(f->tags)));
	return 0;
}

static json_t *
bk_decision(const struct store_decision *d)
{
	return json_pack("{s:s, s:s, s:o, s:I}", "name", d->name, "action",
	                 store_decision_name(d->action), "value", bk_str(d->value), "created",
	                 (json_int_t)d->created);
}

struct bk_ctx {
	struct store *st;
	json_t *articles;
	struct store_decision *dec;
	size_t ndec;
	char **cause;
	int failed;
};

static json_t *
bk_note(const struct store_note *n)
{
	json_t *o = json_pack("{s:s, s:I, s:I}", "body", n->body, "created", (json_int_t)n->created,
	                      "modified", (json_int_t)n->modified);

	if (n->para >= 0) {
		json_object_set_new(o, "para", json_integer(n->para));
		json_object_set_new(o, "start", json_integer((json_int_t)n->start));
		json_object_set_new(o, "end", json_integer((json_int_t)n->end));
		json_object_set_new(o, "exact", bk_str(n->exact));
		json_object_set_new(o, "prefix", bk_str(n->prefix));
		json_object_set_new(o, "suffix", bk_str(n->suffix));
		json_object_set_new(o, "orphaned", json_boolean(n->orphaned));
	} else
		json_object_set_new(o, "para", json_null());
	return o;
}

static int
bk_article(const struct store_article_rec *r, void *arg)
{
	struct bk_ctx *c = arg;
	struct store_note *notes;
	char **tags;
	size_t nn, i;
	json_t *o, *arr;

	if (store_tag_list(c->st, r->id, &tags, NULL, c->cause) != 0 ||
	    store_note_list(c->st, r->id, &notes, &nn, c->cause) != 0) {
		c->failed = 1;
		return 1;
	}
	o = json_pack("{s:s, s:o, s:o, s:b, s:o}", "key", r->key, "url", bk_str(r->url), "title",
	              bk_str(r->title), "unread", r->unread, "tags", bk_strv(tags));
	store_strv_free(tags);
	arr = json_array();
	for (i = 0; i < nn; i++)
		json_array_append_new(arr, bk_note(&notes[i]));
	store_note_free(notes, nn);
	json_object_set_new(o, "notes", arr);
	arr = json_array();
	for (i = 0; i < c->ndec; i++)
		if (c->dec[i].article_id == r->id)
			json_array_append_new(arr, bk_decision(&c->dec[i]));
	json_object_set_new(o, "decisions", arr);
	json_array_append_new(c->articles, o);
	return 0;
}

static int
bk_pending(const char *key, const char *data, void *arg)
{
	json_t *o = json_loads(data, 0, NULL);

	if (json_is_object(o))
		json_array_append_new(arg, o);
	else
		json_decref(o);
	return 0;
}

int
backup_write(struct store *st, FILE *out, char **cause)
{
	struct store_saved_search *ss;
	struct bk_ctx c;
	json_t *root, *arr;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t n, i;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.st = st;
	c.cause = cause;
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	root = json_pack("{s:i, s:s}", "newsroom_backup", BACKUP_VERSION, "created", when);
	arr = json_array();
	json_object_set_new(root, "feeds", arr);
	if (store_backup_feeds(st, bk_feed, arr, cause) != 0)
		goto out;
	if (store_saved_search_list(st, &ss, &n, cause) != 0)
		goto out;
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(
		    arr, json_pack("{s:s, s:s}", "name", ss[i].name, "query", ss[i].query));
	store_saved_search_free(ss, n);
	json_object_set_new(root, "saved_searches", arr);
	if (store_decision_list(st, &c.dec, &c.ndec, cause) != 0)
		goto out;
	arr = json_array();
	for (i = 0; i < c.ndec; i++)
		if (c.dec[i].article_id == 0)
			json_array_append_new(arr, bk_decision(&c.dec[i]));
	json_object_set_new(root, "decisions", arr);
	c.articles = json_array();
	json_object_set_new(root, "articles", c.articles);
	if (store_backup_articles(st, bk_article, &c, cause) != 0 || c.failed)
		goto out;
	if (store_pending_list(st, bk_pending, c.articles, cause) != 0)
		goto out;
	if (json_dumpf(root, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER) != 0 ||
	    fputc('\n', out) == EOF || ferror(out)) {
		*cause = xstrdup("backup: write error");
		goto out;
	}
	rc = 0;
out:
	store_decision_free(c.dec, c.ndec);
	json_decref(root);
	return rc;
}

/* --- restore --- */

/* Copies the strings of a JSON array into a NULL-terminated array the caller
 * frees with store_strv_free; NULL when arr is not an array of strings. */
static char **
bk_tags(json_t *arr)
{
	char **v;
	size_t i;

	if (arr == NULL)
		return xcalloc(1, sizeof(char *));
	if (!json_is_array(arr))
		return NULL;
	v = xcalloc(json_array_size(arr) + 1, sizeof(*v));
	for (i = 0; i < json_array_size(arr); i++) {
		if (!json_is_string(json_array_get(arr, i))) {
			store_strv_free(v);
			return NULL;
		}
		v[i] = xstrdup(json_string_value(json_array_get(arr, i)));
	}
	return v;
}

/* The string in v, or NULL when v is absent, null or not a string. */
static const char *
bk_opt(json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Sets *cause to "what: why" and returns -1. */
static int
bk_bad(char **cause, const char *what, const char *why)
{
	*cause = xasprintf("%s: %s", what, why);
	return -1;
}

static int
bk_decision_put(struct store *st, json_t *o, int64_t article_id, const char *where, char **cause)
{
	struct store_decision d;
	const char *name, *action, *value;
	json_t *jvalue = NULL;
	json_int_t created = 0;
	json_error_t err;
	int a;

	if (json_unpack_ex(o, &err, 0, "{s:s, s:s, s?o, s?I}", "name", &name, "action", &action,
	                   "value", &jvalue, "created", &created) != 0)
		return bk_bad(cause, where, err.text);
	value = bk_opt(jvalue);
	if ((a = store_decision_parse(action)) < 0)
		return bk_bad(cause, where, "unknown action");
	memset(&d, 0, sizeof(d));
	d.name = (char *)name;
	d.action = (enum store_decision_action)a;
	d.value = (char *)value;
	d.article_id = article_id;
	d.created = created > 0 ? (int64_t)created : 0;
	return store_decision_add(st, &d, cause);
}

/* 1 when the article already has a note with this body and quote. */
static int
bk_note_known(const struct store_note *have, size_t n, const char *body, const char *exact)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(have[i].body, body) == 0 &&
		    ((exact == NULL && have[i].exact == NULL) ||
		     (exact != NULL && have[i].exact != NULL && strcmp(exact, have[i].exact) == 0)))
			return 1;
	return 0;
}

static int
bk_note_put(struct store *st, int64_t id, const struct doc *d, json_t *o,
            const struct store_note *have, size_t nhave, const char *where, char **cause)
{
	struct store_note n;
	const char *body, *exact, *prefix, *suffix;
	json_int_t para = -1, start = 0, end = 0, created = 0, modified = 0;
	json_t *jpara = NULL, *jexact = NULL, *jprefix = NULL, *jsuffix = NULL;
	json_error_t err;
	int orphaned = 0, rc;

	if (json_unpack_ex(o, &err, 0, "{s:s, s?o, s?I, s?I, s?o, s?o, s?o, s?b, s?I, s?I}", "body",
	                   &body, "para", &jpara, "start", &start, "end", &end, "exact", &jexact,
	                   "prefix", &jprefix, "suffix", &jsuffix, "orphaned", &orphaned, "created",
	                   &created, "modified", &modified) != 0)
		return bk_bad(cause, where, err.text);
	exact = bk_opt(jexact);
	prefix = bk_opt(jprefix);
	suffix = bk_opt(jsuffix);
	if (jpara != NULL && json_is_integer(jpara))
		para = json_integer_value(jpara);
	if (para >= 0 && (exact == NULL || start < 0 || end < start))
		return bk_bad(cause, where, "a note on a passage needs exact, start and end");
	if (bk_note_known(have, nhave, body, para >= 0 ? exact : NULL))
		return 0;
	memset(&n, 0, sizeof(n));
	n.article_id = id;
	n.para = para >= 0 && para < 1000000 ? (int)para : -1;
	n.start = (size_t)start;
	n.end = (size_t)end;
	n.exact = exact ? xstrdup(exact) : NULL;
	n.prefix = prefix ? xstrdup(prefix) : NULL;
	n.suffix = suffix ? xstrdup(suffix) : NULL;
	n.orphaned = orphaned;
	n.body = xstrdup(body);
	/* the text may differ from the one the note was written on */
	store_note_locate(&n, d);
	rc = store_note_add(st, &n, cause);
	if (rc == 0 && created > 0)
		rc = store_note_set_times(st, n.id, (int64_t)created,
		                          (int64_t)(modified > 0 ? modified : created), cause);
	store_note_clear(&n);
	return rc;
}

/* Applies an article object of the backup to stored article id (text d).
 * *decided (may be NULL) is set when it brought decisions. */
static int
bk_apply(struct store *st, int64_t id, const struct doc *d, json_t *o, const char *key,
         int *decided, char **cause)
{
	struct store_note *have = NULL;
	json_t *unread = json_object_get(o, "unread"), *arr, *v;
	char **tags = bk_tags(json_object_get(o, "tags")), *where;
	size_t i, nhave = 0;
	int rc = -1;

	where = xasprintf("article %s", key);
	if (tags == NULL) {
		bk_bad(cause, where, "tags must be an array of strings");
		goto out;
	}
	if (json_is_boolean(unread) &&
	    store_article_set_unread(st, id, json_is_true(unread), cause) != 0)
		goto out;
	for (i = 0; tags[i] != NULL; i++)
		if (store_tag_add(st, id, tags[i], cause) != 0)
			goto out;
	if (store_note_list(st, id, &have, &nhave, cause) != 0)
		goto out;
	arr = json_object_get(o, "notes");
	json_array_foreach(arr, i, v) if (bk_note_put(st, id, d, v, have, nhave, where, cause) !=
	                                  0) goto out;
	arr = json_object_get(o, "decisions");
	json_array_foreach(arr, i, v)
	{
		if (bk_decision_put(st, v, id, where, cause) != 0)
			goto out;
		if (decided != NULL)
			*decided = 1;
	}
	rc = 0;
out:
	store_note_free(have, nhave);
	store_strv_free(tags);
	free(where);
	return rc;
}

int
backup_apply_pending(struct store *st, int64_t id, const struct doc *d, char **cause)
{
	char *data;
	json_t *o;
	int rc;

	if ((rc = store_pending_take(st, d->key, &data, cause)) <= 0)
		return rc;
	o = json_loads(data, 0, NULL);
	free(data);
	rc = json_is_object(o) ? bk_apply(st, id, d, o, d->key, NULL, cause) : 0;
	json_decref(o);
	return rc;
}

/* Adds ids[] to the set *set of *n ids (kept small: only affected articles). */
static void
bk_union(int64_t **set, size_t *n, const int64_t *ids, size_t nids)
{
	size_t i, j;

	for (i = 0; i < nids; i++) {
		for (j = 0; j < *n && (*set)[j] != ids[i]; j++)
			;
		if (j == *n) {
			*set = xreallocarray(*set, *n + 1, sizeof(**set));
			(*set)[(*n)++] = ids[i];
		}
	}
}

static int
bk_restore(struct store *st, json_t *root, struct backup_counts *k, int64_t **redo, size_t *nredo,
           char **cause)
{
	json_t *arr, *v;
	json_error_t err;
	char where[64], *data;
	size_t i, n;
	int64_t id, *ids;
	int decided;

	arr = json_object_get(root, "feeds");
	json_array_foreach(arr, i, v)
	{
		struct store_feed_rec f;
		json_t *tags = NULL, *title = NULL, *user = NULL, *origin = NULL, *given = NULL;
		int rc;

		memset(&f, 0, sizeof(f));
		snprintf(where, sizeof(where), "feeds[%zu]", i);
		if (json_unpack_ex(v, &err, 0, "{s:s, s?o, s?o, s?o, s?o, s?o}", "url", &f.url,
		                   "given_url", &given, "title", &title, "user_title", &user,
		                   "origin", &origin, "tags", &tags) != 0)
			return bk_bad(cause, where, err.text);
		f.given_url = bk_opt(given);
		f.title = bk_opt(title);
		f.user_title = bk_opt(user);
		f.origin = bk_opt(origin);
		if ((f.tags = bk_tags(tags)) == NULL)
			return bk_bad(cause, where, "tags must be an array of strings");
		rc = store_backup_feed_put(st, &f, cause);
		store_strv_free(f.tags);
		if (rc != 0)
			return -1;
		k->feeds++;
	}
	arr = json_object_get(root, "saved_searches");
	json_array_foreach(arr, i, v)
	{
		const char *name, *query;

		snprintf(where, sizeof(where), "saved_searches[%zu]", i);
		if (json_unpack_ex(v, &err, 0, "{s:s, s:s}", "name", &name, "query", &query) != 0)
			return bk_bad(cause, where, err.text);
		if (store_saved_search_put(st, name, query, cause) != 0)
			return -1;
		k->saved_searches++;
	}
	arr = json_object_get(root, "decisions");
	json_array_foreach(arr, i, v)
	{
		snprintf(where, sizeof(where), "decisions[%zu]", i);
		if (bk_decision_put(st, v, 0, where, cause) != 0)
			return -1;
		if (store_decision_affected(st, json_string_value(json_object_get(v, "name")), &ids,
		                            &n, cause) != 0)
			return -1;
		bk_union(redo, nredo, ids, n);
		free(ids);
		k->decisions++;
	}
	arr = json_object_get(root, "articles");
	json_array_foreach(arr, i, v)
	{
		const char *key;
		struct doc d;
		int rc;

		snprintf(where, sizeof(where), "articles[%zu]", i);
		if (json_unpack_ex(v, &err, 0, "{s:s}", "key", &key) != 0)
			return bk_bad(cause, where, err.text);
		if ((id = store_article_find(st, key, cause)) < 0)
			return -1;
		if (id == 0) {
			data = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
			rc = store_pending_put(st, key, data, cause);
			free(data);
			if (rc != 0)
				return -1;
			k->pending++;
			continue;
		}
		if (store_article_get(st, id, &d, cause) != 0)
			return -1;
		decided = 0;
		rc = bk_apply(st, id, &d, v, key, &decided, cause);
		doc_free(&d);
		if (rc != 0)
			return -1;
		if (decided)
			bk_union(redo, nredo, &id, 1);
		k->articles++;
	}
	return 0;
}

int
backup_restore(struct store *st, const char *path, struct backup_counts *counts, char **cause)
{
	struct backup_counts k;
	json_error_t err;
	json_t *root;
	int64_t *redo = NULL;
	size_t nredo = 0, i;
	char *why = NULL;
	int rc = -1;

	memset(&k, 0, sizeof(k));
	if ((root = json_load_file(path, 0, &err)) == NULL) {
		if (err.line > 0)
			*cause = xasprintf("%s: line %d: %s", path, err.line, err.text);
		else
			*cause = xasprintf("%s: %s", path, err.text);
		return -1;
	}
	if (json_integer_value(json_object_get(root, "newsroom_backup")) != BACKUP_VERSION) {
		*cause = xasprintf("%s: not a newsroom backup (no \"newsroom_backup\": %d)", path,
		                   BACKUP_VERSION);
		json_decref(root);
		return -1;
	}
	if (store_begin(st, cause) != 0) {
		json_decref(root);
		return -1;
	}
	if (bk_restore(st, root, &k, &redo, &nredo, &why) != 0)
		goto fail;
	/* decisions apply to the articles already here */
	for (i = 0; i < nredo; i++)
		if (pipeline_reanalyze(st, redo[i], &why) != 0)
			goto fail;
	if (store_commit(st, &why) != 0)
		goto fail;
	if (counts != NULL)
		*counts = k;
	rc = 0;
	goto out;
fail:
	store_rollback(st);
	*cause = xasprintf("%s: %s; nothing was restored", path, why);
	free(why);
out:
	free(redo);
	json_decref(root);
	return rc;
}
