/* cmd_user.c - tag, untag, entity, note, search, save-search, export, backup
 * and restore: the reader's own data on the command line. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"
#include "search/backup.h"
#include "search/decide.h"
#include "search/export.h"
#include "search/query.h"
#include "search/search.h"
#include "storage/user.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/json.h"
#include "util/xmalloc.h"

/* Prints s made safe for the terminal, without a newline. */
static void
cmd_put(const char *s, int keep_newlines)
{
	char *t = utf8_sanitize(s ? s : "", keep_newlines);

	fputs(t, stdout);
	free(t);
}

/* Prints s made safe for the terminal in exactly width characters: cut at a
 * character boundary, or padded with spaces. */
static void
cmd_put_column(const char *s, size_t width)
{
	char *t = utf8_sanitize(s, 0);
	size_t i = 0, n = 0;

	while (t[i] != '\0' && n < width) {
		i++;
		while (((unsigned char)t[i] & 0xc0) == 0x80)
			i++;
		n++;
	}
	fwrite(t, 1, i, stdout);
	for (; n < width; n++)
		putchar(' ');
	free(t);
}

/* Joins argv[from..argc) with spaces into a string the caller owns. */
static char *
cmd_join(int argc, char **argv, int from)
{
	struct buf b = BUF_INIT;
	int i;

	buf_add(&b, "", 0);
	for (i = from; i < argc; i++) {
		if (i > from)
			buf_addc(&b, ' ');
		buf_adds(&b, argv[i]);
	}
	return buf_detach(&b);
}

/* Prints a JSON value on stdout and frees it. */
static int
cmd_print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(j);
	if (s == NULL)
		return cli_fail(xstrdup("cannot write JSON"));
	json_fputs(s, stdout);
	putchar('\n');
	free(s);
	return 0;
}

static json_t *
cmd_json_str(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* Parses a positive number option; 0 after printing an error. */
static long
cmd_number(const char *verb, const char *opt, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v <= 0 || errno != 0) {
		cli_error("%s: %s wants a positive number, not '%s'", verb, opt, s);
		return 0;
	}
	return v;
}

/* --- tag, untag --- */

static int
cmd_tag_common(struct cli *c, int argc, char **argv, int add)
{
	struct store *st;
	char *cause = NULL, **tags;
	long long id;
	int i, removed;

	if (argc < 3) {
		cli_usage(stderr, argv[0]);
		return 2;
	}
	if ((id = cli_parse_id(argv[1])) == 0)
		return 2;
	if ((st = cli_store(c)) == NULL)
		return 1;
	if (store_begin(st, &cause) != 0)
		return cli_fail(cause);
	for (i = 2; i < argc; i++) {
		if (add ? store_tag_add(st, id, argv[i], &cause)
		        : store_tag_remove(st, id, argv[i], &removed, &cause)) {
			store_rollback(st);
			return cli_fail(cause);
		}
		if (!add && !removed)
			cli_error("untag: article %lld has no tag '%s'", id, argv[i]);
	}
	if (store_commit(st, &cause) != 0 || store_tag_list(st, id, &tags, NULL, &cause) != 0)
		return cli_fail(cause);
	printf("%lld:", id);
	for (i = 0; tags[i] != NULL; i++) {
		putchar(' ');
		cmd_put(tags[i], 0);
	}
	putchar('\n');
	store_strv_free(tags);
	return 0;
}

int
cmd_tag(struct cli *c, int argc, char **argv)
{
	return cmd_tag_common(c, argc, argv, 1);
}

int
cmd_untag(struct cli *c, int argc, char **argv)
{
	return cmd_tag_common(c, argc, argv, 0);
}

/* --- entity --- */

struct cmd_entity_ctx {
	int json;
	json_t *arr;
};

static int
cmd_entity_row(const struct store_entity *e, void *arg)
{
	struct cmd_entity_ctx *ec = arg;

	if (ec->json) {
		json_array_append_new(ec->arr, json_pack("{s:s, s:s, s:I, s:I, s:I}", "name",
		                                         e->name, "kind", e->kind, "mentions",
		                                         (json_int_t)e->mentions, "articles",
		                                         (json_int_t)e->articles, "statements",
		                                         (json_int_t)e->statements));
		return 0;
	}
	printf("%-8s %6lld %5lld  ", e->kind, (long long)e->mentions, (long long)e->articles);
	cmd_put(e->name, 0);
	putchar('\n');
	return 0;
}

