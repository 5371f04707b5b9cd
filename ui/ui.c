/* ui.c - the reader: terminal set-up and restore, the main loop, the status
 * line, prompts, and running other programs (browser, editor, fetch). */
#define _XOPEN_SOURCE_EXTENDED 1
#include "ui/ui.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "util/utf8.h"
#include "util/xmalloc.h"

static volatile sig_atomic_t ui_signalled;
static FILE *ui_trace; /* $NEWSROOM_UI_TRACE: timings for bench/ui.sh */
static int ui_curses_on;
static int ui_attrs[UI_NELEMS];

static void
ui_restore(void)
{
	if (ui_curses_on && !isendwin())
		endwin();
	ui_curses_on = 0;
}

static void
ui_on_signal(int sig)
{
	ui_signalled = sig;
}

/* A crash still gives the terminal back before the default action runs. */
static void
ui_on_fatal(int sig)
{
	ui_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

int
ui_body_rows(const struct ui *u)
{
	return u->rows > 2 ? u->rows - 2 : 1;
}

int
ui_attr(const struct ui *u, enum ui_elem e)
{
	(void)u;
	return e < UI_NELEMS ? ui_attrs[e] : 0;
}

int
ui_put(int y, int x, const char *s, size_t n, int cols, int attr)
{
	int used;
	size_t k;

	if (cols <= 0)
		return 0;
	k = ui_str_fit(s, n, cols, &used);
	attrset(attr);
	mvaddnstr(y, x, s, (int)k);
	attrset(0);
	return used;
}

int
ui_put_cut(int y, int x, const char *s, size_t n, int cols, int attr)
{
	int used;
	size_t k;

	if (cols < 2 || ui_str_fit(s, n, cols, &used) == n)
		return ui_put(y, x, s, n, cols, attr);
	k = ui_str_fit(s, n, cols - 1, &used);
	attrset(attr);
	mvaddnstr(y, x, s, (int)k);
	addstr("…");
	attrset(0);
	return used + 1;
}

char *
ui_clean_dup(const char *s)
{
	char *r, *c;

	if (s == NULL)
		return NULL;
	r = utf8_repair(s, strlen(s), NULL);
	c = utf8_sanitize(r, 0);
	free(r);
	return c;
}

int
ui_put_raw(int y, int x, const char *s, int cols, int attr)
{
	char *c;
	int w;

	if (s == NULL)
		return 0;
	c = ui_clean_dup(s);
	w = ui_put(y, x, c, strlen(c), cols, attr);
	free(c);
	return w;
}

void
ui_fill(int y, int x, int attr)
{
	int cols = getmaxx(stdscr);

	attrset(attr);
	if (x < cols)
		mvhline(y, x, ' ', cols - x);
	attrset(0);
}

void
ui_say(struct ui *u, int error, const char *fmt, ...)
{
	va_list ap;
	char *s;
	struct buf b = BUF_INIT;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	s = buf_detach(&b);
	free(u->msg);
	u->msg = ui_clean_dup(s);
	free(s);
	u->msg_error = error;
}

void
ui_date(int64_t t, int wide, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || localtime_r(&tt, &tm) == NULL) {
		snprintf(out, n, "%s", wide ? "                " : "          ");
		return;
	}
	strftime(out, n, wide ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm);
}

/* --- colours --- */

static void
ui_colors(struct ui *u)
{
	size_t i;
	int a, ok = has_colors() && !(getenv("NO_COLOR") && getenv("NO_COLOR")[0]);
	const struct ui_style *s;

	if (ok) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < UI_NELEMS; i++) {
		s = &u->theme.el[i];
		a = 0;
		if (s->attrs & UI_AT_BOLD)
			a |= A_BOLD;
		if (s->attrs & UI_AT_UNDERLINE)
			a |= A_UNDERLINE;
		if (s->attrs & UI_AT_REVERSE)
			a |= A_REVERSE;
		if (s->attrs & UI_AT_DIM)
			a |= A_DIM;
		if (s->attrs & UI_AT_ITALIC)
			a |= A_ITALIC;
		if (s->attrs & UI_AT_STANDOUT)
			a |= A_STANDOUT;
		if (ok && (int)i + 1 < COLOR_PAIRS &&
		    (s->fg != UI_COLOR_DEFAULT || s->bg != UI_COLOR_DEFAULT)) {
			init_pair((short)(i + 1), ui_color_fit(s->fg, COLORS),
			          ui_color_fit(s->bg, COLORS));
			a |= COLOR_PAIR((int)i + 1);
		}
		ui_attrs[i] = a;
	}
}

