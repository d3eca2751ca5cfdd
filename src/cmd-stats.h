/* cmd-stats.h: what scores, compare, agreement, export and report share:
 * option values, the width of the output, the study's ratings as arrays
 * and the scores as `panelist scores` prints them. */
#ifndef PANELIST_CMD_STATS_H
#define PANELIST_CMD_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cmd.h"
#include "ratings.h"
#include "agreement-format.h"
#include "scores-format.h"
#include "tabular.h"

/* More resamples than this buys no precision a person could see and
 * costs rows x resamples doubles of memory. */
#define STATS_RESAMPLES_MAX	100000


struct stats_args {
	enum tab_format	format;
	size_t		n_boot;
	bool		has_seed;
	uint64_t	seed;
	bool		reviewers_random;	/* --reviewers random */
};

void	stats_args_init(struct stats_args *);
/* --format, --resamples, --seed or --reviewers fixed|random at argv[*i]:
 * 1 when taken, 0 when it is none of them, 2 after printing a usage
 * error. */
int	stats_args_take(const char *cmd, struct stats_args *, int argc,
	    char **argv, int *i);

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
	    size_t n, char *const *want, size_t n_want, bool **flags);

/* The options of `panelist scores`, also taken by export --scores. */
struct scores_args {
	enum scores_group	 group;
	char			**models;	/* --model, as given */
	size_t			 n_models;
	char			**caps;		/* --capability */
	size_t			 n_caps;
	struct stats_args	 s;
};

void	scores_args_init(struct scores_args *);
/* --by, --model, --capability and the stats options: as stats_args_take. */
int	scores_args_take(const char *cmd, struct scores_args *, int argc,
	    char **argv, int *i);
void	scores_args_free(struct scores_args *);
/* Compute and write the scores: 0, or the exit status with the message
 * printed. */
int	cmd_scores_write(const char *cmd, const struct rating_set *,
	    const struct scores_args *, int width, FILE *);

/* A write to an output stream failed: say so, 1. */
int	cmd_write_failed(const char *what);
/* Flush stdout: 0, or 1 when anything written to it was lost (a full
 * disk, a closed pipe), with the message printed. */
int	cmd_flush_stdout(void);

#endif
