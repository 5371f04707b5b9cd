/* html.c - HTML to readable text. libxml2's HTML parser reads the tag soup
 * (it recovers from anything and caps nesting) and reports elements and text
 * through SAX callbacks, which lay them out as paragraphs with an explicit
 * stack: no tree is built, and no input depth reaches the C stack. */
#include "text/html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

enum html_kind {
	HK_INLINE,
	HK_BLOCK,
	HK_SKIP, /* dropped with everything inside */
	HK_HIDE, /* walked (for <title>) but not shown */
	HK_TITLE,
	HK_BR,
	HK_IMG,
	HK_A,
	HK_UL,
	HK_OL,
	HK_LI,
	HK_PRE,
	HK_QUOTE,
	HK_TABLE,
	HK_TR,
	HK_CELL,
	HK_H1,
	HK_HEADING,
	HK_ARTICLE, /* article, main: the story itself */
	HK_HEADER,  /* a page's banner, unless inside the story */
};

/* Sorted (strcmp order) for html_kind_of; elements not listed are inline. A
 * page's menus, sidebars, forms and footers are dropped: what the reader wants
 * of a web page is its story (see html_render for pages with one <article>). */
static const struct html_elem {
	const char *name;
	enum html_kind kind;
} html_elems[] = {
    {"a", HK_A},
    {"address", HK_BLOCK},
    {"applet", HK_SKIP},
    {"article", HK_ARTICLE},
    {"aside", HK_SKIP},
    {"audio", HK_SKIP},
    {"blockquote", HK_QUOTE},
    {"body", HK_BLOCK},
    {"br", HK_BR},
    {"button", HK_SKIP},
    {"canvas", HK_SKIP},
    {"caption", HK_BLOCK},
    {"center", HK_BLOCK},
    {"dd", HK_BLOCK},
    {"details", HK_BLOCK},
    {"dialog", HK_BLOCK},
    {"dir", HK_UL},
    {"div", HK_BLOCK},
    {"dl", HK_BLOCK},
    {"dt", HK_BLOCK},
    {"embed", HK_SKIP},
    {"fieldset", HK_BLOCK},
    {"figcaption", HK_BLOCK},
    {"figure", HK_BLOCK},
    {"footer", HK_SKIP},
    {"form", HK_SKIP},
    {"frameset", HK_SKIP},
    {"h1", HK_H1},
    {"h2", HK_HEADING},
    {"h3", HK_HEADING},
    {"h4", HK_HEADING},
    {"h5", HK_HEADING},
    {"h6", HK_HEADING},
    {"head", HK_HIDE},
    {"header", HK_HEADER},
    {"hgroup", HK_BLOCK},
    {"hr", HK_BLOCK},
    {"iframe", HK_SKIP},
    {"img", HK_IMG},
    {"input", HK_SKIP},
    {"legend", HK_BLOCK},
    {"li", HK_LI},
    {"listing", HK_PRE},
    {"main", HK_ARTICLE},
    {"map", HK_SKIP},
    {"math", HK_SKIP},
    {"menu", HK_UL},
    {"nav", HK_SKIP},
    {"noembed", HK_SKIP},
    {"noframes", HK_SKIP},
    {"noscript", HK_SKIP},
    {"object", HK_SKIP},
    {"ol", HK_OL},
    {"option", HK_SKIP},
    {"p", HK_BLOCK},
    {"picture", HK_INLINE},
    {"plaintext", HK_PRE},
    {"pre", HK_PRE},
    {"script", HK_SKIP},
    {"section", HK_BLOCK},
    {"select", HK_SKIP},
    {"style", HK_SKIP},
    {"summary", HK_BLOCK},
    {"svg", HK_SKIP},
    {"table", HK_TABLE},
    {"tbody", HK_INLINE},
    {"td", HK_CELL},
    {"template", HK_SKIP},
    {"textarea", HK_SKIP},
    {"tfoot", HK_INLINE},
    {"th", HK_CELL},
    {"thead", HK_INLINE},
    {"title", HK_TITLE},
    {"tr", HK_TR},
    {"ul", HK_UL},
    {"video", HK_SKIP},
    {"xmp", HK_PRE},
};

