/* cmd-report.c: panelist report, the scores and the agreement as one
 * self-contained HTML file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agreement.h"
#include "cmd-common.h"
#include "i18n.h"
#include "outfile.h"
#include "report.h"
#include "store.h"

struct report_args {
	const char		*output;
	const char		*lang;		/* --lang; NULL: the locale's */
	const char		*pair[2];	/* --compare A B; NULL: every pair */
	struct stats_settings	 s;
};

static int
parse_args(const struct cmd_args *args, struct report_args *a)
{
	const struct cmd_found *pair = cmd_args_get(args, "--compare");

	memset(a, 0, sizeof *a);
	/* First, so that every message after it is in that language too. */
	if ((a->lang = cmd_args_value(args, "--lang")) != NULL &&
	    !i18n_use_language(a->lang))
		return cmd_usage_error("report", _("--lang %s: expected en or ja"),
		    a->lang);
	if (cmd_args_has(args, "--format"))
		return cmd_usage_error("report", _("a report is HTML; for other "
		    "formats see scores, agreement and export"));
	if ((a->output = cmd_args_value(args, "-o")) == NULL)
		return cmd_usage_error("report", _("where to? give -o FILE "
		    "(- for standard output)"));
	if (pair->n > 0) {
		a->pair[0] = pair->values[0];
		a->pair[1] = pair->values[1];
	}
	stats_settings_read(&a->s, args);
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

/* The paired comparisons: --compare's pair, else every pair of models. */
static int
compute_pairs(const struct report_args *a, struct inputs *in,
    const struct scores_opts *so)
{
	size_t M = in->set.n_models, i, j;
	uint32_t m[2];
	int rc;

	if (a->pair[0] != NULL) {
		if ((rc = cmd_model_pair("report", "--compare", &in->set, a->pair,
		    m)) != 0)
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

	stats_scores_opts(&a->s, &in->set, &so);
	stats_agreement_opts(&a->s, &ao);
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

/* What the report covers, on stderr once it is written. */
static void
wrote(const struct report_args *a, const struct inputs *in, long long size)
{
	char *what;

	what = xasprintf(_("the report of study '%s': %zu models, %zu prompts, "
	    "%zu outputs, %zu reviewers, %zu ratings (one per output, axis and "
	    "reviewer)"), in->ss.title != NULL ? in->ss.title : in->ss.id,
	    in->set.n_models, in->set.n_prompts, in->set.n_outputs,
	    in->set.n_reviewers, in->set.n_ratings);
	cmd_wrote(a->output, size, what);
	free(what);
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
			err_add(&errs, _("writing %s: %s"),
			    a->output, strerror(errno != 0 ? errno : EIO));
			outfile_abort(&out);
			rc = 1;
		} else if ((rc = outfile_commit(&out, &errs)) == 0)
			wrote(a, in, out.size);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

int
cmd_report_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct report_args a;
	struct inputs in;
	int rc;

	memset(&in, 0, sizeof in);
	if ((rc = parse_args(args, &a)) != 0)
		return rc;
	if ((rc = read_study(ctx, &in)) != 0)
		;
	else if ((rc = compute(&a, &in)) != 0) {
		if (rc < 0) {
			warnx_(_("computing the report: the ratings are "
			    "inconsistent"));
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
