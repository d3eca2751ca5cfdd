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
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		rc = store_show_prompt(st, args->argv[1], stdout, &errs);
		store_close(st);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
