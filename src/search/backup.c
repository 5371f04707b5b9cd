/* backup.c - not written yet. */
#include "search/backup.h"

#include "util/xmalloc.h"

int
backup_write(struct store *st, FILE *out, char **cause)
{
	*cause = xstrdup("backup: not written yet");
	return -1;
}

int
backup_restore(struct store *st, const char *path, char **cause)
{
	*cause = xstrdup("restore: not written yet");
	return -1;
}
