/* test_analysis.c - the analyzer: tokens, quotation marks, entities and their
 * aliases, statements, duplicate paragraphs. The sentences are invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis/ana_int.h"
#include "analysis/analysis.h"
#include "util/xmalloc.h"

/* Fills d with the paragraphs given (the first is the headline). */
static void
mkdoc(struct doc *d, const char *const *paras)
{
	doc_init(d);
	for (; *paras != NULL; paras++)
		doc_add_para(d, *paras, strlen(*paras));
	d->title = xstrdup(d->paras[0].text);
}

/* Analyzes the paragraphs given into *a; frees both with analyzed_free. */
static void
analyze(const char *const *paras, struct doc *d, struct analysis *a)
{
	mkdoc(d, paras);
	analysis_run(d, a);
}

static void
analyzed_free(struct doc *d, struct analysis *a)
{
	analysis_free(a);
	doc_free(d);
}

/* Returns the text of tokens as "a|b|c" in buf. */
static const char *
tokens_of(const char *text, char *buf, size_t n)
{
	const char *paras[] = {text, NULL};
	struct actx x;
	struct doc d;
	size_t i, o = 0;

	mkdoc(&d, paras);
	memset(&x, 0, sizeof(x));
	x.d = &d;
	tok_run(&x);
	buf[0] = '\0';
	for (i = 0; i < x.nt && o + 1 < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s%.*s", i ? "|" : "", (int)tok_len(&x, i),
		                      tok_text(&x, i));
	free(x.t);
	free(x.pfirst);
	doc_free(&d);
	return buf;
}

static void
test_tokens(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(tokens_of("Mr. Okafor's U.S.-based firm rose 4.4%.", buf, sizeof(buf)),
	                    "Mr.|Okafor|'s|U.S.|-|based|firm|rose|4.4%|.");
	assert_string_equal(
	    tokens_of("Jean-Luc didn't go; well-known \xe2\x80\x9cmaybe\xe2\x80\x9d", buf,
	              sizeof(buf)),
	    "Jean-Luc|didn't|go|;|well-known|\xe2\x80\x9c|maybe|\xe2\x80\x9d");
	assert_string_equal(tokens_of("Velt\xe2\x80\x99s chief\xc2\xa0"
	                              "executive",
	                              buf, sizeof(buf)),
	                    "Velt|\xe2\x80\x99s|chief|executive");
	assert_string_equal(tokens_of("no spaces:a,b", buf, sizeof(buf)), "no|spaces|:|a|,|b");
}

/* The compile-time word hashes the rules use must equal the tokens' hashes. */
static void
test_word_literals(void **state)
{
	(void)state;
	assert_true(GAZ_LIT("said") == gaz_word_hash("said", 4));
	assert_true(GAZ_LIT("Said") == gaz_word_hash("said", 4));
	assert_true(GAZ_LIT("so-called") == gaz_word_hash("So-Called", 9));
	assert_true(GAZ_LIT("acknowledged") == gaz_word_hash("ACKNOWLEDGED", 12));
	assert_true(GAZ_LIT("abcdefghijklmnop") == gaz_word_hash("abcdefghijklmnop", 16));
	assert_true(GAZ_LIT("a") == gaz_word_hash("A", 1));
	assert_true(GAZ_LIT("a") != gaz_word_hash("an", 2));
	assert_true(GAZ_LIT("") == gaz_word_hash("", 0));
}

static void
test_sentences(void **state)
{
	const char *paras[] = {"Head", "Dr. Lund met Acme Inc. The firm said no. Then it left.",
	                       "A second one", NULL};
	struct actx x;
	struct doc d;
	size_t i, nsent = 0;

	(void)state;
	mkdoc(&d, paras);
	memset(&x, 0, sizeof(x));
	x.d = &d;
	tok_run(&x);
	for (i = 0; i < x.nt; i++)
		nsent +=
		    (x.t[i].flags & TF_SSTART) != 0 && (i == 0 || x.t[i].sent != x.t[i - 1].sent);
	/* Head | Dr. Lund met Acme Inc. | The firm said no. | Then it left. | A second one */
	assert_int_equal(x.nsent, 5);
	assert_int_equal(nsent, 5);
	free(x.t);
	free(x.pfirst);
	doc_free(&d);
}

/* Runs the quote scanner on paragraphs; returns the quotations' texts joined by '|'. */
static const char *
quotes_of(const char *const *paras, char *buf, size_t n)
{
	struct actx x;
	struct doc d;
	size_t i, o = 0;

	mkdoc(&d, paras);
	memset(&x, 0, sizeof(x));
	x.d = &d;
	tok_run(&x);
	quote_scan(&x);
	buf[0] = '\0';
	for (i = 0; i < x.nq && o + 1 < n; i++) {
		const struct quote *q = &x.q[i];

		if (q->para == q->para_end)
			o += (size_t)snprintf(buf + o, n - o, "%s%.*s", i ? "|" : "",
			                      (int)(q->end - q->start),
			                      d.paras[q->para].text + q->start);
		else
			o += (size_t)snprintf(buf + o, n - o, "%s%zu-%zu:%s..", i ? "|" : "",
			                      q->para, q->para_end,
			                      d.paras[q->para].text + q->start);
	}
	free(x.t);
	free(x.pfirst);
	free(x.q);
	doc_free(&d);
	return buf;
}

