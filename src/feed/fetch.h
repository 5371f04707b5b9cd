/* fetch.h - downloading feeds in parallel (libcurl multi) and storing what they carry. */
#ifndef NR_FETCH_H
#define NR_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "storage/feeds.h"

struct fetch_opts {
	int jobs;               /* transfers at once (default 16) */
	int per_host;           /* transfers at once to one host (default 4) */
	long timeout_s;         /* whole transfer (default 60) */
	long connect_timeout_s; /* default 15 */
	size_t max_size;        /* body cap, also after decompression (default 32 MiB) */
	int force;              /* ignore the TTL, Retry-After and an unchanged body */
	int progress;           /* draw a progress bar on stderr */
	int threads;            /* parse on a second thread (default 1) */
};

struct fetch_stats {
	size_t feeds; /* fetched (not skipped) */
	size_t done;
	size_t skipped; /* TTL or Retry-After not over yet */
	size_t failed;
	size_t not_modified; /* 304, or the same bytes as last time */
	size_t new_articles;
	size_t changed_articles;
	double elapsed_s;
};

/* Sets the defaults above. */
void fetch_opts_init(struct fetch_opts *o);
/* Fetches the n feeds (skipping those whose TTL or Retry-After is not over,
 * unless o->force), parses each as it completes and stores it with its fetch
 * state, whole or not at all (feeds share transactions of about half a
 * second, each feed in a savepoint of its own). Per-feed errors are stored and printed
 * as "URL: what"; *stats counts them. Returns 0, or -1 with *cause when
 * nothing could be fetched at all (libcurl would not start). */
int fetch_run(struct store *st, const struct store_feed *feeds, size_t n,
              const struct fetch_opts *o, struct fetch_stats *stats, char **cause);

#endif
