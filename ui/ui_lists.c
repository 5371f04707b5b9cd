/* ui_lists.c - the feed list and the article list. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "storage/browse.h"
#include "storage/user.h"
#include "ui/ui.h"
#include "ui/ui_user.h"
#include "util/xmalloc.h"

/* --- the feed list --- */

enum ui_feed_kind { UI_FEED_ALL, UI_FEED_IMPORTED, UI_FEED_SAVED, UI_FEED_FEED };

struct ui_feed {
	enum ui_feed_kind kind;
	int64_t id;
	char *title; /* sanitized */
	char *tags;  /* sanitized, or NULL */
	char *error; /* sanitized, or NULL */
	char *query; /* saved searches */
	size_t total, unread;
	int known; /* unread is known (maybe from before a reload) */
};

struct ui_feeds {
	struct ui_screen s;
	struct ui_feed *v;
	size_t n;
	size_t nfeeds;
	size_t next; /* the next row whose unread count is to be taken */
};

static struct ui_feed *
ui_feeds_add(struct ui_feeds *f, enum ui_feed_kind kind, const char *title)
{
	struct ui_feed *r;

	f->v = xreallocarray(f->v, f->n + 1, sizeof(*f->v));
	r = &f->v[f->n++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->title = ui_clean_dup(title);
	return r;
}

static int
ui_feeds_row(const struct store_feed_row *row, void *arg)
{
	struct ui_feeds *f = arg;
	struct ui_feed *r = ui_feeds_add(f, UI_FEED_FEED, row->title ? row->title : row->url);

	r->id = row->id;
	r->tags = ui_clean_dup(row->tags);
	r->error = ui_clean_dup(row->error);
	r->total = row->total;
	f->nfeeds++;
	return 0;
}

static void
ui_feeds_clear(struct ui_feeds *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].title);
		free(f->v[i].tags);
		free(f->v[i].error);
		free(f->v[i].query);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->nfeeds = 0;
}

static int
ui_feeds_saved(const char *name, const char *query, void *arg)
{
	struct ui_feeds *f = arg;
	char *t = xasprintf("⌕ %s", name);
	struct ui_feed *r = ui_feeds_add(f, UI_FEED_SAVED, t);

	free(t);
	r->query = xstrdup(query);
	return 0;
}

/* Sets the title line's right side: the store's counts, once known. */
static void
ui_feeds_right(struct ui_feeds *f)
{
	free(f->s.right);
	f->s.right = f->n > 0 && f->v[0].known
	                 ? xasprintf("%zu unread of %zu articles", f->v[0].unread, f->v[0].total)
	                 : NULL;
}

/* Says what went wrong (cause is freed). */
static void
ui_feeds_fail(struct ui *u, char *cause)
{
	ui_say(u, 1, "%s", cause);
	free(cause);
}

/* Reads the feed list without counting anything: the counts are taken a
 * few at a time in ui_feeds_idle, so that the list shows at once and keys are
 * answered while they come in. A reload keeps the old counts meanwhile. */
static void
ui_feeds_load(struct ui *u, struct ui_screen *s)
{
	struct ui_feeds *f = (struct ui_feeds *)s;
	struct ui_feed *old = f->v;
	size_t nold = f->n, i, j;
	char *cause = NULL;

	f->v = NULL;
	f->n = f->nfeeds = 0;
	ui_feeds_add(f, UI_FEED_ALL, "All articles");
	ui_feeds_add(f, UI_FEED_IMPORTED, "Imported");
	ui_user_saved_searches(u, ui_feeds_saved, f);
	if (store_browse_feeds(u->st, ui_feeds_row, f, &cause) != 0)
		ui_feeds_fail(u, cause);
	for (i = 0; i < f->n; i++)
		for (j = 0; f->v[i].kind != UI_FEED_SAVED && j < nold; j++)
			if (old[j].kind == f->v[i].kind && old[j].id == f->v[i].id) {
				f->v[i].unread = old[j].unread;
				f->v[i].total = old[j].total;
				f->v[i].known = old[j].known;
				break;
			}
	for (i = 0; i < nold; i++) {
		free(old[i].title);
		free(old[i].tags);
		free(old[i].error);
		free(old[i].query);
	}
	free(old);
	f->next = 0;
	s->busy = 1;
	s->pos.n = f->n;
	ui_listpos_fit(&s->pos, ui_body_rows(u));
	free(s->title);
	s->title = xasprintf("Feeds (%zu)", f->nfeeds);
	ui_feeds_right(f);
}

