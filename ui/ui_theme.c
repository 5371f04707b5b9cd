/* ui_theme.c - theme files. No curses here. */
#include "ui/ui_theme.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xmalloc.h"

static const char *const ui_elem_names[UI_NELEMS] = {
    [UI_EL_TEXT] = "text",
    [UI_EL_TITLE] = "title",
    [UI_EL_STATUS] = "status",
    [UI_EL_HINT] = "hint",
    [UI_EL_ERROR] = "error",
    [UI_EL_CURSOR] = "cursor",
    [UI_EL_UNREAD] = "unread",
    [UI_EL_DATE] = "date",
    [UI_EL_FEED] = "feed",
    [UI_EL_TAG] = "tag",
    [UI_EL_COUNT] = "count",
    [UI_EL_HEADLINE] = "headline",
    [UI_EL_META] = "meta",
    [UI_EL_LINK] = "link",
    [UI_EL_FOLD] = "fold",
    [UI_EL_DUP] = "dup",
    [UI_EL_NOTE] = "note",
    [UI_EL_STATEMENT] = "statement",
    [UI_EL_SPEAKER] = "speaker",
    [UI_EL_FOCUS] = "focus",
    [UI_EL_COMPANY] = "entity.company",
    [UI_EL_AGENCY] = "entity.agency",
    [UI_EL_COUNTRY] = "entity.country",
    [UI_EL_PLACE] = "entity.place",
    [UI_EL_PERSON] = "entity.person",
    [UI_EL_ORG] = "entity.org",
};

static const char *const ui_color_names[8] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} ui_attr_names[] = {
    {"bold", UI_AT_BOLD},
    {"underline", UI_AT_UNDERLINE},
    {"reverse", UI_AT_REVERSE},
    {"dim", UI_AT_DIM},
    {"italic", UI_AT_ITALIC},
    {"standout", UI_AT_STANDOUT},
    {"normal", 0},
    {"none", 0},
};

const char *
ui_elem_name(enum ui_elem e)
{
	return e < UI_NELEMS ? ui_elem_names[e] : NULL;
}

int
ui_elem_parse(const char *s)
{
	size_t i;

	for (i = 0; i < UI_NELEMS; i++)
		if (strcmp(ui_elem_names[i], s) == 0)
			return (int)i;
	return -1;
}

int
ui_color_parse(const char *s, short *out)
{
	size_t i;
	char *end;
	long v;

	if (strcasecmp(s, "default") == 0) {
		*out = UI_COLOR_DEFAULT;
		return 0;
	}
	for (i = 0; i < 8; i++) {
		if (strcasecmp(s, ui_color_names[i]) == 0) {
			*out = (short)i;
			return 0;
		}
		if (strncasecmp(s, "bright", 6) == 0) {
			const char *r = s + 6 + (s[6] == '-');

			if (strcasecmp(r, ui_color_names[i]) == 0) {
				*out = (short)(i + 8);
				return 0;
			}
		}
	}
	if (strncasecmp(s, "color", 5) == 0)
		s += 5;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 255)
		return -1;
	*out = (short)v;
	return 0;
}

/* Sets element e; a shorthand for the built-in tables. */
static void
ui_set(struct ui_theme *t, enum ui_elem e, short fg, short bg, unsigned attrs)
{
	t->el[e].fg = fg;
	t->el[e].bg = bg;
	t->el[e].attrs = attrs;
}

