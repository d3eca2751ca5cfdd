/* cmd-import.c: panelist import PATH... */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "import.h"

int
cmd_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct errlist errs = { 0 };
	struct import_counts counts;
	struct store *st;
	size_t n_files = 0;
	int rc, first = 1;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] == '-' && argv[1][2] == '\0')
		first = 2;
	else if (argc > 1 && argv[1][0] == '-')
		return cmd_usage_error("import", "%s: unknown option", argv[1]);
	if (argc <= first)
		return cmd_usage_error("import", "import needs at least one file or directory");
	if ((rc = store_open(ctx->db_path, STORE_OPEN_CREATE, &st, &errs)) == 0) {
		rc = import_paths(st, argv + first, (size_t)(argc - first), &counts, &n_files, &errs);
		store_close(st);
	}
	if (rc != 0) {
		err_print(&errs, stderr);
		fprintf(stderr, "panelist: nothing was imported\n");
		err_clear(&errs);
		return rc;
	}
	import_summary(&counts, n_files, stdout);
	return 0;
}
