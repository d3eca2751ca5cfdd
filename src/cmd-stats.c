/* cmd-stats.c: what scores, compare, agreement, export and report share
 * (cmd-stats.h). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd-stats.h"
#include "store.h"
#include "util.h"

#define WIDTH_DEFAULT	100

void
stats_args_init(struct stats_args *a)
{
	memset(a, 0, sizeof *a);
	a->format = TAB_TABLE;
	a->n_boot = SCORES_BOOT_DEFAULT;
}

/* A whole decimal number without sign, at most max. */
static bool
parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

int
stats_args_take(const char *cmd, struct stats_args *a, int argc, char **argv,
    int *i)
{
	const char *v;
	uint64_t n;
	bool missing;

	if ((v = cmd_opt_value("--format", argc, argv, i, &missing)) != NULL) {
		if (tab_format_parse(v, &a->format) != 0)
			return cmd_usage_error(cmd, "--format %s: expected table, "
			    "csv, tsv, json or md", v);
	} else if (!missing &&
	    (v = cmd_opt_value("--resamples", argc, argv, i, &missing)) != NULL) {
		if (!parse_u64(v, STATS_RESAMPLES_MAX, &n))
			return cmd_usage_error(cmd, "--resamples %s: expected a "
			    "number from 0 to %d", v, STATS_RESAMPLES_MAX);
		a->n_boot = (size_t)n;
	} else if (!missing &&
	    (v = cmd_opt_value("--seed", argc, argv, i, &missing)) != NULL) {
		if (!parse_u64(v, UINT64_MAX, &a->seed))
			return cmd_usage_error(cmd, "--seed %s: expected a whole "
			    "number from 0 to %" PRIu64, v, UINT64_MAX);
		a->has_seed = true;
	} else if (!missing &&
	    (v = cmd_opt_value("--reviewers", argc, argv, i, &missing)) != NULL) {
		if (strcmp(v, "fixed") != 0 && strcmp(v, "random") != 0)
			return cmd_usage_error(cmd, "--reviewers %s: expected "
			    "fixed or random", v);
		a->reviewers_random = strcmp(v, "random") == 0;
	} else if (missing)
		return cmd_usage_error(cmd, "%s needs a value", argv[*i]);
	else
		return 0;
	return 1;
}

int
cmd_output_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	uint64_t n;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	if (env != NULL && parse_u64(env, 10000, &n) && n > 0)
		return (int)n;
	return WIDTH_DEFAULT;
}

/* How many ratings no score counts, for the notes to say so. */
static int
count_earlier(struct store *st, struct rating_set *set, struct errlist *errs)
{
	struct earlier_ratings *v;
	size_t i, n;
	int rc;

	if ((rc = store_earlier_version_ratings(st, &v, &n, errs)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		set->n_earlier += (size_t)v[i].ratings;
	earlier_ratings_free(v, n);
	return 0;
}

int
cmd_open_ratings(struct cmd_ctx *ctx, struct store **st, struct rating_set *set)
{
	struct errlist errs = { 0 };
	int rc;

	memset(set, 0, sizeof *set);
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, st, &errs)) == 0 &&
	    (rc = store_load_ratings(*st, set, &errs)) == 0 &&
	    (rc = count_earlier(*st, set, &errs)) != 0)
		rating_set_free(set);
	if (rc != 0 && *st != NULL) {
		store_close(*st);
		*st = NULL;
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

/* "a, b, c" for a message; "none" when empty. */
static char *
name_list(char *const *names, size_t n)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", names[i]);
	if (n == 0)
		buf_addstr(&b, "none");
	return b.data;
}

int
cmd_name_filter(const char *cmd, const char *what, char *const *names,
    size_t n, char *const *want, size_t n_want, bool **flags)
{
	uint32_t idx;
	size_t i;
	char *all;

	*flags = NULL;
	if (n_want == 0)
		return 0;
	*flags = xcalloc(n + 1, sizeof **flags);
	for (i = 0; i < n_want; i++) {
		if (ratings_lookup(names, n, want[i], &idx) != 0) {
			all = name_list(names, n);
			cmd_usage_error(cmd, "no ratings of %s '%s' (%ss with "
			    "ratings: %s)", what, want[i], what, all);
			free(all);
			free(*flags);
			*flags = NULL;
			return 2;
		}
		(*flags)[idx] = true;
	}
	return 0;
}

void
scores_args_init(struct scores_args *a)
{
	memset(a, 0, sizeof *a);
	a->group = SCORES_BY_CAPABILITY;
	stats_args_init(&a->s);
}

static void
push(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

int
scores_args_take(const char *cmd, struct scores_args *a, int argc,
    char **argv, int *i)
{
	const char *v;
	bool missing;

	if ((v = cmd_opt_value("--by", argc, argv, i, &missing)) != NULL) {
		if (scores_group_parse(v, &a->group) != 0)
			return cmd_usage_error(cmd, "--by %s: expected model, "
			    "model,capability, model,capability,axis or reviewer",
			    v);
	} else if (!missing &&
	    (v = cmd_opt_value("--model", argc, argv, i, &missing)) != NULL)
		push(&a->models, &a->n_models, v);
	else if (!missing &&
	    (v = cmd_opt_value("--capability", argc, argv, i, &missing)) != NULL)
		push(&a->caps, &a->n_caps, v);
	else if (missing)
		return cmd_usage_error(cmd, "%s needs a value", argv[*i]);
	else
		return stats_args_take(cmd, &a->s, argc, argv, i);
	return 1;
}

void
scores_args_free(struct scores_args *a)
{
	size_t i;

	for (i = 0; i < a->n_models; i++)
		free(a->models[i]);
	for (i = 0; i < a->n_caps; i++)
		free(a->caps[i]);
	free(a->models);
	free(a->caps);
	memset(a, 0, sizeof *a);
}

int
cmd_write_failed(const char *what)
{
	warnx_("writing %s: %s", what, strerror(errno != 0 ? errno : EIO));
	return 1;
}

int
cmd_flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return cmd_write_failed("standard output");
	return 0;
}

int
cmd_scores_write(const char *cmd, const struct rating_set *set,
    const struct scores_args *a, int width, FILE *f)
{
	struct scores_opts o;
	struct scores sc;
	bool *models = NULL, *caps = NULL;
	int rc;

	if ((rc = cmd_name_filter(cmd, "model", set->models, set->n_models,
	    a->models, a->n_models, &models)) != 0 ||
	    (rc = cmd_name_filter(cmd, "capability", set->capabilities,
	    set->n_capabilities, a->caps, a->n_caps, &caps)) != 0)
		goto out;
	scores_opts_init(&o);
	o.group = a->group;
	o.filter.models = models;
	o.filter.capabilities = caps;
	o.n_boot = a->s.n_boot;
	o.has_seed = a->s.has_seed;
	o.seed = a->s.seed;
	o.reviewers_random = a->s.reviewers_random;
	if (scores_compute(set, &o, &sc) != 0) {
		warnx_("computing the scores: the ratings are inconsistent");
		rc = 1;
		goto out;
	}
	errno = 0;
	if (scores_format(&sc, a->s.format, width, f) != 0)
		rc = cmd_write_failed("the scores");
	scores_free(&sc);
out:
	free(models);
	free(caps);
	return rc;
}