static void
test_quote_marks(void **state)
{
	char buf[512];
	const char *straight[] = {"H", "\"We will not sell,\" she said. \"Never.\"", NULL};
	const char *curly[] = {"H", "\xe2\x80\x9cIt works,\xe2\x80\x9d he said.", NULL};
	const char *guill[] = {"H", "Il a dit \xc2\xab non merci \xc2\xbb hier.", NULL};
	const char *nested[] = {"H", "\"He told me 'go home' today,\" she said.", NULL};
	const char *apos[] = {"H", "The Joneses' dog and 'tis rock 'n' roll from the '90s.", NULL};
	const char *open_end[] = {"H", "\"We will rebuild the plant", "Other words.", NULL};
	const char *multi[] = {"H", "\"The first part of it.", "\"The second part,\" she said.",
	                       NULL};
	const char *single[] = {"H", "'We are ready,' the mayor said.", NULL};

	(void)state;
	assert_string_equal(quotes_of(straight, buf, sizeof(buf)), "We will not sell,|Never.");
	assert_string_equal(quotes_of(curly, buf, sizeof(buf)), "It works,");
	assert_string_equal(quotes_of(guill, buf, sizeof(buf)), " non merci ");
	assert_string_equal(quotes_of(nested, buf, sizeof(buf)), "He told me 'go home' today,");
	assert_string_equal(quotes_of(apos, buf, sizeof(buf)), "");
	assert_string_equal(quotes_of(open_end, buf, sizeof(buf)), "We will rebuild the plant");
	assert_string_equal(quotes_of(multi, buf, sizeof(buf)), "1-2:The first part of it...");
	assert_string_equal(quotes_of(single, buf, sizeof(buf)), "We are ready,");
}

static const struct ana_entity *
find_ent(const struct analysis *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->nents; i++)
		if (strcmp(a->ents[i].name, name) == 0)
			return &a->ents[i];
	return NULL;
}

/* Returns the name of the entity of the mention of `word` (its nth
 * occurrence, from 0) in paragraph p, or "" when it is no mention. */
static const char *
ent_at_n(const struct doc *d, const struct analysis *a, size_t p, const char *word, int nth)
{
	const char *s = strstr(d->paras[p].text, word);
	size_t i, off;

	while (s != NULL && nth-- > 0)
		s = strstr(s + 1, word);
	if (s == NULL)
		return "(not in the text)";
	off = (size_t)(s - d->paras[p].text);
	for (i = 0; i < a->nments; i++)
		if (a->ments[i].para == p && a->ments[i].start == off &&
		    a->ments[i].end == off + strlen(word))
			return a->ents[a->ments[i].entity].name;
	return "";
}

static const char *
ent_at(const struct doc *d, const struct analysis *a, size_t p, const char *word)
{
	return ent_at_n(d, a, p, word, 0);
}

static void
test_aliases(void **state)
{
	const char *paras[] = {
	    "Harbour regulator fines Velt Dynamics Corp",
	    "The Coastal Shipping Authority (CSA) fined freight company Velt Dynamics Corp on "
	    "Monday, and Velt's shares fell.",
	    "Velt chief executive Maria Oduya met CSA officials. Oduya said the firm would appeal.",
	    "The authority declined to comment, and the company said nothing more.", NULL};
	struct analysis a;
	struct doc d;
	const struct ana_entity *e;

	(void)state;
	mkdoc(&d, paras);
	dup_mark(&d);
	analysis_run(&d, &a);
	e = find_ent(&a, "Velt Dynamics Corp");
	assert_non_null(e);
	assert_int_equal(e->kind, ENT_COMPANY);
	assert_string_equal(ent_at_n(&d, &a, 1, "Velt", 1), "Velt Dynamics Corp");
	assert_string_equal(ent_at(&d, &a, 2, "Velt"), "Velt Dynamics Corp");
	e = find_ent(&a, "Coastal Shipping Authority");
	assert_non_null(e);
	assert_int_equal(e->kind, ENT_AGENCY);
	assert_string_equal(ent_at(&d, &a, 1, "CSA"), "Coastal Shipping Authority");
	assert_string_equal(ent_at(&d, &a, 2, "CSA"), "Coastal Shipping Authority");
	e = find_ent(&a, "Maria Oduya");
	assert_non_null(e);
	assert_int_equal(e->kind, ENT_PERSON);
	assert_string_equal(ent_at_n(&d, &a, 2, "Oduya", 1), "Maria Oduya");
	assert_string_equal(ent_at(&d, &a, 3, "the company"), "Velt Dynamics Corp");
	assert_string_equal(ent_at(&d, &a, 3, "The authority"), "Coastal Shipping Authority");
	analyzed_free(&d, &a);
}

