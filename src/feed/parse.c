/* parse.c - RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1.
 *
 * XML is read by libxml2 into a tree with network access off and entities
 * NOT substituted; each item is read and freed as soon as the parser has it. Text is gathered here
 * rather than with xmlNodeGetContent or xmlGetProp, because those expand entity references
 * recursively (the billion-laughs attack), and the parser's entity lookups see only the five
 * predefined entities; an entity reference only ever becomes the character of
 * the HTML entity of that name, or nothing. */
#include "feed/feed.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed/date.h"
#include "text/html.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

enum parse_ns {
	NS_NONE,
	NS_ATOM,
	NS_ATOM03,
	NS_RSS1,
	NS_RSS09,
	NS_CONTENT,
	NS_DC,
	NS_DCTERMS,
	NS_MEDIA,
	NS_SY,
	NS_OTHER,
};

/* Namespace names without their scheme: feeds write them with http or https. */
static const struct parse_nsname {
	const char *uri;
	enum parse_ns ns;
} parse_nsnames[] = {
    {"www.w3.org/2005/Atom", NS_ATOM},
    {"purl.org/atom/ns#", NS_ATOM03},
    {"purl.org/rss/1.0/", NS_RSS1},
    {"my.netscape.com/rdf/simple/0.9/", NS_RSS09},
    {"purl.org/rss/1.0/modules/content/", NS_CONTENT},
    {"purl.org/dc/elements/1.1/", NS_DC},
    {"purl.org/dc/terms/", NS_DCTERMS},
    {"search.yahoo.com/mrss/", NS_MEDIA},
    {"purl.org/rss/1.0/modules/syndication/", NS_SY},
};

#define PARSE_NSCACHE 8
/* Repeated enclosures and categories are merged, looking this far back, so a
 * hostile item with a million of them costs linear time. */
#define PARSE_DEDUP 64
#define PARSE_RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

struct parse {
	const char *url; /* where the document came from, or NULL */
	struct feed *f;
	size_t icap;    /* items allocated in f->items */
	struct buf tmp; /* scratch for gathered text */
	const xmlNs *nsp[PARSE_NSCACHE];
	enum parse_ns nsv[PARSE_NSCACHE];
	unsigned nsi;
	int peeked; /* parse_peek_site was done */
	int utf8;   /* the text libxml2 gives is valid UTF-8: checked input, well-formed */
};

static enum parse_ns
parse_ns_of(struct parse *p, const xmlNode *n)
{
	const char *uri;
	size_t i, len, ulen;
	enum parse_ns v = NS_OTHER;

	if (n->ns == NULL || n->ns->href == NULL)
		return NS_NONE;
	for (i = 0; i < PARSE_NSCACHE; i++)
		if (p->nsp[i] == n->ns)
			return p->nsv[i];
	uri = (const char *)n->ns->href;
	if (strncasecmp(uri, "http://", 7) == 0)
		uri += 7;
	else if (strncasecmp(uri, "https://", 8) == 0)
		uri += 8;
	ulen = strlen(uri);
	for (i = 0; i < sizeof(parse_nsnames) / sizeof(parse_nsnames[0]); i++) {
		len = strlen(parse_nsnames[i].uri);
		/* a trailing '/' is often left off or added */
		if (parse_nsnames[i].uri[len - 1] == '/' && ulen == len - 1)
			len--;
		if (ulen >= len && strncmp(uri, parse_nsnames[i].uri, len) == 0 &&
		    (ulen == len || (ulen == len + 1 && uri[len] == '/'))) {
			v = parse_nsnames[i].ns;
			break;
		}
	}
	p->nsp[p->nsi % PARSE_NSCACHE] = n->ns;
	p->nsv[p->nsi % PARSE_NSCACHE] = v;
	p->nsi++;
	return v;
}

/* utf8_valid with a fast path over ASCII, eight bytes at a time: whole feeds
 * and their content pass through it, and most of their bytes are ASCII. */
static int
parse_utf8_ok(const char *s, size_t n)
{
	const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
	size_t i = 0, k;
	uint64_t w;
	uint32_t cp;

	while (i < n) {
		for (; i + 8 <= n; i += 8) {
			memcpy(&w, s + i, 8);
			/* a byte with its high bit set, or a NUL byte */
			if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
				break;
		}
		if (i >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\0')
				return 0;
			i++;
		} else if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return 0;
		else
			i += k;
	}
	return 1;
}

static int
parse_is(const xmlNode *n, const char *name)
{
	return n->name != NULL && strcmp((const char *)n->name, name) == 0;
}

/* Returns the first place in h (n bytes) where needle occurs, ignoring ASCII case; or NULL. */
static const char *
parse_find(const char *h, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if ((h[i] | 0x20) == (needle[0] | 0x20) && strncasecmp(h + i, needle, k) == 0)
			return h + i;
	return NULL;
}

/* Appends the character an entity reference stands for, when it names an HTML entity. */
static void
parse_entity(struct buf *b, const xmlNode *n)
{
	const htmlEntityDesc *e;
	char u[4];

	if (n->name != NULL && (e = htmlEntityLookup(n->name)) != NULL)
		buf_add(b, u, utf8_encode(e->value, u));
}

/* Appends the text under n (text, CDATA, entities as above), walking without recursion. */
static void
parse_gather(struct buf *b, const xmlNode *top)
{
	const xmlNode *n = top->children;

	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL)
			buf_adds(b, (const char *)n->content);
		else if (n->type == XML_ENTITY_REF_NODE)
			parse_entity(b, n);
		else if (n->type == XML_ELEMENT_NODE && n->children == NULL && n->name != NULL &&
		         (strcasecmp((const char *)n->name, "br") == 0 ||
		          strcasecmp((const char *)n->name, "hr") == 0))
			buf_addc(b, ' '); /* raw HTML in a feed: "one<br/>two" is two words */
		else if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == top)
				return;
		}
		if (n != NULL)
			n = n->next;
	}
}

/* Returns the text under n, valid until the next call (it may be in p->tmp). */
static const char *
parse_text(struct parse *p, const xmlNode *n)
{
	const xmlNode *c = n->children;

	/* the common case, one text or CDATA node, needs no copy */
	if (c != NULL && c->next == NULL && c->content != NULL &&
	    (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE))
		return (const char *)c->content;
	buf_reset(&p->tmp);
	buf_add(&p->tmp, "", 0);
	parse_gather(&p->tmp, n);
	return buf_str(&p->tmp);
}

/* Returns the text under n without surrounding white space, as a string the
 * caller owns, or NULL when there is none. */
static char *
parse_trimmed(struct parse *p, const xmlNode *n)
{
	const char *s = parse_text(p, n);
	size_t len;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
	                   s[len - 1] == '\r'))
		len--;
	/* libxml2 recovering from broken input can pass on broken UTF-8 */
	if (len == 0)
		return NULL;
	return p->utf8 || parse_utf8_ok(s, len) ? xstrndup(s, len) : utf8_repair(s, len, NULL);
}

/* Returns the text under n as plain text (see html_plain), the caller's, or NULL. */
static char *
parse_plain(struct parse *p, const xmlNode *n, int markup)
{
	const char *s = parse_text(p, n);

	return html_plain(s, strlen(s), markup);
}

/* Returns the value of attribute name (in namespace ns, or none when ns is
 * NULL) as a string the caller owns, or NULL. */
