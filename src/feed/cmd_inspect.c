/* cmd_inspect.c - inspect (a feed parsed, nothing stored) and render (HTML as text). */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "feed/feed.h"
#include "text/html.h"
#include "text/import.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define INSPECT_MAX_BYTES (32u << 20)

/* Prints s, made safe for a terminal, then end. */
static void
inspect_put(const char *s, int keep_newlines, const char *end)
{
	char *safe = utf8_sanitize(s, keep_newlines);

	fputs(safe, stdout);
	fputs(end, stdout);
	free(safe);
}

static size_t
inspect_write(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct buf *b = userdata;

	/* returning less than given makes curl stop with CURLE_WRITE_ERROR */
	return buf_add(b, ptr, size * nmemb) == 0 ? size * nmemb : 0;
}

/* Fetches url (one transfer, capped, with timeouts) into *data (the caller's);
 * *ctype and *final get the Content-Type and the URL after redirects (the
 * caller's, may be NULL). Returns 0, or -1 with *cause. */
static int
inspect_fetch(const char *url, char **data, size_t *len, char **ctype, char **final, char **cause)
{
	struct buf b;
	CURL *h;
	CURLcode rc;
	long status = 0;
	char errbuf[CURL_ERROR_SIZE] = "";
	const char *ct = NULL, *eff = NULL;

	buf_init(&b, INSPECT_MAX_BYTES);
	buf_add(&b, "", 0);
	if ((h = curl_easy_init()) == NULL) {
		*cause = xstrdup("cannot start libcurl");
		return -1;
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, inspect_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 8L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)INSPECT_MAX_BYTES);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, "newsroom/" PACKAGE_VERSION);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (rc != CURLE_OK || status >= 400) {
		if (rc == CURLE_WRITE_ERROR || rc == CURLE_FILESIZE_EXCEEDED)
			*cause = xasprintf("%s: larger than %u MiB", url, INSPECT_MAX_BYTES >> 20);
		else if (rc != CURLE_OK)
			*cause =
			    xasprintf("%s: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(rc));
		else
			*cause = xasprintf("%s: HTTP status %ld", url, status);
		curl_easy_cleanup(h);
		buf_free(&b);
		return -1;
	}
	curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
	*ctype = ct != NULL ? xstrdup(ct) : NULL;
	*final = xstrdup(eff != NULL ? eff : url);
	curl_easy_cleanup(h);
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
}