/* Deeper nesting than this adds no more indentation. */
#define HTML_MAX_INDENT 8
/* Links are numbered once per URL; the search for an earlier number looks at
 * this many, so that a million links cost linear time. */
#define HTML_DEDUP_LINKS 64

struct html_frame {
	enum html_kind kind;
	char *href;     /* of an <a>, resolved (NULL when it leads nowhere); the frame's */
	int counter;    /* next number of an <ol> */
	int saved_list; /* the enclosing list frame, restored on leaving a list */
	size_t mark;    /* characters shown before an <a>; its href is shown after */
};

struct html_render {
	struct doc *d;
	const char *base;
	struct buf para;
	int space;    /* white space seen since the last character */
	int sep;      /* a table cell started: " | " before the next character */
	size_t shown; /* characters shown so far (tells whether a link had text) */
	size_t col;   /* column in a pre block, for tabs */
	int hide;     /* inside <head> */
	int pre;
	int quote;
	int lists;
	int cell;
	int list;           /* index of the innermost list frame, or -1 */
	const char *marker; /* "• " or an ordered number, for the next paragraph */
	char num[16];
	size_t prefix;  /* bytes of prefix at the start of para */
	int skip;       /* depth inside an element dropped with its contents */
	int in_story;   /* depth inside article or main */
	int only_story; /* a page with one <article>: text outside it is not shown */
	int in_title;
	struct buf title_text;
	char *title;
	char *h1;
	struct html_frame *stack;
	size_t depth, cap;
};

/* Binary search of html_elems: most steps are decided by the first letter,
 * without a call to strcmp (this runs for every start tag). */
static enum html_kind
html_kind_of(const char *name)
{
	size_t lo = 0, hi = sizeof(html_elems) / sizeof(html_elems[0]), mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = (unsigned char)name[0] - (unsigned char)html_elems[mid].name[0];
		if (c == 0)
			c = strcmp(name, html_elems[mid].name);
		if (c == 0)
			return html_elems[mid].kind;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return HK_INLINE;
}

static void
html_flush(struct html_render *r)
{
	struct buf *p = &r->para;

	while (p->len > 0 && (p->data[p->len - 1] == ' ' || p->data[p->len - 1] == '\n'))
		p->len--;
	if (p->len > r->prefix)
		doc_add_para(r->d, p->data, p->len);
	buf_reset(p);
	r->space = 0;
	r->sep = 0;
	r->prefix = 0;
	r->col = 0;
}

/* Starts a paragraph: quote marks, list indentation and the item marker. */
static void
html_start(struct html_render *r)
{
	int i, indent = r->lists;

	for (i = 0; i < r->quote && i < HTML_MAX_INDENT; i++)
		buf_add(&r->para, "> ", 2);
	if (r->marker != NULL)
		indent--;
	for (i = 0; i < indent && i < HTML_MAX_INDENT; i++)
		buf_add(&r->para, "  ", 2);
	if (r->marker != NULL)
		buf_adds(&r->para, r->marker);
	r->marker = NULL;
	r->prefix = r->para.len;
}

/* Called before each shown character outside pre: the pending separator. */
static void
html_before(struct html_render *r)
{
	if (r->para.len == 0 && r->prefix == 0) {
		html_start(r);
		r->space = 0;
		r->sep = 0;
	} else if (r->sep) {
		buf_add(&r->para, " | ", 3);
		r->sep = 0;
		r->space = 0;
	} else if (r->space) {
		if (r->para.len > r->prefix && r->para.data[r->para.len - 1] != '\n')
			buf_addc(&r->para, ' ');
		r->space = 0;
	}
}

/* Returns 1 when the eight bytes at s are all kept as they are in a run of
 * html_text: printable ASCII, with single spaces each followed by printable
 * ASCII (none at either end). The test is the byte loop's, eight at a time. */
static int
html_plain8(const char *s)
{
	const uint64_t hi = 0x8080808080808080ull, lo7 = 0x7f7f7f7f7f7f7f7full;
	uint64_t w, sp;

	memcpy(&w, s, 8);
	if ((w & hi) != 0 || ((w + 0x0101010101010101ull) & hi) != 0 || /* no DEL */
	    ((w + 0x6060606060606060ull) & hi) != hi)                   /* none below ' ' */
		return 0;
	sp = w ^ 0x2020202020202020ull;
	sp = ~(((sp & lo7) + lo7) | sp | lo7); /* the high bit of each space */
	return (sp & 0x8000000000000080ull) == 0 && (sp & (sp << 8)) == 0;
}