static int
cmd_entity_list(struct cli *c, int argc, char **argv)
{
	struct cmd_entity_ctx ec = {0, NULL};
	const char *kind = NULL;
	struct store *st;
	char *cause = NULL;
	int i;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			ec.json = 1;
		else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc)
			kind = argv[++i];
		else {
			cli_error("entity list: unexpected '%s' (usage: entity list [--kind K] "
			          "[--json])",
			          argv[i]);
			return 2;
		}
	}
	if (kind != NULL && ent_kind_parse(kind) < 0) {
		cli_error("entity list: unknown kind '%s' (company, agency, country, place, "
		          "person, org)",
		          kind);
		return 2;
	}
	if ((st = cli_store(c)) == NULL)
		return 1;
	if (ec.json)
		ec.arr = json_array();
	else
		printf("%-8s %6s %5s  %s\n", "KIND", "MENTNS", "ARTS", "NAME");
	if (store_entity_list(st, kind, cmd_entity_row, &ec, &cause) != 0) {
		json_decref(ec.arr);
		return cli_fail(cause);
	}
	return ec.json ? cmd_print_json(ec.arr) : 0;
}

static int
cmd_entity_stmt(const struct store_statement *m, void *arg)
{
	printf("  [%lld] %s", (long long)m->article_id, m->direct ? "\"" : "");
	cmd_put(m->text, 0);
	printf("%s\n", m->direct ? "\"" : "");
	return 0;
}

static int
cmd_entity_show(struct cli *c, const char *name)
{
	struct store *st;
	struct store_decision *dec;
	char *cause = NULL, *canon = NULL, *kind = NULL, **aliases = NULL;
	int64_t id, *ids = NULL;
	size_t n, i, nd;
	int rc = 1;

	if ((st = cli_store(c)) == NULL)
		return 1;
	if ((id = store_entity_find(st, name, &canon, &kind, &cause)) < 0)
		return cli_fail(cause);
	if (id == 0) {
		cli_error("entity show: no entity called '%s' (entity list shows them)", name);
		return 1;
	}
	if (store_entity_aliases(st, id, &aliases, &cause) != 0 ||
	    store_entity_articles(st, id, &ids, &n, &cause) != 0 ||
	    store_decision_list(st, &dec, &nd, &cause) != 0)
		goto out;
	cmd_put(canon, 0);
	printf("\nkind: %s\naliases:", kind);
	for (i = 0; aliases[i] != NULL; i++) {
		printf(i ? ", " : " ");
		cmd_put(aliases[i], 0);
	}
	printf("\ndecisions:");
	for (i = 0; i < nd; i++) {
		if (strcasecmp(dec[i].name, canon) != 0 && strcasecmp(dec[i].name, name) != 0) {
			/* what was merged into it is part of its story too */
			if (dec[i].action == STORE_DECIDE_MERGE &&
			    strcasecmp(dec[i].value, canon) == 0) {
				printf(" merged from ");
				cmd_put(dec[i].name, 0);
				putchar(';');
			}
			continue;
		}
		printf(" %s", store_decision_name(dec[i].action));
		if (dec[i].value != NULL) {
			putchar(' ');
			cmd_put(dec[i].value, 0);
		}
		if (dec[i].article_id > 0)
			printf(" (article %lld)", (long long)dec[i].article_id);
		putchar(';');
	}
	store_decision_free(dec, nd);
	printf("\narticles (%zu):\n", n);
	for (i = 0; i < n; i++) {
		struct doc d;

		if (store_article_get(st, ids[i], &d, &cause) != 0)
			goto out;
		printf("  %6lld  ", (long long)ids[i]);
		cmd_put(d.title, 0);
		putchar('\n');
		doc_free(&d);
	}
	printf("statements by it:\n");
	if (store_statement_list(st, 0, id, cmd_entity_stmt, NULL, &cause) != 0)
		goto out;
	rc = 0;
out:
	free(canon);
	free(kind);
	free(ids);
	store_strv_free(aliases);
	return rc ? cli_fail(cause) : 0;
}

