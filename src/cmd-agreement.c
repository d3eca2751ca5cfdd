/* cmd-agreement.c: panelist agreement, Krippendorff's alpha per capability
 * and axis, and the reviewers a panel lead should look at. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "agreement.h"
#include "cmd-stats.h"
#include "store.h"

struct agreement_args {
	enum ka_metric		 metric;
	bool			 reviewers;	/* the reviewer table alone */
	struct stats_args	 s;
};

static int
parse_args(int argc, char **argv, struct agreement_args *a)
{
	const char *v;
	bool missing;
	int i, rc;

	memset(a, 0, sizeof *a);
	a->metric = KA_ORDINAL;
	stats_args_init(&a->s);
	for (i = 1; i < argc; i++) {
		if ((v = cmd_opt_value("--metric", argc, argv, &i, &missing)) != NULL) {
			if (ka_metric_parse(v, &a->metric) != 0)
				return cmd_usage_error("agreement", "--metric %s: "
				    "expected nominal, ordinal, interval or ratio", v);
		} else if (missing)
			return cmd_usage_error("agreement", "%s needs a value", argv[i]);
		else if (strcmp(argv[i], "--reviewers") == 0)
			a->reviewers = true;
		else if ((rc = stats_args_take("agreement", &a->s, argc, argv, &i)) == 1)
			continue;
		else if (rc != 0)
			return rc;
		else
			return cmd_usage_error("agreement", argv[i][0] == '-' ?
			    "%s: unknown option" : "%s: agreement takes only options",
			    argv[i]);
	}
	return 0;
}

/* CSV and TSV hold one table: the alphas unless --reviewers. */
static enum agreement_part
part_of(const struct agreement_args *a)
{
	if (a->reviewers)
		return AGREEMENT_REVIEWERS;
	if (a->s.format == TAB_CSV || a->s.format == TAB_TSV)
		return AGREEMENT_ALPHA;
	return AGREEMENT_BOTH;
}

static int
run(const struct agreement_args *a, const struct rating_set *set)
{
	struct agreement_opts o;
	struct agreement ag;
	int rc = 0;

	if (a->metric == KA_RATIO && set->n_ratings > 0 && set->scale_min < 0)
		return cmd_usage_error("agreement", "--metric ratio needs a scale "
		    "without negative points (this one starts at %g)",
		    set->scale_min);
	agreement_opts_init(&o);
	o.metric = a->metric;
	o.n_boot = a->s.n_boot;
	o.has_seed = a->s.has_seed;
	o.seed = a->s.seed;
	if (agreement_compute(set, &o, &ag) != 0) {
		warnx_("computing the agreement: the ratings are inconsistent");
		return 1;
	}
	if (agreement_format(&ag, part_of(a), a->s.format, cmd_output_width(),
	    stdout) != 0)
		rc = cmd_write_failed("the agreement");
	agreement_free(&ag);
	return rc;
}

int
cmd_agreement_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct agreement_args a;
	struct rating_set set;
	struct store *st;
	int rc;

	if ((rc = parse_args(argc, argv, &a)) != 0)
		return rc;
	if ((rc = cmd_open_ratings(ctx, &st, &set)) != 0)
		return rc;
	store_close(st);
	rc = run(&a, &set);
	rating_set_free(&set);
	return rc != 0 ? rc : cmd_flush_stdout();
}
