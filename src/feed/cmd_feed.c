/* cmd_feed.c - add, remove, feeds, fetch, export-opml and OPML import. */
#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "feed/fetch.h"
#include "feed/opml.h"
#include "feed/urls.h"
#include "storage/feeds.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* Prints s, made safe for a terminal, then suffix. */
static void
cmd_put(const char *s, const char *suffix)
{
	char *t = utf8_sanitize(s ? s : "", 0);

	fputs(t, stdout);
	fputs(suffix, stdout);
	free(t);
}

int
cmd_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"tag", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0},
	};
	struct store *st;
	char **tags = NULL, *cause = NULL;
	size_t ntags = 0, i;
	int64_t id;
	int ch, added;

	while ((ch = getopt_long(argc, argv, "t:", opts, NULL)) != -1) {
		if (ch != 't' || optarg[0] == '\0') {
			cli_usage(stderr, "add");
			free(tags);
			return 2;
		}
		tags = xreallocarray(tags, ntags + 1, sizeof(*tags));
		tags[ntags++] = optarg;
	}
	if (optind + 1 != argc) {
		cli_usage(stderr, "add");
		free(tags);
		return 2;
	}
	if (!urls_valid(argv[optind])) {
		cli_error("add: '%s' is not an http or https URL", argv[optind]);
		free(tags);
		return 2;
	}
	if (urls_sync(c) != 0 || (st = cli_store(c)) == NULL) {
		free(tags);
		return 1;
	}
	if (store_begin(st, &cause) != 0)
		goto fail;
	if (store_feed_add(st, argv[optind], "cli", &id, &added, &cause) != 0)
		goto fail;
	for (i = 0; i < ntags; i++)
		if (store_feed_add_tag(st, id, tags[i], &cause) != 0)
			goto fail;
	if (store_commit(st, &cause) != 0)
		goto fail;
	printf("%lld\t%s\t", (long long)id, added ? "added" : "already subscribed");
	cmd_put(argv[optind], "\n");
	free(tags);
	return 0;
fail:
	store_rollback(st);
	free(tags);
	return cli_fail(cause);
}

int
cmd_remove(struct cli *c, int argc, char **argv)
{
	struct store *st;
	struct urls_list l;
	char *cause = NULL, *path;
	size_t ndel = 0, i;
	int64_t id;

	if (argc != 2) {
		cli_usage(stderr, "remove");
		return 2;
	}
	if (urls_sync(c) != 0 || (st = cli_store(c)) == NULL)
		return 1;
	if (store_feed_find(st, argv[1], &id, &cause) != 0)
		return cli_fail(cause);
	if (id == 0) {
		char *s = utf8_sanitize(argv[1], 0);

		cli_error("remove: no feed '%s' ('newsroom feeds' lists them)", s);
		free(s);
		return 1;
	}
	if (store_begin(st, &cause) != 0 || store_feed_remove(st, id, &ndel, &cause) != 0 ||
	    store_commit(st, &cause) != 0) {
		store_rollback(st);
		return cli_fail(cause);
	}
	printf("%lld\tremoved\t", (long long)id);
	cmd_put(argv[1], "");
	printf("\t%zu article%s deleted (those other feeds carry, or with your tags or notes, "
	       "are kept)\n",
	       ndel, ndel == 1 ? "" : "s");
	/* a feed the urls file lists would come back with the next sync */
	if ((path = urls_path(c)) != NULL && urls_read(path, &l, &cause) == 0) {
		for (i = 0; i < l.n; i++)
			if (strcmp(l.v[i].url, argv[1]) == 0)
				cli_error(
				    "note: %s still lists it; remove it there too, or it comes "
				    "back",
				    path);
		urls_free(&l);
	}
	free(cause);
	free(path);
	return 0;
}

static void
cmd_time(int64_t t, char *s, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		snprintf(s, n, "never");
	else
		strftime(s, n, "%Y-%m-%d %H:%M", &tm);
}

