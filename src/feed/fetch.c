/* fetch.c - every feed in parallel on one libcurl multi handle; each completed
 * transfer is parsed on a worker thread (or on this one, when it has nothing
 * else to do) and stored on this one, each feed whole or not at all, while
 * the others keep downloading. */
#include "feed/fetch.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "analysis/analysis.h"
#include "feed/feed.h"
#include "pipeline.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define FETCH_ACCEPT                                                                               \
	"Accept: application/rss+xml, application/atom+xml, application/feed+json,"                \
	" application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
#define FETCH_BAR 24
/* Downloaded feeds not yet stored, at most (this bounds memory), and of
 * them the parsed ones, which are the larger. Parsed feeds beyond a few only
 * wait for the storing thread; 4 in place of 8 took 3 MiB off the peak of a
 * first fetch of 1,000 feeds and no time. Bodies waiting for the parser keep
 * it busy while this thread stores: 8 in place of 4 made a first fetch of
 * 1,000 feeds a tenth faster for 0.3 MiB. */
#define FETCH_BACKLOG 8
#define FETCH_PARSED 4
/* Feeds are stored in batches, one transaction for the feeds stored within
 * this many seconds: a commit per feed rewrote the same index pages
 * (entities, dates, the FTS segments) once per feed. A crash loses at most
 * the open batch, whole; its feeds keep their old state and are fetched
 * again. So does a feed that cannot be stored (fetch_batch_fail). */
#define FETCH_BATCH_S 0.5
/* New articles enter the full-text index this many at a time, not all at the
 * commit: indexing a batch at once held this thread for 80 ms, and with it
 * the downloads and so the worker, which ran out of feeds to parse in about
 * 20 ms. Smaller pieces cost FTS5 a few more segments to merge; 100 to 1,000
 * at a time took the same time, a tenth less than one piece. */
#define FETCH_INDEX_CHUNK 500

struct fetch_xfer {
	const struct store_feed *feed;
	size_t host;
	CURL *easy;
	struct curl_slist *hdrs;
	struct buf body;
	char errbuf[CURL_ERROR_SIZE];
	int too_big;
	long status; /* of the latest response, from its status line */
	char reason[64];
	int redirects;
	int all_permanent; /* every redirect so far was a 301 or 308 */
};

/* A feed body to parse: made on the main thread when its transfer ends,
 * parsed and rendered on the worker thread, stored on the main thread. */
struct fetch_job {
	struct fetch_job *next;
	const struct store_feed *feed;
	int64_t when;
	struct buf body; /* freed once parsed */
	char *url;       /* where the body came from, after redirects */
	char *ctype;
	char *new_url; /* after permanent redirects only */
	char *etag;
	char *last_modified;
	char hash[17]; /* of body, made with the parsing */
	int force;     /* parse even the same bytes as last time */
	/* what the worker made of it */
	int same; /* the same bytes as last time: nothing parsed */
	int parse_rc;
	char *cause;
	struct feed f;
	struct doc *docs;
	struct analysis *anas; /* of docs, when analyzed on the worker; else NULL */
	size_t ndocs;
	size_t nbad;
	char *first_bad;
};

struct fetch_ctx {
	struct store *st;
	const struct fetch_opts *o;
	struct fetch_stats *stats;
	CURLM *multi;
	char **hosts;
	size_t nhosts;
	int *host_active;
	struct timespec start;
	double last_draw;
	int drawn;
	pthread_t worker;
	int have_worker;
	pthread_mutex_t lock; /* guards what follows */
	pthread_cond_t cond;
	struct fetch_job *todo, **todo_tail;
	struct fetch_job *done, **done_tail;
	size_t ndone;            /* jobs in done: the worker waits at FETCH_PARSED */
	struct fetch_job *trash; /* stored jobs, for the worker to free */
	int quit;
	size_t outstanding; /* jobs handed to the worker and not stored yet (main thread only) */
	/* the open batch (main thread only): every feed whose state it holds */
	int in_batch;
	double batch_start;
	size_t batch_new, batch_changed;
	struct fetch_entry {
		const struct store_feed *feed;
		enum { FETCH_STORED, FETCH_SAME, FETCH_FAILED } outcome;
	} * batch;
	size_t nbatch, batch_cap;
	int solo; /* a batch failed: from now on each feed is a batch of its own */
	/* the feeds to fetch, in order, and what fetch_batch_fail may start again */
	const struct store_feed *feeds;
	size_t *queue, nq, first;
	unsigned char *started, *retried;
};

