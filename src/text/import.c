/* import.c - turning a file into an article. */
#include "text/import.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "text/html.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static int
import_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}

/* Trims ASCII white space at both ends of [*s, *s + *n). */
static void
import_trim(const char **s, size_t *n)
{
	while (*n > 0 && strchr(" \t\r\f\v", (*s)[0]) != NULL) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && strchr(" \t\r\f\v", (*s)[*n - 1]) != NULL)
		(*n)--;
}

/* Appends a line to a paragraph being joined, with one space between lines. */
static void
import_join(struct buf *b, const char *s, size_t n)
{
	import_trim(&s, &n);
	if (n == 0)
		return;
	if (b->len > 0)
		buf_addc(b, ' ');
	buf_add(b, s, n);
}

static void
import_flush(struct doc *d, struct buf *b)
{
	if (b->len > 0)
		doc_add_para(d, b->data, b->len);
	buf_reset(b);
}

void
import_text(const char *text, size_t len, struct doc *d)
{
	const char *p = text, *end = text + len, *nl, *body;
	struct buf para = BUF_INIT;
	int blocks = 0, seen_text = 0;
	size_t n;

	/* a UTF-8 byte order mark is not part of the headline */
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!import_blank(p, n)) {
			import_trim(&p, &n);
			doc_set(&d->title, NULL);
			d->title = xstrndup(p, n);
			doc_add_para(d, p, n);
			p = nl ? nl + 1 : end;
			break;
		}
		p = nl ? nl + 1 : end;
	}
	body = p;
	/* blocks when a blank line separates two lines of text */
	for (; p < end; p = nl ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!import_blank(p, n))
			seen_text = 1;
		else if (seen_text) {
			for (const char *q = nl ? nl + 1 : end; q < end;) {
				const char *nl2 = memchr(q, '\n', (size_t)(end - q));
				size_t n2 = nl2 ? (size_t)(nl2 - q) : (size_t)(end - q);

				if (!import_blank(q, n2)) {
					blocks = 1;
					break;
				}
				q = nl2 ? nl2 + 1 : end;
			}
			break;
		}
	}
	for (p = body; p < end; p = nl ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (import_blank(p, n)) {
			import_flush(d, &para);
			continue;
		}
		import_join(&para, p, n);
		if (!blocks)
			import_flush(d, &para);
	}
	import_flush(d, &para);
	buf_free(&para);
	if (d->title == NULL) {
		d->title = xstrdup("");
		doc_add_para(d, "", 0);
	}
}

int
import_is_html(const char *name, const char *data, size_t len)
{
	const char *dot = strrchr(name, '.');
	size_t i = 0;

	if (dot != NULL && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 ||
	                    strcasecmp(dot, ".xhtml") == 0))
		return 1;
	if (dot != NULL && strcasecmp(dot, ".txt") == 0)
		return 0;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && strchr(" \t\r\n", data[i]) != NULL)
		i++;
	return len - i >= 9 && (strncasecmp(data + i, "<!doctype", 9) == 0 ||
	                        strncasecmp(data + i, "<html", 5) == 0);
}

int
import_html(const char *html, size_t len, struct doc *d, char **cause)
{
	char *title = NULL;
	size_t first;

	doc_add_para(d, "", 0);
	first = d->npara;
	if (html_render(html, len, NULL, d, &title, cause) != 0)
		return -1;
	/* without <title>, the first paragraph is the best headline there is */
	if (title == NULL && d->npara > first)
		title = xstrdup(d->paras[first].text);
	if (title == NULL) {
		*cause = xstrdup("no title and no text in it");
		return -1;
	}
	free(d->paras[0].text);
	d->paras[0].text = xstrdup(title);
	d->title = title;
	return 0;
}

int
import_read(const char *path, size_t max, char **data, size_t *len, char **cause)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	ssize_t n;
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&b, max);
	buf_add(&b, "", 0);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause =
			    xasprintf("%s: %s", strcmp(path, "-") == 0 ? "standard input" : path,
			              strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (buf_add(&b, chunk, (size_t)n) != 0) {
			*cause =
			    xasprintf("%s: larger than %zu MiB; not imported", path, max >> 20);
			goto fail;
		}
	}
	if (fd != STDIN_FILENO)
		close(fd);
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
fail:
	if (fd != STDIN_FILENO)
		close(fd);
	buf_free(&b);
	return -1;
}

/* FNV-1a: a stable key for an article read from standard input. */
static uint64_t
import_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

int
import_file(const char *path, struct doc *d, size_t *nbad, char **cause)
{
	char *raw, *text, *real, *why = NULL;
	size_t len;

	doc_init(d);
	if (import_read(path, IMPORT_MAX_BYTES, &raw, &len, cause) != 0)
		return -1;
	text = utf8_repair(raw, len, nbad);
	free(raw);
	len = strlen(text);
	if (import_is_html(path, text, len)) {
		d->source_is_html = 1;
		if (import_html(text, len, d, &why) != 0) {
			*cause = xasprintf("%s: %s", path, why);
			free(why);
			free(text);
			doc_free(d);
			return -1;
		}
	} else
		import_text(text, len, d);
	if (d->title[0] == '\0') {
		*cause = xasprintf("%s: empty; nothing to import", path);
		free(text);
		doc_free(d);
		return -1;
	}
	d->source = text;
	if (strcmp(path, "-") == 0)
		d->key = xasprintf("stdin:%016llx", (unsigned long long)import_hash(d->title));
	else if ((real = realpath(path, NULL)) != NULL) {
		d->key = xasprintf("file:%s", real);
		free(real);
	} else
		d->key = xasprintf("file:%s", path);
	return 0;
}
