/* cmd-init.c: panelist init. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "store.h"

/* On a server: the roles of the study, made or brought up to date. */
static int
init_roles(struct store *st)
{
	struct errlist errs = { 0 };
	char *lead = NULL, *reviewer = NULL;
	bool done;
	int rc;

	if ((rc = store_setup_roles(st, &done, &errs)) == 0 && done &&
	    (rc = store_role_name(st, "lead", &lead, &errs)) == 0 &&
	    (rc = store_role_name(st, "reviewer", &reviewer, &errs)) == 0)
		printf(_("Roles: %s (import, collect, study settings, merge) and %s (their own "
		    "ratings only); add logins with 'panelist grant lead|reviewer LOGIN'.\n"), lead,
		    reviewer);
	free(lead);
	free(reviewer);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

int
cmd_init_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct store *st;
	int rc;

	(void)args;	/* none: the parser has refused any (cmd.c) */
	if ((rc = cmd_open(ctx, true, &st)) != 0)
		return rc;
	if (store_created(st))
		printf(_("Created the study database %s (schema %d).\n"), ctx->db_path,
		    STORE_SCHEMA_VERSION);
	else if (store_upgraded_from(st) > 0)
		printf(_("Upgraded %s from schema %d to %d.\n"), ctx->db_path,
		    store_upgraded_from(st), STORE_SCHEMA_VERSION);
	else
		printf(_("%s is up to date (schema %d).\n"), ctx->db_path, STORE_SCHEMA_VERSION);
	rc = init_roles(st);
	store_close(st);
	return rc;
}