static int
cmd_entity_decide(struct cli *c, int argc, char **argv)
{
	struct store_decision dec;
	struct store *st;
	char *cause = NULL;
	int a = store_decision_parse(argv[1]), need = a >= STORE_DECIDE_KIND ? 4 : 3;
	size_t n;
	int64_t known;

	memset(&dec, 0, sizeof(dec));
	dec.action = (enum store_decision_action)a;
	if (a == STORE_DECIDE_REJECT && argc == 5 && strcmp(argv[3], "--article") == 0) {
		if ((dec.article_id = cli_parse_id(argv[4])) == 0)
			return 2;
		argc = 3;
	}
	if (argc != need) {
		cli_error("entity %s: expected %s", argv[1],
		          a == STORE_DECIDE_KIND     ? "NAME KIND"
		          : a == STORE_DECIDE_MERGE  ? "NAME INTO"
		          : a == STORE_DECIDE_ALIAS  ? "NAME ALIAS"
		          : a == STORE_DECIDE_REJECT ? "NAME [--article ID]"
		                                     : "NAME");
		return 2;
	}
	dec.name = argv[2];
	dec.value = need == 4 ? argv[3] : NULL;
	if (a == STORE_DECIDE_KIND && ent_kind_parse(dec.value) < 0) {
		cli_error(
		    "entity kind: unknown kind '%s' (company, agency, country, place, person, "
		    "org)",
		    dec.value);
		return 2;
	}
	if ((st = cli_store(c)) == NULL)
		return 1;
	if ((known = store_entity_find(st, dec.name, NULL, NULL, &cause)) < 0)
		return cli_fail(cause);
	if (decide_record(st, &dec, &n, &cause) != 0)
		return cli_fail(cause);
	if (known == 0)
		cli_error("entity %s: no entity called '%s' yet; the decision applies when one "
		          "appears",
		          argv[1], dec.name);
	printf("%s '", argv[1]);
	cmd_put(dec.name, 0);
	printf("': %zu article%s analyzed again\n", n, n == 1 ? "" : "s");
	return 0;
}

int
cmd_entity(struct cli *c, int argc, char **argv)
{
	if (argc < 2) {
		cli_usage(stderr, "entity");
		return 2;
	}
	if (strcmp(argv[1], "list") == 0)
		return cmd_entity_list(c, argc, argv);
	if (strcmp(argv[1], "show") == 0) {
		if (argc != 3) {
			cli_error("entity show: expected NAME");
			return 2;
		}
		return cmd_entity_show(c, argv[2]);
	}
	if (store_decision_parse(argv[1]) >= 0)
		return cmd_entity_decide(c, argc, argv);
	cli_error("entity: unknown action '%s' (list, show, confirm, reject, kind, merge, alias)",
	          argv[1]);
	return 2;
}

/* --- note --- */

/* Prints one note for note list. */
static void
cmd_note_print(const struct store_note *n)
{
	printf("note %lld on article %lld", (long long)n->id, (long long)n->article_id);
	if (n->para < 0)
		printf(" (whole article)");
	else
		printf(", paragraph %d%s", n->para, n->orphaned ? " [orphaned: text gone]" : "");
	putchar('\n');
	if (n->exact != NULL) {
		printf("  > ");
		cmd_put(n->exact, 0);
		putchar('\n');
	}
	printf("  ");
	cmd_put(n->body, 1);
	putchar('\n');
}

static int
cmd_note_list(struct cli *c, int argc, char **argv)
{
	struct store *st;
	struct store_note *v;
	char *cause = NULL;
	long long id = 0;
	size_t n, i;

	if (argc > 3) {
		cli_error("note list: expected at most one article id");
		return 2;
	}
	if (argc == 3 && (id = cli_parse_id(argv[2])) == 0)
		return 2;
	if ((st = cli_store(c)) == NULL)
		return 1;
	if (store_note_list(st, id, &v, &n, &cause) != 0)
		return cli_fail(cause);
	for (i = 0; i < n; i++)
		cmd_note_print(&v[i]);
	store_note_free(v, n);
	return 0;
}

/* Finds quote in d: the first occurrence in the body, else in the headline. */
static int
cmd_note_find(const struct doc *d, const char *quote, int *para, size_t *start)
{
	size_t p;
	const char *hit;

	for (p = 1; p <= d->npara; p++) {
		size_t k = p % d->npara;

		if ((hit = strstr(d->paras[k].text, quote)) != NULL) {
			*para = (int)k;
			*start = (size_t)(hit - d->paras[k].text);
			return 0;
		}
	}
	return -1;
}

