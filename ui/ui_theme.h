/* ui_theme.h - themes: one element per line, "element fg bg [attr...]". No curses here. */
#ifndef NR_UI_THEME_H
#define NR_UI_THEME_H

#include <stddef.h>

enum ui_elem {
	UI_EL_TEXT,
	UI_EL_TITLE,  /* the top line */
	UI_EL_STATUS, /* the bottom line */
	UI_EL_HINT,   /* key hints in the status line */
	UI_EL_ERROR,  /* error messages in the status line */
	UI_EL_CURSOR, /* the focused row of a list */
	UI_EL_UNREAD, /* unread rows of a list */
	UI_EL_DATE,
	UI_EL_FEED,
	UI_EL_TAG,
	UI_EL_COUNT, /* counts in lists */
	UI_EL_HEADLINE,
	UI_EL_META,
	UI_EL_LINK, /* link numbers and the link list */
	UI_EL_FOLD, /* the "N repeated paragraphs folded" line */
	UI_EL_DUP,  /* the margin mark of unfolded repeats */
	UI_EL_NOTE,
	UI_EL_STATEMENT, /* text of a statement */
	UI_EL_SPEAKER,   /* the speaker leader in the margin */
	UI_EL_FOCUS,     /* the highlight the cursor is on */
	UI_EL_COMPANY,   /* entities, in the order of enum ent_kind */
	UI_EL_AGENCY,
	UI_EL_COUNTRY,
	UI_EL_PLACE,
	UI_EL_PERSON,
	UI_EL_ORG,
	UI_NELEMS
};

/* attributes */
#define UI_AT_BOLD 0x1
#define UI_AT_UNDERLINE 0x2
#define UI_AT_REVERSE 0x4
#define UI_AT_DIM 0x8
#define UI_AT_ITALIC 0x10
#define UI_AT_STANDOUT 0x20

#define UI_COLOR_DEFAULT (-1)

struct ui_style {
	short fg, bg;   /* 0..255, or UI_COLOR_DEFAULT */
	unsigned attrs; /* UI_AT_* */
};

struct ui_theme {
	struct ui_style el[UI_NELEMS];
};

/* Returns the name of element e ("entity.company"), or NULL. */
const char *ui_elem_name(enum ui_elem e);
/* Returns the element named s, or -1. */
int ui_elem_parse(const char *s);
/* Parses a colour: default, black..white, bright-black..bright-white (or
 * brightred), color0..color255 or 0..255. Returns 0, or -1 when unknown. */
int ui_color_parse(const char *s, short *out);
/* Sets t to the built-in theme (what the default theme file says; used when
 * no theme file can be read). */
void ui_theme_builtin(struct ui_theme *t);
/* Sets t to attributes only, for NO_COLOR and terminals without colour. */
void ui_theme_mono(struct ui_theme *t);
/* Applies one line of a theme file to t. Returns 0 (also for blank lines and
 * comments), or -1 with *err set to a message the caller frees. */
int ui_theme_line(struct ui_theme *t, const char *line, char **err);
/* Loads the theme file at path over t. Each bad line is reported by calling
 * warn with "PATH:LINE: message"; returns -1 when the file cannot be read. */
int ui_theme_load(struct ui_theme *t, const char *path, void (*warn)(const char *, void *),
                  void *arg);
/* Returns the path of the theme called name (a path when name holds a '/'),
 * which the caller frees, or NULL when there is no such theme. Looks in
 * $NEWSROOM_THEMEDIR, the installed theme folder, then the source tree's themes/. */
char *ui_theme_path(const char *name);
/* Maps a colour to one a terminal with ncolors colours has. */
short ui_color_fit(short c, int ncolors);

#endif
