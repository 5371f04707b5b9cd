/* cmd_article.c - import, list, show and mark: articles on the command line. */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"
#include "pipeline.h"
#include "text/import.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static int
cmd_is_opml(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot != NULL && strcasecmp(dot, ".opml") == 0;
}

/* Imports one file in its own transaction; returns 0 or 1 (an error was printed). */
static int
cmd_import_one(struct store *st, const char *path, const char *key, int quiet)
{
	struct doc d;
	char *cause = NULL;
	size_t nbad = 0;
	int64_t id;
	int status;

	if (import_file(path, &d, &nbad, &cause) != 0)
		return cli_fail(cause);
	if (nbad > 0)
		cli_error("%s: %zu invalid UTF-8 sequence%s replaced", path, nbad,
		          nbad == 1 ? "" : "s");
	if (key != NULL)
		doc_set(&d.key, key);
	if (store_begin(st, &cause) != 0 || pipeline_put(st, &d, 0, &id, &status, &cause) != 0 ||
	    store_commit(st, &cause) != 0) {
		store_rollback(st);
		doc_free(&d);
		return cli_fail(cause);
	}
	if (!quiet) {
		char *title = utf8_sanitize(d.title, 0);

		printf("%lld\t%s\t%s\n", (long long)id,
		       status == STORE_PUT_NEW       ? "new"
		       : status == STORE_PUT_CHANGED ? "updated"
		                                     : "unchanged",
		       title);
		free(title);
	}
	doc_free(&d);
	return 0;
}

int
cmd_import(struct cli *c, int argc, char **argv)
{
	struct store *st;
	int i, failed = 0;

	if (argc < 2) {
		cli_usage(stderr, "import");
		return 2;
	}
	if ((st = cli_store(c)) == NULL)
		return 1;
	for (i = 1; i < argc; i++) {
		if (cmd_is_opml(argv[i]))
			failed |= cmd_import_opml(c, argv[i]) != 0;
		else
			failed |= cmd_import_one(st, argv[i], NULL, 0);
	}
	return failed;
}

int
cli_load_demo(struct store *st, char **cause)
{
	char *dir = xasprintf("%s/demo", cli_datadir()), *path, *key;
	struct dirent **names;
	int n, i, failed = 0;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		*cause = xasprintf("%s: cannot read the demo folder", dir);
		free(dir);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *dot = strrchr(names[i]->d_name, '.');

		if (names[i]->d_name[0] != '.' && dot != NULL &&
		    (strcmp(dot, ".txt") == 0 || strcmp(dot, ".html") == 0)) {
			path = xasprintf("%s/%s", dir, names[i]->d_name);
			key = xasprintf("demo:%s", names[i]->d_name);
			failed |= cmd_import_one(st, path, key, 1);
			free(key);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	free(dir);
	if (failed)
		*cause = xstrdup("some demo articles could not be loaded");
	return failed ? -1 : 0;
}

struct cmd_list_ctx {
	int json;
	int first;
	struct buf out;
};

static int
cmd_list_row(const struct store_row *r, void *arg)
{
	struct cmd_list_ctx *lc = arg;
	char date[32], *title, *feed;

	if (lc->json) {
		buf_adds(&lc->out, lc->first ? "\n  " : ",\n  ");
		lc->first = 0;
		buf_printf(&lc->out, "{\"id\": %lld, \"title\": ", (long long)r->id);
		json_str(&lc->out, r->title);
		buf_adds(&lc->out, ", \"url\": ");
		json_str(&lc->out, r->url);
		buf_adds(&lc->out, ", \"feed\": ");
		json_str(&lc->out, r->feed);
		buf_adds(&lc->out, ", \"time\": ");
		json_time(&lc->out, r->time);
		buf_printf(&lc->out, ", \"unread\": %s, \"tags\": ", r->unread ? "true" : "false");
		json_str(&lc->out, r->tags ? r->tags : "");
		buf_addc(&lc->out, '}');
		fputs(buf_str(&lc->out), stdout);
		buf_reset(&lc->out);
		return 0;
	}
	cli_date(r->time, date, sizeof(date));
	title = utf8_sanitize(r->title ? r->title : "", 0);
	feed = utf8_sanitize(r->feed ? r->feed : r->imported ? "(imported)" : "", 0);
	printf("%6lld %c %s  %-20.20s  %s\n", (long long)r->id, r->unread ? 'N' : ' ', date, feed,
	       title);
	free(title);
	free(feed);
	return 0;
}

int
cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unread", no_argument, NULL, 'u'},      {"feed", required_argument, NULL, 'f'},
	    {"limit", required_argument, NULL, 'n'}, {"json", no_argument, NULL, 'j'},
	    {"sort", required_argument, NULL, 's'},  {NULL, 0, NULL, 0},
	};
	struct store_filter f;
	struct cmd_list_ctx lc;
	struct store *st;
	char *cause = NULL;
	long limit = 0;
	int ch;

	memset(&f, 0, sizeof(f));
	memset(&lc, 0, sizeof(lc));
	lc.first = 1;
	while ((ch = getopt_long(argc, argv, "un:j", opts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			f.unread_only = 1;
			break;
		case 'f':
			f.feed_id =
			    strcmp(optarg, "imported") == 0 ? STORE_FEED_IMPORTED : atoll(optarg);
			break;
		case 'n':
			limit = atol(optarg);
			if (limit <= 0) {
				cli_error("list: --limit wants a positive number, not '%s'",
				          optarg);
				return 2;
			}
			break;
		case 'j':
			lc.json = 1;
			break;
		case 's':
			if (strcmp(optarg, "date") == 0)
				f.sort = STORE_SORT_DATE;
			else if (strcmp(optarg, "feed") == 0)
				f.sort = STORE_SORT_FEED;
			else {
				cli_error("list: --sort takes date or feed, not '%s'", optarg);
				return 2;
			}
			break;
		default:
			cli_usage(stderr, "list");
			return 2;
		}
	}
	if (optind < argc) {
		cli_error("list: unexpected argument '%s'", argv[optind]);
		return 2;
	}
	if ((st = cli_store(c)) == NULL)
		return 1;
	if (lc.json)
		fputs("[", stdout);
	if (store_article_list(st, &f, 0, (size_t)limit, cmd_list_row, &lc, &cause) != 0) {
		buf_free(&lc.out);
		return cli_fail(cause);
	}
	if (lc.json)
		fputs(lc.first ? "]\n" : "\n]\n", stdout);
	buf_free(&lc.out);
	return 0;
}

