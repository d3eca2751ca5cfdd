/* cmd-grant.c: panelist grant lead|reviewer LOGIN, a login joined to a
 * role of a study on a server (store/roles.c says what each may do). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "store.h"

static void
granted(struct store *st, const char *kind, const char *login)
{
	struct errlist errs = { 0 };
	char *role = NULL;

	if (store_role_name(st, kind, &role, &errs) != 0 || role == NULL)
		role = xstrdup(kind);
	err_clear(&errs);
	if (strcmp(kind, "lead") == 0)
		printf(_("%s is now a lead of this study (role %s): it may import, collect, "
		    "change the study's settings, merge and grant roles.\n"), login, role);
	else
		printf(_("%s is now a reviewer of this study (role %s): it may read the prompts "
		    "and outputs and change only its own ratings, notes and flags, under "
		    "the reviewer name %s.\n"), login, role, login);
	free(role);
}

int
cmd_grant_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	struct store *st;
	const char *kind, *login;
	int rc;

	if (args->argc != 2)
		return cmd_usage_error("grant", _("grant needs a role (lead or reviewer) and a "
		    "login"));
	kind = args->argv[0];
	login = args->argv[1];
	if (strcmp(kind, "lead") != 0 && strcmp(kind, "reviewer") != 0)
		return cmd_usage_error("grant", _("no role '%s': the roles are lead and "
		    "reviewer"), kind);
	if (!store_address_on_server(ctx->db_path)) {
		warnx_(_("%s is a study file: whoever may write the file may change it; roles "
		    "are for a study on a PostgreSQL server (--db postgresql://...)"), ctx->db_path);
		return 2;
	}
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		if ((rc = store_grant(st, kind, login, &errs)) == 0)
			granted(st, kind, login);
		store_close(st);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
