/* cmd-show.c: panelist show prompt ID. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "store.h"

int
cmd_show_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	struct store *st;
	int rc;

	if (args->argc != 2 || strcmp(args->argv[0], "prompt") != 0)
		return cmd_usage_error("show", "show needs 'prompt' and a prompt id");
	if ((rc = cmd_open(ctx, false, &st)) != 0)
		return rc;
	rc = store_show_prompt(st, args->argv[1], stdout, &errs);
	store_close(st);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