void
fetch_opts_init(struct fetch_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->jobs = 16;
	o->per_host = 4;
	o->timeout_s = 60;
	o->connect_timeout_s = 15;
	o->max_size = (size_t)32 << 20;
	o->threads = 1;
}

static double
fetch_elapsed(const struct fetch_ctx *x)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - x->start.tv_sec) +
	       (double)(now.tv_nsec - x->start.tv_nsec) / 1e9;
}

static void
fetch_progress(struct fetch_ctx *x, int force)
{
	const struct fetch_stats *s = x->stats;
	double t = fetch_elapsed(x);
	char bar[FETCH_BAR + 1];
	size_t fill, i;

	if (!x->o->progress || (!force && t - x->last_draw < 0.1))
		return;
	x->last_draw = t;
	fill = s->feeds ? s->done * FETCH_BAR / s->feeds : FETCH_BAR;
	for (i = 0; i < FETCH_BAR; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[FETCH_BAR] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu feeds, %zu new, %zu error%s, %.1f s\033[K", bar, s->done,
	        s->feeds, s->new_articles, s->failed, s->failed == 1 ? "" : "s", t);
	fflush(stderr);
	x->drawn = 1;
}

/* Prints "newsroom: URL: what" above the progress bar, made safe for a terminal. */
static void
fetch_report(struct fetch_ctx *x, const char *url, const char *what)
{
	char *u = utf8_sanitize(url, 0), *w = utf8_sanitize(what, 0);

	if (x->drawn)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "newsroom: %s: %s\n", u, w);
	free(u);
	free(w);
	if (x->drawn)
		fetch_progress(x, 1);
}

/* Returns the host:port of url, which the caller owns ("" when unparsable). */
static char *
fetch_host_of(const char *url)
{
	CURLU *h = curl_url();
	char *host = NULL, *port = NULL, *key;

	if (h != NULL && curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
	key = xasprintf("%s:%s", host ? host : "", port ? port : "");
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(h);
	return key;
}

static size_t
fetch_host_index(struct fetch_ctx *x, const char *url)
{
	char *key = fetch_host_of(url);
	size_t i;

	for (i = 0; i < x->nhosts; i++)
		if (strcmp(x->hosts[i], key) == 0) {
			free(key);
			return i;
		}
	x->hosts = xreallocarray(x->hosts, x->nhosts + 1, sizeof(*x->hosts));
	x->host_active = xreallocarray(x->host_active, x->nhosts + 1, sizeof(*x->host_active));
	x->hosts[x->nhosts] = key;
	x->host_active[x->nhosts] = 0;
	return x->nhosts++;
}

static size_t
fetch_write(char *p, size_t size, size_t nmemb, void *arg)
{
	struct fetch_xfer *t = arg;
	size_t n = size * nmemb;

	/* the cap holds for the decompressed bytes too: stop the transfer */
	if (buf_add(&t->body, p, n) != 0) {
		t->too_big = 1;
		return 0;
	}
	return n;
}

/* Follows the status line of each response, redirects included. */
static size_t
fetch_header(char *p, size_t size, size_t nmemb, void *arg)
{
	struct fetch_xfer *t = arg;
	size_t n = size * nmemb, i;
	long code;
	char *sp, *end;

	if (n < 12 || memcmp(p, "HTTP/", 5) != 0)
		return n;
	sp = memchr(p, ' ', n);
	if (sp == NULL)
		return n;
	code = strtol(sp + 1, &end, 10);
	if (code < 200)
		return n; /* 1xx: the real response follows */
	if (t->status >= 300 && t->status < 400) {
		t->redirects++;
		if (t->status != 301 && t->status != 308)
			t->all_permanent = 0;
	}
	t->status = code;
	while (end < p + n && *end == ' ')
		end++;
	for (i = 0;
	     end + i < p + n && end[i] != '\r' && end[i] != '\n' && i + 1 < sizeof(t->reason); i++)
		t->reason[i] = end[i];
	t->reason[i] = '\0';
	return n;
}

static void
fetch_xfer_free(struct fetch_xfer *t)
{
	if (t == NULL)
		return;
	if (t->easy != NULL)
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->hdrs);
	buf_free(&t->body);
	free(t);
}

