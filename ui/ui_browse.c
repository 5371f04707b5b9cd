/* ui_browse.c - the entity browser, one entity's articles and statements, the
 * statement browser (who said what), and the key help. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "storage/browse.h"
#include "storage/user.h"
#include "ui/ui.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* Returns a cleaned copy the caller owns, or NULL for NULL. */
static char *
ui_dup_clean(const char *s)
{
	char *r, *c;

	if (s == NULL)
		return NULL;
	r = utf8_repair(s, strlen(s), NULL);
	c = utf8_sanitize(r, 0);
	free(r);
	return c;
}

static void
ui_click_row(struct ui *u, struct ui_screen *s, int y, int dbl)
{
	size_t i = s->pos.top + (size_t)(y - 1);

	if (i >= s->pos.n)
		return;
	if (i == s->pos.cur || dbl) {
		s->pos.cur = i;
		s->act(u, s, UI_A_OPEN);
	} else
		s->pos.cur = i;
}

/* --- entities by kind --- */

struct ui_ent {
	int64_t id;
	char *name, *kind;
	size_t mentions, articles, statements;
};

struct ui_ents {
	struct ui_screen s;
	struct ui_ent *v;
	size_t n;
	int kind; /* -1 = all */
};

static int
ui_ents_row(const struct store_entity *r, void *arg)
{
	struct ui_ents *e = arg;
	struct ui_ent *x;

	e->v = xreallocarray(e->v, e->n + 1, sizeof(*e->v));
	x = &e->v[e->n++];
	x->id = r->id;
	x->name = ui_dup_clean(r->name);
	x->kind = ui_dup_clean(r->kind);
	x->mentions = (size_t)r->mentions;
	x->articles = (size_t)r->articles;
	x->statements = (size_t)r->statements;
	return 0;
}

static void
ui_ents_clear(struct ui_ents *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].name);
		free(e->v[i].kind);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

static void
ui_ents_load(struct ui *u, struct ui_screen *s)
{
	struct ui_ents *e = (struct ui_ents *)s;
	char *cause = NULL;
	const char *kind = e->kind >= 0 ? ent_kind_name((enum ent_kind)e->kind) : NULL;

	ui_ents_clear(e);
	if (store_entity_list(u->st, kind, ui_ents_row, e, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
	}
	s->pos.n = e->n;
	ui_listpos_fit(&s->pos, ui_body_rows(u));
	free(s->title);
	s->title = xasprintf("Entities: %s (%zu)", kind ? kind : "all kinds", e->n);
	free(s->right);
	s->right = xstrdup("mentions · articles · statements");
}

static void
ui_ents_row_draw(struct ui *u, struct ui_screen *s, size_t i, int y, int focused)
{
	struct ui_ents *e = (struct ui_ents *)s;
	struct ui_ent *r = &e->v[i];
	int base = focused ? ui_attr(u, UI_EL_CURSOR) : 0, x = 2, k;
	char counts[64];

	if (focused)
		ui_fill(y, 0, base);
	k = ent_kind_parse(r->kind);
	snprintf(counts, sizeof(counts), "%6zu %6zu %6zu", r->mentions, r->articles, r->statements);
	x += ui_put(y, x, counts, strlen(counts), u->cols - x,
	            focused ? base : ui_attr(u, UI_EL_COUNT));
	x += 2;
	ui_put(y, x, r->kind, strlen(r->kind), 8, focused ? base : ui_attr(u, UI_EL_META));
	x += 9;
	ui_put(y, x, r->name, strlen(r->name), u->cols - x - 1,
	       focused ? base : ui_attr(u, (enum ui_elem)(UI_EL_COMPANY + (k >= 0 ? k : ENT_ORG))));
}

static void
ui_ents_draw(struct ui *u, struct ui_screen *s, int *cy, int *cx)
{
	if (s->pos.n == 0)
		ui_put(2, 2, "No entities here.", 17, u->cols - 3, 0);
	ui_draw_list(u, s, ui_ents_row_draw, cy, cx);
}

static int
ui_ents_act(struct ui *u, struct ui_screen *s, enum ui_action a)
{
	struct ui_ents *e = (struct ui_ents *)s;

	switch (a) {
	case UI_A_OPEN:
		if (s->pos.cur < e->n)
			ui_push(u, ui_entity_new(u, e->v[s->pos.cur].id, e->v[s->pos.cur].name,
			                         e->v[s->pos.cur].kind));
		return 1;
	case UI_A_FILTER_KIND:
		e->kind = e->kind + 1 >= ENT_NKINDS ? -1 : e->kind + 1;
		s->pos.cur = s->pos.top = 0;
		ui_ents_load(u, s);
		return 1;
	default:
		return ui_list_move(u, s, a);
	}
}

static void
ui_ents_free(struct ui_screen *s)
{
	ui_ents_clear((struct ui_ents *)s);
	free(s->title);
	free(s->right);
	free(s);
}

struct ui_screen *
ui_entities_new(struct ui *u)
{
	struct ui_ents *e = xcalloc(1, sizeof(*e));

	e->s.view = UI_V_ENTITIES;
	e->s.draw = ui_ents_draw;
	e->s.act = ui_ents_act;
	e->s.click = ui_click_row;
	e->s.reload = ui_ents_load;
	e->s.free = ui_ents_free;
	e->kind = -1;
	ui_ents_load(u, &e->s);
	return &e->s;
}

/* --- statements: all of them by speaker, or one entity's with its articles --- */

struct ui_srow {
	int is_article; /* an article row (one entity's screen) or a statement */
	int heading;    /* a section heading, not selectable */
	int64_t article;
	size_t para;
	char *speaker, *text, *title;
	int direct;
	int64_t time;
};

struct ui_stmts {
	struct ui_screen s;
	int64_t entity; /* 0: every statement, paged */
	char *name;
	struct ui_srow *v; /* all rows (one entity), or a page from off */
	size_t n, off;
	size_t total;
};

static void
ui_stmts_clear(struct ui_stmts *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].speaker);
		free(t->v[i].text);
		free(t->v[i].title);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

