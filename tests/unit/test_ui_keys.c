/* test_ui_keys.c - key names, bindings and dispatch, the config file and
 * themes of the reader, without a terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "ui/ui_config.h"
#include "ui/ui_keys.h"
#include "ui/ui_theme.h"
#include "util/xmalloc.h"

static void
test_key_names(void **state)
{
	char name[32];
	int k;

	assert_int_equal(ui_key_parse("j"), 'j');
	assert_int_equal(ui_key_parse("ENTER"), UI_K_ENTER);
	assert_int_equal(ui_key_parse("enter"), UI_K_ENTER);
	assert_int_equal(ui_key_parse("PPAGE"), UI_K_PGUP);
	assert_int_equal(ui_key_parse("^D"), 4);
	assert_int_equal(ui_key_parse("C-d"), 4);
	assert_int_equal(ui_key_parse("F5"), UI_K_F1 + 4);
	assert_int_equal(ui_key_parse("F12"), UI_K_F1 + 11);
	assert_int_equal(ui_key_parse("é"), 0xe9);
	assert_int_equal(ui_key_parse("SPACE"), ' ');
	assert_int_equal(ui_key_parse("F13"), -1);
	assert_int_equal(ui_key_parse("jk"), -1);
	assert_int_equal(ui_key_parse(""), -1);
	assert_int_equal(ui_key_parse("^1"), -1);
	assert_int_equal(ui_key_parse("\x1b"), -1);
	/* every name printed reads back as the same key */
	for (k = 1; k < UI_K_LAST; k++) {
		if (k >= 0x7f && k < UI_K_SPECIAL && k != 0xe9)
			continue;
		if (k == UI_K_SPECIAL || k == 0x7f)
			continue;
		ui_key_name(k, name, sizeof(name));
		if (k < 0x20 && k != UI_K_TAB && k != UI_K_ESC && k > 0x1a)
			continue; /* ^[ ^\ ^] ^^ ^_ */
		assert_int_equal(ui_key_parse(name), k);
	}
}

static void
test_default_bindings(void **state)
{
	struct ui_keymap m;

	ui_keymap_default(&m);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_LIST, 'j'), UI_A_DOWN);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_LIST, UI_K_DOWN), UI_A_DOWN);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, 'G'), UI_A_END);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_FEEDS, UI_K_ENTER), UI_A_OPEN);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_FEEDS, 'q'), UI_A_BACK);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, 'Q'), UI_A_QUIT);
	/* n and N: next unread in a list, next article in the article view */
	assert_int_equal(ui_keymap_lookup(&m, UI_V_LIST, 'n'), UI_A_NEXT_UNREAD);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, 'n'), UI_A_NEXT_ARTICLE);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, 'e'), UI_A_NEXT_ENTITY);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, 's'), UI_A_NEXT_STMT);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, 'z'), UI_A_FOLD);
	/* a key bound in one view means nothing where its action means nothing */
	assert_int_equal(ui_keymap_lookup(&m, UI_V_FEEDS, 'z'), UI_A_NONE);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ENTITIES, UI_K_TAB), UI_A_FILTER_KIND);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, UI_K_TAB), UI_A_NEXT_ENTITY);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_LIST, 'X'), UI_A_NONE);
}

static void
test_bind(void **state)
{
	struct ui_keymap m;
	char keys[64];

	ui_keymap_default(&m);
	assert_int_equal(ui_keymap_bind(&m, 'X', UI_A_QUIT, -1), 0);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, 'X'), UI_A_QUIT);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_FEEDS, 'X'), UI_A_QUIT);
	/* rebinding replaces what the key did */
	assert_int_equal(ui_keymap_bind(&m, 'j', UI_A_NEXT_STMT, UI_V_ARTICLE), 0);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, 'j'), UI_A_NEXT_STMT);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_LIST, 'j'), UI_A_DOWN);
	assert_int_equal(ui_keymap_bind(&m, 'j', UI_A_NEXT_STMT, UI_V_FEEDS), -1);
	assert_int_equal(ui_keymap_keys(&m, UI_V_ARTICLE, UI_A_DOWN, keys, sizeof(keys)), 1);
	assert_string_equal(keys, "Down");
	ui_keymap_unbind(&m, 'X', -1);
	assert_int_equal(ui_keymap_lookup(&m, UI_V_ARTICLE, 'X'), UI_A_NONE);
	assert_int_equal(ui_keymap_keys(&m, UI_V_LIST, UI_A_HOME, keys, sizeof(keys)), 2);
	assert_string_equal(keys, "Home, g");
}