static char *
parse_attr(const xmlNode *n, const char *name, const char *ns)
{
	const xmlAttr *a;
	struct buf b = BUF_INIT;
	const xmlNode *c;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (ns == NULL ? a->ns != NULL
		               : a->ns == NULL || a->ns->href == NULL ||
		                     strcmp((const char *)a->ns->href, ns) != 0)
			continue;
		buf_add(&b, "", 0);
		for (c = a->children; c != NULL; c = c->next)
			if (c->type == XML_TEXT_NODE && c->content != NULL)
				buf_adds(&b, (const char *)c->content);
			else if (c->type == XML_ENTITY_REF_NODE)
				parse_entity(&b, c);
		if (!parse_utf8_ok(b.data, b.len)) {
			char *fixed = utf8_repair(b.data, b.len, NULL);

			buf_free(&b);
			return fixed;
		}
		return buf_detach(&b);
	}
	return NULL;
}

/* Returns the base URL in effect at n: the xml:base attributes from the root
 * down, resolved against the document's URL; the caller's, or NULL. When
 * explicit is not NULL it is set when some xml:base was found. */
static char *
parse_base(struct parse *p, const xmlNode *n, int *explicit)
{
	char *bases[16], *base, *next;
	int nb = 0;
	const xmlNode *c;

	for (c = n; c != NULL && c->type == XML_ELEMENT_NODE; c = c->parent)
		if (c->properties != NULL && nb < 16 &&
		    (bases[nb] = parse_attr(c, "base", (const char *)XML_XML_NAMESPACE)) != NULL)
			nb++;
	if (explicit != NULL)
		*explicit = nb > 0;
	base = p->url != NULL ? xstrdup(p->url) : NULL;
	while (nb-- > 0) {
		next = html_resolve(bases[nb], base);
		free(bases[nb]);
		if (next != NULL) {
			free(base);
			base = next;
		}
	}
	return base;
}

/* Returns raw (a link found at n) as an absolute URL when it can be made one:
 * against xml:base, else the document's URL, else the feed's site. */
static char *
parse_url(struct parse *p, const xmlNode *n, const char *raw)
{
	char *base, *url;

	if (raw == NULL)
		return NULL;
	base = parse_base(p, n, NULL);
	url = html_resolve(raw, base != NULL ? base : p->f->link);
	free(base);
	if (url != NULL && !parse_utf8_ok(url, strlen(url))) {
		char *fixed = utf8_repair(url, strlen(url), NULL);

		free(url);
		url = fixed;
	}
	return url;
}

/* Returns attribute name of n (no namespace) as an absolute URL, or NULL. */
static char *
parse_url_attr(struct parse *p, const xmlNode *n, const char *name)
{
	char *raw = parse_attr(n, name, NULL), *url = parse_url(p, n, raw);

	free(raw);
	return url;
}

/* Escapes plain text as HTML paragraphs, so that text content renders like HTML
 * content; returns a string the caller owns. */
static char *
parse_text_html(const char *s)
{
	struct buf b = BUF_INIT;
	const char *q;

	buf_adds(&b, "<p>");
	for (q = s; *q != '\0'; q++) {
		if (*q == '&')
			buf_adds(&b, "&amp;");
		else if (*q == '<')
			buf_adds(&b, "&lt;");
		else if (*q == '>')
			buf_adds(&b, "&gt;");
		else if (*q == '\n' && q[1] == '\n') {
			buf_adds(&b, "</p><p>");
			while (q[1] == '\n')
				q++;
		} else if (*q == '\n')
			buf_adds(&b, "<br>");
		else if (*q != '\r')
			buf_addc(&b, *q);
	}
	buf_adds(&b, "</p>");
	return buf_detach(&b);
}

static void
parse_set(char **field, char *value)
{
	if (value == NULL)
		return;
	free(*field);
	*field = value;
}

static void
parse_keep_first(char **field, char *value)
{
	if (*field == NULL)
		*field = value;
	else
		free(value);
}

static void
parse_add_cat(struct feed_item *it, char *cat)
{
	size_t i;

	if (cat == NULL)
		return;
	for (i = 0; i < it->ncats && i < PARSE_DEDUP; i++)
		if (strcmp(it->cats[i], cat) == 0) {
			free(cat);
			return;
		}
	it->cats = xreallocarray(it->cats, it->ncats + 1, sizeof(*it->cats));
	it->cats[it->ncats++] = cat;
}

/* Adds an enclosure, taking url and type; one per URL. */
static void
parse_add_enc(struct feed_item *it, char *url, char *type, const char *length)
{
	struct feed_enclosure *e;
	long long len = length != NULL ? strtoll(length, NULL, 10) : 0;
	size_t i;

	if (url == NULL) {
		free(type);
		return;
	}
	for (i = 0; i < it->nencs && i < PARSE_DEDUP; i++)
		if (strcmp(it->encs[i].url, url) == 0) {
			if (it->encs[i].type == NULL)
				it->encs[i].type = type;
			else
				free(type);
			if (it->encs[i].length == 0 && len > 0)
				it->encs[i].length = len;
			free(url);
			return;
		}
	it->encs = xreallocarray(it->encs, it->nencs + 1, sizeof(*it->encs));
	e = &it->encs[it->nencs++];
	e->url = url;
	e->type = type;
	e->length = len > 0 ? len : 0;
}

static struct feed_item *
parse_new_item(struct parse *p)
{
	struct feed *f = p->f;

	if (f->nitems == p->icap) {
		p->icap = p->icap ? p->icap * 2 : 16;
		f->items = xreallocarray(f->items, p->icap, sizeof(*f->items));
	}
	memset(&f->items[f->nitems], 0, sizeof(f->items[0]));
	return &f->items[f->nitems++];
}

/* media:content, media:thumbnail and media:group (which holds more of them). */
static void
parse_media(struct parse *p, const xmlNode *n, struct feed_item *it)
{
	const xmlNode *c;
	char *len;

	if (parse_is(n, "content") || parse_is(n, "thumbnail")) {
		len = parse_attr(n, "fileSize", NULL);
		parse_add_enc(it, parse_url_attr(p, n, "url"), parse_attr(n, "type", NULL), len);
		free(len);
	} else if (parse_is(n, "group")) {
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && parse_ns_of(p, c) == NS_MEDIA)
				parse_media(p, c, it);
	} else if (parse_is(n, "description") && it->summary_html == NULL) {
		char *s = parse_trimmed(p, n);

		if (s != NULL) {
			it->summary = html_plain(s, strlen(s), 1);
			it->summary_html = parse_text_html(s);
			free(s);
		}
	} else if (parse_is(n, "title") && it->title == NULL)
		it->title = parse_plain(p, n, 1);
}

/* Sets the item's summary from n, whose text is HTML. */
static void
parse_summary_html(struct parse *p, const xmlNode *n, struct feed_item *it)
{
	char *s = parse_trimmed(p, n);

	if (s == NULL)
		return;
	free(it->summary);
	free(it->summary_html);
	it->summary = html_plain(s, strlen(s), 1);
	it->summary_html = s;
}

static int
parse_rss_core(enum parse_ns ns)
{
	return ns == NS_NONE || ns == NS_RSS1 || ns == NS_RSS09;
}

/* Returns an RSS person ("desk@paper.example (Ann Lee)" or a name) as the
 * name alone, plain; the caller's, or NULL. */
static char *
parse_rss_person(struct parse *p, const xmlNode *n)
{
	char *s = parse_plain(p, n, 1), *open, *name;
	size_t len;

	if (s == NULL || (len = strlen(s)) < 3 || s[len - 1] != ')' ||
	    (open = strchr(s, '(')) == NULL || memchr(s, '@', (size_t)(open - s)) == NULL)
		return s;
	name = xstrndup(open + 1, (size_t)(s + len - 1 - open - 1));
	free(s);
	if (name[strspn(name, " ")] == '\0') {
		free(name);
		return NULL;
	}
	return name;
}

static void
parse_date_into(struct parse *p, const xmlNode *n, int64_t *t, int overwrite)
{
	int64_t v;

	if (*t != 0 && !overwrite)
		return;
	v = feed_date(parse_text(p, n));
	if (v != 0)
		*t = v;
}

