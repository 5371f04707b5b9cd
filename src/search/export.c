/* export.c - articles with what was said in them and what the reader wrote
 * about them, in three shapes: Markdown laid out like Readwise and Obsidian
 * highlight exports, W3C Web Annotation JSON, and RFC 4180 CSV.
 *
 * Positions in the JSON count characters (code points) in the article's text
 * as one string: the headline and the paragraphs joined by "\n". */
#include "search/export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search/search.h"
#include "storage/search.h"
#include "storage/user.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/json.h"
#include "util/xmalloc.h"

#define EXPORT_CONTEXT 32

int
export_format_parse(const char *s)
{
	if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		return EXPORT_MD;
	if (strcmp(s, "json") == 0)
		return EXPORT_JSON;
	if (strcmp(s, "csv") == 0)
		return EXPORT_CSV;
	return -1;
}

struct ex_stmt {
	char *speaker; /* or NULL */
	char *text;
	int direct;
	size_t gstart, gend; /* bytes in the joined text */
};

/* One article and everything exported with it. */
struct ex_article {
	int64_t id;
	struct doc d;
	char *feed;
	int64_t time;
	char **tags; /* article tags, then feed tags */
	size_t ntags;
	struct buf text; /* paragraphs joined by '\n' */
	size_t *paraoff; /* byte offset of each paragraph in text */
	struct ex_stmt *stmts;
	size_t nstmts;
	struct store_note *notes;
	size_t nnotes;
	struct analysis a;
};

static void
ex_free(struct ex_article *x)
{
	size_t i;

	doc_free(&x->d);
	free(x->feed);
	for (i = 0; i < x->ntags; i++)
		free(x->tags[i]);
	free(x->tags);
	buf_free(&x->text);
	free(x->paraoff);
	for (i = 0; i < x->nstmts; i++) {
		free(x->stmts[i].speaker);
		free(x->stmts[i].text);
	}
	free(x->stmts);
	store_note_free(x->notes, x->nnotes);
	analysis_free(&x->a);
	memset(x, 0, sizeof(*x));
}

static int
ex_row(const struct store_row *r, void *arg)
{
	struct ex_article *x = arg;

	x->feed = r->feed ? xstrdup(r->feed) : NULL;
	x->time = r->time;
	return 1;
}

/* Byte offset in the joined text of (para, off), clamped to the paragraph. */
static size_t
ex_goff(const struct ex_article *x, size_t para, size_t off)
{
	size_t len;

	if (para >= x->d.npara)
		return x->text.len;
	len = strlen(x->d.paras[para].text);
	return x->paraoff[para] + (off < len ? off : len);
}

static int
ex_stmt_row(const struct store_statement *m, void *arg)
{
	struct ex_article *x = arg;
	struct ex_stmt *s;

	x->stmts = xreallocarray(x->stmts, x->nstmts + 1, sizeof(*x->stmts));
	s = &x->stmts[x->nstmts++];
	s->speaker = m->speaker ? xstrdup(m->speaker) : NULL;
	s->text = xstrdup(m->text ? m->text : "");
	s->direct = m->direct;
	s->gstart = ex_goff(x, (size_t)m->para, m->start);
	s->gend = ex_goff(x, (size_t)m->para_end, m->end);
	if (s->gend < s->gstart)
		s->gend = s->gstart;
	return 0;
}

static void
ex_add_tags(struct ex_article *x, char **v)
{
	size_t i, j;

	for (i = 0; v[i] != NULL; i++) {
		for (j = 0; j < x->ntags; j++)
			if (strcmp(x->tags[j], v[i]) == 0)
				break;
		if (j < x->ntags)
			continue;
		x->tags = xreallocarray(x->tags, x->ntags + 1, sizeof(*x->tags));
		x->tags[x->ntags++] = xstrdup(v[i]);
	}
}

/* Loads article id with its tags, statements, notes and entity marks. */
static int
ex_load(struct store *st, int64_t id, struct ex_article *x, char **cause)
{
	struct store_filter f;
	char **tags;
	size_t i;

	memset(x, 0, sizeof(*x));
	x->id = id;
	if (store_article_get(st, id, &x->d, cause) != 0)
		return -1;
	memset(&f, 0, sizeof(f));
	f.ids = &id;
	f.nids = 1;
	if (store_article_list(st, &f, 0, 1, ex_row, x, cause) != 0)
		return -1;
	buf_add(&x->text, "", 0);
	x->paraoff = xcalloc(x->d.npara + 1, sizeof(*x->paraoff));
	for (i = 0; i < x->d.npara; i++) {
		if (i > 0)
			buf_addc(&x->text, '\n');
		x->paraoff[i] = x->text.len;
		buf_adds(&x->text, x->d.paras[i].text);
	}
	if (store_tag_list(st, id, &tags, NULL, cause) != 0)
		return -1;
	ex_add_tags(x, tags);
	store_strv_free(tags);
	if (store_tag_feed_list(st, id, &tags, NULL, cause) != 0)
		return -1;
	ex_add_tags(x, tags);
	store_strv_free(tags);
	if (store_statement_list(st, id, 0, ex_stmt_row, x, cause) != 0 ||
	    store_note_list(st, id, &x->notes, &x->nnotes, cause) != 0 ||
	    store_analysis_get(st, id, &x->a, cause) != 0)
		return -1;
	return 0;
}

