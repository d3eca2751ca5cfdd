/* cmd-merge.c: panelist merge [--prefer newer] [--as] OTHER... (files or PostgreSQL addresses) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "store.h"

int
cmd_merge_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	struct merge_counts c;
	struct store *st;
	/* --prefer takes only "newer" (cmd.c). */
	bool newer = cmd_args_has(args, "--prefer"), as = cmd_args_has(args, "--as");
	int n = args->argc, rc;
	char *login;

	if (n == 0)
		return cmd_usage_error("merge", _("merge needs at least one other database"));
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		/* Ratings under another reviewer's name need --as (gate.h). */
		/* On a server the login is the session's (store_login). */
		login = store_login(st);
		store_set_writer(st, login, as);
		free(login);
		rc = store_merge(st, args->argv, (size_t)n, newer, &c, &errs);
		store_close(st);
	}
	if (rc != 0) {
		err_print(&errs, stderr);
		fputs(_("panelist: nothing was merged\n"), stderr);
		err_clear(&errs);
		return rc;
	}
	if (c.adopted != NULL)
		printf(_("This new study took the identity of %s (its study id and seed): "
		    "the two are one study from now on.\n"), c.adopted);
	printf(P_("Merged %d database: %zu ratings added, %zu already here, %zu replaced by "
	    "newer changes; %zu history rows added.\n", "Merged %d databases: %zu ratings "
	    "added, %zu already here, %zu replaced by newer changes; %zu history rows added.\n",
	    (unsigned long)n), n, c.ratings_added, c.ratings_same, c.ratings_replaced,
	    c.history_added);
	return 0;
}
