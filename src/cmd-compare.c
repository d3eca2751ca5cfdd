/* cmd-compare.c: panelist compare, two models paired on the prompts both
 * were rated on. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-stats.h"
#include "store.h"

struct compare_args {
	const char		*names[2];
	struct stats_args	 s;
};

static int
parse_args(int argc, char **argv, struct compare_args *a)
{
	size_t n = 0;
	int i, rc;

	memset(a, 0, sizeof *a);
	stats_args_init(&a->s);
	for (i = 1; i < argc; i++) {
		if ((rc = stats_args_take("compare", &a->s, argc, argv, &i)) == 1)
			continue;
		if (rc != 0)
			return rc;
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cmd_usage_error("compare", "%s: unknown option",
			    argv[i]);
		if (n == 2)
			return cmd_usage_error("compare", "compare takes two "
			    "models");
		a->names[n++] = argv[i];
	}
	if (n < 2)
		return cmd_usage_error("compare", "compare which two models?");
	return 0;
}

static int
run(const struct compare_args *a, const struct rating_set *set)
{
	struct scores_opts o;
	struct compare cm;
	uint32_t m[2];
	bool *flags;
	int k, rc;

	for (k = 0; k < 2; k++) {
		/* The same lookup as --model, for the same message. */
		if ((rc = cmd_name_filter("compare", "model", set->models,
		    set->n_models, (char *const *)&a->names[k], 1, &flags)) != 0)
			return rc;
		free(flags);
		ratings_lookup(set->models, set->n_models, a->names[k], &m[k]);
	}
	if (m[0] == m[1])
		return cmd_usage_error("compare", "compare two different models, "
		    "not %s with itself", set->models[m[0]]);
	scores_opts_init(&o);
	o.n_boot = a->s.n_boot;
	o.has_seed = a->s.has_seed;
	o.seed = a->s.seed;
	o.reviewers_random = a->s.reviewers_random;
	if (compare_compute(set, m[0], m[1], &o, &cm) != 0) {
		warnx_("comparing the models: the ratings are inconsistent");
		return 1;
	}
	if (cm.n_pool == 0) {
		compare_free(&cm);
		return cmd_usage_error("compare", "no prompt was rated for both "
		    "%s and %s: there is nothing to pair", set->models[m[0]],
		    set->models[m[1]]);
	}
	rc = 0;
	if (compare_format(&cm, a->s.format, cmd_output_width(), stdout) != 0)
		rc = cmd_write_failed("the comparison");
	compare_free(&cm);
	return rc;
}

int
cmd_compare_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct compare_args a;
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