/* Shows text: white space collapsed (or kept, in pre), controls dropped,
 * invalid UTF-8 replaced. */
static void
html_text(struct html_render *r, const char *s, size_t n)
{
	size_t i = 0, k = 1, run;
	uint32_t cp;

	if (r->only_story && r->in_story == 0)
		return;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (!r->pre && (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f')) {
			r->space = 1;
			i++;
			continue;
		}
		/* the longest run of characters shown as they are, copied at once */
		for (run = i; run < n; run += k) {
			unsigned char u = (unsigned char)s[run];

			if (!r->pre && run + 8 <= n && html_plain8(s + run)) {
				k = 8;
				continue;
			}

			if (u >= 0x21 && u < 0x7f)
				k = 1;
			else if (u == ' ' && run > i &&
			         (r->pre || (run + 1 < n && (unsigned char)s[run + 1] > ' ' &&
			                     (unsigned char)s[run + 1] < 0x7f)))
				k = 1; /* one space between words is kept as it is */
			else if (u < 0x80 || (k = utf8_decode(s + run, n - run, &cp)) == 0 ||
			         cp <= 0xa0)
				break;
		}
		if (run > i) {
			if (r->pre) {
				if (r->para.len == 0 && r->prefix == 0)
					html_start(r);
			} else
				html_before(r);
			buf_add(&r->para, s + i, run - i);
			r->shown += run - i;
			r->col += run - i;
			i = run;
			continue;
		}
		if (c < 0x80) {
			k = 1;
			cp = c;
		} else if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			cp = 0xfffd;
		}
		i += k;
		if (!r->pre) {
			if (cp == 0xa0) {
				r->space = 1;
				continue;
			}
		} else if (cp == '\n' && r->para.len == r->prefix) {
			continue; /* a pre block starts at its first line with text */
		} else if (cp == '\n' || cp == ' ' || cp == '\t') {
			size_t w = cp == '\t' ? 8 - r->col % 8 : 1;

			if (r->para.len == 0 && r->prefix == 0)
				html_start(r);
			if (cp == '\n') {
				buf_addc(&r->para, '\n');
				r->col = 0;
			} else {
				r->col += w;
				for (; w > 0; w--)
					buf_addc(&r->para, ' ');
			}
			continue;
		}
		if (cp != 0xfffd && cp != 0xa0)
			continue; /* a control character */
		if (r->pre) {
			if (r->para.len == 0 && r->prefix == 0)
				html_start(r);
		} else
			html_before(r);
		buf_add(&r->para, cp == 0xa0 ? "\xc2\xa0" : "\xef\xbf\xbd", cp == 0xa0 ? 2 : 3);
		r->shown++;
		r->col++;
	}
}

/* Returns the value of attribute name in a SAX attribute list (not a copy), or NULL. */
static const char *
html_attr(const xmlChar **atts, const char *name)
{
	size_t i;

	for (i = 0; atts != NULL && atts[i] != NULL; i += 2)
		if (strcasecmp((const char *)atts[i], name) == 0)
			return atts[i + 1] != NULL ? (const char *)atts[i + 1] : "";
	return NULL;
}

/* Returns 1 when u has no scheme (relative) or one a reader may hand to a
 * browser: http, https, mailto. javascript:, data:, file: and the rest would
 * run code or open local files, so such links are dropped. Sets *absolute
 * when u has a scheme. */
static int
html_scheme_ok(const char *u, int *absolute)
{
	size_t n = 0;

	while (isalnum((unsigned char)u[n]) || u[n] == '+' || u[n] == '-' || u[n] == '.')
		n++;
	*absolute = u[n] == ':' && n > 0 && isalpha((unsigned char)u[0]);
	if (!*absolute)
		return 1;
	return (n == 4 && strncasecmp(u, "http", 4) == 0) ||
	       (n == 5 && strncasecmp(u, "https", 5) == 0) ||
	       (n == 6 && strncasecmp(u, "mailto", 6) == 0);
}

