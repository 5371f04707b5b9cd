/* ui_model.c - the reader's view model: wrapping, highlights, folding. No curses here. */
#include "ui/ui_model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

int
ui_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || cp == 0x7f)
		return 0;
	w = wcwidth((wchar_t)cp);
	/* unknown to the C library (or a C locale): one column, as terminals draw it */
	return w < 0 ? 1 : w;
}

/* Decodes one character at s; an invalid byte counts as one character of one byte. */
static size_t
ui_next(const char *s, size_t n, uint32_t *cp)
{
	size_t k = utf8_decode(s, n, cp);

	if (k == 0) {
		*cp = 0xfffd;
		k = 1;
	}
	return k;
}

int
ui_str_width(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;
	int w = 0;

	while (i < n) {
		i += ui_next(s + i, n - i, &cp);
		w += ui_cp_width(cp);
	}
	return w;
}

size_t
ui_str_fit(const char *s, size_t n, int cols, int *used)
{
	size_t i = 0, k;
	uint32_t cp;
	int w = 0, cw;

	while (i < n) {
		k = ui_next(s + i, n - i, &cp);
		cw = ui_cp_width(cp);
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	if (used != NULL)
		*used = w;
	return i;
}

struct ui_wrapv {
	struct ui_wrap *v;
	size_t n;
};

static void
ui_wrap_emit(struct ui_wrapv *w, const char *text, size_t start, size_t end)
{
	while (end > start && text[end - 1] == ' ')
		end--;
	w->v = xreallocarray(w->v, w->n + 1, sizeof(*w->v));
	w->v[w->n].start = start;
	w->v[w->n].end = end;
	w->v[w->n].cols = ui_str_width(text + start, end - start);
	w->n++;
}

size_t
ui_wrap_text(const char *text, size_t n, int width, struct ui_wrap **out)
{
	struct ui_wrapv w = {NULL, 0};
	size_t pos = 0, i, k, brk_end, brk_next;
	int cont = 0, cols, cw, have_brk;
	uint32_t cp;

	if (width < 1)
		width = 1;
	for (;;) {
		if (cont)
			while (pos < n && text[pos] == ' ')
				pos++;
		if (pos >= n) {
			/* an empty text, or one ending in '\n', still has its last line */
			if (w.n == 0 || !cont)
				ui_wrap_emit(&w, text, pos > n ? n : pos, pos > n ? n : pos);
			break;
		}
		i = pos;
		cols = 0;
		have_brk = 0;
		brk_end = brk_next = pos;
		for (;;) {
			if (i >= n) {
				ui_wrap_emit(&w, text, pos, n);
				pos = n + 1;
				break;
			}
			k = ui_next(text + i, n - i, &cp);
			if (cp == '\n') {
				ui_wrap_emit(&w, text, pos, i);
				pos = i + 1;
				cont = 0;
				break;
			}
			cw = ui_cp_width(cp);
			if (cw == 2 && i > pos) {
				have_brk = 1;
				brk_end = brk_next = i;
			}
			if (cols + cw > width) {
				if (cp == ' ') {
					ui_wrap_emit(&w, text, pos, i);
					pos = i;
				} else if (have_brk && brk_end > pos) {
					ui_wrap_emit(&w, text, pos, brk_end);
					pos = brk_next;
				} else {
					/* a word longer than the line, or a character wider than it
					 */
					if (i == pos)
						i += k;
					ui_wrap_emit(&w, text, pos, i);
					pos = i;
				}
				cont = 1;
				break;
			}
			cols += cw;
			i += k;
			if (cp == ' ' || (cp == '-' && cols > 1) || cw == 2) {
				have_brk = 1;
				brk_end = cp == ' ' ? i - k : i;
				brk_next = i;
			}
		}
		if (pos > n)
			break;
	}
	*out = w.v;
	return w.n;
}

/* --- list positions --- */

void
ui_listpos_fit(struct ui_listpos *p, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;

	if (p->n == 0) {
		p->cur = p->top = 0;
		return;
	}
	if (p->cur >= p->n)
		p->cur = p->n - 1;
	if (p->cur < p->top)
		p->top = p->cur;
	if (p->cur >= p->top + h)
		p->top = p->cur - h + 1;
	/* no empty rows below the end while there are rows above */
	if (p->top + h > p->n)
		p->top = p->n > h ? p->n - h : 0;
}

void
ui_listpos_set(struct ui_listpos *p, size_t i, int height)
{
	p->cur = i;
	ui_listpos_fit(p, height);
}

void
ui_listpos_move(struct ui_listpos *p, long delta, int height)
{
	if (p->n == 0)
		return;
	if (delta < 0 && (size_t)-delta > p->cur)
		p->cur = 0;
	else if (delta > 0 && (size_t)delta >= p->n - p->cur)
		p->cur = p->n - 1;
	else
		p->cur = (size_t)((long)p->cur + delta);
	ui_listpos_fit(p, height);
}

/* --- the article view --- */

/* Moves off to the start of the character it points into, within len. */
static size_t
ui_char_start(const char *s, size_t len, size_t off)
{
	if (off > len)
		off = len;
	while (off > 0 && off < len && ((unsigned char)s[off] & 0xc0) == 0x80)
		off--;
	return off;
}

static int
ui_cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Returns the sanitized copy of text, moving each of the nrefs offsets *refs[i]
 * to the same place in the copy. The copy is the caller's. */
static char *
ui_clean(const char *text, size_t **refs, size_t nrefs)
{
	size_t len = strlen(text), *cuts = xcalloc(nrefs + 2, sizeof(*cuts));
	size_t *moved = xcalloc(nrefs + 2, sizeof(*moved));
	size_t ncut = 0, i, j;
	struct buf b = BUF_INIT;
	char *piece, *clean;

	cuts[ncut++] = 0;
	for (i = 0; i < nrefs; i++) {
		*refs[i] = ui_char_start(text, len, *refs[i]);
		cuts[ncut++] = *refs[i];
	}
	cuts[ncut++] = len;
	qsort(cuts, ncut, sizeof(*cuts), ui_cmp_size);
	buf_add(&b, "", 0);
	/* the cleaner works per character, so cleaning the pieces between
	 * offsets gives the same text as cleaning the whole, with known cuts */
	for (i = 0; i < ncut; i++) {
		moved[i] = b.len;
		if (i + 1 < ncut && cuts[i + 1] > cuts[i]) {
			piece = xstrndup(text + cuts[i], cuts[i + 1] - cuts[i]);
			clean = utf8_sanitize(piece, 1);
			buf_adds(&b, clean);
			free(clean);
			free(piece);
		}
	}
	for (i = 0; i < nrefs; i++)
		for (j = 0; j < ncut; j++)
			if (cuts[j] == *refs[i]) {
				*refs[i] = moved[j];
				break;
			}
	free(cuts);
	free(moved);
	return buf_detach(&b);
}

static size_t
ui_add_para(struct ui_article *v, char *text, enum ui_role role, long src)
{
	v->paras = xreallocarray(v->paras, v->npara + 1, sizeof(*v->paras));
	v->paras[v->npara].text = text;
	v->paras[v->npara].role = role;
	v->paras[v->npara].src = src;
	v->paras[v->npara].dup = 0;
	return v->npara++;
}

static int
ui_cmp_mark(const void *pa, const void *pb)
{
	const struct ui_mark *a = pa, *b = pb;

	if (a->para != b->para)
		return a->para < b->para ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	/* a statement before the entities inside it */
	if (a->kind != b->kind)
		return a->kind == UI_MARK_STMT ? -1 : 1;
	return 0;
}

static void
ui_build_marks(struct ui_article *v)
{
	size_t i;
	struct ui_mark *m;

	free(v->marks);
	v->marks = xcalloc(v->ana.nments + v->ana.nstmts + 1, sizeof(*v->marks));
	v->nmarks = 0;
	for (i = 0; i < v->ana.nments; i++) {
		const struct ana_mention *a = &v->ana.ments[i];

		if (a->entity >= v->ana.nents || a->para >= v->npara || a->end <= a->start)
			continue;
		m = &v->marks[v->nmarks++];
		m->kind = UI_MARK_ENTITY;
		m->para = m->para_end = a->para;
		m->start = a->start;
		m->end = a->end;
		m->entity = a->entity;
		m->speaker = -1;
		m->src = i;
	}
	for (i = 0; i < v->ana.nstmts; i++) {
		const struct ana_statement *a = &v->ana.stmts[i];

		if (a->para >= v->npara || a->para_end >= v->npara || a->para_end < a->para)
			continue;
		m = &v->marks[v->nmarks++];
		m->kind = UI_MARK_STMT;
		m->para = a->para;
		m->start = a->start;
		m->para_end = a->para_end;
		m->end = a->end;
		m->entity = 0;
		m->src = i;
		m->speaker = a->speaker >= 0 && (size_t)a->speaker < v->ana.nents ? a->speaker : -1;
	}
	qsort(v->marks, v->nmarks, sizeof(*v->marks), ui_cmp_mark);
}

void
ui_article_init(struct ui_article *v, struct doc *d, struct analysis *a, const char *meta,
                const size_t *note_paras, char *const *notes, size_t nnotes)
{
	size_t *map = xcalloc(d->npara + 1, sizeof(*map));
	size_t **refs = NULL, nrefs, i, j, p;
	char *s;

	memset(v, 0, sizeof(*v));
	v->ana = *a;
	memset(a, 0, sizeof(*a));
	for (i = 0; i < d->npara; i++) {
		/* gather every offset into this paragraph, to move them with the cleaning */
		nrefs = 0;
		refs = xreallocarray(refs, 2 * (v->ana.nments + v->ana.nstmts) + 1, sizeof(*refs));
		for (j = 0; j < v->ana.nments; j++)
			if (v->ana.ments[j].para == i) {
				refs[nrefs++] = &v->ana.ments[j].start;
				refs[nrefs++] = &v->ana.ments[j].end;
			}
		for (j = 0; j < v->ana.nstmts; j++) {
			if (v->ana.stmts[j].para == i)
				refs[nrefs++] = &v->ana.stmts[j].start;
			if (v->ana.stmts[j].para_end == i)
				refs[nrefs++] = &v->ana.stmts[j].end;
		}
		p = ui_add_para(v, ui_clean(d->paras[i].text, refs, nrefs),
		                i == 0 ? UI_ROLE_HEADLINE : UI_ROLE_BODY, (long)i);
		v->paras[p].dup = i > 0 && d->paras[i].dup_of >= 0;
		map[i] = p;
		if (i == 0 && meta != NULL)
			ui_add_para(v, utf8_sanitize(meta, 0), UI_ROLE_META, -1);
		for (j = 0; j < nnotes; j++) {
			if (note_paras[j] != i)
				continue;
			s = utf8_sanitize(notes[j], 1);
			ui_add_para(v, xasprintf("✎ %s", s), UI_ROLE_NOTE, (long)i);
			free(s);
		}
	}
	free(refs);
	if (d->npara == 0)
		ui_add_para(v, xstrdup(""), UI_ROLE_HEADLINE, -1);
	for (i = 0; i < v->ana.nments; i++)
		v->ana.ments[i].para =
		    v->ana.ments[i].para < d->npara ? map[v->ana.ments[i].para] : (size_t)-1;
	for (i = 0; i < v->ana.nstmts; i++) {
		struct ana_statement *st = &v->ana.stmts[i];

		st->para = st->para < d->npara ? map[st->para] : (size_t)-1;
		st->para_end = st->para_end < d->npara ? map[st->para_end] : (size_t)-1;
	}
	for (i = 0; i < v->ana.nents; i++) {
		s = utf8_sanitize(v->ana.ents[i].name, 0);
		free(v->ana.ents[i].name);
		v->ana.ents[i].name = s;
	}
	if (d->nlinks > 0) {
		ui_add_para(v, xstrdup("Links"), UI_ROLE_LINKS, -1);
		for (i = 0; i < d->nlinks; i++) {
			s = utf8_sanitize(d->links[i], 0);
			ui_add_para(v, xasprintf("[%zu] %s", i + 1, s), UI_ROLE_LINK, -1);
			free(s);
		}
	}
	v->nlinks = d->nlinks;
	free(map);
	ui_build_marks(v);
	doc_free(d);
}

void
ui_article_free(struct ui_article *v)
{
	size_t i;

	for (i = 0; i < v->npara; i++)
		free(v->paras[i].text);
	free(v->paras);
	analysis_free(&v->ana);
	free(v->marks);
	free(v->lines);
	memset(v, 0, sizeof(*v));
}

static void
ui_add_line(struct ui_article *v, enum ui_line_kind kind, size_t para, size_t start, size_t end)
{
	struct ui_line *l;

	v->lines = xreallocarray(v->lines, v->nlines + 1, sizeof(*v->lines));
	l = &v->lines[v->nlines++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->para = para;
	l->start = start;
	l->end = end;
	l->leader = l->stmt_in = -1;
	l->dup = kind == UI_LINE_TEXT && v->paras[para].dup;
}

/* Returns 1 when position (p, o) is inside mark m. */
static int
ui_in_mark(const struct ui_mark *m, size_t p, size_t o)
{
	if (p < m->para || (p == m->para && o < m->start))
		return 0;
	if (p > m->para_end || (p == m->para_end && o >= m->end))
		return 0;
	return 1;
}

/* Finds a statement that runs through line l. */
static void
ui_line_stmts(const struct ui_article *v, struct ui_line *l)
{
	size_t i;
	const struct ui_mark *m;

	for (i = 0; i < v->nmarks && l->stmt_in < 0; i++) {
		m = &v->marks[i];
		if (m->kind != UI_MARK_STMT || m->para > l->para)
			continue;
		/* covers some of the line: starts before its end, ends after its start */
		if ((m->para < l->para || m->start < l->end) &&
		    (m->para_end > l->para || (m->para_end == l->para && m->end > l->start)))
			l->stmt_in = (long)i;
	}
}

/* Gives each statement a line for its speaker's leader: the line where it
 * starts, or when another statement starts there too, the next free line
 * the statement still runs through. */
static void
ui_place_leaders(struct ui_article *v)
{
	size_t i, l, last;

	for (i = 0; i < v->nmarks; i++) {
		const struct ui_mark *m = &v->marks[i];

		if (m->kind != UI_MARK_STMT || (v->paras[m->para].dup && !v->unfolded))
			continue;
		l = ui_article_find_line(v, m->para, m->start);
		last = ui_article_find_line(v, m->para_end, m->end > 0 ? m->end - 1 : 0);
		while (l <= last && l < v->nlines &&
		       (v->lines[l].leader >= 0 || v->lines[l].kind != UI_LINE_TEXT))
			l++;
		if (l <= last && l < v->nlines)
			v->lines[l].leader = (long)i;
	}
}

void
ui_article_layout(struct ui_article *v, int cols, int text_width)
{
	struct ui_wrap *w;
	size_t i, j, k, nw, run;
	enum ui_role r, next;

	free(v->lines);
	v->lines = NULL;
	v->nlines = 0;
	/* at 80 columns a family name of ten letters still leads its statements */
	v->margin = cols >= 100 ? 16 : cols >= 76 ? 13 : cols >= 70 ? 11 : cols >= 40 ? 7 : 0;
	v->width = cols - v->margin - 1;
	if (text_width > 0 && v->width > text_width)
		v->width = text_width;
	if (v->width < 8)
		v->width = cols > 8 ? cols - 1 : 8;
	/* a text narrower than a wide window goes in the middle of it */
	v->indent = cols - v->margin - v->width - 1 > 8 ? (cols - v->margin - v->width - 1) / 2 : 0;
	for (i = 0; i < v->npara; i++) {
		r = v->paras[i].role;
		if (r == UI_ROLE_BODY && v->paras[i].dup && !v->unfolded) {
			/* a run of repeated paragraphs (with their notes) becomes one line */
			for (run = 0, j = i; j < v->npara; j++) {
				if (v->paras[j].role == UI_ROLE_NOTE)
					continue;
				if (v->paras[j].role != UI_ROLE_BODY || !v->paras[j].dup)
					break;
				run++;
			}
			ui_add_line(v, UI_LINE_FOLD, i, 0, 0);
			v->lines[v->nlines - 1].fold = run;
			if (j < v->npara)
				ui_add_line(v, UI_LINE_BLANK, i, 0, 0);
			i = j - 1;
			continue;
		}
		nw = ui_wrap_text(v->paras[i].text, strlen(v->paras[i].text), v->width, &w);
		for (k = 0; k < nw; k++) {
			ui_add_line(v, UI_LINE_TEXT, i, w[k].start, w[k].end);
			ui_line_stmts(v, &v->lines[v->nlines - 1]);
		}
		free(w);
		next = i + 1 < v->npara ? v->paras[i + 1].role : UI_ROLE_BODY;
		if (next == UI_ROLE_NOTE || (r == UI_ROLE_HEADLINE && next == UI_ROLE_META) ||
		    (r == UI_ROLE_LINK && next == UI_ROLE_LINK) || r == UI_ROLE_LINKS)
			continue;
		if (i + 1 < v->npara)
			ui_add_line(v, UI_LINE_BLANK, i, 0, 0);
	}
	ui_place_leaders(v);
}

/* Adds cut c to the sorted set cuts (n of them, room for more). */
static void
ui_cut(size_t *cuts, size_t *n, size_t c, size_t lo, size_t hi)
{
	size_t i;

	if (c < lo || c > hi)
		return;
	for (i = 0; i < *n; i++)
		if (cuts[i] == c)
			return;
	cuts[(*n)++] = c;
}

/* Returns the end of the link number "[N]" at s[i] (1 <= N <= nlinks), or 0. */
static size_t
ui_linkref(const char *s, size_t i, size_t end, size_t nlinks)
{
	size_t j = i + 1, num = 0;

	if (s[i] != '[')
		return 0;
	while (j < end && s[j] >= '0' && s[j] <= '9' && j - i < 6)
		num = num * 10 + (size_t)(s[j++] - '0');
	if (j == i + 1 || j >= end || s[j] != ']' || num < 1 || num > nlinks)
		return 0;
	return j + 1;
}

size_t
ui_article_segments(const struct ui_article *v, const struct ui_line *l, struct ui_seg *out,
                    size_t max)
{
	const char *t = v->paras[l->para].text;
	size_t *cuts, ncut = 0, i, j, e, n = 0;
	struct ui_seg s;

	if (l->kind != UI_LINE_TEXT)
		return 0;
	cuts = xcalloc(2 * v->nmarks + 2 * (l->end - l->start) + 4, sizeof(*cuts));
	ui_cut(cuts, &ncut, l->start, l->start, l->end);
	ui_cut(cuts, &ncut, l->end, l->start, l->end);
	for (i = 0; i < v->nmarks; i++) {
		const struct ui_mark *m = &v->marks[i];

		if (m->para == l->para)
			ui_cut(cuts, &ncut, m->start, l->start, l->end);
		if (m->para_end == l->para)
			ui_cut(cuts, &ncut, m->end, l->start, l->end);
	}
	if (v->nlinks > 0 && v->paras[l->para].role == UI_ROLE_BODY)
		for (i = l->start; i < l->end; i++)
			if ((e = ui_linkref(t, i, l->end, v->nlinks)) != 0) {
				ui_cut(cuts, &ncut, i, l->start, l->end);
				ui_cut(cuts, &ncut, e, l->start, l->end);
				i = e - 1;
			}
	qsort(cuts, ncut, sizeof(*cuts), ui_cmp_size);
	for (i = 0; i + 1 < ncut; i++) {
		memset(&s, 0, sizeof(s));
		s.start = cuts[i];
		s.end = cuts[i + 1];
		s.kind = UI_SEG_TEXT;
		s.mark = s.stmt = -1;
		for (j = 0; j < v->nmarks; j++) {
			const struct ui_mark *m = &v->marks[j];

			if (!ui_in_mark(m, l->para, s.start))
				continue;
			if (m->kind == UI_MARK_ENTITY && s.mark < 0) {
				s.kind = UI_SEG_ENTITY;
				s.mark = (long)j;
				s.ent_kind = (int)v->ana.ents[m->entity].kind;
			} else if (m->kind == UI_MARK_STMT && s.stmt < 0)
				s.stmt = (long)j;
		}
		if (s.kind == UI_SEG_TEXT && v->nlinks > 0 &&
		    v->paras[l->para].role == UI_ROLE_BODY &&
		    ui_linkref(t, s.start, l->end, v->nlinks) == s.end)
			s.kind = UI_SEG_LINKREF;
		/* one segment for a stretch that looks the same */
		if (n > 0 && n <= max && out[n - 1].kind == s.kind && out[n - 1].mark == s.mark &&
		    out[n - 1].stmt == s.stmt && out[n - 1].end == s.start &&
		    s.kind == UI_SEG_TEXT) {
			out[n - 1].end = s.end;
			continue;
		}
		if (n < max)
			out[n] = s;
		n++;
	}
	free(cuts);
	return n;
}

size_t
ui_article_find_line(const struct ui_article *v, size_t para, size_t off)
{
	size_t i, best = 0;
	int found = 0;

	for (i = 0; i < v->nlines; i++) {
		const struct ui_line *l = &v->lines[i];

		if (l->kind == UI_LINE_FOLD && para >= l->para) {
			/* a folded run covers paragraphs up to the next line's */
			size_t j = i + 1;

			while (j < v->nlines && v->lines[j].kind == UI_LINE_BLANK)
				j++;
			if (j >= v->nlines || v->lines[j].para > para)
				return i;
		}
		if (l->kind != UI_LINE_TEXT || l->para != para)
			continue;
		if (!found) {
			best = i;
			found = 1;
		}
		if (off >= l->start)
			best = i;
	}
	if (found)
		return best;
	/* the paragraph is not laid out: the first line of a later one */
	for (i = 0; i < v->nlines; i++)
		if (v->lines[i].para >= para)
			return i;
	return v->nlines > 0 ? v->nlines - 1 : 0;
}

size_t
ui_article_mark_line(const struct ui_article *v, size_t m)
{
	if (m >= v->nmarks)
		return 0;
	return ui_article_find_line(v, v->marks[m].para, v->marks[m].start);
}

/* Returns 1 when mark m is drawn (not inside folded paragraphs). */
static int
ui_mark_shown(const struct ui_article *v, size_t m)
{
	return v->unfolded || !v->paras[v->marks[m].para].dup;
}

long
ui_article_next_mark(const struct ui_article *v, long from, enum ui_mark_kind kind, int dir)
{
	long i = from < 0 ? (dir > 0 ? 0 : (long)v->nmarks - 1) : from + dir;

	for (; i >= 0 && (size_t)i < v->nmarks; i += dir)
		if (v->marks[i].kind == kind && ui_mark_shown(v, (size_t)i))
			return i;
	return -1;
}

long
ui_article_mark_near(const struct ui_article *v, size_t l, enum ui_mark_kind kind, int dir)
{
	long i = dir > 0 ? 0 : (long)v->nmarks - 1;
	size_t ml;

	for (; i >= 0 && (size_t)i < v->nmarks; i += dir) {
		if (v->marks[i].kind != kind || !ui_mark_shown(v, (size_t)i))
			continue;
		ml = ui_article_mark_line(v, (size_t)i);
		if (dir > 0 ? ml >= l : ml <= l)
			return i;
	}
	return -1;
}

size_t
ui_article_ndup(const struct ui_article *v)
{
	size_t i, n = 0;

	for (i = 0; i < v->npara; i++)
		n += v->paras[i].dup;
	return n;
}