static void
test_countries(void **state)
{
	const char *paras[] = {
	    "Ministers meet",
	    "Beijing criticised the US-based group, while Chinese officials met in Washington.",
	    NULL};
	struct analysis a;
	struct doc d;
	const struct ana_entity *e;

	(void)state;
	analyze(paras, &d, &a);
	assert_string_equal(ent_at(&d, &a, 1, "Beijing"), "China");
	assert_string_equal(ent_at(&d, &a, 1, "Chinese"), "China");
	assert_string_equal(ent_at(&d, &a, 1, "US"), "United States");
	/* "in Washington" is the city, not the government */
	assert_string_equal(ent_at(&d, &a, 1, "Washington"), "Washington");
	e = find_ent(&a, "Washington");
	assert_non_null(e);
	assert_int_equal(e->kind, ENT_PLACE);
	analyzed_free(&d, &a);
}

/* Returns statement i's text. */
static char *
stmt_said(const struct doc *d, const struct ana_statement *s)
{
	return xstrndup(d->paras[s->para].text + s->start, s->para == s->para_end
	                                                       ? s->end - s->start
	                                                       : strlen(d->paras[s->para].text));
}

static void
test_statements(void **state)
{
	const char *paras[] = {
	    "Port strike ends",
	    "Dockworkers at Larnport returned on Monday, Harbour Union leader Tomas Vell said.",
	    "\"We got what we came for,\" Vell told the Larnport Gazette.",
	    "\"And we will be back if they break it.\"",
	    "The port operator, Keelside Terminals Ltd, said it welcomed the deal.",
	    "Workers greeted the \"fair enough\" offer last week.",
	    "According to Keelside, traffic will be normal by Friday.",
	    NULL};
	struct analysis a;
	struct doc d;
	char *s;

	(void)state;
	analyze(paras, &d, &a);
	assert_int_equal(a.nstmts, 5);
	/* CLAUSE, SPEAKER said */
	assert_int_equal(a.stmts[0].direct, 0);
	assert_string_equal(a.ents[a.stmts[0].speaker].name, "Tomas Vell");
	s = stmt_said(&d, &a.stmts[0]);
	assert_string_equal(s, "Dockworkers at Larnport returned on Monday");
	free(s);
	/* "QUOTE," SPEAKER told ADDRESSEE: the addressee is not the speaker */
	assert_int_equal(a.stmts[1].direct, 1);
	assert_string_equal(a.ents[a.stmts[1].speaker].name, "Tomas Vell");
	assert_string_equal(a.stmts[1].cue, "told");
	/* a bare quote paragraph inherits the speaker */
	assert_int_equal(a.stmts[2].para, 3);
	assert_string_equal(a.ents[a.stmts[2].speaker].name, "Tomas Vell");
	/* SPEAKER said CLAUSE, with "it" */
	assert_int_equal(a.stmts[3].para, 4);
	assert_string_equal(a.ents[a.stmts[3].speaker].name, "Keelside Terminals Ltd");
	s = stmt_said(&d, &a.stmts[3]);
	assert_string_equal(s, "it welcomed the deal");
	free(s);
	/* the scare quote in paragraph 5 is not a statement; according to X, CLAUSE is */
	assert_int_equal(a.stmts[4].para, 6);
	assert_string_equal(a.stmts[4].cue, "according to");
	assert_string_equal(a.ents[a.stmts[4].speaker].name, "Keelside Terminals Ltd");
	analyzed_free(&d, &a);
}

/* Returns the index of the statement whose said text starts with `start`, or -1. */
static long
stmt_find(const struct doc *d, const struct analysis *a, const char *start)
{
	size_t i;

	for (i = 0; i < a->nstmts; i++)
		if (strncmp(d->paras[a->stmts[i].para].text + a->stmts[i].start, start,
		            strlen(start)) == 0)
			return (long)i;
	return -1;
}

static const char *
speaker_of(const struct analysis *a, long i)
{
	if (i < 0)
		return "(no statement)";
	return a->stmts[i].speaker >= 0 ? a->ents[a->stmts[i].speaker].name : "(no speaker)";
}

