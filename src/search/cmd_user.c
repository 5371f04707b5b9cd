/* cmd_user.c - not written yet; its owner replaces this file. */
#include "cli.h"

int
cmd_tag(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_untag(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_entity(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_note(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_search(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_save_search(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_export(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_backup(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_restore(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

