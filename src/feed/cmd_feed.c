/* cmd_feed.c - not written yet; its owner replaces this file. */
#include "cli.h"

int
cmd_add(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_remove(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_feeds(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_fetch(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_export_opml(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_import_opml(struct cli *c, const char *path)
{
	cli_error("%s: OPML import not implemented yet", path);
	return 1;
}