static int
cmd_note_add(struct cli *c, int argc, char **argv)
{
	struct store_note n;
	struct store *st;
	struct doc d;
	const char *quote = NULL;
	char *cause = NULL;
	long para = -1;
	long long id;
	size_t start = 0;
	int i = 2, p = -1;

	if ((id = cli_parse_id(argv[1])) == 0)
		return 2;
	for (; i < argc; i++) {
		if (strcmp(argv[i], "--paragraph") == 0 && i + 1 < argc) {
			if ((para = cmd_number("note", "--paragraph", argv[++i])) == 0)
				return 2;
		} else if (strcmp(argv[i], "--quote") == 0 && i + 1 < argc)
			quote = argv[++i];
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else
			break;
	}
	if (para > 0 && quote != NULL) {
		cli_error("note: give --paragraph or --quote, not both");
		return 2;
	}
	if (i >= argc) {
		cli_error("note: expected the text of the note after the article id");
		return 2;
	}
	if ((st = cli_store(c)) == NULL)
		return 1;
	if (store_article_get(st, id, &d, &cause) != 0)
		return cli_fail(cause);
	memset(&n, 0, sizeof(n));
	n.para = -1;
	n.article_id = id;
	if (para > 0) {
		if ((size_t)para >= d.npara || d.paras[para].text[0] == '\0') {
			cli_error("note: article %lld has no paragraph %ld (it has %zu)", id, para,
			          d.npara > 0 ? d.npara - 1 : 0);
			doc_free(&d);
			return 1;
		}
		p = (int)para;
		start = 0;
		if (store_note_anchor(&n, &d, p, 0, strlen(d.paras[p].text), &cause) != 0)
			goto fail;
	} else if (quote != NULL) {
		if (quote[0] == '\0' || cmd_note_find(&d, quote, &p, &start) != 0) {
			cli_error("note: article %lld does not contain \"%s\"", id, quote);
			doc_free(&d);
			return 1;
		}
		if (store_note_anchor(&n, &d, p, start, start + strlen(quote), &cause) != 0)
			goto fail;
	}
	n.body = cmd_join(argc, argv, i);
	if (store_note_add(st, &n, &cause) != 0)
		goto fail;
	printf("note %lld on article %lld\n", (long long)n.id, id);
	store_note_clear(&n);
	doc_free(&d);
	return 0;
fail:
	store_note_clear(&n);
	doc_free(&d);
	return cli_fail(cause);
}

int
cmd_note(struct cli *c, int argc, char **argv)
{
	struct store *st;
	char *cause = NULL, *body;
	long long id;
	int rc;

	if (argc < 2) {
		cli_usage(stderr, "note");
		return 2;
	}
	if (strcmp(argv[1], "list") == 0)
		return cmd_note_list(c, argc, argv);
	if (strcmp(argv[1], "edit") == 0 || strcmp(argv[1], "delete") == 0) {
		int edit = argv[1][0] == 'e';

		if (edit ? argc < 4 : argc != 3) {
			cli_error("note %s: expected NOTE_ID%s", argv[1], edit ? " TEXT" : "");
			return 2;
		}
		if ((id = cmd_number("note", argv[1], argv[2])) == 0)
			return 2;
		if ((st = cli_store(c)) == NULL)
			return 1;
		if (edit) {
			body = cmd_join(argc, argv, 3);
			rc = store_note_set_body(st, id, body, &cause);
			free(body);
		} else
			rc = store_note_delete(st, id, &cause);
		if (rc != 0)
			return cli_fail(cause);
		printf("note %lld %s\n", id, edit ? "edited" : "deleted");
		return 0;
	}
	return cmd_note_add(c, argc, argv);
}

/* --- search, save-search --- */

/* Prints a snippet, its matches in bold on a terminal, else between '*'. */
static void
cmd_snippet(const char *s, int color)
{
	struct buf b = BUF_INIT;
	char *t;

	buf_add(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (*s == SEARCH_HL_ON || *s == SEARCH_HL_OFF) {
			t = utf8_sanitize(buf_str(&b), 0);
			fputs(t, stdout);
			free(t);
			buf_reset(&b);
			buf_add(&b, "", 0);
			if (color)
				fputs(*s == SEARCH_HL_ON ? "\033[1m" : "\033[0m", stdout);
			else
				putchar('*');
			continue;
		}
		buf_addc(&b, *s);
	}
	t = utf8_sanitize(buf_str(&b), 0);
	fputs(t, stdout);
	free(t);
	buf_free(&b);
}

