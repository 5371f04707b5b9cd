/* ui_config.h - the reader's config file, in the style of newsboat's:
 *
 *   bind KEY ACTION [VIEW]    unbind KEY [VIEW]
 *   theme NAME                browser COMMAND [ARG...]   (%u: the URL)
 *   text-width N              (0: as wide as the window)
 *
 * No curses here. */
#ifndef NR_UI_CONFIG_H
#define NR_UI_CONFIG_H

#include <stddef.h>

#include "ui/ui_keys.h"

struct ui_config {
	struct ui_keymap keys;
	char *theme;    /* theme name or path; NULL = "default" */
	char **browser; /* argument vector, NULL-terminated; NULL = $BROWSER */
	int text_width;
	char **msgs; /* "FILE:LINE: message" for each line not understood */
	size_t nmsgs;
};

/* Sets c to the defaults. */
void ui_config_init(struct ui_config *c);
void ui_config_free(struct ui_config *c);
/* Applies one line; returns 0, or -1 with *err set to a message the caller frees. */
int ui_config_line(struct ui_config *c, const char *line, char **err);
/* Reads the config file at path into c; each bad line adds to c->msgs. A missing
 * file is no error unless must_exist. Returns 0, or -1 when it cannot be read. */
int ui_config_load(struct ui_config *c, const char *path, int must_exist);
/* Returns $XDG_CONFIG_HOME/newsroom/config (or ~/.config/...), which the caller frees, or NULL. */
char *ui_config_default_path(void);
/* Splits a command line into words (blanks separate; '...' and "..." quote;
 * backslash escapes), for running without a shell. Returns a NULL-terminated
 * vector the caller frees with ui_argv_free, or NULL when a quote is not closed. */
char **ui_split_words(const char *s);
void ui_argv_free(char **v);

#endif