static void
test_rules(void **state)
{
	const char *paras[] = {
	    "Grid probe widens",
	    "The National Surveying Agency (NSA) said on Tuesday that grid prices had risen, "
	    "citing "
	    "\"weak oversight of the regional operators.\"",
	    "In a statement to the Harbour Gazette, Brintel Energy said it would cooperate.",
	    "Brazil has protested, saying the tariffs \"break every rule\". Beijing's reply came "
	    "later, and Tokyo said it had no comment, according to officials in Beijing.",
	    "\"We had no warning,\" said Ines Okoro, a spokeswoman for the Harbour Gazette.",
	    NULL};
	struct analysis a;
	struct doc d;
	long s;

	(void)state;
	analyze(paras, &d, &a);
	/* a definition in the text wins over the gazetteer's NSA */
	assert_string_equal(ent_at(&d, &a, 1, "NSA"), "National Surveying Agency");
	s = stmt_find(&d, &a, "grid prices had risen");
	assert_string_equal(speaker_of(&a, s), "National Surveying Agency");
	assert_string_equal(a.stmts[s].cue, "said");
	s = stmt_find(&d, &a, "weak oversight");
	assert_string_equal(speaker_of(&a, s), "National Surveying Agency");
	assert_int_equal(a.stmts[s].direct, 1);
	/* the one addressed is not the speaker */
	s = stmt_find(&d, &a, "it would cooperate");
	assert_string_equal(speaker_of(&a, s), "Brintel Energy");
	/* a participle's speaker is its clause's subject */
	s = stmt_find(&d, &a, "break every rule");
	assert_string_equal(speaker_of(&a, s), "Brazil");
	assert_string_equal(a.stmts[s].cue, "saying");
	/* a seat of government that acts is its country; one after "in" the city */
	assert_string_equal(ent_at(&d, &a, 3, "Beijing"), "China");
	assert_string_equal(ent_at_n(&d, &a, 3, "Beijing", 1), "Beijing");
	s = stmt_find(&d, &a, "it had no comment");
	assert_string_equal(speaker_of(&a, s), "Japan");
	/* "QUOTE," said SPEAKER, APPOSITION */
	s = stmt_find(&d, &a, "We had no warning");
	assert_string_equal(speaker_of(&a, s), "Ines Okoro");
	assert_non_null(find_ent(&a, "Ines Okoro"));
	assert_int_equal(find_ent(&a, "Ines Okoro")->kind, ENT_PERSON);
	analyzed_free(&d, &a);
}

/* Things that look like speech and are not, and a speaker behind an apposition. */
static void
test_not_said(void **state)
{
	const char *paras[] = {
	    "Valve maker braces for licence delay",
	    "ARNHEM, May 4 (Wirenews) - Kellbrook Valves, the Netherlands' largest maker of "
	    "pump seals, said on Monday it expected orders to fall.",
	    "The Export Control Office in neighbouring Belgium added two of its seals to a list "
	    "of restricted goods.",
	    "The office did not say how long a licence would take, and Kellbrook declined to "
	    "say what it had asked for.",
	    "Kellbrook added that it would appeal.",
	    NULL};
	struct analysis a;
	struct doc d;
	long s;

	(void)state;
	analyze(paras, &d, &a);
	/* the name before the apposition speaks, not the country the apposition names */
	s = stmt_find(&d, &a, "it expected orders to fall");
	assert_string_equal(speaker_of(&a, s), "Kellbrook Valves");
	assert_string_equal(a.stmts[s].speaker_text, "Kellbrook Valves");
	/* "added" with an object is not speech; with a clause it is */
	assert_int_equal(stmt_find(&d, &a, "two of its seals"), -1);
	s = stmt_find(&d, &a, "it would appeal");
	assert_string_equal(speaker_of(&a, s), "Kellbrook Valves");
	/* a denied cue says nothing */
	assert_int_equal(stmt_find(&d, &a, "how long a licence"), -1);
	assert_int_equal(stmt_find(&d, &a, "what it had asked"), -1);
	analyzed_free(&d, &a);
}

/* "the group" after "a group of ..." speaks for that new group, not for the
 * last company named; "a company spokesman" brings in no new company. */
static void
test_indefinite_group(void **state)
{
	const char *paras[] = {
	    "Ferry merger draws objections",
	    "Sundmark Ferries agreed on Monday to buy its rival Osterby Lines, the companies said.",
	    "A group of fish exporters has asked the regulator to look at the deal. \"Our "
	    "freight costs will rise,\" the group said.",
	    "A company spokesman for Sundmark Ferries declined to comment. The company said "
	    "later that prices would not change.",
	    NULL};
	struct analysis a;
	struct doc d;
	long s;

	(void)state;
	analyze(paras, &d, &a);
	s = stmt_find(&d, &a, "Our freight costs will rise");
	assert_true(s >= 0);
	assert_string_equal(speaker_of(&a, s), "(no speaker)");
	assert_string_equal(a.stmts[s].speaker_text, "the group");
	s = stmt_find(&d, &a, "later that prices would not change");
	assert_string_equal(speaker_of(&a, s), "Sundmark Ferries");
	analyzed_free(&d, &a);
}

/* "X told to do Y" is the passive of a directive: X is told, X says nothing;
 * "the Chamber of Trade" is one name. */
