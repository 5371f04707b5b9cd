/* feeds.h - subscriptions: the feed table, its tags, and what each fetch left. */
#ifndef NR_STORE_FEEDS_H
#define NR_STORE_FEEDS_H

#include <stddef.h>
#include <stdint.h>

#include "storage/store.h"

struct store_feed {
	int64_t id;
	char *url;        /* fetched from here (a permanent redirect updated it) */
	char *given_url;  /* as the user gave it */
	char *title;      /* as the feed names itself, or NULL */
	char *user_title; /* the user's name for it ("~Title"), or NULL */
	char *site_link;
	char *etag;
	char *last_modified;
	char *last_error; /* NULL when the last fetch worked */
	char *origin;     /* "cli", "urls" or "opml" */
	char *content_hash;
	int ttl_minutes;    /* 0 = none */
	int64_t not_before; /* Retry-After: no plain fetch before this time, 0 = none */
	int64_t last_fetch; /* 0 = never */
	int64_t last_ok;
	char **tags; /* sorted */
	size_t ntags;
	int64_t narticles; /* -1 unless counted */
	int64_t nunread;
};

/* Subscribes to url (inserting it) or finds the feed it already is (by its
 * current or given URL). *id gets the feed, *added 1 when it is new. */
int store_feed_add(struct store *st, const char *url, const char *origin, int64_t *id, int *added,
                   char **cause);
/* Finds a feed by id (digits) or URL; *id is 0 when there is none. */
int store_feed_find(struct store *st, const char *url_or_id, int64_t *id, char **cause);
/* Sets the user's title (NULL clears it) and origin (NULL keeps it). */
int store_feed_set_user(struct store *st, int64_t id, const char *user_title, const char *origin,
                        char **cause);
/* Sets the feed's own title when it has none yet (an OPML title before the first fetch). */
int store_feed_default_title(struct store *st, int64_t id, const char *title, char **cause);
/* Adds a tag (a no-op when present); store_feed_clear_tags removes them all. */
int store_feed_add_tag(struct store *st, int64_t id, const char *tag, char **cause);
int store_feed_clear_tags(struct store *st, int64_t id, char **cause);
/* Unsubscribes: deletes the feed and the articles that only it carried and that
 * hold none of the user's data (tags, notes, entity decisions); *ndeleted (may
 * be NULL) gets their number. Call inside a transaction. */
int store_feed_remove(struct store *st, int64_t id, size_t *ndeleted, char **cause);
/* Loads every feed (by id) into *out, which the caller frees with
 * store_feed_list_free; with counts set, narticles and nunread are filled. */
int store_feed_list(struct store *st, int counts, struct store_feed **out, size_t *n, char **cause);
void store_feed_list_free(struct store_feed *v, size_t n);

/* What one fetch of a feed left; NULL strings keep what is stored. */
struct store_feed_result {
	int64_t when;
	const char *error;   /* NULL = it worked (last_ok = when) */
	const char *new_url; /* after a permanent redirect */
	int new_validators;  /* a full response: etag and last_modified replace the stored
	                        ones even when NULL; else (304) they update only when set */
	const char *etag;
	const char *last_modified;
	const char *title;
	const char *site_link;
	const char *subtitle;
	const char *content_hash;
	int ttl_minutes;    /* -1 = keep */
	int64_t not_before; /* 0 = none */
};

/* Records a fetch of feed id. */
int store_feed_fetched(struct store *st, int64_t id, const struct store_feed_result *r,
                       char **cause);

#endif
