/* ckpt.c - WAL checkpoints on a thread of their own during a fetch. */
#include "storage/store_int.h"

#include <pthread.h>
#include <stdlib.h>

#include "util/xmalloc.h"

/* Why a thread: a checkpoint copies the pages of the last commits from the
 * WAL into the database file, a tenth of the storing thread's time in a
 * first fetch of 1,000 feeds, while the second core, the parser's, had time
 * to spare. A checkpoint needs a connection of its own to run beside the
 * writer's transactions; SQLite lets them overlap (PASSIVE mode waits for
 * nobody and copies what no reader still needs). */
struct store_ckpt {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	sqlite3 *db;
	int kicked, quit;
};

static void *
store_ckpt_main(void *arg)
{
	struct store_ckpt *c = arg;
	int quit;

	for (;;) {
		pthread_mutex_lock(&c->lock);
		while (!c->kicked && !c->quit)
			pthread_cond_wait(&c->cond, &c->lock);
		quit = c->quit;
		c->kicked = 0;
		pthread_mutex_unlock(&c->lock);
		sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		if (quit)
			return NULL;
	}
}

int
store_ckpt_start(struct store *st, char **cause)
{
	struct store_ckpt *c;

	if (st->ckpt != NULL)
		return 0;
	c = xcalloc(1, sizeof(*c));
	/* a connection knows the database is in WAL mode, and checkpoints it,
	 * only once it has read from it */
	if (sqlite3_open_v2(st->path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) !=
	        SQLITE_OK ||
	    sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) !=
	        SQLITE_OK) {
		*cause = xasprintf("%s: opening a second connection: %s", st->path,
		                   sqlite3_errmsg(c->db));
		sqlite3_close(c->db);
		free(c);
		return -1;
	}
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->cond, NULL);
	if (pthread_create(&c->thread, NULL, store_ckpt_main, c) != 0) {
		*cause = xasprintf("%s: cannot start the checkpoint thread", st->path);
		pthread_cond_destroy(&c->cond);
		pthread_mutex_destroy(&c->lock);
		sqlite3_close(c->db);
		free(c);
		return -1;
	}
	sqlite3_wal_autocheckpoint(st->db, 0);
	st->ckpt = c;
	return 0;
}

/* Sets *flag (c->kicked or c->quit) and wakes the thread. */
static void
store_ckpt_tell(struct store_ckpt *c, int *flag)
{
	pthread_mutex_lock(&c->lock);
	*flag = 1;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
}

void
store_ckpt_kick(struct store *st)
{
	if (st->ckpt != NULL)
		store_ckpt_tell(st->ckpt, &st->ckpt->kicked);
}

void
store_ckpt_stop(struct store *st)
{
	struct store_ckpt *c = st->ckpt;

	if (c == NULL)
		return;
	store_ckpt_tell(c, &c->quit);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->cond);
	pthread_mutex_destroy(&c->lock);
	sqlite3_close(c->db);
	free(c);
	st->ckpt = NULL;
	/* SQLite's default: a checkpoint once the WAL holds 1,000 pages */
	sqlite3_wal_autocheckpoint(st->db, 1000);
}
