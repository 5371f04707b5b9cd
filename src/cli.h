/* cli.h - what every verb of the command line shares. */
#ifndef NR_CLI_H
#define NR_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "storage/store.h"

struct cli {
	const char *prog;        /* "newsroom" */
	const char *db_path;     /* --db, or NULL for the default */
	const char *urls_path;   /* --urls, or NULL for the default */
	const char *config_path; /* --config, or NULL for the default */
	int demo;                /* --demo: load the bundled demo articles */
	int color;               /* 1 when stdout is a terminal and NO_COLOR is unset */
	struct store *st;        /* opened by cli_store */
};

/* Opens the database once (creating it; loading the demo articles into it with
 * --demo); returns it, owned by c, or NULL after printing the error. */
struct store *cli_store(struct cli *c);
/* Prints "newsroom: MSG" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints cause (if any) as an error and frees it; returns 1 for use as an exit code. */
int cli_fail(char *cause);
/* Prints the usage line of a verb to f. */
void cli_usage(FILE *f, const char *verb);
/* Returns 1 when argv holds -h or --help before any "--". */
int cli_wants_help(int argc, char **argv);
/* Parses a positive article id, or prints an error and returns 0. */
long long cli_parse_id(const char *s);
/* Writes t as YYYY-MM-DD (UTC) into s (n bytes), or "-" padded to ten columns when unknown. */
void cli_date(int64_t t, char *s, size_t n);
/* Returns the folder of bundled data (demo articles, themes), owned by nobody (static). */
const char *cli_datadir(void);
/* Loads the demo articles into st; 0 or -1 with *cause. */
int cli_load_demo(struct store *st, char **cause);

/* Each verb: argv[0] is the verb; returns the process exit status. */
typedef int (*cli_verb_fn)(struct cli *c, int argc, char **argv);

int cmd_import(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_mark(struct cli *c, int argc, char **argv);
/* feeds (src/feed/) */
int cmd_add(struct cli *c, int argc, char **argv);
int cmd_remove(struct cli *c, int argc, char **argv);
int cmd_feeds(struct cli *c, int argc, char **argv);
int cmd_fetch(struct cli *c, int argc, char **argv);
int cmd_inspect(struct cli *c, int argc, char **argv);
int cmd_render(struct cli *c, int argc, char **argv);
int cmd_export_opml(struct cli *c, int argc, char **argv);
/* Imports an OPML file's subscriptions (called by import for .opml files). */
int cmd_import_opml(struct cli *c, const char *path);
/* analysis (src/analysis/) */
int cmd_analyze(struct cli *c, int argc, char **argv);
int cmd_reanalyze(struct cli *c, int argc, char **argv);
/* the user's data, search and export (src/search/) */
int cmd_tag(struct cli *c, int argc, char **argv);
int cmd_untag(struct cli *c, int argc, char **argv);
int cmd_entity(struct cli *c, int argc, char **argv);
int cmd_note(struct cli *c, int argc, char **argv);
int cmd_search(struct cli *c, int argc, char **argv);
int cmd_save_search(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
/* the reader (ui/) */
int ui_main(struct cli *c);

#endif
