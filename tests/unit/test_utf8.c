/* test_utf8.c - decoding, repair and terminal sanitizing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/json.h"
#include "util/utf8.h"

static void
test_repair(void **state)
{
	size_t bad;
	char *s;

	s = utf8_repair("ok \xc3\xa9 \xff end", 11, &bad);
	assert_string_equal(s, "ok \xc3\xa9 \xef\xbf\xbd end");
	assert_int_equal(bad, 1);
	free(s);
	/* overlong encoding, surrogate, NUL byte, truncated tail */
	s = utf8_repair("\xc0\xaf|\xed\xa0\x80|a\0b|\xe2\x82", 13, &bad);
	assert_int_equal(bad, 1 + 1 + 3 + 1 + 2);
	assert_true(utf8_valid(s, strlen(s)));
	free(s);
}

static void
test_sanitize(void **state)
{
	char *s = utf8_sanitize("red\x1b[31mtext\x07 \xc2\x9b"
	                        "2J tab\there\nline \xe2\x80\xae",
	                        0);

	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\x07'));
	assert_null(strstr(s, "\xc2\x9b"));
	assert_null(strstr(s, "\xe2\x80\xae"));
	assert_string_equal(s, "red[31mtext 2J tab here line ");
	free(s);
	s = utf8_sanitize("a\nb", 1);
	assert_string_equal(s, "a\nb");
	free(s);
}

static void
test_decode(void **state)
{
	uint32_t cp;
	char out[4];

	assert_int_equal(utf8_decode("\xf0\x9f\x93\xb0", 4, &cp), 4);
	assert_int_equal(cp, 0x1f4f0);
	assert_int_equal(utf8_encode(cp, out), 4);
	assert_memory_equal(out, "\xf0\x9f\x93\xb0", 4);
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);
}

static void
test_json_controls(void **state)
{
	struct buf b = BUF_INIT;

	json_str(&b, "a\x1b[2J \xc2\x9b"
	             "1m \xc2\xa0 \xc3\xa9\t\"q\"");
	assert_string_equal(buf_str(&b), "\"a\\u001b[2J \\u009b1m \xc2\xa0 \xc3\xa9\\t\\\"q\\\"\"");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_repair),
	    cmocka_unit_test(test_sanitize),
	    cmocka_unit_test(test_decode),
	    cmocka_unit_test(test_json_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
