/* collect.h: asking the models under test for their outputs.
 *
 * collect_plan reads what is to be asked (the models' definitions, the
 * prompt versions each lacks); collect_run asks, over libcurl's multi
 * interface, each model within its own limits (concurrent requests,
 * requests per minute, a timeout), and stores each answer the moment it
 * arrives.  429, 5xx, timeouts and dropped connections are retried with
 * exponential backoff and jitter, never sooner than Retry-After; another
 * 4xx is recorded as that request's failure with the server's message;
 * 401 and 403 stop that model, naming the key's variable, and so does a
 * certificate that does not verify.  A model that fails never holds up
 * the others.  Nothing here prints: the caller's
 * collect_report gets every line and the progress. */
#ifndef PANELIST_COLLECT_H
#define PANELIST_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

/* A response body larger than this is refused, not stored. */
#define COLLECT_MAX_RESPONSE	(8UL * 1024 * 1024)
/* Retry-After beyond this many seconds is waited only this long. */
#define COLLECT_MAX_WAIT	600.0

struct collect_target {
	struct collect_model	*def;
	struct collect_job	*jobs;
	size_t			 n_jobs;
	size_t			 skipped;	/* failed before, not asked again */
};
struct collect_plan {
	struct collect_model	*models;
	size_t			 n_models;
	struct collect_target	*targets;	/* the models chosen */
	size_t			 n;
};

/* The models named (none: every model imported) with their prompt
 * versions to ask for.  2 with a message for a name that is not a model
 * under test. */
int collect_plan(struct store *, char *const *names, size_t n_names,
    const struct collect_filter *, struct collect_plan *, struct errlist *);
void collect_plan_free(struct collect_plan *);

/* Where one model stands. */
struct collect_progress {
	const char	*model;
	size_t		 done, todo, failed, truncated, in_flight;
	double		 elapsed;	/* seconds since its first request */
	bool		 stopped;	/* refused its key, or cannot be reached */
};
struct collect_report {
	/* A failure, a model stopped, an interruption: one line of text. */
	void	(*line)(void *, const char *);
	/* Every model, often while running (final false) and once at the end. */
	void	(*progress)(void *, const struct collect_progress *, size_t, bool final);
	void	*arg;
};

/* Ask.  0: every request answered and stored; 1: some failed (recorded;
 * --retry-failed asks again), the run was interrupted, or the database
 * failed (errs); 2: a model was stopped (its key, its certificate). */
int collect_run(struct store *, struct collect_plan *, const struct collect_report *,
    struct errlist *);

#endif