static void
parse_rss_item(struct parse *p, const xmlNode *item)
{
	struct feed_item *it = parse_new_item(p);
	const xmlNode *c;
	char *v, *about, *dc_creator = NULL;
	int permalink = 1;

	for (c = item->children; c != NULL; c = c->next) {
		enum parse_ns ns;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		ns = parse_ns_of(p, c);
		if (parse_rss_core(ns)) {
			if (parse_is(c, "title"))
				parse_set(&it->title, parse_plain(p, c, 1));
			else if (parse_is(c, "link") && it->link == NULL)
				it->link = parse_url(p, c, parse_text(p, c));
			else if (parse_is(c, "description"))
				parse_summary_html(p, c, it);
			else if (parse_is(c, "guid")) {
				parse_set(&it->id, parse_trimmed(p, c));
				v = parse_attr(c, "isPermaLink", NULL);
				permalink = v == NULL || strcasecmp(v, "false") != 0;
				free(v);
			} else if (parse_is(c, "pubDate"))
				parse_date_into(p, c, &it->published, 1);
			else if (parse_is(c, "author"))
				parse_keep_first(&it->author, parse_rss_person(p, c));
			else if (parse_is(c, "category"))
				parse_add_cat(it, parse_plain(p, c, 1));
			else if (parse_is(c, "enclosure")) {
				v = parse_attr(c, "length", NULL);
				parse_add_enc(it, parse_url_attr(p, c, "url"),
				              parse_attr(c, "type", NULL), v);
				free(v);
			}
		} else if (ns == NS_CONTENT && parse_is(c, "encoded")) {
			parse_set(&it->content, parse_trimmed(p, c));
		} else if (ns == NS_DC) {
			if (parse_is(c, "creator"))
				parse_keep_first(&dc_creator, parse_plain(p, c, 1));
			else if (parse_is(c, "date"))
				parse_date_into(p, c, &it->published, 0);
			else if (parse_is(c, "subject"))
				parse_add_cat(it, parse_plain(p, c, 1));
		} else if (ns == NS_DCTERMS) {
			if (parse_is(c, "modified"))
				parse_date_into(p, c, &it->updated, 1);
			else if (parse_is(c, "created") || parse_is(c, "issued"))
				parse_date_into(p, c, &it->published, 0);
		} else if (ns == NS_ATOM) {
			if (parse_is(c, "updated"))
				parse_date_into(p, c, &it->updated, 1);
			else if (parse_is(c, "published"))
				parse_date_into(p, c, &it->published, 0);
		} else if (ns == NS_MEDIA)
			parse_media(p, c, it);
	}
	/* dc:creator is a name; RSS <author> is often only an e-mail address */
	parse_set(&it->author, dc_creator);
	if (it->id == NULL && (about = parse_attr(item, "about", PARSE_RDF_NS)) != NULL) {
		it->id = html_plain(about, strlen(about), 0);
		free(about);
	}
	if (it->link == NULL && it->id != NULL && permalink &&
	    (strncasecmp(it->id, "http://", 7) == 0 || strncasecmp(it->id, "https://", 8) == 0))
		it->link = parse_url(p, item, it->id);
}

static void
parse_rss_channel(struct parse *p, const xmlNode *ch, int with_items)
{
	struct feed *f = p->f;
	const xmlNode *c;
	char *dc_creator = NULL;
	int64_t pub = 0, built = 0, dcdate = 0;
	int period = 0, freq = 1;

	for (c = ch->children; c != NULL; c = c->next) {
		enum parse_ns ns;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		ns = parse_ns_of(p, c);
		if (parse_rss_core(ns)) {
			if (parse_is(c, "title"))
				parse_set(&f->title, parse_plain(p, c, 1));
			else if (parse_is(c, "link") && f->link == NULL)
				f->link = parse_url(p, c, parse_text(p, c));
			else if (parse_is(c, "description"))
				parse_set(&f->subtitle, parse_plain(p, c, 1));
			else if (parse_is(c, "language"))
				parse_set(&f->language, parse_plain(p, c, 0));
			else if (parse_is(c, "pubDate"))
				parse_date_into(p, c, &pub, 1);
			else if (parse_is(c, "lastBuildDate"))
				parse_date_into(p, c, &built, 1);
			else if (parse_is(c, "managingEditor"))
				parse_keep_first(&f->author, parse_rss_person(p, c));
			else if (parse_is(c, "ttl")) {
				long t = strtol(parse_text(p, c), NULL, 10);

				f->ttl_minutes = t > 0 && t < 525600 ? (int)t : 0;
			}
		} else if (ns == NS_DC) {
			if (parse_is(c, "creator"))
				parse_keep_first(&dc_creator, parse_plain(p, c, 1));
			else if (parse_is(c, "date"))
				parse_date_into(p, c, &dcdate, 0);
			else if (parse_is(c, "language"))
				parse_set(&f->language, parse_plain(p, c, 0));
		} else if (ns == NS_SY) {
			const char *t = parse_text(p, c);

			while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r')
				t++;
			if (parse_is(c, "updatePeriod"))
				period = strncmp(t, "hourly", 6) == 0    ? 60
				         : strncmp(t, "daily", 5) == 0   ? 1440
				         : strncmp(t, "weekly", 6) == 0  ? 10080
				         : strncmp(t, "monthly", 7) == 0 ? 43200
				         : strncmp(t, "yearly", 6) == 0  ? 525600
				                                         : 0;
			else if (parse_is(c, "updateFrequency")) {
				long v = strtol(t, NULL, 10);

				freq = v > 0 && v < 100000 ? (int)v : 1;
			}
		}
	}
	parse_set(&f->author, dc_creator);
	f->updated = built ? built : pub ? pub : dcdate;
	if (f->ttl_minutes == 0 && period > 0)
		f->ttl_minutes = period / freq > 0 ? period / freq : 1;
	if (with_items)
		for (c = ch->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && c->_private == NULL &&
			    parse_is(c, "item") && parse_rss_core(parse_ns_of(p, c)))
				parse_rss_item(p, c);
}

static int
parse_atom_ns(enum parse_ns ns)
{
	return ns == NS_ATOM || ns == NS_ATOM03 || ns == NS_NONE;
}

/* The kind of an Atom text construct or content: 't'ext, 'h'tml, 'x'html, or 0 (other). */
static int
parse_atom_type(const xmlNode *n)
{
	char *type = parse_attr(n, "type", NULL), *mode = parse_attr(n, "mode", NULL);
	int k = 't';

	if (mode != NULL && strcmp(mode, "escaped") == 0)
		k = 'h';
	else if (mode != NULL && strcmp(mode, "xml") == 0)
		k = 'x';
	else if (mode != NULL && strcmp(mode, "base64") == 0)
		k = 0;
	else if (type == NULL || strcmp(type, "text") == 0 || strcmp(type, "text/plain") == 0)
		k = 't';
	else if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)
		k = 'h';
	else if (strcmp(type, "xhtml") == 0 || strcmp(type, "application/xhtml+xml") == 0)
		k = 'x';
	else
		k = 0;
	/* Atom 0.3 escaped content may name its type text/html or not at all */
	if (mode != NULL && strcmp(mode, "escaped") == 0 && type != NULL &&
	    strcmp(type, "text/plain") == 0)
		k = 't';
	free(type);
	free(mode);
	return k;
}