char *
html_resolve(const char *href, const char *base)
{
	struct buf b = BUF_INIT;
	char *url;
	size_t n;
	int absolute;

	while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r' || *href == '\f')
		href++;
	n = strlen(href);
	while (n > 0 && (href[n - 1] == ' ' || href[n - 1] == '\t' || href[n - 1] == '\n' ||
	                 href[n - 1] == '\r' || href[n - 1] == '\f'))
		n--;
	/* as browsers do: tabs and newlines are dropped, inner spaces escaped */
	buf_add(&b, "", 0);
	for (; n > 0; href++, n--)
		if (*href == ' ')
			buf_adds(&b, "%20");
		else if ((unsigned char)*href >= 0x20 && *href != 0x7f)
			buf_addc(&b, *href);
	if (b.len == 0 || b.data[0] == '#' || !html_scheme_ok(b.data, &absolute)) {
		buf_free(&b);
		return NULL;
	}
	/* xmlBuildURI gives an absolute URL back as it is (or fails on it, which
	 * keeps it as it is too): most links are absolute, and this is faster */
	url = base != NULL && !absolute
	          ? (char *)xmlBuildURI((const xmlChar *)b.data, (const xmlChar *)base)
	          : NULL;
	if (url == NULL && utf8_valid(b.data, b.len))
		return buf_detach(&b);
	buf_free(&b);
	if (url == NULL)
		return NULL;
	if (!utf8_valid(url, strlen(url)) || !html_scheme_ok(url, &absolute)) {
		xmlFree(url);
		return NULL;
	}
	b.data = xstrdup(url);
	xmlFree(url);
	return b.data;
}

static size_t
html_link_number(struct doc *d, const char *url)
{
	size_t i;

	for (i = 0; i < d->nlinks && i < HTML_DEDUP_LINKS; i++)
		if (strcmp(d->links[i], url) == 0)
			return i + 1;
	return doc_add_link(d, url);
}

