/* ui_keys.c - key names, actions and default bindings. No curses here. */
#include "ui/ui_keys.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"

#define V(x) (1u << (x))
#define V_LISTS                                                                                    \
	(V(UI_V_FEEDS) | V(UI_V_LIST) | V(UI_V_ENTITIES) | V(UI_V_ENTITY) | V(UI_V_STATEMENTS))
#define V_ALL ((1u << UI_NVIEWS) - 1)
#define V_MOVE (V_ALL)

static const struct ui_action_info ui_actions[UI_NACTIONS] = {
    [UI_A_NONE] = {"none", "does nothing", 0},
    [UI_A_UP] = {"up", "move up one line", V_MOVE},
    [UI_A_DOWN] = {"down", "move down one line", V_MOVE},
    [UI_A_PGUP] = {"page-up", "move up one screen", V_MOVE},
    [UI_A_PGDN] = {"page-down", "move down one screen", V_MOVE},
    [UI_A_HOME] = {"home", "go to the first line", V_MOVE},
    [UI_A_END] = {"end", "go to the last line", V_MOVE},
    [UI_A_OPEN] = {"open", "open the item under the cursor", V_LISTS},
    [UI_A_BACK] = {"back", "go back to the previous screen", V_ALL},
    [UI_A_QUIT] = {"quit", "quit the reader", V_ALL},
    [UI_A_HELP] = {"help", "show the keys of this screen", V_ALL & ~V(UI_V_HELP)},
    [UI_A_SEARCH] = {"search", "search: words, agency:CAC, tag:x, speaker:...",
                     V_ALL & ~V(UI_V_HELP)},
    [UI_A_RELOAD] = {"reload", "fetch all feeds in the background", V_ALL & ~V(UI_V_HELP)},
    [UI_A_TOGGLE_UNREAD] = {"toggle-unread", "mark the article read or unread",
                            V(UI_V_LIST) | V(UI_V_ARTICLE)},
    [UI_A_MARK_FEED_READ] = {"mark-all-read", "mark every article shown read",
                             V(UI_V_FEEDS) | V(UI_V_LIST)},
    [UI_A_TAG] = {"tag", "add tags to the article (-tag removes one)",
                  V(UI_V_LIST) | V(UI_V_ARTICLE)},
    [UI_A_SORT] = {"sort", "sort by date or by feed", V(UI_V_LIST)},
    [UI_A_NEXT_UNREAD] = {"next-unread", "go to the next unread article",
                          V(UI_V_LIST) | V(UI_V_ARTICLE)},
    [UI_A_PREV_UNREAD] = {"prev-unread", "go to the previous unread article",
                          V(UI_V_LIST) | V(UI_V_ARTICLE)},
    [UI_A_NEXT_ARTICLE] = {"next-article", "open the next article of the list", V(UI_V_ARTICLE)},
    [UI_A_PREV_ARTICLE] = {"prev-article", "open the previous article of the list",
                           V(UI_V_ARTICLE)},
    [UI_A_NEXT_ENTITY] = {"next-entity", "go to the next entity mention", V(UI_V_ARTICLE)},
    [UI_A_PREV_ENTITY] = {"prev-entity", "go to the previous entity mention", V(UI_V_ARTICLE)},
    [UI_A_NEXT_STMT] = {"next-statement", "go to the next statement", V(UI_V_ARTICLE)},
    [UI_A_PREV_STMT] = {"prev-statement", "go to the previous statement", V(UI_V_ARTICLE)},
    [UI_A_FOLD] = {"toggle-folds", "show or fold repeated paragraphs", V(UI_V_ARTICLE)},
    [UI_A_OPEN_LINK] = {"open-link", "open a numbered link in the browser", V(UI_V_ARTICLE)},
    [UI_A_OPEN_URL] = {"open-in-browser", "open the article's page in the browser",
                       V(UI_V_LIST) | V(UI_V_ARTICLE)},
    [UI_A_CONFIRM] = {"confirm-entity", "confirm the entity at the cursor", V(UI_V_ARTICLE)},
    [UI_A_REJECT] = {"reject-entity", "not an entity here: never highlighted again",
                     V(UI_V_ARTICLE)},
    [UI_A_KIND] = {"set-kind", "set the kind of the entity at the cursor",
                   V(UI_V_ARTICLE) | V(UI_V_ENTITIES)},
    [UI_A_MERGE] = {"merge-entity", "merge the entity at the cursor into another",
                    V(UI_V_ARTICLE) | V(UI_V_ENTITIES)},
    [UI_A_ALIAS] = {"add-alias", "add another name of the entity at the cursor",
                    V(UI_V_ARTICLE) | V(UI_V_ENTITIES)},
    [UI_A_NOTE] = {"note", "note on the paragraph or statement at the cursor", V(UI_V_ARTICLE)},
    [UI_A_NOTE_EDITOR] = {"note-editor", "the same note, written in $EDITOR", V(UI_V_ARTICLE)},
    [UI_A_ENTITIES] = {"entities", "browse entities by kind", V_ALL & ~V(UI_V_HELP)},
    [UI_A_STATEMENTS] = {"statements", "browse statements: who said what", V_ALL & ~V(UI_V_HELP)},
    [UI_A_FILTER_KIND] = {"next-kind", "show the next kind of entity only", V(UI_V_ENTITIES)},
    [UI_A_REDRAW] = {"redraw", "redraw the screen", V_ALL},
};

