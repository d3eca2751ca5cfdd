/* cmd-agreement.c: panelist agreement, Krippendorff's alpha per capability
 * and axis, and the reviewers a panel lead should look at. */
#include "config.h"

#include <stdio.h>

#include "agreement.h"
#include "cmd-common.h"
#include "i18n.h"
#include "util.h"

struct agreement_args {
	bool			 reviewers;	/* the reviewer table alone */
	struct stats_settings	 s;
};

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
run(const struct rating_set *set, const void *arg)
{
	const struct agreement_args *a = arg;
	struct agreement_opts o;
	struct agreement ag;
	int rc = 0;

	if (a->s.metric == KA_RATIO && set->n_ratings > 0 && set->scale_min < 0)
		return cmd_usage_error("agreement", _("--metric ratio needs a scale "
		    "without negative points (this one starts at %g)"),
		    set->scale_min);
	stats_agreement_opts(&a->s, &o);
	if (agreement_compute(set, &o, &ag) != 0) {
		warnx_(_("computing the agreement: the ratings are inconsistent"));
		return 1;
	}
	if (agreement_format(&ag, part_of(a), a->s.format, cmd_output_width(),
	    stdout) != 0)
		rc = cmd_write_failed(_("the agreement"));
	agreement_free(&ag);
	return rc;
}

int
cmd_agreement_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct agreement_args a;

	a.reviewers = cmd_args_has(args, "--reviewers");
	stats_settings_read(&a.s, args);
	return cmd_with_ratings(ctx, run, &a);
}
