/* opml.c - OPML subscription lists: folders become tags on the way in, tags
 * become the category attribute on the way out. */
#include "feed/opml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/utf8.h"
#include "util/xmalloc.h"

#define OPML_MAX_DEPTH 64

struct opml_ctx {
	struct urls_list *out;
	const char *name;
	char *folders[OPML_MAX_DEPTH];
	size_t nfolders;
};

/* Returns the attribute attr of n (the caller frees it), or NULL when absent or blank. */
static char *
opml_attr(xmlNode *n, const char *attr)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	char *s;

	if (v == NULL)
		return NULL;
	if (v[0] == '\0') {
		xmlFree(v);
		return NULL;
	}
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* Adds each piece of a category attribute ("a,/b/c") as a tag. */
static void
opml_categories(struct urls_entry *e, const char *cats)
{
	const char *p = cats, *q;
	char *tag, *t;

	while (*p != '\0') {
		q = strchr(p, ',');
		tag = xstrndup(p, q ? (size_t)(q - p) : strlen(p));
		for (t = tag; *t == '/' || *t == ' '; t++)
			;
		if (*t != '\0')
			urls_add_tag(e, t);
		free(tag);
		if (q == NULL)
			break;
		p = q + 1;
	}
}

static void
opml_walk(struct opml_ctx *x, xmlNode *n)
{
	char *url, *text, *cats, *what;
	struct urls_entry *e;
	size_t i;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "outline") != 0)
			continue;
		text = opml_attr(n, "text");
		if (text == NULL)
			text = opml_attr(n, "title");
		url = opml_attr(n, "xmlUrl");
		if (url == NULL)
			url = opml_attr(n, "xmlurl");
		if (url != NULL && !urls_valid(url)) {
			what = xasprintf("%s:%ld: '%.60s' is not an http or https URL; skipped",
			                 x->name, xmlGetLineNo(n), url);
			x->out->warnings =
			    xreallocarray(x->out->warnings, x->out->nwarnings + 1, sizeof(char *));
			x->out->warnings[x->out->nwarnings++] = what;
		} else if (url != NULL) {
			e = urls_append(x->out, url, text, (size_t)xmlGetLineNo(n));
			for (i = 0; i < x->nfolders; i++)
				if (x->folders[i] != NULL)
					urls_add_tag(e, x->folders[i]);
			if ((cats = opml_attr(n, "category")) != NULL)
				opml_categories(e, cats);
			free(cats);
		} else if (n->children != NULL && x->nfolders < OPML_MAX_DEPTH) {
			/* a folder: its name tags every feed inside it */
			x->folders[x->nfolders++] = text;
			opml_walk(x, n->children);
			x->nfolders--;
		}
		free(text);
		free(url);
	}
}

int
opml_parse(const char *data, size_t len, const char *name, struct urls_list *out, char **cause)
{
	struct opml_ctx x;
	xmlDoc *doc;
	xmlNode *root, *n;
	const xmlError *err;

	memset(out, 0, sizeof(*out));
	if (len > (size_t)INT32_MAX) {
		*cause = xasprintf("%s: too large for an OPML file", name);
		return -1;
	}
	doc = xmlReadMemory(data, (int)len, name, NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		err = xmlGetLastError();
		*cause = err && err->message
		             ? xasprintf("%s:%d: not well-formed XML: %.*s", name, err->line,
		                         (int)strcspn(err->message, "\n"), err->message)
		             : xasprintf("%s: not well-formed XML", name);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (doc->intSubset != NULL && doc->intSubset->entities != NULL) {
		*cause = xasprintf("%s: declares XML entities; refused", name);
		xmlFreeDoc(doc);
		return -1;
	}
	if (root == NULL || strcmp((const char *)root->name, "opml") != 0) {
		*cause = xasprintf("%s: not an OPML file (no <opml> root element)", name);
		xmlFreeDoc(doc);
		return -1;
	}
	memset(&x, 0, sizeof(x));
	x.out = out;
	x.name = name;
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "body") == 0)
			opml_walk(&x, n->children);
	xmlFreeDoc(doc);
	return 0;
}

/* Writes attribute name with s made safe for XML (controls removed); skips NULL. */
static int
opml_put_attr(xmlTextWriter *w, const char *name, const char *s)
{
	char *clean;
	int rc;

	if (s == NULL)
		return 0;
	clean = utf8_sanitize(s, 0);
	rc = xmlTextWriterWriteAttribute(w, (const xmlChar *)name, (const xmlChar *)clean);
	free(clean);
	return rc < 0 ? -1 : 0;
}

int
opml_write(const struct store_feed *feeds, size_t n, struct buf *out, char **cause)
{
	xmlBuffer *xb = xmlBufferCreate();
	xmlTextWriter *w;
	struct buf cats = BUF_INIT;
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	size_t i, j;
	int rc = 0;

	if (xb == NULL || (w = xmlNewTextWriterMemory(xb, 0)) == NULL) {
		xmlBufferFree(xb);
		*cause = xstrdup("OPML: out of memory");
		return -1;
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
	rc |= xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
	rc |= xmlTextWriterStartElement(w, (const xmlChar *)"opml") < 0;
	rc |=
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"version", (const xmlChar *)"2.0") < 0;
	rc |= xmlTextWriterStartElement(w, (const xmlChar *)"head") < 0;
	rc |= xmlTextWriterWriteElement(w, (const xmlChar *)"title",
	                                (const xmlChar *)"newsroom subscriptions") < 0;
	rc |=
	    xmlTextWriterWriteElement(w, (const xmlChar *)"dateCreated", (const xmlChar *)date) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterStartElement(w, (const xmlChar *)"body") < 0;
	for (i = 0; i < n && rc == 0; i++) {
		const struct store_feed *f = &feeds[i];
		const char *title = f->user_title ? f->user_title : f->title ? f->title : f->url;

		buf_reset(&cats);
		for (j = 0; j < f->ntags; j++) {
			if (j > 0)
				buf_addc(&cats, ',');
			buf_adds(&cats, f->tags[j]);
		}
		rc |= xmlTextWriterStartElement(w, (const xmlChar *)"outline") < 0;
		rc |= xmlTextWriterWriteAttribute(w, (const xmlChar *)"type",
		                                  (const xmlChar *)"rss") < 0;
		rc |= opml_put_attr(w, "text", title);
		rc |= opml_put_attr(w, "title", title);
		rc |= opml_put_attr(w, "xmlUrl", f->url);
		rc |= opml_put_attr(w, "htmlUrl", f->site_link);
		if (f->ntags > 0)
			rc |= opml_put_attr(w, "category", buf_str(&cats));
		rc |= xmlTextWriterEndElement(w) < 0;
	}
	rc |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	buf_free(&cats);
	if (rc != 0) {
		xmlBufferFree(xb);
		*cause = xstrdup("OPML: cannot write the document");
		return -1;
	}
	buf_add(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	return 0;
}
