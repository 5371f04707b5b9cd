/* ui_user.c - tags, notes, entity decisions and search for the reader. The
 * userdata module (storage/user.h, src/search/search.h) is not merged yet:
 * until it is, these say so instead of acting. */
#include "ui/ui_user.h"

#include <stdlib.h>

#include "util/xmalloc.h"

static const char ui_user_missing[] = "needs the user-data module, which is not merged yet";

void
ui_user_saved_searches(struct ui *u, int (*cb)(const char *, const char *, void *), void *arg)
{
	(void)u;
	(void)cb;
	(void)arg;
}

int
ui_user_tag_prompt(struct ui *u, int64_t id)
{
	(void)id;
	ui_say(u, 1, "tagging %s", ui_user_missing);
	return 0;
}

void
ui_search(struct ui *u)
{
	ui_say(u, 1, "search %s", ui_user_missing);
}

void
ui_search_run(struct ui *u, const char *query, const char *title)
{
	(void)query;
	(void)title;
	ui_say(u, 1, "search %s", ui_user_missing);
}

size_t
ui_user_notes(struct ui *u, int64_t id, struct ui_note **v)
{
	(void)u;
	(void)id;
	*v = NULL;
	return 0;
}

void
ui_user_notes_free(struct ui_note *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].body);
	free(v);
}

int
ui_user_note_add(struct ui *u, int64_t id, size_t para, size_t start, size_t end, const char *quote,
                 const char *body)
{
	(void)id;
	(void)para;
	(void)start;
	(void)end;
	(void)quote;
	(void)body;
	ui_say(u, 1, "notes %s", ui_user_missing);
	return -1;
}

int
ui_user_decide(struct ui *u, int64_t article, const char *name, const char *action,
               const char *value)
{
	(void)article;
	(void)name;
	(void)value;
	ui_say(u, 1, "%s %s", action, ui_user_missing);
	return -1;
}

void
ui_user_rejected(struct ui *u, int64_t id, int (*cb)(const char *, void *), void *arg)
{
	(void)u;
	(void)id;
	(void)cb;
	(void)arg;
}