static void
test_config_lines(void **state)
{
	struct ui_config c;
	char *err;

	ui_config_init(&c);
	assert_int_equal(ui_config_line(&c, "# a comment", &err), 0);
	assert_int_equal(ui_config_line(&c, "   ", &err), 0);
	assert_int_equal(ui_config_line(&c, "bind x quit", &err), 0);
	assert_int_equal(ui_keymap_lookup(&c.keys, UI_V_LIST, 'x'), UI_A_QUIT);
	assert_int_equal(ui_config_line(&c, "bind-key ^N next-statement article", &err), 0);
	assert_int_equal(ui_keymap_lookup(&c.keys, UI_V_ARTICLE, 14), UI_A_NEXT_STMT);
	assert_int_equal(ui_config_line(&c, "bind x frobnicate", &err), -1);
	assert_string_equal(err, "unknown action 'frobnicate'");
	free(err);
	assert_int_equal(ui_config_line(&c, "bind WIBBLE quit", &err), -1);
	assert_string_equal(err, "unknown key 'WIBBLE'");
	free(err);
	assert_int_equal(ui_config_line(&c, "bind z toggle-folds feeds", &err), -1);
	assert_non_null(strstr(err, "means nothing"));
	free(err);
	assert_int_equal(ui_config_line(&c, "bind z toggle-folds nowhere", &err), -1);
	assert_non_null(strstr(err, "unknown view 'nowhere'"));
	free(err);
	assert_int_equal(ui_config_line(&c, "colour red", &err), -1);
	assert_string_equal(err, "unknown command 'colour'");
	free(err);
	assert_int_equal(ui_config_line(&c, "theme light", &err), 0);
	assert_string_equal(c.theme, "light");
	assert_int_equal(ui_config_line(&c, "browser \"my browser\" --new-tab %u", &err), 0);
	assert_string_equal(c.browser[0], "my browser");
	assert_string_equal(c.browser[1], "--new-tab");
	assert_string_equal(c.browser[2], "%u");
	assert_null(c.browser[3]);
	assert_int_equal(ui_config_line(&c, "browser 'unclosed", &err), -1);
	free(err);
	assert_int_equal(ui_config_line(&c, "text-width 72", &err), 0);
	assert_int_equal(c.text_width, 72);
	assert_int_equal(ui_config_line(&c, "text-width wide", &err), -1);
	free(err);
	ui_config_free(&c);
}

static void
test_config_file(void **state)
{
	char path[] = "/tmp/test_ui_config.XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct ui_config c;
	char *want;

	fputs("theme mono\n\nbind j nosuchthing\nbind k \x1b[2Jup\nbind G end\n", f);
	fclose(f);
	ui_config_init(&c);
	assert_int_equal(ui_config_load(&c, path, 1), 0);
	assert_int_equal(c.nmsgs, 2);
	want = xasprintf("%s:3: unknown action 'nosuchthing'", path);
	assert_string_equal(c.msgs[0], want);
	free(want);
	/* what is quoted from the file reaches the screen without its escapes */
	assert_null(strchr(c.msgs[1], '\x1b'));
	assert_string_equal(c.theme, "mono");
	ui_config_free(&c);
	unlink(path);
	ui_config_init(&c);
	assert_int_equal(ui_config_load(&c, path, 0), 0);
	assert_int_equal(c.nmsgs, 0);
	assert_int_equal(ui_config_load(&c, path, 1), -1);
	assert_int_equal(c.nmsgs, 1);
	ui_config_free(&c);
}