static void
ui_feeds_reload(struct ui *u, struct ui_screen *s, int full)
{
	struct ui_feeds *f = (struct ui_feeds *)s;

	if (full) {
		ui_feeds_load(u, s);
		return;
	}
	/* only read states and tags may have changed: count again, in idle time */
	f->next = 0;
	s->busy = 1;
}

/* Counts the articles of a few more rows (a few milliseconds); returns 1
 * while some are left. */
static int
ui_feeds_idle(struct ui *u, struct ui_screen *s)
{
	struct ui_feeds *f = (struct ui_feeds *)s;
	struct store_filter flt;
	size_t done = 0;
	char *cause = NULL;
	int rc;

	for (; f->next < f->n && done < 8; f->next++) {
		struct ui_feed *r = &f->v[f->next];

		if (r->kind == UI_FEED_SAVED)
			continue;
		memset(&flt, 0, sizeof(flt));
		flt.feed_id = r->kind == UI_FEED_FEED       ? r->id
		              : r->kind == UI_FEED_IMPORTED ? STORE_FEED_IMPORTED
		                                            : 0;
		rc = store_browse_count(u->st, &flt, &r->total, &r->unread, &cause);
		if (rc != 0) {
			ui_feeds_fail(u, cause);
			f->next = f->n;
			return 0;
		}
		r->known = 1;
		/* the whole store costs as much as several feeds */
		done += r->kind == UI_FEED_FEED ? 1 : 8;
		if (r->kind == UI_FEED_ALL)
			ui_feeds_right(f);
	}
	return f->next < f->n;
}

static void
ui_feeds_draw_row(struct ui *u, struct ui_screen *s, size_t i, int y, int focused)
{
	struct ui_feeds *f = (struct ui_feeds *)s;
	struct ui_feed *r = &f->v[i];
	int base = focused ? ui_attr(u, UI_EL_CURSOR) : 0, x = 0, w, d;
	char counts[48];

	if (focused)
		ui_fill(y, 0, base);
	/* "unread/total", as wide as the biggest count needs */
	d = snprintf(counts, sizeof(counts), "%zu", f->n > 0 && f->v[0].known ? f->v[0].total : 0);
	if (r->kind == UI_FEED_SAVED)
		snprintf(counts, sizeof(counts), "%*s", 2 * d + 1, "");
	else if (!r->known)
		snprintf(counts, sizeof(counts), "%*s…%*s", d - 1, "", d + 1, "");
	else
		snprintf(counts, sizeof(counts), "%*zu/%-*zu", d, r->unread, d, r->total);
	x += ui_put(y, x, r->unread ? "N " : "  ", 2, 2, focused ? base : ui_attr(u, UI_EL_UNREAD));
	x += ui_put(y, x, counts, strlen(counts), u->cols - x,
	            focused ? base : ui_attr(u, UI_EL_COUNT));
	x += 2;
	w = ui_put_cut(y, x, r->title, strlen(r->title), u->cols - x - 1,
	               focused ? base : (r->unread ? ui_attr(u, UI_EL_UNREAD) : 0));
	x += w + 2;
	if (r->tags != NULL && x < u->cols - 4) {
		char *t = xasprintf("[%s]", r->tags);

		x += ui_put(y, x, t, strlen(t), u->cols - x - 1,
		            focused ? base : ui_attr(u, UI_EL_TAG));
		x += 2;
		free(t);
	}
	if (r->error != NULL && x < u->cols - 4) {
		char *t = xasprintf("! %s", r->error);

		ui_put(y, x, t, strlen(t), u->cols - x - 1,
		       focused ? base : ui_attr(u, UI_EL_ERROR));
		free(t);
	}
}

