/* test_query.c - the search language: trees for good queries, and for bad
 * ones a message with the column and what was expected there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "search/query.h"
#include "util/xmalloc.h"

#define NOW ((int64_t)1767225600) /* 2026-01-01T00:00:00Z */

/* Asserts that text parses to the canonical form want. */
static void
parses_to(const char *text, const char *want)
{
	struct query_node *q = NULL;
	char *cause = NULL, *got;

	if (query_parse(text, NOW, &q, &cause) != 0)
		fail_msg("'%s' did not parse: %s", text, cause);
	got = query_format(q);
	if (strcmp(got, want) != 0)
		fail_msg("'%s' parsed to %s, expected %s", text, got, want);
	free(got);
	query_free(q);
}

/* Asserts that text fails with exactly the message want. */
static void
fails_with(const char *text, const char *want)
{
	struct query_node *q = NULL;
	char *cause = NULL;

	if (query_parse(text, NOW, &q, &cause) == 0) {
		char *got = query_format(q);

		fail_msg("'%s' parsed (to %s) but should fail with: %s", text, got, want);
	}
	assert_null(q);
	if (strcmp(cause, want) != 0)
		fail_msg("'%s' failed with '%s', expected '%s'", text, cause, want);
	free(cause);
}

static void
test_words_and_phrases(void **state)
{
	parses_to("micron", "micron");
	parses_to("  micron   memory ", "(micron AND memory)");
	parses_to("\"export controls\" chips", "(\"export controls\" AND chips)");
	parses_to("semi*", "semi*");
	/* a doubled quote inside a phrase is one quote, written back doubled */
	parses_to("\"say \"\"no\"\" twice\"", "\"say \"\"no\"\" twice\"");
	parses_to("-AND", "NOT \"AND\"");
	parses_to("-NOT x", "NOT (NOT x)");
	/* lower-case or is a word; only OR is the operator */
	parses_to("black or white", "(black AND or AND white)");
	parses_to("e-mail", "e-mail");
}

static void
test_operators(void **state)
{
	parses_to("-tariff", "NOT tariff");
	parses_to("chips -\"trade war\"", "(chips AND NOT \"trade war\")");
	parses_to("a OR b", "(a OR b)");
	/* OR binds tighter than side by side */
	parses_to("a b OR c d", "(a AND (b OR c) AND d)");
	parses_to("a OR b OR c", "(a OR b OR c)");
	parses_to("(a OR b) c", "((a OR b) AND c)");
	parses_to("-(a OR b)", "NOT (a OR b)");
	parses_to("((a))", "a");
	parses_to("a OR (b -c)", "(a OR (b AND NOT c))");
	parses_to("a AND b", "(a AND b)");
	parses_to("a AND b OR c NOT d", "(a AND (b OR c) AND NOT d)");
	parses_to("NOT (a OR b)", "NOT (a OR b)");
	parses_to("and not", "(and AND not)"); /* in lower case, words */
}

static void
test_qualifiers(void **state)
{
	parses_to("company:Micron", "company:\"Micron\"");
	parses_to("company:\"Micron Technology\" memory",
	          "(company:\"Micron Technology\" AND memory)");
	parses_to("agency:CAC OR person:Lindqvist", "(agency:\"CAC\" OR person:\"Lindqvist\")");
	parses_to("country:Japan place:Lisbon org:WTO entity:x speaker:\"Mara Lindqvist\"",
	          "(country:\"Japan\" AND place:\"Lisbon\" AND org:\"WTO\" AND entity:\"x\" AND "
	          "speaker:\"Mara Lindqvist\")");
	parses_to("tag:legal feed:wire", "(tag:\"legal\" AND feed:\"wire\")");
	parses_to("is:unread has:note", "(is:unread AND has:note)");
	parses_to("is:read has:tag", "(is:read AND has:tag)");
	parses_to("has:quote OR has:statements", "(has:statement OR has:statement)");
	parses_to("-tag:done", "NOT tag:\"done\"");
	parses_to("COMPANY:Micron", "company:\"Micron\"");
	/* a colon after something that is not a qualifier name is part of a word */
	parses_to("10:30", "10:30");
}

