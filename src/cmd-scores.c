/* cmd-scores.c: panelist scores, the models' scores with their intervals. */
#include "config.h"

#include <stdio.h>

#include "cmd-common.h"

static int
run(const struct rating_set *set, const void *arg)
{
	return cmd_scores_write("scores", set, arg, cmd_output_width(), stdout);
}

int
cmd_scores_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct stats_settings s;

	stats_settings_read(&s, args);
	return cmd_with_ratings(ctx, run, &s);
}