/* Copies s without highlight marks; *marks gets [start, end) byte pairs. */
static json_t *
cmd_snippet_json(const char *s, json_t **marks)
{
	struct buf b = BUF_INIT;
	size_t from = 0;
	json_t *r;

	*marks = json_array();
	if (s == NULL)
		return json_null();
	buf_add(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (*s == SEARCH_HL_ON)
			from = b.len;
		else if (*s == SEARCH_HL_OFF)
			json_array_append_new(
			    *marks, json_pack("[I, I]", (json_int_t)from, (json_int_t)b.len));
		else
			buf_addc(&b, *s);
	}
	r = json_string(buf_str(&b));
	buf_free(&b);
	return r;
}

int
cmd_search(struct cli *c, int argc, char **argv)
{
	struct search_page page;
	struct store *st;
	struct buf q = BUF_INIT;
	char *cause = NULL, day[32];
	long limit = 20, offset = 0;
	int i, json = 0, opts = 1;
	size_t k;

	buf_add(&q, "", 0);
	/* options anywhere; anything else, "-word" included, is the query */
	for (i = 1; i < argc; i++) {
		if (opts && strcmp(argv[i], "--") == 0)
			opts = 0;
		else if (opts && strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (opts &&
		         (strcmp(argv[i], "--limit") == 0 || strcmp(argv[i], "--offset") == 0)) {
			long *v = argv[i][2] == 'l' ? &limit : &offset;

			if (i + 1 >= argc) {
				cli_error("search: %s wants a number", argv[i]);
				return 2;
			}
			if ((*v = cmd_number("search", argv[i], argv[i + 1])) == 0) {
				buf_free(&q);
				return 2;
			}
			i++;
		} else {
			if (q.len > 0)
				buf_addc(&q, ' ');
			buf_adds(&q, argv[i]);
		}
	}
	if (q.len == 0) {
		cli_usage(stderr, "search");
		buf_free(&q);
		return 2;
	}
	if ((st = cli_store(c)) == NULL) {
		buf_free(&q);
		return 1;
	}
	if (search_run(st, buf_str(&q), (size_t)offset, (size_t)limit, &page, &cause) != 0) {
		buf_free(&q);
		return cli_fail(cause);
	}
	buf_free(&q);
	if (json) {
		json_t *arr = json_array(), *marks, *o;

		for (k = 0; k < page.n; k++) {
			const struct search_hit *h = &page.hits[k];

			cli_date(h->time, day, sizeof(day));
			o = json_pack("{s:I, s:s, s:o, s:o, s:s, s:b, s:f}", "id",
			              (json_int_t)h->id, "title", h->title, "url",
			              cmd_json_str(h->url), "feed", cmd_json_str(h->feed), "date",
			              day, "unread", h->unread, "score", h->score);
			json_object_set_new(o, "snippet", cmd_snippet_json(h->snippet, &marks));
			json_object_set_new(o, "marks", marks);
			json_array_append_new(arr, o);
		}
		search_page_free(&page);
		return cmd_print_json(arr);
	}
	for (k = 0; k < page.n; k++) {
		const struct search_hit *h = &page.hits[k];

		cli_date(h->time, day, sizeof(day));
		printf("%6lld %c %s  ", (long long)h->id, h->unread ? 'N' : ' ', day);
		cmd_put_column(h->feed ? h->feed : "(imported)", 20);
		printf("  ");
		cmd_put(h->title, 0);
		putchar('\n');
		if (h->snippet != NULL && h->snippet[0] != '\0') {
			printf("         ");
			cmd_snippet(h->snippet, c->color);
			putchar('\n');
		}
	}
	if (page.n == 0)
		cli_error("search: no article matches");
	if (page.more)
		printf("(more: --offset %zu)\n", (size_t)offset + page.n);
	search_page_free(&page);
	return 0;
}

int
cmd_save_search(struct cli *c, int argc, char **argv)
{
	struct store_saved_search *v;
	struct query_node *q;
	struct store *st;
	char *cause = NULL, *query;
	size_t n, i;
	int rc;

	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		if ((st = cli_store(c)) == NULL)
			return 1;
		if (store_saved_search_list(st, &v, &n, &cause) != 0)
			return cli_fail(cause);
		for (i = 0; i < n; i++) {
			cmd_put(v[i].name, 0);
			putchar('\t');
			cmd_put(v[i].query, 0);
			putchar('\n');
		}
		store_saved_search_free(v, n);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--delete") == 0) {
		if ((st = cli_store(c)) == NULL)
			return 1;
		if ((rc = store_saved_search_delete(st, argv[2], &cause)) < 0)
			return cli_fail(cause);
		if (rc == 0) {
			cli_error("save-search: no saved search called '%s'", argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc < 3 || argv[1][0] == '-') {
		cli_error("save-search: expected NAME QUERY, --list or --delete NAME");
		return 2;
	}
	query = cmd_join(argc, argv, 2);
	if (query_parse(query, (int64_t)time(NULL), &q, &cause) != 0) {
		char *why = xasprintf("save-search: %s", cause);

		free(cause);
		free(query);
		return cli_fail(why);
	}
	query_free(q);
	if ((st = cli_store(c)) == NULL) {
		free(query);
		return 1;
	}
	rc = store_saved_search_put(st, argv[1], query, &cause);
	free(query);
	return rc != 0 ? cli_fail(cause) : 0;
}

/* --- export, backup, restore --- */

int
cmd_export(struct cli *c, int argc, char **argv)
{
	struct buf q = BUF_INIT;
	struct store *st;
	const char *outpath = NULL;
	char *cause = NULL;
	FILE *out = stdout;
	int i, fmt = -1, rc;

	buf_add(&q, "", 0);
	for (i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "--format") == 0 || strcmp(argv[i], "-f") == 0) &&
		    i + 1 < argc) {
			if ((fmt = export_format_parse(argv[++i])) < 0) {
				cli_error("export: unknown format '%s' (md, json or csv)", argv[i]);
				buf_free(&q);
				return 2;
			}
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			outpath = argv[++i];
		else {
			if (q.len > 0)
				buf_addc(&q, ' ');
			buf_adds(&q, argv[i]);
		}
	}
	if (fmt < 0) {
		cli_error("export: --format md|json|csv is needed");
		buf_free(&q);
		return 2;
	}
	if ((st = cli_store(c)) == NULL) {
		buf_free(&q);
		return 1;
	}
	if (outpath != NULL && (out = fopen(outpath, "w")) == NULL) {
		cli_error("export: %s: %s", outpath, strerror(errno));
		buf_free(&q);
		return 1;
	}
	rc = export_write(st, buf_str(&q), (enum export_format)fmt, out, &cause);
	buf_free(&q);
	if (outpath != NULL && fclose(out) != 0 && rc == 0) {
		cause = xasprintf("export: %s: %s", outpath, strerror(errno));
		rc = -1;
	}
	if (rc != 0 && outpath != NULL)
		remove(outpath);
	return rc != 0 ? cli_fail(cause) : 0;
}

