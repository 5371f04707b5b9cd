/* ui_article.c - the article view: wrapped text with entities, statements and
 * their speakers, folded repeats, links; actions on the entity under the cursor. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "storage/browse.h"
#include "storage/user.h"
#include "pipeline.h"
#include "ui/ui.h"
#include "ui/ui_user.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

struct ui_art {
	struct ui_screen s;
	int64_t id;
	struct ui_screen *list; /* the list it was opened from, or NULL */
	struct ui_article v;
	long focus; /* the focused mark, or -1 */
	int laid_cols;
	char *url;
	/* the reading position: the text at the top of the window, kept across
	 * layouts (a resize and back returns to the same line) */
	long anchor_src; /* doc paragraph, or -1 */
	size_t anchor_off;
	size_t anchor_skip;  /* blank lines between the top of the window and the anchor */
	size_t anchored_top; /* the top line the anchor was last taken at */
};

/* Gives entity e its other names, to pick a short speaker label from. */
static void
ui_art_aliases(struct ui *u, struct ana_entity *e)
{
	char *cause = NULL, **v = NULL;
	int64_t id = store_entity_find(u->st, e->name, NULL, NULL, &cause);
	size_t i;

	if (id > 0 && store_entity_aliases(u->st, id, &v, &cause) == 0)
		for (i = 0; v[i] != NULL; i++) {
			e->aliases =
			    xreallocarray(e->aliases, e->naliases + 1, sizeof(*e->aliases));
			e->aliases[e->naliases++] = utf8_sanitize(v[i], 0);
		}
	store_strv_free(v);
	free(cause);
}