static struct html_frame *
html_push(struct html_render *r, enum html_kind kind)
{
	struct html_frame *f;

	if (r->depth == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->stack = xreallocarray(r->stack, r->cap, sizeof(*r->stack));
	}
	f = &r->stack[r->depth++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	return f;
}

static int
html_is_block(enum html_kind k)
{
	return k == HK_BLOCK || k == HK_UL || k == HK_OL || k == HK_LI || k == HK_PRE ||
	       k == HK_QUOTE || k == HK_TABLE || k == HK_TR || k == HK_H1 || k == HK_HEADING ||
	       k == HK_ARTICLE || k == HK_HEADER;
}

/* Collapses the white space of s into a string the caller owns, or NULL when
 * nothing is left. */
static char *
html_collapse(const char *s, size_t n)
{
	struct html_render sub;
	char *out;

	memset(&sub, 0, sizeof(sub));
	html_text(&sub, s, n);
	out = sub.para.len > 0 ? xstrndup(sub.para.data, sub.para.len) : NULL;
	buf_free(&sub.para);
	return out;
}

/* Lays out the start of an element whose frame f was just pushed. */
static void
html_enter(struct html_render *r, struct html_frame *f, const xmlChar **atts)
{
	enum html_kind k = f->kind;
	const char *v;
	char *alt;

	if (k == HK_TITLE) {
		r->in_title++;
		return;
	}
	if (k == HK_HIDE) {
		r->hide++;
		return;
	}
	if (r->hide) {
		f->kind = HK_INLINE; /* inside <head>: only <title> counts */
		return;
	}
	/* inside a table cell, blocks only separate words: the row is one paragraph */
	if (r->cell > 0 && html_is_block(k))
		r->space = 1;
	else if (html_is_block(k))
		html_flush(r);
	switch (k) {
	case HK_ARTICLE:
		r->in_story++;
		break;
	case HK_BR:
		if (r->pre)
			html_text(r, "\n", 1);
		else if (r->para.len > r->prefix && r->cell == 0) {
			if (r->para.data[r->para.len - 1] == '\n')
				html_flush(r); /* <br><br> ends a paragraph */
			else {
				buf_addc(&r->para, '\n');
				r->space = 0;
			}
		} else
			r->space = 1;
		break;
	case HK_IMG:
		if ((v = html_attr(atts, "alt")) != NULL &&
		    (alt = html_collapse(v, strlen(v))) != NULL) {
			html_text(r, "[image: ", 8);
			html_text(r, alt, strlen(alt));
			html_text(r, "]", 1);
			free(alt);
		}
		break;
	case HK_LI:
		if (r->cell > 0)
			break;
		if (r->list >= 0 && r->stack[r->list].kind == HK_OL) {
			snprintf(r->num, sizeof(r->num), "%d. ", r->stack[r->list].counter);
			if (r->stack[r->list].counter < INT_MAX)
				r->stack[r->list].counter++;
			r->marker = r->num;
		} else
			r->marker = "\xe2\x80\xa2 ";
		break;
	case HK_UL:
	case HK_OL:
		f->counter = 1;
		if (k == HK_OL && (v = html_attr(atts, "start")) != NULL) {
			long n = strtol(v, NULL, 10);

			f->counter = n > 0 && n < 1000000 ? (int)n : 1;
		}
		f->saved_list = r->list;
		r->list = (int)(r->depth - 1);
		r->lists++;
		break;
	case HK_PRE:
		r->pre++;
		break;
	case HK_QUOTE:
		r->quote++;
		break;
	case HK_TR:
		if (r->cell > 0)
			r->sep = r->para.len > r->prefix;
		break;
	case HK_CELL:
		if (r->para.len > r->prefix)
			r->sep = 1;
		r->cell++;
		break;
	case HK_A:
		f->mark = r->shown;
		if ((v = html_attr(atts, "href")) != NULL)
			f->href = html_resolve(v, r->base); /* NULL: it leads nowhere */
		break;
	default:
		break;
	}
}

/* Adds a link's number to the last paragraph: the link held whole blocks (a
 * heading, a card), so its number goes after the last of them, once. */
static void
html_mark_last(struct doc *d, const char *mark)
{
	struct doc_para *last = &d->paras[d->npara - 1];
	size_t n = strlen(last->text), m = strlen(mark);
	char *text;

	if (n > m && strcmp(last->text + n - m, mark) == 0)
		return;
	text = xasprintf("%s %s", last->text, mark);
	free(last->text);
	last->text = text;
}

/* Lays out the end of the element of frame f, already popped. */
static void
html_leave(struct html_render *r, struct html_frame *f)
{
	char mark[32];

	switch (f->kind) {
	case HK_TITLE:
		r->in_title--;
		if (r->in_title == 0 && r->title == NULL)
			r->title = html_collapse(buf_str(&r->title_text), r->title_text.len);
		return;
	case HK_HIDE:
		r->hide--;
		return;
	case HK_ARTICLE:
		r->in_story--;
		break;
	case HK_UL:
	case HK_OL:
		r->list = f->saved_list;
		r->lists--;
		break;
	case HK_PRE:
		r->pre--;
		break;
	case HK_QUOTE:
		r->quote--;
		break;
	case HK_CELL:
		r->cell--;
		break;
	case HK_LI:
		r->marker = NULL;
		break;
	case HK_H1:
		if (r->h1 == NULL && r->para.len > r->prefix && r->cell == 0)
			r->h1 = xstrndup(r->para.data + r->prefix, r->para.len - r->prefix);
		break;
	case HK_A:
		if (f->href != NULL && r->shown != f->mark) {
			snprintf(mark, sizeof(mark), "[%zu]", html_link_number(r->d, f->href));
			if (r->para.len == 0 && r->d->npara > 0 && !r->pre)
				html_mark_last(r->d, mark);
			else {
				r->space = 1;
				html_text(r, mark, strlen(mark));
			}
		}
		free(f->href);
		return;
	default:
		return;
	}
	if (r->cell > 0 && html_is_block(f->kind))
		r->space = 1;
	else if (html_is_block(f->kind))
		html_flush(r);
}

static void
html_sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct html_render *r = ctx;
	enum html_kind k;

	if (r->skip > 0) {
		r->skip++;
		return;
	}
	k = html_kind_of((const char *)name);
	if (k == HK_SKIP || (k == HK_HEADER && r->in_story == 0)) {
		r->skip = 1;
		return;
	}
	html_enter(r, html_push(r, k), atts);
}

