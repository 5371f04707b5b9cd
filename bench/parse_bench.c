/* parse_bench.c - feed parsing and item rendering speed: every file in a folder
 * (a corpus from the shared bench's gen_corpus.py) through feed_parse and
 * feed_item_doc, one feed at a time, as the fetcher does it.
 *   bench/parse_bench DIR [ROUNDS] */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "feed/feed.h"
#include "text/import.h"
#include "util/xmalloc.h"

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
bench_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	DIR *dir;
	struct dirent *e;
	char **names = NULL, *data, *cause = NULL;
	size_t nnames = 0, i, k, len, bytes = 0, items = 0, paras = 0, failed = 0;
	double parse_s = 0, render_s = 0, t0, t1, best = 0;
	int rounds = argc > 2 ? atoi(argv[2]) : 1, r;
	struct rusage ru;

	if (argc < 2 || (dir = opendir(argv[1])) == NULL) {
		fprintf(stderr, "usage: parse_bench DIR [ROUNDS]\n");
		return 2;
	}
	while ((e = readdir(dir)) != NULL)
		if (e->d_name[0] != '.') {
			names = xreallocarray(names, nnames + 1, sizeof(*names));
			names[nnames++] = xasprintf("%s/%s", argv[1], e->d_name);
		}
	closedir(dir);
	qsort(names, nnames, sizeof(*names), bench_cmp);
	for (r = 0; r < (rounds > 0 ? rounds : 1); r++) {
		bytes = items = paras = failed = 0;
		parse_s = render_s = 0;
		for (i = 0; i < nnames; i++) {
			struct feed f;

			if (import_read(names[i], 64u << 20, &data, &len, &cause) != 0) {
				fprintf(stderr, "%s\n", cause);
				return 1;
			}
			bytes += len;
			t0 = bench_now();
			if (feed_parse(data, len, names[i], NULL, &f, &cause) != 0) {
				free(cause);
				free(data);
				failed++;
				continue;
			}
			t1 = bench_now();
			parse_s += t1 - t0;
			for (k = 0; k < f.nitems; k++) {
				struct doc d;

				if (feed_item_doc(&f, &f.items[k], &d, &cause) != 0) {
					free(cause);
					failed++;
					continue;
				}
				items++;
				paras += d.npara;
				doc_free(&d);
			}
			render_s += bench_now() - t1;
			feed_free(&f);
			free(data);
		}
		if (r == 0 || parse_s + render_s < best)
			best = parse_s + render_s;
		printf("round %d: %zu feeds, %.1f MiB, %zu items, %zu paragraphs, %zu failed: "
		       "parse %.2f s, render %.2f s, %.1f MiB/s\n",
		       r + 1, nnames, (double)bytes / 1048576, items, paras, failed, parse_s,
		       render_s, (double)bytes / 1048576 / (parse_s + render_s));
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("best %.2f s; peak RSS %.1f MiB\n", best, (double)ru.ru_maxrss / 1024);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return 0;
}