/* Number of code points in the first n bytes of s. */
static size_t
ex_chars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}

/* The W3C selectors for bytes [gs, ge) of x's joined text. */
static json_t *
ex_selectors(const struct ex_article *x, size_t gs, size_t ge)
{
	const char *t = buf_str(&x->text);
	size_t from = gs > EXPORT_CONTEXT ? gs - EXPORT_CONTEXT : 0,
	       to = ge + EXPORT_CONTEXT < x->text.len ? ge + EXPORT_CONTEXT : x->text.len;
	char *exact, *prefix, *suffix;
	json_t *sel;

	while (from < gs && ((unsigned char)t[from] & 0xc0) == 0x80)
		from++;
	while (to > ge && to < x->text.len && ((unsigned char)t[to] & 0xc0) == 0x80)
		to--;
	exact = xstrndup(t + gs, ge - gs);
	prefix = xstrndup(t + from, gs - from);
	suffix = xstrndup(t + ge, to - ge);
	sel = json_pack("[{s:s, s:s, s:s, s:s}, {s:s, s:I, s:I}]", "type", "TextQuoteSelector",
	                "exact", exact, "prefix", prefix, "suffix", suffix, "type",
	                "TextPositionSelector", "start", (json_int_t)ex_chars(t, gs), "end",
	                (json_int_t)ex_chars(t, ge));
	free(exact);
	free(prefix);
	free(suffix);
	return sel;
}

static json_t *
ex_source(const struct ex_article *x)
{
	char *s;
	json_t *j;

	if (x->d.url != NULL && x->d.url[0] != '\0')
		return json_string(x->d.url);
	s = xasprintf("urn:newsroom:article:%s", x->d.key ? x->d.key : "");
	j = json_string(s);
	free(s);
	return j;
}

static json_t *
ex_target(const struct ex_article *x, json_t *selectors)
{
	json_t *t = json_pack("{s:o}", "source", ex_source(x));

	if (selectors != NULL)
		json_object_set_new(t, "selector", selectors);
	return t;
}

static json_t *
ex_text_body(const char *purpose, const char *value)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "type", "TextualBody", "purpose", purpose, "value",
	                 value, "format", "text/plain");
}