/* Returns the markup inside n (inline XHTML content), serialized; the caller's. */
static char *
parse_xhtml(const xmlNode *n)
{
	xmlBufferPtr xb = xmlBufferCreate();
	const xmlNode *c = n->children, *only = NULL;
	char *s;

	for (; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			only = only == NULL ? c : n;
		}
	/* the content is wrapped in one xhtml <div> that is not part of it */
	if (only != NULL && only != n && parse_is(only, "div"))
		n = only;
	for (c = n->children; c != NULL; c = c->next)
		xmlNodeDump(xb, n->doc, (xmlNode *)c, 0, 0);
	s = utf8_repair((const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb), NULL);
	xmlBufferFree(xb);
	return s;
}

/* Returns an Atom text construct as plain text; the caller's, or NULL. Tags
 * are removed whatever the type says: feeds put HTML in type="text" often. */
static char *
parse_atom_plain(struct parse *p, const xmlNode *n)
{
	return parse_plain(p, n, 1);
}

/* Returns Atom content or summary as HTML; the caller's, or NULL. */
static char *
parse_atom_html(struct parse *p, const xmlNode *n)
{
	char *s, *h;

	switch (parse_atom_type(n)) {
	case 'h':
		return parse_trimmed(p, n);
	case 'x':
		s = parse_xhtml(n);
		if (s[strspn(s, " \t\r\n")] == '\0') {
			free(s);
			return NULL;
		}
		return s;
	case 't':
		if ((s = parse_trimmed(p, n)) == NULL)
			return NULL;
		h = parse_text_html(s);
		free(s);
		return h;
	default:
		return NULL;
	}
}

/* Returns the names of an Atom author or contributor; the caller's, or NULL. */
static char *
parse_atom_person(struct parse *p, const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && parse_is(c, "name"))
			return parse_plain(p, c, 1);
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && parse_is(c, "email"))
			return parse_plain(p, c, 1);
	return NULL;
}

/* Handles an Atom <link>: sets *alt for rel=alternate, adds enclosures. */
static void
parse_atom_link(struct parse *p, const xmlNode *n, char **alt, struct feed_item *it)
{
	char *rel = parse_attr(n, "rel", NULL), *len;

	if (rel == NULL || strcmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/alternate") == 0) {
		if (*alt == NULL)
			*alt = parse_url_attr(p, n, "href");
	} else if (it != NULL && strcmp(rel, "enclosure") == 0) {
		len = parse_attr(n, "length", NULL);
		parse_add_enc(it, parse_url_attr(p, n, "href"), parse_attr(n, "type", NULL), len);
		free(len);
	}
	free(rel);
}

static void
parse_atom_entry(struct parse *p, const xmlNode *e)
{
	struct feed_item *it = parse_new_item(p);
	const xmlNode *c, *content = NULL;
	int64_t issued = 0, created = 0;
	char *v;

	for (c = e->children; c != NULL; c = c->next) {
		enum parse_ns ns;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		ns = parse_ns_of(p, c);
		if (parse_atom_ns(ns)) {
			if (parse_is(c, "title"))
				parse_set(&it->title, parse_atom_plain(p, c));
			else if (parse_is(c, "link"))
				parse_atom_link(p, c, &it->link, it);
			else if (parse_is(c, "id"))
				parse_set(&it->id, parse_trimmed(p, c));
			else if (parse_is(c, "published"))
				parse_date_into(p, c, &it->published, 1);
			else if (parse_is(c, "issued"))
				parse_date_into(p, c, &issued, 1);
			else if (parse_is(c, "created"))
				parse_date_into(p, c, &created, 1);
			else if (parse_is(c, "updated") || parse_is(c, "modified"))
				parse_date_into(p, c, &it->updated, 1);
			else if (parse_is(c, "author") && it->author == NULL)
				it->author = parse_atom_person(p, c);
			else if (parse_is(c, "category")) {
				v = parse_attr(c, "term", NULL);
				if (v == NULL)
					v = parse_attr(c, "label", NULL);
				if (v != NULL) {
					parse_add_cat(it, html_plain(v, strlen(v), 0));
					free(v);
				}
			} else if (parse_is(c, "content"))
				content = c;
			else if (parse_is(c, "summary")) {
				free(it->summary_html);
				it->summary_html = parse_atom_html(p, c);
				parse_set(&it->summary, parse_atom_plain(p, c));
			}
		} else if (ns == NS_MEDIA)
			parse_media(p, c, it);
		else if (ns == NS_DC) {
			if (parse_is(c, "subject"))
				parse_add_cat(it, parse_plain(p, c, 1));
			else if (parse_is(c, "creator") && it->author == NULL)
				it->author = parse_plain(p, c, 1);
			else if (parse_is(c, "date"))
				parse_date_into(p, c, &issued, 0);
		}
	}
	if (content != NULL) {
		int explicit = 0;
		char *base = parse_base(p, content, &explicit);

		it->content = parse_atom_html(p, content);
		if (explicit)
			it->base = base;
		else
			free(base);
		if (it->link == NULL)
			it->link = parse_url_attr(p, content, "src");
	}
	if (it->published == 0)
		it->published = issued ? issued : created;
	if (it->link == NULL && it->id != NULL &&
	    (strncasecmp(it->id, "http://", 7) == 0 || strncasecmp(it->id, "https://", 8) == 0))
		it->link = parse_url(p, e, it->id);
}

static void
parse_atom_feed(struct parse *p, const xmlNode *root)
{
	struct feed *f = p->f;
	const xmlNode *c;
	char *lang = parse_attr(root, "lang", (const char *)XML_XML_NAMESPACE);

	if (lang != NULL) {
		f->language = html_plain(lang, strlen(lang), 0);
		free(lang);
	}
	for (c = root->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !parse_atom_ns(parse_ns_of(p, c)))
			continue;
		if (parse_is(c, "title"))
			parse_set(&f->title, parse_atom_plain(p, c));
		else if (parse_is(c, "subtitle") || parse_is(c, "tagline"))
			parse_set(&f->subtitle, parse_atom_plain(p, c));
		else if (parse_is(c, "link"))
			parse_atom_link(p, c, &f->link, NULL);
		else if (parse_is(c, "id"))
			parse_set(&f->id, parse_trimmed(p, c));
		else if (parse_is(c, "updated") || parse_is(c, "modified"))
			parse_date_into(p, c, &f->updated, 1);
		else if (parse_is(c, "author") && f->author == NULL)
			f->author = parse_atom_person(p, c);
	}
	for (c = root->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->_private == NULL && parse_is(c, "entry") &&
		    parse_atom_ns(parse_ns_of(p, c)))
			parse_atom_entry(p, c);
}

/* Returns a JSON string member as a copy the caller owns (a number id as its
 * digits), or NULL. */
static char *
parse_json_str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (json_is_string(v) && json_string_length(v) > 0)
		return utf8_repair(json_string_value(v), json_string_length(v), NULL);
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	return NULL;
}

static char *
parse_json_plain(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? html_plain(json_string_value(v), json_string_length(v), 1)
	                         : NULL;
}

static char *
parse_json_url(struct parse *p, const json_t *o, const char *key)
{
	char *raw = parse_json_str(o, key), *url;

	if (raw == NULL)
		return NULL;
	url = html_resolve(raw, p->url != NULL ? p->url : p->f->link);
	free(raw);
	return url;
}

/* JSON Feed 1.1 "authors" (a list) or 1.0 "author" (one object). */
static char *
parse_json_author(const json_t *o)
{
	const json_t *a = json_object_get(o, "authors");

	if (json_is_array(a) && json_array_size(a) > 0)
		return parse_json_plain(json_array_get(a, 0), "name");
	a = json_object_get(o, "author");
	return json_is_object(a) ? parse_json_plain(a, "name") : NULL;
}

static int64_t
parse_json_date(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? feed_date(json_string_value(v)) : 0;
}

