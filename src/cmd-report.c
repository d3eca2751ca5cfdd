/* cmd-report.c: panelist report, the scores and the agreement as one
 * self-contained HTML file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agreement.h"
#include "cmd-stats.h"
#include "outfile.h"
#include "report.h"
#include "store.h"

struct report_args {
	const char		*output;
	const char		*pair[2];	/* --compare A B; NULL: every pair */
	struct stats_args	 s;
};

static int
parse_args(int argc, char **argv, struct report_args *a)
{
	const char *v;
	bool missing;
	int i, rc;

	memset(a, 0, sizeof *a);
	stats_args_init(&a->s);
	for (i = 1; i < argc; i++) {
		if ((v = cmd_opt_value("-o", argc, argv, &i, &missing)) != NULL ||
		    (!missing && (v = cmd_opt_value("--output", argc, argv, &i,
		    &missing)) != NULL)) {
			if (*v == '\0')
				return cmd_usage_error("report", "-o needs a file name");
			a->output = v;
		} else if (missing)
			return cmd_usage_error("report", "%s needs a file name", argv[i]);
		else if (strcmp(argv[i], "--compare") == 0) {
			if (i + 2 >= argc)
				return cmd_usage_error("report", "--compare "
				    "needs two models");
			a->pair[0] = argv[++i];
			a->pair[1] = argv[++i];
		} else if (strncmp(argv[i], "--format", 8) == 0)
			return cmd_usage_error("report", "a report is HTML; for other "
			    "formats see scores, agreement and export");
		else if ((rc = stats_args_take("report", &a->s, argc, argv, &i)) == 1)
			continue;
		else if (rc != 0)
			return rc;
		else
			return cmd_usage_error("report", argv[i][0] == '-' ?
			    "%s: unknown option" : "%s: report takes only options",
			    argv[i]);
	}
	if (a->output == NULL)
		return cmd_usage_error("report", "where to? give -o FILE "
		    "(- for standard output)");
	return 0;
}

/* Everything the page shows, read from one snapshot of the study. */
struct inputs {
	struct study_settings	ss;
	struct report_sources	src;
	struct rating_set	set;
	struct scores		caps, axes;
	struct agreement	ag;
	struct compare		*cmps;
	size_t			 n_cmps;
};

static void
compares_free(struct inputs *in)
{
	size_t i;

	for (i = 0; i < in->n_cmps; i++)
		compare_free(&in->cmps[i]);
	free(in->cmps);
	in->cmps = NULL;
	in->n_cmps = 0;
}

/* --compare's two models, or -1 with the message printed (status 2). */
static int
pair_lookup(const struct report_args *a, const struct rating_set *set,
    uint32_t m[2])
{
	bool *flags;
	int k, rc;

	for (k = 0; k < 2; k++) {
		if ((rc = cmd_name_filter("report", "model", set->models,
		    set->n_models, (char *const *)&a->pair[k], 1, &flags)) != 0)
			return rc;
		free(flags);
		ratings_lookup(set->models, set->n_models, a->pair[k], &m[k]);
	}
	if (m[0] == m[1])
		return cmd_usage_error("report", "--compare two different "
		    "models, not %s with itself", set->models[m[0]]);
	return 0;
}

/* The paired comparisons: --compare's pair, else every pair of models. */
static int
compute_pairs(const struct report_args *a, struct inputs *in,
    const struct scores_opts *so)
{
	size_t M = in->set.n_models, i, j;
	uint32_t m[2];
	int rc;

	if (a->pair[0] != NULL) {
		if ((rc = pair_lookup(a, &in->set, m)) != 0)
			return rc;
		in->cmps = xcalloc(1, sizeof *in->cmps);
		if (compare_compute(&in->set, m[0], m[1], so, &in->cmps[0]) != 0)
			return -1;
		in->n_cmps = 1;
		return 0;
	}
	in->cmps = xcalloc(M * M / 2 + 1, sizeof *in->cmps);
	for (i = 0; i < M; i++) {
		for (j = i + 1; j < M; j++) {
			if (compare_compute(&in->set, (uint32_t)i, (uint32_t)j, so,
			    &in->cmps[in->n_cmps]) != 0)
				return -1;
			in->n_cmps++;
		}
	}
	return 0;
}