static void
html_sax_end(void *ctx, const xmlChar *name)
{
	struct html_render *r = ctx;

	if (r->skip > 0)
		r->skip--;
	else if (r->depth > 0) {
		r->depth--;
		html_leave(r, &r->stack[r->depth]);
	}
}

static void
html_sax_text(void *ctx, const xmlChar *s, int len)
{
	struct html_render *r = ctx;

	if (r->skip > 0 || len <= 0)
		return;
	if (r->in_title > 0)
		buf_add(&r->title_text, s, (size_t)len);
	else if (!r->hide)
		html_text(r, (const char *)s, (size_t)len);
}

/* Never written: libxml2 only reads the handler while it parses. */
static xmlSAXHandler html_sax = {
    .startElement = html_sax_start,
    .endElement = html_sax_end,
    .characters = html_sax_text,
    .ignorableWhitespace = html_sax_text,
    .cdataBlock = html_sax_text,
    .initialized = 1,
};

/* Returns 1 when html is a whole page (it has a body) with exactly one
 * <article>: a news site's page, whose menus, teasers and footers around the
 * story are not the story. */
static int
html_one_story(const char *html, size_t len)
{
	const char *p = html, *end = html + len;
	int body = 0, articles = 0;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && articles < 2) {
		p++;
		if (end - p > 7 && strncasecmp(p, "article", 7) == 0 &&
		    (p[7] == '>' || p[7] == ' ' || p[7] == '\t' || p[7] == '\n' || p[7] == '\r'))
			articles++;
		else if (end - p > 4 && strncasecmp(p, "body", 4) == 0 &&
		         (p[4] == '>' || p[4] == ' ' || p[4] == '\t' || p[4] == '\n' ||
		          p[4] == '\r'))
			body = 1;
	}
	return body && articles == 1;
}

int
html_render(const char *html, size_t len, const char *base_url, struct doc *d, char **title,
            char **cause)
{
	struct html_render r;
	htmlParserCtxtPtr ctxt;
	xmlSAXHandler *own;
	xmlCharEncodingHandlerPtr utf8;

	if (title != NULL)
		*title = NULL;
	if (len == 0)
		return 0;
	if (len > INT_MAX) {
		*cause = xstrdup("HTML larger than 2 GiB");
		return -1;
	}
	if ((ctxt = htmlCreateMemoryParserCtxt(html, (int)len)) == NULL) {
		*cause = xstrdup("the HTML parser could not start");
		return -1;
	}
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                             HTML_PARSE_RECOVER);
	/* the text is UTF-8 already; a <meta charset> in it must not change that */
	if ((utf8 = xmlFindCharEncodingHandler("UTF-8")) != NULL) {
		xmlSwitchToEncoding(ctxt, utf8);
		if (ctxt->input != NULL && ctxt->input->encoding == NULL)
			ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	}
	memset(&r, 0, sizeof(r));
	r.d = d;
	r.base = base_url;
	r.list = -1;
	r.only_story = html_one_story(html, len);
	own = ctxt->sax;
	ctxt->sax = &html_sax;
	ctxt->userData = &r;
	htmlParseDocument(ctxt);
	ctxt->sax = own;
	ctxt->userData = NULL;
	if (ctxt->myDoc != NULL)
		xmlFreeDoc(ctxt->myDoc);
	htmlFreeParserCtxt(ctxt);
	while (r.depth > 0)
		free(r.stack[--r.depth].href);
	html_flush(&r);
	buf_free(&r.para);
	buf_free(&r.title_text);
	free(r.stack);
	/* a news page's <title> carries the site's name; its story's <h1> does not */
	if (title != NULL && r.only_story && r.h1 != NULL) {
		*title = r.h1;
		free(r.title);
	} else if (title != NULL && r.title != NULL) {
		*title = r.title;
		free(r.h1);
	} else if (title != NULL)
		*title = r.h1;
	else {
		free(r.title);
		free(r.h1);
	}
	return 0;
}

/* Decodes the character reference at s (after '&', n bytes available) into
 * out; returns the bytes consumed including ';', or 0 when it is not one. */
