/* db.c - opening, migrating and the statement cache. */
#include "storage/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xmalloc.h"

#define STORE_BUSY_MS 10000

/* Waits for another writer with a growing sleep, and says once that it waits,
 * so that a fetch from cron and the reader can share the database. */
static int
store_busy(void *arg, int count)
{
	struct store *st = arg;
	static const int sleeps_ms[] = {1, 2, 5, 10, 15, 20, 25, 25, 50, 50, 100};
	int n = (int)(sizeof(sleeps_ms) / sizeof(sleeps_ms[0])), waited = 0, i, ms;

	for (i = 0; i < count && i < n; i++)
		waited += sleeps_ms[i];
	if (count >= n)
		waited += (count - n) * 100;
	if (waited >= STORE_BUSY_MS)
		return 0;
	if (count == 3 && st->on_busy != NULL)
		st->on_busy(st->on_busy_arg);
	ms = count < n ? sleeps_ms[count] : 100;
	sqlite3_sleep(ms);
	return 1;
}

static void
store_busy_message(void *arg)
{
	struct store *st = arg;

	fprintf(stderr, "newsroom: %s: another newsroom is writing; waiting for it...\n", st->path);
}

void
store_on_busy(struct store *st, void (*fn)(void *), void *arg)
{
	st->on_busy = fn;
	st->on_busy_arg = arg;
}

char *
store_default_path(char **cause)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/newsroom/newsroom.db", xdg);
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/.local/share/newsroom/newsroom.db", home);
	*cause = xstrdup("cannot find a data folder: set HOME or XDG_DATA_HOME, or give --db PATH");
	return NULL;
}

/* Creates every missing folder above path with mode 0700. */
static int
store_mkdirs(const char *path, char **cause)
{
	char *dir = xstrdup(path), *p;
	struct stat sb;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*cause = xasprintf("cannot create folder %s: %s", dir, strerror(errno));
			free(dir);
			return -1;
		}
		*p = '/';
	}
	p = strrchr(dir, '/');
	if (p != NULL && p != dir) {
		*p = '\0';
		if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			*cause = xasprintf("%s is not a folder", dir);
			free(dir);
			return -1;
		}
	}
	free(dir);
	return 0;
}

/* Refuses paths another user could swap or write, and creates a missing file
 * 0600 so that SQLite (and its -wal and -shm files) inherit that mode. */