static void
parse_json_item(struct parse *p, const json_t *o)
{
	struct feed_item *it;
	const json_t *a, *v;
	char *s;
	size_t i;

	if (!json_is_object(o))
		return;
	it = parse_new_item(p);
	it->id = parse_json_str(o, "id");
	it->link = parse_json_url(p, o, "url");
	if (it->link == NULL)
		it->link = parse_json_url(p, o, "external_url");
	it->title = parse_json_plain(o, "title");
	it->content = parse_json_str(o, "content_html");
	if (it->content == NULL && (s = parse_json_str(o, "content_text")) != NULL) {
		it->content = parse_text_html(s);
		free(s);
	}
	if ((s = parse_json_str(o, "summary")) != NULL) {
		it->summary = html_plain(s, strlen(s), 1);
		it->summary_html = parse_text_html(s);
		free(s);
	}
	it->published = parse_json_date(o, "date_published");
	it->updated = parse_json_date(o, "date_modified");
	it->author = parse_json_author(o);
	a = json_object_get(o, "tags");
	for (i = 0; json_is_array(a) && i < json_array_size(a); i++)
		if (json_is_string(v = json_array_get(a, i)))
			parse_add_cat(it,
			              html_plain(json_string_value(v), json_string_length(v), 0));
	a = json_object_get(o, "attachments");
	for (i = 0; json_is_array(a) && i < json_array_size(a); i++) {
		char len[32] = "";

		if (!json_is_object(v = json_array_get(a, i)))
			continue;
		if (json_is_integer(json_object_get(v, "size_in_bytes")))
			snprintf(
			    len, sizeof(len), "%lld",
			    (long long)json_integer_value(json_object_get(v, "size_in_bytes")));
		parse_add_enc(it, parse_json_url(p, v, "url"), parse_json_str(v, "mime_type"), len);
	}
}

static int
parse_json(struct parse *p, const char *data, size_t len, char **cause)
{
	json_error_t err;
	json_t *root, *items;
	const json_t *ver;
	char *fixed = NULL;
	size_t i;

	if (!parse_utf8_ok(data, len)) {
		fixed = utf8_repair(data, len, NULL);
		data = fixed;
		len = strlen(fixed);
	}
	root = json_loadb(data, len, 0, &err);
	free(fixed);
	if (root == NULL) {
		*cause = xasprintf("not a feed: invalid JSON (line %d: %s)", err.line, err.text);
		return -1;
	}
	ver = json_object_get(root, "version");
	if (!json_is_string(ver) ||
	    strstr(json_string_value(ver), "jsonfeed.org/version/") == NULL) {
		json_decref(root);
		*cause = xstrdup("not a feed: JSON without a JSON Feed version");
		return -1;
	}
	p->f->format = xstrdup("json");
	p->f->title = parse_json_plain(root, "title");
	p->f->link = parse_json_url(p, root, "home_page_url");
	p->f->subtitle = parse_json_plain(root, "description");
	p->f->author = parse_json_author(root);
	p->f->language = parse_json_plain(root, "language");
	items = json_object_get(root, "items");
	for (i = 0; json_is_array(items) && i < json_array_size(items); i++)
		parse_json_item(p, json_array_get(items, i));
	json_decref(root);
	return 0;
}

/* Looks for <link rel="alternate" type="application/rss+xml|atom+xml|feed+json"
 * href=...> in an HTML page; returns the absolute URL (the caller's) or NULL. */
static char *
parse_html_feed_link(const char *data, size_t len, const char *url, const char *enc)
{
	htmlDocPtr doc;
	xmlNode *n;
	char *found = NULL;

	if (len > INT_MAX)
		return NULL;
	doc = htmlReadMemory(data, (int)len, NULL, enc,
	                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                         HTML_PARSE_RECOVER);
	if (doc == NULL)
		return NULL;
	n = doc->children;
	while (n != NULL && found == NULL) {
		if (n->type == XML_ELEMENT_NODE && parse_is(n, "link")) {
			char *rel = parse_attr(n, "rel", NULL), *type = parse_attr(n, "type", NULL);

			if (rel != NULL && type != NULL &&
			    parse_find(rel, strlen(rel), "alternate") != NULL &&
			    (strcasecmp(type, "application/rss+xml") == 0 ||
			     strcasecmp(type, "application/atom+xml") == 0 ||
			     strcasecmp(type, "application/feed+json") == 0 ||
			     strcasecmp(type, "application/rdf+xml") == 0)) {
				char *href = parse_attr(n, "href", NULL);

				found = href != NULL ? html_resolve(href, url) : NULL;
				free(href);
			}
			free(rel);
			free(type);
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent;
		if (n != NULL)
			n = n->next;
	}
	xmlFreeDoc(doc);
	if (found != NULL && !parse_utf8_ok(found, strlen(found))) {
		char *fixed = utf8_repair(found, strlen(found), NULL);

		free(found);
		found = fixed;
	}
	return found;
}

static int
parse_html_page(const char *data, size_t len, const char *url, const char *enc, char **cause)
{
	char *link = parse_html_feed_link(data, len, url, enc);

	if (link != NULL)
		*cause = xasprintf("an HTML page, not a feed; it links to a feed at %s", link);
	else
		*cause = xstrdup("an HTML page, not a feed");
	free(link);
	return -1;
}

/* Skips a byte order mark, white space, XML declarations and comments. */
static size_t
parse_skip_prolog(const char *d, size_t len)
{
	size_t i = 0;
	const char *end;

	if (len >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (;;) {
		while (i < len && strchr(" \t\r\n", d[i]) != NULL && d[i] != '\0')
			i++;
		if (i + 4 <= len && memcmp(d + i, "<!--", 4) == 0 &&
		    (end = parse_find(d + i, len - i, "-->")) != NULL)
			i = (size_t)(end - d) + 3;
		else if (i + 2 <= len && memcmp(d + i, "<?", 2) == 0 &&
		         (end = parse_find(d + i, len - i, "?>")) != NULL)
			i = (size_t)(end - d) + 2;
		else
			return i;
	}
}

/* The encoding the caller must name to libxml2: NULL when the document says
 * itself (a BOM, an XML declaration with an encoding, UTF-16 bytes), else the
 * HTTP charset (in buf) or NULL. *utf8 is set when the bytes are to be UTF-8. */
static const char *
parse_encoding(const char *d, size_t len, const char *content_type, char *buf, size_t size,
               int *utf8)
{
	const char *cs, *decl_end, *e;
	size_t n;

	*utf8 = 0;
	if (len >= 2 && ((unsigned char)d[0] == 0xfe || (unsigned char)d[0] == 0xff ||
	                 d[0] == '\0' || d[1] == '\0'))
		return NULL;
	if (len >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0) {
		*utf8 = 1;
		return NULL;
	}
	if (len >= 5 && memcmp(d, "<?xml", 5) == 0 &&
	    (decl_end = parse_find(d, len < 512 ? len : 512, "?>")) != NULL &&
	    (e = parse_find(d, (size_t)(decl_end - d), "encoding")) != NULL) {
		for (e += 8; e < decl_end && strchr(" \t\r\n=\"'", *e) != NULL; e++)
			;
		*utf8 = strncasecmp(e, "utf-8", 5) == 0 || strncasecmp(e, "utf8", 4) == 0;
		return NULL;
	}
	if (content_type != NULL &&
	    (cs = parse_find(content_type, strlen(content_type), "charset=")) != NULL) {
		cs += 8;
		while (*cs == '"' || *cs == '\'' || *cs == ' ')
			cs++;
		for (n = 0; n + 1 < size && cs[n] != '\0' && strchr("\"'; \t", cs[n]) == NULL; n++)
			buf[n] = cs[n];
		buf[n] = '\0';
		if (n > 0) {
			*utf8 = strcasecmp(buf, "utf-8") == 0 || strcasecmp(buf, "utf8") == 0;
			return *utf8 ? NULL : buf;
		}
	}
	*utf8 = 1;
	return NULL;
}

/* Entity lookups see only the five predefined entities: every other reference
 * (internal, external, parameter) stays an unexpanded reference node, so
 * nothing is ever loaded or expanded however the DTD declares it. */
static xmlEntityPtr
parse_get_entity(void *ctx, const xmlChar *name)
{
	return xmlGetPredefinedEntity(name);
}

static xmlEntityPtr
parse_get_param_entity(void *ctx, const xmlChar *name)
{
	return NULL;
}

/* Sets the feed's site link, needed to resolve items' relative links, from
 * what the tree holds when the first item ends (the channel or feed head). */
static void
parse_peek_site(struct parse *p, const xmlNode *box, int atom)
{
	const xmlNode *c;

	if (p->f->link != NULL || p->peeked)
		return;
	p->peeked = 1;
	if (!atom && !parse_is(box, "channel"))
		for (c = box->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && parse_is(c, "channel")) {
				box = c;
				break;
			}
	for (c = box->children; c != NULL && p->f->link == NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !parse_is(c, "link"))
			continue;
		if (atom && parse_atom_ns(parse_ns_of(p, c)))
			parse_atom_link(p, c, &p->f->link, NULL);
		else if (!atom && parse_rss_core(parse_ns_of(p, c)))
			p->f->link = parse_url(p, c, parse_text(p, c));
	}
}

/* SAX end of element: an item or entry is read as soon as it ends and its
 * contents freed, so the tree never holds more than one item of a feed. */
static void
parse_sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse *p = ctxt->_private;
	xmlNode *cur = ctxt->node, *box, *root;

	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	if (p == NULL || cur == NULL || cur->type != XML_ELEMENT_NODE || ctxt->myDoc == NULL ||
	    (box = cur->parent) == NULL || box->type != XML_ELEMENT_NODE ||
	    (root = xmlDocGetRootElement(ctxt->myDoc)) == NULL)
		return;
	if (parse_is(cur, "item") && parse_rss_core(parse_ns_of(p, cur)) &&
	    (parse_is(box, "channel") || (box == root && parse_is(root, "RDF")))) {
		parse_peek_site(p, box == root ? root : box, 0);
		parse_rss_item(p, cur);
	} else if (parse_is(cur, "entry") && box == root && parse_is(root, "feed") &&
	           parse_atom_ns(parse_ns_of(p, cur))) {
		parse_peek_site(p, root, 1);
		parse_atom_entry(p, cur);
	} else
		return;
	/* emptied but left in place: libxml2 appends the next text to the last
	 * child it knows of, so the tree must keep its shape; _private marks it read */
	xmlFreeNodeList(cur->children);
	cur->children = cur->last = NULL;
	xmlFreePropList(cur->properties);
	cur->properties = NULL;
	cur->_private = p;
	/* namespaces declared inside it are gone: their addresses may come back */
	memset(p->nsp, 0, sizeof(p->nsp));
}

