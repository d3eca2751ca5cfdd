/* cmd-args.c: the one parser of command lines, driven by each command's
 * declared options and rules (cmd.h). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "util.h"

/* A usage error, said as every command says it; the global options have
 * no usage line of their own but point to --help. */
static int
parse_error(const struct cmd_entry *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
parse_error(const struct cmd_entry *c, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	if (c == &cmd_global)
		warnx_(_("%s (see 'panelist --help')"), text);
	else
		cmd_usage_error(c->name, "%s", text);
	free(text);
	return 2;
}

static int
is_help(const char *a)
{
	return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

/* The option called `name` (its first `len` bytes), or NULL. */
static const struct cmd_option *
lookup(const struct cmd_entry *c, const char *name, size_t len)
{
	const struct cmd_option *o;

	for (o = c->options; o != NULL && o->name != NULL; o++) {
		if ((strlen(o->name) == len && strncmp(o->name, name, len) == 0) ||
		    (o->alias != NULL && strlen(o->alias) == len &&
		    strncmp(o->alias, name, len) == 0))
			return o;
	}
	return NULL;
}

/* The commands other than c that declare the option, as "export" or
 * "scores, compare and export"; NULL when none does. */
static char *
other_commands(const struct cmd_entry *c, const char *name, size_t len)
{
	const struct cmd_entry *e;
	const struct cmd_option *o;
	struct buf b = { 0 };
	const char *last = NULL;

	for (e = cmd_table; e->name != NULL; e++) {
		/* One without help is there to be refused with a reason. */
		o = e != c ? lookup(e, name, len) : NULL;
		if (o == NULL || o->help == NULL)
			continue;
		if (last != NULL)
			buf_printf(&b, "%s%s", b.len > 0 ? ", " : "", last);
		last = e->name;
	}
	if (last == NULL)
		return NULL;
	/* TRANSLATORS: before the last of a list of commands, "scores,
	 * compare and export". */
	buf_printf(&b, "%s%s", b.len > 0 ? _(" and ") : "", last);
	return b.data;
}

/* An option in the wrong place: one of panelist's own after the command,
 * or one of other commands.  2 with the message printed, or 0 when the
 * option is nobody's. */
static int
misplaced(const struct cmd_entry *c, const char *word)
{
	const struct cmd_option *o;
	unsigned long n;
	char *others;
	int rc;

	o = c != &cmd_global ? lookup(&cmd_global, word, strlen(word)) : NULL;
	if (o != NULL && o->meta != NULL)
		return parse_error(c, _("%s: give it before the command, as in "
		    "'panelist %s %s %s'"), word, o->name, o->meta, c->name);
	if (o != NULL)
		return parse_error(c, _("%s: give it before the command, as in "
		    "'panelist %s'"), word, o->name);
	if ((others = other_commands(c, word, strlen(word))) == NULL)
		return 0;
	/* One command or several: "(export takes it)", "(a and b take it)". */
	n = strchr(others, ' ') != NULL ? 2 : 1;
	if (c == &cmd_global)
		rc = parse_error(c, P_("%s: give it after the command (%s takes it)",
		    "%s: give it after the command (%s take it)", n), word, others);
	else
		rc = parse_error(c, P_("%s: not an option of %s (%s takes it)",
		    "%s: not an option of %s (%s take it)", n), word, c->name, others);
	free(others);
	return rc;
}

/* An option this command does not take: misplaced, or one of nobody's,
 * with the nearest of the command's own. */
static int
unknown(const struct cmd_entry *c, const char *arg, size_t len)
{
	const struct cmd_option *o;
	const char **names;
	const char *near;
	char *word = xstrndup(arg, len);
	size_t n = 0;
	int rc;

	if ((rc = misplaced(c, word)) != 0) {
		free(word);
		return rc;
	}
	for (o = c->options; o != NULL && o->name != NULL; o++)
		n++;
	names = xcalloc(2 * n + 2, sizeof *names);
	n = 0;
	for (o = c->options; o != NULL && o->name != NULL; o++) {
		names[n++] = o->name;
		if (o->alias != NULL)
			names[n++] = o->alias;
	}
	names[n++] = "--help";
	if ((near = did_you_mean(word, names)) != NULL)
		rc = parse_error(c, _("%s: unknown option (did you mean %s?)"), arg, near);
	else
		rc = parse_error(c, _("%s: unknown option"), arg);
	free(names);
	free(word);
	return rc;
}

/* Is the word one of the options c or panelist itself takes?  Then it is
 * not the value of the option before it: "--reviewer --as" lacks a name. */
static int
is_option(const struct cmd_entry *c, const char *v)
{
	size_t len = strcspn(v, "=");

	return strncmp(v, "--", 2) == 0 && (is_help(v) ||
	    lookup(c, v, len) != NULL || lookup(&cmd_global, v, len) != NULL);
}

/* "a|b|c" as "a, b or c". */
static char *
words_list(const char *words)
{
	struct buf b = { 0 };
	const char *p, *bar;

	for (p = words; (bar = strchr(p, '|')) != NULL; p = bar + 1)
		buf_printf(&b, "%s%.*s", p == words ? "" : ", ", (int)(bar - p), p);
	/* TRANSLATORS: before the last of a list of choices, "csv, tsv or json". */
	buf_printf(&b, "%s%s", p == words ? "" : _(" or "), p);
	return b.data;
}

/* Is v one of the words of "a|b|c"? */
static int
word_ok(const char *words, const char *v)
{
	size_t n = strlen(v), len;
	const char *p = words, *bar;

	for (;;) {
		bar = strchr(p, '|');
		len = bar != NULL ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, v, n) == 0)
			return 1;
		if (bar == NULL)
			return 0;
		p = bar + 1;
	}
}

