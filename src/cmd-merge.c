/* cmd-merge.c: panelist merge [--prefer newer] [--as] OTHER.db... */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "gate.h"
#include "store.h"

int
cmd_merge_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct errlist errs = { 0 };
	struct merge_counts c;
	struct store *st;
	bool newer = false, as = false;
	int i = 1, rc;

	for (;;) {
		if (i + 1 < argc && strcmp(argv[i], "--prefer") == 0) {
			if (strcmp(argv[i + 1], "newer") != 0)
				return cmd_usage_error("merge", "--prefer takes 'newer'");
			newer = true;
			i += 2;
		} else if (i < argc && strcmp(argv[i], "--prefer=newer") == 0) {
			newer = true;
			i++;
		} else if (i < argc && strcmp(argv[i], "--as") == 0) {
			as = true;
			i++;
		} else
			break;
	}
	if (i < argc && argv[i][0] == '-')
		return cmd_usage_error("merge", "%s: unknown option", argv[i]);
	if (i >= argc)
		return cmd_usage_error("merge", "merge needs at least one other database");
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		/* Ratings under another reviewer's name need --as (gate.h). */
		store_set_writer(st, gate_login() != NULL ? gate_login() : "unknown login", as);
		rc = store_merge(st, argv + i, (size_t)(argc - i), newer, &c, &errs);
		store_close(st);
	}
	if (rc != 0) {
		err_print(&errs, stderr);
		fputs("panelist: nothing was merged\n", stderr);
		err_clear(&errs);
		return rc;
	}
	printf("Merged %d %s: %zu ratings added, %zu already here, %zu replaced by newer "
	    "changes; %zu history rows added.\n", argc - i, argc - i == 1 ? "database" :
	    "databases", c.ratings_added, c.ratings_same, c.ratings_replaced, c.history_added);
	return 0;
}
