/* replay.c - runs a fuzz target over files named on the command line, so that
 * the seed corpus and every crasher found so far are run by 'make check' in a
 * normal (and a sanitizer) build, without libFuzzer. */
#include <stdio.h>
#include <stdlib.h>

#include "text/import.h"
#include "tests/fuzz/fuzz.h"

int
main(int argc, char **argv)
{
	char *data, *cause = NULL;
	size_t len;
	int i;

	for (i = 1; i < argc; i++) {
		if (import_read(argv[i], 64u << 20, &data, &len, &cause) != 0) {
			fprintf(stderr, "%s\n", cause);
			free(cause);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
	}
	printf("%d inputs replayed\n", argc - 1);
	return 0;
}
