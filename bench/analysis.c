/* bench/analysis.c - words per second of the analyzer on one core, over a
 * corpus of invented wire stories it generates itself (names, agencies,
 * countries, direct and reported quotes, a repeated paragraph now and then).
 * Usage: bench/analysis [MEGABYTES]   (default 64) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/analysis.h"
#include "util/buf.h"

static uint64_t seed = 88172645463325252ull;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

#define PICK(a) (a)[rnd(sizeof(a) / sizeof((a)[0]))]

static const char *const companies[] = {
    "Velt Dynamics Corp",    "Harrow Bank",       "Ostrava Motors", "Kestrel Rating",
    "Lumen Technology Inc.", "Nordhavn Shipping", "Pinecrest Air",  "Saltmarsh Energy Group"};
static const char *const agencies[] = {
    "the Coastal Safety Agency (CSA)", "the Ministry of Trade and Industry",
    "the Federal Competition Commission", "the National Water Authority"};
static const char *const people[] = {"Maria Oduya",
                                     "Tomas Vell",
                                     "Jean-Luc Marchetti",
                                     "Park Ji-hoon",
                                     "Ahmad Faisal bin Rahman",
                                     "Dr. Leah Stroud",
                                     "Pieter van der Linden",
                                     "Sen. Robert Tran"};
static const char *const places[] = {"China",  "Germany",    "the United States", "Brazil",
                                     "Japan",  "Washington", "Beijing",           "Chinese",
                                     "French", "Nairobi"};
static const char *const verbs[] = {"said",  "told reporters",      "added", "warned",
                                    "noted", "said in a statement", "argued"};
static const char *const clauses[] = {
    "the plan would cut costs by about 12% over three years",
    "profits had fallen sharply in the second quarter",
    "it would appeal against the ruling before the end of the month",
    "talks with unions were continuing and a deal was close",
    "exports to the region had doubled since 2021",
    "the decision was taken after months of review by independent experts"};
static const char *const quotes[] = {
    "We are not going to walk away from this market",
    "Nobody expected the numbers to turn so quickly, and we will adapt",
    "This is the deal we signed, and we intend to keep it",
    "It's too early to say what the 'new normal' will look like"};

/* Appends one invented paragraph to b. */
static void
paragraph(struct buf *b)
{
	switch (rnd(6)) {
	case 0:
		buf_printf(b, "%s %s that %s, according to %s.", PICK(companies), PICK(verbs),
		           PICK(clauses), PICK(agencies));
		break;
	case 1:
		buf_printf(b, "\"%s,\" %s %s. \"%s.\"", PICK(quotes), PICK(people), PICK(verbs),
		           PICK(quotes));
		break;
	case 2:
		buf_printf(b, "%s, a spokeswoman for %s, %s %s. Officials in %s did not comment.",
		           PICK(people), PICK(companies), PICK(verbs), PICK(clauses), PICK(places));
		break;
	case 3:
		buf_printf(b, "\xe2\x80\x9c%s,\xe2\x80\x9d said %s, adding that %s.", PICK(quotes),
		           PICK(people), PICK(clauses));
		break;
	case 4:
		buf_printf(b, "%s has imposed curbs on %s's %s industry, saying %s.", PICK(places),
		           PICK(places), "semiconductor", PICK(clauses));
		break;
	default:
		buf_printf(b,
		           "Shares in %s rose 4.4%% on Monday after %s approved the deal, the "
		           "biggest in %s since 2019.",
		           PICK(companies), PICK(agencies), PICK(places));
	}
}

static size_t
count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s != '\0'; s++) {
		int sp = *s == ' ' || *s == '\n' || *s == '\t';

		n += !sp && !in;
		in = !sp;
	}
	return n;
}

int
main(int argc, char **argv)
{
	size_t target = (size_t)(argc > 1 ? atol(argv[1]) : 64) << 20, bytes = 0, words = 0;
	size_t ndocs = 0, ndocs_cap = 0, i, p, nents = 0, nstmts = 0, maxents = 0;
	struct doc *docs = NULL;
	struct timespec t0, t1;
	struct buf b = BUF_INIT;
	double secs;

	if (target == 0) {
		fprintf(stderr, "usage: %s [MEGABYTES]\n", argv[0]);
		return 2;
	}
	while (bytes < target) {
		struct doc *d;
		size_t np = 4 + rnd(14);

		if (ndocs == ndocs_cap) {
			ndocs_cap = ndocs_cap ? ndocs_cap * 2 : 1024;
			docs = realloc(docs, ndocs_cap * sizeof(*docs));
			if (docs == NULL)
				return 1;
		}
		d = &docs[ndocs++];
		doc_init(d);
		for (p = 0; p < np; p++) {
			buf_reset(&b);
			if (p == 0)
				buf_printf(&b, "%s fined by %s over %s exports", PICK(companies),
				           PICK(agencies), PICK(places));
			else if (p > 3 && rnd(10) == 0)
				buf_adds(&b, d->paras[p - 2].text); /* a pasted repeat */
			else
				paragraph(&b);
			doc_add_para(d, buf_str(&b), b.len);
			bytes += b.len;
			words += count_words(buf_str(&b));
		}
	}
	buf_free(&b);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	for (i = 0; i < ndocs; i++) {
		struct analysis a;

		dup_mark(&docs[i]);
		analysis_run(&docs[i], &a);
		nents += a.nents;
		nstmts += a.nstmts;
		if (a.nents > maxents)
			maxents = a.nents;
		analysis_free(&a);
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("analysis: %zu articles, %zu words, %.1f MiB in %.3f s of CPU\n", ndocs, words,
	       (double)bytes / (1 << 20), secs);
	printf("analysis: %.0f words/s, %.0f articles/s (%zu entities, %zu statements)\n",
	       secs > 0 ? (double)words / secs : 0.0, secs > 0 ? (double)ndocs / secs : 0.0, nents,
	       nstmts);
	for (i = 0; i < ndocs; i++)
		doc_free(&docs[i]);
	free(docs);
	return 0;
}
