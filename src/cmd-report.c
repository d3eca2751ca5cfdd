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
		else if (strncmp(argv[i], "--format", 8) == 0)
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
};

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

	scores_opts_init(&so);
	so.n_boot = a->s.n_boot;
	so.has_seed = a->s.has_seed;
	so.seed = a->s.seed;
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
	else if (compute(&a, &in) != 0) {
		warnx_("computing the report: out of memory");
		rc = 1;
	} else {
		rc = write_page(&a, &in);
		scores_free(&in.caps);
		scores_free(&in.axes);
		agreement_free(&in.ag);
	}
	rating_set_free(&in.set);
	report_sources_free(&in.src);
	study_settings_free(&in.ss);
	return rc;
}