static void
test_told_to(void **state)
{
	const char *paras[] = {
	    "Landlords told to fix damp flats within a month",
	    "Tenants were urged to report mould, and the Harlow Chamber of Trade said rents "
	    "would rise.",
	    "Residents warned to boil water as pipes fail. Officials told reporters the supply "
	    "was safe again.",
	    NULL};
	struct analysis a;
	struct doc d;
	long s;

	(void)state;
	analyze(paras, &d, &a);
	assert_int_equal(stmt_find(&d, &a, "fix damp flats"), -1);
	assert_int_equal(stmt_find(&d, &a, "report mould"), -1);
	assert_int_equal(stmt_find(&d, &a, "boil water"), -1);
	s = stmt_find(&d, &a, "rents would rise");
	assert_string_equal(speaker_of(&a, s), "Harlow Chamber of Trade");
	assert_true(stmt_find(&d, &a, "the supply was safe again") >= 0);
	analyzed_free(&d, &a);
}

/* A portfolio before a title is part of the title, not a name; a dateline's
 * state abbreviation is the state; "the X river" is a place. */
static void
test_portfolio_dateline(void **state)
{
	const char *paras[] = {
	    "Budget talks stall",
	    "DENVER, Colo. (Wirenews) - Health Minister Ana Ruiz said the budget would cover "
	    "every rural clinic next year.",
	    "Farmers along the Velmora river have not been paid since the floods.", NULL};
	struct analysis a;
	struct doc d;
	size_t i;

	(void)state;
	analyze(paras, &d, &a);
	assert_non_null(find_ent(&a, "Colorado"));
	assert_int_equal(find_ent(&a, "Colorado")->kind, ENT_PLACE);
	assert_non_null(find_ent(&a, "Ana Ruiz"));
	for (i = 0; i < a.nents; i++) {
		assert_string_not_equal(a.ents[i].name, "Health");
		assert_string_not_equal(a.ents[i].name, "Colo.");
	}
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "the budget would cover")),
	                    "Ana Ruiz");
	/* a place noun after the name makes it a place */
	assert_non_null(find_ent(&a, "Velmora"));
	assert_int_equal(find_ent(&a, "Velmora")->kind, ENT_PLACE);
	analyzed_free(&d, &a);
}

/* A product recall is not speech; "the ministry" is no authority of
 * another name. */
static void
test_recall_ministry(void **state)
{
	const char *paras[] = {
	    "Dorvan Appliances recalls 20,000 kettles",
	    "The Consumer Safety Authority said it had received nine reports of kettles "
	    "overheating.",
	    "A spokesman for the trade ministry declined to comment. According to the ministry, "
	    "an inquiry into the overheating kettles will start in June.",
	    "The chairman recalled that the firm had faced a recall in 2019.", NULL};
	struct analysis a;
	struct doc d;
	long s;

	(void)state;
	analyze(paras, &d, &a);
	assert_int_equal(stmt_find(&d, &a, "20,000 kettles"), -1);
	s = stmt_find(&d, &a, "an inquiry into the overheating");
	assert_true(s >= 0);
	assert_string_equal(speaker_of(&a, s), "(no speaker)");
	assert_true(stmt_find(&d, &a, "the firm had faced a recall") >= 0);
	s = stmt_find(&d, &a, "it had received nine reports");
	assert_string_equal(speaker_of(&a, s), "Consumer Safety Authority");
	analyzed_free(&d, &a);
}

/* "and" after a complete company name starts another; inside an "of"
 * complement it does not. */
static void
test_and_splits(void **state)
{
	const char *paras[] = {
	    "Cloud firms defend water use",
	    "The two builders, Norvale Cloud and Ibercompute, said their cooling recycles most "
	    "of the water.",
	    "The Ministry of Industry and Trade said it would review the permits next month.",
	    NULL};
	struct analysis a;
	struct doc d;

	(void)state;
	analyze(paras, &d, &a);
	assert_non_null(find_ent(&a, "Norvale Cloud"));
	assert_non_null(find_ent(&a, "Ibercompute"));
	assert_null(find_ent(&a, "Norvale Cloud and Ibercompute"));
	assert_non_null(find_ent(&a, "Ministry of Industry and Trade"));
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "it would review the permits")),
	                    "Ministry of Industry and Trade");
	analyzed_free(&d, &a);
}

/* A known name after "of" stays in the name; titles in a row all go; "warns
 * of" says no clause; the dateline's agency speaks for no one; "but said" is
 * the first verb's speaker again. */