static void
ui_feeds_draw(struct ui *u, struct ui_screen *s, int *cy, int *cx)
{
	ui_draw_list(u, s, ui_feeds_draw_row, cy, cx);
}

static void
ui_feeds_open(struct ui *u, struct ui_feeds *f)
{
	struct store_filter flt;
	size_t counts[2];
	struct ui_feed *r;

	if (f->s.pos.cur >= f->n)
		return;
	r = &f->v[f->s.pos.cur];
	memset(&flt, 0, sizeof(flt));
	switch (r->kind) {
	case UI_FEED_ALL:
		break;
	case UI_FEED_IMPORTED:
		flt.feed_id = STORE_FEED_IMPORTED;
		break;
	case UI_FEED_FEED:
		flt.feed_id = r->id;
		break;
	case UI_FEED_SAVED:
		ui_search_run(u, r->query, r->title);
		return;
	}
	counts[0] = r->total;
	counts[1] = r->unread;
	ui_push(u, ui_list_new(u, r->title, &flt, r->known ? counts : NULL));
}

static int
ui_feeds_act(struct ui *u, struct ui_screen *s, enum ui_action a)
{
	struct ui_feeds *f = (struct ui_feeds *)s;

	switch (a) {
	case UI_A_OPEN:
		ui_feeds_open(u, f);
		return 1;
	case UI_A_MARK_FEED_READ: {
		struct store_filter flt;
		struct ui_feed *r = s->pos.cur < f->n ? &f->v[s->pos.cur] : NULL;
		char *cause = NULL;

		if (r == NULL || r->kind == UI_FEED_SAVED)
			return 1;
		memset(&flt, 0, sizeof(flt));
		flt.feed_id = r->kind == UI_FEED_FEED       ? r->id
		              : r->kind == UI_FEED_IMPORTED ? STORE_FEED_IMPORTED
		                                            : 0;
		if (store_browse_mark_read(u->st, &flt, &cause) != 0) {
			ui_say(u, 1, "%s", cause);
			free(cause);
		} else
			ui_say(u, 0, "%s: all marked read", r->title);
		ui_feeds_load(u, s);
		return 1;
	}
	default:
		return 0;
	}
}

static void
ui_feeds_click(struct ui *u, struct ui_screen *s, int y)
{
	size_t i = s->pos.top + (size_t)(y - 1);

	if (i >= s->pos.n)
		return;
	if (i == s->pos.cur) {
		s->pos.cur = i;
		ui_feeds_open(u, (struct ui_feeds *)s);
	} else
		s->pos.cur = i;
}

static void
ui_feeds_free(struct ui_screen *s)
{
	ui_feeds_clear((struct ui_feeds *)s);
	free(s->title);
	free(s->right);
	free(s);
}

struct ui_screen *
ui_feeds_new(struct ui *u)
{
	struct ui_feeds *f = xcalloc(1, sizeof(*f));

	f->s.view = UI_V_FEEDS;
	f->s.draw = ui_feeds_draw;
	f->s.act = ui_feeds_act;
	f->s.click = ui_feeds_click;
	f->s.reload = ui_feeds_reload;
	f->s.idle = ui_feeds_idle;
	f->s.free = ui_feeds_free;
	ui_feeds_load(u, &f->s);
	return &f->s;
}

/* --- the article list --- */

struct ui_row {
	int64_t id;
	char *title, *feed, *tags, *url; /* sanitized */
	int64_t time;
	int unread;
};

struct ui_list {
	struct ui_screen s;
	struct store_filter f;
	int64_t *ids; /* the filter's ids, owned */
	char *query;  /* a search's results instead of the filter's, best first */
	char *name;
	size_t unread;
	struct ui_row *rows; /* the rows from row cache_off on */
	size_t cache_off, cache_n;
	struct store_groups *groups; /* by feed: the groups counted so far */
};

static void
ui_list_drop(struct ui_list *l)
{
	size_t i;

	for (i = 0; i < l->cache_n; i++) {
		free(l->rows[i].title);
		free(l->rows[i].feed);
		free(l->rows[i].tags);
		free(l->rows[i].url);
	}
	free(l->rows);
	l->rows = NULL;
	l->cache_n = 0;
}