static void
ui_warn_msg(const char *msg, void *arg)
{
	struct ui *u = arg;

	u->cfg.msgs = xreallocarray(u->cfg.msgs, u->cfg.nmsgs + 1, sizeof(*u->cfg.msgs));
	u->cfg.msgs[u->cfg.nmsgs++] = xstrdup(msg);
}

static void
ui_load_theme(struct ui *u)
{
	const char *nc = getenv("NO_COLOR");
	const char *name = u->cfg.theme ? u->cfg.theme : "default";
	char *path;

	ui_theme_builtin(&u->theme);
	if (nc != NULL && nc[0] != '\0') {
		ui_theme_mono(&u->theme);
		return;
	}
	if ((path = ui_theme_path(name)) == NULL) {
		if (u->cfg.theme != NULL) {
			char *m = xasprintf("theme '%s' not found (looked in %s and %s)", name,
			                    NR_THEMEDIR, NR_SRCDIR "/themes");

			ui_warn_msg(m, u);
			free(m);
		}
		return;
	}
	ui_theme_load(&u->theme, path, ui_warn_msg, u);
	free(path);
}

/* --- the screen stack --- */

void
ui_push(struct ui *u, struct ui_screen *s)
{
	if (u->depth == UI_MAXDEPTH) {
		/* drop the oldest but the root, so 'q' always leads home */
		u->stack[1]->free(u->stack[1]);
		memmove(&u->stack[1], &u->stack[2], (UI_MAXDEPTH - 2) * sizeof(u->stack[0]));
		u->depth--;
	}
	u->stack[u->depth++] = s;
}

void
ui_pop(struct ui *u)
{
	struct ui_screen *s;

	if (u->depth == 0)
		return;
	s = u->stack[--u->depth];
	s->free(s);
	if (u->depth > 0 && u->stack[u->depth - 1]->reload != NULL)
		u->stack[u->depth - 1]->reload(u, u->stack[u->depth - 1], 0);
}

struct ui_screen *
ui_below(struct ui *u, struct ui_screen *s)
{
	size_t i;

	for (i = 1; i < u->depth; i++)
		if (u->stack[i] == s)
			return u->stack[i - 1];
	return NULL;
}

/* --- lists --- */

void
ui_draw_list(struct ui *u, struct ui_screen *s,
             void (*row)(struct ui *, struct ui_screen *, size_t, int, int), int *cy, int *cx)
{
	int h = ui_body_rows(u), y;
	size_t i;

	ui_listpos_fit(&s->pos, h);
	*cy = 1;
	*cx = 0;
	for (y = 0; y < h; y++) {
		i = s->pos.top + (size_t)y;
		if (i >= s->pos.n)
			break;
		row(u, s, i, y + 1, i == s->pos.cur);
		if (i == s->pos.cur)
			*cy = y + 1;
	}
}

int
ui_list_move(struct ui *u, struct ui_screen *s, enum ui_action a)
{
	int h = ui_body_rows(u);

	switch (a) {
	case UI_A_UP:
		ui_listpos_move(&s->pos, -1, h);
		return 1;
	case UI_A_DOWN:
		ui_listpos_move(&s->pos, 1, h);
		return 1;
	case UI_A_PGUP:
		ui_listpos_move(&s->pos, -(long)h, h);
		if (s->pos.top >= (size_t)h)
			s->pos.top -= (size_t)h - 1;
		return 1;
	case UI_A_PGDN:
		ui_listpos_move(&s->pos, h, h);
		return 1;
	case UI_A_HOME:
		ui_listpos_set(&s->pos, 0, h);
		return 1;
	case UI_A_END:
		ui_listpos_set(&s->pos, s->pos.n ? s->pos.n - 1 : 0, h);
		return 1;
	default:
		return 0;
	}
}

/* --- the title and status lines --- */