static const char *const ui_view_names[UI_NVIEWS] = {
    "feeds", "articles", "article", "entities", "entity", "statements", "help",
};

static const struct {
	const char *name;
	int key;
} ui_key_names[] = {
    {"Up", UI_K_UP},       {"Down", UI_K_DOWN},     {"Left", UI_K_LEFT},
    {"Right", UI_K_RIGHT}, {"PgUp", UI_K_PGUP},     {"PPAGE", UI_K_PGUP},
    {"PgDn", UI_K_PGDN},   {"NPAGE", UI_K_PGDN},    {"Home", UI_K_HOME},
    {"End", UI_K_END},     {"Enter", UI_K_ENTER},   {"Backspace", UI_K_BACKSPACE},
    {"Del", UI_K_DELETE},  {"DELETE", UI_K_DELETE}, {"BackTab", UI_K_BACKTAB},
    {"Tab", UI_K_TAB},     {"Space", ' '},          {"Esc", UI_K_ESC},
};

const struct ui_action_info *
ui_action_info(enum ui_action a)
{
	return &ui_actions[a < UI_NACTIONS ? a : UI_A_NONE];
}

enum ui_action
ui_action_parse(const char *s)
{
	size_t i;

	for (i = 1; i < UI_NACTIONS; i++)
		if (strcmp(ui_actions[i].name, s) == 0)
			return (enum ui_action)i;
	return UI_A_NONE;
}

int
ui_view_parse(const char *s)
{
	size_t i;

	for (i = 0; i < UI_NVIEWS; i++)
		if (strcmp(ui_view_names[i], s) == 0)
			return (int)i;
	return -1;
}

const char *
ui_view_name(enum ui_view v)
{
	return v < UI_NVIEWS ? ui_view_names[v] : "?";
}

int
ui_key_parse(const char *s)
{
	size_t i, n = strlen(s), k;
	uint32_t cp;
	int f;

	if (n == 0)
		return -1;
	for (i = 0; i < sizeof(ui_key_names) / sizeof(ui_key_names[0]); i++)
		if (strcasecmp(s, ui_key_names[i].name) == 0)
			return ui_key_names[i].key;
	if ((s[0] == 'F' || s[0] == 'f') && n >= 2 && n <= 3 && sscanf(s + 1, "%d", &f) == 1 &&
	    f >= 1 && f <= 12 && (n == 2 || (s[1] >= '1' && s[2] >= '0' && s[2] <= '9')))
		return UI_K_F1 + f - 1;
	/* ^X and C-x: control keys */
	if ((n == 2 && s[0] == '^') || (n == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-')) {
		char c = s[n - 1];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= '@' && c <= '_')
			return UI_K_CTRL(c);
		return -1;
	}
	k = utf8_decode(s, n, &cp);
	if (k == 0 || k != n || cp < 0x20 || cp == 0x7f)
		return -1;
	return (int)cp;
}

char *
ui_key_name(int k, char *out, size_t n)
{
	size_t i;
	char u[5];

	for (i = 0; i < sizeof(ui_key_names) / sizeof(ui_key_names[0]); i++)
		if (ui_key_names[i].key == k) {
			/* the first name listed is the one shown */
			snprintf(out, n, "%s", ui_key_names[i].name);
			return out;
		}
	if (k >= UI_K_F1 && k < UI_K_F1 + 12)
		snprintf(out, n, "F%d", k - UI_K_F1 + 1);
	else if (k >= 0 && k < 0x20)
		snprintf(out, n, "^%c", (char)(k + '@'));
	else if (k > 0x20 && k < UI_K_SPECIAL && k != 0x7f) {
		u[utf8_encode((uint32_t)k, u)] = '\0';
		snprintf(out, n, "%s", u);
	} else
		snprintf(out, n, "?");
	return out;
}

