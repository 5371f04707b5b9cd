/* ui_keys.h - keys, actions and the bindings between them, per view. No curses
 * here: the screens translate curses' key codes into these. */
#ifndef NR_UI_KEYS_H
#define NR_UI_KEYS_H

#include <stddef.h>

/* A key is a Unicode code point, or one of these (above any code point). */
enum {
	UI_K_SPECIAL = 0x110000,
	UI_K_UP,
	UI_K_DOWN,
	UI_K_LEFT,
	UI_K_RIGHT,
	UI_K_PGUP,
	UI_K_PGDN,
	UI_K_HOME,
	UI_K_END,
	UI_K_ENTER,
	UI_K_BACKSPACE,
	UI_K_DELETE,
	UI_K_BACKTAB,
	UI_K_F1, /* ... UI_K_F1 + 11 = F12 */
	UI_K_LAST = UI_K_F1 + 12
};
#define UI_K_CTRL(c) ((c)&0x1f)
#define UI_K_ESC 0x1b
#define UI_K_TAB '\t'

enum ui_view {
	UI_V_FEEDS,
	UI_V_LIST,
	UI_V_ARTICLE,
	UI_V_ENTITIES,
	UI_V_ENTITY,
	UI_V_STATEMENTS,
	UI_V_HELP,
	UI_NVIEWS
};

enum ui_action {
	UI_A_NONE,
	UI_A_UP,
	UI_A_DOWN,
	UI_A_PGUP,
	UI_A_PGDN,
	UI_A_HOME,
	UI_A_END,
	UI_A_OPEN,
	UI_A_BACK,
	UI_A_QUIT,
	UI_A_HELP,
	UI_A_SEARCH,
	UI_A_RELOAD,
	UI_A_TOGGLE_UNREAD,
	UI_A_MARK_FEED_READ,
	UI_A_TAG,
	UI_A_SORT,
	UI_A_NEXT_UNREAD,
	UI_A_PREV_UNREAD,
	UI_A_NEXT_ARTICLE,
	UI_A_PREV_ARTICLE,
	UI_A_NEXT_ENTITY,
	UI_A_PREV_ENTITY,
	UI_A_NEXT_STMT,
	UI_A_PREV_STMT,
	UI_A_FOLD,
	UI_A_OPEN_LINK,
	UI_A_OPEN_URL,
	UI_A_CONFIRM,
	UI_A_REJECT,
	UI_A_KIND,
	UI_A_MERGE,
	UI_A_ALIAS,
	UI_A_NOTE,
	UI_A_NOTE_EDITOR,
	UI_A_ENTITIES,
	UI_A_STATEMENTS,
	UI_A_FILTER_KIND,
	UI_A_REDRAW,
	UI_NACTIONS
};

struct ui_action_info {
	const char *name; /* as written in the config: "next-entity" */
	const char *help; /* one line for the '?' screen */
	unsigned views;   /* bit (1 << view) for each view where it means something */
};

#define UI_MAXBIND 64 /* bindings per view */

struct ui_keymap {
	struct {
		int key;
		enum ui_action act;
	} b[UI_NVIEWS][UI_MAXBIND];
	size_t n[UI_NVIEWS];
};

/* Returns the description of action a. */
const struct ui_action_info *ui_action_info(enum ui_action a);
/* Returns the action named s, or UI_A_NONE. */
enum ui_action ui_action_parse(const char *s);
/* Returns the view named s ("feeds", "articles", "article", "entities",
 * "entity", "statements", "help"), or -1. */
int ui_view_parse(const char *s);
const char *ui_view_name(enum ui_view v);

/* Returns the key named s ("j", "^D", "C-d", "ENTER", "PGDN", "F5", "é"), or -1. */
int ui_key_parse(const char *s);
/* Writes the name of key k into out (size n) and returns out. */
char *ui_key_name(int k, char *out, size_t n);

/* Fills m with the default bindings. */
void ui_keymap_default(struct ui_keymap *m);
/* Binds key to a in view v, or in every view where a means something when v
 * is -1 (replacing what the key did there). Returns 0, or -1 when the action
 * means nothing in view v or a view is full. */
int ui_keymap_bind(struct ui_keymap *m, int key, enum ui_action a, int v);
/* Removes key's bindings in view v (-1: in all views). */
void ui_keymap_unbind(struct ui_keymap *m, int key, int v);
/* Returns what key does in view v, or UI_A_NONE. */
enum ui_action ui_keymap_lookup(const struct ui_keymap *m, enum ui_view v, int key);
/* Writes the names of the keys bound to a in v, joined by ", ", into out; returns
 * how many keys there are. */
size_t ui_keymap_keys(const struct ui_keymap *m, enum ui_view v, enum ui_action a, char *out,
                      size_t n);

/* What the status line's key hints depend on. */
struct ui_hint_ctx {
	int root;     /* the first screen: going back quits */
	int focus;    /* article: 0 nothing focused, 1 an entity, 2 a statement */
	int folds;    /* article: it has repeated paragraphs */
	int links;    /* article: it has numbered links */
	int sortable; /* article list: o switches between by date and by feed */
	int by_feed;  /* article list: sorted by feed now */
	int more;     /* help: longer than the window */
};

struct ui_hint {
	enum ui_action a;
	const char *word; /* what the key does, in a word or two */
};

/* Fills out (room for max) with the actions the status line offers in view v
 * as things are (c), most useful first; returns how many. */
size_t ui_hints(enum ui_view v, const struct ui_hint_ctx *c, struct ui_hint *out, size_t max);

#endif