/* Draws the hints for the top screen from column x, in at most left columns. */
static void
ui_draw_hints(struct ui *u, int y, int x, int left)
{
	struct ui_screen *s = u->stack[u->depth - 1];
	struct ui_hint_ctx c;
	struct ui_hint h[12];
	size_t n, i;
	char keys[64], *comma;
	int w, wk, help = 0, full = 0;

	memset(&c, 0, sizeof(c));
	if (s->hint_ctx != NULL)
		s->hint_ctx(u, s, &c);
	c.root = u->depth == 1;
	n = ui_hints(s->view, &c, h, sizeof(h) / sizeof(h[0]));
	/* the key that lists all the others always shows: room is kept for it */
	for (i = 0; i < n; i++)
		if (h[i].a == UI_A_HELP &&
		    ui_keymap_keys(&u->cfg.keys, s->view, h[i].a, keys, sizeof(keys)) > 0) {
			if ((comma = strchr(keys, ',')) != NULL)
				*comma = '\0';
			help = ui_str_width(keys, strlen(keys)) + 1 +
			       ui_str_width(h[i].word, strlen(h[i].word)) + 2;
		}
	for (i = 0; i < n; i++) {
		if (ui_keymap_keys(&u->cfg.keys, s->view, h[i].a, keys, sizeof(keys)) == 0)
			continue;
		if ((comma = strchr(keys, ',')) != NULL)
			*comma = '\0';
		wk = ui_str_width(keys, strlen(keys));
		w = ui_str_width(h[i].word, strlen(h[i].word));
		if (h[i].a == UI_A_HELP)
			help = 0;
		else if (full)
			continue;
		if (x + wk + 1 + w + help > left) {
			full = 1; /* the rest are less useful: only help may follow */
			continue;
		}
		x += ui_put(y, x, keys, strlen(keys), wk, ui_attr(u, UI_EL_HINT)) + 1;
		x += ui_put(y, x, h[i].word, strlen(h[i].word), w, ui_attr(u, UI_EL_STATUS)) + 2;
	}
}

static void
ui_draw_status(struct ui *u)
{
	int y = u->rows - 1, left = u->cols - 1, rw, x = 0;
	char *r;

	ui_fill(y, 0, ui_attr(u, UI_EL_STATUS));
	/* the reload's progress on the right; the message and key hints take the rest */
	if (u->child > 0) {
		r = xasprintf("reloading: %s", u->child_line ? u->child_line : "starting");
		rw = ui_str_width(r, strlen(r));
		if (rw > u->cols / 2)
			rw = u->cols / 2;
		ui_put(y, u->cols - rw - 1, r, strlen(r), rw, ui_attr(u, UI_EL_HINT));
		left = u->cols - rw - 3;
		free(r);
	}
	if (u->msg != NULL) {
		x = ui_put(y, 0, u->msg, strlen(u->msg), left,
		           ui_attr(u, u->msg_error ? UI_EL_ERROR : UI_EL_STATUS));
		/* the hints stay after a short message, apart from it */
		if (x == 0 || x + 3 + 20 > left)
			return;
		x += 3;
	}
	ui_draw_hints(u, y, x, left);
}

static void
ui_draw(struct ui *u)
{
	struct ui_screen *s = u->stack[u->depth - 1];
	int cy = 1, cx = 0, rw = 0;

	getmaxyx(stdscr, u->rows, u->cols);
	erase();
	/* the body first: it may update what the title line says */
	if (u->rows > 2)
		s->draw(u, s, &cy, &cx);
	ui_fill(0, 0, ui_attr(u, UI_EL_TITLE));
	if (s->right != NULL) {
		rw = ui_str_width(s->right, strlen(s->right));
		if (rw < u->cols - 10)
			ui_put(0, u->cols - rw - 1, s->right, strlen(s->right), rw,
			       ui_attr(u, UI_EL_TITLE));
		else
			rw = 0;
	}
	ui_put(0, 1, s->title, strlen(s->title), u->cols - rw - 3, ui_attr(u, UI_EL_TITLE));
	ui_draw_status(u);
	/* the cursor sits on the focused line, for screen readers */
	move(cy, cx);
	refresh();
}

/* --- prompts --- */

