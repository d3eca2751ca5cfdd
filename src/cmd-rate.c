/* cmd-rate.c: panelist rate, the rating screen on a study. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "gate.h"
#include "session.h"
#include "store.h"
#include "ui.h"

/* The one rule for names (gate.h): shown on the screen and in reports. */
static bool
reviewer_ok(const char *name, struct errlist *errs)
{
	const char *why = gate_name(name);

	if (why != NULL)
		err_add(errs, "reviewer: %s", why);
	return why == NULL;
}

/* --reviewer, else $PANELIST_REVIEWER, else the login name. */
static const char *
reviewer_name(const char *given, struct errlist *errs)
{
	const char *env = getenv("PANELIST_REVIEWER"), *name = NULL;

	if (given != NULL)
		name = given;
	else if (env != NULL && *env != '\0')
		name = env;
	else if ((name = gate_login()) == NULL) {
		err_add(errs, "who is rating? give --reviewer NAME or set PANELIST_REVIEWER");
		return NULL;
	}
	return reviewer_ok(name, errs) ? name : NULL;
}

/* A reviewer changes only their own ratings: --reviewer (or
 * $PANELIST_REVIEWER) naming someone else needs --as, and every change then
 * records who made it. */
static bool
someone_else(const char *given)
{
	const char *me = gate_login();

	return given != NULL && (me == NULL || strcmp(given, me) != 0);
}

/* The rule of gate_owner, as import and merge apply it. */
static int
check_identity(const char *given, const char *from, bool as, struct errlist *errs)
{
	const char *me = gate_login(), *why;

	if (given == NULL || (why = gate_owner(given, me != NULL ? me : "unknown login", as)) ==
	    NULL)
		return 0;
	err_add(errs, "%s: %s", from, why);
	return 2;
}

int
cmd_rate_screen(struct store *st, const char *reviewer, const struct queue_filter *f,
    size_t item, struct errlist *errs)
{
	struct session s;
	const char *who;
	size_t done;
	int rc;

	if ((who = reviewer_name(reviewer, errs)) == NULL)
		return 2;
	if ((rc = session_open(&s, st, who, f, item, errs)) != 0) {
		session_close(&s);
		return rc;
	}
	rc = ui_rate(&s, errs);
	done = session_done(&s);
	if (rc == 0)
		printf("%s: %zu of %zu items rated in %s\n", s.reviewer, done, s.n, store_path(st));
	session_close(&s);
	return rc;
}

/* A positive item number, counting from 1. */
static bool
parse_item(const char *arg, size_t *item)
{
	char *end;
	unsigned long long v;

	if (*arg < '0' || *arg > '9')
		return false;
	v = strtoull(arg, &end, 10);
	*item = (size_t)v;
	return *end == '\0' && v >= 1 && v <= (unsigned long long)SIZE_MAX;
}

struct rate_args {
	const char		*reviewer;
	bool			 as;		/* --as: rating for someone else, on purpose */
	struct queue_filter	 filter;
	size_t			 item;
	bool			 keys;
};

static int
parse_args(int argc, char **argv, struct rate_args *a)
{
	const char *v;
	bool missing;
	int i;

	memset(a, 0, sizeof *a);
	for (i = 1; i < argc; i++) {
		if ((v = cmd_opt_value("--reviewer", argc, argv, &i, &missing)) != NULL)
			a->reviewer = v;
		else if (!missing && (v = cmd_opt_value("--capability", argc, argv, &i, &missing)) != NULL)
			a->filter.capability = v;
		else if (!missing && (v = cmd_opt_value("--model", argc, argv, &i, &missing)) != NULL)
			a->filter.model = v;
		else if (!missing && (v = cmd_opt_value("--item", argc, argv, &i, &missing)) != NULL) {
			if (!parse_item(v, &a->item))
				return cmd_usage_error("rate", "--item %s: expected an item number from 1", v);
		} else if (missing)
			return cmd_usage_error("rate", "%s needs a value", argv[i]);
		else if (strcmp(argv[i], "--keys") == 0)
			a->keys = true;
		else if (strcmp(argv[i], "--as") == 0)
			a->as = true;
		else if (argv[i][0] == '-')
			return cmd_usage_error("rate", "%s: unknown option", argv[i]);
		else
			return cmd_usage_error("rate", "rate takes no arguments, only options");
	}
	return 0;
}

int
cmd_rate_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct errlist errs = { 0 };
	struct rate_args a;
	struct store *st = NULL;
	const char *env, *from = "--reviewer";
	int rc;

	if ((rc = parse_args(argc, argv, &a)) != 0)
		return rc;
	if (a.keys) {
		ui_keys_print(stdout);
		return 0;
	}
	/* $PANELIST_REVIEWER names the reviewer as --reviewer does, and
	 * under the same rule. */
	if (a.reviewer == NULL && (env = getenv("PANELIST_REVIEWER")) != NULL && *env != '\0') {
		a.reviewer = env;
		from = "PANELIST_REVIEWER";
	}
	/* Before anything is opened: a script gets a plain answer at once. */
	if ((rc = check_identity(a.reviewer, from, a.as, &errs)) == 0 &&
	    (rc = ui_check_terminal(&errs)) == 0 &&
	    (rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		if (someone_else(a.reviewer))
			store_set_actor(st, gate_login() != NULL ? gate_login() : "unknown login");
		rc = cmd_rate_screen(st, a.reviewer, &a.filter, a.item, &errs);
	}
	store_close(st);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
