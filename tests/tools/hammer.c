/* hammer.c: one reviewer writing ratings as fast as it can for a bounded
 * time, for the concurrency test.
 *
 *	hammer STUDY.db REVIEWER SECONDS
 *
 * It rates every axis of every capability of every output, pass after pass,
 * each time with the next score (so every write changes the value and makes
 * one history row), each write its own transaction as on the rating screen.
 * When time is up it prints the number of writes the store acknowledged, the
 * longest one write took (in milliseconds, waiting for others included) and
 * then, per rating, the last score acknowledged:
 *
 *	acks N
 *	slowest MS
 *	OUTPUT CAPABILITY AXIS SCORE
 *
 * With HAMMER_LATENCIES=FILE it also appends each write's time, in
 * microseconds, to FILE, a line each (make bench's commit latency).
 *
 * Any failed write (a "database is locked" among them) is printed on stderr
 * and ends it with exit status 1. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

struct slot {
	int64_t		 output;
	const char	*capability;
	const char	*axis;
	int		 last;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Every rating slot of the panel, from the rating screen's own view. */
static struct slot *
slots_of(struct store *st, const char *reviewer, struct item_view **views, size_t *n_views,
    size_t *n_slots, struct errlist *e)
{
	struct queue_filter all = { NULL, NULL };
	struct queue qu;
	struct queue_entry *q;
	struct slot *v = NULL;
	size_t n, i, c, a, k = 0;

	if (store_queue(st, reviewer, &all, &qu, e) != 0)
		return NULL;
	q = qu.v;
	n = qu.n;
	*views = calloc(n, sizeof **views);
	for (i = 0; i < n; i++) {
		if (store_item_load(st, reviewer, q[i].output, &(*views)[i], e) != 0)
			exit(1);
		for (c = 0; c < (*views)[i].n_caps; c++) {
			for (a = 0; a < (*views)[i].caps[c].n_axes; a++) {
				v = realloc(v, (k + 1) * sizeof *v);
				v[k].output = q[i].output;
				v[k].capability = (*views)[i].caps[c].capability;
				v[k].axis = (*views)[i].caps[c].axes[a].id;
				v[k].last = 0;
				k++;
			}
		}
	}
	queue_free(&qu);
	*n_views = n;
	*n_slots = k;
	return v;
}

int
main(int argc, char **argv)
{
	struct errlist e = { 0 };
	struct item_view *views = NULL;
	struct store *st;
	struct slot *slots;
	size_t n_views = 0, n_slots = 0, i, acks = 0;
	double end, t, slowest = 0;
	const char *lat_path = getenv("HAMMER_LATENCIES");
	FILE *lat = NULL;
	int pass;

	if (argc != 4) {
		fputs("usage: hammer STUDY.db REVIEWER SECONDS\n", stderr);
		return 2;
	}
	if (store_open(argv[1], STORE_OPEN_EXISTING, &st, &e) != 0 ||
	    (slots = slots_of(st, argv[2], &views, &n_views, &n_slots, &e)) == NULL) {
		err_print(&e, stderr);
		return 1;
	}
	if (lat_path != NULL && (lat = fopen(lat_path, "a")) == NULL) {
		perror(lat_path);
		return 1;
	}
	end = now() + atof(argv[3]);
	for (pass = 0; now() < end; pass++) {
		for (i = 0; i < n_slots && now() < end; i++) {
			int score = pass % 5 + 1;

			t = now();
			if (store_rate(st, argv[2], slots[i].output, slots[i].capability,
			    slots[i].axis, score, &e) != 0) {
				err_print(&e, stderr);
				return 1;
			}
			if ((t = now() - t) > slowest)
				slowest = t;
			if (lat != NULL)
				fprintf(lat, "%.0f\n", t * 1e6);
			slots[i].last = score;
			acks++;
		}
	}
	if (lat != NULL)
		fclose(lat);
	printf("acks %zu\nslowest %.0f\n", acks, slowest * 1000);
	for (i = 0; i < n_slots; i++) {
		if (slots[i].last != 0)
			printf("%lld %s %s %d\n", (long long)slots[i].output, slots[i].capability,
			    slots[i].axis, slots[i].last);
	}
	for (i = 0; i < n_views; i++)
		item_view_free(&views[i]);
	free(views);
	free(slots);
	store_close(st);
	return 0;
}