/* Maps what get_wch returned to a key of ui_keys.h. */
static int
ui_key_of(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
			return UI_K_UP;
		case KEY_DOWN:
			return UI_K_DOWN;
		case KEY_LEFT:
			return UI_K_LEFT;
		case KEY_RIGHT:
			return UI_K_RIGHT;
		case KEY_PPAGE:
			return UI_K_PGUP;
		case KEY_NPAGE:
			return UI_K_PGDN;
		case KEY_HOME:
		case KEY_A1:
			return UI_K_HOME;
		case KEY_END:
		case KEY_C1:
			return UI_K_END;
		case KEY_ENTER:
			return UI_K_ENTER;
		case KEY_BACKSPACE:
			return UI_K_BACKSPACE;
		case KEY_DC:
			return UI_K_DELETE;
		case KEY_BTAB:
			return UI_K_BACKTAB;
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return UI_K_F1 + (int)(ch - KEY_F(1));
			return -1;
		}
	}
	if (ch == '\r' || ch == '\n')
		return UI_K_ENTER;
	if (ch == 0x7f || ch == 0x08)
		return UI_K_BACKSPACE;
	return (int)ch;
}

char *
ui_prompt(struct ui *u, const char *question, const char *initial)
{
	struct buf b = BUF_INIT;
	int y = u->rows - 1, qw, rc, key, x0, off;
	size_t len;
	wint_t ch;
	char enc[4];

	buf_adds(&b, initial ? initial : "");
	buf_add(&b, "", 0);
	curs_set(1);
	timeout(-1);
	for (;;) {
		ui_fill(y, 0, ui_attr(u, UI_EL_STATUS));
		qw = ui_put(y, 0, question, strlen(question), u->cols / 2, ui_attr(u, UI_EL_HINT));
		x0 = qw + 1;
		/* show the end of a long answer */
		off = 0;
		while (ui_str_width(b.data + off, b.len - (size_t)off) > u->cols - x0 - 1) {
			uint32_t cp;
			size_t k = utf8_decode(b.data + off, b.len - (size_t)off, &cp);

			off += k ? (int)k : 1;
		}
		len = b.len - (size_t)off;
		ui_put(y, x0, b.data + off, len, u->cols - x0 - 1, ui_attr(u, UI_EL_STATUS));
		move(y, x0 + ui_str_width(b.data + off, len));
		refresh();
		rc = get_wch(&ch);
		if (rc == ERR) {
			if (ui_signalled)
				break;
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			getmaxyx(stdscr, u->rows, u->cols);
			y = u->rows - 1;
			ui_draw(u);
			continue;
		}
		key = ui_key_of(rc, ch);
		if (key == UI_K_ENTER) {
			curs_set(0);
			return buf_detach(&b);
		}
		if (key == UI_K_ESC || key == UI_K_CTRL('G') || key == UI_K_CTRL('C'))
			break;
		if (key == UI_K_BACKSPACE || key == UI_K_CTRL('H')) {
			/* drop the last character, and its continuation bytes */
			while (b.len > 0 && ((unsigned char)b.data[b.len - 1] & 0xc0) == 0x80)
				b.len--;
			if (b.len > 0)
				b.len--;
			b.data[b.len] = '\0';
		} else if (key == UI_K_CTRL('U')) {
			b.len = 0;
			b.data[0] = '\0';
		} else if (key >= 0x20 && key < UI_K_SPECIAL && key != 0x7f) {
			buf_add(&b, enc, utf8_encode((uint32_t)key, enc));
		}
	}
	curs_set(0);
	buf_free(&b);
	return NULL;
}

/* --- other programs --- */

