/* test_import.c - plain-text and HTML files into articles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "text/import.h"
#include "util/xmalloc.h"

static void
test_lines_are_paragraphs(void **state)
{
	const char *t = "\n  Headline here  \nFirst line.\nSecond line.\n\n";
	struct doc d;

	doc_init(&d);
	import_text(t, strlen(t), &d);
	assert_string_equal(d.title, "Headline here");
	assert_int_equal(d.npara, 3);
	assert_string_equal(d.paras[1].text, "First line.");
	assert_string_equal(d.paras[2].text, "Second line.");
	doc_free(&d);
}

static void
test_blocks_are_paragraphs(void **state)
{
	const char *t = "Headline\n\nOne block\nwrapped here.\n\n\nTwo\r\n";
	struct doc d;

	doc_init(&d);
	import_text(t, strlen(t), &d);
	assert_int_equal(d.npara, 3);
	assert_string_equal(d.paras[1].text, "One block wrapped here.");
	assert_string_equal(d.paras[2].text, "Two");
	doc_free(&d);
}

static void
test_headline_then_lines_without_blank(void **state)
{
	/* the blank line right after the headline does not make blocks */
	const char *t = "Headline\n\nline one\nline two\n";
	struct doc d;

	doc_init(&d);
	import_text(t, strlen(t), &d);
	assert_int_equal(d.npara, 3);
	assert_string_equal(d.paras[1].text, "line one");
	doc_free(&d);
}

static char *
write_tmp(const char *suffix, const char *data, size_t len)
{
	char *path = xasprintf("/tmp/nr-import-XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void
test_file_bad_utf8_and_key(void **state)
{
	static const char t[] = "Caf\xe9 owners protest\nThe owners of the caf\xe9 said no.\n";
	char *path = write_tmp(".txt", t, sizeof(t) - 1), *cause = NULL;
	struct doc d, again;
	size_t bad = 0;

	assert_int_equal(import_file(path, &d, &bad, &cause), 0);
	assert_int_equal(bad, 2);
	assert_string_equal(d.title, "Caf\xef\xbf\xbd owners protest");
	assert_non_null(strstr(d.key, "file:"));
	assert_int_equal(import_file(path, &again, &bad, &cause), 0);
	assert_string_equal(d.key, again.key);
	doc_free(&d);
	doc_free(&again);
	unlink(path);
	free(path);
}

static void
test_missing_and_empty(void **state)
{
	char *cause = NULL, *path;
	struct doc d;
	size_t bad;

	assert_int_equal(import_file("/nonexistent/story.txt", &d, &bad, &cause), -1);
	assert_non_null(strstr(cause, "/nonexistent/story.txt"));
	free(cause);
	path = write_tmp(".txt", "\n \n", 3);
	assert_int_equal(import_file(path, &d, &bad, &cause), -1);
	assert_non_null(strstr(cause, "empty"));
	free(cause);
	unlink(path);
	free(path);
}

static void
test_is_html(void **state)
{
	assert_true(import_is_html("a.html", "x", 1));
	assert_true(import_is_html("a", "  <!DOCTYPE html><p>", 20));
	assert_false(import_is_html("a.txt", "<html>", 6));
	assert_false(import_is_html("story", "Headline <b>", 12));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lines_are_paragraphs),
	    cmocka_unit_test(test_blocks_are_paragraphs),
	    cmocka_unit_test(test_headline_then_lines_without_blank),
	    cmocka_unit_test(test_file_bad_utf8_and_key),
	    cmocka_unit_test(test_missing_and_empty),
	    cmocka_unit_test(test_is_html),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