static void
cmd_feeds_json(const struct store_feed *v, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i, j;

	buf_addc(&b, '[');
	for (i = 0; i < n; i++) {
		const struct store_feed *f = &v[i];

		buf_printf(&b, "%s\n  {\"id\": %lld, \"title\": ", i ? "," : "", (long long)f->id);
		json_str(&b, f->user_title ? f->user_title : f->title);
		buf_adds(&b, ", \"feed_title\": ");
		json_str(&b, f->title);
		buf_adds(&b, ", \"url\": ");
		json_str(&b, f->url);
		buf_adds(&b, ", \"given_url\": ");
		json_str(&b, f->given_url);
		buf_adds(&b, ", \"site\": ");
		json_str(&b, f->site_link);
		buf_adds(&b, ", \"tags\": [");
		for (j = 0; j < f->ntags; j++) {
			buf_adds(&b, j ? ", " : "");
			json_str(&b, f->tags[j]);
		}
		buf_printf(&b, "], \"articles\": %lld, \"unread\": %lld, \"last_fetch\": ",
		           (long long)f->narticles, (long long)f->nunread);
		json_time(&b, f->last_fetch);
		buf_adds(&b, ", \"last_ok\": ");
		json_time(&b, f->last_ok);
		buf_adds(&b, ", \"error\": ");
		json_str(&b, f->last_error);
		buf_adds(&b, ", \"etag\": ");
		json_str(&b, f->etag);
		buf_adds(&b, ", \"last_modified\": ");
		json_str(&b, f->last_modified);
		buf_printf(&b, ", \"ttl_minutes\": %d, \"not_before\": ", f->ttl_minutes);
		json_time(&b, f->not_before);
		buf_adds(&b, ", \"origin\": ");
		json_str(&b, f->origin);
		buf_addc(&b, '}');
	}
	buf_adds(&b, n ? "\n]\n" : "]\n");
	fputs(buf_str(&b), stdout);
	buf_free(&b);
}

static void
cmd_feeds_text(const struct store_feed *v, size_t n)
{
	char when[32];
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct store_feed *f = &v[i];

		printf("%4lld  ", (long long)f->id);
		cmd_put(f->user_title ? f->user_title
		        : f->title    ? f->title
		                      : "(not fetched yet)",
		        "  ");
		cmd_put(f->url, "");
		for (j = 0; j < f->ntags; j++) {
			fputs(j ? ", " : "  [", stdout);
			cmd_put(f->tags[j], "");
		}
		cmd_time(f->last_fetch, when, sizeof(when));
		printf("%s\n      %lld article%s, %lld unread, fetched %s", f->ntags ? "]" : "",
		       (long long)f->narticles, f->narticles == 1 ? "" : "s", (long long)f->nunread,
		       when);
		if (f->last_error != NULL) {
			fputs(", error: ", stdout);
			cmd_put(f->last_error, "");
		} else if (f->last_fetch != 0)
			fputs(", ok", stdout);
		putchar('\n');
	}
}

int
cmd_feeds(struct cli *c, int argc, char **argv)
{
	struct store *st;
	struct store_feed *v;
	char *cause = NULL;
	size_t n;
	int json = 0;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--json") != 0)) {
		cli_usage(stderr, "feeds");
		return 2;
	}
	json = argc == 2;
	if (urls_sync(c) != 0 || (st = cli_store(c)) == NULL)
		return 1;
	if (store_feed_list(st, 1, &v, &n, &cause) != 0)
		return cli_fail(cause);
	if (json)
		cmd_feeds_json(v, n);
	else if (n == 0)
		printf("no feeds yet: 'newsroom add URL' subscribes to one\n");
	else
		cmd_feeds_text(v, n);
	store_feed_list_free(v, n);
	return 0;
}

/* Parses a positive number with an optional k/M/G suffix (binary), or returns 0. */
static size_t
cmd_size(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || s[0] == '-')
		return 0;
	if (*end == 'k' || *end == 'K')
		v <<= 10, end++;
	else if (*end == 'm' || *end == 'M')
		v <<= 20, end++;
	else if (*end == 'g' || *end == 'G')
		v <<= 30, end++;
	return *end == '\0' && v <= SIZE_MAX ? (size_t)v : 0;
}

