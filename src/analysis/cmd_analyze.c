/* cmd_analyze.c - analyze and reanalyze: the analyzer on the command line. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/analysis.h"
#include "cli.h"
#include "pipeline.h"
#include "text/import.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* SGR colours of each kind: company, agency, country, place, person, org. */
static const char *const kind_sgr[ENT_NKINDS] = {"36", "33", "32", "34", "35", "31"};

/* Returns a copy of text[a, b) that the caller owns; paragraphs of a statement joined by a space.
 */
static char *
stmt_text(const struct doc *d, const size_t *len, const struct ana_statement *s)
{
	struct buf b = BUF_INIT;
	size_t p, from, to;

	buf_add(&b, "", 0);
	for (p = s->para; p <= s->para_end && p < d->npara; p++) {
		from = p == s->para ? s->start : 0;
		to = p == s->para_end ? s->end : len[p];
		if (to > len[p])
			to = len[p];
		if (from < to) {
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_add(&b, d->paras[p].text + from, to - from);
		}
	}
	return buf_detach(&b);
}

/* Paragraph lengths, computed once: the output stays linear in the article. */
static size_t *
para_lens(const struct doc *d)
{
	size_t *len = xcalloc(d->npara + 1, sizeof(*len)), p;

	for (p = 0; p < d->npara; p++)
		len[p] = strlen(d->paras[p].text);
	return len;
}

static int
ment_valid(const struct doc *d, const size_t *len, const struct ana_mention *m)
{
	return m->para < d->npara && m->start <= m->end && m->end <= len[m->para];
}

/* Returns the mentions of a grouped by entity (a counting sort): order[first[e]
 * .. first[e + 1]) are the indexes of entity e's mentions, in text order. */
static size_t *
ment_order(const struct analysis *a, size_t **firstp)
{
	size_t *first = xcalloc(a->nents + 2, sizeof(*first)), *order, *fill, i;

	order = xcalloc(a->nments + 1, sizeof(*order));
	for (i = 0; i < a->nments; i++)
		if (a->ments[i].entity < a->nents)
			first[a->ments[i].entity + 1]++;
	for (i = 0; i < a->nents; i++)
		first[i + 1] += first[i];
	fill = xcalloc(a->nents + 1, sizeof(*fill));
	for (i = 0; i < a->nments; i++) {
		size_t e = a->ments[i].entity;

		if (e < a->nents)
			order[first[e] + fill[e]++] = i;
	}
	free(fill);
	*firstp = first;
	return order;
}