static void
ex_iso(int64_t t, char *s, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		s[0] = '\0';
	else
		strftime(s, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Appends the annotations of x to items. */
static void
ex_json_article(const struct ex_article *x, json_t *items)
{
	json_t *an, *body;
	char id[96], when[32];
	size_t i, j;

	for (i = 0; i < x->nnotes; i++) {
		const struct store_note *n = &x->notes[i];
		json_t *sel = NULL;

		if (n->para >= 0 && !n->orphaned)
			sel = ex_selectors(x, ex_goff(x, (size_t)n->para, n->start),
			                   ex_goff(x, (size_t)n->para, n->end));
		else if (n->para >= 0)
			/* the quote is gone from the text: no position, the quote as it was */
			sel = json_pack("[{s:s, s:s, s:s, s:s}]", "type", "TextQuoteSelector",
			                "exact", n->exact ? n->exact : "", "prefix",
			                n->prefix ? n->prefix : "", "suffix",
			                n->suffix ? n->suffix : "");
		body = json_array();
		json_array_append_new(body, ex_text_body("commenting", n->body));
		for (j = 0; j < x->ntags; j++)
			json_array_append_new(body, ex_text_body("tagging", x->tags[j]));
		snprintf(id, sizeof(id), "urn:newsroom:note:%lld", (long long)n->id);
		an = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "@context",
		               "http://www.w3.org/ns/anno.jsonld", "id", id, "type", "Annotation",
		               "motivation", "commenting", "body", body, "target",
		               ex_target(x, sel));
		ex_iso(n->created, when, sizeof(when));
		if (when[0] != '\0')
			json_object_set_new(an, "created", json_string(when));
		ex_iso(n->modified, when, sizeof(when));
		if (when[0] != '\0')
			json_object_set_new(an, "modified", json_string(when));
		if (n->orphaned)
			json_object_set_new(an, "newsroom:orphaned", json_true());
		json_array_append_new(items, an);
	}
	for (i = 0; i < x->nstmts; i++) {
		const struct ex_stmt *s = &x->stmts[i];

		snprintf(id, sizeof(id), "urn:newsroom:article:%lld:statement:%zu",
		         (long long)x->id, i + 1);
		an = json_pack("{s:s, s:s, s:s, s:s, s:o}", "@context",
		               "http://www.w3.org/ns/anno.jsonld", "id", id, "type", "Annotation",
		               "motivation", "highlighting", "target",
		               ex_target(x, ex_selectors(x, s->gstart, s->gend)));
		body = json_array();
		if (s->speaker != NULL)
			json_array_append_new(body, ex_text_body("identifying", s->speaker));
		json_array_append_new(
		    body,
		    ex_text_body("describing", s->direct ? "direct quote" : "reported speech"));
		json_object_set_new(an, "body", body);
		json_array_append_new(items, an);
	}
	for (i = 0; i < x->a.nments; i++) {
		const struct ana_mention *m = &x->a.ments[i];
		const struct ana_entity *e = &x->a.ents[m->entity];

		snprintf(id, sizeof(id), "urn:newsroom:article:%lld:mention:%zu", (long long)x->id,
		         i + 1);
		body = json_pack("[o, o]", ex_text_body("identifying", e->name),
		                 ex_text_body("classifying", ent_kind_name(e->kind)));
		an = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "@context",
		               "http://www.w3.org/ns/anno.jsonld", "id", id, "type", "Annotation",
		               "motivation", "identifying", "body", body, "target",
		               ex_target(x, ex_selectors(x, ex_goff(x, m->para, m->start),
		                                         ex_goff(x, m->para, m->end))));
		json_array_append_new(items, an);
	}
}

/* --- Markdown --- */

/* Writes s on one line (newlines become spaces), safe for a terminal. */
static void
ex_md_line(FILE *out, const char *s)
{
	char *t = utf8_sanitize(s ? s : "", 0), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	fputs(t, out);
	free(t);
}

/* Writes s as a blockquote: each of its lines after "> ". */
static void
ex_md_quote(FILE *out, const char *s)
{
	char *t = utf8_sanitize(s ? s : "", 1), *line, *nl;

	for (line = t;; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		fprintf(out, "> %s\n", line);
		if (nl == NULL)
			break;
	}
	free(t);
}

static void
ex_md_article(FILE *out, const struct ex_article *x)
{
	char day[32];
	size_t i, nhl = 0, nwhole = 0;

	fputs("## ", out);
	ex_md_line(out, x->d.title);
	fputs("\n\n", out);
	fputs("- Source: ", out);
	ex_md_line(out, x->feed ? x->feed : "imported file");
	ex_iso(x->time, day, sizeof(day));
	day[10 < strlen(day) ? 10 : strlen(day)] = '\0';
	fprintf(out, "\n- Date: %s\n", day[0] ? day : "unknown");
	if (x->d.author != NULL) {
		fputs("- Author: ", out);
		ex_md_line(out, x->d.author);
		fputc('\n', out);
	}
	if (x->d.url != NULL) {
		fputs("- Link: <", out);
		ex_md_line(out, x->d.url);
		fputs(">\n", out);
	}
	fputs("- Tags:", out);
	for (i = 0; i < x->ntags; i++) {
		fputs(" #", out);
		ex_md_line(out, x->tags[i]);
	}
	fprintf(out, "\n- newsroom: article %lld\n", (long long)x->id);
	if (x->nstmts > 0) {
		fputs("\n### Statements\n", out);
		for (i = 0; i < x->nstmts; i++) {
			fputc('\n', out);
			ex_md_quote(out, x->stmts[i].text);
			fputs("> — ", out);
			ex_md_line(out, x->stmts[i].speaker ? x->stmts[i].speaker : "unattributed");
			fputc('\n', out);
		}
	}
	for (i = 0; i < x->nnotes; i++)
		x->notes[i].para >= 0 ? nhl++ : nwhole++;
	if (nhl > 0) {
		fputs("\n### Highlights\n", out);
		for (i = 0; i < x->nnotes; i++) {
			const struct store_note *n = &x->notes[i];

			if (n->para < 0)
				continue;
			fputc('\n', out);
			ex_md_quote(out, n->exact);
			if (n->orphaned)
				fputs("\n(orphaned: this passage is no longer in the article)\n",
				      out);
			fputs("\n**Note:** ", out);
			ex_md_line(out, n->body);
			fputc('\n', out);
		}
	}
	if (nwhole > 0) {
		fputs("\n### Notes\n\n", out);
		for (i = 0; i < x->nnotes; i++) {
			if (x->notes[i].para >= 0)
				continue;
			fputs("- ", out);
			ex_md_line(out, x->notes[i].body);
			fputc('\n', out);
		}
	}
	fputc('\n', out);
}

