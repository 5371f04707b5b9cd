/* ana_int.h - what the analyzer's passes share: the token stream of one
 * article, its name candidates, entities and quotes. Internal to src/analysis. */
#ifndef NR_ANA_INT_H
#define NR_ANA_INT_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/analysis.h"
#include "analysis/gaz.h"

enum tok_type { TK_WORD = 1, TK_NUM, TK_PUNCT, TK_QUOTE, TK_POSS };

enum tok_flag {
	TF_CAP = 1u << 0,      /* starts with an upper-case letter */
	TF_UPPER = 1u << 1,    /* two or more letters, all upper case */
	TF_LOWER = 1u << 2,    /* starts with a lower-case letter */
	TF_SSTART = 1u << 3,   /* first token of its sentence */
	TF_PSTART = 1u << 4,   /* first token of its paragraph */
	TF_SPB = 1u << 5,      /* white space or paragraph start before it */
	TF_SPA = 1u << 6,      /* white space or paragraph end after it */
	TF_ABBR = 1u << 7,     /* a word whose final period belongs to it */
	TF_QOPEN = 1u << 8,    /* a quote mark shaped to open (“ „ « ‘ ‹) */
	TF_QCLOSE = 1u << 9,   /* a quote mark shaped to close (” » ’ ›) */
	TF_QSINGLE = 1u << 10, /* a single quote mark (' ‘ ’ ‹ ›) */
	TF_INQUOTE = 1u << 11, /* inside a quotation (set by the quote scanner) */
	TF_QUSED = 1u << 12,   /* a quote mark the scanner paired */
	TF_SENTEND = 1u << 13, /* punctuation that ends its sentence */
	TF_CUEUSED = 1u << 14, /* a speech cue already given to a statement */
};

struct tok {
	uint64_t h;                /* gaz_word_hash of its text */
	const struct gaz_entry *g; /* the single-word gazetteer entry, or NULL */
	uint32_t start, end;       /* bytes in its paragraph */
	uint32_t para, sent;
	int32_t ment; /* the mention covering it, or -1 */
	uint16_t flags;
	uint8_t type;
	char ch; /* punctuation as ASCII ('"' for any double quote mark) */
};

enum ment_flag {
	MF_HEADLINE = 1u << 0, /* in a title-case headline: may only join a known entity */
	MF_TITLE = 1u << 1,    /* came after a person's title or honorific */
	MF_PLACE = 1u << 2,    /* a seat of government used as a place ("in Beijing") */
	MF_DESC = 1u << 3,     /* a description ("the company") standing for an entity */
	MF_DEFINED = 1u << 4,  /* an acronym defined in the text: "Long Name (ACR)" */
};

/* A mention: tokens [t0, t1) naming entity ent. */
struct ment {
	uint32_t t0, t1;
	int32_t ent;
	const struct gaz_entry *g; /* the gazetteer name it matched, or NULL */
	int8_t votes[ENT_NKINDS];  /* evidence for each kind found around it */
	uint8_t flags;
	uint8_t gender;
	uint8_t addressee; /* the one spoken to ("told Reuters"), or the agency of a
	                    * dateline: never a speaker */
	uint64_t cueh;     /* the noun that described it ("airline"), or 0 */
};

/* A document-level entity while it is being built. */
struct ent {
	uint32_t name_t0, name_t1; /* the tokens of its canonical name, or ... */
	const char *canon;         /* ... a gazetteer name */
	int votes[ENT_NKINDS];
	int gender;        /* enum gaz_gender */
	int fixed_kind;    /* -1, or the kind a gazetteer gave */
	uint32_t last_tok; /* its latest mention so far (resolution passes) */
	uint64_t cue[4];   /* nouns that described it: "the airline" finds it */
	int ncue;
};

/* A quotation: from the token after its opening mark to the one before its closing mark. */
struct quote {
	uint32_t open, close; /* the marks' tokens; close == UINT32_MAX if never closed */
	uint32_t t0, t1;      /* the quoted tokens [t0, t1) */
	size_t para, start, para_end, end; /* the quoted bytes */
	uint32_t nwords;
};

struct actx {
	const struct doc *d;
	struct tok *t;
	size_t nt, capt;
	uint32_t *pfirst; /* first token of each paragraph; pfirst[npara] = nt */
	uint32_t nsent;
	struct ment *m;
	size_t nm, capm;
	struct ent *e;
	size_t ne, cape;
	struct quote *q;
	size_t nq, capq;
	int title_case_headline;
};

/* tok.c: splits every paragraph of d into tokens, sentences and gazetteer hits. */
void tok_run(struct actx *x);
/* Returns the text of token i (not NUL-terminated; length tok_len). */
const char *tok_text(const struct actx *x, size_t i);
size_t tok_len(const struct actx *x, size_t i);
/* Returns 1 when token i is a word whose hash is h (see tok_is). */
static inline int
tok_is_h(const struct actx *x, size_t i, uint64_t h)
{
	return i < x->nt && x->t[i].type == TK_WORD && x->t[i].h == h;
}
/* Returns 1 when token i is a word whose hash is that of w, an ASCII string
 * literal: the rules ask about a few dozen words millions of times, so the
 * word's hash is the compiler's work (GAZ_LIT). */
#define tok_is(x, i, w) tok_is_h((x), (i), GAZ_LIT("" w ""))
/* Returns the gazetteer entry of tokens [i, i+n), or NULL. */
const struct gaz_entry *tok_gaz(const struct actx *x, size_t i, size_t n);

/* ner.c: finds mentions and entities (fills x->m and x->e). */
void ner_run(struct actx *x);
/* Returns the entity mentioned by a token in [t0, t1), preferring the first, or -1. */
int32_t ner_entity_in(const struct actx *x, size_t t0, size_t t1);
/* The entity a description's noun at token i stands for ("the board"): the
 * latest before token `before` whose name has the word, else of its kind;
 * with forward, also one named just after. -1 when none. */
int32_t ner_by_noun(const struct actx *x, size_t i, size_t before, int forward);
/* Returns the final kind of entity i. */
enum ent_kind ner_kind(const struct actx *x, size_t i);

/* quote.c: pairs quote marks (fills x->q) and finds statements into out. */
void quote_scan(struct actx *x);
/* Marks the mentions of the ones spoken to ("told Reuters"): never speakers. */
void quote_addressees(struct actx *x);
void quote_attribute(struct actx *x, struct analysis *out);

#endif
