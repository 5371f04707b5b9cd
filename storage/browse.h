/* browse.h - the queries behind the reader's screens: feeds with their counts,
 * entities with theirs, statements by speaker. Each reads only what a screen
 * shows. Strings passed to callbacks point into the store and are valid until
 * the callback returns. Functions return 0, or -1 with *cause set. */
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
	size_t total;
};

/* Calls cb for each feed, by title, with its total (unread is left 0: see
 * store_browse_feed_unread, which a screen can call a few feeds at a time). */
int store_browse_feeds(struct store *st, int (*cb)(const struct store_feed_row *, void *),
                       void *arg, char **cause);

struct store_entity_row {
	int64_t id;
	const char *name;
	const char *kind;
};

/* Calls cb for each entity of kind (NULL: any) that is mentioned somewhere or
 * speaks (only those that speak when speakers is set), by kind, then name. */
int store_browse_entities(struct store *st, const char *kind, int speakers,
                          int (*cb)(const struct store_entity_row *, void *), void *arg,
                          char **cause);
/* Counts the mentions of entity id, the articles they are in, and (unless
 * statements is NULL: store_browse_said_count_some counts them a part at a
 * time) the statements it made. */
int store_browse_entity_counts(struct store *st, int64_t id, size_t *mentions, size_t *articles,
                               size_t *statements, char **cause);

struct store_stmt_row {
	int64_t id;
	int64_t article_id;
	const char *speaker; /* the entity's name, else the words naming it, else NULL */
	const char *text;    /* what was said */
	const char *cue;
	int direct;
	const char *title; /* the article's */
	int64_t time;
	size_t para;
};

/* Counts the statements of speaker (0: unresolved) a part at a time, newest
 * first: up to max more (0: all the rest) whose ids are below *below (start
 * with INT64_MAX). Adds them to *n, lowers *below past them, and sets *done
 * once none are left. */
int store_browse_said_count_some(struct store *st, int64_t speaker, int64_t *below, size_t max,
                                 size_t *n, int *done, char **cause);
/* Calls cb for the statements of speaker (0: unresolved), newest stored
 * first; offset and limit page through them, and total (0 = unknown) lets a
 * page near the end be read from the end. */
int store_browse_said(struct store *st, int64_t speaker, size_t total, size_t offset, size_t limit,
                      int (*cb)(const struct store_stmt_row *, void *), void *arg, char **cause);
/* The list of all articles by feed lists each article once, under the first
 * feed (by id) that carries it, the one its feed column names: feeds by
 * title, then the articles no feed carries. Its groups are counted as pages
 * need them and kept in a struct store_groups, which a screen keeps while the
 * store's articles do not change (a fetch adds some: start a new one). */
struct store_groups;
/* Returns an empty set of groups; the caller frees it with
 * store_browse_groups_free (NULL is fine there). */
struct store_groups *store_browse_groups_new(void);
void store_browse_groups_free(struct store_groups *g);
/* Counts a few more of g's groups (a few milliseconds), for idle time;
 * sets *done once all are counted. */
int store_browse_groups_count_some(struct store *st, struct store_groups *g, int *done,
                                   char **cause);

/* Sets *pos to the place in the list f (g: as for store_browse_list) of the
 * first unread article after (dir 1) or before (dir -1) place from, or to
 * (size_t)-1 when there is none. */
int store_browse_unread_near(struct store *st, const struct store_filter *f, struct store_groups *g,
                             size_t from, int dir, size_t *pos, char **cause);

/* Counts what f selects, like store_article_count, from indexes only: fast
 * with any number of articles. */
int store_browse_count(struct store *st, const struct store_filter *f, size_t *total,
                       size_t *unread, char **cause);
/* Lists what f selects, like store_article_list, from offset, limit rows
 * (0: all). total (0 = unknown) lets a page near the end be read from the
 * end, so that no page costs more than half the list. All articles by feed
 * (f->sort) keeps its groups' counts in g (NULL: counted again each time); a
 * feed's own list is the same by feed as by date. */
int store_browse_list(struct store *st, const struct store_filter *f, struct store_groups *g,
                      size_t total, size_t offset, size_t limit,
                      int (*cb)(const struct store_row *, void *), void *arg, char **cause);
/* Sets *unread to the unread articles of feed id. */
int store_browse_feed_unread(struct store *st, int64_t id, size_t *unread, char **cause);

/* Sets *title to the title of a feed that carries article id (the caller
 * frees it), or to NULL for an imported article. */
int store_browse_article_feed(struct store *st, int64_t id, char **title, char **cause);

/* Marks every unread article that f selects read, in one statement. */
int store_browse_mark_read(struct store *st, const struct store_filter *f, char **cause);

#endif