static size_t
html_entity(const char *s, size_t n, char out[8], size_t *outlen)
{
	char name[40];
	size_t i = 0;
	uint32_t cp = 0;

	if (n >= 2 && s[0] == '#') {
		int hex = s[1] == 'x' || s[1] == 'X';
		int digits = 0;

		for (i = hex ? 2 : 1; i < n && digits < 8; i++, digits++) {
			char c = s[i];

			if (c >= '0' && c <= '9')
				cp = cp * (hex ? 16 : 10) + (uint32_t)(c - '0');
			else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
				cp = cp * 16 + (uint32_t)((c | 0x20) - 'a' + 10);
			else
				break;
		}
		if (digits == 0 || i >= n || s[i] != ';')
			return 0;
		if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		*outlen = utf8_encode(cp, out);
		return i + 1;
	}
	while (i < n && i < sizeof(name) - 1 &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	        (s[i] >= '0' && s[i] <= '9'))) {
		name[i] = s[i];
		i++;
	}
	if (i == 0 || i >= n || s[i] != ';')
		return 0;
	name[i] = '\0';
	{
		const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);

		if (e == NULL)
			return 0;
		*outlen = utf8_encode(e->value, out);
	}
	return i + 1;
}

/* Whether c after '<' makes a tag rather than a less-than sign. */
static int
html_tag_start(char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '/' || c == '!' || c == '?';
}

/* Tags that do not separate words. */
static int
html_inline_tag(const char *s, size_t n)
{
	static const char *const tags[] = {
	    "a",    "abbr",   "b",      "bdi", "bdo",  "cite", "code", "data", "dfn",
	    "em",   "font",   "i",      "kbd", "mark", "q",    "s",    "samp", "small",
	    "span", "strike", "strong", "sub", "sup",  "time", "tt",   "u",    "var"};
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strlen(tags[i]) == n && strncasecmp(tags[i], s, n) == 0)
			return 1;
	return 0;
}

char *
html_plain(const char *s, size_t n, int markup)
{
	struct html_render r;
	struct buf raw = BUF_INIT;
	size_t i = 0, start = 0, k, elen, last_gt;
	char ent[8];
	char *out;
	int simple = 1;

	for (i = 0; i < n; i++)
		if (s[i] == '&' || (markup && s[i] == '<')) {
			simple = 0;
			break;
		}
	/* past the last '>' no tag can end: keeps "<<<<..." linear */
	for (last_gt = n; last_gt > 0 && s[last_gt - 1] != '>'; last_gt--)
		;
	memset(&r, 0, sizeof(r));
	if (simple) {
		html_text(&r, s, n);
		goto done;
	}
	for (i = 0; i < n;) {
		if (s[i] == '&' && (k = html_entity(s + i + 1, n - i - 1, ent, &elen)) > 0) {
			buf_add(&raw, s + start, i - start);
			buf_add(&raw, ent, elen);
			i += k + 1;
			start = i;
			continue;
		}
		if (markup && s[i] == '<' && i + 1 < n && html_tag_start(s[i + 1]) && i < last_gt) {
			const char *gt = memchr(s + i, '>', n - i);
			size_t ns = i + 1 + (s[i + 1] == '/'), ne = ns;
			int skip;

			while (ne < n && ((s[ne] | 0x20) >= 'a' && (s[ne] | 0x20) <= 'z'))
				ne++;
			buf_add(&raw, s + start, i - start);
			if (!html_inline_tag(s + ns, ne - ns))
				buf_addc(&raw, ' ');
			skip = s[i + 1] != '/' &&
			       ((ne - ns == 6 && strncasecmp(s + ns, "script", 6) == 0) ||
			        (ne - ns == 5 && strncasecmp(s + ns, "style", 5) == 0));
			i = (size_t)(gt - s) + 1;
			if (skip) {
				/* the next '</' ends a script or style */
				while (i + 1 < n && !(s[i] == '<' && s[i + 1] == '/'))
					i++;
			}
			start = i;
			continue;
		}
		i++;
	}
	buf_add(&raw, s + start, n - start);
	html_text(&r, buf_str(&raw), raw.len);
done:
	buf_free(&raw);
	out = r.para.len > 0 ? xstrndup(r.para.data, r.para.len) : NULL;
	buf_free(&r.para);
	return out;
}