static struct ui_srow *
ui_stmts_add(struct ui_stmts *t)
{
	t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
	memset(&t->v[t->n], 0, sizeof(t->v[0]));
	return &t->v[t->n++];
}

static int
ui_stmts_row(const struct store_stmt_row *r, void *arg)
{
	struct ui_srow *x = ui_stmts_add(arg);

	x->article = r->article_id;
	x->para = r->para;
	x->speaker = ui_dup_clean(r->speaker ? r->speaker : "?");
	x->text = ui_dup_clean(r->text);
	x->title = ui_dup_clean(r->title);
	x->direct = r->direct;
	x->time = r->time;
	return 0;
}

/* One statement of an entity's screen. */
static int
ui_stmts_said(const struct store_statement *r, void *arg)
{
	struct ui_srow *x = ui_stmts_add(arg);

	x->article = r->article_id;
	x->para = r->para >= 0 ? (size_t)r->para : (size_t)-1;
	x->speaker = ui_dup_clean(r->speaker ? r->speaker : "?");
	x->text = ui_dup_clean(r->text);
	x->title = ui_dup_clean(r->article_title);
	x->direct = r->direct;
	return 0;
}

static int
ui_stmts_article(const struct store_row *r, void *arg)
{
	struct ui_srow *x = ui_stmts_add(arg);

	x->is_article = 1;
	x->article = r->id;
	x->para = (size_t)-1;
	x->title = ui_dup_clean(r->title);
	x->time = r->time;
	return 0;
}

/* Makes row i of the paged list of all statements available. */
static struct ui_srow *
ui_stmts_get(struct ui *u, struct ui_stmts *t, size_t i)
{
	char *cause = NULL;
	size_t h = (size_t)ui_body_rows(u);

	if (t->entity != 0)
		return i < t->n ? &t->v[i] : NULL;
	if (i < t->off || i >= t->off + t->n) {
		ui_stmts_clear(t);
		t->off = i > h ? i - h : 0;
		if (store_browse_stmts(u->st, t->off, 3 * h, ui_stmts_row, t, &cause) != 0) {
			ui_say(u, 1, "%s", cause);
			free(cause);
		}
	}
	return i >= t->off && i < t->off + t->n ? &t->v[i - t->off] : NULL;
}