void
ui_theme_mono(struct ui_theme *t)
{
	size_t i;

	for (i = 0; i < UI_NELEMS; i++)
		ui_set(t, (enum ui_elem)i, UI_COLOR_DEFAULT, UI_COLOR_DEFAULT, 0);
	t->el[UI_EL_TITLE].attrs = UI_AT_REVERSE;
	t->el[UI_EL_STATUS].attrs = UI_AT_REVERSE;
	t->el[UI_EL_HINT].attrs = UI_AT_REVERSE | UI_AT_BOLD;
	t->el[UI_EL_ERROR].attrs = UI_AT_BOLD | UI_AT_REVERSE;
	t->el[UI_EL_CURSOR].attrs = UI_AT_REVERSE;
	t->el[UI_EL_UNREAD].attrs = UI_AT_BOLD;
	t->el[UI_EL_TAG].attrs = UI_AT_UNDERLINE;
	t->el[UI_EL_HEADLINE].attrs = UI_AT_BOLD;
	t->el[UI_EL_META].attrs = UI_AT_DIM;
	t->el[UI_EL_LINK].attrs = UI_AT_UNDERLINE;
	t->el[UI_EL_FOLD].attrs = UI_AT_DIM;
	t->el[UI_EL_DUP].attrs = UI_AT_DIM;
	t->el[UI_EL_NOTE].attrs = UI_AT_ITALIC;
	t->el[UI_EL_STATEMENT].attrs = UI_AT_ITALIC;
	t->el[UI_EL_SPEAKER].attrs = UI_AT_BOLD;
	t->el[UI_EL_FOCUS].attrs = UI_AT_REVERSE;
	t->el[UI_EL_COMPANY].attrs = UI_AT_BOLD | UI_AT_UNDERLINE;
	t->el[UI_EL_AGENCY].attrs = UI_AT_BOLD | UI_AT_UNDERLINE;
	t->el[UI_EL_COUNTRY].attrs = UI_AT_UNDERLINE;
	t->el[UI_EL_PLACE].attrs = UI_AT_UNDERLINE;
	t->el[UI_EL_PERSON].attrs = UI_AT_BOLD;
	t->el[UI_EL_ORG].attrs = UI_AT_BOLD | UI_AT_UNDERLINE;
}

void
ui_theme_builtin(struct ui_theme *t)
{
	const short D = UI_COLOR_DEFAULT;

	ui_theme_mono(t);
	ui_set(t, UI_EL_TITLE, 15, 4, UI_AT_BOLD);
	ui_set(t, UI_EL_STATUS, 7, 4, 0);
	ui_set(t, UI_EL_HINT, 11, 4, 0);
	ui_set(t, UI_EL_ERROR, 15, 1, UI_AT_BOLD);
	ui_set(t, UI_EL_CURSOR, 0, 6, 0);
	ui_set(t, UI_EL_UNREAD, D, D, UI_AT_BOLD);
	ui_set(t, UI_EL_DATE, 6, D, 0);
	ui_set(t, UI_EL_FEED, 3, D, 0);
	ui_set(t, UI_EL_TAG, 5, D, 0);
	ui_set(t, UI_EL_COUNT, 2, D, 0);
	ui_set(t, UI_EL_HEADLINE, D, D, UI_AT_BOLD);
	ui_set(t, UI_EL_META, 6, D, 0);
	ui_set(t, UI_EL_LINK, 4, D, UI_AT_UNDERLINE);
	ui_set(t, UI_EL_FOLD, 8, D, UI_AT_ITALIC);
	ui_set(t, UI_EL_DUP, 8, D, 0);
	ui_set(t, UI_EL_NOTE, 3, D, UI_AT_ITALIC);
	ui_set(t, UI_EL_STATEMENT, 5, D, UI_AT_ITALIC);
	ui_set(t, UI_EL_SPEAKER, 13, D, UI_AT_BOLD);
	ui_set(t, UI_EL_FOCUS, 0, 11, 0);
	ui_set(t, UI_EL_COMPANY, 10, D, UI_AT_BOLD);
	ui_set(t, UI_EL_AGENCY, 9, D, UI_AT_BOLD);
	ui_set(t, UI_EL_COUNTRY, 12, D, 0);
	ui_set(t, UI_EL_PLACE, 6, D, 0);
	ui_set(t, UI_EL_PERSON, 11, D, 0);
	ui_set(t, UI_EL_ORG, 14, D, 0);
}