/* Adds a header line to t, unless it is NULL. */
static void
fetch_add_header(struct fetch_xfer *t, const char *name, const char *value)
{
	char *h;
	struct curl_slist *l;

	if (value == NULL || value[0] == '\0' || strpbrk(value, "\r\n") != NULL)
		return;
	h = xasprintf("%s: %s", name, value);
	l = curl_slist_append(t->hdrs, h);
	free(h);
	if (l != NULL)
		t->hdrs = l;
}

/* Starts the transfer of f; returns it (owned by the multi handle until done) or NULL. */
static struct fetch_xfer *
fetch_start(struct fetch_ctx *x, const struct store_feed *f, size_t host)
{
	struct fetch_xfer *t = xcalloc(1, sizeof(*t));
	const struct fetch_opts *o = x->o;
	CURL *e;

	t->feed = f;
	t->host = host;
	t->all_permanent = 1;
	buf_init(&t->body, o->max_size);
	if ((e = t->easy = curl_easy_init()) == NULL) {
		fetch_xfer_free(t);
		return NULL;
	}
	t->hdrs = curl_slist_append(NULL, FETCH_ACCEPT);
	if (!o->force) {
		fetch_add_header(t, "If-None-Match", f->etag);
		fetch_add_header(t, "If-Modified-Since", f->last_modified);
	}
	curl_easy_setopt(e, CURLOPT_URL, f->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, fetch_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, fetch_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->hdrs);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "newsroom/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 10L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, o->timeout_s);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_size);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	if (curl_multi_add_handle(x->multi, e) != CURLM_OK) {
		fetch_xfer_free(t);
		return NULL;
	}
	return t;
}

