/* cmd-compare.c: panelist compare, two models paired on the prompts both
 * were rated on. */
#include "config.h"

#include <stdio.h>

#include "cmd-common.h"
#include "i18n.h"
#include "util.h"

struct compare_args {
	const char		*names[2];
	struct stats_settings	 s;
};

static int
run(const struct rating_set *set, const void *arg)
{
	const struct compare_args *a = arg;
	struct scores_opts o;
	struct compare cm;
	uint32_t m[2];
	int rc;

	if ((rc = cmd_model_pair("compare", "compare", set, a->names, m)) != 0)
		return rc;
	stats_scores_opts(&a->s, set, &o);
	if (compare_compute(set, m[0], m[1], &o, &cm) != 0) {
		warnx_(_("comparing the models: the ratings are inconsistent"));
		return 1;
	}
	if (cm.n_pool == 0) {
		compare_free(&cm);
		return cmd_usage_error("compare", _("no prompt was rated for both "
		    "%s and %s: there is nothing to pair"), set->models[m[0]],
		    set->models[m[1]]);
	}
	rc = 0;
	if (compare_format(&cm, a->s.format, cmd_output_width(), stdout) != 0)
		rc = cmd_write_failed(_("the comparison"));
	compare_free(&cm);
	return rc;
}

int
cmd_compare_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct compare_args a;

	if (args->argc > 2)
		return cmd_usage_error("compare", _("compare takes two models"));
	if (args->argc < 2)
		return cmd_usage_error("compare", _("compare which two models?"));
	a.names[0] = args->argv[0];
	a.names[1] = args->argv[1];
	stats_settings_read(&a.s, args);
	return cmd_with_ratings(ctx, run, &a);
}