static void
test_dates(void **state)
{
	/* 2025-12-31 00:00 UTC = 1767139200 */
	parses_to("since:2025-12-31", "since:@1767139200");
	/* until: takes in the whole day given */
	parses_to("until:2025-12-31", "until:@1767225600");
	parses_to("since:7d", "since:@1766620800");
	parses_to("since:2w", "since:@1766016000");
	parses_to("since:12h", "since:@1767182400");
	parses_to("since:today", "since:@1767225600");
	/* a date with a time, and dates written out (all UTC) */
	parses_to("since:2025-12-31T06:30", "since:@1767162600");
	parses_to("since:2025-12-31T06:30:15Z", "since:@1767162615");
	parses_to("since:\"2025-12-31 06:30\"", "since:@1767162600");
	parses_to("since:\"31 Dec 2025\"", "since:@1767139200");
	parses_to("since:\"December 31, 2025\"", "since:@1767139200");
	fails_with("since:2025-12-31T25:00",
	           "column 7: expected a date (YYYY-MM-DD) or an age (12h, 7d, 2w, 3m, 1y) "
	           "after 'since:', not '2025-12-31T25:00'");
}

static void
test_malformed(void **state)
{
	fails_with("(a OR b", "column 8: expected ')' to close the '(' at column 1");
	fails_with("x (a (b) c", "column 11: expected ')' to close the '(' at column 3");
	fails_with("a b)", "column 4: unexpected ')' with no '(' before it");
	fails_with("()", "column 2: expected a search term after the '(' at column 1");
	fails_with("a OR", "column 5: expected a search term after the 'OR' at column 3");
	fails_with("OR a", "column 1: expected a search term before 'OR'");
	fails_with("a OR OR b", "column 6: expected a search term after the 'OR' at column 3");
	fails_with("\"open ended", "column 12: expected '\"' to close the quote at column 1");
	fails_with("a - b", "column 4: expected a word, a phrase or a group right after '-'");
	fails_with("AND a", "column 1: expected a search term before 'AND'");
	fails_with("a OR AND b", "column 6: expected a search term after the 'OR' at column 3");
	fails_with("a AND", "column 6: expected a search term after the 'AND' at column 3");
	fails_with("a AND OR b", "column 7: expected a search term after the 'AND' at column 3");
	fails_with("a NOT",
	           "column 6: expected a word, a phrase or a group after the 'NOT' at column 3");
	fails_with("company:", "column 9: expected a value after 'company:'");
	fails_with("company:\"\"", "column 9: expected a value after 'company:'");
	fails_with("tag:\"x", "column 7: expected '\"' to close the quote at column 5");
	fails_with("since:soon",
	           "column 7: expected a date (YYYY-MM-DD) or an age (12h, 7d, 2w, 3m, 1y) "
	           "after 'since:', not 'soon'");
	fails_with("until:2025-13-01",
	           "column 7: expected a date (YYYY-MM-DD) or an age (12h, 7d, 2w, 3m, 1y) "
	           "after 'until:', not '2025-13-01'");
	fails_with("is:starred",
	           "column 4: expected 'unread' or 'read' after 'is:', not 'starred'");
	fails_with("has:pictures",
	           "column 5: expected 'note', 'tag' or 'statement' after 'has:', not "
	           "'pictures'");
	fails_with("colour:red",
	           "column 1: unknown qualifier 'colour:' (expected company:, agency:, person:, "
	           "country:, place:, org:, entity:, speaker:, tag:, feed:, since:, until:, is: or "
	           "has:)");
	fails_with("\"  \"", "column 1: expected words inside the quotes");
	/* columns count characters, not bytes */
	fails_with("é (a", "column 5: expected ')' to close the '(' at column 3");
}

static void
test_empty_and_deep(void **state)
{
	struct query_node *q = (struct query_node *)1;
	char *cause = NULL, *deep = xcalloc(1, 402);

	assert_int_equal(query_parse("   ", NOW, &q, &cause), 0);
	assert_null(q);
	memset(deep, '(', 200);
	memset(deep + 200, ')', 200);
	assert_int_equal(query_parse(deep, NOW, &q, &cause), -1);
	assert_non_null(strstr(cause, "too many nested parentheses"));
	free(cause);
	free(deep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_words_and_phrases), cmocka_unit_test(test_operators),
	    cmocka_unit_test(test_qualifiers),        cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_malformed),         cmocka_unit_test(test_empty_and_deep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
