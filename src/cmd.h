/* cmd.h: the command table.
 *
 * Every command is declared once, as data: dispatch, `panelist --help`,
 * `panelist help COMMAND` and the checks on the manual page all read the
 * same entry. */
#ifndef PANELIST_CMD_H
#define PANELIST_CMD_H

#include <stdbool.h>
#include <stdio.h>

struct cmd_ctx {
	const char	*db_path;	/* --db, $PANELIST_DB or panelist.db */
	const char	*program;
};

struct cmd_entry {
	const char	*name;
	int		(*exec)(struct cmd_ctx *, int argc, char **argv);
	const char	*synopsis;	/* arguments after the command name */
	const char	*help;		/* one line */
	const char	*details;	/* options and notes for `help COMMAND` */
};

extern const struct cmd_entry cmd_table[];

const struct cmd_entry *cmd_find(const char *name);
void cmd_usage_all(FILE *);
void cmd_usage(const struct cmd_entry *, FILE *);
/* For a handler: print the command's usage to stderr and return 2. */
int cmd_usage_error(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *cmd_opt_value(const char *name, int argc, char **argv, int *i, bool *missing);
/* True when argv holds -h or --help: print the command's help to stdout. */
int cmd_wants_help(const char *name, int argc, char **argv);

int cmd_init_exec(struct cmd_ctx *, int, char **);
int cmd_import_exec(struct cmd_ctx *, int, char **);
int cmd_status_exec(struct cmd_ctx *, int, char **);
int cmd_list_exec(struct cmd_ctx *, int, char **);
int cmd_show_exec(struct cmd_ctx *, int, char **);
int cmd_demo_exec(struct cmd_ctx *, int, char **);
int cmd_rate_exec(struct cmd_ctx *, int, char **);
int cmd_help_exec(struct cmd_ctx *, int, char **);
int cmd_merge_exec(struct cmd_ctx *, int, char **);
int cmd_scores_exec(struct cmd_ctx *, int, char **);
int cmd_compare_exec(struct cmd_ctx *, int, char **);
int cmd_agreement_exec(struct cmd_ctx *, int, char **);
int cmd_export_exec(struct cmd_ctx *, int, char **);
int cmd_report_exec(struct cmd_ctx *, int, char **);

/* Print the status of an open study (shared by status and demo). */
struct store;
int cmd_print_status(struct store *, FILE *);

/* Open the rating screen on an open study for a reviewer (NULL: from
 * $PANELIST_REVIEWER or the login name); shared by rate and demo. */
struct errlist;
struct queue_filter;
int cmd_rate_screen(struct store *, const char *reviewer, const struct queue_filter *,
    size_t item, struct errlist *);

#endif