static void
inspect_json(const struct feed *f)
{
	struct buf b = BUF_INIT;
	size_t i, j;

	buf_adds(&b, "{\"feed\": {\"title\": ");
	json_str(&b, f->title);
	buf_adds(&b, ", \"link\": ");
	json_str(&b, f->link);
	buf_adds(&b, ", \"subtitle\": ");
	json_str(&b, f->subtitle);
	buf_adds(&b, ", \"updated\": ");
	json_time(&b, f->updated);
	buf_adds(&b, ", \"id\": ");
	json_str(&b, f->id);
	buf_adds(&b, ", \"author\": ");
	json_str(&b, f->author);
	buf_adds(&b, ", \"language\": ");
	json_str(&b, f->language);
	buf_adds(&b, "}, \"items\": [");
	for (i = 0; i < f->nitems; i++) {
		const struct feed_item *it = &f->items[i];

		buf_adds(&b, i > 0 ? ",\n  {\"id\": " : "\n  {\"id\": ");
		json_str(&b, it->id);
		buf_adds(&b, ", \"title\": ");
		json_str(&b, it->title);
		buf_adds(&b, ", \"link\": ");
		json_str(&b, it->link);
		buf_adds(&b, ", \"author\": ");
		json_str(&b, it->author);
		buf_adds(&b, ", \"published\": ");
		json_time(&b, it->published);
		buf_adds(&b, ", \"updated\": ");
		json_time(&b, it->updated);
		buf_adds(&b, ", \"summary\": ");
		json_str(&b, it->summary);
		buf_adds(&b, ", \"content\": ");
		json_str(&b, it->content);
		buf_adds(&b, ", \"enclosures\": [");
		for (j = 0; j < it->nencs; j++) {
			buf_adds(&b, j > 0 ? ", {\"url\": " : "{\"url\": ");
			json_str(&b, it->encs[j].url);
			buf_adds(&b, ", \"type\": ");
			json_str(&b, it->encs[j].type);
			buf_printf(&b, ", \"length\": %lld}", (long long)it->encs[j].length);
		}
		buf_adds(&b, "], \"categories\": [");
		for (j = 0; j < it->ncats; j++) {
			if (j > 0)
				buf_adds(&b, ", ");
			json_str(&b, it->cats[j]);
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, f->nitems > 0 ? "\n]}\n" : "]}\n");
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

static void
inspect_text(const struct feed *f)
{
	struct buf b = BUF_INIT;
	size_t i;
	char date[32];

	printf("%s feed: ", f->format);
	inspect_put(f->title != NULL ? f->title : "(no title)", 0, "\n");
	if (f->link != NULL)
		inspect_put(f->link, 0, "\n");
	printf("%zu item%s\n", f->nitems, f->nitems == 1 ? "" : "s");
	for (i = 0; i < f->nitems; i++) {
		const struct feed_item *it = &f->items[i];
		int64_t t = it->published ? it->published : it->updated;
		time_t tt = (time_t)t;
		struct tm tm;

		if (t != 0 && gmtime_r(&tt, &tm) != NULL)
			strftime(date, sizeof(date), "%Y-%m-%d %H:%M", &tm);
		else
			snprintf(date, sizeof(date), "%-16s", "-");
		buf_reset(&b);
		buf_printf(&b, "%s  %s%s%s", date, it->title != NULL ? it->title : "(no title)",
		           it->link != NULL ? "  " : "", it->link != NULL ? it->link : "");
		inspect_put(buf_str(&b), 0, "\n");
	}
	buf_free(&b);
}

int
cmd_inspect(struct cli *c, int argc, char **argv)
{
	const char *src = NULL;
	char *data = NULL, *ctype = NULL, *url = NULL, *cause = NULL;
	size_t len = 0;
	int json = 0, i;
	struct feed f;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (src == NULL && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0))
			src = argv[i];
		else {
			cli_usage(stderr, "inspect");
			return 2;
		}
	}
	if (src == NULL) {
		cli_usage(stderr, "inspect");
		return 2;
	}
	if (strncasecmp(src, "http://", 7) == 0 || strncasecmp(src, "https://", 8) == 0) {
		if (inspect_fetch(src, &data, &len, &ctype, &url, &cause) != 0)
			return cli_fail(cause);
	} else if (import_read(src, INSPECT_MAX_BYTES, &data, &len, &cause) != 0)
		return cli_fail(cause);
	if (feed_parse(data, len, url, ctype, &f, &cause) != 0) {
		char *safe = utf8_sanitize(cause, 0);

		cli_error("%s: %s", src, safe);
		free(safe);
		free(cause);
		free(data);
		free(ctype);
		free(url);
		return 1;
	}
	free(data);
	free(ctype);
	free(url);
	if (json)
		inspect_json(&f);
	else
		inspect_text(&f);
	feed_free(&f);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
cmd_render(struct cli *c, int argc, char **argv)
{
	char *raw, *text, *cause = NULL;
	size_t len, i;
	struct doc d;

	if (argc != 2) {
		cli_usage(stderr, "render");
		return 2;
	}
	if (import_read(argv[1], IMPORT_MAX_BYTES, &raw, &len, &cause) != 0)
		return cli_fail(cause);
	text = utf8_repair(raw, len, NULL);
	free(raw);
	doc_init(&d);
	if (html_render(text, strlen(text), NULL, &d, NULL, &cause) != 0) {
		free(text);
		cli_error("%s: %s", argv[1], cause);
		free(cause);
		return 1;
	}
	free(text);
	for (i = 0; i < d.npara; i++)
		inspect_put(d.paras[i].text, 1, i + 1 < d.npara ? "\n\n" : "\n");
	if (d.nlinks > 0)
		fputs("\n", stdout);
	for (i = 0; i < d.nlinks; i++) {
		printf("[%zu] ", i + 1);
		inspect_put(d.links[i], 0, "\n");
	}
	doc_free(&d);
	return fflush(stdout) == 0 ? 0 : 1;
}