static void
ui_stmts_load(struct ui *u, struct ui_screen *s)
{
	struct ui_stmts *t = (struct ui_stmts *)s;
	struct ui_srow *x;
	struct store_filter f;
	int64_t *ids = NULL;
	size_t nids = 0, nst = 0;
	char *cause = NULL;

	ui_stmts_clear(t);
	t->off = 0;
	free(s->title);
	if (t->entity == 0) {
		if (store_browse_stmt_count(u->st, &t->total, &cause) != 0)
			goto fail;
		s->pos.n = t->total;
		s->title = xasprintf("Who said what (%zu statements)", t->total);
		ui_listpos_fit(&s->pos, ui_body_rows(u));
		return;
	}
	x = ui_stmts_add(t);
	x->heading = 1;
	if (store_statement_list(u->st, 0, t->entity, ui_stmts_said, t, &cause) != 0)
		goto fail;
	nst = t->n - 1;
	x = &t->v[0];
	x->text = xasprintf("Statements by %s (%zu)", t->name, nst);
	if (store_entity_articles(u->st, t->entity, &ids, &nids, &cause) != 0)
		goto fail;
	if (nst == 0) {
		/* no statements: no heading for them either */
		free(t->v[0].text);
		t->n = 0;
	}
	x = ui_stmts_add(t);
	x->heading = 1;
	x->text = xasprintf("Articles that mention %s (%zu)", t->name, nids);
	if (nids > 0) {
		memset(&f, 0, sizeof(f));
		f.ids = ids;
		f.nids = nids;
		if (store_article_list(u->st, &f, 0, 0, ui_stmts_article, t, &cause) != 0)
			goto fail;
	}
	free(ids);
	s->pos.n = t->n;
	s->title = xasprintf("%s: %zu statements, %zu articles", t->name, nst, nids);
	if (s->pos.cur == 0 && t->n > 1)
		s->pos.cur = 1;
	ui_listpos_fit(&s->pos, ui_body_rows(u));
	return;
fail:
	free(ids);
	s->title = xstrdup(t->name ? t->name : "Statements");
	ui_say(u, 1, "%s", cause);
	free(cause);
	s->pos.n = t->n;
}

static void
ui_stmts_row_draw(struct ui *u, struct ui_screen *s, size_t i, int y, int focused)
{
	struct ui_stmts *t = (struct ui_stmts *)s;
	struct ui_srow *r = ui_stmts_get(u, t, i);
	int base = focused ? ui_attr(u, UI_EL_CURSOR) : 0, x = 2, sw;
	char date[32], *q;

	if (r == NULL)
		return;
	if (focused)
		ui_fill(y, 0, base);
	if (r->heading) {
		ui_put(y, 1, r->text, strlen(r->text), u->cols - 2,
		       focused ? base : ui_attr(u, UI_EL_HEADLINE));
		return;
	}
	ui_date(r->time, 0, date, sizeof(date));
	x += ui_put(y, x, date, strlen(date), u->cols - x, focused ? base : ui_attr(u, UI_EL_DATE));
	x += 2;
	if (r->is_article) {
		ui_put(y, x, r->title, strlen(r->title), u->cols - x - 1, base);
		return;
	}
	if (t->entity == 0) {
		sw = u->cols / 5;
		sw = sw < 10 ? 10 : sw > 30 ? 30 : sw;
		ui_put(y, x, r->speaker, strlen(r->speaker), sw,
		       focused ? base : ui_attr(u, UI_EL_SPEAKER));
		x += sw + 1;
	}
	x += ui_put(y, x, "▸ ", strlen("▸ "), 2, focused ? base : ui_attr(u, UI_EL_SPEAKER));
	q = xasprintf(r->direct ? "“%s”" : "%s", r->text);
	x += ui_put(y, x, q, strlen(q), u->cols - x - 1,
	            focused ? base : ui_attr(u, UI_EL_STATEMENT));
	free(q);
	if (x < u->cols - 12) {
		q = xasprintf("  — %s", r->title);
		ui_put(y, x, q, strlen(q), u->cols - x - 1,
		       focused ? base : ui_attr(u, UI_EL_META));
		free(q);
	}
}

static void
ui_stmts_draw(struct ui *u, struct ui_screen *s, int *cy, int *cx)
{
	if (s->pos.n == 0)
		ui_put(2, 2, "No statements here.", 19, u->cols - 3, 0);
	ui_draw_list(u, s, ui_stmts_row_draw, cy, cx);
}