static void
test_central_bank(void **state)
{
	const char *paras[] = {
	    "Central bank warns of housing risks",
	    "OSLO, June 2 (Wirenews) - Norway's central bank warned on Wednesday that falling "
	    "house prices were hurting households, but said the banks remained strong enough "
	    "to absorb losses.",
	    "The Reserve Bank of New Zealand said its own review would come in July.",
	    "\"Most borrowers are coping,\" Deputy Governor Karen Whitlow told a news "
	    "conference.",
	    NULL};
	struct analysis a;
	struct doc d;
	long s;
	size_t i;

	(void)state;
	analyze(paras, &d, &a);
	assert_int_equal(stmt_find(&d, &a, "housing risks"), -1);
	assert_non_null(find_ent(&a, "Reserve Bank of New Zealand"));
	assert_non_null(find_ent(&a, "Karen Whitlow"));
	for (i = 0; i < a.nstmts; i++)
		assert_true(a.stmts[i].speaker < 0 ||
		            strcmp(a.ents[a.stmts[i].speaker].name, "Wirenews") != 0);
	s = stmt_find(&d, &a, "falling house prices were hurting households");
	assert_true(s >= 0);
	assert_int_equal(a.stmts[s].end - a.stmts[s].start,
	                 strlen("falling house prices were hurting households"));
	assert_true(stmt_find(&d, &a, "the banks remained strong") >= 0);
	assert_int_equal(a.stmts[stmt_find(&d, &a, "the banks remained strong")].speaker,
	                 a.stmts[s].speaker);
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "Most borrowers")), "Karen Whitlow");
	analyzed_free(&d, &a);
}

/* "in X's system" does not place X; an app is a company. */
static void
test_possessive_not_place(void **state)
{
	const char *paras[] = {
	    "Watchdog fines app",
	    "Hackers used a flaw in Vantoria's password reset system for five months.",
	    "The watchdog fined payments app Quillmark for a similar leak.", NULL};
	struct analysis a;
	struct doc d;

	(void)state;
	analyze(paras, &d, &a);
	assert_non_null(find_ent(&a, "Vantoria"));
	assert_true(find_ent(&a, "Vantoria")->kind != ENT_PLACE);
	assert_non_null(find_ent(&a, "Quillmark"));
	assert_int_equal(find_ent(&a, "Quillmark")->kind, ENT_COMPANY);
	analyzed_free(&d, &a);
}

/* The first word after a dateline starts a sentence: a plural noun there is
 * no name, a name with an apposition is. */
static void
test_after_dateline(void **state)
{
	const char *paras[] = {
	    "Quota talks collapse",
	    "BRUSSELS, Dec 9 (Wirenews) - Negotiations between the two sides broke down late "
	    "on Friday.",
	    "OSLO (Wirenews) - Skarvik, the salmon farming company, said it would cut 300 jobs "
	    "in the north.",
	    NULL};
	struct analysis a;
	struct doc d;

	(void)state;
	analyze(paras, &d, &a);
	assert_null(find_ent(&a, "Negotiations"));
	assert_non_null(find_ent(&a, "Skarvik"));
	assert_int_equal(find_ent(&a, "Skarvik")->kind, ENT_COMPANY);
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "it would cut 300 jobs")), "Skarvik");
	analyzed_free(&d, &a);
}

/* The one told may be any noun phrase: the said clause starts after "that". */
static void
test_told_committee(void **state)
{
	const char *paras[] = {
	    "Minister urges talks",
	    "Minister Lena Dahl urged calm, telling a parliamentary committee that a long strike "
	    "would hurt the whole industry.",
	    "Dahl told the regional press council that the yards would reopen within a month.",
	    NULL};
	struct analysis a;
	struct doc d;

	(void)state;
	analyze(paras, &d, &a);
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "a long strike would hurt")),
	                    "Lena Dahl");
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "the yards would reopen")),
	                    "Lena Dahl");
	analyzed_free(&d, &a);
}

/* A common word after "of" ends a name; "known as" gives an alias. */
static void
test_known_as(void **state)
{
	const char *paras[] = {
	    "Card cap passes",
	    "The Moravian Federation of Lenders, known as Morfed, said the cap would cut credit "
	    "to poor customers.",
	    "In a statement, Morfed said lenders would have to tighten their approval criteria.",
	    NULL};
	struct analysis a;
	struct doc d;

	(void)state;
	analyze(paras, &d, &a);
	assert_non_null(find_ent(&a, "Moravian Federation of Lenders"));
	assert_null(find_ent(&a, "Morfed"));
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "lenders would have to tighten")),
	                    "Moravian Federation of Lenders");
	analyzed_free(&d, &a);
}

/* Plural subjects speak in the base form ("researchers warn that"); after
 * "to" or a modal the verb says nothing yet. */
static void
test_base_forms(void **state)
{
	const char *paras[] = {
	    "Seed subsidy planned",
	    "Agriculture Secretary Peter Kamau says the ministry will pay for certified seed.",
	    "Researchers at the Rift Valley Institute warn that the new varieties yield less in "
	    "good years.",
	    "The institute would respond within six weeks, as the law requires, and is expected to "
	    "confirm its findings in May.",
	    NULL};
	struct analysis a;
	struct doc d;
	size_t i;

	(void)state;
	analyze(paras, &d, &a);
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "the ministry will pay")),
	                    "Peter Kamau");
	for (i = 0; i < a.nents; i++)
		assert_string_not_equal(a.ents[i].name, "Agriculture");
	assert_true(stmt_find(&d, &a, "the new varieties yield less") >= 0);
	assert_int_equal(stmt_find(&d, &a, "within six weeks"), -1);
	assert_int_equal(stmt_find(&d, &a, "its findings"), -1);
	analyzed_free(&d, &a);
}