static long
cmd_posnum(const char *verb, const char *opt, const char *s, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v <= 0 || v > max) {
		cli_error("%s: %s wants a number from 1 to %ld, not '%s'", verb, opt, max, s);
		return 0;
	}
	return v;
}

/* Picks the feeds named in argv (ids or URLs) out of all n; returns how many
 * were not found (each reported). */
static int
cmd_pick(const struct store_feed *all, size_t n, int argc, char **argv, struct store_feed *out,
         size_t *nout)
{
	size_t i, j;
	int missing = 0;
	long long id;
	char *end;

	*nout = 0;
	for (i = 0; i < (size_t)argc; i++) {
		id = strtoll(argv[i], &end, 10);
		for (j = 0; j < n; j++)
			if ((*end == '\0' && id == all[j].id) || strcmp(all[j].url, argv[i]) == 0 ||
			    strcmp(all[j].given_url, argv[i]) == 0)
				break;
		if (j == n) {
			char *s = utf8_sanitize(argv[i], 0);

			cli_error("fetch: no feed '%s' ('newsroom add URL' subscribes)", s);
			free(s);
			missing++;
		} else
			out[(*nout)++] = all[j];
	}
	return missing;
}

int
cmd_fetch(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"force", no_argument, NULL, 'f'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"per-host", required_argument, NULL, 'p'},
	    {"timeout", required_argument, NULL, 't'},
	    {"connect-timeout", required_argument, NULL, 'c'},
	    {"max-size", required_argument, NULL, 'm'},
	    {NULL, 0, NULL, 0},
	};
	struct fetch_opts o;
	struct fetch_stats s;
	struct store *st;
	struct store_feed *all = NULL, *pick = NULL;
	size_t n = 0, npick = 0;
	char *cause = NULL;
	int ch, missing = 0, rc;
	const char *verb = argv[0];

	fetch_opts_init(&o);
	o.progress = isatty(STDERR_FILENO);
	while ((ch = getopt_long(argc, argv, "fj:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			o.force = 1;
			break;
		case 'j':
			if ((o.jobs = (int)cmd_posnum(verb, "--jobs", optarg, 256)) == 0)
				return 2;
			break;
		case 'p':
			if ((o.per_host = (int)cmd_posnum(verb, "--per-host", optarg, 64)) == 0)
				return 2;
			break;
		case 't':
			if ((o.timeout_s = cmd_posnum(verb, "--timeout", optarg, 86400)) == 0)
				return 2;
			break;
		case 'c':
			if ((o.connect_timeout_s =
			         cmd_posnum(verb, "--connect-timeout", optarg, 86400)) == 0)
				return 2;
			break;
		case 'm':
			if ((o.max_size = cmd_size(optarg)) == 0) {
				cli_error(
				    "%s: --max-size wants a size in bytes (suffix k, M or G), "
				    "not '%s'",
				    verb, optarg);
				return 2;
			}
			break;
		default:
			cli_usage(stderr, verb);
			return 2;
		}
	}
	if (urls_sync(c) != 0 || (st = cli_store(c)) == NULL)
		return 1;
	if (store_feed_list(st, 0, &all, &n, &cause) != 0)
		return cli_fail(cause);
	if (optind < argc) {
		pick = xcalloc((size_t)(argc - optind), sizeof(*pick));
		missing = cmd_pick(all, n, argc - optind, argv + optind, pick, &npick);
	}
	if (n == 0) {
		printf("no feeds yet: 'newsroom add URL' subscribes to one\n");
		free(pick);
		store_feed_list_free(all, n);
		return missing > 0;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = fetch_run(st, pick ? pick : all, pick ? npick : n, &o, &s, &cause);
	curl_global_cleanup();
	free(pick);
	store_feed_list_free(all, n);
	if (rc != 0)
		return cli_fail(cause);
	printf("%zu feed%s fetched in %.1f s: %zu new article%s, %zu updated, %zu not modified, "
	       "%zu failed",
	       s.feeds, s.feeds == 1 ? "" : "s", s.elapsed_s, s.new_articles,
	       s.new_articles == 1 ? "" : "s", s.changed_articles, s.not_modified, s.failed);
	if (s.skipped > 0)
		printf("; %zu skipped (TTL or Retry-After not over; --force fetches them)",
		       s.skipped);
	putchar('\n');
	return s.failed > 0 || missing > 0;
}

int
cmd_export_opml(struct cli *c, int argc, char **argv)
{
	struct store *st;
	struct store_feed *v;
	struct buf b = BUF_INIT;
	const char *out = NULL;
	char *cause = NULL, *tmp;
	size_t n;
	FILE *f;
	int ch, err;

	while ((ch = getopt(argc, argv, "o:")) != -1) {
		if (ch != 'o') {
			cli_usage(stderr, "export-opml");
			return 2;
		}
		out = optarg;
	}
	if (optind != argc) {
		cli_usage(stderr, "export-opml");
		return 2;
	}
	if (urls_sync(c) != 0 || (st = cli_store(c)) == NULL)
		return 1;
	if (store_feed_list(st, 0, &v, &n, &cause) != 0)
		return cli_fail(cause);
	err = opml_write(v, n, &b, &cause);
	store_feed_list_free(v, n);
	if (err != 0)
		return cli_fail(cause);
	if (out == NULL || strcmp(out, "-") == 0) {
		fwrite(buf_str(&b), 1, b.len, stdout);
		buf_free(&b);
		return 0;
	}
	/* write beside the target and rename: a failed export leaves the old file */
	tmp = xasprintf("%s.tmp.%ld", out, (long)getpid());
	if ((f = fopen(tmp, "wb")) == NULL) {
		cli_error("%s: %s", tmp, strerror(errno));
		free(tmp);
		buf_free(&b);
		return 1;
	}
	err = fwrite(buf_str(&b), 1, b.len, f) != b.len;
	err |= fclose(f) != 0;
	buf_free(&b);
	if (err || rename(tmp, out) != 0) {
		cli_error("%s: cannot write: %s", out, strerror(errno));
		unlink(tmp);
		free(tmp);
		return 1;
	}
	free(tmp);
	return 0;
}

int
cmd_import_opml(struct cli *c, const char *path)
{
	struct urls_list l;
	struct store *st;
	struct buf b;
	char *cause = NULL;
	size_t i, j, nnew = 0;
	int64_t id;
	int added;

	if (urls_slurp(path, &b, &cause) != 0)
		return cli_fail(cause);
	if (opml_parse(buf_str(&b), b.len, path, &l, &cause) != 0) {
		buf_free(&b);
		return cli_fail(cause);
	}
	buf_free(&b);
	for (i = 0; i < l.nwarnings; i++) {
		char *s = utf8_sanitize(l.warnings[i], 0);

		cli_error("%s", s);
		free(s);
	}
	if ((st = cli_store(c)) == NULL) {
		urls_free(&l);
		return 1;
	}
	if (store_begin(st, &cause) != 0)
		goto fail;
	for (i = 0; i < l.n; i++) {
		if (store_feed_add(st, l.v[i].url, "opml", &id, &added, &cause) != 0)
			goto fail;
		nnew += added != 0;
		if (l.v[i].title != NULL &&
		    store_feed_default_title(st, id, l.v[i].title, &cause) != 0)
			goto fail;
		for (j = 0; j < l.v[i].ntags; j++)
			if (store_feed_add_tag(st, id, l.v[i].tags[j], &cause) != 0)
				goto fail;
	}
	if (store_commit(st, &cause) != 0)
		goto fail;
	cmd_put(path, "");
	printf(": %zu feed%s imported, %zu new\n", l.n, l.n == 1 ? "" : "s", nnew);
	urls_free(&l);
	return 0;
fail:
	store_rollback(st);
	urls_free(&l);
	return cli_fail(cause);
}
