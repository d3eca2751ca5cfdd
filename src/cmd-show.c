/* cmd-show.c: panelist show prompt ID. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "store.h"

int
cmd_show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct errlist errs = { 0 };
	struct store *st;
	int rc;

	if (argc != 3 || strcmp(argv[1], "prompt") != 0)
		return cmd_usage_error("show", "show needs 'prompt' and a prompt id");
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		rc = store_show_prompt(st, argv[2], stdout, &errs);
		store_close(st);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