/* Splits the next word off *p (words separated by blanks); NULL at the end. */
static char *
ui_word(char **p)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#')
		return NULL;
	w = s;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	*p = s;
	return w;
}

int
ui_theme_line(struct ui_theme *t, const char *line, char **err)
{
	char *copy = xstrdup(line), *p = copy, *w, *fg, *bg;
	struct ui_style st;
	int e, rc = -1;
	size_t i;

	*err = NULL;
	p[strcspn(p, "\r\n")] = '\0';
	if ((w = ui_word(&p)) == NULL) {
		rc = 0;
		goto out;
	}
	if ((e = ui_elem_parse(w)) < 0) {
		*err = xasprintf("unknown element '%s'", w);
		goto out;
	}
	if ((fg = ui_word(&p)) == NULL || (bg = ui_word(&p)) == NULL) {
		*err = xasprintf("'%s' needs a foreground and a background colour", w);
		goto out;
	}
	st.attrs = 0;
	if (ui_color_parse(fg, &st.fg) != 0 || ui_color_parse(bg, &st.bg) != 0) {
		*err = xasprintf("unknown colour '%s'", ui_color_parse(fg, &st.fg) ? fg : bg);
		goto out;
	}
	while ((w = ui_word(&p)) != NULL) {
		for (i = 0; i < sizeof(ui_attr_names) / sizeof(ui_attr_names[0]); i++)
			if (strcmp(ui_attr_names[i].name, w) == 0)
				break;
		if (i == sizeof(ui_attr_names) / sizeof(ui_attr_names[0])) {
			*err = xasprintf("unknown attribute '%s'", w);
			goto out;
		}
		st.attrs |= ui_attr_names[i].bit;
	}
	t->el[e] = st;
	rc = 0;
out:
	free(copy);
	return rc;
}

int
ui_theme_load(struct ui_theme *t, const char *path, void (*warn)(const char *, void *), void *arg)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *err, *msg;
	size_t cap = 0, lineno = 0;

	if (f == NULL) {
		msg = xasprintf("%s: %s", path, strerror(errno));
		warn(msg, arg);
		free(msg);
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		if (ui_theme_line(t, line, &err) != 0) {
			msg = xasprintf("%s:%zu: %s", path, lineno, err);
			warn(msg, arg);
			free(msg);
			free(err);
		}
	}
	free(line);
	fclose(f);
	return 0;
}

static int
ui_isfile(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

char *
ui_theme_path(const char *name)
{
	const char *env = getenv("NEWSROOM_THEMEDIR");
	const char *dirs[3];
	size_t i, n = 0;
	char *p;

	if (strchr(name, '/') != NULL)
		return ui_isfile(name) ? xstrdup(name) : NULL;
	if (env != NULL && env[0] != '\0')
		dirs[n++] = env;
	dirs[n++] = NR_THEMEDIR;
	dirs[n++] = NR_SRCDIR "/themes";
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s.theme", dirs[i], name);
		if (ui_isfile(p))
			return p;
		free(p);
	}
	return NULL;
}

short
ui_color_fit(short c, int ncolors)
{
	static const short cube[6] = {0, 95, 135, 175, 215, 255};
	int r, g, b, i, best = 0, d, bestd = 1 << 30;
	static const int base[16][3] = {
	    {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
	    {0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
	    {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
	    {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
	};

	if (c < 0 || c < ncolors)
		return c;
	if (c < 16)
		return (short)(c - 8);
	if (c >= 232) {
		r = g = b = 8 + (c - 232) * 10;
	} else {
		r = cube[(c - 16) / 36];
		g = cube[((c - 16) / 6) % 6];
		b = cube[(c - 16) % 6];
	}
	for (i = 0; i < (ncolors >= 16 ? 16 : 8); i++) {
		d = (r - base[i][0]) * (r - base[i][0]) + (g - base[i][1]) * (g - base[i][1]) +
		    (b - base[i][2]) * (b - base[i][2]);
		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return (short)best;
}
