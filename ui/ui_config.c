/* ui_config.c - the config file. No curses here. */
#include "ui/ui_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

void
ui_config_init(struct ui_config *c)
{
	memset(c, 0, sizeof(*c));
	ui_keymap_default(&c->keys);
	c->text_width = 100;
}

void
ui_argv_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

void
ui_config_free(struct ui_config *c)
{
	size_t i;

	free(c->theme);
	ui_argv_free(c->browser);
	for (i = 0; i < c->nmsgs; i++)
		free(c->msgs[i]);
	free(c->msgs);
	memset(c, 0, sizeof(*c));
}

char **
ui_split_words(const char *s)
{
	char **v = xcalloc(1, sizeof(*v));
	size_t n = 0;
	struct buf w = BUF_INIT;
	char q;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '\n' || *s == '\r')
			break;
		buf_reset(&w);
		buf_add(&w, "", 0);
		while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
			if (*s == '\'' || *s == '"') {
				q = *s++;
				while (*s != '\0' && *s != q) {
					if (q == '"' && *s == '\\' && s[1] != '\0')
						s++;
					buf_addc(&w, *s++);
				}
				if (*s != q) {
					buf_free(&w);
					v[n] = NULL;
					ui_argv_free(v);
					return NULL;
				}
				s++;
			} else if (*s == '\\' && s[1] != '\0') {
				buf_addc(&w, s[1]);
				s += 2;
			} else
				buf_addc(&w, *s++);
		}
		v = xreallocarray(v, n + 2, sizeof(*v));
		v[n++] = buf_detach(&w);
		v[n] = NULL;
	}
	buf_free(&w);
	return v;
}

int
ui_config_line(struct ui_config *c, const char *line, char **err)
{
	char **w = NULL;
	size_t n = 0;
	int key, view = -1, rc = -1;
	enum ui_action a;
	const char *p = line;
	char *end;
	long v;

	*err = NULL;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '#' || *p == '\0' || *p == '\n' || *p == '\r')
		return 0;
	if ((w = ui_split_words(p)) == NULL) {
		*err = xstrdup("a quote is not closed");
		return -1;
	}
	while (w[n] != NULL)
		n++;
	if (strcmp(w[0], "bind") == 0 || strcmp(w[0], "bind-key") == 0) {
		if (n < 3 || n > 4) {
			*err = xasprintf("usage: %s KEY ACTION [VIEW]", w[0]);
			goto out;
		}
		if ((key = ui_key_parse(w[1])) < 0) {
			*err = xasprintf("unknown key '%s'", w[1]);
			goto out;
		}
		if ((a = ui_action_parse(w[2])) == UI_A_NONE) {
			*err = xasprintf("unknown action '%s'", w[2]);
			goto out;
		}
		if (n == 4 && (view = ui_view_parse(w[3])) < 0) {
			*err = xasprintf("unknown view '%s' (feeds, articles, article, entities, "
			                 "entity, statements, help)",
			                 w[3]);
			goto out;
		}
		if (ui_keymap_bind(&c->keys, key, a, view) != 0) {
			*err = xasprintf("action '%s' means nothing in view '%s'", w[2],
			                 view >= 0 ? w[3] : "any");
			goto out;
		}
	} else if (strcmp(w[0], "unbind") == 0 || strcmp(w[0], "unbind-key") == 0) {
		if (n < 2 || n > 3) {
			*err = xasprintf("usage: %s KEY [VIEW]", w[0]);
			goto out;
		}
		if ((key = ui_key_parse(w[1])) < 0) {
			*err = xasprintf("unknown key '%s'", w[1]);
			goto out;
		}
		if (n == 3 && (view = ui_view_parse(w[2])) < 0) {
			*err = xasprintf("unknown view '%s'", w[2]);
			goto out;
		}
		ui_keymap_unbind(&c->keys, key, view);
	} else if (strcmp(w[0], "theme") == 0) {
		if (n != 2) {
			*err = xstrdup("usage: theme NAME");
			goto out;
		}
		free(c->theme);
		c->theme = xstrdup(w[1]);
	} else if (strcmp(w[0], "browser") == 0) {
		if (n < 2) {
			*err = xstrdup("usage: browser COMMAND [ARG...]");
			goto out;
		}
		ui_argv_free(c->browser);
		free(w[0]);
		memmove(w, w + 1, n * sizeof(*w)); /* the words after "browser", and the NULL */
		c->browser = w;
		w = NULL;
	} else if (strcmp(w[0], "text-width") == 0) {
		errno = 0;
		v = n == 2 ? strtol(w[1], &end, 10) : -1;
		if (n != 2 || errno != 0 || *end != '\0' || v < 0 || v > 1000) {
			*err = xstrdup("usage: text-width COLUMNS (0: the window's width)");
			goto out;
		}
		c->text_width = (int)v;
	} else {
		*err = xasprintf("unknown command '%s'", w[0]);
		goto out;
	}
	rc = 0;
out:
	ui_argv_free(w);
	return rc;
}

int
ui_config_load(struct ui_config *c, const char *path, int must_exist)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *err, *clean;
	size_t cap = 0, lineno = 0;

	if (f == NULL) {
		if (errno == ENOENT && !must_exist)
			return 0;
		c->msgs = xreallocarray(c->msgs, c->nmsgs + 1, sizeof(*c->msgs));
		c->msgs[c->nmsgs++] = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		if (ui_config_line(c, line, &err) == 0)
			continue;
		/* the message quotes the file, which may hold anything */
		clean = utf8_repair(err, strlen(err), NULL);
		free(err);
		err = utf8_sanitize(clean, 0);
		free(clean);
		c->msgs = xreallocarray(c->msgs, c->nmsgs + 1, sizeof(*c->msgs));
		c->msgs[c->nmsgs++] = xasprintf("%s:%zu: %s", path, lineno, err);
		free(err);
	}
	free(line);
	fclose(f);
	return 0;
}

char *
ui_config_default_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/newsroom/config", x);
	if (h != NULL && h[0] != '\0')
		return xasprintf("%s/.config/newsroom/config", h);
	return NULL;
}