/* "the airline" again is the airline it was before, though another company
 * came between; a name before "'s chief executive" is a name. */
static void
test_description_chain(void **state)
{
	const char *paras[] = {
	    "Carrier cuts flights",
	    "Irish carrier Skyvane will cancel 2,400 flights this summer, the airline said on "
	    "Thursday.",
	    "The engines, made by Albion Aero, must be checked. Albion Aero said it was adding "
	    "shifts at its repair shops.",
	    "Passengers will be offered refunds or new bookings, according to the airline.",
	    "Brekka's chief executive, Ola Brekke, told reporters his airline had spare aircraft.",
	    NULL};
	struct analysis a;
	struct doc d;

	(void)state;
	analyze(paras, &d, &a);
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "Passengers will be offered")),
	                    "Skyvane");
	assert_non_null(find_ent(&a, "Brekka"));
	analyzed_free(&d, &a);
}

/* A description does not follow an earlier one past "a group of ...". */
static void
test_chain_stops_at_indefinite(void **state)
{
	const char *paras[] = {
	    "Harbour row",
	    "The group, Varnex Holdings, said profits rose. The group said sales rose in Asia.",
	    "A group of fishermen has asked for talks. \"We want our harbour back,\" the group "
	    "said.",
	    NULL};
	struct analysis a;
	struct doc d;
	long s;

	(void)state;
	analyze(paras, &d, &a);
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "sales rose in Asia")),
	                    "Varnex Holdings");
	s = stmt_find(&d, &a, "We want our harbour back");
	assert_true(s >= 0);
	assert_string_equal(speaker_of(&a, s), "(no speaker)");
	analyzed_free(&d, &a);
}

/* A given name that is also a capital starts a person's name; a place after
 * "in" inside the speaker's noun phrase is not the speaker. */
static void
test_sofia(void **state)
{
	const char *paras[] = {
	    "Asthma drug approved",
	    "\"An approval means nothing if parents cannot pay,\" said Sofia Lind of the Asthma "
	    "Families Network.",
	    "Officials in Oslo said the price would be set by the end of the year.", NULL};
	struct analysis a;
	struct doc d;
	long s;

	(void)state;
	analyze(paras, &d, &a);
	assert_non_null(find_ent(&a, "Sofia Lind"));
	assert_int_equal(find_ent(&a, "Sofia Lind")->kind, ENT_PERSON);
	s = stmt_find(&d, &a, "the price would be set");
	assert_true(s >= 0);
	assert_string_equal(speaker_of(&a, s), "(no speaker)");
	assert_string_equal(a.stmts[s].speaker_text, "Officials in Oslo");
	analyzed_free(&d, &a);
}

/* Every capital of an of-complement stays in the name, its acronym with it. */
static void
test_union_of_workers(void **state)
{
	const char *paras[] = {
	    "Port strike",
	    "The Union of Port and Harbour Workers (UPHW) said the strike would go on.",
	    "The UPHW said talks would resume next week.", NULL};
	struct analysis a;
	struct doc d;

	(void)state;
	analyze(paras, &d, &a);
	assert_non_null(find_ent(&a, "Union of Port and Harbour Workers"));
	assert_null(find_ent(&a, "UPHW"));
	assert_string_equal(speaker_of(&a, stmt_find(&d, &a, "talks would resume")),
	                    "Union of Port and Harbour Workers");
	analyzed_free(&d, &a);
}

/* An acronym defined in the text is a name even when it is also a time zone. */
static void
test_defined_stopword(void **state)
{
	const char *paras[] = {"Regulator adds pumps to export list",
	                       "The Board of Seal Trade (BST) listed two pumps on Monday.",
	                       "The BST said the pumps could be used in drones.", NULL};
	const char *other[] = {"Meeting moved", "The vote starts at 10:00 BST on Monday.", NULL};
	struct analysis a;
	struct doc d;
	long s;

	(void)state;
	analyze(paras, &d, &a);
	assert_string_equal(ent_at(&d, &a, 2, "BST"), "Board of Seal Trade");
	s = stmt_find(&d, &a, "the pumps could be used");
	assert_string_equal(speaker_of(&a, s), "Board of Seal Trade");
	analyzed_free(&d, &a);
	/* undefined, it stays a time zone */
	mkdoc(&d, other);
	analysis_run(&d, &a);
	assert_int_equal(a.nents, 0);
	analyzed_free(&d, &a);
}

