/* cmd-common.h: what scores, compare, agreement, export and report share:
 * option values, the width of the output, the study's ratings as arrays
 * and the scores as `panelist scores` prints them. */
#ifndef PANELIST_CMD_COMMON_H
#define PANELIST_CMD_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "agreement.h"
#include "cmd.h"
#include "ratings.h"
#include "agreement-format.h"
#include "scores-format.h"
#include "tabular.h"

/* More resamples than this buys no precision a person could see and
 * costs rows x resamples doubles of memory. */
#define STATS_RESAMPLES_MAX	100000


/* The statistics settings, one struct for every command that computes:
 * each reads the options it declares (cmd.c) and keeps the defaults for
 * the others. */
struct stats_settings {
	enum tab_format		 format;	/* --format */
	size_t			 n_boot;	/* --resamples */
	bool			 has_seed;	/* --seed */
	uint64_t		 seed;
	bool			 has_reviewers;	/* --reviewers given; else the study's */
	bool			 reviewers_random;	/* --reviewers random */
	enum ka_metric		 metric;	/* --metric */
	enum scores_group	 group;		/* --by */
	const char *const	*models;	/* --model, as given (argv) */
	size_t			 n_models;
	const char *const	*caps;		/* --capability */
	size_t			 n_caps;
};

void	stats_settings_read(struct stats_settings *, const struct cmd_args *);
/* The settings as the computations take them. */
void	stats_scores_opts(const struct stats_settings *, const struct rating_set *,
	    struct scores_opts *);
void	stats_agreement_opts(const struct stats_settings *, struct agreement_opts *);

/* The width a table fits: the terminal's when stdout is one, else
 * $COLUMNS, else 100. */
int	cmd_output_width(void);

/* Open the study and read its ratings; the store stays open for more
 * queries (the caller closes it).  0, or the exit status with the message
 * printed. */
struct store;
int	cmd_open_ratings(struct cmd_ctx *, struct store **, struct rating_set *);

/* Flags for the names asked for (NULL when none were); a name without
 * ratings is a usage error, printed, 2. */
int	cmd_name_filter(const char *cmd, const char *what, char *const *names,
	    size_t n, const char *const *want, size_t n_want, bool **flags);
/* The indexes of two different models of the set, looked up as --model
 * is; `what` names them in the message ("compare", "--compare").  0, or
 * 2 with the message printed. */
int	cmd_model_pair(const char *cmd, const char *what, const struct rating_set *,
	    const char *const names[2], uint32_t m[2]);

/* Compute and write the scores: 0, or the exit status with the message
 * printed. */
int	cmd_scores_write(const char *cmd, const struct rating_set *,
	    const struct stats_settings *, int width, FILE *);

/* The study's ratings, with the store closed again, given to fn; then
 * standard output flushed.  For the commands that only compute. */
int	cmd_with_ratings(struct cmd_ctx *, int (*fn)(const struct rating_set *,
	    const void *), const void *arg);

/* A write to an output stream failed: say so, 1. */
int	cmd_write_failed(const char *what);
/* A file written (-o FILE): "Wrote FILE (N bytes): what." on stderr, so
 * that a command that wrote a file does not leave it unsaid.  Nothing for
 * standard output (NULL or "-"). */
void	cmd_wrote(const char *path, long long size, const char *what);
/* Flush stdout: 0, or 1 when anything written to it was lost (a full
 * disk, a closed pipe), with the message printed. */
int	cmd_flush_stdout(void);

#endif
