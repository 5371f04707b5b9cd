/* fuzz_config.c - the reader's config and theme lines on any bytes: each line
 * is applied or refused with a message. */
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "ui/ui_config.h"
#include "ui/ui_theme.h"
#include "util/xmalloc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size), *line, *save = NULL, *err;
	struct ui_config c;
	struct ui_theme t;
	char **words;

	ui_config_init(&c);
	ui_theme_builtin(&t);
	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		err = NULL;
		if (ui_config_line(&c, line, &err) != 0 && err == NULL)
			abort();
		free(err);
		err = NULL;
		if (ui_theme_line(&t, line, &err) != 0 && err == NULL)
			abort();
		free(err);
		if ((words = ui_split_words(line)) != NULL)
			ui_argv_free(words);
	}
	ui_config_free(&c);
	free(text);
	return 0;
}
