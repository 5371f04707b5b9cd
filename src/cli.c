/* cli.c - global options and the table of verbs. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "feed/urls.h"
#include "util/xmalloc.h"

/* The program users run, newsroom, is built twice: as newsroom-full with every
 * verb, and with NR_FRONT as the newsroom that runs only the verbs that need
 * no more than SQLite and jansson (the user's data and search), and hands
 * everything else to newsroom-full, unchanged. Loading libcurl, libxml2 and
 * ncursesw (and the 35 libraries they bring) costs every process 6-7 ms of
 * CPU, more than a search on 100,000 articles. */
#ifdef NR_FRONT
#define CLI_FULL(fn) NULL
#else
#define CLI_FULL(fn) fn
#endif

static const struct cli_verb {
	const char *name;
	cli_verb_fn fn;
	const char *args;
	const char *help;
} cli_verbs[] = {
    {"import", CLI_FULL(cmd_import), "FILE...",
     "store articles from text, HTML or OPML files (- = stdin)"},
    {"list", CLI_FULL(cmd_list), "[--unread] [--feed ID] [--limit N] [--json]",
     "list stored articles"},
    {"show", CLI_FULL(cmd_show), "ID [--json]", "print a stored article"},
    {"mark", CLI_FULL(cmd_mark), "read|unread ID...", "mark articles read or unread"},
    {"add", CLI_FULL(cmd_add), "URL [--tag T]...", "subscribe to a feed"},
    {"remove", CLI_FULL(cmd_remove), "URL|ID", "unsubscribe from a feed"},
    {"feeds", CLI_FULL(cmd_feeds), "[--json]", "list subscriptions with counts and errors"},
    {"fetch", CLI_FULL(cmd_fetch),
     "[--force] [--jobs N] [--per-host N] [--timeout S] [--connect-timeout S] [--max-size N]"
     " [FEED...]",
     "download feeds in parallel (FEED: id or URL)"},
    {"reload", CLI_FULL(cmd_fetch), "[the same options as fetch] [FEED...]", "the same as fetch"},
    {"inspect", CLI_FULL(cmd_inspect), "FILE|URL [--json]",
     "print a parsed feed without storing it"},
    {"render", CLI_FULL(cmd_render), "FILE.html", "print HTML as newsroom renders it"},
    {"export-opml", CLI_FULL(cmd_export_opml), "[-o FILE]", "print subscriptions as OPML"},
    {"analyze", CLI_FULL(cmd_analyze), "[--json] FILE|ID...", "show entities and statements"},
    {"reanalyze", CLI_FULL(cmd_reanalyze), "[--all]", "analyze stored articles again"},
    {"tag", cmd_tag, "ID TAG...", "tag an article"},
    {"untag", cmd_untag, "ID TAG...", "remove tags from an article"},
    {"entity", cmd_entity,
     "list [--kind K] [--json] | show NAME | confirm NAME | reject NAME [--article ID] |"
     " kind NAME KIND | merge NAME INTO | alias NAME ALIAS",
     "review entities"},
    {"note", cmd_note,
     "ID [--paragraph N | --quote TEXT] TEXT | list [ID] | edit NOTE_ID TEXT | delete NOTE_ID",
     "write a note on a passage"},
    {"search", cmd_search, "QUERY [--json] [--limit N] [--offset N]",
     "search articles: words, \"phrases\", -word, OR, (), company: agency: person: country:"
     " place: org: entity: speaker: tag: feed: since: until: is:unread has:note has:statement"},
    {"save-search", cmd_save_search, "NAME QUERY | --list | --delete NAME",
     "save a search as a virtual feed"},
    {"export", cmd_export, "[QUERY] --format md|json|csv [-o FILE]", "export annotations"},
    {"backup", cmd_backup, "FILE", "write all user data as JSON"},
    {"restore", cmd_restore, "FILE", "read user data written by backup"},
};
#define CLI_NVERBS (sizeof(cli_verbs) / sizeof(cli_verbs[0]))

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("newsroom: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_fail(char *cause)
{
	if (cause != NULL)
		cli_error("%s", cause);
	free(cause);
	return 1;
}

void
cli_usage(FILE *f, const char *verb)
{
	size_t i;

	for (i = 0; i < CLI_NVERBS; i++)
		if (strcmp(cli_verbs[i].name, verb) == 0)
			fprintf(f, "usage: newsroom [--db PATH] %s %s\n  %s\n", verb,
			        cli_verbs[i].args, cli_verbs[i].help);
}

int
cli_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

long long
cli_parse_id(const char *s)
{
	char *end;
	long long v;

	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v <= 0) {
		cli_error("'%s' is not an article id (a positive number, as 'newsroom list' shows)",
		          s);
		return 0;
	}
	return v;
}

void
cli_date(int64_t t, char *s, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		snprintf(s, n, "%-10s", "-");
	else
		strftime(s, n, "%Y-%m-%d", &tm);
}