static void
test_dup_mark(void **state)
{
	const char *paras[] = {"Same",
	                       "The \xe2\x80\x9c"
	                       "first\xe2\x80\x9d  paragraph \xe2\x80\x93 here.",
	                       "Second.",
	                       " The \"first\" paragraph - here. ",
	                       "Second.",
	                       "Same",
	                       NULL};
	struct doc d;

	(void)state;
	mkdoc(&d, paras);
	dup_mark(&d);
	assert_int_equal(d.paras[0].dup_of, -1);
	assert_int_equal(d.paras[1].dup_of, -1);
	assert_int_equal(d.paras[2].dup_of, -1);
	assert_int_equal(d.paras[3].dup_of, 1);
	assert_int_equal(d.paras[4].dup_of, 2);
	assert_int_equal(d.paras[5].dup_of, -1); /* the headline is never one of them */
	doc_free(&d);
}

/* Long runs of plain words are compared eight bytes at a time: spaces at the
 * edges of those blocks, doubled or of other kinds, still count as one. */
static void
test_dup_blocks(void **state)
{
	const char *paras[] = {"Head",
	                       "Harbour cranes at Velt were idle for most of the week again.",
	                       "Harbour cranes  at Velt were idle for most of the week again. ",
	                       "Harbour cranes at\tVelt were idle for most of\nthe week again.",
	                       " Harbour cranes at Velt were idle for most of the week\xc2\xa0"
	                       "again.",
	                       "Harbour cranes at Velt were idle for most of the week agai.",
	                       "Harbour cranes at Velt were idle for most of the week  again",
	                       "Harbour cranes at Velt were idle for most of the week again",
	                       NULL};
	struct doc d;

	(void)state;
	mkdoc(&d, paras);
	dup_mark(&d);
	assert_int_equal(d.paras[1].dup_of, -1);
	assert_int_equal(d.paras[2].dup_of, 1);
	assert_int_equal(d.paras[3].dup_of, 1);
	assert_int_equal(d.paras[4].dup_of, 1);
	assert_int_equal(d.paras[5].dup_of, -1);
	assert_int_equal(d.paras[6].dup_of, -1);
	assert_int_equal(d.paras[7].dup_of, 6);
	doc_free(&d);
}

/* Bytes that are not prose still give a result, in bounded time. */
static void
test_hostile(void **state)
{
	static const char *const pats[] = {"\"", "'", "\xe2\x80\x9c", "Aa ", "A", "(", "\xc2\xab"};
	size_t n = 1 << 16, i, k, len;
	struct analysis a;
	struct doc d;
	char *buf = malloc(n + 1);

	(void)state;
	for (k = 0; k < sizeof(pats) / sizeof(pats[0]); k++) {
		len = strlen(pats[k]);
		for (i = 0; i + len <= n; i += len)
			memcpy(buf + i, pats[k], len);
		buf[i] = '\0';
		doc_init(&d);
		doc_add_para(&d, "T", 1);
		doc_add_para(&d, buf, i);
		doc_add_para(&d, buf, i);
		dup_mark(&d);
		analysis_run(&d, &a);
		for (i = 0; i < a.nments; i++)
			assert_true(a.ments[i].end <= strlen(d.paras[a.ments[i].para].text));
		analysis_free(&a);
		doc_free(&d);
	}
	srand(7);
	for (k = 0; k < 50; k++) {
		for (i = 0; i < 4096; i++)
			buf[i] = (char)(rand() % 255 + 1);
		doc_init(&d);
		doc_add_para(&d, buf, 4096);
		doc_add_para(&d, buf + 100, 3000);
		analysis_run(&d, &a);
		analysis_free(&a);
		doc_free(&d);
	}
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_word_literals),
	    cmocka_unit_test(test_tokens),
	    cmocka_unit_test(test_sentences),
	    cmocka_unit_test(test_quote_marks),
	    cmocka_unit_test(test_aliases),
	    cmocka_unit_test(test_countries),
	    cmocka_unit_test(test_statements),
	    cmocka_unit_test(test_dup_mark),
	    cmocka_unit_test(test_dup_blocks),
	    cmocka_unit_test(test_hostile),
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_not_said),
	    cmocka_unit_test(test_indefinite_group),
	    cmocka_unit_test(test_told_to),
	    cmocka_unit_test(test_portfolio_dateline),
	    cmocka_unit_test(test_recall_ministry),
	    cmocka_unit_test(test_and_splits),
	    cmocka_unit_test(test_central_bank),
	    cmocka_unit_test(test_possessive_not_place),
	    cmocka_unit_test(test_after_dateline),
	    cmocka_unit_test(test_told_committee),
	    cmocka_unit_test(test_known_as),
	    cmocka_unit_test(test_base_forms),
	    cmocka_unit_test(test_description_chain),
	    cmocka_unit_test(test_chain_stops_at_indefinite),
	    cmocka_unit_test(test_sofia),
	    cmocka_unit_test(test_union_of_workers),
	    cmocka_unit_test(test_defined_stopword),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