int
ui_run(struct ui *u, char *const *argv)
{
	pid_t pid;
	int status, fds[2];
	char err[8];

	if (argv == NULL || argv[0] == NULL)
		return -1;
	if (pipe(fds) != 0) {
		ui_say(u, 1, "cannot run %s: %s", argv[0], strerror(errno));
		return -1;
	}
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		/* tell the parent exec failed: the pipe was to close on success */
		status = errno;
		if (write(fds[1], &status, sizeof(status)) < 0)
			_exit(126);
		_exit(127);
	}
	close(fds[1]);
	status = -1;
	if (pid > 0) {
		ssize_t n = read(fds[0], err, sizeof(int));

		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (n == (ssize_t)sizeof(int)) {
			int e;

			memcpy(&e, err, sizeof(e));
			status = -1;
			errno = e;
		}
	}
	close(fds[0]);
	reset_prog_mode();
	refresh();
	if (pid < 0 || status == -1) {
		ui_say(u, 1, "cannot run %s: %s", argv[0], strerror(errno));
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void
ui_open_url(struct ui *u, const char *url)
{
	char **words, **argv;
	const char *env;
	size_t n = 0, i;
	int put = 0, rc;
	char *first;

	if (url == NULL || url[0] == '\0') {
		ui_say(u, 1, "no link to open");
		return;
	}
	if (u->cfg.browser != NULL) {
		for (n = 0; u->cfg.browser[n] != NULL; n++)
			;
		words = xcalloc(n + 1, sizeof(*words));
		for (i = 0; i < n; i++)
			words[i] = xstrdup(u->cfg.browser[i]);
	} else {
		env = getenv("BROWSER");
		if (env == NULL || env[0] == '\0') {
			ui_say(u, 1, "no browser: set $BROWSER or 'browser COMMAND' in the config");
			return;
		}
		/* $BROWSER may list several, colon-separated: the first one */
		first = xstrndup(env, strcspn(env, ":"));
		words = ui_split_words(first);
		free(first);
		if (words == NULL) {
			ui_say(u, 1, "$BROWSER: a quote is not closed");
			return;
		}
		for (n = 0; words[n] != NULL; n++)
			;
	}
	if (n == 0) {
		ui_argv_free(words);
		ui_say(u, 1, "no browser command");
		return;
	}
	argv = xcalloc(n + 2, sizeof(*argv));
	for (i = 0; i < n; i++) {
		if (strcmp(words[i], "%u") == 0 || strcmp(words[i], "%s") == 0) {
			argv[i] = xstrdup(url);
			put = 1;
		} else
			argv[i] = xstrdup(words[i]);
	}
	if (!put)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	rc = ui_run(u, argv);
	if (rc > 0)
		ui_say(u, 1, "%s exited with status %d", argv[0], rc);
	else if (rc == 0)
		ui_say(u, 0, "opened %s", url);
	ui_argv_free(argv);
	ui_argv_free(words);
}

char *
ui_edit(struct ui *u, const char *initial, const char *about)
{
	const char *tmp = getenv("TMPDIR"), *ed = getenv("VISUAL");
	char *path, **words, **argv, *line = NULL;
	struct buf b = BUF_INIT;
	size_t n, cap = 0;
	FILE *f;
	int fd, rc;

	if (ed == NULL || ed[0] == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || ed[0] == '\0')
		ed = "vi";
	path = xasprintf("%s/newsroom-note.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		ui_say(u, 1, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(path);
		return NULL;
	}
	fprintf(f, "%s\n# Write the note above. Lines starting with '#' are left out.\n# %s\n",
	        initial ? initial : "", about);
	fclose(f);
	words = ui_split_words(ed);
	for (n = 0; words != NULL && words[n] != NULL; n++)
		;
	argv = xcalloc(n + 2, sizeof(*argv));
	memcpy(argv, words ? words : argv, n * sizeof(*argv));
	argv[n] = path;
	rc = n > 0 ? ui_run(u, argv) : -1;
	free(argv);
	ui_argv_free(words);
	if (rc == 0 && (f = fopen(path, "r")) != NULL) {
		buf_add(&b, "", 0);
		while (getline(&line, &cap, f) != -1)
			if (line[0] != '#')
				buf_adds(&b, line);
		fclose(f);
		free(line);
		while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' '))
			b.data[--b.len] = '\0';
	} else if (rc > 0)
		ui_say(u, 1, "the editor exited with status %d; note not saved", rc);
	unlink(path);
	free(path);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* --- the background reload --- */

/* Opens a pseudo-terminal for the fetch's output, so that it draws its
 * progress as on a terminal; *slave gets its name. Returns the master (-1
 * when there is none: a pipe does then, without progress). */
static int
ui_pty(char *slave, size_t n)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	const char *name;

	if (m < 0)
		return -1;
	if (grantpt(m) != 0 || unlockpt(m) != 0 || (name = ptsname(m)) == NULL ||
	    strlen(name) >= n) {
		close(m);
		return -1;
	}
	snprintf(slave, n, "%s", name);
	return m;
}

