/* urls.c - newsboat's urls file, so that a newsboat user can copy theirs in
 * unchanged, and the sync that makes the database follow it. */
#include "feed/urls.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "storage/feeds.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define URLS_MAX_FILE (64u << 20)

int
urls_valid(const char *url)
{
	CURLU *h = curl_url();
	char *scheme = NULL, *host = NULL;
	int ok = 0;

	if (h == NULL)
		return 0;
	if (curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		ok = (strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0) &&
		     host[0] != '\0';
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(h);
	return ok;
}

struct urls_entry *
urls_append(struct urls_list *l, const char *url, const char *title, size_t line)
{
	struct urls_entry *e;

	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->url = xstrdup(url);
	e->title = title ? xstrdup(title) : NULL;
	e->line = line;
	return e;
}

void
urls_add_tag(struct urls_entry *e, const char *tag)
{
	size_t i;

	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], tag) == 0)
			return;
	e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof(*e->tags));
	e->tags[e->ntags++] = xstrdup(tag);
}

static void
urls_entry_free(struct urls_entry *e)
{
	size_t j;

	free(e->url);
	free(e->title);
	for (j = 0; j < e->ntags; j++)
		free(e->tags[j]);
	free(e->tags);
}

void
urls_free(struct urls_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		urls_entry_free(&l->v[i]);
	free(l->v);
	for (i = 0; i < l->nwarnings; i++)
		free(l->warnings[i]);
	free(l->warnings);
	memset(l, 0, sizeof(*l));
}

static void
urls_warn(struct urls_list *l, const char *name, size_t line, const char *what)
{
	l->warnings = xreallocarray(l->warnings, l->nwarnings + 1, sizeof(*l->warnings));
	l->warnings[l->nwarnings++] =
	    line > 0 ? xasprintf("%s:%zu: %s", name, line, what) : xasprintf("%s: %s", name, what);
}

/* Reads the next token of line [*p, end) into tok. Returns 1 for a token, 0 at
 * the end of the line or a comment, -1 for an unterminated quote. */
static int
urls_token(const char **p, const char *end, struct buf *tok)
{
	const char *s = *p;

	buf_reset(tok);
	buf_add(tok, "", 0);
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	if (s == end || *s == '#') {
		*p = end;
		return 0;
	}
	if (*s != '"') {
		while (s < end && *s != ' ' && *s != '\t' && *s != '\r')
			buf_addc(tok, *s++);
		*p = s;
		return 1;
	}
	for (s++; s < end && *s != '"'; s++) {
		if (*s == '\\' && s + 1 < end) {
			s++;
			buf_addc(tok, *s == 'n' ? '\n' : *s == 't' ? '\t' : *s);
		} else
			buf_addc(tok, *s);
	}
	if (s == end)
		return -1;
	*p = s + 1;
	return 1;
}

/* Parses one line (no '\n') into l. */
static void
urls_line(struct urls_list *l, const char *name, size_t lineno, const char *s, const char *end)
{
	struct buf tok = BUF_INIT;
	struct urls_entry *e = NULL;
	const char *p = s;
	char *url = NULL, *what;
	int rc;

	rc = urls_token(&p, end, &tok);
	if (rc == 0)
		goto out;
	if (rc < 0) {
		urls_warn(l, name, lineno, "a quote is not closed; line skipped");
		goto out;
	}
	url = buf_detach(&tok);
	if (!urls_valid(url)) {
		/* query:, exec: and filter: feeds are newsboat's own */
		what = xasprintf("'%.60s' is not an http or https URL; line skipped", url);
		urls_warn(l, name, lineno, what);
		free(what);
		goto out;
	}
	while ((rc = urls_token(&p, end, &tok)) != 0) {
		if (rc < 0) {
			urls_warn(l, name, lineno, "a quote is not closed; line skipped");
			if (e != NULL) {
				/* drop the half-read entry: nothing half-taken */
				urls_entry_free(e);
				l->n--;
			}
			goto out;
		}
		if (e == NULL)
			e = urls_append(l, url, NULL, lineno);
		if (tok.data[0] == '~') {
			free(e->title);
			e->title = tok.data[1] ? xstrdup(tok.data + 1) : NULL;
		} else if (tok.data[0] != '\0')
			urls_add_tag(e, tok.data);
	}
	if (e == NULL)
		urls_append(l, url, NULL, lineno);
out:
	free(url);
	buf_free(&tok);
}

void
urls_parse(const char *text, size_t len, const char *name, struct urls_list *out)
{
	const char *p = text, *end = text + len, *nl;
	size_t lineno = 0;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		urls_line(out, name, lineno, p, nl ? nl : end);
		p = nl ? nl + 1 : end;
	}
}

int
urls_slurp(const char *path, struct buf *b, char **cause)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int err;

	buf_init(b, URLS_MAX_FILE);
	if (f == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(b, chunk, n) != 0) {
			fclose(f);
			buf_free(b);
			*cause =
			    xasprintf("%s: larger than %u MiB; refused", path, URLS_MAX_FILE >> 20);
			return -1;
		}
	err = ferror(f);
	fclose(f);
	if (err) {
		buf_free(b);
		*cause = xasprintf("%s: read error", path);
		return -1;
	}
	return 0;
}

