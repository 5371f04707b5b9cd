/* backup.h - what backup and restore need from the database beyond user.h
 * (storage/backup.c): subscriptions, the articles the reader touched, and
 * user data waiting for articles that are not here yet. */
#ifndef NR_STORE_BACKUP_H
#define NR_STORE_BACKUP_H

#include <stdint.h>

#include "storage/store.h"

struct store_feed_rec {
	const char *url;       /* pointers valid until the callback returns */
	const char *given_url; /* as the user gave it, when it differs from url; or NULL */
	const char *title;
	const char *user_title;
	const char *origin;
	char **tags; /* NULL-terminated */
};
/* Calls cb for every subscription, in the order added. */
int store_backup_feeds(struct store *st, int (*cb)(const struct store_feed_rec *, void *),
                       void *arg, char **cause);
/* Adds a subscription (keeping an existing one of that URL, whose user title
 * is replaced when f has one) and its tags. */
int store_backup_feed_put(struct store *st, const struct store_feed_rec *f, char **cause);

struct store_article_rec {
	int64_t id;
	const char *key; /* pointers valid until the callback returns */
	const char *url;
	const char *title;
	int unread;
};
/* Calls cb for every article the reader touched: read, tagged, noted, or with
 * an entity decision of its own. */
int store_backup_articles(struct store *st, int (*cb)(const struct store_article_rec *, void *),
                          void *arg, char **cause);
/* Sets the times of note id. */
int store_note_set_times(struct store *st, int64_t id, int64_t created, int64_t modified,
                         char **cause);

/* Keeps data (a JSON object) for the article with key until it arrives,
 * replacing what was kept for that key. */
int store_pending_put(struct store *st, const char *key, const char *data, char **cause);
/* Removes and returns (in *data, the caller's) what was kept for key: 1 when
 * there was something, 0 when not, -1 on error. */
int store_pending_take(struct store *st, const char *key, char **data, char **cause);
/* Calls cb with everything kept, by key. */
int store_pending_list(struct store *st, int (*cb)(const char *key, const char *data, void *),
                       void *arg, char **cause);

#endif