void
ui_reload_start(struct ui *u)
{
	int fds[2], nul, out;
	pid_t pid;
	const char *argv[8];
	char slave[128];
	size_t n = 0;

	if (u->child > 0) {
		ui_say(u, 0, "a reload is already running");
		return;
	}
	if ((fds[0] = ui_pty(slave, sizeof(slave))) >= 0)
		fds[1] = -1;
	else if (pipe(fds) != 0) {
		ui_say(u, 1, "cannot reload: %s", strerror(errno));
		return;
	}
	argv[n++] = "newsroom";
	argv[n++] = "--db";
	argv[n++] = store_path(u->st);
	if (u->cli->urls_path != NULL) {
		argv[n++] = "--urls";
		argv[n++] = u->cli->urls_path;
	}
	argv[n++] = "fetch";
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		out = fds[1] >= 0 ? fds[1] : open(slave, O_RDWR | O_NOCTTY);
		nul = open("/dev/null", O_RDONLY);
		dup2(nul, 0);
		dup2(out, 1);
		dup2(out, 2);
		signal(SIGINT, SIG_IGN); /* ^C in the reader is the reader's */
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		execv(u->self, (char *const *)argv);
		execvp("newsroom", (char *const *)argv);
		_exit(127);
	}
	if (fds[1] >= 0)
		close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		ui_say(u, 1, "cannot reload: %s", strerror(errno));
		return;
	}
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	u->child = pid;
	u->child_fd = fds[0];
	buf_reset(&u->child_out);
	free(u->child_line);
	u->child_line = xstrdup("starting");
}

/* Removes terminal control sequences (CSI: ESC [ ... final byte) from s in place. */
static void
ui_strip_csi(char *s)
{
	char *w = s;

	while (*s != '\0') {
		if (s[0] == '\033' && s[1] == '[') {
			s += 2;
			while (*s != '\0' && !(*s >= 0x40 && *s <= 0x7e))
				s++;
			if (*s != '\0')
				s++;
			continue;
		}
		*w++ = *s++;
	}
	*w = '\0';
}

/* Keeps the last non-empty line of the child's output (lines end in '\n' or,
 * for a progress bar, '\r') as its progress. */
