/* cmd_analyze.c - not written yet; its owner replaces this file. */
#include "cli.h"

int
cmd_analyze(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

int
cmd_reanalyze(struct cli *c, int argc, char **argv)
{
	cli_error("%s: not implemented yet", argv[0]);
	return 1;
}

