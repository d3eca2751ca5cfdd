/* fuzz-yaml.c: libFuzzer entry for the YAML loaders (rubric, prompts,
 * outputs, study).  Any crash, leak or hang here is a bug. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errlist errs = { 0 };
	struct bundle b;
	char *text = malloc(size + 1);

	memcpy(text, data, size);
	text[size] = '\0';
	memset(&b, 0, sizeof b);
	load_yaml_text(&b, "fuzz.yaml", text, size, &errs);
	bundle_free(&b);
	err_clear(&errs);
	free(text);
	return 0;
}
