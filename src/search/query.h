/* query.h - the search language, parsed into a tree (src/search/query.c).
 *
 *   words  "exact phrase"  word*  -word  -"phrase"  a OR b  (a b) OR c
 *   a AND b (the same as a b)  NOT a (the same as -a)
 *   company: agency: person: country: place: org: entity: speaker: tag: feed:
 *   since: until: (YYYY-MM-DD, or relative: 7d, 2w, 3m, 1y, 12h, today)
 *   is:unread  is:read  has:note  has:tag  has:statement (or has:quote)
 *
 * Terms side by side must all hold; OR binds tighter than that, as in most
 * search engines: "a b OR c" means a AND (b OR c). Qualifier values may be
 * quoted: company:"Micron Technology". Names match aliases, case-insensitively. */
#ifndef NR_QUERY_H
#define NR_QUERY_H

#include <stddef.h>
#include <stdint.h>

enum query_op {
	QUERY_AND,    /* kids: all must hold */
	QUERY_OR,     /* kids: one must hold */
	QUERY_NOT,    /* kids[0] must not hold */
	QUERY_WORD,   /* text: one word (prefix: ends with '*') */
	QUERY_PHRASE, /* text: words in this order */
	QUERY_FIELD,  /* field with text (or time) */
};

enum query_field {
	QUERY_F_COMPANY,
	QUERY_F_AGENCY,
	QUERY_F_PERSON,
	QUERY_F_COUNTRY,
	QUERY_F_PLACE,
	QUERY_F_ORG,
	QUERY_F_ENTITY,  /* any kind */
	QUERY_F_SPEAKER, /* statements by */
	QUERY_F_TAG,     /* the article's tags and its feeds' tags */
	QUERY_F_FEED,    /* feed id, or words of its title or URL */
	QUERY_F_SINCE,   /* time: articles at or after */
	QUERY_F_UNTIL,   /* time: articles before (the end of the day given) */
	QUERY_F_UNREAD,  /* is:unread */
	QUERY_F_READ,    /* is:read */
	QUERY_F_HAS_NOTE,
	QUERY_F_HAS_TAG,
	QUERY_F_HAS_STATEMENT, /* has:statement, has:quote */
};

struct query_node {
	enum query_op op;
	enum query_field field; /* QUERY_FIELD only */
	char *text;             /* WORD, PHRASE, FIELD value; NULL otherwise */
	int prefix;             /* WORD: match words starting with text */
	int64_t time;           /* SINCE, UNTIL: UTC seconds */
	size_t col;             /* 1-based column (in characters) where it starts */
	struct query_node **kids;
	size_t nkids;
};

/* Parses text into *out (the caller frees it with query_free). now is the
 * time relative dates count from. On a malformed query returns -1 with *cause
 * naming the column and what was expected, e.g.
 * "column 7: expected ')' to close the '(' at column 1". An empty query (only
 * spaces) gives *out NULL and 0: it matches every article. */
int query_parse(const char *text, int64_t now, struct query_node **out, char **cause);
void query_free(struct query_node *q);
/* Returns the qualifier name of f ("company"). */
const char *query_field_name(enum query_field f);
/* Appends a canonical, fully parenthesised form of q to a new string the
 * caller owns (for tests and --explain). */
char *query_format(const struct query_node *q);

#endif