static int
ui_list_row(const struct store_row *r, void *arg)
{
	struct ui_list *l = arg;
	struct ui_row *w = &l->rows[l->cache_n++];

	w->id = r->id;
	w->title = ui_clean_dup(r->title && r->title[0] ? r->title : "(no title)");
	w->feed = ui_clean_dup(r->feed ? r->feed : r->imported ? "imported" : "");
	w->tags = ui_clean_dup(r->tags);
	w->url = ui_clean_dup(r->url);
	w->time = r->time;
	w->unread = r->unread;
	return 0;
}

/* Returns the tags of article id joined by spaces (the caller frees it), or NULL. */
static char *
ui_list_tags(struct ui *u, int64_t id)
{
	char **v = NULL, *cause = NULL;
	struct buf b = BUF_INIT;
	size_t n = 0, i;

	if (store_tag_list(u->st, id, &v, &n, &cause) != 0) {
		free(cause);
		return NULL;
	}
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", v[i]);
	store_strv_free(v);
	return n ? buf_detach(&b) : NULL;
}

/* Loads up to want rows of the search results from l->cache_off. */
static void
ui_list_search_rows(struct ui *u, struct ui_list *l, size_t want)
{
	struct search_page pg;
	struct store_row r;
	char *cause = NULL, *tags;
	size_t i;

	if (search_run(u->st, l->query, l->cache_off, want, &pg, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < pg.n && i < want; i++) {
		memset(&r, 0, sizeof(r));
		r.id = pg.hits[i].id;
		r.title = pg.hits[i].title;
		r.url = pg.hits[i].url;
		r.feed = pg.hits[i].feed;
		r.imported = pg.hits[i].feed == NULL;
		r.time = pg.hits[i].time;
		r.unread = pg.hits[i].unread;
		r.tags = tags = ui_list_tags(u, r.id);
		ui_list_row(&r, l);
		free(tags);
	}
	search_page_free(&pg);
}

/* Finds the first unread row after (dir 1) or before (dir -1) row from; sets
 * *pos to it, or to (size_t)-1 when there is none. */
static int
ui_list_unread_near(struct ui *u, struct ui_list *l, size_t from, int dir, size_t *pos)
{
	struct search_page pg;
	char *cause = NULL;
	size_t off, i, got, step = 256;

	*pos = (size_t)-1;
	if (l->query == NULL) {
		if (store_browse_unread_near(u->st, &l->f, l->groups, from, dir, pos, &cause) == 0)
			return 0;
		ui_say(u, 1, "%s", cause);
		free(cause);
		return -1;
	}
	/* search results come in pages: walk them from where we are */
	off = dir > 0 ? from + 1 : (from > step ? from - step : 0);
	for (;;) {
		if (dir < 0 && off >= from)
			return 0;
		if (search_run(u->st, l->query, off, step, &pg, &cause) != 0) {
			ui_say(u, 1, "%s", cause);
			free(cause);
			return -1;
		}
		for (i = 0; i < pg.n; i++) {
			if (!pg.hits[i].unread || (dir < 0 && off + i >= from))
				continue;
			*pos = off + i;
			if (dir > 0)
				break;
		}
		got = pg.n;
		search_page_free(&pg);
		if (*pos != (size_t)-1 || (dir > 0 && got < step) || (dir < 0 && off == 0))
			return 0;
		if (dir > 0)
			off += step;
		else {
			from = off;
			off = off > step ? off - step : 0;
		}
	}
}

/* Makes sure rows [from, from + n) are loaded: only what the screen shows is read. */
static void
ui_list_fetch(struct ui *u, struct ui_list *l, size_t from, size_t n)
{
	char *cause = NULL;
	size_t want;

	if (from >= l->cache_off && from + n <= l->cache_off + l->cache_n)
		return;
	if (from >= l->s.pos.n)
		return;
	ui_list_drop(l);
	/* a screen above and below, so that moving a little needs no query */
	l->cache_off = from > n ? from - n : 0;
	want = 3 * (n ? n : 1);
	l->rows = xcalloc(want, sizeof(*l->rows));
	if (l->query != NULL)
		ui_list_search_rows(u, l, want);
	else if (store_browse_list(u->st, &l->f, l->groups, l->s.pos.n, l->cache_off, want,
	                           ui_list_row, l, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
	}
}

static struct ui_row *
ui_list_get(struct ui *u, struct ui_list *l, size_t i)
{
	ui_list_fetch(u, l, i >= l->s.pos.top ? l->s.pos.top : i, (size_t)ui_body_rows(u));
	if (i < l->cache_off || i >= l->cache_off + l->cache_n)
		return NULL;
	return &l->rows[i - l->cache_off];
}

static void
ui_list_title(struct ui_list *l)
{
	free(l->s.title);
	l->s.title = xasprintf("%s (%zu)%s", l->name, l->s.pos.n,
	                       l->f.sort == STORE_SORT_FEED ? " by feed" : "");
	free(l->s.right);
	l->s.right = l->query ? xstrdup("best match first") : xasprintf("%zu unread", l->unread);
}

static void
ui_list_load(struct ui *u, struct ui_screen *s)
{
	struct ui_list *l = (struct ui_list *)s;
	char *cause = NULL;
	size_t total = 0;

	ui_list_drop(l);
	/* the articles may have changed: the groups by feed are counted again */
	store_browse_groups_free(l->groups);
	l->groups = l->f.sort == STORE_SORT_FEED ? store_browse_groups_new() : NULL;
	l->s.busy = l->groups != NULL;
	if (l->query != NULL) {
		if (search_count(u->st, l->query, &total, &cause) != 0) {
			ui_say(u, 1, "%s", cause);
			free(cause);
		}
	} else if (store_browse_count(u->st, &l->f, &total, &l->unread, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
	}
	s->pos.n = total;
	ui_listpos_fit(&s->pos, ui_body_rows(u));
	ui_list_title(l);
}

static void
ui_list_draw_row(struct ui *u, struct ui_screen *s, size_t i, int y, int focused)
{
	struct ui_list *l = (struct ui_list *)s;
	struct ui_row *r = ui_list_get(u, l, i);
	int base = focused ? ui_attr(u, UI_EL_CURSOR) : 0, x = 0, fw, w, tw;
	char date[32];

	if (r == NULL)
		return;
	if (focused)
		ui_fill(y, 0, base);
	x += ui_put(y, x, r->unread ? "N " : "  ", 2, 2, focused ? base : ui_attr(u, UI_EL_UNREAD));
	ui_date(r->time, u->cols >= 100, date, sizeof(date));
	x += ui_put(y, x, date, strlen(date), u->cols - x, focused ? base : ui_attr(u, UI_EL_DATE));
	x += 2;
	if (l->f.feed_id == 0) {
		fw = u->cols / 6;
		fw = fw < 8 ? 8 : fw > 24 ? 24 : fw;
		ui_put(y, x, r->feed, strlen(r->feed), fw, focused ? base : ui_attr(u, UI_EL_FEED));
		x += fw + 2;
	}
	/* tags keep some room at the end, so that a long title does not hide them */
	tw = 0;
	if (r->tags != NULL) {
		tw = ui_str_width(r->tags, strlen(r->tags)) + 2;
		if (tw > (u->cols - x) / 3)
			tw = (u->cols - x) / 3;
	}
	w = ui_put_cut(y, x, r->title, strlen(r->title), u->cols - x - 1 - (tw ? tw + 1 : 0),
	               (focused ? base : 0) | (r->unread ? ui_attr(u, UI_EL_UNREAD) & A_BOLD : 0));
	x += w + 1;
	if (tw > 0) {
		char *t = xasprintf("[%s]", r->tags);

		ui_put(y, x, t, strlen(t), tw, focused ? base : ui_attr(u, UI_EL_TAG));
		free(t);
	}
}

static void
ui_list_draw(struct ui *u, struct ui_screen *s, int *cy, int *cx)
{
	struct ui_list *l = (struct ui_list *)s;

	if (s->pos.n == 0) {
		ui_put(2, 2, "No articles here.", 17, u->cols - 3, 0);
		return;
	}
	ui_listpos_fit(&s->pos, ui_body_rows(u));
	ui_list_fetch(u, l, s->pos.top, (size_t)ui_body_rows(u));
	ui_draw_list(u, s, ui_list_draw_row, cy, cx);
}

static void
ui_list_set_unread(struct ui *u, struct ui_list *l, struct ui_row *r, int unread)
{
	char *cause = NULL;

	if (r->unread == unread)
		return;
	if (store_article_set_unread(u->st, r->id, unread, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		return;
	}
	r->unread = unread;
	l->unread += unread ? 1 : (size_t)-1;
	ui_list_title(l);
}

/* Opens the article at the cursor. */
static void
ui_list_open(struct ui *u, struct ui_list *l)
{
	struct ui_row *r = ui_list_get(u, l, l->s.pos.cur);

	if (r == NULL)
		return;
	ui_list_set_unread(u, l, r, 0);
	ui_push(u, ui_article_new(u, r->id, &l->s, (size_t)-1));
}

int64_t
ui_list_step(struct ui *u, struct ui_screen *s, int dir, int unread_only)
{
	struct ui_list *l = (struct ui_list *)s;
	struct ui_row *r;
	size_t pos;

	if (s->view != UI_V_LIST)
		return 0;
	if (unread_only) {
		if (ui_list_unread_near(u, l, s->pos.cur, dir, &pos) != 0 || pos == (size_t)-1)
			return 0;
	} else {
		if ((dir < 0 && s->pos.cur == 0) || (dir > 0 && s->pos.cur + 1 >= s->pos.n))
			return 0;
		pos = s->pos.cur + (size_t)(long)dir;
	}
	ui_listpos_set(&s->pos, pos, ui_body_rows(u));
	if ((r = ui_list_get(u, l, pos)) == NULL)
		return 0;
	ui_list_set_unread(u, l, r, 0);
	return r->id;
}

static int
ui_list_act(struct ui *u, struct ui_screen *s, enum ui_action a)
{
	struct ui_list *l = (struct ui_list *)s;
	struct ui_row *r = s->pos.n ? ui_list_get(u, l, s->pos.cur) : NULL;
	char *cause = NULL;
	size_t pos;

	switch (a) {
	case UI_A_OPEN:
		ui_list_open(u, l);
		return 1;
	case UI_A_TOGGLE_UNREAD:
		if (r != NULL) {
			ui_list_set_unread(u, l, r, !r->unread);
			ui_listpos_move(&s->pos, 1, ui_body_rows(u));
		}
		return 1;
	case UI_A_SORT:
		if (l->query != NULL) {
			ui_say(u, 0, "search results are sorted by how well they match");
			return 1;
		}
		if (l->f.feed_id != 0) {
			ui_say(u, 0, "the articles of one feed are sorted by date");
			return 1;
		}
		/* the same articles, each once: nothing to count again */
		l->f.sort = l->f.sort == STORE_SORT_DATE ? STORE_SORT_FEED : STORE_SORT_DATE;
		ui_list_drop(l);
		store_browse_groups_free(l->groups);
		l->groups = l->f.sort == STORE_SORT_FEED ? store_browse_groups_new() : NULL;
		l->s.busy = l->groups != NULL;
		ui_listpos_set(&s->pos, 0, ui_body_rows(u));
		ui_list_title(l);
		ui_say(u, 0, "sorted by %s", l->f.sort == STORE_SORT_FEED ? "feed" : "date");
		return 1;
	case UI_A_NEXT_UNREAD:
	case UI_A_PREV_UNREAD:
		if (ui_list_unread_near(u, l, s->pos.cur, a == UI_A_NEXT_UNREAD ? 1 : -1, &pos) !=
		    0)
			return 1;
		if (pos == (size_t)-1)
			ui_say(u, 0, "no unread article %s",
			       a == UI_A_NEXT_UNREAD ? "below" : "above");
		else
			ui_listpos_set(&s->pos, pos, ui_body_rows(u));
		return 1;
	case UI_A_MARK_FEED_READ:
		if (l->query != NULL) {
			ui_say(u, 0, "mark-all-read works on feeds, not on search results");
			return 1;
		}
		if (store_browse_mark_read(u->st, &l->f, &cause) != 0) {
			ui_say(u, 1, "%s", cause);
			free(cause);
		}
		ui_list_load(u, s);
		return 1;
	case UI_A_TAG:
		if (r != NULL && ui_user_tag_prompt(u, r->id)) {
			ui_list_drop(l);
		}
		return 1;
	case UI_A_OPEN_URL:
		if (r != NULL)
			ui_open_url(u, r->url);
		return 1;
	default:
		return ui_list_move(u, s, a);
	}
}

static void
ui_list_click(struct ui *u, struct ui_screen *s, int y)
{
	size_t i = s->pos.top + (size_t)(y - 1);

	if (i >= s->pos.n)
		return;
	if (i == s->pos.cur) {
		s->pos.cur = i;
		ui_list_open(u, (struct ui_list *)s);
	} else
		s->pos.cur = i;
}

static void
ui_list_hint_ctx(struct ui *u, struct ui_screen *s, struct ui_hint_ctx *c)
{
	struct ui_list *l = (struct ui_list *)s;

	(void)u;
	c->sortable = l->query == NULL && l->f.feed_id == 0;
	c->by_feed = l->f.sort == STORE_SORT_FEED;
}

/* By feed: counts the groups a few at a time, so that a page far down
 * (or the end) needs no counting when it is asked for. */
static int
ui_list_idle(struct ui *u, struct ui_screen *s)
{
	struct ui_list *l = (struct ui_list *)s;
	char *cause = NULL;
	int done = 1;

	if (l->groups != NULL &&
	    store_browse_groups_count_some(u->st, l->groups, &done, &cause) != 0) {
		ui_say(u, 1, "%s", cause);
		free(cause);
		return 0;
	}
	return !done;
}

static void
ui_list_reload(struct ui *u, struct ui_screen *s, int full)
{
	if (full)
		ui_list_load(u, s);
	else
		ui_list_drop((struct ui_list *)s); /* the rows are read again as drawn */
}

static void
ui_list_free(struct ui_screen *s)
{
	struct ui_list *l = (struct ui_list *)s;

	ui_list_drop(l);
	store_browse_groups_free(l->groups);
	free(l->ids);
	free(l->query);
	free(l->name);
	free(s->title);
	free(s->right);
	free(l);
}

/* Returns a list screen that shows nothing yet; the caller loads it. */
static struct ui_screen *
ui_list_new_empty(const char *title, const struct store_filter *f)
{
	struct ui_list *l = xcalloc(1, sizeof(*l));
	l->s.view = UI_V_LIST;
	l->s.draw = ui_list_draw;
	l->s.act = ui_list_act;
	l->s.click = ui_list_click;
	l->s.reload = ui_list_reload;
	l->s.idle = ui_list_idle;
	l->s.hint_ctx = ui_list_hint_ctx;
	l->s.free = ui_list_free;
	l->f = *f;
	if (f->ids != NULL) {
		l->ids = xcalloc(f->nids + 1, sizeof(*l->ids));
		memcpy(l->ids, f->ids, f->nids * sizeof(*l->ids));
		l->f.ids = l->ids;
	}
	l->name = ui_clean_dup(title);
	return &l->s;
}

struct ui_screen *
ui_list_new(struct ui *u, const char *title, const struct store_filter *f, const size_t *counts)
{
	struct ui_screen *s = ui_list_new_empty(title, f);
	struct ui_list *l = (struct ui_list *)s;

	if (counts == NULL) {
		ui_list_load(u, s);
		return s;
	}
	/* the feed list counted them already */
	s->pos.n = counts[0];
	l->unread = counts[1];
	ui_list_title(l);
	return s;
}

struct ui_screen *
ui_search_list_new(struct ui *u, const char *title, const char *query)
{
	struct store_filter f;
	struct ui_list *l;

	memset(&f, 0, sizeof(f));
	l = (struct ui_list *)ui_list_new_empty(title, &f);
	l->query = xstrdup(query);
	ui_list_load(u, &l->s);
	return &l->s;
}
