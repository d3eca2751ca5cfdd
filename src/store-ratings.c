/* store-ratings.c: every rating of the current panel, read in one pass of SQL
 * into the arrays the statistics compute over (ratings.h). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "strset.h"

/* Names to indices, in order of first appearance. */
struct names {
	struct strset	  index;	/* name -> index + 1 */
	char		**v;
	size_t		  n;
};

static uint32_t
intern(struct names *nm, const char *name)
{
	uintptr_t i = (uintptr_t)strset_get(&nm->index, name);

	if (i != 0)
		return (uint32_t)(i - 1);
	nm->v = xreallocarray(nm->v, nm->n + 1, sizeof *nm->v);
	nm->v[nm->n++] = xstrdup(name);
	strset_put(&nm->index, name, (const void *)(uintptr_t)nm->n);
	return (uint32_t)(nm->n - 1);
}

static char **
take(struct names *nm, size_t *n)
{
	*n = nm->n;
	strset_free(&nm->index);
	return nm->v;
}

/* Capabilities in the order of the workplace shares, then any of the
 * study's own; axes in rubric order.  Named first, so indices follow. */
static void
seed_names(struct store *st, struct names *caps, struct names *axes)
{
	const struct capability_info *c;
	sqlite3_stmt *s;

	for (c = capabilities; c->id != NULL; c++) {
		if (store_rubric_row(st, c->id) != 0)
			intern(caps, c->id);
	}
	s = store_stmt(st, "SELECT r.capability, a.axis FROM current_rubric r JOIN axis a"
	    " ON a.rubric = r.id ORDER BY r.capability, a.position", NULL);
	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		intern(caps, (const char *)sqlite3_column_text(s, 0));
		intern(axes, (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
}

static void
load_weights(struct store *st, struct rating_set *rs)
{
	int64_t custom = store_int(st, "SELECT count(*) FROM weight", "");
	size_t i;

	rs->weights = xcalloc(rs->n_capabilities, sizeof *rs->weights);
	for (i = 0; i < rs->n_capabilities; i++) {
		sqlite3_stmt *s;

		if (!custom) {
			rs->weights[i] = capability_default_weight(rs->capabilities[i]);
			continue;
		}
		s = store_stmt(st, "SELECT weight FROM weight WHERE capability = ?", NULL);
		if (s == NULL)
			continue;
		store_bind(s, "t", rs->capabilities[i]);
		if (sqlite3_step(s) == SQLITE_ROW)
			rs->weights[i] = sqlite3_column_double(s, 0);
		sqlite3_reset(s);
	}
}

int
store_load_ratings(struct store *st, struct rating_set *rs, struct errlist *errs)
{
	static const char sql[] =
	    "SELECT p.name, m.name, g.capability, g.axis, v.name, g.score,"
	    " w.flag IS NOT NULL, o.id"
	    " FROM rating g JOIN output o ON o.id = g.output"
	    " JOIN current_prompt p ON p.id = o.prompt"
	    " JOIN current_rubric r ON r.capability = g.capability AND r.id = g.rubric"
	    " JOIN model m ON m.id = o.model JOIN reviewer v ON v.id = g.reviewer"
	    " LEFT JOIN review w ON w.reviewer = g.reviewer AND w.output = g.output"
	    " ORDER BY o.id, g.capability, g.axis, v.name";
	struct names prompts = { 0 }, models = { 0 }, caps = { 0 }, axes = { 0 }, reviewers = { 0 };
	struct names outputs = { 0 };
	struct study_settings ss;
	size_t cap = 0, i;
	sqlite3_stmt *s;
	int rc;

	memset(rs, 0, sizeof *rs);
	if ((rc = store_study(st, &ss, errs)) != 0)
		return rc;
	rs->seed = ss.seed;
	study_settings_free(&ss);
	rs->scale_min = (double)store_int(st, "SELECT min(scale_min) FROM current_rubric", "");
	rs->scale_max = (double)store_int(st, "SELECT max(scale_max) FROM current_rubric", "");
	seed_names(st, &caps, &axes);
	if ((s = store_stmt(st, sql, errs)) == NULL)
		return STORE_RUNTIME;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rating *r;
		char key[32];
		uint32_t out;

		if (rs->n_ratings == cap) {
			cap = cap ? cap * 2 : 1024;
			rs->ratings = xreallocarray(rs->ratings, cap, sizeof *rs->ratings);
		}
		r = &rs->ratings[rs->n_ratings++];
		r->prompt = intern(&prompts, (const char *)sqlite3_column_text(s, 0));
		r->model = intern(&models, (const char *)sqlite3_column_text(s, 1));
		r->capability = intern(&caps, (const char *)sqlite3_column_text(s, 2));
		r->axis = intern(&axes, (const char *)sqlite3_column_text(s, 3));
		r->reviewer = intern(&reviewers, (const char *)sqlite3_column_text(s, 4));
		r->score = sqlite3_column_type(s, 5) == SQLITE_NULL ? NAN :
		    sqlite3_column_double(s, 5);
		r->flagged = sqlite3_column_int(s, 6) != 0;
		snprintf(key, sizeof key, "%lld", (long long)sqlite3_column_int64(s, 7));
		out = intern(&outputs, key);
		r->output = out;
		if (out + 1 > rs->n_outputs) {
			rs->output_prompt = xreallocarray(rs->output_prompt, out + 1, sizeof *rs->output_prompt);
			rs->output_model = xreallocarray(rs->output_model, out + 1, sizeof *rs->output_model);
			rs->n_outputs = out + 1;
		}
		rs->output_prompt[out] = r->prompt;
		rs->output_model[out] = r->model;
	}
	sqlite3_reset(s);
	rs->prompts = take(&prompts, &rs->n_prompts);
	rs->models = take(&models, &rs->n_models);
	rs->capabilities = take(&caps, &rs->n_capabilities);
	rs->axes = take(&axes, &rs->n_axes);
	rs->reviewers = take(&reviewers, &rs->n_reviewers);
	take(&outputs, &i);
	for (i = 0; i < outputs.n; i++)
		free(outputs.v[i]);
	free(outputs.v);
	load_weights(st, rs);
	if (rc != SQLITE_DONE) {
		rating_set_free(rs);
		return store_fail(st, errs, "reading ratings");
	}
	return 0;
}

static void
free_names(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
rating_set_free(struct rating_set *rs)
{
	free(rs->ratings);
	free_names(rs->prompts, rs->n_prompts);
	free_names(rs->models, rs->n_models);
	free_names(rs->capabilities, rs->n_capabilities);
	free_names(rs->axes, rs->n_axes);
	free_names(rs->reviewers, rs->n_reviewers);
	free(rs->output_prompt);
	free(rs->output_model);
	free(rs->weights);
	memset(rs, 0, sizeof *rs);
}
