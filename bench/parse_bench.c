/* parse_bench.c - the fetcher's worker path on a folder of feeds (a corpus from
 * the shared bench's gen_corpus.py): every file through feed_parse, every item
 * through feed_item_doc and, with -a, dup_mark and analysis_run, one feed at a
 * time on one thread, as fetch.c's worker does it. Nothing is fetched or stored.
 * Times are CPU seconds per stage (each stage run over a feed's items in turn);
 * the files are read before the clock starts.
 *   bench/parse_bench [-a] [-d] DIR [ROUNDS]
 * -d prints everything the stages made (feeds, items, paragraphs, links,
 * entities, mentions, statements) instead of timing, so that two builds can be
 * compared with diff (bench/parse-diff.sh). */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "analysis/analysis.h"
#include "feed/feed.h"
#include "text/import.h"
#include "util/xmalloc.h"

static double
bench_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
bench_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
bench_dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
bench_s(const char *label, const char *s)
{
	printf("%s\t%s\n", label, s != NULL ? s : "(null)");
}

static void
bench_dump_feed(const struct feed *f)
{
	size_t i, k;

	bench_s("format", f->format);
	bench_s("title", f->title);
	bench_s("link", f->link);
	bench_s("subtitle", f->subtitle);
	bench_s("id", f->id);
	bench_s("author", f->author);
	bench_s("language", f->language);
	printf("updated\t%" PRId64 "\nttl\t%d\n", f->updated, f->ttl_minutes);
	for (i = 0; i < f->nitems; i++) {
		const struct feed_item *it = &f->items[i];

		printf("item\t%zu\n", i);
		bench_s("id", it->id);
		bench_s("title", it->title);
		bench_s("link", it->link);
		bench_s("author", it->author);
		printf("dates\t%" PRId64 " %" PRId64 "\n", it->published, it->updated);
		bench_s("summary", it->summary);
		bench_s("content", it->content);
		bench_s("summary_html", it->summary_html);
		bench_s("base", it->base);
		for (k = 0; k < it->nencs; k++)
			printf("enc\t%s %s %" PRId64 "\n", it->encs[k].url,
			       it->encs[k].type ? it->encs[k].type : "-", it->encs[k].length);
		for (k = 0; k < it->ncats; k++)
			bench_s("cat", it->cats[k]);
	}
}

static void
bench_dump_doc(const struct doc *d, const struct analysis *a)
{
	size_t i, k;

	bench_s("key", d->key);
	bench_s("url", d->url);
	bench_s("dtitle", d->title);
	bench_s("dauthor", d->author);
	printf("ddates\t%" PRId64 " %" PRId64 " summary_only %d html %d\n", d->published,
	       d->updated, d->summary_only, d->source_is_html);
	for (i = 0; i < d->npara; i++)
		printf("p%zu dup %d\t%s\n", i, d->paras[i].dup_of, d->paras[i].text);
	for (i = 0; i < d->nlinks; i++)
		bench_s("dlink", d->links[i]);
	if (a == NULL)
		return;
	for (i = 0; i < a->nents; i++) {
		printf("ent %zu %s\t%s", i, ent_kind_name(a->ents[i].kind), a->ents[i].name);
		for (k = 0; k < a->ents[i].naliases; k++)
			printf(" | %s", a->ents[i].aliases[k]);
		printf("\n");
	}
	for (i = 0; i < a->nments; i++)
		printf("ment %zu %zu %zu-%zu\n", a->ments[i].entity, a->ments[i].para,
		       a->ments[i].start, a->ments[i].end);
	for (i = 0; i < a->nstmts; i++) {
		const struct ana_statement *s = &a->stmts[i];

		printf("stmt %ld %s direct %d cue %s para %zu %zu-%zu %zu\n", s->speaker,
		       s->speaker_text ? s->speaker_text : "-", s->direct, s->cue ? s->cue : "-",
		       s->para, s->start, s->para_end, s->end);
	}
}

