/* bench-jsonl.c: the floor of reading JSONL with jansson, for import.sh.
 *
 * Not a test: it prints one timing.  Reads FILE whole, finds each line with
 * memchr and parses it with json_loadb, as load-jsonl.c does, and nothing
 * else: no checks, no hashing, no database.  What import costs beyond this
 * is panelist's own; this part is jansson's.
 *
 *	bench-jsonl FILE */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	json_error_t jerr;
	char *text, *p, *end, *nl;
	size_t len, lines = 0;
	double t0;
	FILE *f;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: bench-jsonl FILE\n");
		return 2;
	}
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	rewind(f);
	if ((text = malloc(len + 1)) == NULL || fread(text, 1, len, f) != len) {
		fprintf(stderr, "bench-jsonl: cannot read %s\n", argv[1]);
		return 1;
	}
	fclose(f);
	t0 = seconds();
	for (p = text, end = text + len; p < end; p = nl + 1) {
		json_t *obj;

		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((obj = json_loadb(p, (size_t)(nl - p), JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
			fprintf(stderr, "bench-jsonl: line %zu: %s\n", lines + 1, jerr.text);
			return 1;
		}
		json_decref(obj);
		lines++;
	}
	printf("%zu %.3f\n", lines, seconds() - t0);
	free(text);
	return 0;
}