/* What read_study filled is freed by the caller, whatever it returned. */
static int
read_study(struct cmd_ctx *ctx, struct inputs *in)
{
	struct errlist errs = { 0 };
	struct store *st;
	int rc;

	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		if ((rc = store_read_begin(st, &errs)) == 0) {
			if ((rc = store_study(st, &in->ss, &errs)) == 0 &&
			    (rc = store_report_sources(st, &in->src, &errs)) == 0)
				rc = store_load_ratings(st, &in->set, &errs);
			store_read_end(st);
		}
		store_close(st);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

static int
compute(const struct report_args *a, struct inputs *in)
{
	struct scores_opts so;
	struct agreement_opts ao;
	int rc;

	scores_opts_init(&so);
	so.n_boot = a->s.n_boot;
	so.has_seed = a->s.has_seed;
	so.seed = a->s.seed;
	so.reviewers_random = a->s.reviewers_random;
	agreement_opts_init(&ao);
	ao.n_boot = a->s.n_boot;
	ao.has_seed = a->s.has_seed;
	ao.seed = a->s.seed;
	if (scores_compute(&in->set, &so, &in->caps) != 0)
		return -1;
	so.group = SCORES_BY_AXIS;
	if (scores_compute(&in->set, &so, &in->axes) != 0) {
		scores_free(&in->caps);
		return -1;
	}
	if (agreement_compute(&in->set, &ao, &in->ag) != 0) {
		scores_free(&in->caps);
		scores_free(&in->axes);
		return -1;
	}
	so.group = SCORES_BY_CAPABILITY;
	if ((rc = compute_pairs(a, in, &so)) != 0) {
		compares_free(in);
		scores_free(&in->caps);
		scores_free(&in->axes);
		agreement_free(&in->ag);
		return rc;
	}
	return 0;
}

/* The date for people; SOURCE_DATE_EPOCH fixes it for reproducible files. */
static void
generated(char *buf, size_t size)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (env != NULL && *env != '\0')
		t = (time_t)strtoll(env, NULL, 10);
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm);
}

static int
write_page(const struct report_args *a, struct inputs *in)
{
	struct errlist errs = { 0 };
	struct outfile out;
	struct report r;
	char date[64];
	int rc;

	generated(date, sizeof date);
	r.study = &in->ss;
	r.src = &in->src;
	r.set = &in->set;
	r.caps = &in->caps;
	r.axes = &in->axes;
	r.ag = &in->ag;
	r.cmps = in->cmps;
	r.n_cmps = in->n_cmps;
	r.generated = date;
	if ((rc = outfile_open(&out, a->output, &errs)) == 0) {
		errno = 0;
		if (report_write(&r, out.f) != 0) {
			err_add(&errs, "writing %s: %s",
			    a->output, strerror(errno != 0 ? errno : EIO));
			outfile_abort(&out);
			rc = 1;
		} else
			rc = outfile_commit(&out, &errs);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

int
cmd_report_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct report_args a;
	struct inputs in;
	int rc;

	memset(&in, 0, sizeof in);
	if ((rc = parse_args(argc, argv, &a)) != 0)
		return rc;
	if ((rc = read_study(ctx, &in)) != 0)
		;
	else if ((rc = compute(&a, &in)) != 0) {
		if (rc < 0) {
			warnx_("computing the report: the ratings are inconsistent");
			rc = 1;
		}
	} else {
		rc = write_page(&a, &in);
		scores_free(&in.caps);
		scores_free(&in.axes);
		agreement_free(&in.ag);
		compares_free(&in);
	}
	rating_set_free(&in.set);
	report_sources_free(&in.src);
	study_settings_free(&in.ss);
	return rc;
}