static void
cmd_show_json(const struct doc *d, long long id)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_printf(&b, "{\"id\": %lld, \"key\": ", id);
	json_str(&b, d->key);
	buf_adds(&b, ", \"title\": ");
	json_str(&b, d->title);
	buf_adds(&b, ", \"url\": ");
	json_str(&b, d->url);
	buf_adds(&b, ", \"author\": ");
	json_str(&b, d->author);
	buf_adds(&b, ", \"published\": ");
	json_time(&b, d->published);
	buf_adds(&b, ", \"paragraphs\": [");
	for (i = 1; i < d->npara; i++) {
		buf_adds(&b, i > 1 ? ", " : "");
		json_str(&b, d->paras[i].text);
	}
	buf_adds(&b, "], \"links\": [");
	for (i = 0; i < d->nlinks; i++) {
		buf_adds(&b, i > 0 ? ", " : "");
		json_str(&b, d->links[i]);
	}
	buf_adds(&b, "]}\n");
	fputs(buf_str(&b), stdout);
	buf_free(&b);
}

static void
cmd_show_text(const struct doc *d)
{
	char *s;
	size_t i;

	s = utf8_sanitize(d->title ? d->title : "", 0);
	printf("%s\n", s);
	free(s);
	if (d->url != NULL) {
		s = utf8_sanitize(d->url, 0);
		printf("%s\n", s);
		free(s);
	}
	for (i = 1; i < d->npara; i++) {
		s = utf8_sanitize(d->paras[i].text, 1);
		printf("\n%s\n", s);
		free(s);
	}
	if (d->nlinks > 0)
		printf("\nLinks:\n");
	for (i = 0; i < d->nlinks; i++) {
		s = utf8_sanitize(d->links[i], 0);
		printf("[%zu] %s\n", i + 1, s);
		free(s);
	}
}

int
cmd_show(struct cli *c, int argc, char **argv)
{
	struct store *st;
	struct doc d;
	char *cause = NULL;
	long long id;
	int json = 0, i;
	const char *ids = NULL;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (ids == NULL)
			ids = argv[i];
		else {
			cli_usage(stderr, "show");
			return 2;
		}
	}
	if (ids == NULL) {
		cli_usage(stderr, "show");
		return 2;
	}
	if ((id = cli_parse_id(ids)) == 0)
		return 2;
	if ((st = cli_store(c)) == NULL)
		return 1;
	if (store_article_get(st, id, &d, &cause) != 0)
		return cli_fail(cause);
	if (json)
		cmd_show_json(&d, id);
	else
		cmd_show_text(&d);
	doc_free(&d);
	return 0;
}

int
cmd_mark(struct cli *c, int argc, char **argv)
{
	struct store *st;
	char *cause = NULL;
	long long id;
	int i, unread;

	if (argc < 3 || (strcmp(argv[1], "read") != 0 && strcmp(argv[1], "unread") != 0)) {
		cli_usage(stderr, "mark");
		return 2;
	}
	unread = strcmp(argv[1], "unread") == 0;
	for (i = 2; i < argc; i++)
		if (cli_parse_id(argv[i]) == 0)
			return 2;
	if ((st = cli_store(c)) == NULL)
		return 1;
	if (store_begin(st, &cause) != 0)
		return cli_fail(cause);
	for (i = 2; i < argc; i++) {
		id = cli_parse_id(argv[i]);
		if (store_article_set_unread(st, id, unread, &cause) != 0) {
			store_rollback(st);
			return cli_fail(cause);
		}
	}
	if (store_commit(st, &cause) != 0)
		return cli_fail(cause);
	return 0;
}
