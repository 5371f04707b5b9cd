/* ui.c - not written yet; its owner replaces this file. */
#include "cli.h"

int
ui_main(struct cli *c)
{
	cli_error("the reader is not implemented yet");
	return 1;
}