static void
test_split_words(void **state)
{
	char **v = ui_split_words("  a 'b c' \"d\\\"e\" f\\ g  ");

	assert_non_null(v);
	assert_string_equal(v[0], "a");
	assert_string_equal(v[1], "b c");
	assert_string_equal(v[2], "d\"e");
	assert_string_equal(v[3], "f g");
	assert_null(v[4]);
	ui_argv_free(v);
	v = ui_split_words("");
	assert_null(v[0]);
	ui_argv_free(v);
}

static void
test_theme_lines(void **state)
{
	struct ui_theme t;
	char *err;
	short c;

	ui_theme_mono(&t);
	assert_int_equal(
	    ui_theme_line(&t, "entity.company bright-green default bold underline", &err), 0);
	assert_int_equal(t.el[UI_EL_COMPANY].fg, 10);
	assert_int_equal(t.el[UI_EL_COMPANY].bg, UI_COLOR_DEFAULT);
	assert_int_equal(t.el[UI_EL_COMPANY].attrs, UI_AT_BOLD | UI_AT_UNDERLINE);
	assert_int_equal(ui_theme_line(&t, "title color231 color24", &err), 0);
	assert_int_equal(t.el[UI_EL_TITLE].fg, 231);
	assert_int_equal(t.el[UI_EL_TITLE].bg, 24);
	assert_int_equal(ui_theme_line(&t, "  # comment", &err), 0);
	assert_int_equal(ui_theme_line(&t, "nosuch red blue", &err), -1);
	assert_string_equal(err, "unknown element 'nosuch'");
	free(err);
	assert_int_equal(ui_theme_line(&t, "title red", &err), -1);
	free(err);
	assert_int_equal(ui_theme_line(&t, "title red color256", &err), -1);
	assert_string_equal(err, "unknown colour 'color256'");
	free(err);
	assert_int_equal(ui_theme_line(&t, "title red blue blink", &err), -1);
	assert_string_equal(err, "unknown attribute 'blink'");
	free(err);
	assert_int_equal(ui_color_parse("brightred", &c), 0);
	assert_int_equal(c, 9);
	assert_int_equal(ui_color_parse("7", &c), 0);
	assert_int_equal(c, 7);
	assert_int_equal(ui_color_parse("-1", &c), -1);
	/* 256 colours on an 8- or 16-colour terminal: the nearest there */
	assert_int_equal(ui_color_fit(196, 256), 196);
	assert_int_equal(ui_color_fit(196, 16), 9);
	assert_int_equal(ui_color_fit(196, 8), 1);
	assert_int_equal(ui_color_fit(12, 8), 4);
	assert_int_equal(ui_color_fit(UI_COLOR_DEFAULT, 8), UI_COLOR_DEFAULT);
	assert_int_equal(ui_color_fit(255, 8), 7);
}

static void
fail_warn(const char *msg, void *arg)
{
	(void)arg;
	fail_msg("%s", msg);
}

static void
test_theme_files(void **state)
{
	static const char *const names[] = {"default", "light", "solarized-dark", "mono"};
	struct ui_theme t, builtin;
	char *path;
	size_t i;

	setenv("NEWSROOM_THEMEDIR", NR_SRCDIR "/themes", 1);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		path = ui_theme_path(names[i]);
		assert_non_null(path);
		ui_theme_mono(&t);
		assert_int_equal(ui_theme_load(&t, path, fail_warn, NULL), 0);
		free(path);
	}
	/* the built-in theme, used when no file is found, is the default file */
	path = ui_theme_path("default");
	ui_theme_mono(&t);
	ui_theme_load(&t, path, fail_warn, NULL);
	free(path);
	ui_theme_builtin(&builtin);
	for (i = 0; i < UI_NELEMS; i++) {
		assert_int_equal(t.el[i].fg, builtin.el[i].fg);
		assert_int_equal(t.el[i].bg, builtin.el[i].bg);
		assert_int_equal(t.el[i].attrs, builtin.el[i].attrs);
	}
	/* and the mono file is what NO_COLOR gives */
	path = ui_theme_path("mono");
	ui_theme_builtin(&t);
	ui_theme_load(&t, path, fail_warn, NULL);
	free(path);
	ui_theme_mono(&builtin);
	for (i = 0; i < UI_NELEMS; i++) {
		assert_int_equal(t.el[i].fg, builtin.el[i].fg);
		assert_int_equal(t.el[i].attrs, builtin.el[i].attrs);
	}
	assert_null(ui_theme_path("no-such-theme"));
	assert_null(ui_theme_path("/no/such/file.theme"));
}