/* --- CSV --- */

/* Writes one RFC 4180 field: quoted when it holds a comma, quote or line end. */
static void
ex_csv_field(FILE *out, const char *field, int last)
{
	/* feed text may hold terminal controls; a CSV file is often cat'ed */
	char *clean = utf8_sanitize(field != NULL ? field : "", 1);
	const char *s = clean;

	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', out);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else
		fputs(s, out);
	fputs(last ? "\r\n" : ",", out);
	free(clean);
}

static void
ex_csv_row(FILE *out, const struct ex_article *x, const char *kind, const char *speaker,
           const char *text, const char *note, const char *tags)
{
	char id[32];

	snprintf(id, sizeof(id), "%lld", (long long)x->id);
	ex_csv_field(out, id, 0);
	ex_csv_field(out, x->d.title, 0);
	ex_csv_field(out, x->d.url, 0);
	ex_csv_field(out, kind, 0);
	ex_csv_field(out, speaker, 0);
	ex_csv_field(out, text, 0);
	ex_csv_field(out, note, 0);
	ex_csv_field(out, tags, 1);
}

static void
ex_csv_article(FILE *out, const struct ex_article *x)
{
	struct buf tags = BUF_INIT;
	size_t i;

	buf_add(&tags, "", 0);
	for (i = 0; i < x->ntags; i++) {
		if (i > 0)
			buf_addc(&tags, ' ');
		buf_adds(&tags, x->tags[i]);
	}
	for (i = 0; i < x->nstmts; i++)
		ex_csv_row(out, x, "statement", x->stmts[i].speaker, x->stmts[i].text, "",
		           buf_str(&tags));
	for (i = 0; i < x->nnotes; i++)
		ex_csv_row(out, x, x->notes[i].orphaned ? "note (orphaned)" : "note", "",
		           x->notes[i].exact, x->notes[i].body, buf_str(&tags));
	buf_free(&tags);
}

/* --- the articles --- */

int
export_write(struct store *st, const char *query, enum export_format fmt, FILE *out, char **cause)
{
	struct query_node *q = NULL;
	int64_t *ids = NULL;
	size_t nids = 0;
	struct ex_article x;
	json_t *items = NULL, *doc;
	char *why = NULL, *s;
	int rc = -1;
	size_t i;

	/* everything, unasked, means everything the reader or the analyzer marked */
	if (query == NULL || strspn(query, " \t") == strlen(query))
		query = "has:note OR has:tag OR has:statement";
	if (query_parse(query, (int64_t)time(NULL), &q, &why) != 0) {
		*cause = xasprintf("export: %s", why);
		free(why);
		return -1;
	}
	if (store_search_ids(st, q, &ids, &nids, cause) != 0)
		goto out;
	if (fmt == EXPORT_JSON)
		items = json_array();
	else if (fmt == EXPORT_CSV)
		fputs("article_id,title,url,kind,speaker,text,note,tags\r\n", out);
	else
		fputs("# newsroom export\n\n", out);
	for (i = 0; i < nids; i++) {
		if (ex_load(st, ids[i], &x, cause) != 0) {
			ex_free(&x);
			goto out;
		}
		if (fmt == EXPORT_JSON)
			ex_json_article(&x, items);
		else if (fmt == EXPORT_CSV)
			ex_csv_article(out, &x);
		else
			ex_md_article(out, &x);
		ex_free(&x);
	}
	if (fmt == EXPORT_JSON) {
		doc = json_pack("{s:s, s:s, s:s, s:s, s:I, s:{s:s, s:o}}", "@context",
		                "http://www.w3.org/ns/anno.jsonld", "id", "urn:newsroom:export",
		                "type", "AnnotationCollection", "label", "newsroom export", "total",
		                (json_int_t)json_array_size(items), "first", "type",
		                "AnnotationPage", "items", items);
		items = NULL;
		s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(doc);
		if (s == NULL) {
			*cause = xstrdup("export: cannot write JSON");
			goto out;
		}
		json_fputs(s, out);
		fputc('\n', out);
		free(s);
	}
	if (ferror(out)) {
		*cause = xstrdup("export: write error");
		goto out;
	}
	rc = 0;
out:
	json_decref(items);
	free(ids);
	query_free(q);
	return rc;
}