static int
ui_stmts_act(struct ui *u, struct ui_screen *s, enum ui_action a)
{
	struct ui_stmts *t = (struct ui_stmts *)s;
	struct ui_srow *r;

	if (a == UI_A_OPEN) {
		r = s->pos.n ? ui_stmts_get(u, t, s->pos.cur) : NULL;
		if (r != NULL && !r->heading)
			ui_push(u, ui_article_new(u, r->article, NULL, r->para));
		return 1;
	}
	if (!ui_list_move(u, s, a))
		return 0;
	/* headings are passed over, in the direction of the move */
	if (t->entity != 0 && s->pos.cur < t->n && t->v[s->pos.cur].heading) {
		int up = a == UI_A_UP || a == UI_A_PGUP || a == UI_A_END;

		if (up && s->pos.cur > 0)
			ui_listpos_move(&s->pos, -1, ui_body_rows(u));
		else if (s->pos.cur + 1 < t->n)
			ui_listpos_move(&s->pos, 1, ui_body_rows(u));
	}
	return 1;
}

static void
ui_stmts_free(struct ui_screen *s)
{
	struct ui_stmts *t = (struct ui_stmts *)s;

	ui_stmts_clear(t);
	free(t->name);
	free(s->title);
	free(s->right);
	free(t);
}

static struct ui_stmts *
ui_stmts_alloc(enum ui_view v)
{
	struct ui_stmts *t = xcalloc(1, sizeof(*t));

	t->s.view = v;
	t->s.draw = ui_stmts_draw;
	t->s.act = ui_stmts_act;
	t->s.click = ui_click_row;
	t->s.reload = ui_stmts_load;
	t->s.free = ui_stmts_free;
	return t;
}

struct ui_screen *
ui_stmts_new(struct ui *u)
{
	struct ui_stmts *t = ui_stmts_alloc(UI_V_STATEMENTS);

	t->s.right = xstrdup("by speaker");
	ui_stmts_load(u, &t->s);
	return &t->s;
}

struct ui_screen *
ui_entity_new(struct ui *u, int64_t id, const char *name, const char *kind)
{
	struct ui_stmts *t = ui_stmts_alloc(UI_V_ENTITY);

	t->entity = id;
	t->name = xstrdup(name);
	t->s.right = xstrdup(kind);
	ui_stmts_load(u, &t->s);
	return &t->s;
}

/* --- help --- */

struct ui_help {
	struct ui_screen s;
	char **lines;
	size_t n;
};

static void
ui_help_add(struct ui_help *h, char *line)
{
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof(*h->lines));
	h->lines[h->n++] = line;
}

static void
ui_help_row(struct ui *u, struct ui_screen *s, size_t i, int y, int focused)
{
	struct ui_help *h = (struct ui_help *)s;
	const char *l = h->lines[i];

	ui_put(y, 1, l, strlen(l), u->cols - 2,
	       focused       ? ui_attr(u, UI_EL_CURSOR)
	       : l[0] != ' ' ? ui_attr(u, UI_EL_HEADLINE)
	                     : 0);
}

static void
ui_help_draw(struct ui *u, struct ui_screen *s, int *cy, int *cx)
{
	ui_draw_list(u, s, ui_help_row, cy, cx);
}

static int
ui_help_act(struct ui *u, struct ui_screen *s, enum ui_action a)
{
	return ui_list_move(u, s, a);
}

static void
ui_help_free(struct ui_screen *s)
{
	struct ui_help *h = (struct ui_help *)s;
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(s->title);
	free(s->right);
	free(h);
}

struct ui_screen *
ui_help_new(struct ui *u, enum ui_view v)
{
	struct ui_help *h = xcalloc(1, sizeof(*h));
	char keys[128];
	size_t i;

	h->s.view = UI_V_HELP;
	h->s.draw = ui_help_draw;
	h->s.act = ui_help_act;
	h->s.free = ui_help_free;
	h->s.title = xasprintf("Keys of the %s screen", ui_view_name(v));
	h->s.right = xstrdup("q: back");
	for (i = 1; i < UI_NACTIONS; i++) {
		if (ui_keymap_keys(&u->cfg.keys, v, (enum ui_action)i, keys, sizeof(keys)) == 0)
			continue;
		ui_help_add(h, xasprintf("  %-18s %-16s %s", keys, ui_action_info(i)->name,
		                         ui_action_info(i)->help));
	}
	ui_help_add(h, xstrdup(""));
	ui_help_add(h, xstrdup("Change a key in the config file with: bind KEY ACTION [VIEW]"));
	if (u->cfg.nmsgs > 0) {
		ui_help_add(h, xstrdup(""));
		ui_help_add(h, xstrdup("Config and theme problems:"));
		for (i = 0; i < u->cfg.nmsgs; i++)
			ui_help_add(h, xasprintf("  %s", u->cfg.msgs[i]));
	}
	h->s.pos.n = h->n;
	return &h->s;
}
