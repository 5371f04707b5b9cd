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
stmt_text(const struct doc *d, const struct ana_statement *s)
{
	struct buf b = BUF_INIT;
	size_t p, from, to, len;

	buf_add(&b, "", 0);
	for (p = s->para; p <= s->para_end && p < d->npara; p++) {
		len = strlen(d->paras[p].text);
		from = p == s->para ? s->start : 0;
		to = p == s->para_end ? s->end : len;
		if (to > len)
			to = len;
		if (from < to) {
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_add(&b, d->paras[p].text + from, to - from);
		}
	}
	return buf_detach(&b);
}

static int
ment_valid(const struct doc *d, const struct ana_mention *m)
{
	return m->para < d->npara && m->start <= m->end && m->end <= strlen(d->paras[m->para].text);
}

static void
analyze_json(const struct doc *d, const struct analysis *a)
{
	struct buf b = BUF_INIT;
	size_t i, j;
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
		int first = 1;

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
		for (j = 0; j < a->nments; j++) {
			const struct ana_mention *m = &a->ments[j];

			if (m->entity != i || !ment_valid(d, m))
				continue;
			buf_printf(
			    &b, "%s{\"paragraph\": %zu, \"start\": %zu, \"end\": %zu, \"text\": ",
			    first ? "" : ", ", m->para, m->start, m->end);
			s = xstrndup(d->paras[m->para].text + m->start, m->end - m->start);
			json_str(&b, s);
			free(s);
			buf_addc(&b, '}');
			first = 0;
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
		s = stmt_text(d, st);
		json_str(&b, s);
		free(s);
		buf_printf(&b, ", \"paragraph\": %zu, \"start\": %zu, \"end\": %zu}", st->para,
		           st->start, st->end);
	}
	buf_adds(&b, "]}\n");
	fputs(buf_str(&b), stdout);
	buf_free(&b);
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

static int
cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return a < b ? -1 : a > b;
}

/* Prints paragraph p with its mentions coloured by kind and its statements underlined. */
static void
print_para(const struct doc *d, const struct analysis *a, size_t p, int color)
{
	const char *text = d->paras[p].text;
	size_t len = strlen(text), nb = 0, i, j, *bounds;

	if (!color) {
		put_safe(text, 0, len);
		return;
	}
	bounds = xreallocarray(NULL, 2 * (a->nments + a->nstmts) + 2, sizeof(*bounds));
	bounds[nb++] = 0;
	bounds[nb++] = len;
	for (i = 0; i < a->nments; i++)
		if (a->ments[i].para == p && ment_valid(d, &a->ments[i])) {
			bounds[nb++] = a->ments[i].start;
			bounds[nb++] = a->ments[i].end;
		}
	for (i = 0; i < a->nstmts; i++) {
		const struct ana_statement *s = &a->stmts[i];

		if (s->para <= p && p <= s->para_end) {
			bounds[nb++] = s->para == p && s->start <= len ? s->start : 0;
			bounds[nb++] = s->para_end == p && s->end <= len ? s->end : len;
		}
	}
	qsort(bounds, nb, sizeof(*bounds), cmp_size);
	for (i = 0; i + 1 < nb; i++) {
		size_t from = bounds[i], to = bounds[i + 1];
		int kind = -1, said = 0;

		if (from >= to)
			continue;
		for (j = 0; j < a->nments; j++)
			if (a->ments[j].para == p && a->ments[j].start <= from &&
			    to <= a->ments[j].end && a->ments[j].entity < a->nents)
				kind = (int)a->ents[a->ments[j].entity].kind;
		for (j = 0; j < a->nstmts; j++) {
			const struct ana_statement *s = &a->stmts[j];
			size_t ss = s->para == p ? s->start : 0,
			       se = s->para_end == p ? s->end : len;

			if (s->para <= p && p <= s->para_end && ss <= from && to <= se)
				said = 1;
		}
		if (kind >= 0 || said)
			printf("\033[%s%s%sm", said ? "4" : "", said && kind >= 0 ? ";" : "",
			       kind >= 0 ? kind_sgr[kind] : "");
		put_safe(text, from, to);
		if (kind >= 0 || said)
			fputs("\033[0m", stdout);
	}
	free(bounds);
}

static void
analyze_print(const struct doc *d, const struct analysis *a, int color)
{
	size_t p, i, folded = 0;
	char *s, *safe;

	for (p = 0; p < d->npara; p++) {
		if (d->paras[p].dup_of >= 0) {
			folded++;
			continue;
		}
		if (p == 0 && color)
			fputs("\033[1m", stdout);
		print_para(d, a, p, color);
		fputs(p == 0 && color ? "\033[0m\n\n" : "\n\n", stdout);
	}
	if (folded > 0)
		printf("(%zu repeated paragraph%s folded)\n\n", folded, folded == 1 ? "" : "s");
	printf("Entities:\n");
	for (i = 0; i < a->nents; i++) {
		size_t n = 0, j;

		for (j = 0; j < a->nments; j++)
			n += a->ments[j].entity == i;
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
	printf("Statements:\n");
	for (i = 0; i < a->nstmts; i++) {
		const struct ana_statement *st = &a->stmts[i];
		const char *who = st->speaker >= 0 && (size_t)st->speaker < a->nents
		                      ? a->ents[st->speaker].name
		                  : st->speaker_text != NULL ? st->speaker_text
		                                             : "(unknown)";

		safe = utf8_sanitize(who, 0);
		s = stmt_text(d, st);
		printf("  %s%s%s [%s%s%s]: ", color ? "\033[1m" : "", safe, color ? "\033[0m" : "",
		       st->direct ? "direct" : "reported", st->cue ? ", " : "",
		       st->cue ? st->cue : "");
		free(safe);
		safe = utf8_sanitize(s, 0);
		printf("%s%s%s\n", st->direct ? "\"" : "", safe, st->direct ? "\"" : "");
		free(safe);
		free(s);
	}
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
	size_t i, j, k;

	if (id == 0 || (st = cli_store(c)) == NULL)
		return -1;
	if (store_article_get(st, id, d, &cause) != 0)
		return cli_fail(cause), -1;
	dup_mark(d);
	if (store_analysis_get(st, id, a, &cause) != 0) {
		doc_free(d);
		return cli_fail(cause), -1;
	}
	for (i = 0; i < a->nents; i++) {
		struct ana_entity *e = &a->ents[i];

		if (e->naliases > 0)
			continue;
		for (j = 0; j < a->nments && e->naliases < 32; j++) {
			const struct ana_mention *m = &a->ments[j];
			size_t n;
			const char *s;

			if (m->entity != i || !ment_valid(d, m))
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