static int
number_ok(const char *v, unsigned long long min, unsigned long long max,
    unsigned long long *out)
{
	char *end;

	if (*v < '0' || *v > '9')
		return 0;
	errno = 0;
	*out = strtoull(v, &end, 10);
	return errno == 0 && *end == '\0' && *out >= min && *out <= max;
}

/* Is value v right for option o?  0, or 2 with the error printed. */
static int
check_value(const struct cmd_entry *c, const struct cmd_option *o,
    const char *given, const char *v, struct cmd_found *f)
{
	char *list;
	int rc;

	switch (o->arg) {
	case ARG_FILE:
		if (*v == '\0')
			return parse_error(c, _("%s needs a file name"), given);
		break;
	case ARG_WORD:
		if (word_ok(o->words, v))
			break;
		list = words_list(o->words);
		rc = parse_error(c, _("%s %s: expected %s"), given, v, list);
		free(list);
		return rc;
	case ARG_NUMBER:
		if (!number_ok(v, o->min, o->max, &f->number))
			return parse_error(c, _("%s %s: expected a whole number from %llu "
			    "to %llu"), given, v, o->min, o->max);
		break;
	default:
		break;
	}
	return 0;
}

/* The option at argv[*i], its value "=" in the same word or in the next.
 * Messages name it as it was given (-o or --output). */
static int
take(const struct cmd_entry *c, struct cmd_args *a, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *eq = strchr(arg, '=');
	size_t len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
	const struct cmd_option *o = lookup(c, arg, len);
	struct cmd_found *f;
	char *given;
	int k, want, rc = 0;

	if (o == NULL)
		return unknown(c, arg, len);
	f = &a->found[o - c->options];
	want = o->arg == ARG_NONE ? 0 : o->arg == ARG_PAIR ? 2 : 1;
	given = xstrndup(arg, len);
	if (f->n > 0 && !o->repeat)
		rc = parse_error(c, _("%s given twice"), given);
	else if (want == 0 && eq != NULL)
		rc = parse_error(c, _("%s takes no value"), given);
	if (want > 0)
		f->values = xreallocarray(f->values, (f->n + 1) * (size_t)want,
		    sizeof *f->values);
	for (k = 0; k < want && rc == 0; k++) {
		const char *v = NULL;

		if (k == 0 && eq != NULL)
			v = eq + 1;
		else if (*i + 1 < argc && !is_option(c, argv[*i + 1]))
			v = argv[++*i];
		else if (want == 2)
			rc = parse_error(c, _("%s needs two values: %s"), given, o->meta);
		else if (*i + 1 < argc)
			rc = parse_error(c, _("%s needs a value (%s is an option)"), given,
			    argv[*i + 1]);
		else
			rc = parse_error(c, _("%s needs a value"), given);
		if (rc == 0 && (rc = check_value(c, o, given, v, f)) == 0)
			f->values[f->n * (size_t)want + (size_t)k] = v;
	}
	free(given);
	if (rc == 0)
		f->n++;
	return rc;
}