int
urls_read(const char *path, struct urls_list *out, char **cause)
{
	struct buf b;
	char *text;
	size_t nbad = 0;

	memset(out, 0, sizeof(*out));
	if (urls_slurp(path, &b, cause) != 0)
		return -1;
	text = utf8_repair(buf_str(&b), b.len, &nbad);
	urls_parse(text, strlen(text), path, out);
	if (nbad > 0)
		urls_warn(out, path, 0, "invalid UTF-8 replaced");
	free(text);
	buf_free(&b);
	return 0;
}

char *
urls_path(const struct cli *c)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct stat sb;
	char *p;

	if (c->urls_path != NULL)
		return xstrdup(c->urls_path);
	if (xdg != NULL && xdg[0] == '/')
		p = xasprintf("%s/newsroom/urls", xdg);
	else if (home != NULL && home[0] == '/')
		p = xasprintf("%s/.config/newsroom/urls", home);
	else
		return NULL;
	if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
		return p;
	free(p);
	return NULL;
}

static int
urls_cmp_url(const void *a, const void *b)
{
	const struct urls_entry *x = a, *y = b;
	int c = strcmp(x->url, y->url);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
urls_cmp_key(const void *key, const void *e)
{
	return strcmp(key, ((const struct urls_entry *)e)->url);
}

static int
urls_same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
urls_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns 1 when feed f already is what entry e says. */
static int
urls_same(const struct store_feed *f, struct urls_entry *e)
{
	size_t i;

	if (strcmp(f->origin, "urls") != 0 || !urls_same_str(f->user_title, e->title) ||
	    f->ntags != e->ntags)
		return 0;
	if (e->ntags > 1)
		qsort(e->tags, e->ntags, sizeof(*e->tags), urls_cmp_str);
	for (i = 0; i < e->ntags; i++)
		if (strcmp(f->tags[i], e->tags[i]) != 0)
			return 0;
	return 1;
}

/* Writes entry e (feed id, or 0 when new) into the database. */
static int
urls_store(struct store *st, int64_t id, const struct urls_entry *e, char **cause)
{
	size_t i;
	int added;

	if (id == 0 && store_feed_add(st, e->url, "urls", &id, &added, cause) != 0)
		return -1;
	if (store_feed_set_user(st, id, e->title, "urls", cause) != 0 ||
	    store_feed_clear_tags(st, id, cause) != 0)
		return -1;
	for (i = 0; i < e->ntags; i++)
		if (store_feed_add_tag(st, id, e->tags[i], cause) != 0)
			return -1;
	return 0;
}

/* Finds the entry for feed f (by its given or current URL) in sorted l. */
static struct urls_entry *
urls_lookup(const struct urls_list *l, const struct store_feed *f)
{
	struct urls_entry *e;

	if (l->n == 0)
		return NULL;
	e = bsearch(f->given_url, l->v, l->n, sizeof(*l->v), urls_cmp_key);
	return e != NULL ? e : bsearch(f->url, l->v, l->n, sizeof(*l->v), urls_cmp_key);
}

int
urls_sync(struct cli *c)
{
	struct urls_list l;
	struct store *st;
	struct store_feed *feeds = NULL;
	size_t nfeeds = 0, i, j;
	char *path = urls_path(c), *cause = NULL;
	unsigned char *seen = NULL;
	int in_tx = 0;

	if (path == NULL)
		return 0;
	if (urls_read(path, &l, &cause) != 0) {
		free(path);
		cli_fail(cause);
		return -1;
	}
	free(path);
	for (i = 0; i < l.nwarnings; i++)
		cli_error("%s", l.warnings[i]);
	/* a URL listed twice: the later line wins, as it would when read in order */
	if (l.n > 1)
		qsort(l.v, l.n, sizeof(*l.v), urls_cmp_url);
	for (i = 0, j = 0; i < l.n; i++) {
		if (j > 0 && strcmp(l.v[j - 1].url, l.v[i].url) == 0) {
			urls_entry_free(&l.v[j - 1]);
			l.v[j - 1] = l.v[i];
		} else
			l.v[j++] = l.v[i];
	}
	l.n = j;
	if ((st = cli_store(c)) == NULL)
		goto fail_quiet;
	if (store_feed_list(st, 0, &feeds, &nfeeds, &cause) != 0)
		goto fail;
	seen = xcalloc(l.n ? l.n : 1, 1);
	for (i = 0; i < nfeeds; i++) {
		struct urls_entry *e = urls_lookup(&l, &feeds[i]);

		if (e != NULL) {
			seen[e - l.v] = 1;
			if (urls_same(&feeds[i], e))
				continue;
		} else if (strcmp(feeds[i].origin, "urls") != 0)
			continue;
		if (!in_tx && store_begin(st, &cause) != 0)
			goto fail;
		in_tx = 1;
		if (e != NULL ? urls_store(st, feeds[i].id, e, &cause) != 0
		              : store_feed_remove(st, feeds[i].id, NULL, &cause) != 0)
			goto fail;
	}
	for (i = 0; i < l.n; i++) {
		if (seen[i])
			continue;
		if (!in_tx && store_begin(st, &cause) != 0)
			goto fail;
		in_tx = 1;
		if (urls_store(st, 0, &l.v[i], &cause) != 0)
			goto fail;
	}
	if (in_tx && store_commit(st, &cause) != 0)
		goto fail_quiet_cause;
	free(seen);
	store_feed_list_free(feeds, nfeeds);
	urls_free(&l);
	return 0;
fail:
	if (in_tx)
		store_rollback(st);
fail_quiet_cause:
	cli_fail(cause);
fail_quiet:
	free(seen);
	store_feed_list_free(feeds, nfeeds);
	urls_free(&l);
	return -1;
}