static int
store_prepare_file(const char *path, int flags, char **cause)
{
	struct stat sb;
	int fd;

	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode)) {
			*cause =
			    xasprintf("%s: is a symbolic link; give the real path with --db", path);
			return -1;
		}
		if (!S_ISREG(sb.st_mode)) {
			*cause = xasprintf("%s: not a regular file", path);
			return -1;
		}
		if (sb.st_mode & S_IWOTH) {
			*cause = xasprintf("%s: writable by every user; run chmod 600 on it", path);
			return -1;
		}
		return 0;
	}
	if (errno != ENOENT) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (flags & STORE_RDONLY) {
		*cause = xasprintf("%s: no such database", path);
		return -1;
	}
	if (store_mkdirs(path, cause) != 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST) {
		*cause = xasprintf("cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	if (fd >= 0)
		close(fd);
	return 0;
}

int
store_fail(struct store *st, char **cause, const char *what)
{
	int code = st->db ? sqlite3_extended_errcode(st->db) : SQLITE_ERROR;
	const char *msg = st->db ? sqlite3_errmsg(st->db) : "cannot open";

	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		*cause = xasprintf("%s: %s: the database is busy (another newsroom is writing); "
		                   "try again in a moment",
		                   st->path, what);
	else if ((code & 0xff) == SQLITE_READONLY)
		*cause = xasprintf("%s: %s: the database is read-only", st->path, what);
	else if ((code & 0xff) == SQLITE_FULL)
		*cause = xasprintf("%s: %s: the disk is full; nothing was changed", st->path, what);
	else if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
		*cause = xasprintf("%s: not a newsroom database, or damaged (%s)", st->path, msg);
	else
		*cause = xasprintf("%s: %s: %s", st->path, what, msg);
	return -1;
}

static int
store_exec(struct store *st, const char *sql, const char *what, char **cause)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, cause, what);
	return 0;
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Returns 1 when the database has a table called name. */
static int
store_table_exists(struct store *st, const char *name)
{
	sqlite3_stmt *s;
	int found = 0;

	if (sqlite3_prepare_v2(st->db,
	                       "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1,
	                       &s, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

static int
store_migrate(struct store *st, char **cause)
{
	int v = store_schema_version(st), target = store_migrations[store_nmigrations - 1].version;
	size_t i;
	char pragma[64];

	if (v < 0)
		return store_fail(st, cause, "reading the schema version");
	if (v > target) {
		*cause = xasprintf("%s: written by a newer newsroom (schema %d, this one knows %d)",
		                   st->path, v, target);
		return -1;
	}
	if (v == target)
		return 0;
	if (st->flags & STORE_RDONLY) {
		*cause = xasprintf("%s: needs an upgrade (schema %d to %d) but is opened read-only",
		                   st->path, v, target);
		return -1;
	}
	if (store_begin(st, cause) != 0)
		return -1;
	/* re-read inside the transaction: another process may have migrated meanwhile */
	v = store_schema_version(st);
	if (v < 6 && store_table_exists(st, "mention") &&
	    !store_table_exists(st, "article_mention") &&
	    store_exec(st, store_repair_mentions, "upgrading the schema", cause) != 0)
		goto fail;
	for (i = 0; i < store_nmigrations; i++) {
		if (store_migrations[i].version <= v)
			continue;
		if (store_exec(st, store_migrations[i].sql, "upgrading the schema", cause) != 0)
			goto fail;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		         store_migrations[i].version);
		if (store_exec(st, pragma, "upgrading the schema", cause) != 0)
			goto fail;
	}
	return store_commit(st, cause);
fail:
	store_rollback(st);
	return -1;
}

/* Before SQLite starts: a connection is only ever used by one thread at a
 * time (fetch parses on a second thread, but stores on the first), so the
 * per-call connection mutex is not needed, and nothing reads SQLite's memory
 * statistics, whose upkeep takes a global mutex at every allocation. The
 * two were about a tenth of a fetch's storing work. */
static void
store_configure(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
store_open(const char *path, int flags, struct store **out, char **cause)
{
	struct store *st;
	int oflags;

	*out = NULL;
	store_configure();
	if (store_prepare_file(path, flags, cause) != 0)
		return -1;
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->flags = flags;
	oflags = (flags & STORE_RDONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		store_fail(st, cause, "opening");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	store_on_busy(st, store_busy_message, st);
	sqlite3_busy_handler(st->db, store_busy, st);
	if (!(flags & STORE_RDONLY) && sqlite3_db_readonly(st->db, "main") == 1) {
		*cause = xasprintf("%s: the database is read-only (check its permissions)", path);
		goto fail;
	}
	/* the first read tells a database from any other file */
	if (store_exec(st, "SELECT count(*) FROM sqlite_master", "reading", cause) != 0)
		goto fail;
	if (!(flags & STORE_RDONLY) &&
	    store_exec(st, "PRAGMA journal_mode = WAL", "switching to WAL", cause) != 0)
		goto fail;
	if (store_exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", "configuring",
	               cause) != 0)
		goto fail;
	if (store_migrate(st, cause) != 0)
		goto fail;
	*out = st;
	return 0;
fail:
	store_close(st);
	return -1;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	store_ckpt_stop(st);
	for (i = 0; i < STORE_NCACHE; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	store_ents_clear(st, 1);
	free(st->fts_ids);
	free(st->ea.v);
	free(st->path);
	free(st);
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql, char **cause)
{
	size_t h = ((uintptr_t)sql >> 3) % STORE_NCACHE, i;

	for (i = 0; i < STORE_NCACHE; i++) {
		size_t k = (h + i) % STORE_NCACHE;

		if (st->cache[k].sql == sql) {
			sqlite3_reset(st->cache[k].stmt);
			sqlite3_clear_bindings(st->cache[k].stmt);
			return st->cache[k].stmt;
		}
		if (st->cache[k].sql == NULL) {
			if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			                       &st->cache[k].stmt, NULL) != SQLITE_OK) {
				store_fail(st, cause, "preparing a query");
				st->cache[k].stmt = NULL;
				return NULL;
			}
			st->cache[k].sql = sql;
			return st->cache[k].stmt;
		}
	}
	*cause = xasprintf("%s: too many distinct queries", st->path);
	return NULL;
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

int
store_step_done(struct store *st, sqlite3_stmt *s, const char *what, char **cause)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(s);
		return 0;
	}
	store_fail(st, cause, what);
	sqlite3_reset(s);
	return -1;
}

char *
store_col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

int
store_collect_ids(struct store *st, sqlite3_stmt *s, const char *what, int64_t **out, size_t *np,
                  char **cause)
{
	int64_t *v = NULL;
	size_t n = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail(st, cause, what);
	}
	*out = v;
	*np = n;
	return 0;
}

int
store_begin(struct store *st, char **cause)
{
	st->pending = STORE_PENDING_UNKNOWN;
	return store_exec(st, "BEGIN IMMEDIATE", "starting a transaction", cause);
}

int
store_commit(struct store *st, char **cause)
{
	if (store_index_sync(st, cause) != 0) {
		store_rollback(st);
		return -1;
	}
	if (store_exec(st, "COMMIT", "saving", cause) != 0) {
		store_rollback(st);
		return -1;
	}
	store_index_drop(st);
	st->pending = STORE_PENDING_UNKNOWN;
	store_ckpt_kick(st);
	return 0;
}

int
store_bulk(struct store *st, int on, char **cause)
{
	return store_exec(st, on ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON",
	                  "configuring", cause);
}

void
store_rollback(struct store *st)
{
	store_index_drop(st);
	store_ents_clear(st, 0);
	st->pending = STORE_PENDING_UNKNOWN;
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_is_empty(struct store *st)
{
	char *cause = NULL;
	sqlite3_stmt *s = store_stmt(
	    st, "SELECT NOT EXISTS (SELECT 1 FROM article) AND NOT EXISTS (SELECT 1 FROM feed)",
	    &cause);
	int empty = 0;

	if (s == NULL) {
		free(cause);
		return 0;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		empty = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return empty;
}