/* Parses len bytes in one chunk with libxml2's push parser, which reads a
 * CDATA section (where most feeds put their HTML) by searching for its end
 * where the pull parser decodes it a character at a time. Returns the
 * context (the caller frees it and *doc) when the document was well-formed;
 * else NULL, with nothing kept of what it read: the pull parser then reads it
 * again, recovering from its errors in its own way. */
static xmlParserCtxtPtr
parse_push(struct parse *p, const char *data, size_t len, int utf8, xmlDocPtr *doc)
{
	xmlParserCtxtPtr ctxt;

	*doc = NULL;
	/* what a well-formed parse of checked UTF-8 gives is UTF-8; the items of
	 * any other parse are thrown away below */
	p->utf8 = utf8;
	if ((ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, p->url)) == NULL)
		return NULL;
	ctxt->sax->getEntity = parse_get_entity;
	ctxt->sax->getParameterEntity = parse_get_param_entity;
	ctxt->sax->endElementNs = parse_sax_end;
	ctxt->_private = p;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	xmlParseChunk(ctxt, data, (int)len, 1);
	if (ctxt->wellFormed && ctxt->myDoc != NULL) {
		*doc = ctxt->myDoc;
		return ctxt;
	}
	xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	feed_free(p->f);
	buf_reset(&p->tmp);
	memset(p->nsp, 0, sizeof(p->nsp));
	p->icap = 0;
	p->nsi = 0;
	p->peeked = 0;
	p->utf8 = 0;
	return NULL;
}

/* Returns the first place in h (n bytes) where needle occurs, exactly; or NULL. */
static const char *
parse_memstr(const char *h, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	const char *end = h + n, *q;

	for (q = h; (q = memchr(q, needle[0], (size_t)(end - q))) != NULL; q++)
		if ((size_t)(end - q) >= k && memcmp(q, needle, k) == 0)
			return q;
	return NULL;
}

/* Moves *at past the CDATA section that starts at *cd, and *cd to the next
 * one (NULL when none); returns 0 when the section never ends. */
static int
parse_past_cdata(const char **at, const char **cd, const char *end)
{
	const char *ce = parse_memstr(*cd + 9, (size_t)(end - *cd - 9), "]]>");

	if (ce == NULL)
		return 0;
	*at = ce + 3;
	*cd = parse_memstr(*at, (size_t)(end - *at), "<![CDATA[");
	return 1;
}

/* Returns 1 when the document s (n bytes) declares an entity called name. */
static int
parse_declared(const char *s, size_t n, const char *name)
{
	const char *end = s + n, *q = s;
	size_t k = strlen(name);

	while ((q = parse_memstr(q, (size_t)(end - q), "<!ENTITY")) != NULL) {
		q += 8;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
			q++;
		if ((size_t)(end - q) > k && memcmp(q, name, k) == 0 &&
		    (q[k] == ' ' || q[k] == '\t' || q[k] == '\n' || q[k] == '\r'))
			return 1;
	}
	return 0;
}

/* Returns 1 when c is a character XML allows. */
static int
parse_xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Returns the length of the well-formed character reference at s ("&#38;",
 * "&#x26;"), 0 when it is not one, with *c its character. */
static size_t
parse_num_ref(const char *s, const char *end, unsigned long *c)
{
	const char *q = s + 2;
	int hex = q < end && (*q == 'x' || *q == 'X');
	unsigned long v = 0;
	size_t digits = 0;

	for (q += hex; q < end && digits < 8; q++, digits++) {
		int d = *q >= '0' && *q <= '9'          ? *q - '0'
		        : hex && *q >= 'a' && *q <= 'f' ? *q - 'a' + 10
		        : hex && *q >= 'A' && *q <= 'F' ? *q - 'A' + 10
		                                        : -1;
		if (d < 0)
			break;
		v = v * (hex ? 16 : 10) + (unsigned long)d;
	}
	*c = v;
	return digits > 0 && q < end && *q == ';' ? (size_t)(q + 1 - s) : 0;
}

/* Feeds are often written by hand or by HTML tools: "AT&T", "&nbsp;",
 * "&eacute;", "&#0;". Each is an error to an XML parser, and after the first
 * error of any kind libxml2 drops every entity reference that follows, &amp;
 * and &lt; too, though it still reads character references. Returns a copy
 * (the caller owns it) in which a bare "&" is "&#38;", an HTML entity and the
 * five predefined ones are character references (libxml2's HTML table for
 * the names) and a reference to a character XML forbids is U+FFFD, or NULL
 * when nothing needed changing. CDATA sections are left as they are. */
