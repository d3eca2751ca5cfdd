/* cmd-rate.c: panelist rate, the rating screen on a study. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "gate.h"
#include "i18n.h"
#include "session.h"
#include "store.h"
#include "ui.h"

/* The one rule for names (gate.h): shown on the screen and in reports. */
static bool
reviewer_ok(const char *name, struct errlist *errs)
{
	const char *why = gate_name(name);

	if (why != NULL)
		err_add(errs, _("reviewer: %s"), why);
	return why == NULL;
}

/* --reviewer, else $PANELIST_REVIEWER, else the login name (me). */
static const char *
reviewer_name(const char *given, const char *me, struct errlist *errs)
{
	const char *env = getenv("PANELIST_REVIEWER"), *name = NULL;

	if (given != NULL)
		name = given;
	else if (env != NULL && *env != '\0')
		name = env;
	else if ((name = me) == NULL) {
		err_add(errs, _("who is rating? give --reviewer NAME or set PANELIST_REVIEWER"));
		return NULL;
	}
	return reviewer_ok(name, errs) ? name : NULL;
}

/* A reviewer changes only their own ratings: --reviewer (or
 * $PANELIST_REVIEWER) naming someone else than me, the login, needs --as,
 * and every change then records who made it. */
static bool
someone_else(const char *given, const char *me)
{
	return given != NULL && (me == NULL || strcmp(given, me) != 0);
}

/* The rule of gate_owner, as import and merge apply it. */
static int
check_identity(const char *given, const char *from, bool as, const char *me,
    struct errlist *errs)
{
	const char *why;

	if (given == NULL || (why = gate_owner(given, me != NULL ? me : "unknown login", as)) ==
	    NULL)
		return 0;
	err_add(errs, "%s: %s", from, why);
	return 2;
}

/* Who is at the keyboard: on a server the session's login, which its
 * row-level security knows, once connected; else the system's (NULL when
 * it has none).  A string to free. */
static char *
login_of(struct store *st)
{
	const char *me = gate_login();

	if (st != NULL && store_on_server(st))
		return store_login(st);
	return me != NULL ? xstrdup(me) : NULL;
}

struct rate_args {
	const char		*reviewer;
	bool			 as;		/* --as: rating for someone else, on purpose */
	struct queue_filter	 filter;
	size_t			 item;
	bool			 keys;
	bool			 unblind;	/* --unblind: model names shown, recorded */
};

/* A blind study shows no model name; rating one model's outputs would
 * reveal it, so that takes --unblind, and using it is recorded in the
 * study's history with who did it. */
static int
check_blind(struct store *st, const struct rate_args *a, bool *blind, struct errlist *errs)
{
	struct study_settings ss;
	int rc;

	if ((rc = store_study(st, &ss, errs)) != 0)
		return rc;
	*blind = ss.blind;
	study_settings_free(&ss);
	if (*blind && a->filter.model != NULL && !a->unblind) {
		err_add(errs, _("--model %s: this study is blind, and rating one model's outputs "
		    "shows which model wrote them; add --unblind to do it knowingly (it is "
		    "recorded in the study's history)"), a->filter.model);
		return 2;
	}
	return 0;
}

static int
record_unblind(struct store *st, const struct rate_args *a, const char *reviewer,
    const char *login, struct errlist *errs)
{
	char *detail;
	int rc;

	detail = xasprintf("reviewer %s, %s%s", reviewer, a->filter.model != NULL ?
	    "model " : "all models", a->filter.model != NULL ? a->filter.model : "");
	rc = store_record_unblind(st, detail, login != NULL ? login : "unknown login", errs);
	free(detail);
	return rc;
}

static int
rate_screen(struct store *st, const char *reviewer, const char *me,
    const struct queue_filter *f, size_t item, bool unblind, struct errlist *errs)
{
	struct session s;
	const char *who;
	size_t done;
	int rc;

	if ((who = reviewer_name(reviewer, me, errs)) == NULL)
		return 2;
	if ((rc = session_open(&s, st, who, f, item, errs)) != 0) {
		session_close(&s);
		return rc;
	}
	if (unblind)
		s.blind = 0;
	rc = ui_rate(&s, errs);
	done = session_done(&s);
	if (rc == 0)
		printf(_("%s: %zu of %zu items rated in %s\n"), s.reviewer, done, s.n, store_path(st));
	session_close(&s);
	return rc;
}

int
cmd_rate_screen(struct store *st, const char *reviewer, const struct queue_filter *f,
    size_t item, struct errlist *errs)
{
	char *me = login_of(st);
	int rc;

	rc = rate_screen(st, reviewer, me, f, item, false, errs);
	free(me);
	return rc;
}


static void
parse_args(const struct cmd_args *args, struct rate_args *a)
{
	const struct cmd_found *item = cmd_args_get(args, "--item");

	memset(a, 0, sizeof *a);
	a->reviewer = cmd_args_value(args, "--reviewer");
	a->filter.capability = cmd_args_value(args, "--capability");
	a->filter.model = cmd_args_value(args, "--model");
	a->item = item->n > 0 ? (size_t)item->number : 0;
	a->keys = cmd_args_has(args, "--keys");
	a->as = cmd_args_has(args, "--as");
	a->unblind = cmd_args_has(args, "--unblind");
}

int
cmd_rate_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	struct rate_args a;
	struct store *st = NULL;
	const char *env, *from = "--reviewer";
	bool blind = false, server = store_address_on_server(ctx->db_path);
	char *me = server ? NULL : login_of(NULL);
	int rc = 0;

	parse_args(args, &a);
	if (a.keys) {
		ui_keys_print(stdout);
		free(me);
		return 0;
	}
	/* $PANELIST_REVIEWER names the reviewer as --reviewer does, and
	 * under the same rule. */
	if (a.reviewer == NULL && (env = getenv("PANELIST_REVIEWER")) != NULL && *env != '\0') {
		a.reviewer = env;
		from = "PANELIST_REVIEWER";
	}
	/* Before the terminal is looked at: a script gets a plain answer at
	 * once.  On a server the login is known once connected; --model
	 * opens the study first, to see whether it is blind. */
	if (server && (rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0)
		me = login_of(st);
	if (rc == 0)
		rc = check_identity(a.reviewer, from, a.as, me, &errs);
	if (rc == 0 && st == NULL && a.filter.model != NULL)
		rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs);
	if (rc == 0 && st != NULL)
		rc = check_blind(st, &a, &blind, &errs);
	if (rc == 0)
		rc = ui_check_terminal(&errs);
	if (rc == 0 && st == NULL && (rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st,
	    &errs)) == 0)
		rc = check_blind(st, &a, &blind, &errs);
	if (rc == 0) {
		if (someone_else(a.reviewer, me))
			store_set_actor(st, me != NULL ? me : "unknown login");
		if (blind && a.unblind)
			rc = record_unblind(st, &a, a.reviewer != NULL ? a.reviewer :
			    me != NULL ? me : "unknown login", me, &errs);
		if (rc == 0)
			rc = rate_screen(st, a.reviewer, me, &a.filter, a.item,
			    blind && a.unblind, &errs);
	}
	store_close(st);
	free(me);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