static void
ui_reload_read(struct ui *u)
{
	char chunk[4096], *start, *end, *line;
	ssize_t k;

	while ((k = read(u->child_fd, chunk, sizeof(chunk))) > 0) {
		buf_add(&u->child_out, chunk, (size_t)k);
		/* keep only the tail: earlier lines are never shown */
		if (u->child_out.len > 65536) {
			memmove(u->child_out.data, u->child_out.data + u->child_out.len - 4096,
			        4096);
			u->child_out.len = 4096;
			u->child_out.data[4096] = '\0';
		}
	}
	if (u->child_out.len == 0)
		return;
	end = u->child_out.data + u->child_out.len;
	while (end > u->child_out.data && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
		end--;
	start = end;
	while (start > u->child_out.data && start[-1] != '\n' && start[-1] != '\r')
		start--;
	if (end > start) {
		line = xstrndup(start, (size_t)(end - start));
		ui_strip_csi(line);
		/* a progress bar "[###.....] " says no more than the numbers after it */
		if (line[0] == '[' && line[strspn(line + 1, "#.") + 1] == ']') {
			char *rest = line + strspn(line + 1, "#.") + 2;

			rest += strspn(rest, " ");
			memmove(line, rest, strlen(rest) + 1);
		}
		free(u->child_line);
		u->child_line = ui_clean_dup(line);
		free(line);
	}
}

static void
ui_reload_poll(struct ui *u)
{
	int status;
	pid_t r;
	char *last;
	size_t i;

	if (u->child <= 0)
		return;
	ui_reload_read(u);
	r = waitpid(u->child, &status, WNOHANG);
	if (r == 0 || (r < 0 && errno == EINTR))
		return;
	ui_reload_read(u);
	close(u->child_fd);
	u->child = 0;
	last = u->child_line ? xstrdup(u->child_line) : xstrdup("");
	free(u->child_line);
	u->child_line = NULL;
	/* fetch exits 1 when some feed failed: the feed list says which */
	if (r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		ui_say(u, 0, "reload done%s%s", last[0] ? ": " : "", last);
	else if (r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 1 && last[0])
		ui_say(u, 1, "reload done: %s (see ! in the feed list)", last);
	else
		ui_say(u, 1, "reload failed%s%s", last[0] ? ": " : "", last);
	free(last);
	for (i = 0; i < u->depth; i++)
		if (u->stack[i]->reload != NULL)
			u->stack[i]->reload(u, u->stack[i], 1);
}

/* --- the main loop --- */

static void
ui_help_or_config_msgs(struct ui *u)
{
	if (u->cfg.nmsgs == 1)
		ui_say(u, 1, "%s", u->cfg.msgs[0]);
	else if (u->cfg.nmsgs > 1)
		ui_say(u, 1, "%s (and %zu more: see ?)", u->cfg.msgs[0], u->cfg.nmsgs - 1);
}

/* Does a movement action on the top screen, as if its key was pressed. */
static void
ui_move(struct ui *u, enum ui_action a, int times)
{
	struct ui_screen *s = u->stack[u->depth - 1];

	while (times-- > 0)
		if (!s->act(u, s, a))
			ui_list_move(u, s, a);
}

/* Does what one mouse event asks. */
static void
ui_mouse_event(struct ui *u, const MEVENT *ev)
{
	/* a press may have opened a screen: act on the one on top now */
	struct ui_screen *s = u->stack[u->depth - 1];

	/* the wheel scrolls three lines a notch, as terminals do */
	if (ev->bstate & BUTTON4_PRESSED)
		ui_move(u, UI_A_UP, 3);
#ifdef BUTTON5_PRESSED
	else if (ev->bstate & BUTTON5_PRESSED)
		ui_move(u, UI_A_DOWN, 3);
#endif
	else if ((ev->bstate & BUTTON1_PRESSED) && ev->y >= 1 && ev->y < u->rows - 1 &&
	         s->click != NULL)
		s->click(u, s, ev->y);
}

/* Reports that came in together (the reader was busy, or a fast double
 * click) give one KEY_MOUSE: ncurses queues them and getmouse pops the
 * newest first. All are taken, then done oldest first. */
static void
ui_mouse(struct ui *u)
{
	MEVENT ev[16];
	int n = 0;

	while (n < 16 && getmouse(&ev[n]) == OK)
		n++;
	while (n-- > 0)
		ui_mouse_event(u, &ev[n]);
}

static void
ui_dispatch(struct ui *u, int key)
{
	struct ui_screen *s = u->stack[u->depth - 1];
	enum ui_action a = ui_keymap_lookup(&u->cfg.keys, s->view, key);
	char name[32];

	if (a == UI_A_NONE) {
		ui_say(u, 0, "%s does nothing here (? lists the keys)",
		       ui_key_name(key, name, sizeof(name)));
		return;
	}
	free(u->msg);
	u->msg = NULL;
	if (s->act(u, s, a))
		return;
	switch (a) {
	case UI_A_QUIT:
		u->done = 1;
		break;
	case UI_A_BACK:
		if (u->depth <= 1)
			u->done = 1;
		else
			ui_pop(u);
		break;
	case UI_A_HELP:
		ui_push(u, ui_help_new(u, s->view));
		break;
	case UI_A_SEARCH:
		ui_search(u);
		break;
	case UI_A_RELOAD:
		ui_reload_start(u);
		break;
	case UI_A_ENTITIES:
		ui_push(u, ui_entities_new(u));
		break;
	case UI_A_STATEMENTS:
		ui_push(u, ui_stmts_new(u));
		break;
	case UI_A_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		ui_list_move(u, s, a);
		break;
	}
}

static double
ui_clock_ms(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double
ui_now_ms(void)
{
	return ui_clock_ms(CLOCK_MONOTONIC);
}

/* Opens the trace file named by $NEWSROOM_UI_TRACE, if any. */
static void
ui_trace_open(void)
{
	const char *p = getenv("NEWSROOM_UI_TRACE");

	if (p != NULL && p[0] != '\0' && (ui_trace = fopen(p, "a")) != NULL)
		setvbuf(ui_trace, NULL, _IOLBF, 0);
}

/* Returns 1 when a screen on the stack has work left for idle time. */
static int
ui_idle_pending(struct ui *u)
{
	size_t i;

	for (i = 0; i < u->depth; i++)
		if (u->stack[i]->idle != NULL && u->stack[i]->busy)
			return 1;
	return 0;
}

/* Does one step of idle work, for the screen on top first. */
static void
ui_idle(struct ui *u)
{
	size_t i;

	for (i = u->depth; i > 0; i--)
		if (u->stack[i - 1]->idle != NULL && u->stack[i - 1]->busy) {
			u->stack[i - 1]->busy = u->stack[i - 1]->idle(u, u->stack[i - 1]);
			return;
		}
}

static char *
ui_self_path(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return xstrdup("newsroom");
	buf[n] = '\0';
	return xstrdup(buf);
}

int
ui_main(struct cli *c)
{
	struct ui u;
	struct sigaction sa;
	char *path;
	int rc, key = 0, idle;
	double t0, cpu0 = 0, idle_max = 0, idle_max_cpu = 0;
	wint_t ch;

	memset(&u, 0, sizeof(u));
	t0 = ui_now_ms();
	ui_trace_open();
	if (ui_trace != NULL)
		cpu0 = ui_clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	u.cli = c;
	u.st = c->st;
	u.self = ui_self_path();
	ui_config_init(&u.cfg);
	if (c->config_path != NULL)
		ui_config_load(&u.cfg, c->config_path, 1);
	else if ((path = ui_config_default_path()) != NULL) {
		ui_config_load(&u.cfg, path, 0);
		free(path);
	}
	ui_load_theme(&u);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the reader needs a terminal (use 'newsroom list' or 'show' in scripts)");
		ui_config_free(&u.cfg);
		free(u.self);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGSEGV, ui_on_fatal);
	signal(SIGABRT, ui_on_fatal);
	signal(SIGBUS, ui_on_fatal);
	signal(SIGFPE, ui_on_fatal);
	atexit(ui_restore);
	if (initscr() == NULL) {
		cli_error("cannot set up the terminal (TERM=%s)",
		          getenv("TERM") ? getenv("TERM") : "");
		return 1;
	}
	ui_curses_on = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* a press acts at once: telling clicks from double clicks would hold
	 * every click for the interval (200 ms by default); a press on the
	 * selected row opens it, so a double click opens the row under it */
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	              | BUTTON5_PRESSED
#endif
	          ,
	          NULL);
	mouseinterval(0);
	ui_colors(&u);
	getmaxyx(stdscr, u.rows, u.cols);
	ui_push(&u, ui_feeds_new(&u));
	ui_help_or_config_msgs(&u);
	while (!u.done && !ui_signalled) {
		ui_draw(&u);
		if (ui_trace != NULL && t0 > 0) {
			/* from the reader's start (after the database opened) or from a
			 * key: the time, and the CPU time (the machine may be busy) */
			fprintf(ui_trace, "%s %.3f %.3f\n", key == 0 ? "first-draw" : "key",
			        ui_now_ms() - t0, ui_clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu0);
			t0 = 0;
		}
		/* work left for later is done between keys, a little at a time */
		idle = ui_idle_pending(&u);
		timeout(idle ? 0 : u.child > 0 ? 100 : 500);
		rc = get_wch(&ch);
		ui_reload_poll(&u);
		if (rc == ERR) {
			if (idle) {
				double i0 = ui_trace ? ui_now_ms() : 0;
				double c0 = ui_trace ? ui_clock_ms(CLOCK_PROCESS_CPUTIME_ID) : 0;

				ui_idle(&u);
				/* the longest step is the longest a key may wait for one */
				if (ui_trace != NULL && ui_now_ms() - i0 > idle_max)
					idle_max = ui_now_ms() - i0;
				if (ui_trace != NULL &&
				    ui_clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0 > idle_max_cpu)
					idle_max_cpu = ui_clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
			}
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			getmaxyx(stdscr, u.rows, u.cols);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
			ui_mouse(&u);
			continue;
		}
		if ((key = ui_key_of(rc, ch)) < 0)
			continue;
		t0 = ui_now_ms();
		if (ui_trace != NULL)
			cpu0 = ui_clock_ms(CLOCK_PROCESS_CPUTIME_ID);
		ui_dispatch(&u, key);
	}
	ui_restore();
	if (u.child > 0) {
		/* leave the fetch to finish on its own: it writes in transactions */
		close(u.child_fd);
	}
	while (u.depth > 0) {
		u.depth--;
		u.stack[u.depth]->free(u.stack[u.depth]);
	}
	rc = ui_signalled ? 128 + ui_signalled : 0;
	free(u.msg);
	free(u.child_line);
	buf_free(&u.child_out);
	free(u.self);
	ui_config_free(&u.cfg);
	if (ui_trace != NULL) {
		fprintf(ui_trace, "idle-max %.3f %.3f\n", idle_max, idle_max_cpu);
		fclose(ui_trace);
	}
	return rc;
}
