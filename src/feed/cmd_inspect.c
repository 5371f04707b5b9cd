/* cmd_inspect.c - not written yet; its owner replaces this file. */
#include "cli.h"

int
cmd_inspect(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_render(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}
