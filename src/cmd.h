/* cmd.h: the command table.
 *
 * Every command is declared once, as data: dispatch, `panelist --help`,
 * `panelist help COMMAND` and the checks on the manual page all read the
 * same entry. */
#ifndef PANELIST_CMD_H
#define PANELIST_CMD_H

#include <stdbool.h>
#include <stdio.h>

struct cmd_args;

struct cmd_ctx {
	const char	*db_path;	/* --db, $PANELIST_DB or panelist.db */
	const char	*program;
};

/* What an option takes. */
enum cmd_arg {
	ARG_NONE,	/* a flag: --raw */
	ARG_TEXT,	/* any word: --model M */
	ARG_FILE,	/* a file name, not empty: -o FILE */
	ARG_WORD,	/* one of `words`, separated by '|' */
	ARG_NUMBER,	/* a whole decimal number from min to max */
	ARG_PAIR	/* two words: --compare A B */
};

/* One option of a command, as the parser, the usage and `help COMMAND`
 * read it. */
struct cmd_option {
	const char	*name;		/* "--format" or "-o" */
	const char	*alias;		/* "--output", or NULL */
	enum cmd_arg	 arg;
	const char	*meta;		/* the value in the help: "F" */
	const char	*words;		/* ARG_WORD: "csv|tsv|jsonl" */
	unsigned long long min, max;	/* ARG_NUMBER */
	int		 repeat;	/* may be given more than once */
	const char	*help;		/* lines after the first indented */
};

/* Which combinations of a command's options are refused. */
enum cmd_rule_kind {
	RULE_EXCLUSIVE,		/* a and b not together */
	RULE_NEEDS		/* a only with b */
};
struct cmd_rule {
	enum cmd_rule_kind	 kind;
	const char		*a, *b;
	const char		*message;	/* NULL: the usual one */
};

struct cmd_entry {
	const char	*name;
	int		(*exec)(struct cmd_ctx *, struct cmd_args *);
	const char	*synopsis;	/* arguments after the command name */
	const char	*help;		/* one line */
	const char	*details;	/* notes for `help COMMAND` */
	const struct cmd_option *options;	/* ending with a NULL name */
	const struct cmd_rule	*rules;		/* ending with a NULL a */
	int		 max_args;	/* positional arguments; -1: any */
	const char	*notes;		/* after the options, or NULL */
};

/* What the parser found: for each option of the entry, how often it was
 * given and its values (pointers into argv), then the other arguments. */
struct cmd_found {
	size_t			 n;
	const char		**values;	/* n values (2n for ARG_PAIR) */
	unsigned long long	 number;	/* ARG_NUMBER: the last */
};
struct cmd_args {
	const struct cmd_entry	*cmd;
	struct cmd_found	*found;		/* parallel to cmd->options */
	char			**argv;		/* the positional arguments */
	int			 argc;
	int			 help;		/* -h or --help was given */
};

extern const struct cmd_entry cmd_table[];
/* The options before the command: --db, --help, --version. */
extern const struct cmd_entry cmd_global;

const struct cmd_entry *cmd_find(const char *name);
void cmd_usage_all(FILE *);
void cmd_usage(const struct cmd_entry *, FILE *);
/* For a handler: print the command's usage to stderr and return 2. */
int cmd_usage_error(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Parse argv (argv[0] is the command) by the entry's options and rules:
 * options before, between or after the arguments, "--opt VALUE" or
 * "--opt=VALUE", "--" ending the options.  With `first_only` parsing
 * stops at the first argument (the global options).  0, or 2 with the
 * usage error printed; *used is set to how many words were read. */
int cmd_args_parse(const struct cmd_entry *, int argc, char **argv,
    int first_only, struct cmd_args *, int *used);
void cmd_args_free(struct cmd_args *);
/* Option `name` of the entry: given at all, how often, and its last value
 * (NULL when not given, or when the entry has no such option). */
int cmd_args_has(const struct cmd_args *, const char *name);
const struct cmd_found *cmd_args_get(const struct cmd_args *, const char *name);
const char *cmd_args_value(const struct cmd_args *, const char *name);

int cmd_init_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_import_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_status_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_list_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_show_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_notes_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_demo_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_rate_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_help_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_merge_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_scores_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_compare_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_agreement_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_export_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_report_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_collect_exec(struct cmd_ctx *, struct cmd_args *);
int cmd_grant_exec(struct cmd_ctx *, struct cmd_args *);

/* Open the study database named by --db, created when `create`: 0, or
 * the exit status with the message printed. */
struct store;
int cmd_open(struct cmd_ctx *, bool create, struct store **);

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
