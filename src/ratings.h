/* ratings.h: the ratings of a study as plain arrays, for the statistics.
 *
 * The storage module fills a rating_set with one pass of SQL; scores,
 * comparisons and agreement compute over these arrays in C, never over
 * the database.  Every index refers into one of the name arrays. */
#ifndef PANELIST_RATINGS_H
#define PANELIST_RATINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rating {
	uint32_t prompt;	/* into prompts: the bootstrap's resampling unit */
	uint32_t output;	/* into output_*: one model's answer to one prompt */
	uint32_t model;		/* into models */
	uint32_t capability;	/* into capabilities */
	uint32_t axis;		/* into axes */
	uint32_t reviewer;	/* into reviewers */
	double score;		/* NAN when the reviewer marked the axis N/A */
	bool flagged;		/* this reviewer flagged this output */
};

struct rating_set {
	struct rating *ratings;
	size_t n_ratings;

	char **prompts;		/* prompt ids */
	size_t n_prompts;
	char **models;		/* model names */
	size_t n_models;
	char **capabilities;	/* capability ids */
	size_t n_capabilities;
	char **axes;		/* axis ids, in rubric order */
	size_t n_axes;
	char **reviewers;	/* reviewer names */
	size_t n_reviewers;

	uint32_t *output_prompt;	/* per output: its prompt */
	uint32_t *output_model;		/* per output: its model */
	size_t n_outputs;

	double *weights;	/* per capability: the study's weight (>= 0) */
	double scale_min;	/* the rating scale, for ratio/interval metrics */
	double scale_max;
	uint64_t seed;		/* the study seed */
	size_t n_earlier;	/* ratings of earlier prompt or rubric versions: not here */
};

void rating_set_free(struct rating_set *);

#endif
