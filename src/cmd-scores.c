/* cmd-scores.c: panelist scores, the models' scores with their intervals. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd-stats.h"
#include "store.h"

int
cmd_scores_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct scores_args a;
	struct rating_set set;
	struct store *st;
	int i, rc = 0;

	scores_args_init(&a);
	for (i = 1; i < argc && rc == 0; i++) {
		if ((rc = scores_args_take("scores", &a, argc, argv, &i)) == 1)
			rc = 0;
		else if (rc == 0)
			rc = cmd_usage_error("scores", argv[i][0] == '-' ?
			    "%s: unknown option" : "%s: scores takes only options",
			    argv[i]);
	}
	if (rc == 0 && (rc = cmd_open_ratings(ctx, &st, &set)) == 0) {
		store_close(st);
		rc = cmd_scores_write("scores", &set, &a, cmd_output_width(),
		    stdout);
		rating_set_free(&set);
	}
	scores_args_free(&a);
	if (rc == 0)
		rc = cmd_flush_stdout();
	return rc;
}