static void
analyze_json(const struct doc *d, const struct analysis *a)
{
	struct buf b = BUF_INIT;
	size_t i, j, *len = para_lens(d), *first, *order = ment_order(a, &first);
	char *s;

	buf_adds(&b, "{\"title\": ");
	json_str(&b, d->title != NULL ? d->title : d->npara > 0 ? d->paras[0].text : "");
	buf_adds(&b, ",\n \"paragraphs\": [");
	for (i = 0; i < d->npara; i++) {
		buf_adds(&b, i ? ",\n  {\"text\": " : "\n  {\"text\": ");
		json_str(&b, d->paras[i].text);
		if (d->paras[i].dup_of >= 0)
			buf_printf(&b, ", \"duplicate_of\": %d}", d->paras[i].dup_of);
		else
			buf_adds(&b, ", \"duplicate_of\": null}");
	}
	buf_adds(&b, "],\n \"entities\": [");
	for (i = 0; i < a->nents; i++) {
		const struct ana_entity *e = &a->ents[i];
		int sep = 0;

		buf_adds(&b, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
		json_str(&b, e->name);
		buf_adds(&b, ", \"kind\": ");
		json_str(&b, ent_kind_name(e->kind));
		buf_adds(&b, ", \"aliases\": [");
		for (j = 0; j < e->naliases; j++) {
			buf_adds(&b, j ? ", " : "");
			json_str(&b, e->aliases[j]);
		}
		buf_adds(&b, "], \"mentions\": [");
		for (j = first[i]; j < first[i + 1]; j++) {
			const struct ana_mention *m = &a->ments[order[j]];

			if (!ment_valid(d, len, m))
				continue;
			buf_printf(
			    &b, "%s{\"paragraph\": %zu, \"start\": %zu, \"end\": %zu, \"text\": ",
			    sep ? ", " : "", m->para, m->start, m->end);
			s = xstrndup(d->paras[m->para].text + m->start, m->end - m->start);
			json_str(&b, s);
			free(s);
			buf_addc(&b, '}');
			sep = 1;
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, "],\n \"statements\": [");
	for (i = 0; i < a->nstmts; i++) {
		const struct ana_statement *st = &a->stmts[i];

		buf_adds(&b, i ? ",\n  {\"speaker\": " : "\n  {\"speaker\": ");
		json_str(&b, st->speaker >= 0 && (size_t)st->speaker < a->nents
		                 ? a->ents[st->speaker].name
		                 : NULL);
		buf_adds(&b, ", \"speaker_text\": ");
		json_str(&b, st->speaker_text);
		buf_printf(&b, ", \"kind\": \"%s\", \"cue\": ", st->direct ? "direct" : "reported");
		json_str(&b, st->cue);
		buf_adds(&b, ", \"text\": ");
		s = stmt_text(d, len, st);
		json_str(&b, s);
		free(s);
		buf_printf(&b, ", \"paragraph\": %zu, \"start\": %zu, \"end\": %zu}", st->para,
		           st->start, st->end);
	}
	buf_adds(&b, "]}\n");
	fputs(buf_str(&b), stdout);
	buf_free(&b);
	free(len);
	free(first);
	free(order);
}

/* Prints text[a, b) made safe for the terminal. */
static void
put_safe(const char *text, size_t a, size_t b)
{
	char *raw, *safe;

	if (a >= b)
		return;
	raw = xstrndup(text + a, b - a);
	safe = utf8_sanitize(raw, 1);
	fputs(safe, stdout);
	free(safe);
	free(raw);
}

static void
style(int kind, int said)
{
	if (kind >= 0 || said)
		printf("\033[%s%s%sm", said ? "4" : "", said && kind >= 0 ? ";" : "",
		       kind >= 0 ? kind_sgr[kind] : "");
}

/* Prints paragraph p with its mentions coloured by kind and its statements
 * underlined; *mi is the first mention not yet printed (mentions come in text
 * order), said a scratch array of len + 1 bytes. */
static void
print_para(const struct doc *d, const struct analysis *a, size_t p, size_t len, size_t *mi,
           char *said, int color)
{
	const char *text = d->paras[p].text;
	size_t i, pos, from;
	int kind, sd, k2, s2;

	if (!color) {
		put_safe(text, 0, len);
		return;
	}
	memset(said, 0, len + 1);
	for (i = 0; i < a->nstmts; i++) {
		const struct ana_statement *s = &a->stmts[i];

		if (s->para <= p && p <= s->para_end) {
			size_t ss = s->para == p ? s->start : 0,
			       se = s->para_end == p ? s->end : len;

			if (se > len)
				se = len;
			if (ss < se)
				memset(said + ss, 1, se - ss);
		}
	}
	while (*mi < a->nments && a->ments[*mi].para < p)
		++*mi;
	from = 0;
	kind = -1;
	sd = said[0];
	for (pos = 0; pos <= len; pos++) {
		const struct ana_mention *m = *mi < a->nments ? &a->ments[*mi] : NULL;

		while (m != NULL && m->para == p && m->end <= pos)
			m = ++*mi < a->nments ? &a->ments[*mi] : NULL;
		k2 = -1;
		if (m != NULL && m->para == p && m->start <= pos && pos < m->end && m->end <= len &&
		    m->entity < a->nents)
			k2 = (int)a->ents[m->entity].kind;
		s2 = pos < len ? said[pos] : 0;
		if (pos == len || k2 != kind || s2 != sd) {
			style(kind, sd);
			put_safe(text, from, pos);
			if (kind >= 0 || sd)
				fputs("\033[0m", stdout);
			from = pos;
			kind = k2;
			sd = s2;
		}
	}
	while (*mi < a->nments && a->ments[*mi].para == p)
		++*mi;
}

static void
analyze_print(const struct doc *d, const struct analysis *a, int color)
{
	size_t p, i, j, folded = 0, mi = 0, maxlen = 0, *len = para_lens(d), *first, *order;
	char *s, *safe, *said;

	for (p = 0; p < d->npara; p++)
		if (len[p] > maxlen)
			maxlen = len[p];
	said = xmalloc(maxlen + 1);
	for (p = 0; p < d->npara; p++) {
		if (d->paras[p].dup_of >= 0) {
			folded++;
			continue;
		}
		if (p == 0 && color)
			fputs("\033[1m", stdout);
		print_para(d, a, p, len[p], &mi, said, color);
		fputs(p == 0 && color ? "\033[0m\n\n" : "\n\n", stdout);
	}
	free(said);
	if (folded > 0)
		printf("(%zu repeated paragraph%s folded)\n\n", folded, folded == 1 ? "" : "s");
	printf("Entities:\n");
	order = ment_order(a, &first);
	for (i = 0; i < a->nents; i++) {
		size_t n = first[i + 1] - first[i];

		safe = utf8_sanitize(a->ents[i].name, 0);
		if (color)
			printf("  \033[%sm%s\033[0m (%s, %zu mention%s)\n",
			       kind_sgr[a->ents[i].kind], safe, ent_kind_name(a->ents[i].kind), n,
			       n == 1 ? "" : "s");
		else
			printf("  %s (%s, %zu mention%s)\n", safe, ent_kind_name(a->ents[i].kind),
			       n, n == 1 ? "" : "s");
		free(safe);
	}
	free(first);
	free(order);
	printf("Statements:\n");
	for (j = 0; j < a->nstmts; j++) {
		const struct ana_statement *st = &a->stmts[j];
		const char *who = st->speaker >= 0 && (size_t)st->speaker < a->nents
		                      ? a->ents[st->speaker].name
		                  : st->speaker_text != NULL ? st->speaker_text
		                                             : "(unknown)";

		safe = utf8_sanitize(who, 0);
		s = stmt_text(d, len, st);
		printf("  %s%s%s [%s%s%s]: ", color ? "\033[1m" : "", safe, color ? "\033[0m" : "",
		       st->direct ? "direct" : "reported", st->cue ? ", " : "",
		       st->cue ? st->cue : "");
		free(safe);
		safe = utf8_sanitize(s, 0);
		printf("%s%s%s\n", st->direct ? "\"" : "", safe, st->direct ? "\"" : "");
		free(safe);
		free(s);
	}
	free(len);
}

/* Returns 1 when arg names a stored article rather than a file. */
static int
is_id(const char *arg)
{
	struct stat sb;
	const char *p;

	for (p = arg; *p >= '0' && *p <= '9'; p++)
		;
	return p != arg && *p == '\0' && stat(arg, &sb) != 0;
}

/* Loads a stored article and its stored analysis (entities without aliases
 * get those their mentions show). */
static int
load_stored(struct cli *c, const char *arg, struct doc *d, struct analysis *a)
{
	long long id = cli_parse_id(arg);
	struct store *st;
	char *cause = NULL;
	size_t i, j, k, *len, *first, *order;

	if (id == 0 || (st = cli_store(c)) == NULL)
		return -1;
	/* an analysis by an older analyzer is made again first */
	if (pipeline_refresh(st, id, &cause) != 0 || store_article_get(st, id, d, &cause) != 0)
		return cli_fail(cause), -1;
	dup_mark(d);
	if (store_analysis_get(st, id, a, &cause) != 0) {
		doc_free(d);
		return cli_fail(cause), -1;
	}
	len = para_lens(d);
	order = ment_order(a, &first);
	for (i = 0; i < a->nents; i++) {
		struct ana_entity *e = &a->ents[i];

		if (e->naliases > 0)
			continue;
		for (j = first[i]; j < first[i + 1] && e->naliases < 32; j++) {
			const struct ana_mention *m = &a->ments[order[j]];
			size_t n;
			const char *s;

			if (!ment_valid(d, len, m))
				continue;
			s = d->paras[m->para].text + m->start;
			n = m->end - m->start;
			if (strlen(e->name) == n && memcmp(e->name, s, n) == 0)
				continue;
			for (k = 0; k < e->naliases; k++)
				if (strlen(e->aliases[k]) == n && memcmp(e->aliases[k], s, n) == 0)
					break;
			if (k < e->naliases)
				continue;
			e->aliases =
			    xreallocarray(e->aliases, e->naliases + 1, sizeof(*e->aliases));
			e->aliases[e->naliases++] = xstrndup(s, n);
		}
	}
	free(len);
	free(first);
	free(order);
	return 0;
}

int
cmd_analyze(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"json", no_argument, NULL, 'j'},
	    {NULL, 0, NULL, 0},
	};
	int ch, json = 0, failed = 0, i;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (ch != 'j') {
			cli_usage(stderr, "analyze");
			return 2;
		}
		json = 1;
	}
	if (optind >= argc) {
		cli_usage(stderr, "analyze");
		return 2;
	}
	for (i = optind; i < argc; i++) {
		struct doc d;
		struct analysis a;
		char *cause = NULL;
		size_t nbad = 0;

		doc_init(&d);
		if (is_id(argv[i])) {
			if (load_stored(c, argv[i], &d, &a) != 0) {
				failed = 1;
				continue;
			}
		} else {
			if (import_file(argv[i], &d, &nbad, &cause) != 0) {
				failed |= cli_fail(cause);
				continue;
			}
			if (nbad > 0)
				cli_error("%s: %zu invalid UTF-8 sequence%s replaced", argv[i],
				          nbad, nbad == 1 ? "" : "s");
			dup_mark(&d);
			analysis_run(&d, &a);
		}
		if (json)
			analyze_json(&d, &a);
		else
			analyze_print(&d, &a, c->color);
		analysis_free(&a);
		doc_free(&d);
	}
	if (fflush(stdout) != 0) {
		cli_error("analyze: cannot write the output");
		return 1;
	}
	return failed;
}

