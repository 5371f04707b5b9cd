/* user.h - what the reader adds to articles: tags, notes, entity decisions and
 * saved searches (storage/user.c). All functions return 0 on success and -1
 * with *cause (one line the caller frees) on failure, unless said otherwise. */
#ifndef NR_USER_H
#define NR_USER_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "storage/store.h"

/* --- tags --- */

/* Tags are trimmed; an empty tag or one with whitespace or control characters
 * is refused. Adding a tag twice is not an error. */
int store_tag_add(struct store *st, int64_t article_id, const char *tag, char **cause);
/* Sets *removed (may be NULL) to 1 when the article had the tag, else 0. */
int store_tag_remove(struct store *st, int64_t article_id, const char *tag, int *removed,
                     char **cause);
/* Sets *tags to a NULL-terminated array of the article's own tags, sorted
 * (the caller frees it with store_strv_free); *n (may be NULL) gets the count. */
int store_tag_list(struct store *st, int64_t article_id, char ***tags, size_t *n, char **cause);
/* Tags of the feeds that carry the article, sorted, without duplicates. */
int store_tag_feed_list(struct store *st, int64_t article_id, char ***tags, size_t *n,
                        char **cause);
/* Frees a NULL-terminated string array (NULL is fine). */
void store_strv_free(char **v);

/* --- notes --- */

/* A note and its anchor: the W3C text quote (exact text with up to
 * STORE_NOTE_CONTEXT bytes before and after, within the paragraph) and the
 * position (paragraph index as in struct doc, 0 = headline, and byte offsets
 * into it). para -1 = a note on the whole article, with no quote. */
#define STORE_NOTE_CONTEXT 32
struct store_note {
	int64_t id;
	int64_t article_id;
	int para;
	size_t start, end;
	char *exact, *prefix, *suffix; /* NULL when para is -1 */
	int orphaned;                  /* the quote is no longer in the article */
	char *body;
	int64_t created, modified;
};

/* Frees what n owns (not n itself) and zeroes it. */
void store_note_clear(struct store_note *n);
/* Frees an array of nn notes from store_note_list. */
void store_note_free(struct store_note *v, size_t nn);
/* Stores a new note (n->article_id, anchor and body; id, created, modified are
 * ignored) and sets n->id. */
int store_note_add(struct store *st, struct store_note *n, char **cause);
/* Loads note id into n (store_note_clear frees it); fails naming the id when absent. */
int store_note_get(struct store *st, int64_t id, struct store_note *n, char **cause);
/* Replaces the text of note id; fails naming the id when absent. */
int store_note_set_body(struct store *st, int64_t id, const char *body, char **cause);
/* Deletes note id; fails naming the id when absent. */
int store_note_delete(struct store *st, int64_t id, char **cause);
/* Sets *out to the notes of an article (article_id 0 = all notes, by article),
 * in reading order; the caller frees them with store_note_free. */
int store_note_list(struct store *st, int64_t article_id, struct store_note **out, size_t *nn,
                    char **cause);
/* Fills n's anchor (para, start, end, exact, prefix, suffix) for bytes
 * [start, end) of paragraph para of d; n->orphaned is cleared. Returns -1 with
 * *cause when the range is not inside the paragraph on UTF-8 boundaries. */
int store_note_anchor(struct store_note *n, const struct doc *d, int para, size_t start, size_t end,
                      char **cause);
/* Finds the anchor of n again in d (the article's new text): the occurrence of
 * n->exact whose prefix and suffix match best, nearest the old position.
 * Updates the position and context and returns 1 when found; returns 0 and
 * sets n->orphaned when the quote is gone. Article-wide notes always return 1. */
int store_note_locate(struct store_note *n, const struct doc *d);
/* Re-anchors every note of article_id against d, its new text (called by the
 * pipeline when an article changed). Call inside a transaction. */
int store_note_reanchor(struct store *st, int64_t article_id, const struct doc *d, char **cause);

/* --- entity decisions --- */

/* What the user decided about an entity name, for every article (article_id
 * 0) or one; they are kept by name so they survive re-analysis. */