static char *
parse_fix_refs(const char *s, size_t n)
{
	const char *end = s + n, *at = s, *done = s, *amp, *cd, *q;
	const htmlEntityDesc *e;
	struct buf b = BUF_INIT;
	char name[33];
	unsigned long c;
	size_t k, len;

	cd = parse_memstr(s, n, "<![CDATA[");
	while ((amp = memchr(at, '&', (size_t)(end - at))) != NULL) {
		if (cd != NULL && cd < amp) {
			if (!parse_past_cdata(&at, &cd, end))
				break;
			continue;
		}
		at = amp + 1;
		if (at < end && *at == '#') {
			if ((len = parse_num_ref(amp, end, &c)) > 0 && parse_xml_char(c)) {
				at = amp + len;
				continue;
			}
			buf_add(&b, done, (size_t)(amp - done));
			if (len > 0) { /* "&#0;", "&#xD800;" */
				buf_adds(&b, "&#65533;");
				at = amp + len;
			} else {
				buf_adds(&b, "&#38;");
			}
			done = at;
			continue;
		}
		for (q = at, k = 0; q < end && k < sizeof(name) - 1 &&
		                    ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		                     (k > 0 && *q >= '0' && *q <= '9'));
		     q++)
			name[k++] = *q;
		name[k] = '\0';
		/* the predefined five become character references: after an error of
		 * any other kind libxml2 still reads those */
		if (k > 0 && q < end && *q == ';' &&
		    (strcmp(name, "amp") == 0 || strcmp(name, "lt") == 0 ||
		     strcmp(name, "gt") == 0 || strcmp(name, "quot") == 0 ||
		     strcmp(name, "apos") == 0)) {
			buf_add(&b, done, (size_t)(amp - done));
			buf_adds(&b, name[0] == 'l'   ? "&#60;"
			             : name[0] == 'g' ? "&#62;"
			             : name[0] == 'q' ? "&#34;"
			             : name[1] == 'm' ? "&#38;"
			                              : "&#39;");
			at = done = q + 1;
			continue;
		}
		if (k > 0 && q < end && *q == ';' && parse_declared(s, n, name)) {
			at = q + 1; /* the DTD's own: never expanded, dropped as before */
			continue;
		}
		buf_add(&b, done, (size_t)(amp - done));
		if (k > 0 && q < end && *q == ';' &&
		    (e = htmlEntityLookup((const xmlChar *)name)) != NULL) {
			buf_printf(&b, "&#%u;", e->value);
			at = q + 1;
		} else {
			buf_adds(&b, "&#38;");
		}
		done = at;
	}
	if (done == s)
		return NULL;
	buf_add(&b, done, (size_t)(end - done));
	return buf_detach(&b);
}

/* Returns a copy (the caller owns it) of s without the internal subset of its
 * DOCTYPE, or NULL when it has none. Its entities are never expanded, but
 * libxml2, recovering from a broken document, can spend seconds walking
 * nested declarations ("billion laughs"); a feed needs none of them. */
