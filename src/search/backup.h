/* backup.h - all user data as one JSON document (src/search/backup.c). */
#ifndef NR_BACKUP_H
#define NR_BACKUP_H

#include <stdio.h>

#include "storage/store.h"

/* Writes subscriptions (with tags and titles), article tags, notes with their
 * anchors, read state, entity decisions and saved searches to out. Articles
 * are named by their stable key. */
int backup_write(struct store *st, FILE *out, char **cause);
/* Reads a document written by backup_write from path into st in one
 * transaction. Data about articles not in the database is kept pending and
 * applied when an article with that key arrives. */
int backup_restore(struct store *st, const char *path, char **cause);

#endif