static int
cli_isdir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

const char *
cli_datadir(void)
{
	const char *env = getenv("NEWSROOM_DATADIR");

	if (env != NULL && env[0] != '\0')
		return env;
	if (cli_isdir(NR_DATADIR "/demo"))
		return NR_DATADIR;
	return NR_SRCDIR "/data";
}

struct store *
cli_store(struct cli *c)
{
	char *path, *cause = NULL;

	if (c->st != NULL)
		return c->st;
	if (c->db_path != NULL)
		path = xstrdup(c->db_path);
	else if ((path = store_default_path(&cause)) == NULL) {
		cli_fail(cause);
		return NULL;
	}
	if (store_open(path, 0, &c->st, &cause) != 0) {
		free(path);
		cli_fail(cause);
		return NULL;
	}
	free(path);
#ifndef NR_FRONT /* the front hands --demo to newsroom-full */
	if (c->demo && cli_load_demo(c->st, &cause) != 0) {
		cli_error("demo articles not loaded: %s", cause);
		free(cause);
	}
#endif
	return c->st;
}

#ifdef NR_FRONT
/* Runs newsroom-full with argv: the one next to this program (in a build
 * folder), else the installed one. Returns only on failure. */
static int
cli_full(char **argv)
{
	char self[PATH_MAX], *slash, *path = NULL;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self));

	/* a link that fills the buffer may have been cut short: never run a
	 * program from a truncated path */
	if (n > 0 && (size_t)n < sizeof(self)) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			path = xasprintf("%s/newsroom-full", self);
			if (access(path, X_OK) != 0) {
				free(path);
				path = NULL;
			}
		}
	}
	if (path == NULL)
		path = xstrdup(NR_PKGLIBEXECDIR "/newsroom-full");
	execv(path, argv);
	cli_error("cannot run %s: %s", path, strerror(errno));
	free(path);
	return 127;
}
#endif

static void
cli_help(FILE *f)
{
	size_t i;

	fprintf(f, "usage: newsroom [--db PATH] [--urls FILE] [--config FILE] [--demo] [VERB ...]\n"
	           "With no verb, opens the reader.\n\nverbs:\n");
	for (i = 0; i < CLI_NVERBS; i++)
		fprintf(f, "  %-12s %s\n", cli_verbs[i].name, cli_verbs[i].help);
	fprintf(f, "\n'newsroom VERB --help' tells more. The database is "
	           "$XDG_DATA_HOME/newsroom/newsroom.db unless --db says otherwise.\n");
}

int
cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"urls", required_argument, NULL, 'u'},
	    {"config", required_argument, NULL, 'c'},
	    {"demo", no_argument, NULL, 'D'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	struct cli c;
	size_t i;
	int ch, rc;
	char **all = argv;
	const char *nc = getenv("NO_COLOR");

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	memset(&c, 0, sizeof(c));
	c.prog = "newsroom";
	c.color = isatty(STDOUT_FILENO) && (nc == NULL || nc[0] == '\0');
	/* '+': options after the verb belong to the verb */
	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			c.db_path = optarg;
			break;
		case 'u':
			c.urls_path = optarg;
			break;
		case 'c':
			c.config_path = optarg;
			break;
		case 'D':
			c.demo = 1;
			break;
		case 'h':
			cli_help(stdout);
			return 0;
		case 'V':
			printf("newsroom %s\n", PACKAGE_VERSION);
			return 0;
		default:
			cli_help(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
#ifdef NR_FRONT
	if (argc == 0 || c.demo)
		return cli_full(all);
#else
	(void)all;
	if (argc == 0) {
		char *cause = NULL;

		/* the reader shows the feeds of the urls file as they are now, and
		 * never opens empty: a database with nothing in it gets the demo */
		if (urls_sync(&c) != 0 || cli_store(&c) == NULL)
			return 1;
		if (!c.demo && store_is_empty(c.st) && cli_load_demo(c.st, &cause) != 0) {
			cli_error("demo articles not loaded: %s", cause);
			free(cause);
		}
		rc = ui_main(&c);
		store_close(c.st);
		return rc;
	}
#endif
	for (i = 0; i < CLI_NVERBS; i++) {
		if (strcmp(argv[0], cli_verbs[i].name) != 0)
			continue;
		if (cli_wants_help(argc, argv)) {
			cli_usage(stdout, argv[0]);
			return 0;
		}
#ifdef NR_FRONT
		if (cli_verbs[i].fn == NULL)
			return cli_full(all);
#endif
		optind = 0; /* glibc: start the verb's own option parsing afresh */
		rc = cli_verbs[i].fn(&c, argc, argv);
		store_close(c.st);
		return rc;
	}
	cli_error("unknown verb '%s' (newsroom --help lists them)", argv[0]);
	return 2;
}