static char *
parse_cut_subset(const char *s, size_t n)
{
	const char *dt = parse_memstr(s, n, "<!DOCTYPE"), *end = s + n, *q, *close;
	struct buf b = BUF_INIT;

	if (dt == NULL)
		return NULL;
	for (q = dt + 9; q < end && *q != '[' && *q != '>'; q++)
		;
	if (q == end || *q != '[')
		return NULL;
	for (close = q; (close = memchr(close, ']', (size_t)(end - close))) != NULL; close++) {
		for (q = close + 1;
		     q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'); q++)
			;
		if (q < end && *q == '>')
			break;
	}
	if (close == NULL)
		return NULL;
	buf_add(&b, s, (size_t)(dt - s));
	buf_add(&b, q + 1, (size_t)(end - q - 1));
	return buf_detach(&b);
}

/* HTML pasted raw into a feed leaves void elements open ("a<br>b", "<img
 * src=x>"), and libxml2, recovering, takes everything after one as its
 * content: the items that follow are lost. Returns a copy (the caller owns
 * it) in which each br, hr, img and wbr outside CDATA is closed ("<br/>"), or
 * NULL when none needed it. */
static char *
parse_fix_voids(const char *s, size_t n)
{
	static const char *const voids[] = {"br", "hr", "img", "wbr"};
	const char *end = s + n, *at = s, *done = s, *lt, *cd, *q;
	struct buf b = BUF_INIT;
	size_t i, k;
	char quote;

	cd = parse_memstr(s, n, "<![CDATA[");
	while ((lt = memchr(at, '<', (size_t)(end - at))) != NULL) {
		if (lt == cd) {
			if (!parse_past_cdata(&at, &cd, end))
				break;
			continue;
		}
		at = lt + 1;
		for (i = 0; i < sizeof(voids) / sizeof(voids[0]); i++) {
			k = strlen(voids[i]);
			if ((size_t)(end - at) > k && strncasecmp(at, voids[i], k) == 0 &&
			    (at[k] == '>' || at[k] == '/' || at[k] == ' ' || at[k] == '\t' ||
			     at[k] == '\n' || at[k] == '\r'))
				break;
		}
		if (i == sizeof(voids) / sizeof(voids[0]))
			continue;
		for (q = at, quote = 0; q < end && (quote || *q != '>'); q++)
			if (*q == '"' || *q == '\'')
				quote = quote == *q ? 0 : quote ? quote : *q;
		if (q == end)
			break;
		if (q[-1] != '/') {
			buf_add(&b, done, (size_t)(q - done));
			buf_addc(&b, '/');
			done = q;
		}
		at = q + 1;
	}
	if (done == s)
		return NULL;
	buf_add(&b, done, (size_t)(end - done));
	return buf_detach(&b);
}

static int
parse_xml(struct parse *p, const char *data, size_t len, const char *content_type, char **cause)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlNode *root;
	const char *enc, *name;
	char encbuf[64], *fixed = NULL, *refs = NULL;
	int utf8, wellformed, line = 0;
	const xmlError *err;
	char msg[160] = "";

	enc = parse_encoding(data, len, content_type, encbuf, sizeof(encbuf), &utf8);
	if (utf8 && !parse_utf8_ok(data, len)) {
		fixed = utf8_repair(data, len, NULL);
		data = fixed;
		len = strlen(fixed);
	}
	if (len > INT_MAX) {
		free(fixed);
		free(refs);
		*cause = xstrdup("not a feed: larger than 2 GiB");
		return -1;
	}
	/* the push parser for well-formed UTF-8 (nearly every feed); again with
	 * its references mended when that was what it stumbled on; the pull
	 * parser, which recovers from the rest */
	ctxt = enc != NULL ? NULL : parse_push(p, data, len, utf8, &doc);
	if (ctxt == NULL && (enc == NULL || strncasecmp(enc, "UTF-16", 6) != 0)) {
		char *voids, *cut;

		/* references first: what the subset declares is left for libxml2 to drop */
		if ((refs = parse_fix_refs(data, len)) != NULL) {
			data = refs;
			len = strlen(refs);
		}
		if ((cut = parse_cut_subset(data, len)) != NULL) {
			free(refs);
			data = refs = cut;
			len = strlen(cut);
		}
		if ((voids = parse_fix_voids(data, len)) != NULL) {
			free(refs);
			data = refs = voids;
			len = strlen(voids);
		}
		if (refs != NULL && enc == NULL)
			ctxt = parse_push(p, data, len, utf8, &doc);
	}
	if (ctxt == NULL) {
		if ((ctxt = xmlNewParserCtxt()) == NULL) {
			free(fixed);
			free(refs);
			*cause = xstrdup("out of memory");
			return -1;
		}
		ctxt->sax->getEntity = parse_get_entity;
		ctxt->sax->getParameterEntity = parse_get_param_entity;
		ctxt->sax->endElementNs = parse_sax_end;
		ctxt->_private = p;
		doc = xmlCtxtReadMemory(ctxt, data, (int)len, p->url, enc,
		                        XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
		                            XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
		if (doc == NULL && enc != NULL) /* a charset libxml2 does not know */
			doc = xmlCtxtReadMemory(ctxt, data, (int)len, p->url, NULL,
			                        XML_PARSE_NONET | XML_PARSE_RECOVER |
			                            XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			                            XML_PARSE_COMPACT);
	}
	wellformed = ctxt->wellFormed;
	err = xmlCtxtGetLastError(ctxt);
	if (err != NULL && err->message != NULL) {
		size_t n;

		line = err->line;
		snprintf(msg, sizeof(msg), "%s", err->message);
		n = strlen(msg);
		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
	}
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	name = root != NULL && root->name != NULL ? (const char *)root->name : "";
	if (root == NULL || strcasecmp(name, "html") == 0) {
		int r;

		if (root != NULL || parse_find(data, len < 4096 ? len : 4096, "<html") != NULL)
			r = parse_html_page(data, len, p->url, enc, cause);
		else if (msg[0] != '\0')
			r = -1,
			*cause = xasprintf("not a feed: malformed XML (line %d: %s)", line, msg);
		else
			r = -1, *cause = xstrdup("not a feed: empty or unreadable XML");
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		free(fixed);
		free(refs);
		return r;
	}
	free(fixed);
	free(refs);
	if (strcmp(name, "rss") == 0 || strcmp(name, "channel") == 0) {
		const xmlNode *c;

		p->f->format = xstrdup("rss");
		if (strcmp(name, "channel") == 0)
			parse_rss_channel(p, root, 1);
		for (c = root->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && parse_is(c, "channel")) {
				parse_rss_channel(p, c, 1);
				break;
			}
	} else if (strcmp(name, "RDF") == 0) {
		const xmlNode *c;

		p->f->format = xstrdup("rdf");
		for (c = root->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && parse_is(c, "channel")) {
				/* items belong beside the channel; some feeds put them inside */
				parse_rss_channel(p, c, 1);
				break;
			}
		for (c = root->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && c->_private == NULL &&
			    parse_is(c, "item"))
				parse_rss_item(p, c);
	} else if (strcmp(name, "feed") == 0) {
		p->f->format = xstrdup("atom");
		parse_atom_feed(p, root);
	} else {
		char *safe = html_plain(name, strlen(name), 0);

		*cause = xasprintf("not a feed: the XML document is a <%.40s>", safe ? safe : "?");
		free(safe);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	if (!wellformed && p->f->nitems == 0 && p->f->title == NULL) {
		*cause = msg[0] != '\0'
		             ? xasprintf("not a feed: malformed XML (line %d: %s)", line, msg)
		             : xstrdup("not a feed: malformed XML");
		return -1;
	}
	return 0;
}

int
feed_parse(const char *data, size_t len, const char *url, const char *content_type,
           struct feed *out, char **cause)
{
	struct parse p;
	size_t start;
	int r;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	p.url = url;
	p.f = out;
	start = parse_skip_prolog(data, len);
	if (start >= len) {
		*cause = xstrdup("not a feed: empty");
		return -1;
	}
	if (data[start] == '{')
		r = parse_json(&p, data + start, len - start, cause);
	else if ((len - start >= 14 && strncasecmp(data + start, "<!doctype html", 14) == 0) ||
	         (len - start >= 5 && strncasecmp(data + start, "<html", 5) == 0))
		r = parse_html_page(data, len, url, NULL, cause);
	else {
		/* white space before the XML declaration is an error, after which
		 * libxml2 drops every entity reference: "&amp;" and "&lt;" vanish */
		size_t k = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0, ws = k;

		while (k < len &&
		       (data[k] == ' ' || data[k] == '\t' || data[k] == '\r' || data[k] == '\n'))
			k++;
		if (k > ws && len - k >= 5 && memcmp(data + k, "<?xml", 5) == 0) {
			data += k;
			len -= k;
		}
		r = parse_xml(&p, data, len, content_type, cause);
	}
	buf_free(&p.tmp);
	if (r != 0)
		feed_free(out);
	return r;
}

void
feed_free(struct feed *f)
{
	size_t i, j;

	for (i = 0; i < f->nitems; i++) {
		struct feed_item *it = &f->items[i];

		free(it->id);
		free(it->title);
		free(it->link);
		free(it->author);
		free(it->summary);
		free(it->content);
		free(it->summary_html);
		free(it->base);
		for (j = 0; j < it->nencs; j++) {
			free(it->encs[j].url);
			free(it->encs[j].type);
		}
		free(it->encs);
		for (j = 0; j < it->ncats; j++)
			free(it->cats[j]);
		free(it->cats);
	}
	free(f->items);
	free(f->format);
	free(f->title);
	free(f->link);
	free(f->subtitle);
	free(f->id);
	free(f->author);
	free(f->language);
	memset(f, 0, sizeof(*f));
}

/* FNV-1a over title and date: the key of an item with no guid and no link. */
static uint64_t
parse_hash(const char *title, int64_t date)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char num[32];
	const char *s;

	for (s = title != NULL ? title : ""; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	snprintf(num, sizeof(num), "\n%lld", (long long)date);
	for (s = num; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* Returns the first words of s (at most about 100 bytes) on one line, as a
 * headline the caller owns. */
static char *
parse_headline(const char *s)
{
	size_t n = strlen(s), cut;
	char *h, *nl;

	if (n <= 100)
		h = xstrdup(s);
	else {
		for (cut = 100; cut > 40 && s[cut] != ' '; cut--)
			;
		if (s[cut] != ' ')
			for (cut = 100; cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80; cut--)
				;
		h = xasprintf("%.*s\xe2\x80\xa6", (int)cut, s);
	}
	while ((nl = strchr(h, '\n')) != NULL)
		*nl = ' ';
	return h;
}

int
feed_item_doc(const struct feed *f, const struct feed_item *it, struct doc *d, char **cause)
{
	const char *src = it->content != NULL ? it->content : it->summary_html;
	const char *base = it->base != NULL ? it->base : it->link != NULL ? it->link : f->link;
	char *why = NULL;

	doc_init(d);
	if (it->id != NULL && it->id[0] != '\0')
		d->key = xstrdup(it->id);
	else if (it->link != NULL)
		d->key = xstrdup(it->link);
	else
		d->key = xasprintf("hash:%016llx",
		                   (unsigned long long)parse_hash(
		                       it->title, it->published ? it->published : it->updated));
	doc_set(&d->url, it->link);
	doc_set(&d->author, it->author != NULL ? it->author : f->author);
	d->published = it->published;
	d->updated = it->updated;
	d->summary_only = it->content == NULL;
	doc_add_para(d, "", 0);
	if (src != NULL) {
		d->source = xstrdup(src);
		d->source_is_html = 1;
		if (html_render(src, strlen(src), base, d, NULL, &why) != 0)
			goto fail;
	}
	/* content that shows no text (an image without alt, an embed): the
	 * summary is all there is to read */
	if (d->npara == 1 && it->content != NULL && it->summary_html != NULL) {
		if (html_render(it->summary_html, strlen(it->summary_html), base, d, NULL, &why) !=
		    0)
			goto fail;
		d->summary_only = 1;
	}
	if (it->title != NULL)
		d->title = xstrdup(it->title);
	else if (d->npara > 1)
		d->title = parse_headline(d->paras[1].text);
	else if (it->summary != NULL)
		d->title = parse_headline(it->summary);
	else
		d->title = xstrdup(it->link != NULL ? it->link : "(untitled)");
	free(d->paras[0].text);
	d->paras[0].text = xstrdup(d->title);
	return 0;
fail:
	*cause = xasprintf("item %s: %s", d->key, why);
	free(why);
	doc_free(d);
	return -1;
}