static const struct {
	const char *key;
	enum ui_action act;
	unsigned views; /* 0: wherever the action means something */
} ui_defaults[] = {
    {"UP", UI_A_UP, 0},
    {"k", UI_A_UP, 0},
    {"DOWN", UI_A_DOWN, 0},
    {"j", UI_A_DOWN, 0},
    {"PGUP", UI_A_PGUP, 0},
    {"^B", UI_A_PGUP, 0},
    {"PGDN", UI_A_PGDN, 0},
    {"^F", UI_A_PGDN, 0},
    {"SPACE", UI_A_PGDN, 0},
    {"HOME", UI_A_HOME, 0},
    {"g", UI_A_HOME, 0},
    {"END", UI_A_END, 0},
    {"G", UI_A_END, 0},
    {"ENTER", UI_A_OPEN, 0},
    {"RIGHT", UI_A_OPEN, 0},
    {"l", UI_A_OPEN, 0},
    {"q", UI_A_BACK, 0},
    {"LEFT", UI_A_BACK, V_ALL & ~V(UI_V_FEEDS)},
    {"h", UI_A_BACK, V_ALL & ~V(UI_V_FEEDS)},
    {"Q", UI_A_QUIT, 0},
    {"?", UI_A_HELP, 0},
    {"F1", UI_A_HELP, 0},
    {"/", UI_A_SEARCH, 0},
    {"r", UI_A_RELOAD, 0},
    {"u", UI_A_TOGGLE_UNREAD, 0},
    {"A", UI_A_MARK_FEED_READ, 0},
    {"t", UI_A_TAG, 0},
    {"o", UI_A_SORT, 0},
    {"n", UI_A_NEXT_UNREAD, V(UI_V_LIST)},
    {"N", UI_A_PREV_UNREAD, V(UI_V_LIST)},
    {"n", UI_A_NEXT_ARTICLE, 0},
    {"N", UI_A_PREV_ARTICLE, 0},
    {"J", UI_A_NEXT_UNREAD, V(UI_V_ARTICLE)},
    {"K", UI_A_PREV_UNREAD, V(UI_V_ARTICLE)},
    {"e", UI_A_NEXT_ENTITY, 0},
    {"E", UI_A_PREV_ENTITY, 0},
    {"TAB", UI_A_NEXT_ENTITY, 0},
    {"BACKTAB", UI_A_PREV_ENTITY, 0},
    {"s", UI_A_NEXT_STMT, 0},
    {"S", UI_A_PREV_STMT, 0},
    {"z", UI_A_FOLD, 0},
    {"f", UI_A_OPEN_LINK, 0},
    {"O", UI_A_OPEN_URL, 0},
    {"c", UI_A_CONFIRM, 0},
    {"x", UI_A_REJECT, 0},
    {"=", UI_A_KIND, 0},
    {"m", UI_A_MERGE, 0},
    {"a", UI_A_ALIAS, 0},
    {"i", UI_A_NOTE, 0},
    {"I", UI_A_NOTE_EDITOR, 0},
    {"B", UI_A_ENTITIES, 0},
    {"W", UI_A_STATEMENTS, 0},
    {"TAB", UI_A_FILTER_KIND, 0},
    {"^L", UI_A_REDRAW, 0},
};

void
ui_keymap_default(struct ui_keymap *m)
{
	size_t i, v;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < sizeof(ui_defaults) / sizeof(ui_defaults[0]); i++) {
		int key = ui_key_parse(ui_defaults[i].key);
		unsigned views = ui_defaults[i].views ? ui_defaults[i].views : V_ALL;

		for (v = 0; v < UI_NVIEWS; v++) {
			/* a key already bound in a view keeps its first action there */
			if (!(views & V(v)) || !(ui_actions[ui_defaults[i].act].views & V(v)) ||
			    ui_keymap_lookup(m, (enum ui_view)v, key) != UI_A_NONE)
				continue;
			ui_keymap_bind(m, key, ui_defaults[i].act, (int)v);
		}
	}
}

void
ui_keymap_unbind(struct ui_keymap *m, int key, int v)
{
	size_t i, j, x;

	for (x = 0; x < UI_NVIEWS; x++) {
		if (v >= 0 && (size_t)v != x)
			continue;
		for (i = j = 0; i < m->n[x]; i++)
			if (m->b[x][i].key != key)
				m->b[x][j++] = m->b[x][i];
		m->n[x] = j;
	}
}

int
ui_keymap_bind(struct ui_keymap *m, int key, enum ui_action a, int v)
{
	size_t x;
	int any = 0;

	for (x = 0; x < UI_NVIEWS; x++) {
		if ((v >= 0 && (size_t)v != x) || !(ui_actions[a].views & V(x)))
			continue;
		ui_keymap_unbind(m, key, (int)x);
		if (m->n[x] >= UI_MAXBIND)
			return -1;
		m->b[x][m->n[x]].key = key;
		m->b[x][m->n[x]].act = a;
		m->n[x]++;
		any = 1;
	}
	return any ? 0 : -1;
}