/* (Re)loads the article from the store into a->v. */
static int
ui_art_load(struct ui *u, struct ui_art *a)
{
	struct doc d;
	struct analysis an;
	struct ui_note *notes;
	size_t nnotes, i, *np, ntags = 0;
	char **nt, **tags = NULL, *cause = NULL, *feed = NULL, date[32];
	struct buf meta = BUF_INIT;

	if (store_article_get(u->st, a->id, &d, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		return -1;
	}
	/* an article analyzed by an older analyzer is analyzed again as it opens;
	 * if that fails (a read-only database) the old analysis still shows */
	if (pipeline_refresh(u->st, a->id, &cause) != 0) {
		free(cause);
		cause = NULL;
	}
	if (store_analysis_get(u->st, a->id, &an, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		memset(&an, 0, sizeof(an));
	}
	dup_mark(&d);
	buf_add(&meta, "", 0);
	if (store_browse_article_feed(u->st, a->id, &feed, &cause) != 0) {
		free(cause);
		cause = NULL;
	}
	if (feed != NULL)
		buf_printf(&meta, "%s", feed);
	free(feed);
	if (d.author != NULL)
		buf_printf(&meta, "%sBy %s", meta.len ? " · " : "", d.author);
	if (d.published || d.updated) {
		ui_date(d.published ? d.published : d.updated, 1, date, sizeof(date));
		buf_printf(&meta, "%s%s", meta.len ? " · " : "", date);
	}
	if (d.url != NULL)
		buf_printf(&meta, "%s%s", meta.len ? " · " : "", d.url);
	if (store_tag_list(u->st, a->id, &tags, &ntags, &cause) == 0) {
		for (i = 0; i < ntags; i++)
			buf_printf(&meta, "%s%s",
			           i          ? " "
			           : meta.len ? " · tags: "
			                      : "tags: ",
			           tags[i]);
		store_strv_free(tags);
	} else {
		free(cause);
		cause = NULL;
	}
	free(a->url);
	a->url = d.url ? utf8_sanitize(d.url, 0) : NULL;
	nnotes = ui_user_notes(u, a->id, &notes);
	np = xcalloc(nnotes + 1, sizeof(*np));
	nt = xcalloc(nnotes + 1, sizeof(*nt));
	for (i = 0; i < nnotes; i++) {
		np[i] = notes[i].para;
		nt[i] = notes[i].body;
	}
	ui_article_free(&a->v);
	ui_article_init(&a->v, &d, &an, meta.len ? meta.data : NULL, np, nt, nnotes);
	free(np);
	free(nt);
	ui_user_notes_free(notes, nnotes);
	buf_free(&meta);
	for (i = 0; i < a->v.nmarks; i++)
		if (a->v.marks[i].kind == UI_MARK_STMT && a->v.marks[i].speaker >= 0 &&
		    a->v.ana.ents[a->v.marks[i].speaker].naliases == 0)
			ui_art_aliases(u, &a->v.ana.ents[a->v.marks[i].speaker]);
	free(a->s.title);
	a->s.title = xstrdup(a->v.npara > 0 ? a->v.paras[0].text : "");
	a->laid_cols = 0;
	a->focus = -1;
	return 0;
}

/* Remembers the text at the top of the window as the reading position. */
static void
ui_art_anchor(struct ui_art *a)
{
	size_t l = a->s.pos.top;

	a->anchored_top = a->s.pos.top;
	a->anchor_src = -1;
	a->anchor_skip = 0;
	/* a blank line has no text of its own: anchor on the text below it */
	while (l < a->v.nlines && a->v.lines[l].kind == UI_LINE_BLANK)
		l++;
	if (l < a->v.nlines) {
		a->anchor_src = a->v.paras[a->v.lines[l].para].src;
		a->anchor_off = a->v.lines[l].start;
		a->anchor_skip = l - a->s.pos.top;
	}
}

static void
ui_art_layout(struct ui *u, struct ui_art *a)
{
	size_t i;

	ui_article_layout(&a->v, u->cols, u->cfg.text_width);
	a->laid_cols = u->cols;
	a->s.pos.n = a->v.nlines;
	a->s.pos.top = 0;
	/* the same text stays at the top after a resize, an unfold or a reload */
	for (i = 0; a->anchor_src >= 0 && i < a->v.npara; i++)
		if (a->v.paras[i].src == a->anchor_src && a->v.paras[i].role != UI_ROLE_NOTE) {
			a->s.pos.top = ui_article_find_line(&a->v, i, a->anchor_off);
			a->s.pos.top -=
			    a->anchor_skip <= a->s.pos.top ? a->anchor_skip : a->s.pos.top;
			break;
		}
	a->anchored_top = a->s.pos.top;
}

/* Loads the article again after a change (a decision re-analyzed it, a note
 * was added), keeping the reading position. */
static void
ui_art_reload(struct ui *u, struct ui_art *a)
{
	if (ui_art_load(u, a) == 0)
		ui_art_layout(u, a);
}

/* Returns 1 when s is an acronym: two or more letters, all capitals. */
static int
ui_acronym(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++)
		if (*s < 'A' || *s > 'Z')
			return 0;
	return n >= 2;
}

/* Returns the speaker label of statement mark m for maxw columns, owned by the view. */
static const char *
ui_art_label(struct ui_art *a, const struct ui_mark *m, int maxw, char *tmp, size_t n)
{
	const struct ana_entity *e;
	const char *name, *best;
	size_t i, k;
	int used;

	if (m->speaker < 0) {
		const struct ana_statement *st = &a->v.ana.stmts[m->src];

		name = st->speaker_text ? st->speaker_text : "?";
		if (ui_str_width(name, strlen(name)) <= maxw)
			return name;
		e = NULL;
	} else {
		e = &a->v.ana.ents[m->speaker];
		name = e->name;
		if (ui_str_width(name, strlen(name)) <= maxw)
			return name;
		/* a short name of it: the acronym the article defined, else the shortest */
		best = NULL;
		for (i = 0; i < e->naliases; i++) {
			const char *al = e->aliases[i];
			int w = ui_str_width(al, strlen(al));

			if (w > maxw)
				continue;
			if (ui_acronym(al))
				return al;
			if (best == NULL || w < ui_str_width(best, strlen(best)))
				best = al;
		}
		if (best != NULL)
			return best;
		/* a person by the family name, as news does after the first mention
		 * (cut short when even that is too long: it says more than the
		 * first name or a title like "Dr.") */
		if (e->kind == ENT_PERSON && strrchr(name, ' ') != NULL &&
		    strrchr(name, ' ')[1] != '\0')
			name = strrchr(name, ' ') + 1;
		if (ui_str_width(name, strlen(name)) <= maxw)
			return name;
	}
	k = ui_str_fit(name, strlen(name), maxw - 1, &used);
	snprintf(tmp, n, "%.*s…", (int)k, name);
	return tmp;
}

static int
ui_art_seg_attr(struct ui *u, struct ui_art *a, const struct ui_seg *g)
{
	int at = 0;

	if (g->stmt >= 0) {
		at |= ui_attr(u, UI_EL_STATEMENT);
		if (g->stmt == a->focus)
			at |= A_BOLD;
	}
	if (g->kind == UI_SEG_ENTITY) {
		if (g->mark == a->focus)
			return ui_attr(u, UI_EL_FOCUS);
		/* the entity's colour, keeping the statement's look */
		at = ui_attr(u, (enum ui_elem)(UI_EL_COMPANY + g->ent_kind)) | (at & ~A_COLOR);
	} else if (g->kind == UI_SEG_LINKREF)
		at = (at & ~A_COLOR) | ui_attr(u, UI_EL_LINK);
	return at;
}

static void
ui_art_draw(struct ui *u, struct ui_screen *s, int *cy, int *cx)
{
	struct ui_art *a = (struct ui_art *)s;
	int h = ui_body_rows(u), y, x, m, mw, at;
	size_t i, ns, k, fl = (size_t)-1;
	struct ui_seg segs[64], *sg;
	const struct ui_line *l;
	const struct ui_para *p;
	char tmp[96], *t;
	const char *lab;

	if (a->laid_cols != u->cols)
		ui_art_layout(u, a);
	if (s->pos.top != a->anchored_top)
		ui_art_anchor(a); /* the reader scrolled: this is the new position */
	if (s->pos.n > (size_t)h && s->pos.top > s->pos.n - (size_t)h)
		s->pos.top = s->pos.n - (size_t)h;
	if (s->pos.n <= (size_t)h)
		s->pos.top = 0;
	/* a window too tall for the rest of the text moves the top, not the reader */
	a->anchored_top = s->pos.top;
	mw = a->v.margin;
	m = a->v.indent + mw;
	if (a->focus >= 0)
		fl = ui_article_mark_line(&a->v, (size_t)a->focus);
	*cy = 1;
	*cx = m;
	for (y = 0; y < h && s->pos.top + (size_t)y < a->v.nlines; y++) {
		l = &a->v.lines[s->pos.top + (size_t)y];
		p = &a->v.paras[l->para];
		if (l->leader >= 0 && mw >= 4) {
			const struct ui_mark *mk = &a->v.marks[l->leader];

			lab = ui_art_label(a, mk, mw - 3, tmp, sizeof(tmp));
			at = l->leader == a->focus ? ui_attr(u, UI_EL_FOCUS)
			                           : ui_attr(u, UI_EL_SPEAKER);
			k = (size_t)ui_str_width(lab, strlen(lab));
			ui_put(y + 1, m - 3 - (int)k, lab, strlen(lab), mw - 3, at);
			ui_put(y + 1, m - 2, "▸", strlen("▸"), 1, ui_attr(u, UI_EL_SPEAKER));
		} else if (l->stmt_in >= 0 && mw >= 4)
			ui_put(y + 1, m - 2, "│", strlen("│"), 1, ui_attr(u, UI_EL_SPEAKER));
		if (l->dup && mw >= 6)
			ui_put(y + 1, a->v.indent, "dup", 3, 3, ui_attr(u, UI_EL_DUP));
		if (l->kind == UI_LINE_FOLD) {
			t = xasprintf("⋯ %zu repeated paragraph%s folded (z shows them)", l->fold,
			              l->fold == 1 ? "" : "s");
			ui_put(y + 1, m, t, strlen(t), u->cols - m - 1, ui_attr(u, UI_EL_FOLD));
			free(t);
			continue;
		}
		if (l->kind != UI_LINE_TEXT)
			continue;
		x = m;
		switch (p->role) {
		case UI_ROLE_HEADLINE:
			at = ui_attr(u, UI_EL_HEADLINE);
			break;
		case UI_ROLE_META:
			at = ui_attr(u, UI_EL_META);
			break;
		case UI_ROLE_NOTE:
			at = ui_attr(u, UI_EL_NOTE);
			break;
		case UI_ROLE_LINKS:
			at = ui_attr(u, UI_EL_HEADLINE);
			break;
		case UI_ROLE_LINK:
			at = ui_attr(u, UI_EL_LINK);
			break;
		default:
			at = -1;
		}
		if (at != -1 && p->role != UI_ROLE_HEADLINE && p->role != UI_ROLE_BODY) {
			ui_put(y + 1, x, p->text + l->start, l->end - l->start, u->cols - x, at);
			continue;
		}
		ns = ui_article_segments(&a->v, l, segs, sizeof(segs) / sizeof(segs[0]));
		sg = segs;
		if (ns > sizeof(segs) / sizeof(segs[0])) {
			sg = xcalloc(ns, sizeof(*sg));
			ui_article_segments(&a->v, l, sg, ns);
		}
		for (i = 0; i < ns; i++) {
			int sa = ui_art_seg_attr(u, a, &sg[i]);

			if (p->role == UI_ROLE_HEADLINE && sg[i].kind == UI_SEG_TEXT)
				sa |= at;
			if (sg[i].mark >= 0 && sg[i].mark == a->focus) {
				*cy = y + 1;
				*cx = x;
			}
			x += ui_put(y + 1, x, p->text + sg[i].start, sg[i].end - sg[i].start,
			            u->cols - x, sa);
		}
		if (sg != segs)
			free(sg);
		if (s->pos.top + (size_t)y == fl && a->focus >= 0 &&
		    a->v.marks[a->focus].kind == UI_MARK_STMT) {
			*cy = y + 1;
			*cx = m;
		}
	}
	free(s->right);
	s->right = xasprintf("%zu%%", a->v.nlines <= (size_t)h ? (size_t)100
	                              : (s->pos.top + (size_t)h) * 100 / a->v.nlines > 100
	                                  ? (size_t)100
	                                  : (s->pos.top + (size_t)h) * 100 / a->v.nlines);
}

/* Scrolls so that line l shows, a third of the way down when it was off screen. */
static void
ui_art_show_line(struct ui *u, struct ui_art *a, size_t l)
{
	size_t h = (size_t)ui_body_rows(u);

	if (l >= a->s.pos.top && l < a->s.pos.top + h)
		return;
	a->s.pos.top = l > h / 3 ? l - h / 3 : 0;
}

static void
ui_art_jump(struct ui *u, struct ui_art *a, enum ui_mark_kind kind, int dir)
{
	long m;
	size_t h = (size_t)ui_body_rows(u);
	int visible = 0;

	if (a->focus >= 0) {
		size_t fl = ui_article_mark_line(&a->v, (size_t)a->focus);

		visible = fl >= a->s.pos.top && fl < a->s.pos.top + h;
	}
	if (visible)
		m = ui_article_next_mark(&a->v, a->focus, kind, dir);
	else
		m = ui_article_mark_near(&a->v, dir > 0 ? a->s.pos.top : a->s.pos.top + h - 1, kind,
		                         dir);
	if (m < 0) {
		ui_say(u, 0, "no %s %s", kind == UI_MARK_ENTITY ? "entity" : "statement",
		       dir > 0 ? "below" : "above");
		return;
	}
	a->focus = m;
	ui_art_show_line(u, a, ui_article_mark_line(&a->v, (size_t)m));
	if (kind == UI_MARK_ENTITY) {
		const struct ana_entity *e = &a->v.ana.ents[a->v.marks[m].entity];

		ui_say(u, 0, "%s (%s)", e->name, ent_kind_name(e->kind));
	} else {
		const struct ui_mark *mk = &a->v.marks[m];
		const struct ana_statement *st = &a->v.ana.stmts[mk->src];
		const char *who = mk->speaker >= 0   ? a->v.ana.ents[mk->speaker].name
		                  : st->speaker_text ? st->speaker_text
		                                     : "unknown speaker";

		ui_say(u, 0, "%s %s%s%s", who, st->direct ? "said (quoted)" : "said (reported)",
		       st->cue ? ", cue: " : "", st->cue ? st->cue : "");
	}
}

/* Returns the focused entity mark, or NULL after saying what to do. */
static const struct ui_mark *
ui_art_entity(struct ui *u, struct ui_art *a)
{
	if (a->focus < 0 || a->v.marks[a->focus].kind != UI_MARK_ENTITY) {
		ui_say(u, 1, "move to an entity first (e / E)");
		return NULL;
	}
	return &a->v.marks[a->focus];
}

static void
ui_art_decide(struct ui *u, struct ui_art *a, enum ui_action act)
{
	const struct ui_mark *m = ui_art_entity(u, a);
	const char *name, *what;
	char *value = NULL, *q;

	if (m == NULL)
		return;
	name = a->v.ana.ents[m->entity].name;
	switch (act) {
	case UI_A_CONFIRM:
		what = "confirm";
		break;
	case UI_A_REJECT:
		what = "reject";
		break;
	case UI_A_KIND:
		what = "kind";
		q = xasprintf("Kind of %s (company agency country place person org):", name);
		value = ui_prompt(u, q, ent_kind_name(a->v.ana.ents[m->entity].kind));
		free(q);
		if (value == NULL)
			return;
		if (ent_kind_parse(value) < 0) {
			ui_say(u, 1, "'%s' is not a kind", value);
			free(value);
			return;
		}
		break;
	case UI_A_MERGE:
		what = "merge";
		q = xasprintf("Merge %s into:", name);
		value = ui_prompt(u, q, NULL);
		free(q);
		if (value == NULL || value[0] == '\0') {
			free(value);
			return;
		}
		break;
	default:
		what = "alias";
		q = xasprintf("Another name for %s:", name);
		value = ui_prompt(u, q, NULL);
		free(q);
		if (value == NULL || value[0] == '\0') {
			free(value);
			return;
		}
		break;
	}
	/* a rejection holds in this article; the others are about the entity itself */
	if (ui_user_decide(u, act == UI_A_REJECT ? a->id : 0, name, what, value) == 0)
		ui_art_reload(u, a);
	free(value);
}

static void
ui_art_note(struct ui *u, struct ui_art *a, int editor)
{
	size_t para, start, end;
	long src;
	const struct ui_para *p;
	char *body, *quote, *about;

	if (a->focus >= 0) {
		const struct ui_mark *m = &a->v.marks[a->focus];

		para = m->para;
		start = m->start;
		end = m->para_end == m->para ? m->end : strlen(a->v.paras[para].text);
	} else {
		para = a->s.pos.top < a->v.nlines ? a->v.lines[a->s.pos.top].para : 0;
		start = 0;
		end = strlen(a->v.paras[para].text);
	}
	p = &a->v.paras[para];
	src = p->src;
	if ((p->role != UI_ROLE_BODY && p->role != UI_ROLE_HEADLINE) || src < 0) {
		ui_say(u, 1, "scroll to a paragraph, or move to a statement (s), first");
		return;
	}
	quote = xstrndup(p->text + start, end - start);
	if (editor) {
		about = xasprintf("On: %.200s", quote);
		body = ui_edit(u, NULL, about);
		free(about);
	} else
		body = ui_prompt(u, "Note:", NULL);
	if (body != NULL && body[0] != '\0' &&
	    ui_user_note_add(u, a->id, (size_t)src, start, end, body) == 0) {
		ui_say(u, 0, "note added");
		ui_art_reload(u, a);
	}
	free(body);
	free(quote);
}

static void
ui_art_open_link(struct ui *u, struct ui_art *a)
{
	char *ans, *end, q[64];
	long n;

	if (a->v.nlinks == 0) {
		ui_say(u, 1, "this article has no numbered links");
		return;
	}
	snprintf(q, sizeof(q), "Open link (1-%zu):", a->v.nlinks);
	if ((ans = ui_prompt(u, q, NULL)) == NULL)
		return;
	n = strtol(ans, &end, 10);
	if (*ans == '\0' || *end != '\0' || n < 1 || (size_t)n > a->v.nlinks) {
		ui_say(u, 1, "no link '%s'", ans);
		free(ans);
		return;
	}
	free(ans);
	/* the links are the last paragraphs: "[n] url" */
	{
		const char *t = a->v.paras[a->v.npara - a->v.nlinks + (size_t)n - 1].text;
		const char *sp = strchr(t, ' ');

		ui_open_url(u, sp ? sp + 1 : t);
	}
}

/* Replaces the article shown by article id (after n, N, J, K). */
static void
ui_art_switch(struct ui *u, struct ui_art *a, int64_t id)
{
	a->id = id;
	a->anchor_src = -1;
	if (ui_art_load(u, a) == 0)
		ui_art_layout(u, a);
}

/* The list below, if it is still on the stack. */
static struct ui_screen *
ui_art_list(struct ui *u, struct ui_art *a)
{
	return a->list != NULL && ui_below(u, &a->s) == a->list ? a->list : NULL;
}

static int
ui_art_act(struct ui *u, struct ui_screen *s, enum ui_action act)
{
	struct ui_art *a = (struct ui_art *)s;
	size_t h = (size_t)ui_body_rows(u), last;
	struct ui_screen *list = ui_art_list(u, a);
	char *cause = NULL;
	int64_t id;

	last = s->pos.n > h ? s->pos.n - h : 0;
	switch (act) {
	case UI_A_UP:
		if (s->pos.top > 0)
			s->pos.top--;
		return 1;
	case UI_A_DOWN:
		if (s->pos.top < last)
			s->pos.top++;
		return 1;
	case UI_A_PGUP:
		s->pos.top = s->pos.top > h - 1 ? s->pos.top - (h - 1) : 0;
		return 1;
	case UI_A_PGDN:
		s->pos.top = s->pos.top + h - 1 < last ? s->pos.top + h - 1 : last;
		return 1;
	case UI_A_HOME:
		s->pos.top = 0;
		return 1;
	case UI_A_END:
		s->pos.top = last;
		return 1;
	case UI_A_NEXT_ENTITY:
	case UI_A_PREV_ENTITY:
		ui_art_jump(u, a, UI_MARK_ENTITY, act == UI_A_NEXT_ENTITY ? 1 : -1);
		return 1;
	case UI_A_NEXT_STMT:
	case UI_A_PREV_STMT:
		ui_art_jump(u, a, UI_MARK_STMT, act == UI_A_NEXT_STMT ? 1 : -1);
		return 1;
	case UI_A_FOLD:
		if (ui_article_ndup(&a->v) == 0) {
			ui_say(u, 0, "no repeated paragraphs in this article");
			return 1;
		}
		a->v.unfolded = !a->v.unfolded;
		ui_art_layout(u, a);
		ui_say(u, 0, "%zu repeated paragraphs %s", ui_article_ndup(&a->v),
		       a->v.unfolded ? "shown (marked dup)" : "folded");
		return 1;
	case UI_A_OPEN_LINK:
		ui_art_open_link(u, a);
		return 1;
	case UI_A_OPEN_URL:
		ui_open_url(u, a->url);
		return 1;
	case UI_A_TOGGLE_UNREAD:
		if (store_article_set_unread(u->st, a->id, 1, &cause) != 0) {
			ui_say(u, 1, "%s", cause);
			free(cause);
		} else
			ui_say(u, 0, "marked unread");
		return 1;
	case UI_A_TAG:
		if (ui_user_tag_prompt(u, a->id))
			ui_art_reload(u, a); /* the tags are on the meta line */
		return 1;
	case UI_A_NEXT_ARTICLE:
	case UI_A_PREV_ARTICLE:
	case UI_A_NEXT_UNREAD:
	case UI_A_PREV_UNREAD:
		if (list == NULL) {
			ui_say(u, 1, "this article was not opened from a list");
			return 1;
		}
		id = ui_list_step(u, list,
		                  act == UI_A_NEXT_ARTICLE || act == UI_A_NEXT_UNREAD ? 1 : -1,
		                  act == UI_A_NEXT_UNREAD || act == UI_A_PREV_UNREAD);
		if (id == 0)
			ui_say(u, 0, "no more articles that way");
		else
			ui_art_switch(u, a, id);
		return 1;
	case UI_A_CONFIRM:
	case UI_A_REJECT:
	case UI_A_KIND:
	case UI_A_MERGE:
	case UI_A_ALIAS:
		ui_art_decide(u, a, act);
		return 1;
	case UI_A_NOTE:
	case UI_A_NOTE_EDITOR:
		ui_art_note(u, a, act == UI_A_NOTE_EDITOR);
		return 1;
	default:
		return 0;
	}
}

static void
ui_art_click(struct ui *u, struct ui_screen *s, int y)
{
	struct ui_art *a = (struct ui_art *)s;
	size_t l = s->pos.top + (size_t)(y - 1), i;

	if (l >= a->v.nlines)
		return;
	if (a->v.lines[l].kind == UI_LINE_FOLD) {
		ui_art_act(u, s, UI_A_FOLD);
		return;
	}
	/* a click on a line focuses its first highlight */
	for (i = 0; i < a->v.nmarks; i++)
		if (ui_article_mark_line(&a->v, i) == l) {
			a->focus = (long)i;
			return;
		}
}

static void
ui_art_hint_ctx(struct ui *u, struct ui_screen *s, struct ui_hint_ctx *c)
{
	struct ui_art *a = (struct ui_art *)s;

	(void)u;
	if (a->focus >= 0 && (size_t)a->focus < a->v.nmarks)
		c->focus = a->v.marks[a->focus].kind == UI_MARK_ENTITY ? 1 : 2;
	c->folds = ui_article_ndup(&a->v) > 0;
	c->links = a->v.nlinks > 0;
}

static void
ui_art_free(struct ui_screen *s)
{
	struct ui_art *a = (struct ui_art *)s;

	ui_article_free(&a->v);
	free(a->url);
	free(s->title);
	free(s->right);
	free(a);
}

struct ui_screen *
ui_article_new(struct ui *u, int64_t id, struct ui_screen *list, size_t para)
{
	struct ui_art *a = xcalloc(1, sizeof(*a));
	char *cause = NULL;
	size_t i;

	a->s.view = UI_V_ARTICLE;
	a->s.draw = ui_art_draw;
	a->s.act = ui_art_act;
	a->s.click = ui_art_click;
	a->s.hint_ctx = ui_art_hint_ctx;
	a->s.free = ui_art_free;
	a->id = id;
	a->list = list;
	a->focus = -1;
	a->anchor_src = -1;
	a->s.title = xstrdup("");
	if (store_article_set_unread(u->st, id, 0, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
	}
	ui_art_load(u, a);
	ui_art_layout(u, a);
	if (para != (size_t)-1) {
		/* opened on a statement: start there */
		for (i = 0; i < a->v.nmarks; i++)
			if (a->v.marks[i].kind == UI_MARK_STMT &&
			    a->v.paras[a->v.marks[i].para].src == (long)para) {
				a->focus = (long)i;
				ui_art_show_line(u, a, ui_article_mark_line(&a->v, i));
				break;
			}
	}
	return &a->s;
}
