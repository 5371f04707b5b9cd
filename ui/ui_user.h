/* ui_user.h - the user's own data as the reader uses it: tags, notes, decisions
 * on entities, searches and saved searches (through storage/user.h and
 * src/search/search.h). */
#ifndef NR_UI_USER_H
#define NR_UI_USER_H

#include <stddef.h>
#include <stdint.h>

#include "ui/ui.h"

/* Calls cb for each saved search. */
void ui_user_saved_searches(struct ui *u, int (*cb)(const char *name, const char *query, void *),
                            void *arg);
/* Asks for tags to add ("-tag" removes one) to article id; returns 1 when
 * something changed. */
int ui_user_tag_prompt(struct ui *u, int64_t id);
/* Runs query and opens a list of what it finds, titled title (NULL: the query). */
void ui_search_run(struct ui *u, const char *query, const char *title);

struct ui_note {
	size_t para; /* doc paragraph */
	char *body;
};

/* Loads the notes of article id into *v (the caller frees with ui_user_notes_free). */
size_t ui_user_notes(struct ui *u, int64_t id, struct ui_note **v);
void ui_user_notes_free(struct ui_note *v, size_t n);
/* Adds a note on bytes [start, end) of doc paragraph para of article id. */
int ui_user_note_add(struct ui *u, int64_t id, size_t para, size_t start, size_t end,
                     const char *body);
/* Records a decision on entity name: action is "confirm", "reject", "kind",
 * "merge" or "alias" with value (kind, target name or alias; may be NULL);
 * article 0 = everywhere; the articles it changes are analyzed again.
 * Returns 0, or -1 with the reason shown. */
int ui_user_decide(struct ui *u, int64_t article, const char *name, const char *action,
                   const char *value);

#endif