enum ui_action
ui_keymap_lookup(const struct ui_keymap *m, enum ui_view v, int key)
{
	size_t i;

	if (v >= UI_NVIEWS)
		return UI_A_NONE;
	for (i = 0; i < m->n[v]; i++)
		if (m->b[v][i].key == key)
			return m->b[v][i].act;
	return UI_A_NONE;
}

size_t
ui_keymap_keys(const struct ui_keymap *m, enum ui_view v, enum ui_action a, char *out, size_t n)
{
	size_t i, count = 0, len = 0;
	char name[32];

	if (n > 0)
		out[0] = '\0';
	for (i = 0; i < m->n[v]; i++) {
		if (m->b[v][i].act != a)
			continue;
		ui_key_name(m->b[v][i].key, name, sizeof(name));
		if (len < n)
			len +=
			    (size_t)snprintf(out + len, n - len, "%s%s", count ? ", " : "", name);
		count++;
	}
	return count;
}

/* Adds hint a (word w) to out when there is room. */
static void
ui_hint_add(struct ui_hint *out, size_t max, size_t *n, enum ui_action a, const char *w)
{
	if (*n < max) {
		out[*n].a = a;
		out[*n].word = w;
		(*n)++;
	}
}

size_t
ui_hints(enum ui_view v, const struct ui_hint_ctx *c, struct ui_hint *out, size_t max)
{
	size_t n = 0;

	switch (v) {
	case UI_V_FEEDS:
		ui_hint_add(out, max, &n, UI_A_OPEN, "open");
		ui_hint_add(out, max, &n, UI_A_SEARCH, "search");
		ui_hint_add(out, max, &n, UI_A_RELOAD, "reload");
		ui_hint_add(out, max, &n, UI_A_ENTITIES, "entities");
		ui_hint_add(out, max, &n, UI_A_STATEMENTS, "who said what");
		break;
	case UI_V_LIST:
		ui_hint_add(out, max, &n, UI_A_OPEN, "open");
		ui_hint_add(out, max, &n, UI_A_TOGGLE_UNREAD, "read/unread");
		ui_hint_add(out, max, &n, UI_A_NEXT_UNREAD, "next unread");
		ui_hint_add(out, max, &n, UI_A_TAG, "tag");
		if (c->sortable)
			ui_hint_add(out, max, &n, UI_A_SORT, c->by_feed ? "by date" : "by feed");
		ui_hint_add(out, max, &n, UI_A_SEARCH, "search");
		break;
	case UI_V_ARTICLE:
		/* on an entity, what can be done with it; else how to move */
		if (c->focus == 1) {
			ui_hint_add(out, max, &n, UI_A_NEXT_ENTITY, "next");
			ui_hint_add(out, max, &n, UI_A_CONFIRM, "confirm");
			ui_hint_add(out, max, &n, UI_A_REJECT, "reject");
			ui_hint_add(out, max, &n, UI_A_KIND, "kind");
			ui_hint_add(out, max, &n, UI_A_MERGE, "merge");
			ui_hint_add(out, max, &n, UI_A_ALIAS, "alias");
			break;
		}
		if (c->focus == 2) {
			ui_hint_add(out, max, &n, UI_A_NEXT_STMT, "next");
			ui_hint_add(out, max, &n, UI_A_NOTE, "note");
		} else {
			ui_hint_add(out, max, &n, UI_A_NEXT_ENTITY, "entity");
			ui_hint_add(out, max, &n, UI_A_NEXT_STMT, "statement");
		}
		if (c->folds)
			ui_hint_add(out, max, &n, UI_A_FOLD, "repeats");
		if (c->links)
			ui_hint_add(out, max, &n, UI_A_OPEN_LINK, "link");
		ui_hint_add(out, max, &n, UI_A_TAG, "tag");
		ui_hint_add(out, max, &n, UI_A_NEXT_ARTICLE, "next article");
		break;
	case UI_V_ENTITIES:
		ui_hint_add(out, max, &n, UI_A_OPEN, "open");
		ui_hint_add(out, max, &n, UI_A_FILTER_KIND, "kind");
		break;
	case UI_V_ENTITY:
	case UI_V_STATEMENTS:
		ui_hint_add(out, max, &n, UI_A_OPEN, "open");
		break;
	case UI_V_HELP:
		if (c->more)
			ui_hint_add(out, max, &n, UI_A_PGDN, "more");
		break;
	default:
		break;
	}
	if (v != UI_V_HELP)
		ui_hint_add(out, max, &n, UI_A_HELP, "keys");
	ui_hint_add(out, max, &n, UI_A_BACK, c->root ? "quit" : "back");
	return n;
}
