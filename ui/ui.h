/* ui.h - what the reader's curses screens share (inside ui/ only). */
#ifndef NR_UI_H
#define NR_UI_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cli.h"
#include "storage/store.h"
#include "ui/ui_config.h"
#include "ui/ui_keys.h"
#include "ui/ui_model.h"
#include "ui/ui_theme.h"
#include "util/buf.h"

struct ui;

/* One screen on the stack. Each kind of screen embeds this first. */
struct ui_screen {
	enum ui_view view;
	struct ui_listpos pos;
	/* draws rows 1..rows-2 and sets *cy, *cx to where the terminal cursor goes */
	void (*draw)(struct ui *u, struct ui_screen *s, int *cy, int *cx);
	/* does action a; returns 1 when it did something with it */
	int (*act)(struct ui *u, struct ui_screen *s, enum ui_action a);
	/* a click on screen row y (1 = the first row under the title) */
	void (*click)(struct ui *u, struct ui_screen *s, int y);
	/* reads again what it shows (may be NULL): everything when full (after a
	 * fetch), or only what a screen above it may have changed (read states,
	 * tags) when the reader comes back to it */
	void (*reload)(struct ui *u, struct ui_screen *s, int full);
	/* does a few milliseconds of work left for later; returns 1 while some is
	 * left (may be NULL) */
	int (*idle)(struct ui *u, struct ui_screen *s);
	int busy; /* idle has work left */
	/* says what the status line's key hints depend on (may be NULL) */
	void (*hint_ctx)(struct ui *u, struct ui_screen *s, struct ui_hint_ctx *c);
	void (*free)(struct ui_screen *s);
	char *title;
	char *right; /* shown at the right of the title line, or NULL */
};

#define UI_MAXDEPTH 16

struct ui {
	struct cli *cli;
	struct store *st;
	struct ui_config cfg;
	struct ui_theme theme;
	int rows, cols;
	struct ui_screen *stack[UI_MAXDEPTH];
	size_t depth;
	char *msg; /* the status line's message, or NULL for hints */
	int msg_error;
	int done;
	/* the background reload */
	pid_t child;
	int child_fd;
	struct buf child_out;
	char *child_line; /* its last line of output */
	char *self;       /* this program's path, for running 'newsroom fetch' */
};

/* --- ui.c --- */
/* Height of the space between the title and the status line. */
int ui_body_rows(const struct ui *u);
/* The curses attributes of element e. */
int ui_attr(const struct ui *u, enum ui_elem e);
/* Draws n bytes of s (sanitized, valid UTF-8) at y, x in at most cols
 * columns with attributes attr; returns the columns used. */
int ui_put(int y, int x, const char *s, size_t n, int cols, int attr);
/* Like ui_put, but a text cut short ends with "…". */
int ui_put_cut(int y, int x, const char *s, size_t n, int cols, int attr);
/* Returns a copy of s (which may hold anything) cleaned for the terminal,
 * that the caller owns; NULL for NULL. */
char *ui_clean_dup(const char *s);
/* Like ui_put for a NUL-terminated string that may hold anything: cleaned first. */
int ui_put_raw(int y, int x, const char *s, int cols, int attr);
/* Fills the rest of row y from column x with blanks in attr. */
void ui_fill(int y, int x, int attr);
/* Sets the status message (printf-style); error makes it stand out. */
void ui_say(struct ui *u, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Asks for a line at the bottom; returns what was typed (the caller frees it)
 * or NULL when cancelled with Escape or ^G. */
char *ui_prompt(struct ui *u, const char *question, const char *initial);
/* Pushes s on the screen stack (taking it over). */
void ui_push(struct ui *u, struct ui_screen *s);
/* Pops and frees the top screen. */
void ui_pop(struct ui *u);
/* The screen under the top one, or NULL. */
struct ui_screen *ui_below(struct ui *u, struct ui_screen *s);
/* Runs argv (argv[0] looked up in PATH) with the terminal handed over to it;
 * returns its exit status, or -1 with a message already shown. */
int ui_run(struct ui *u, char *const *argv);
/* Opens url with the configured browser. */
void ui_open_url(struct ui *u, const char *url);
/* Lets the user edit text in $VISUAL/$EDITOR; returns the new text (the caller
 * frees it) or NULL. */
char *ui_edit(struct ui *u, const char *initial, const char *about);
/* Formats t as a date for a column of width cols into out. */
void ui_date(int64_t t, int wide, char *out, size_t n);
/* Draws a list: for each shown row calls row(u, s, i, y, focused). */
void ui_draw_list(struct ui *u, struct ui_screen *s,
                  void (*row)(struct ui *, struct ui_screen *, size_t, int, int), int *cy, int *cx);
/* Moves in a list for the movement actions; returns 1 when a was one. */
int ui_list_move(struct ui *u, struct ui_screen *s, enum ui_action a);
/* Starts the background reload. */
void ui_reload_start(struct ui *u);

/* --- the screens --- */
struct ui_screen *ui_feeds_new(struct ui *u);
/* An article list; f is copied (its ids too). */
/* An article list of what f selects; counts (may be NULL) are its total and
 * unread articles when the caller knows them. */
struct ui_screen *ui_list_new(struct ui *u, const char *title, const struct store_filter *f,
                              const size_t *counts);
/* An article list of what query finds, best first. */
struct ui_screen *ui_search_list_new(struct ui *u, const char *title, const char *query);
/* The article view of article id, opened from list (may be NULL) at row pos. */
struct ui_screen *ui_article_new(struct ui *u, int64_t id, struct ui_screen *list, size_t para);
struct ui_screen *ui_entities_new(struct ui *u);
/* One entity's statements (nsaid: their number, or NULL when not counted yet). */
struct ui_screen *ui_entity_new(struct ui *u, int64_t id, const char *name, const char *kind,
                                const size_t *nsaid);
struct ui_screen *ui_stmts_new(struct ui *u);
struct ui_screen *ui_help_new(struct ui *u, enum ui_view v);
/* Runs a search for the query typed at the prompt and opens its results. */
void ui_search(struct ui *u);
/* Moves the cursor of list screen s to the next (dir 1) or previous (-1)
 * article (unread only when unread_only), marks it read and returns its id;
 * 0 when there is none. */
int64_t ui_list_step(struct ui *u, struct ui_screen *list, int dir, int unread_only);

#endif
