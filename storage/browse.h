/* browse.h - the queries behind the reader's screens: feeds with their counts,
 * entities with theirs, statements by speaker. Each reads only what a screen
 * shows. Strings passed to callbacks point into the store and are valid until
 * the callback returns. Functions return 0, or -1 with *cause set. Entities,
 * their articles and one speaker's statements are in storage/user.h. */
#ifndef NR_BROWSE_H
#define NR_BROWSE_H

#include <stddef.h>
#include <stdint.h>

#include "storage/store.h"

struct store_feed_row {
	int64_t id;
	const char *title; /* the user's title, else the feed's, else its url */
	const char *url;
	const char *tags;  /* joined by ' ', or NULL */
	const char *error; /* the last fetch error, or NULL */
	size_t total, unread;
};

/* Calls cb for each feed, by title; counts are filled only when counts is set. */
int store_browse_feeds(struct store *st, int counts,
                       int (*cb)(const struct store_feed_row *, void *), void *arg, char **cause);

struct store_stmt_row {
	int64_t id;
	int64_t article_id;
	const char *speaker; /* the entity's name, else the words naming it, else NULL */
	const char *kind;    /* the speaker's kind, or NULL */
	const char *text;    /* what was said */
	const char *cue;
	int direct;
	const char *title; /* the article's */
	int64_t time;
	size_t para;
};

/* Number of statements in all articles. */
int store_browse_stmt_count(struct store *st, size_t *n, char **cause);
/* Calls cb for statements by speaker name, then newest article first; offset
 * and limit page through them. */
int store_browse_stmts(struct store *st, size_t offset, size_t limit,
                       int (*cb)(const struct store_stmt_row *, void *), void *arg, char **cause);
/* Sets *pos to the place in the list f of the first unread article after
 * (dir 1) or before (dir -1) place from, or to (size_t)-1 when there is none. */
int store_browse_unread_near(struct store *st, const struct store_filter *f, size_t from, int dir,
                             size_t *pos, char **cause);

/* Marks every unread article that f selects read, in one statement. */
int store_browse_mark_read(struct store *st, const struct store_filter *f, char **cause);

#endif
