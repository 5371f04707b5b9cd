/* ui_browse.c - the entity browser, the speakers (who said what), one
 * entity's statements and articles, and the key help. Counts over the whole
 * store are taken in idle time, a few rows at a time. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "storage/browse.h"
#include "ui/ui.h"
#include "ui/ui_user.h"
#include "util/xmalloc.h"

static void
ui_click_row(struct ui *u, struct ui_screen *s, int y)
{
	size_t i = s->pos.top + (size_t)(y - 1);

	if (i >= s->pos.n)
		return;
	if (i == s->pos.cur) {
		s->pos.cur = i;
		s->act(u, s, UI_A_OPEN);
	} else
		s->pos.cur = i;
}

/* --- entities by kind, and speakers --- */

struct ui_ent {
	int64_t id;
	char *name, *kind;
	size_t mentions, articles, statements;
	int known; /* the counts are taken */
};

struct ui_ents {
	struct ui_screen s;
	struct ui_ent *v;
	size_t n;
	int kind;      /* -1 = all */
	int speakers;  /* the speakers screen: those who said something */
	size_t next;   /* the next row to count */
	int64_t below; /* speakers: row next is counted below this statement id */
};

static int
ui_ents_row(const struct store_entity_row *r, void *arg)
{
	struct ui_ents *e = arg;
	struct ui_ent *x;

	e->v = xreallocarray(e->v, e->n + 1, sizeof(*e->v));
	x = &e->v[e->n++];
	memset(x, 0, sizeof(*x));
	x->id = r->id;
	x->name = ui_clean_dup(r->name);
	x->kind = ui_clean_dup(r->kind);
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

/* Lists the entities; their counts come a few at a time in ui_ents_idle. */
static void
ui_ents_load(struct ui *u, struct ui_screen *s)
{
	struct ui_ents *e = (struct ui_ents *)s;
	char *cause = NULL;
	const char *kind = e->kind >= 0 ? ent_kind_name((enum ent_kind)e->kind) : NULL;
	struct ui_ent *x;

	ui_ents_clear(e);
	if (e->speakers) {
		/* statements whose speaker was not resolved to an entity */
		e->v = xcalloc(1, sizeof(*e->v));
		x = &e->v[e->n++];
		x->name = xstrdup("(speaker not resolved)");
		x->kind = xstrdup("");
	}
	if (store_browse_entities(u->st, kind, e->speakers, ui_ents_row, e, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
	}
	e->next = 0;
	e->below = INT64_MAX;
	s->busy = 1;
	s->pos.n = e->n;
	ui_listpos_fit(&s->pos, ui_body_rows(u));
	free(s->title);
	if (e->speakers)
		s->title = xasprintf("Who said what: %zu speakers", e->n - 1);
	else
		s->title = xasprintf("Entities: %s (%zu)", kind ? kind : "all kinds", e->n);
	free(s->right);
	s->right = xstrdup(e->speakers ? "statements" : "mentions · articles · statements");
}

static void
ui_ents_reload(struct ui *u, struct ui_screen *s, int full)
{
	if (full)
		ui_ents_load(u, s);
}

/* Counts a few more rows; returns 1 while some are left. Statements are
 * counted a part at a time (50,000 index entries a step, a few
 * milliseconds), so that a key is never kept waiting long. */
static int
ui_ents_idle(struct ui *u, struct ui_screen *s)
{
	struct ui_ents *e = (struct ui_ents *)s;
	char *cause = NULL;
	size_t done = 0, before, budget = 50000;
	int rc, all = 1, mentions = 0;

	while (e->next < e->n && done < 4 && budget > 0) {
		struct ui_ent *x = &e->v[e->next];

		rc = 0;
		if (!e->speakers && e->below == INT64_MAX) {
			/* one entity's mentions a step: as many index entries as articles */
			if (mentions++ > 0)
				break;
			rc = store_browse_entity_counts(u->st, x->id, &x->mentions, &x->articles,
			                                NULL, &cause);
			budget -= x->articles < budget ? x->articles : budget - 1;
		}
		before = x->statements;
		if (rc == 0)
			rc = store_browse_said_count_some(u->st, x->id, &e->below, budget,
			                                  &x->statements, &all, &cause);
		budget -= x->statements - before < budget ? x->statements - before : budget;
		if (rc == 0 && !all)
			continue; /* the budget is spent: go on next time */
		e->next++;
		e->below = INT64_MAX;
		done++;
		if (rc != 0) {
			ui_say(u, 1, "%s", cause);
			free(cause);
			e->next = e->n;
			return 0;
		}
		x->known = 1;
	}
	return e->next < e->n;
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
	if (e->speakers && r->known)
		snprintf(counts, sizeof(counts), "%6zu", r->statements);
	else if (e->speakers)
		snprintf(counts, sizeof(counts), "%6s", "…");
	else if (r->known)
		snprintf(counts, sizeof(counts), "%6zu %6zu %6zu", r->mentions, r->articles,
		         r->statements);
	else
		snprintf(counts, sizeof(counts), "%6s %6s %6s", "…", "", "");
	x += ui_put(y, x, counts, strlen(counts), u->cols - x,
	            focused ? base : ui_attr(u, UI_EL_COUNT));
	x += 2;
	ui_put(y, x, r->kind, strlen(r->kind), 8, focused ? base : ui_attr(u, UI_EL_META));
	x += 9;
	ui_put(y, x, r->name, strlen(r->name), u->cols - x - 1,
	       focused      ? base
	       : r->id == 0 ? ui_attr(u, UI_EL_META)
	                    : ui_attr(u, (enum ui_elem)(UI_EL_COMPANY + (k >= 0 ? k : ENT_ORG))));
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
	struct ui_ent *x = s->pos.cur < e->n ? &e->v[s->pos.cur] : NULL;

	switch (a) {
	case UI_A_OPEN:
		if (x != NULL)
			ui_push(u, ui_entity_new(u, x->id, x->name, x->kind,
			                         x->known ? &x->statements : NULL));
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

static struct ui_screen *
ui_ents_new(struct ui *u, int speakers)
{
	struct ui_ents *e = xcalloc(1, sizeof(*e));

	e->s.view = speakers ? UI_V_STATEMENTS : UI_V_ENTITIES;
	e->s.draw = ui_ents_draw;
	e->s.act = ui_ents_act;
	e->s.click = ui_click_row;
	e->s.reload = ui_ents_reload;
	e->s.idle = ui_ents_idle;
	e->s.free = ui_ents_free;
	e->kind = -1;
	e->speakers = speakers;
	ui_ents_load(u, &e->s);
	return &e->s;
}

struct ui_screen *
ui_entities_new(struct ui *u)
{
	return ui_ents_new(u, 0);
}

struct ui_screen *
ui_stmts_new(struct ui *u)
{
	return ui_ents_new(u, 1);
}

/* --- one entity: a row to list its articles, then what it said, paged --- */

#define UI_SAID_FIRST 2 /* rows before the statements */

struct ui_said {
	int64_t article;
	size_t para;
	char *text, *title;
	int direct;
	int64_t time;
};

struct ui_entity {
	struct ui_screen s;
	int64_t id; /* 0: statements whose speaker is not resolved */
	char *name;
	size_t nsaid;
	/* counting nsaid in idle time (300,000 statements take tens of ms):
	 * the count so far, and the statement ids below which to go on */
	int counting;
	int64_t below;
	int to_end;        /* End was pressed while counting: go there once counted */
	struct ui_said *v; /* statements off .. off + n - 1 */
	size_t off, n;
};

static void
ui_entity_drop(struct ui_entity *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].text);
		free(t->v[i].title);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

static int
ui_entity_said(const struct store_stmt_row *r, void *arg)
{
	struct ui_entity *t = arg;
	struct ui_said *x;

	t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
	x = &t->v[t->n++];
	x->article = r->article_id;
	x->para = r->para;
	x->text = ui_clean_dup(r->text);
	x->title = ui_clean_dup(r->title ? r->title : "");
	x->direct = r->direct;
	x->time = r->time;
	return 0;
}

/* Returns statement i (0-based), reading the page around it when needed. */
static struct ui_said *
ui_entity_get(struct ui *u, struct ui_entity *t, size_t i)
{
	size_t h = (size_t)ui_body_rows(u);
	char *cause = NULL;

	if (i < t->off || i >= t->off + t->n) {
		ui_entity_drop(t);
		t->off = i > h ? i - h : 0;
		/* the end is not known while counting: read forwards */
		if (store_browse_said(u->st, t->id, t->counting ? 0 : t->nsaid, t->off, 3 * h,
		                      ui_entity_said, t, &cause) != 0) {
			ui_say(u, 1, "%s", cause);
			free(cause);
		}
	}
	return i >= t->off && i < t->off + t->n ? &t->v[i - t->off] : NULL;
}

/* Counts up to max more statements (0: all that are left) and titles the
 * screen; returns 1 while some are left to count. */
static int
ui_entity_count_some(struct ui *u, struct ui_entity *t, size_t max)
{
	char *cause = NULL;
	int done = 1;

	if (t->counting && store_browse_said_count_some(u->st, t->id, &t->below, max, &t->nsaid,
	                                                &done, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
	}
	t->counting = !done;
	t->s.pos.n = UI_SAID_FIRST + t->nsaid;
	ui_listpos_fit(&t->s.pos, ui_body_rows(u));
	free(t->s.title);
	t->s.title = xasprintf("%s: %zu%s statement%s", t->name, t->nsaid, t->counting ? "+" : "",
	                       t->nsaid == 1 && !t->counting ? "" : "s");
	return t->counting;
}

/* Sets the count of statements (when known) or starts counting them: a
 * first part now, the rest in idle time. */
static void
ui_entity_count(struct ui *u, struct ui_screen *s, const size_t *known)
{
	struct ui_entity *t = (struct ui_entity *)s;

	ui_entity_drop(t);
	t->nsaid = known != NULL ? *known : 0;
	t->counting = known == NULL;
	t->below = INT64_MAX;
	s->busy = ui_entity_count_some(u, t, 2000);
}

static int
ui_entity_idle(struct ui *u, struct ui_screen *s)
{
	struct ui_entity *t = (struct ui_entity *)s;
	int more = ui_entity_count_some(u, t, 50000);

	if (!more && t->to_end) {
		t->to_end = 0;
		ui_list_move(u, s, UI_A_END);
		free(u->msg); /* the wait it told of is over */
		u->msg = NULL;
	}
	return more;
}

static void
ui_entity_load(struct ui *u, struct ui_screen *s)
{
	ui_entity_count(u, s, NULL);
}

static void
ui_entity_reload(struct ui *u, struct ui_screen *s, int full)
{
	if (full)
		ui_entity_load(u, s);
}

static void
ui_entity_row(struct ui *u, struct ui_screen *s, size_t i, int y, int focused)
{
	struct ui_entity *t = (struct ui_entity *)s;
	int base = focused ? ui_attr(u, UI_EL_CURSOR) : 0, x = 2;
	struct ui_said *r;
	char date[32], *q;

	if (focused)
		ui_fill(y, 0, base);
	if (i == 0) {
		q = t->id != 0 ? xasprintf("▸ Articles that mention %s (Enter lists them)", t->name)
		               : xstrdup("");
		ui_put(y, 1, q, strlen(q), u->cols - 2, focused ? base : ui_attr(u, UI_EL_LINK));
		free(q);
		return;
	}
	if (i == 1) {
		q = xasprintf("Statements, newest first (%zu%s)", t->nsaid, t->counting ? "+" : "");
		ui_put(y, 1, q, strlen(q), u->cols - 2,
		       focused ? base : ui_attr(u, UI_EL_HEADLINE));
		free(q);
		return;
	}
	if ((r = ui_entity_get(u, t, i - UI_SAID_FIRST)) == NULL)
		return;
	ui_date(r->time, 0, date, sizeof(date));
	x += ui_put(y, x, date, strlen(date), u->cols - x, focused ? base : ui_attr(u, UI_EL_DATE));
	x += 2;
	q = xasprintf(r->direct ? "“%s”" : "%s", r->text);
	x += ui_put_cut(y, x, q, strlen(q), u->cols - x - 1,
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
ui_entity_draw(struct ui *u, struct ui_screen *s, int *cy, int *cx)
{
	ui_draw_list(u, s, ui_entity_row, cy, cx);
}

static int
ui_entity_act(struct ui *u, struct ui_screen *s, enum ui_action a)
{
	struct ui_entity *t = (struct ui_entity *)s;
	struct ui_said *r;
	char *q;

	if (a == UI_A_END && t->counting) {
		/* the end is not known yet: the count goes on in idle time, a
		 * step at a time, and the cursor goes there when it is done */
		t->to_end = 1;
		ui_say(u, 0, "counting %s's statements: the end comes when counted", t->name);
		return 1;
	}
	t->to_end = 0;
	if (a != UI_A_OPEN) {
		if (!ui_list_move(u, s, a))
			return 0;
		/* the heading is passed over */
		if (s->pos.cur == 1)
			ui_listpos_move(&s->pos, a == UI_A_UP || a == UI_A_PGUP ? -1 : 1,
			                ui_body_rows(u));
		return 1;
	}
	if (s->pos.cur == 0 && t->id != 0) {
		/* the search language finds an entity by name or alias */
		q = xasprintf("entity:\"%s\"", t->name);
		ui_search_run(u, q, t->name);
		free(q);
	} else if (s->pos.cur >= UI_SAID_FIRST &&
	           (r = ui_entity_get(u, t, s->pos.cur - UI_SAID_FIRST)) != NULL)
		ui_push(u, ui_article_new(u, r->article, NULL, r->para));
	return 1;
}

static void
ui_entity_free(struct ui_screen *s)
{
	struct ui_entity *t = (struct ui_entity *)s;

	ui_entity_drop(t);
	free(t->name);
	free(s->title);
	free(s->right);
	free(t);
}

struct ui_screen *
ui_entity_new(struct ui *u, int64_t id, const char *name, const char *kind, const size_t *nsaid)
{
	struct ui_entity *t = xcalloc(1, sizeof(*t));

	t->s.view = UI_V_ENTITY;
	t->s.draw = ui_entity_draw;
	t->s.act = ui_entity_act;
	t->s.click = ui_click_row;
	t->s.reload = ui_entity_reload;
	t->s.idle = ui_entity_idle;
	t->s.free = ui_entity_free;
	t->id = id;
	t->name = xstrdup(name);
	t->s.right = kind && kind[0] ? xstrdup(kind) : NULL;
	ui_entity_count(u, &t->s, nsaid);
	/* start on what it said; without statements, on its articles */
	ui_listpos_set(&t->s.pos, t->nsaid > 0 ? UI_SAID_FIRST : 0, ui_body_rows(u));
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

/* Draws row i: a heading, a plain line, or "KEYS\tACTION\tHELP" for a binding. */
static void
ui_help_row(struct ui *u, struct ui_screen *s, size_t i, int y, int focused)
{
	struct ui_help *h = (struct ui_help *)s;
	const char *l = h->lines[i], *t1 = strchr(l, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
	int base = focused ? ui_attr(u, UI_EL_CURSOR) : 0, kw = u->cols >= 100 ? 20 : 16;

	if (focused)
		ui_fill(y, 0, base);
	if (t2 == NULL) {
		ui_put(y, 1, l, strlen(l), u->cols - 2,
		       focused       ? base
		       : l[0] != ' ' ? ui_attr(u, UI_EL_HEADLINE)
		                     : 0);
		return;
	}
	ui_put(y, 2, l, (size_t)(t1 - l), kw - 1, base);
	/* the action's name is what 'bind KEY ACTION' in the config file takes */
	ui_put(y, 2 + kw, t1 + 1, (size_t)(t2 - t1 - 1), 15,
	       focused ? base : ui_attr(u, UI_EL_META));
	ui_put_cut(y, 2 + kw + 16, t2 + 1, strlen(t2 + 1), u->cols - kw - 19, base);
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
ui_help_hint_ctx(struct ui *u, struct ui_screen *s, struct ui_hint_ctx *c)
{
	c->more = s->pos.n > (size_t)ui_body_rows(u);
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
	int group;

	h->s.view = UI_V_HELP;
	h->s.draw = ui_help_draw;
	h->s.act = ui_help_act;
	h->s.free = ui_help_free;
	h->s.hint_ctx = ui_help_hint_ctx;
	h->s.title = xasprintf("Keys of the %s screen", ui_view_name(v));
	h->s.right = xstrdup("q: back");
	/* what this screen does first, then moving, then what every screen does */
	for (group = 0; group < 3; group++) {
		size_t first = h->n;

		for (i = 1; i < UI_NACTIONS; i++) {
			unsigned vs = ui_action_info((enum ui_action)i)->views;
			int g = i <= UI_A_END                                              ? 1
			        : (vs & (1u << UI_V_FEEDS)) && (vs & (1u << UI_V_ARTICLE)) ? 2
			                                                                   : 0;

			if (g != group || ui_keymap_keys(&u->cfg.keys, v, (enum ui_action)i, keys,
			                                 sizeof(keys)) == 0)
				continue;
			if (h->n == first)
				ui_help_add(h, xstrdup(group == 0   ? "This screen"
				                       : group == 1 ? "Moving"
				                                    : "Every screen"));
			ui_help_add(h, xasprintf("%s\t%s\t%s", keys, ui_action_info(i)->name,
			                         ui_action_info(i)->help));
		}
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