int
main(int argc, char **argv)
{
	DIR *dir;
	struct dirent *e;
	char **names = NULL, **datas, *cause = NULL;
	size_t *lens, nnames = 0, i, k, nd, bytes = 0, items = 0, paras = 0, failed = 0;
	struct doc *docs;
	struct analysis *anas;
	double t0, t1, t2, t3, *totals;
	double parse_s, render_s, dup_s, ana_s;
	int rounds, r, analyze = 0, dump = 0, opt;
	struct rusage ru;

	while ((opt = getopt(argc, argv, "ad")) != -1) {
		if (opt == 'a')
			analyze = 1;
		else if (opt == 'd')
			dump = 1;
		else
			goto usage;
	}
	if (optind >= argc || (dir = opendir(argv[optind])) == NULL)
		goto usage;
	rounds = optind + 1 < argc ? atoi(argv[optind + 1]) : 1;
	if (rounds < 1 || dump)
		rounds = 1;
	while ((e = readdir(dir)) != NULL)
		if (e->d_name[0] != '.') {
			names = xreallocarray(names, nnames + 1, sizeof(*names));
			names[nnames++] = xasprintf("%s/%s", argv[optind], e->d_name);
		}
	closedir(dir);
	qsort(names, nnames, sizeof(*names), bench_cmp);
	datas = xcalloc(nnames + 1, sizeof(*datas));
	lens = xcalloc(nnames + 1, sizeof(*lens));
	for (i = 0; i < nnames; i++) {
		if (import_read(names[i], 64u << 20, &datas[i], &lens[i], &cause) != 0) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		bytes += lens[i];
	}
	totals = xcalloc((size_t)rounds, sizeof(*totals));
	for (r = 0; r < rounds; r++) {
		items = paras = failed = 0;
		parse_s = render_s = dup_s = ana_s = 0;
		for (i = 0; i < nnames; i++) {
			struct feed f;

			t0 = bench_cpu();
			if (feed_parse(datas[i], lens[i], names[i], NULL, &f, &cause) != 0) {
				if (dump)
					printf("file\t%s\nerror\t%s\n", strrchr(names[i], '/') + 1,
					       cause);
				free(cause);
				failed++;
				continue;
			}
			t1 = bench_cpu();
			parse_s += t1 - t0;
			if (dump) {
				printf("file\t%s\n", strrchr(names[i], '/') + 1);
				bench_dump_feed(&f);
			}
			/* a stage at a time over the feed's items, so that the clock is
			 * read a few times a feed rather than four times an item */
			docs = xcalloc(f.nitems + 1, sizeof(*docs));
			anas = xcalloc(f.nitems + 1, sizeof(*anas));
			for (k = nd = 0; k < f.nitems; k++) {
				if (feed_item_doc(&f, &f.items[k], &docs[nd], &cause) != 0) {
					if (dump)
						printf("doc %zu error\t%s\n", k, cause);
					free(cause);
					failed++;
					continue;
				}
				paras += docs[nd++].npara;
			}
			items += nd;
			t2 = bench_cpu();
			render_s += t2 - t1;
			for (k = 0; analyze && k < nd; k++)
				dup_mark(&docs[k]);
			t3 = bench_cpu();
			dup_s += t3 - t2;
			for (k = 0; analyze && k < nd; k++)
				analysis_run(&docs[k], &anas[k]);
			ana_s += bench_cpu() - t3;
			for (k = 0; k < nd; k++) {
				if (dump)
					bench_dump_doc(&docs[k], analyze ? &anas[k] : NULL);
				if (analyze)
					analysis_free(&anas[k]);
				doc_free(&docs[k]);
			}
			free(docs);
			free(anas);
			feed_free(&f);
		}
		totals[r] = parse_s + render_s + dup_s + ana_s;
		if (!dump)
			printf(
			    "round %d: %zu feeds, %.1f MiB, %zu items, %zu paragraphs, %zu failed: "
			    "CPU parse %.3f s, render %.3f s, dup %.3f s, analyze %.3f s, "
			    "total %.3f s\n",
			    r + 1, nnames, (double)bytes / 1048576, items, paras, failed, parse_s,
			    render_s, dup_s, ana_s, totals[r]);
	}
	if (!dump) {
		qsort(totals, (size_t)rounds, sizeof(*totals), bench_dcmp);
		getrusage(RUSAGE_SELF, &ru);
		printf("median %.3f s CPU (%.1f us per item); peak RSS %.1f MiB\n",
		       totals[rounds / 2], totals[rounds / 2] * 1e6 / (double)(items ? items : 1),
		       (double)ru.ru_maxrss / 1024);
	}
	for (i = 0; i < nnames; i++) {
		free(names[i]);
		free(datas[i]);
	}
	free(names);
	free(datas);
	free(lens);
	free(totals);
	return 0;
usage:
	fprintf(stderr, "usage: parse_bench [-a] [-d] DIR [ROUNDS]\n");
	return 2;
}