int
cmd_backup(struct cli *c, int argc, char **argv)
{
	struct store *st;
	char *cause = NULL, *tmp;
	FILE *out;
	int rc;

	if (argc != 2) {
		cli_usage(stderr, "backup");
		return 2;
	}
	if ((st = cli_store(c)) == NULL)
		return 1;
	/* written beside the target, then renamed: a failed backup leaves the old one */
	tmp = xasprintf("%s.tmp", argv[1]);
	if ((out = fopen(tmp, "w")) == NULL) {
		cli_error("backup: %s: %s", tmp, strerror(errno));
		free(tmp);
		return 1;
	}
	rc = backup_write(st, out, &cause);
	if (fclose(out) != 0 && rc == 0) {
		cause = xasprintf("backup: %s: %s", tmp, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, argv[1]) != 0) {
		cause = xasprintf("backup: %s: %s", argv[1], strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		remove(tmp);
	free(tmp);
	return rc != 0 ? cli_fail(cause) : 0;
}

int
cmd_restore(struct cli *c, int argc, char **argv)
{
	struct backup_counts k;
	struct store *st;
	char *cause = NULL;

	if (argc != 2) {
		cli_usage(stderr, "restore");
		return 2;
	}
	if ((st = cli_store(c)) == NULL)
		return 1;
	if (backup_restore(st, argv[1], &k, &cause) != 0)
		return cli_fail(cause);
	printf("restored %zu subscriptions, %zu saved searches, %zu entity decisions, "
	       "data of %zu articles; %zu articles not here yet (their tags, notes and read "
	       "state wait for them)\n",
	       k.feeds, k.saved_searches, k.decisions, k.articles, k.pending);
	return 0;
}
