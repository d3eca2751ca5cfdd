/* cmd-common.c: what scores, compare, agreement, export and report share
 * (cmd-common.h). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd-common.h"
#include "i18n.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define WIDTH_DEFAULT	100

void
stats_settings_read(struct stats_settings *s, const struct cmd_args *a)
{
	const struct cmd_found *f;
	const char *v;

	memset(s, 0, sizeof *s);
	s->format = TAB_TABLE;
	s->n_boot = SCORES_BOOT_DEFAULT;
	s->metric = KA_ORDINAL;
	s->group = SCORES_BY_CAPABILITY;
	/* The parser has checked the words (cmd.c); export checks its own
	 * --format, which these words do not all cover. */
	if ((v = cmd_args_value(a, "--format")) != NULL)
		(void)tab_format_parse(v, &s->format);
	if ((f = cmd_args_get(a, "--resamples")) != NULL && f->n > 0)
		s->n_boot = (size_t)f->number;
	if ((f = cmd_args_get(a, "--seed")) != NULL && f->n > 0) {
		s->has_seed = true;
		s->seed = f->number;
	}
	if ((f = cmd_args_get(a, "--reviewers")) != NULL && f->n > 0 &&
	    f->values != NULL) {
		s->has_reviewers = true;
		s->reviewers_random = strcmp(f->values[f->n - 1], "random") == 0;
	}
	if ((v = cmd_args_value(a, "--metric")) != NULL)
		(void)ka_metric_parse(v, &s->metric);
	if ((v = cmd_args_value(a, "--by")) != NULL)
		(void)scores_group_parse(v, &s->group);
	if ((f = cmd_args_get(a, "--model")) != NULL) {
		s->models = f->values;
		s->n_models = f->n;
	}
	if ((f = cmd_args_get(a, "--capability")) != NULL) {
		s->caps = f->values;
		s->n_caps = f->n;
	}
}

void
stats_scores_opts(const struct stats_settings *s, const struct rating_set *set,
    struct scores_opts *o)
{
	scores_opts_init(o);
	o->group = s->group;
	o->n_boot = s->n_boot;
	o->has_seed = s->has_seed;
	o->seed = s->seed;
	/* --reviewers wins over the study file's reviewers_random. */
	o->reviewers_random = s->has_reviewers ? s->reviewers_random : set->reviewers_random;
}

void
stats_agreement_opts(const struct stats_settings *s, struct agreement_opts *o)
{
	agreement_opts_init(o);
	o->metric = s->metric;
	o->n_boot = s->n_boot;
	o->has_seed = s->has_seed;
	o->seed = s->seed;
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

int
cmd_open_ratings(struct cmd_ctx *ctx, struct store **st, struct rating_set *set)
{
	struct errlist errs = { 0 };
	int rc;

	memset(set, 0, sizeof *set);
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, st, &errs)) == 0 &&
	    (rc = store_load_ratings(*st, set, &errs)) != 0)
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
		buf_addstr(&b, _("none"));
	return b.data;
}

/* No ratings of the model or capability asked for: the nearest name, or
 * every name there is. */
static void
no_such_name(const char *cmd, const char *what, const char *name, const char *near,
    const char *all)
{
	bool model = strcmp(what, "model") == 0;

	if (near != NULL)
		cmd_usage_error(cmd, model ? _("no ratings of model '%s' (did you mean '%s'?)") :
		    _("no ratings of capability '%s' (did you mean '%s'?)"), name, near);
	else
		cmd_usage_error(cmd, model ? _("no ratings of model '%s' (models with ratings: %s)") :
		    _("no ratings of capability '%s' (capabilities with ratings: %s)"), name, all);
}

int
cmd_name_filter(const char *cmd, const char *what, char *const *names,
    size_t n, const char *const *want, size_t n_want, bool **flags)
{
	const char *near;
	uint32_t idx;
	size_t i;
	char *all;

	*flags = NULL;
	if (n_want == 0)
		return 0;
	*flags = xcalloc(n + 1, sizeof **flags);
	for (i = 0; i < n_want; i++) {
		if (ratings_lookup(names, n, want[i], &idx) != 0) {
			near = did_you_mean_n(want[i], (const char *const *)names, n);
			all = name_list(names, n);
			no_such_name(cmd, what, want[i], near, all);
			free(all);
			free(*flags);
			*flags = NULL;
			return 2;
		}
		(*flags)[idx] = true;
	}
	return 0;
}

int
cmd_model_pair(const char *cmd, const char *what, const struct rating_set *set,
    const char *const names[2], uint32_t m[2])
{
	bool *flags;
	int k, rc;

	for (k = 0; k < 2; k++) {
		if ((rc = cmd_name_filter(cmd, "model", set->models, set->n_models,
		    &names[k], 1, &flags)) != 0)
			return rc;
		free(flags);
		ratings_lookup(set->models, set->n_models, names[k], &m[k]);
	}
	if (m[0] == m[1])
		/* TRANSLATORS: the first %s is "compare" or "--compare". */
		return cmd_usage_error(cmd, _("%s two different models, not %s with "
		    "itself"), what, set->models[m[0]]);
	return 0;
}

void
cmd_wrote(const char *path, long long size, const char *what)
{
	char *line;

	if (path == NULL || strcmp(path, "-") == 0)
		return;
	line = xasprintf(_("Wrote %s (%lld bytes): %s.\n"), path, size, what);
	/* The name is the user's: through the terminal rules (text.h). */
	text_fputs(line, stderr);
	free(line);
}

int
cmd_write_failed(const char *what)
{
	warnx_(_("writing %s: %s"), what, strerror(errno != 0 ? errno : EIO));
	return 1;
}

int
cmd_flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return cmd_write_failed(_("standard output"));
	return 0;
}

int
cmd_scores_write(const char *cmd, const struct rating_set *set,
    const struct stats_settings *a, int width, FILE *f)
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
	stats_scores_opts(a, set, &o);
	o.filter.models = models;
	o.filter.capabilities = caps;
	if (scores_compute(set, &o, &sc) != 0) {
		warnx_(_("computing the scores: the ratings are inconsistent"));
		rc = 1;
		goto out;
	}
	errno = 0;
	if (scores_format(&sc, a->format, width, f) != 0)
		rc = cmd_write_failed(_("the scores"));
	scores_free(&sc);
out:
	free(models);
	free(caps);
	return rc;
}

int
cmd_with_ratings(struct cmd_ctx *ctx, int (*fn)(const struct rating_set *,
    const void *), const void *arg)
{
	struct rating_set set;
	struct store *st;
	int rc;

	if ((rc = cmd_open_ratings(ctx, &st, &set)) != 0)
		return rc;
	store_close(st);
	rc = fn(&set, arg);
	rating_set_free(&set);
	return rc != 0 ? rc : cmd_flush_stdout();
}
