/* urls.h - subscription lists: newsboat's urls file, and syncing one into the database. */
#ifndef NR_URLS_H
#define NR_URLS_H

#include <stddef.h>

#include "cli.h"
#include "util/buf.h"

struct urls_entry {
	char *url;
	char *title; /* "~Title" (urls file) or the outline's text (OPML), or NULL */
	char **tags;
	size_t ntags;
	size_t line; /* where it was read, 1-based (0 = unknown) */
};

struct urls_list {
	struct urls_entry *v;
	size_t n;
	char **warnings; /* "FILE:LINE: what is wrong; skipped", one per skipped line */
	size_t nwarnings;
};

/* Parses a newsboat urls file held in text (len bytes; name is used in
 * warnings): a URL then tags, "~Title" renames, '#' starts a comment, tags may
 * be quoted ("two words", with \" and \\ escapes). Lines that are not http(s)
 * URLs are skipped with a warning. Fills out (the caller's; urls_free). */
void urls_parse(const char *text, size_t len, const char *name, struct urls_list *out);
/* Reads the whole file at path (at most 64 MiB) into b, which the caller
 * frees with buf_free; 0, or -1 with *cause. */
int urls_slurp(const char *path, struct buf *b, char **cause);
/* Reads and parses the file at path; 0, or -1 with *cause when it is unreadable. */
int urls_read(const char *path, struct urls_list *out, char **cause);
/* Appends an entry with copies of url and title (may be NULL); returns it. */
struct urls_entry *urls_append(struct urls_list *l, const char *url, const char *title,
                               size_t line);
/* Adds a copy of tag to e unless it holds it already. */
void urls_add_tag(struct urls_entry *e, const char *tag);
void urls_free(struct urls_list *l);
/* Returns 1 when url is an http:// or https:// URL curl can parse, else 0. */
int urls_valid(const char *url);

/* The urls file in use: --urls, else $XDG_CONFIG_HOME/newsroom/urls (or
 * ~/.config/newsroom/urls) when it exists; NULL when none. Caller owns it. */
char *urls_path(const struct cli *c);
/* Brings the database in line with the urls file in use, if any: its feeds are
 * added (origin 'urls'), renamed and retagged as the file says, and feeds that
 * came from it and left it are removed. Writes nothing when nothing changed.
 * Prints warnings and errors; returns 0, or -1 (the file or database failed). */
int urls_sync(struct cli *c);

#endif
