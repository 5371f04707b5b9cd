/* backup.h - all user data as one JSON document (src/search/backup.c).
 *
 * The document: {"newsroom_backup": 1, "created": ISO time, "feeds": [...],
 * "saved_searches": [...], "decisions": [...], "articles": [...]}. Articles
 * are named by their stable key, and listed when the reader touched them
 * (read, tagged, noted, or with a decision of their own). */
#ifndef NR_BACKUP_H
#define NR_BACKUP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "doc.h"
#include "storage/store.h"

struct backup_counts {
	size_t feeds, saved_searches, decisions;
	size_t articles; /* in the database: their tags, notes and read state restored */
	size_t pending;  /* not in the database: kept until they arrive */
};

/* Writes subscriptions (with tags and titles), saved searches, entity
 * decisions, and each touched article's tags, notes (with anchors), read state
 * and decisions to out, including data still waiting for its article. */
int backup_write(struct store *st, FILE *out, char **cause);
/* Reads a document written by backup_write from path into st, in one
 * transaction: all of it or nothing. Data for an article that is not in the
 * database is kept and applied when an article with that key is stored.
 * Restoring the same file twice adds nothing twice. *counts may be NULL. */
int backup_restore(struct store *st, const char *path, struct backup_counts *counts, char **cause);
/* Applies data kept for d's key to the new article id (called by the
 * pipeline before it analyzes a new article). */
int backup_apply_pending(struct store *st, int64_t id, const struct doc *d, char **cause);

#endif
