/* ui_model.h - what the reader shows, computed without curses: text wrapped to
 * a width in terminal columns, the highlight spans of each line (entities by
 * kind, statements, link numbers), folded duplicate paragraphs, and list
 * positions. The screens in ui/ turn this into curses calls. */
#ifndef NR_UI_MODEL_H
#define NR_UI_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/analysis.h"
#include "doc.h"

/* --- wrapping --- */

struct ui_wrap {
	size_t start, end; /* bytes of the text on this line, end exclusive, no trailing space */
	int cols;          /* columns the line takes */
};

/* Returns the columns code point cp takes on a terminal (0 for those that draw nothing). */
int ui_cp_width(uint32_t cp);
/* Returns the columns of n bytes of UTF-8 at s. */
int ui_str_width(const char *s, size_t n);
/* Returns how many bytes of s (n bytes) fit in cols columns, never splitting a
 * character; *used (may be NULL) gets the columns they take. */
size_t ui_str_fit(const char *s, size_t n, int cols, int *used);
/* Breaks n bytes of text into lines of at most width columns: at spaces, between
 * wide (CJK) characters, at '\n', and inside a word longer than a line. Returns
 * the number of lines (at least 1) and sets *out to an array the caller frees. */
size_t ui_wrap_text(const char *text, size_t n, int width, struct ui_wrap **out);

/* --- list positions --- */

struct ui_listpos {
	size_t n;   /* rows in the list */
	size_t cur; /* the focused row */
	size_t top; /* the first row shown */
};

/* Moves the focus by delta rows (clamped), then scrolls so that it shows in
 * height rows. */
void ui_listpos_move(struct ui_listpos *p, long delta, int height);
/* Sets the focus to row i (clamped) and scrolls so that it shows. */
void ui_listpos_set(struct ui_listpos *p, size_t i, int height);
/* Scrolls so the focus shows in height rows after a resize or a change of n. */
void ui_listpos_fit(struct ui_listpos *p, int height);

/* --- the article view --- */

/* Elements of a theme that the model assigns to text (see ui_theme.h for the rest). */
enum ui_role {
	UI_ROLE_HEADLINE, /* paras[0] */
	UI_ROLE_META,     /* feed, author, date, url */
	UI_ROLE_BODY,
	UI_ROLE_NOTE,  /* the user's note on the paragraph above */
	UI_ROLE_LINKS, /* "Links" heading */
	UI_ROLE_LINK   /* "[3] https://..." */
};

enum ui_line_kind { UI_LINE_TEXT, UI_LINE_BLANK, UI_LINE_FOLD };

/* What a stretch of a line is drawn as. */
enum ui_seg_kind { UI_SEG_TEXT, UI_SEG_ENTITY, UI_SEG_LINKREF };

struct ui_seg {
	size_t start, end; /* bytes of the paragraph */
	enum ui_seg_kind kind;
	int ent_kind; /* enum ent_kind when kind is UI_SEG_ENTITY */
	long mark;    /* index into ui_article.marks of the entity, or -1 */
	long stmt;    /* index into ui_article.marks of the statement covering it, or -1 */
};

struct ui_line {
	enum ui_line_kind kind;
	size_t para;       /* index into ui_article.paras */
	size_t start, end; /* bytes of that paragraph's text */
	size_t fold;       /* UI_LINE_FOLD: how many paragraphs it stands for */
	long leader;       /* the statement whose speaker is shown at this line, or -1 */
	long stmt_in;      /* mark of a statement covering part of this line, or -1 */
	int dup;           /* the line belongs to a repeated paragraph shown unfolded */
};

/* A highlight the user can move to: an entity mention or a statement. */
enum ui_mark_kind { UI_MARK_ENTITY, UI_MARK_STMT };

struct ui_mark {
	enum ui_mark_kind kind;
	size_t para, start;   /* where it starts (index into ui_article.paras) */
	size_t para_end, end; /* where it ends (end exclusive, in para_end) */
	size_t entity;        /* UI_MARK_ENTITY: index into ana.ents */
	long speaker;         /* UI_MARK_STMT: index into ana.ents, or -1 */
	size_t src;           /* index into ana.ments or ana.stmts */
};

struct ui_para {
	char *text; /* sanitized: safe to draw */
	enum ui_role role;
	long src; /* index of the doc paragraph, or -1 for added lines */
	int dup;  /* repeats an earlier paragraph */
};

struct ui_article {
	struct ui_para *paras;
	size_t npara;
	struct analysis ana;   /* with offsets moved into the sanitized paragraphs */
	struct ui_mark *marks; /* sorted by position */
	size_t nmarks;
	size_t nlinks;
	int unfolded; /* repeated paragraphs are shown */
	/* layout */
	struct ui_line *lines;
	size_t nlines;
	int width;  /* columns for the text */
	int margin; /* columns left of the text, for speaker leaders */
	int indent; /* blank columns before the margin: centres a narrow text */
};

/* Builds the view of d (whose dup_of marks must be set) with analysis a, both
 * taken over: the caller must not use or free them afterwards. meta (may be
 * NULL) is a line shown under the headline; notes (may be NULL) are nnotes
 * pairs of doc paragraph index and note text. Every text is cleaned with
 * utf8_sanitize and every offset moved to match. Free with ui_article_free. */
void ui_article_init(struct ui_article *v, struct doc *d, struct analysis *a, const char *meta,
                     const size_t *note_paras, char *const *notes, size_t nnotes);
void ui_article_free(struct ui_article *v);
/* Lays the view out for a window cols wide (and keeps within text_width
 * columns of text when text_width > 0). */
void ui_article_layout(struct ui_article *v, int cols, int text_width);
/* Fills at most max segments of line l into out; returns how many it needs
 * (more than max when out was too small). focus (or -1) is the focused mark. */
size_t ui_article_segments(const struct ui_article *v, const struct ui_line *l, struct ui_seg *out,
                           size_t max);
/* Returns the index of the line where mark m starts. */
size_t ui_article_mark_line(const struct ui_article *v, size_t m);
/* Returns the first line showing byte off of paragraph para (or the fold line
 * standing for it): used to keep the reading position across a re-layout. */
size_t ui_article_find_line(const struct ui_article *v, size_t para, size_t off);
/* Returns the next mark of kind after (dir 1) or before (dir -1) mark from
 * (-1 = from the start or the end); -1 when there is none. */
long ui_article_next_mark(const struct ui_article *v, long from, enum ui_mark_kind kind, int dir);
/* Returns the first mark of kind on or after line l (dir 1) or on or before it (dir -1), or -1. */
long ui_article_mark_near(const struct ui_article *v, size_t l, enum ui_mark_kind kind, int dir);
/* Number of repeated paragraphs in the article. */
size_t ui_article_ndup(const struct ui_article *v);

#endif
