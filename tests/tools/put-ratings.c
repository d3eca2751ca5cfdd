/* put-ratings.c: write ratings, notes, flags and time through the storage
 * interface, for tests that need a rated study without the rating screen.
 *
 *	put-ratings STUDY.db < lines
 *
 * Each line is one write, each its own transaction as on the screen
 * (store_set_score):
 *
 *	REVIEWER PROMPT MODEL CAPABILITY AXIS SCORE	(a number, or NA)
 *	flag REVIEWER PROMPT MODEL KIND [REASON...]	(broken, off-topic, ...)
 *	note REVIEWER PROMPT MODEL TEXT...
 *	time REVIEWER PROMPT MODEL SECONDS
 *
 * Fields are separated by blanks; blank lines and lines starting with #
 * are skipped.  The first failing line stops it: its message and line
 * number go to stderr and the exit status is the store's (1 or 2). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

#define MAX_FIELDS	7

/* Split at blanks into at most max fields; the last takes the rest. */
static size_t
split(char *line, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		line += strspn(line, " \t");
		if (*line == '\0')
			break;
		f[n++] = line;
		if (n == max)
			break;
		line += strcspn(line, " \t");
		if (*line != '\0')
			*line++ = '\0';
	}
	return n;
}

/* The output row of a prompt's current version and a model. */
static int64_t
output_of(struct store *st, const char *reviewer, const char *prompt,
    const char *model, struct errlist *errs)
{
	struct queue_filter qf = { NULL, model };
	struct queue q;
	size_t i;
	int64_t id = 0;

	if (store_queue(st, reviewer, &qf, &q, errs) != 0)
		return 0;
	for (i = 0; i < q.n && id == 0; i++)
		if (strcmp(q.v[i].prompt_id, prompt) == 0)
			id = q.v[i].output;
	queue_free(&q);
	if (id == 0)
		err_add(errs, "no output of model '%s' for prompt '%s'", model, prompt);
	return id;
}

static int
review_line(struct store *st, char **f, size_t n, struct errlist *errs)
{
	int64_t out;

	if (n < 5) {
		err_add(errs, "%s needs REVIEWER PROMPT MODEL and a value", f[0]);
		return 2;
	}
	if ((out = output_of(st, f[1], f[2], f[3], errs)) == 0)
		return 2;
	if (strcmp(f[0], "note") == 0)
		return store_set_note(st, f[1], out, f[4], errs);
	if (strcmp(f[0], "time") == 0)
		return store_add_time(st, f[1], out, strtod(f[4], NULL), errs);
	return store_set_flag(st, f[1], out, f[4], n > 5 ? f[5] : NULL, errs);
}

static int
rating_line(struct store *st, char **f, size_t n, struct errlist *errs)
{
	struct rating_key k = { f[0], f[1], f[2], f[3], f[4] };
	char *end;
	long score;

	if (n != 6) {
		err_add(errs, "expected REVIEWER PROMPT MODEL CAPABILITY AXIS SCORE");
		return 2;
	}
	if (strcmp(f[5], "NA") == 0)
		return store_set_score(st, &k, ITEM_NA, errs);
	score = strtol(f[5], &end, 10);
	if (*end != '\0' || end == f[5]) {
		err_add(errs, "%s: expected a score or NA", f[5]);
		return 2;
	}
	return store_set_score(st, &k, (int)score, errs);
}

static int
line_do(struct store *st, char *line, struct errlist *errs)
{
	char *f[MAX_FIELDS];
	size_t n, first;

	line[strcspn(line, "\r\n")] = '\0';
	line += strspn(line, " \t");
	if (*line == '\0' || *line == '#')
		return 0;
	first = strcspn(line, " \t");
	/* A note, a flag's reason: the last field takes the rest of the line. */
	if ((first == 4 && strncmp(line, "note", 4) == 0) ||
	    (first == 4 && strncmp(line, "time", 4) == 0)) {
		n = split(line, f, 5);
		return review_line(st, f, n, errs);
	}
	if (first == 4 && strncmp(line, "flag", 4) == 0) {
		n = split(line, f, 6);
		return review_line(st, f, n, errs);
	}
	n = split(line, f, MAX_FIELDS);
	return rating_line(st, f, n, errs);
}

int
main(int argc, char **argv)
{
	struct errlist errs = { 0 };
	struct store *st;
	char line[4096];
	unsigned long lineno = 0;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: put-ratings STUDY.db < lines\n");
		return 2;
	}
	if ((rc = store_open(argv[1], STORE_OPEN_EXISTING, &st, &errs)) != 0) {
		err_print(&errs, stderr);
		return rc;
	}
	while (rc == 0 && fgets(line, sizeof line, stdin) != NULL) {
		lineno++;
		if ((rc = line_do(st, line, &errs)) != 0) {
			fprintf(stderr, "put-ratings: line %lu:\n", lineno);
			err_print(&errs, stderr);
		}
	}
	err_clear(&errs);
	store_close(st);
	return rc;
}