struct reanalyze_ctx {
	struct store *st;
	size_t done, total;
	int progress;
	int in_tx;
	char *cause;
};

#define REANALYZE_BATCH 300

static int
reanalyze_count(int64_t id, void *arg)
{
	(void)id;
	((struct reanalyze_ctx *)arg)->total++;
	return 0;
}

static int
reanalyze_one(int64_t id, void *arg)
{
	struct reanalyze_ctx *r = arg;

	if (!r->in_tx) {
		if (store_begin(r->st, &r->cause) != 0)
			return 1;
		r->in_tx = 1;
	}
	if (pipeline_reanalyze(r->st, id, &r->cause) != 0)
		return 1;
	r->done++;
	if (r->done % REANALYZE_BATCH == 0) {
		if (store_commit(r->st, &r->cause) != 0)
			return 1;
		r->in_tx = 0;
		if (r->progress) {
			fprintf(stderr, "\ranalyzed %zu of %zu articles", r->done, r->total);
			fflush(stderr);
		}
	}
	return 0;
}

int
cmd_reanalyze(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"all", no_argument, NULL, 'a'},
	    {NULL, 0, NULL, 0},
	};
	struct reanalyze_ctx r;
	int ch, all = 0, version;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "a", opts, NULL)) != -1) {
		if (ch != 'a') {
			cli_usage(stderr, "reanalyze");
			return 2;
		}
		all = 1;
	}
	if (optind < argc) {
		cli_usage(stderr, "reanalyze");
		return 2;
	}
	memset(&r, 0, sizeof(r));
	if ((r.st = cli_store(c)) == NULL)
		return 1;
	r.progress = isatty(STDERR_FILENO);
	version = all ? INT_MAX : ANALYSIS_VERSION;
	if (store_analysis_stale(r.st, version, reanalyze_count, &r, &r.cause) != 0 ||
	    store_analysis_stale(r.st, version, reanalyze_one, &r, &r.cause) != 0 ||
	    r.cause != NULL || (r.in_tx && store_commit(r.st, &r.cause) != 0)) {
		if (r.in_tx)
			store_rollback(r.st);
		if (r.progress)
			fputc('\n', stderr);
		return cli_fail(r.cause);
	}
	if (r.progress && r.total >= REANALYZE_BATCH)
		fputc('\n', stderr);
	printf("%zu article%s analyzed\n", r.done, r.done == 1 ? "" : "s");
	return 0;
}