static int
check_rules(const struct cmd_entry *c, const struct cmd_args *a)
{
	const struct cmd_rule *r;
	int has_a, has_b;

	for (r = c->rules; r != NULL && r->a != NULL; r++) {
		has_a = cmd_args_has(a, r->a);
		has_b = cmd_args_has(a, r->b);
		if (r->kind == RULE_EXCLUSIVE ? !(has_a && has_b) : !(has_a && !has_b))
			continue;
		if (r->message != NULL)
			return parse_error(c, "%s", _(r->message));
		return parse_error(c, r->kind == RULE_EXCLUSIVE ? _("%s cannot be used "
		    "with %s") : _("%s can only be used with %s"), r->a, r->b);
	}
	return 0;
}

int
cmd_args_parse(const struct cmd_entry *c, int argc, char **argv, int first_only,
    struct cmd_args *a, int *used)
{
	size_t n = 0;
	int i, ended = 0, rc;

	memset(a, 0, sizeof *a);
	a->cmd = c;
	while (c->options != NULL && c->options[n].name != NULL)
		n++;
	a->found = xcalloc(n + 1, sizeof *a->found);
	a->argv = xcalloc((size_t)argc + 1, sizeof *a->argv);
	/* Help wins over any mistake around it, as a person asking for it
	 * is about to correct one. */
	for (i = 1; i < argc && !first_only && strcmp(argv[i], "--") != 0; i++)
		if (is_help(argv[i]))
			a->help = 1;
	if (a->help)
		return 0;
	for (i = 1; i < argc; i++) {
		if (!ended && strcmp(argv[i], "--") == 0 && !first_only)
			ended = 1;
		else if (ended || argv[i][0] != '-' || argv[i][1] == '\0') {
			if (first_only)
				break;
			a->argv[a->argc++] = argv[i];
		} else if (is_help(argv[i]))
			a->help = 1;
		else if ((rc = take(c, a, argc, argv, &i)) != 0)
			return rc;
	}
	*used = i;
	if (a->help || first_only)
		return 0;
	if ((rc = check_rules(c, a)) != 0)
		return rc;
	if (c->max_args == 0 && a->argc > 0)
		return parse_error(c, n > 0 ? _("%s: %s takes no arguments, only options") :
		    _("%s: %s takes no arguments"), a->argv[0], c->name);
	return 0;
}

void
cmd_args_free(struct cmd_args *a)
{
	size_t i;

	for (i = 0; a->cmd != NULL && a->cmd->options != NULL &&
	    a->cmd->options[i].name != NULL; i++)
		free(a->found[i].values);
	free(a->found);
	free(a->argv);
	memset(a, 0, sizeof *a);
}

const struct cmd_found *
cmd_args_get(const struct cmd_args *a, const char *name)
{
	const struct cmd_option *o = lookup(a->cmd, name, strlen(name));

	return o != NULL ? &a->found[o - a->cmd->options] : NULL;
}

int
cmd_args_has(const struct cmd_args *a, const char *name)
{
	const struct cmd_found *f = cmd_args_get(a, name);

	return f != NULL && f->n > 0;
}

const char *
cmd_args_value(const struct cmd_args *a, const char *name)
{
	const struct cmd_found *f = cmd_args_get(a, name);

	return f != NULL && f->n > 0 && f->values != NULL ? f->values[f->n - 1] : NULL;
}
