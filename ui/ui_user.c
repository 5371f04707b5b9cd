/* ui_user.c - tags, notes, entity decisions and search for the reader, through
 * the user-data module (storage/user.h, src/search/). */
#include "ui/ui_user.h"

#include <stdlib.h>
#include <string.h>

#include "search/decide.h"
#include "search/search.h"
#include "storage/user.h"
#include "ui/ui_config.h"
#include "util/xmalloc.h"

void
ui_user_saved_searches(struct ui *u, int (*cb)(const char *, const char *, void *), void *arg)
{
	struct store_saved_search *v = NULL;
	size_t n = 0, i;
	char *cause = NULL;

	if (store_saved_search_list(u->st, &v, &n, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < n; i++)
		if (cb(v[i].name, v[i].query, arg) != 0)
			break;
	store_saved_search_free(v, n);
}

int
ui_user_tag_prompt(struct ui *u, int64_t id)
{
	char **have = NULL, **words, *ans, *cause = NULL;
	size_t n = 0, i;
	int changed = 0, removed;
	struct buf now = BUF_INIT;

	if (store_tag_list(u->st, id, &have, &n, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		return 0;
	}
	buf_adds(&now, "Tags");
	for (i = 0; i < n; i++)
		buf_printf(&now, "%s%s", i ? " " : " [", have[i]);
	buf_adds(&now, n ? "] (-tag removes):" : " (-tag removes):");
	store_strv_free(have);
	ans = ui_prompt(u, buf_str(&now), NULL);
	buf_free(&now);
	if (ans == NULL)
		return 0;
	words = ui_split_words(ans);
	free(ans);
	if (words == NULL) {
		ui_say(u, 1, "a quote is not closed");
		return 0;
	}
	for (i = 0; words[i] != NULL; i++) {
		int rc;

		if (words[i][0] == '-' && words[i][1] != '\0')
			rc = store_tag_remove(u->st, id, words[i] + 1, &removed, &cause);
		else
			rc = store_tag_add(u->st, id, words[i], &cause);
		if (rc != 0) {
			ui_say(u, 1, "%s", cause);
			free(cause);
			cause = NULL;
			break;
		}
		changed = 1;
	}
	if (changed && cause == NULL && words[i] == NULL)
		ui_say(u, 0, "tags saved");
	ui_argv_free(words);
	return changed;
}

void
ui_search(struct ui *u)
{
	char *q = ui_prompt(u, "Search:", NULL);

	if (q == NULL)
		return;
	if (q[0] != '\0')
		ui_search_run(u, q, NULL);
	free(q);
}

void
ui_search_run(struct ui *u, const char *query, const char *title)
{
	size_t n;
	char *cause = NULL, *t;

	/* a bad query is told at once, in the status line, without a new screen */
	if (search_count(u->st, query, &n, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		return;
	}
	t = title ? xstrdup(title) : xasprintf("Search: %s", query);
	ui_push(u, ui_search_list_new(u, t, query));
	free(t);
}

size_t
ui_user_notes(struct ui *u, int64_t id, struct ui_note **v)
{
	struct store_note *notes = NULL;
	size_t n = 0, i;
	char *cause = NULL;

	*v = NULL;
	if (store_note_list(u->st, id, &notes, &n, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		return 0;
	}
	*v = xcalloc(n + 1, sizeof(**v));
	for (i = 0; i < n; i++) {
		/* notes on the whole article, or whose quote is gone, go under the headline */
		(*v)[i].para = notes[i].para > 0 && !notes[i].orphaned ? (size_t)notes[i].para : 0;
		(*v)[i].body = notes[i].orphaned
		                   ? xasprintf("%s (its text is no longer in the article: \"%s\")",
		                               notes[i].body, notes[i].exact ? notes[i].exact : "")
		                   : xstrdup(notes[i].body);
	}
	store_note_free(notes, n);
	return n;
}

void
ui_user_notes_free(struct ui_note *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].body);
	free(v);
}

int
ui_user_note_add(struct ui *u, int64_t id, size_t para, size_t start, size_t end, const char *body)
{
	struct store_note n;
	struct doc d;
	char *cause = NULL;
	int rc = -1;

	if (store_article_get(u->st, id, &d, &cause) != 0)
		goto out;
	memset(&n, 0, sizeof(n));
	n.article_id = id;
	if (store_note_anchor(&n, &d, (int)para, start, end, &cause) == 0) {
		n.body = xstrdup(body);
		rc = store_note_add(u->st, &n, &cause);
	}
	store_note_clear(&n);
	doc_free(&d);
out:
	if (rc != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
	}
	return rc;
}

int
ui_user_decide(struct ui *u, int64_t article, const char *name, const char *action,
               const char *value)
{
	struct store_decision dec;
	char *cause = NULL;
	size_t n = 0;
	int a = store_decision_parse(action);

	if (a < 0) {
		ui_say(u, 1, "unknown decision '%s'", action);
		return -1;
	}
	memset(&dec, 0, sizeof(dec));
	dec.name = (char *)name;
	dec.article_id = article;
	dec.action = (enum store_decision_action)a;
	dec.value = (char *)value;
	if (decide_record(u->st, &dec, &n, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		return -1;
	}
	ui_say(u, 0, "%s %s%s%s: %zu article%s analyzed again", action, name, value ? " → " : "",
	       value ? value : "", n, n == 1 ? "" : "s");
	return 0;
}