/* A 64-bit FNV-1a of the body: enough to notice the same bytes served again. */
static void
fetch_hash(const struct buf *b, char out[17])
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < b->len; i++) {
		h ^= (unsigned char)b->data[i];
		h *= 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* Parses the body of j and renders its items, and analyzes them when analyze
 * is set (on the worker thread: this touches nothing but j). Analyzing every
 * item here, new or not, costs the worker some work on a changed feed, and
 * takes the analyzer off the thread that stores. */
static void
fetch_parse_job(struct fetch_job *j, int analyze)
{
	char *icause = NULL;
	size_t i;

	/* hashed here, not where the transfer ends: a byte at a time over every
	 * body was a tenth of the storing thread's own work */
	fetch_hash(&j->body, j->hash);
	if (!j->force && j->feed->content_hash != NULL &&
	    strcmp(j->feed->content_hash, j->hash) == 0) {
		j->same = 1;
		buf_free(&j->body);
		return;
	}
	j->parse_rc = feed_parse(j->body.data ? j->body.data : "", j->body.len, j->url, j->ctype,
	                         &j->f, &j->cause);
	buf_free(&j->body);
	if (j->parse_rc != 0)
		return;
	j->docs = xcalloc(j->f.nitems ? j->f.nitems : 1, sizeof(*j->docs));
	if (analyze)
		j->anas = xcalloc(j->f.nitems ? j->f.nitems : 1, sizeof(*j->anas));
	for (i = 0; i < j->f.nitems; i++) {
		doc_init(&j->docs[j->ndocs]);
		if (feed_item_doc(&j->f, &j->f.items[i], &j->docs[j->ndocs], &icause) == 0) {
			if (analyze) {
				dup_mark(&j->docs[j->ndocs]);
				analysis_run(&j->docs[j->ndocs], &j->anas[j->ndocs]);
			}
			j->ndocs++;
			continue;
		}
		doc_free(&j->docs[j->ndocs]);
		j->nbad++;
		if (j->first_bad == NULL)
			j->first_bad = icause;
		else
			free(icause);
		icause = NULL;
	}
}

static void
fetch_job_free(struct fetch_job *j)
{
	size_t i;

	buf_free(&j->body);
	free(j->url);
	free(j->ctype);
	free(j->new_url);
	free(j->etag);
	free(j->last_modified);
	free(j->cause);
	for (i = 0; i < j->ndocs; i++) {
		doc_free(&j->docs[i]);
		if (j->anas != NULL)
			analysis_free(&j->anas[i]);
	}
	free(j->docs);
	free(j->anas);
	free(j->first_bad);
	if (j->parse_rc == 0)
		feed_free(&j->f);
	free(j);
}

/* Frees a list of jobs linked by next. */
static void
fetch_jobs_free(struct fetch_job *j)
{
	struct fetch_job *next;

	for (; j != NULL; j = next) {
		next = j->next;
		fetch_job_free(j);
	}
}

/* Notes that the open batch, if any, holds f's new state. */
static void
fetch_batch_add(struct fetch_ctx *x, const struct store_feed *f, int outcome)
{
	if (!x->in_batch)
		return;
	if (x->nbatch == x->batch_cap) {
		x->batch_cap = x->batch_cap ? x->batch_cap * 2 : 16;
		x->batch = xreallocarray(x->batch, x->batch_cap, sizeof(*x->batch));
	}
	x->batch[x->nbatch].feed = f;
	x->batch[x->nbatch++].outcome = outcome;
}

/* Stores the error of feed f (and the time before which a plain fetch must
 * not ask again, 0 = none), prints it and counts it. */
static void
fetch_failed(struct fetch_ctx *x, const struct store_feed *f, const char *err, int64_t not_before)
{
	struct store_feed_result r;
	char *cause = NULL;

	memset(&r, 0, sizeof(r));
	r.when = (int64_t)time(NULL);
	r.ttl_minutes = -1;
	r.error = err;
	r.not_before = not_before;
	if (store_feed_fetched(x->st, f->id, &r, &cause) != 0) {
		fetch_report(x, f->url, cause);
		free(cause);
	} else
		fetch_batch_add(x, f, FETCH_FAILED);
	fetch_report(x, f->url, err);
	x->stats->failed++;
}

/* Returns what follows "name: " at the start of msg, or msg. */
static const char *
fetch_after(const char *msg, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(msg, name, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		return msg + n + 2;
	return msg;
}

/* Returns cause without a leading "URL: " naming feed f (the caller owns it). */
static char *
fetch_strip_url(const struct store_feed *f, char *cause)
{
	const char *rest;
	char *s;

	if (cause == NULL)
		return xstrdup("cannot store the feed");
	if ((rest = fetch_after(cause, f->url)) == cause)
		return cause;
	s = xstrdup(rest);
	free(cause);
	return s;
}

/* Puts feed e back in the queue, its counts taken back, as if never fetched,
 * and returns 1; a feed that was put back once before fails with cause
 * instead (0). */
static int
fetch_again(struct fetch_ctx *x, const struct fetch_entry *e, const char *cause)
{
	size_t i;

	x->stats->done--;
	if (e->outcome == FETCH_SAME)
		x->stats->not_modified--;
	else if (e->outcome == FETCH_FAILED)
		x->stats->failed--;
	for (i = 0; i < x->nq && &x->feeds[x->queue[i]] != e->feed; i++)
		;
	if (i == x->nq || x->retried[i]) {
		fetch_failed(x, e->feed, cause, 0);
		x->stats->done++;
		return 0;
	}
	x->retried[i] = 1;
	x->started[i] = 0;
	if (i < x->first)
		x->first = i;
	return 1;
}

/* Rolls the open batch back after a failure to store (feed f's, or the
 * commit's when f is NULL): f fails, and the batch's other feeds are fetched
 * again, each in a transaction of its own. Savepoints would have kept them,
 * but journaling each feed's pages cost a first fetch of 1,000 feeds more
 * than a second (bench/RESULTS.md); a failure to store is rare, and a feed
 * fetched twice costs one more download. */
static void
fetch_batch_fail(struct fetch_ctx *x, const struct store_feed *f, const char *err)
{
	const char *path = store_path(x->st);
	size_t i, again = 0;

	store_rollback(x->st);
	x->in_batch = 0;
	x->solo = 1;
	/* a failed commit names the database, which the report names too */
	if (f == NULL)
		err = fetch_after(err, path);
	for (i = 0; i < x->nbatch; i++)
		again += fetch_again(x, &x->batch[i], err);
	x->batch_new = x->batch_changed = x->nbatch = 0;
	if (f != NULL)
		fetch_failed(x, f, err, 0);
	if (again > 0) {
		char *msg = f != NULL ? xasprintf("the %zu other feed%s of its transaction will be"
		                                  " fetched again",
		                                  again, again == 1 ? "" : "s")
		                      : xasprintf("%s; the %zu feed%s of the transaction will be"
		                                  " fetched again",
		                                  err, again, again == 1 ? "" : "s");

		fetch_report(x, f != NULL ? f->url : path, msg);
		free(msg);
	}
}

/* Commits the open batch when it is older than FETCH_BATCH_S, or now when
 * force is set. */
static void
fetch_batch_close(struct fetch_ctx *x, int force)
{
	char *cause = NULL;

	if (!x->in_batch || (!force && fetch_elapsed(x) - x->batch_start < FETCH_BATCH_S))
		return;
	if (store_commit(x->st, &cause) != 0) {
		fetch_batch_fail(x, NULL, cause);
		free(cause);
		return;
	}
	x->in_batch = 0;
	x->stats->new_articles += x->batch_new;
	x->stats->changed_articles += x->batch_changed;
	x->batch_new = x->batch_changed = x->nbatch = 0;
}

/* Records that job j's feed has nothing new (a 304, or new_validators set:
 * the same bytes as last time), keeping the validators it brings. */
static void
fetch_unchanged(struct fetch_ctx *x, struct fetch_job *j, int new_validators)
{
	struct store_feed_result r;
	char *cause = NULL;

	memset(&r, 0, sizeof(r));
	r.when = j->when;
	r.ttl_minutes = -1;
	r.new_url = j->new_url;
	r.new_validators = new_validators;
	r.etag = j->etag;
	r.last_modified = j->last_modified;
	x->stats->not_modified++;
	if (store_feed_fetched(x->st, j->feed->id, &r, &cause) != 0) {
		fetch_failed(x, j->feed, cause, 0);
		free(cause);
	} else
		fetch_batch_add(x, j->feed, FETCH_SAME);
}

/* Stores the items of parsed job j and its fetch state in the open batch; a
 * feed that cannot be stored leaves nothing (fetch_batch_fail). */
static void
fetch_store_job(struct fetch_ctx *x, struct fetch_job *j)
{
	const struct store_feed *fd = j->feed;
	struct store_feed_result r;
	size_t i, nnew = 0, nchanged = 0;
	char *cause = NULL, *err;
	int status;

	if (j->same) {
		fetch_unchanged(x, j, 1);
		return;
	}
	if (j->parse_rc != 0) {
		err = fetch_strip_url(fd, j->cause);
		j->cause = NULL;
		fetch_failed(x, fd, err, 0);
		free(err);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.when = j->when;
	r.new_url = j->new_url;
	r.new_validators = 1;
	r.etag = j->etag;
	r.last_modified = j->last_modified;
	r.content_hash = j->hash;
	r.title = j->f.title;
	r.site_link = j->f.link;
	r.subtitle = j->f.subtitle;
	r.ttl_minutes = j->f.ttl_minutes;
	if (!x->in_batch) {
		if (store_begin(x->st, &cause) != 0)
			goto fail;
		x->in_batch = 1;
		x->batch_start = fetch_elapsed(x);
	}
	for (i = 0; i < j->ndocs; i++) {
		if ((j->anas != NULL
		         ? pipeline_put_analyzed(x->st, &j->docs[i], &j->anas[i], fd->id, NULL,
		                                 &status, &cause)
		         : pipeline_put(x->st, &j->docs[i], fd->id, NULL, &status, &cause)) != 0)
			goto fail;
		nnew += status == STORE_PUT_NEW;
		nchanged += status == STORE_PUT_CHANGED;
	}
	/* before the feed counts as stored in the batch: a failure here is its own */
	if (store_index_some(x->st, FETCH_INDEX_CHUNK, &cause) != 0 ||
	    store_feed_fetched(x->st, fd->id, &r, &cause) != 0)
		goto fail;
	x->batch_new += nnew;
	x->batch_changed += nchanged;
	fetch_batch_add(x, fd, FETCH_STORED);
	if (j->nbad > 0) {
		char *msg = xasprintf("%zu of %zu items skipped (%s)", j->nbad, j->f.nitems,
		                      j->first_bad ? j->first_bad : "no reason given");

		fetch_report(x, fd->url, msg);
		free(msg);
	}
	if (x->solo)
		fetch_batch_close(x, 1);
	return;
fail:
	err = fetch_strip_url(fd, cause);
	if (x->in_batch)
		fetch_batch_fail(x, fd, err);
	else
		fetch_failed(x, fd, err, 0);
	free(err);
}

static void *
fetch_worker(void *arg)
{
	struct fetch_ctx *x = arg;
	struct fetch_job *j, *trash;

	for (;;) {
		pthread_mutex_lock(&x->lock);
		while ((x->todo == NULL || x->ndone >= FETCH_PARSED) && !x->quit)
			pthread_cond_wait(&x->cond, &x->lock);
		trash = x->trash;
		x->trash = NULL;
		if ((j = x->todo) != NULL) {
			x->todo = j->next;
			if (x->todo == NULL)
				x->todo_tail = &x->todo;
		}
		pthread_mutex_unlock(&x->lock);
		fetch_jobs_free(trash);
		if (j == NULL)
			return NULL;
		fetch_parse_job(j, 1);
		pthread_mutex_lock(&x->lock);
		j->next = NULL;
		*x->done_tail = j;
		x->done_tail = &j->next;
		x->ndone++;
		pthread_mutex_unlock(&x->lock);
		curl_multi_wakeup(x->multi);
	}
}

/* Hands j to the worker, or parses and stores it here when there is none. */
static void
fetch_submit(struct fetch_ctx *x, struct fetch_job *j)
{
	if (!x->have_worker) {
		fetch_parse_job(j, 0);
		fetch_store_job(x, j);
		fetch_job_free(j);
		x->stats->done++;
		return;
	}
	pthread_mutex_lock(&x->lock);
	j->next = NULL;
	*x->todo_tail = j;
	x->todo_tail = &j->next;
	x->outstanding++;
	pthread_cond_signal(&x->cond);
	pthread_mutex_unlock(&x->lock);
}

/* Stores job j, handed to the worker before, and counts it done. */
static void
fetch_stored(struct fetch_ctx *x, struct fetch_job *j)
{
	fetch_store_job(x, j);
	x->outstanding--;
	x->stats->done++;
}

/* Gives the stored jobs of list (linked by next) to the worker to free:
 * freeing what it allocated was a twentieth of this thread's work. */
static void
fetch_trash(struct fetch_ctx *x, struct fetch_job *list)
{
	struct fetch_job *j;

	if (list == NULL)
		return;
	for (j = list; j->next != NULL; j = j->next)
		;
	pthread_mutex_lock(&x->lock);
	j->next = x->trash;
	x->trash = list;
	pthread_mutex_unlock(&x->lock);
}

/* Takes the next job the worker has not started, or NULL. This thread parses
 * it itself when it has nothing else to do: the worker's share of a fetch is
 * about as large as this thread's, and the worker was the busier of the two
 * while this one waited (bench/RESULTS.md). */
static struct fetch_job *
fetch_steal(struct fetch_ctx *x)
{
	struct fetch_job *j;

	if (!x->have_worker)
		return NULL;
	pthread_mutex_lock(&x->lock);
	if ((j = x->todo) != NULL) {
		x->todo = j->next;
		if (x->todo == NULL)
			x->todo_tail = &x->todo;
	}
	pthread_mutex_unlock(&x->lock);
	return j;
}

/* Stores every job the worker has finished; returns how many. */
static size_t
fetch_drain(struct fetch_ctx *x)
{
	struct fetch_job *j, *stored;
	size_t n = 0;

	if (!x->have_worker)
		return 0;
	pthread_mutex_lock(&x->lock);
	j = x->done;
	x->done = NULL;
	x->done_tail = &x->done;
	if (x->ndone >= FETCH_PARSED)
		pthread_cond_signal(&x->cond);
	x->ndone = 0;
	pthread_mutex_unlock(&x->lock);
	for (stored = j; j != NULL; j = j->next) {
		fetch_stored(x, j);
		n++;
	}
	fetch_trash(x, stored);
	return n;
}

/* Builds the error of a transfer that failed, or NULL when it got a response. */
static char *
fetch_transfer_error(struct fetch_ctx *x, struct fetch_xfer *t, CURLcode res)
{
	if (t->too_big || res == CURLE_FILESIZE_EXCEEDED)
		return xasprintf(
		    "the body is larger than %zu bytes (the --max-size cap); not stored",
		    x->o->max_size);
	if (res == CURLE_OPERATION_TIMEDOUT)
		return xasprintf("timed out (%s)", t->errbuf[0] ? t->errbuf : "no answer in time");
	if (res != CURLE_OK)
		return xstrdup(t->errbuf[0] ? t->errbuf : curl_easy_strerror(res));
	return NULL;
}

/* Returns a copy of header name of the final response, or NULL. */
static char *
fetch_header_dup(CURL *e, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return xstrdup(h->value);
}

/* Handles a finished transfer: records an error or a 304, or makes a job of
 * the body. Takes t's body. */
static void
fetch_finish(struct fetch_ctx *x, struct fetch_xfer *t, CURLcode res)
{
	const struct store_feed *f = t->feed;
	struct fetch_job *j;
	char *err, *eff = NULL, *ctype = NULL;
	long code = 0;
	curl_off_t retry = 0;
	int64_t now = (int64_t)time(NULL);

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ctype);
	err = fetch_transfer_error(x, t, res);
	if (err == NULL && (code == 429 || code == 503) &&
	    curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry) == CURLE_OK && retry > 0)
		err = xasprintf("HTTP %ld %s; the server asks to wait %lld s (Retry-After)", code,
		                t->reason, (long long)retry);
	else
		retry = 0;
	if (err == NULL && (code < 200 || code >= 300) && code != 304)
		err = xasprintf("HTTP %ld%s%s", code, t->reason[0] ? " " : "", t->reason);
	if (err != NULL) {
		fetch_failed(x, f, err, retry > 0 ? now + (int64_t)retry : 0);
		free(err);
		x->stats->done++;
		return;
	}
	j = xcalloc(1, sizeof(*j));
	j->feed = f;
	j->when = now;
	if (t->redirects > 0 && t->all_permanent && eff != NULL && strcmp(eff, f->url) != 0)
		j->new_url = xstrdup(eff);
	j->etag = fetch_header_dup(t->easy, "ETag");
	j->last_modified = fetch_header_dup(t->easy, "Last-Modified");
	if (code == 304) {
		fetch_unchanged(x, j, 0);
		fetch_job_free(j);
		x->stats->done++;
		return;
	}
	j->force = x->o->force;
	j->url = xstrdup(eff ? eff : f->url);
	j->ctype = ctype ? xstrdup(ctype) : NULL;
	j->body = t->body;
	memset(&t->body, 0, sizeof(t->body));
	fetch_submit(x, j);
}

/* Returns 1 when a plain fetch should leave f alone for now. */
static int
fetch_too_soon(const struct store_feed *f, int64_t now)
{
	if (f->not_before > now)
		return 1;
	return f->ttl_minutes > 0 && f->last_ok > 0 && now < f->last_ok + f->ttl_minutes * 60LL;
}

int
fetch_run(struct store *st, const struct store_feed *feeds, size_t n, const struct fetch_opts *o,
          struct fetch_stats *stats, char **cause)
{
	struct fetch_ctx x;
	size_t *hostof, i, active = 0;
	int64_t now = (int64_t)time(NULL);
	int running, left, progressed;
	struct fetch_xfer *t;
	struct fetch_job *j;
	CURLMsg *m;
	char *icause = NULL;

	memset(stats, 0, sizeof(*stats));
	memset(&x, 0, sizeof(x));
	x.st = st;
	x.o = o;
	x.stats = stats;
	x.todo_tail = &x.todo;
	x.done_tail = &x.done;
	clock_gettime(CLOCK_MONOTONIC, &x.start);
	if ((x.multi = curl_multi_init()) == NULL) {
		*cause = xstrdup("libcurl cannot start");
		return -1;
	}
	curl_multi_setopt(x.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)o->jobs);
	curl_multi_setopt(x.multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)o->per_host);
	curl_multi_setopt(x.multi, CURLMOPT_MAXCONNECTS, (long)o->jobs);
	/* articles, entities and feeds are stored before what refers to them,
	 * and nothing is deleted but an article's own analysis rows */
	if (store_bulk(st, 1, cause) != 0) {
		curl_multi_cleanup(x.multi);
		return -1;
	}
	/* parsing and rendering on a second core while this one stores */
	xmlInitParser();
	pthread_mutex_init(&x.lock, NULL);
	pthread_cond_init(&x.cond, NULL);
	x.have_worker = o->threads && pthread_create(&x.worker, NULL, fetch_worker, &x) == 0;
	/* and checkpoints beside both; without, this thread makes them */
	if (x.have_worker && store_ckpt_start(st, &icause) != 0) {
		fetch_report(&x, store_path(st), icause);
		free(icause);
		icause = NULL;
	}
	x.feeds = feeds;
	x.queue = xcalloc(n ? n : 1, sizeof(*x.queue));
	hostof = xcalloc(n ? n : 1, sizeof(*hostof));
	x.started = xcalloc(n ? n : 1, 1);
	x.retried = xcalloc(n ? n : 1, 1);
	for (i = 0; i < n; i++) {
		if (!o->force && fetch_too_soon(&feeds[i], now)) {
			stats->skipped++;
			continue;
		}
		hostof[x.nq] = fetch_host_index(&x, feeds[i].url);
		x.queue[x.nq++] = i;
	}
	stats->feeds = x.nq;
	fetch_progress(&x, 1);
	while (x.first < x.nq || active > 0 || x.outstanding > 0 || x.in_batch) {
		/* start what the limits allow: jobs in all, per_host on one host, and
		 * no more bodies waiting for the parser than FETCH_BACKLOG */
		for (i = x.first;
		     i < x.nq && active < (size_t)o->jobs && x.outstanding < FETCH_BACKLOG; i++) {
			if (x.started[i] || x.host_active[hostof[i]] >= o->per_host)
				continue;
			x.started[i] = 1;
			t = fetch_start(&x, &feeds[x.queue[i]], hostof[i]);
			if (t == NULL) {
				stats->failed++;
				stats->done++;
				fetch_report(&x, feeds[x.queue[i]].url,
				             "libcurl cannot start a transfer");
				continue;
			}
			x.host_active[hostof[i]]++;
			active++;
		}
		while (x.first < x.nq && x.started[x.first])
			x.first++;
		curl_multi_perform(x.multi, &running);
		progressed = 0;
		while ((m = curl_multi_info_read(x.multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			curl_multi_remove_handle(x.multi, m->easy_handle);
			fetch_finish(&x, t, m->data.result);
			x.host_active[t->host]--;
			active--;
			progressed = 1;
			fetch_xfer_free(t);
		}
		progressed |= fetch_drain(&x) > 0;
		if (!progressed && (j = fetch_steal(&x)) != NULL) {
			fetch_parse_job(j, 1);
			fetch_stored(&x, j);
			j->next = NULL;
			fetch_trash(&x, j);
			progressed = 1;
		}
		/* the last batch is saved in the loop: a failure puts its feeds back */
		fetch_batch_close(&x, x.first >= x.nq && active == 0 && x.outstanding == 0);
		fetch_progress(&x, 0);
		if (!progressed)
			curl_multi_poll(x.multi, NULL, 0, 100, NULL);
	}
	if (x.have_worker) {
		pthread_mutex_lock(&x.lock);
		x.quit = 1;
		pthread_cond_signal(&x.cond);
		pthread_mutex_unlock(&x.lock);
		pthread_join(x.worker, NULL);
	}
	fetch_jobs_free(x.trash);
	pthread_cond_destroy(&x.cond);
	pthread_mutex_destroy(&x.lock);
	free(x.batch);
	store_ckpt_stop(st);
	if (store_bulk(st, 0, &icause) != 0) {
		fetch_report(&x, store_path(st), icause);
		free(icause);
	}
	stats->elapsed_s = fetch_elapsed(&x);
	if (x.drawn) {
		fetch_progress(&x, 1);
		fputc('\n', stderr);
	}
	curl_multi_cleanup(x.multi);
	for (i = 0; i < x.nhosts; i++)
		free(x.hosts[i]);
	free(x.hosts);
	free(x.host_active);
	free(x.queue);
	free(hostof);
	free(x.started);
	free(x.retried);
	return 0;
}
