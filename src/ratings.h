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

/* The reasons a reviewer can flag an output for (review.flag). */
enum rating_flag {
	RATING_FLAG_NONE,
	RATING_FLAG_BROKEN,
	RATING_FLAG_OFF_TOPIC,
	RATING_FLAG_UNSAFE,
	RATING_FLAG_OTHER,
	RATING_FLAG_KINDS
};

/* "broken", "off-topic", "unsafe", "other"; "" for none. */
const char	*rating_flag_name(enum rating_flag);
/* The kind of a flag's name; RATING_FLAG_OTHER for a name not known,
 * RATING_FLAG_NONE for NULL. */
enum rating_flag rating_flag_parse(const char *);

struct rating {
	uint32_t prompt;	/* into prompts: the bootstrap's resampling unit */
	uint32_t output;	/* into output_*: one model's answer to one prompt */
	uint32_t model;		/* into models */
	uint32_t capability;	/* into capabilities */
	uint32_t axis;		/* into axes */
	uint32_t reviewer;	/* into reviewers */
	double score;		/* NAN when the reviewer marked the axis N/A */
	bool flagged;		/* this reviewer flagged this output; the
				   rating counts all the same */
	uint8_t flag;		/* why: enum rating_flag (NONE: see flagged) */
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
	double *cap_min;	/* per capability: its rubric's scale; NULL: */
	double *cap_max;	/* every capability on scale_min..scale_max */
	uint64_t seed;		/* the study seed */
	bool reviewers_random;	/* the study's default for --reviewers */
	size_t n_earlier;	/* ratings of earlier prompt or rubric versions: not here */
};

void rating_set_free(struct rating_set *);

#endif