/* Returns the word of action a among the hints, or NULL when it is not offered. */
static const char *
hint_word(enum ui_view v, const struct ui_hint_ctx *c, enum ui_action a)
{
	struct ui_hint h[16];
	size_t n = ui_hints(v, c, h, 16), i;

	assert_true(n < 16);
	for (i = 0; i < n; i++)
		if (h[i].a == a)
			return h[i].word;
	return NULL;
}

static void
test_hints(void **state)
{
	struct ui_hint_ctx c;
	struct ui_hint h[2];
	int v;

	(void)state;
	memset(&c, 0, sizeof(c));
	/* the first screen's q quits; every screen but help offers ? */
	c.root = 1;
	assert_string_equal(hint_word(UI_V_FEEDS, &c, UI_A_BACK), "quit");
	c.root = 0;
	for (v = 0; v < UI_NVIEWS; v++) {
		assert_string_equal(hint_word((enum ui_view)v, &c, UI_A_BACK), "back");
		if (v == UI_V_HELP)
			assert_null(hint_word((enum ui_view)v, &c, UI_A_HELP));
		else
			assert_non_null(hint_word((enum ui_view)v, &c, UI_A_HELP));
	}
	/* o says what it would do, and only where it does something */
	assert_null(hint_word(UI_V_LIST, &c, UI_A_SORT));
	c.sortable = 1;
	assert_string_equal(hint_word(UI_V_LIST, &c, UI_A_SORT), "by feed");
	c.by_feed = 1;
	assert_string_equal(hint_word(UI_V_LIST, &c, UI_A_SORT), "by date");
	/* an article: z and f only when there are repeats and links */
	memset(&c, 0, sizeof(c));
	assert_null(hint_word(UI_V_ARTICLE, &c, UI_A_FOLD));
	assert_null(hint_word(UI_V_ARTICLE, &c, UI_A_OPEN_LINK));
	assert_non_null(hint_word(UI_V_ARTICLE, &c, UI_A_NEXT_ENTITY));
	c.folds = c.links = 1;
	assert_non_null(hint_word(UI_V_ARTICLE, &c, UI_A_FOLD));
	assert_non_null(hint_word(UI_V_ARTICLE, &c, UI_A_OPEN_LINK));
	/* on an entity: what can be done with it */
	assert_null(hint_word(UI_V_ARTICLE, &c, UI_A_REJECT));
	c.focus = 1;
	assert_non_null(hint_word(UI_V_ARTICLE, &c, UI_A_REJECT));
	assert_non_null(hint_word(UI_V_ARTICLE, &c, UI_A_KIND));
	assert_non_null(hint_word(UI_V_ARTICLE, &c, UI_A_MERGE));
	assert_null(hint_word(UI_V_ARTICLE, &c, UI_A_NOTE));
	/* on a statement: a note */
	c.focus = 2;
	assert_non_null(hint_word(UI_V_ARTICLE, &c, UI_A_NOTE));
	assert_null(hint_word(UI_V_ARTICLE, &c, UI_A_REJECT));
	/* a help longer than the window offers to page down */
	memset(&c, 0, sizeof(c));
	assert_null(hint_word(UI_V_HELP, &c, UI_A_PGDN));
	c.more = 1;
	assert_string_equal(hint_word(UI_V_HELP, &c, UI_A_PGDN), "more");
	/* out is never overrun */
	assert_int_equal(ui_hints(UI_V_ARTICLE, &c, h, 2), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_key_names),   cmocka_unit_test(test_default_bindings),
	    cmocka_unit_test(test_bind),        cmocka_unit_test(test_config_lines),
	    cmocka_unit_test(test_config_file), cmocka_unit_test(test_split_words),
	    cmocka_unit_test(test_theme_lines), cmocka_unit_test(test_theme_files),
	    cmocka_unit_test(test_hints),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