enum store_decision_action {
	STORE_DECIDE_CONFIRM,
	STORE_DECIDE_REJECT,
	STORE_DECIDE_KIND,  /* value = kind name */
	STORE_DECIDE_MERGE, /* value = the entity it merges into */
	STORE_DECIDE_ALIAS, /* value = another name of it */
};
struct store_decision {
	int64_t id;
	char *name;
	int64_t article_id;
	enum store_decision_action action;
	char *value;
	int64_t created; /* UTC seconds; 0 = now, when adding */
};

/* Returns "confirm", "reject", ...; store_decision_parse the reverse or -1. */
const char *store_decision_name(enum store_decision_action a);
int store_decision_parse(const char *s);
/* Records a decision. A confirm or reject replaces an earlier confirm or
 * reject of the same name and scope; a kind or merge replaces an earlier one of
 * the same name. A kind decision also sets the kind of the stored entity. */
int store_decision_add(struct store *st, const struct store_decision *dec, char **cause);
/* Sets *out to every decision in the order made (the caller frees it with
 * store_decision_free). */
int store_decision_list(struct store *st, struct store_decision **out, size_t *n, char **cause);
void store_decision_free(struct store_decision *v, size_t n);
/* Sets *ids (the caller frees it) to the articles whose stored analysis or
 * text may change with a decision on name: those that mention or quote an
 * entity called name (or with name as an alias), and those whose text contains
 * name as a phrase. */
int store_decision_affected(struct store *st, const char *name, int64_t **ids, size_t *n,
                            char **cause);

/* --- entities --- */

struct store_entity {
	int64_t id;
	const char *name; /* these point into the store; valid until the callback returns */
	const char *kind;
	int64_t mentions;   /* mentions in all articles */
	int64_t articles;   /* articles that mention it or quote it */
	int64_t statements; /* statements it is the speaker of */
};
/* Calls cb for every entity mentioned or quoted somewhere (of kind, when not
 * NULL), most mentioned first; stops when cb returns non-zero. */
int store_entity_list(struct store *st, const char *kind,
                      int (*cb)(const struct store_entity *, void *), void *arg, char **cause);
/* Finds the entity called name or having name as an alias (case-insensitive):
 * returns its id, 0 when there is none, -1 on error. *canon (may be NULL) gets
 * a copy of its name and *kind (may be NULL) a copy of its kind. */
int64_t store_entity_find(struct store *st, const char *name, char **canon, char **kind,
                          char **cause);
/* Sets *out to the aliases of entity id (NULL-terminated; store_strv_free). */
int store_entity_aliases(struct store *st, int64_t id, char ***out, char **cause);
/* Sets *ids (the caller frees it) to the articles mentioning or quoting entity
 * id, newest first. */
int store_entity_articles(struct store *st, int64_t id, int64_t **ids, size_t *n, char **cause);

struct store_statement {
	int64_t id;
	int64_t article_id;
	const char *article_title; /* pointers valid until the callback returns */
	const char *speaker;       /* entity name, else the speaker's words, else NULL */
	const char *text;
	const char *cue;
	int direct;
	int para, para_end;
	size_t start, end;
};
/* Calls cb for the statements of one article (speaker_id 0) or those spoken by
 * entity speaker_id (article_id 0); stops when cb returns non-zero. */
int store_statement_list(struct store *st, int64_t article_id, int64_t speaker_id,
                         int (*cb)(const struct store_statement *, void *), void *arg,
                         char **cause);

/* --- saved searches --- */

struct store_saved_search {
	char *name;
	char *query;
};
/* Saves (or replaces) a named query. */
int store_saved_search_put(struct store *st, const char *name, const char *query, char **cause);
/* Returns 1 when deleted, 0 when there was none by that name, -1 on error. */
int store_saved_search_delete(struct store *st, const char *name, char **cause);
/* Sets *out to all saved searches by name (store_saved_search_free). */
int store_saved_search_list(struct store *st, struct store_saved_search **out, size_t *n,
                            char **cause);
void store_saved_search_free(struct store_saved_search *v, size_t n);

#endif
