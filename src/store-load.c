/* store-load.c: every rating of the current panel, read in one pass of SQL
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
static int
seed_names(struct store *st, struct names *caps, struct names *axes, struct errlist *errs)
{
	const struct capability_info *c;
	struct stmt q;
	int64_t row;
	int rc;

	for (c = capabilities; c->id != NULL; c++) {
		if ((rc = store_rubric_row(st, c->id, &row, errs)) != 0)
			return rc;
		if (row != 0)
			intern(caps, c->id);
	}
	stmt_open(&q, st, errs, "SELECT r.capability, a.axis FROM current_rubric r JOIN axis a"
	    " ON a.rubric = r.id ORDER BY r.capability, a.position", "");
	while (stmt_row(&q)) {
		intern(caps, (const char *)sqlite3_column_text(q.s, 0));
		intern(axes, (const char *)sqlite3_column_text(q.s, 1));
	}
	return stmt_done(&q);
}

/* Each capability's rubric scale, so that agreement pools only alphas of
 * one scale. */
static int
load_scales(struct store *st, struct rating_set *rs, struct errlist *errs)
{
	struct stmt q;
	size_t i;
	int rc = 0;

	rs->cap_min = xcalloc(rs->n_capabilities + 1, sizeof *rs->cap_min);
	rs->cap_max = xcalloc(rs->n_capabilities + 1, sizeof *rs->cap_max);
	for (i = 0; i < rs->n_capabilities && rc == 0; i++) {
		rs->cap_min[i] = rs->scale_min;
		rs->cap_max[i] = rs->scale_max;
		stmt_open(&q, st, errs, "SELECT scale_min, scale_max FROM current_rubric"
		    " WHERE capability = ?", "t", rs->capabilities[i]);
		if (stmt_row(&q)) {
			rs->cap_min[i] = sqlite3_column_double(q.s, 0);
			rs->cap_max[i] = sqlite3_column_double(q.s, 1);
		}
		rc = stmt_done(&q);
	}
	return rc;
}

/* The study's weights; a capability its weights leave out keeps its
 * default weight, unless the study said weights_only (then it weighs 0). */
static int
load_weights(struct store *st, struct rating_set *rs, struct errlist *errs)
{
	struct stmt q;
	int64_t only;
	size_t i;
	int rc;

	rs->weights = xcalloc(rs->n_capabilities, sizeof *rs->weights);
	if ((rc = store_get_int(st, errs, &only, "SELECT count(*) FROM study WHERE "
	    "key = 'weights_only' AND value = '1'", "")) != 0)
		return rc;
	for (i = 0; i < rs->n_capabilities && rc == 0; i++) {
		rs->weights[i] = only ? 0 : capability_default_weight(rs->capabilities[i]);
		stmt_open(&q, st, errs, "SELECT weight FROM weight WHERE capability = ?", "t",
		    rs->capabilities[i]);
		if (stmt_row(&q))
			rs->weights[i] = sqlite3_column_double(q.s, 0);
		rc = stmt_done(&q);
	}
	return rc;
}

/* Row ids to dense indices, for ids read a million times over. */
struct idmap {
	uint32_t	*index;		/* by row id: index + 1, 0 when unseen */
	size_t		 cap;
	int64_t		*ids;		/* by index: the row id */
	size_t		 n;
};

static uint32_t
idmap_get(struct idmap *m, int64_t id)
{
	size_t want = (size_t)id + 1;

	if (want > m->cap) {
		size_t cap = m->cap ? m->cap : 1024;

		while (cap < want)
			cap *= 2;
		m->index = xreallocarray(m->index, cap, sizeof *m->index);
		memset(m->index + m->cap, 0, (cap - m->cap) * sizeof *m->index);
		m->cap = cap;
	}
	if (m->index[id] == 0) {
		m->ids = xreallocarray(m->ids, m->n + 1, sizeof *m->ids);
		m->ids[m->n++] = id;
		m->index[id] = (uint32_t)m->n;
	}
	return m->index[id] - 1;
}

static void
idmap_free(struct idmap *m)
{
	free(m->index);
	free(m->ids);
}

/* The names of the rows an idmap saw, by index ("?" for one gone). */
static int
names_of(struct store *st, const char *sql, const struct idmap *m, char ***out,
    struct errlist *errs)
{
	char **v = xcalloc(m->n, sizeof *v);
	size_t i;
	int rc = 0;

	*out = v;
	for (i = 0; i < m->n; i++) {
		if (rc == 0)
			rc = store_get_text(st, errs, &v[i], sql, "i", m->ids[i]);
		if (v[i] == NULL)
			v[i] = xstrdup("?");
	}
	return rc;
}

struct by_name {
	char		*name;
	uint32_t	 old;
};

static int
compare_by_name(const void *a, const void *b)
{
	return strcmp(((const struct by_name *)a)->name, ((const struct by_name *)b)->name);
}

/* Sort names and return old index -> new index, so that every index, and
 * with it every bootstrap draw, depends on content and not on the order
 * rows happen to be stored in. */
static uint32_t *
sort_names(char **v, size_t n)
{
	struct by_name *t = xcalloc(n, sizeof *t);
	uint32_t *remap = xcalloc(n, sizeof *remap);
	size_t i;

	for (i = 0; i < n; i++) {
		t[i].name = v[i];
		t[i].old = (uint32_t)i;
	}
	if (n > 1)
		qsort(t, n, sizeof *t, compare_by_name);
	for (i = 0; i < n; i++) {
		v[i] = t[i].name;
		remap[t[i].old] = (uint32_t)i;
	}
	free(t);
	return remap;
}

/* Rows of ids, one pass; the current versions computed once up front
 * rather than through the views' per-row subqueries (6x faster). */
static const char load_sql[] =
    "WITH cp AS MATERIALIZED (SELECT p.id FROM prompt p JOIN (SELECT name, max(version) AS v"
    "  FROM prompt GROUP BY name) x ON x.name = p.name AND x.v = p.version),"
    " cr AS MATERIALIZED (SELECT r.id FROM rubric r JOIN (SELECT capability,"
    "  max(version) AS v FROM rubric GROUP BY capability) x"
    "  ON x.capability = r.capability AND x.v = r.version)"
    " SELECT o.prompt, o.model, g.capability, g.axis, g.reviewer, g.score,"
    "  w.flag, g.output"
    " FROM rating g JOIN output o ON o.id = g.output"
    " LEFT JOIN review w ON w.reviewer = g.reviewer AND w.output = g.output"
    " WHERE o.prompt IN cp AND g.rubric IN cr";

static void
add_rating(struct rating_set *rs, sqlite3_stmt *s, struct idmap maps[4], struct names *caps,
    struct names *axes, size_t *cap)
{
	struct rating *r;

	if (rs->n_ratings == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		rs->ratings = xreallocarray(rs->ratings, *cap, sizeof *rs->ratings);
	}
	r = &rs->ratings[rs->n_ratings++];
	r->prompt = idmap_get(&maps[0], sqlite3_column_int64(s, 0));
	r->model = idmap_get(&maps[1], sqlite3_column_int64(s, 1));
	r->capability = intern(caps, (const char *)sqlite3_column_text(s, 2));
	r->axis = intern(axes, (const char *)sqlite3_column_text(s, 3));
	r->reviewer = idmap_get(&maps[2], sqlite3_column_int64(s, 4));
	r->score = sqlite3_column_type(s, 5) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 5);
	r->flag = (uint8_t)rating_flag_parse((const char *)sqlite3_column_text(s, 6));
	r->flagged = r->flag != RATING_FLAG_NONE;
	r->output = idmap_get(&maps[3], sqlite3_column_int64(s, 7));
}

/* Outputs in (prompt, model) order; returns old index -> new index. */
static uint32_t *
sort_outputs(struct rating_set *rs)
{
	size_t n = rs->n_outputs, i;
	char **keys = xcalloc(n, sizeof *keys);
	uint32_t *op = xcalloc(n, sizeof *op), *om = xcalloc(n, sizeof *om), *ro;

	for (i = 0; i < n; i++)
		keys[i] = xasprintf("%s\037%s", rs->prompts[rs->output_prompt[i]],
		    rs->models[rs->output_model[i]]);
	ro = sort_names(keys, n);
	for (i = 0; i < n; i++) {
		op[ro[i]] = rs->output_prompt[i];
		om[ro[i]] = rs->output_model[i];
		free(keys[i]);
	}
	free(keys);
	free(rs->output_prompt);
	free(rs->output_model);
	rs->output_prompt = op;
	rs->output_model = om;
	return ro;
}

/* Names for the id maps, sorted, and every index renumbered to match. */
static int
finish_indices(struct store *st, struct rating_set *rs, struct idmap maps[4],
    struct errlist *errs)
{
	uint32_t *rp, *rm, *rv, *ro;
	size_t i;
	int rc, rc2, rc3;

	rc = names_of(st, "SELECT name FROM prompt WHERE id = ?", &maps[0], &rs->prompts, errs);
	rs->n_prompts = maps[0].n;
	rc2 = names_of(st, "SELECT name FROM model WHERE id = ?", &maps[1], &rs->models, errs);
	rs->n_models = maps[1].n;
	rc3 = names_of(st, "SELECT name FROM reviewer WHERE id = ?", &maps[2], &rs->reviewers,
	    errs);
	rs->n_reviewers = maps[2].n;
	rp = sort_names(rs->prompts, rs->n_prompts);
	rm = sort_names(rs->models, rs->n_models);
	rv = sort_names(rs->reviewers, rs->n_reviewers);
	rs->n_outputs = maps[3].n;
	rs->output_prompt = xcalloc(rs->n_outputs, sizeof *rs->output_prompt);
	rs->output_model = xcalloc(rs->n_outputs, sizeof *rs->output_model);
	for (i = 0; i < rs->n_ratings; i++) {
		struct rating *r = &rs->ratings[i];

		r->prompt = rp[r->prompt];
		r->model = rm[r->model];
		r->reviewer = rv[r->reviewer];
		rs->output_prompt[r->output] = r->prompt;
		rs->output_model[r->output] = r->model;
	}
	ro = sort_outputs(rs);
	for (i = 0; i < rs->n_ratings; i++)
		rs->ratings[i].output = ro[rs->ratings[i].output];
	free(rp);
	free(rm);
	free(rv);
	free(ro);
	return rc != 0 ? rc : rc2 != 0 ? rc2 : rc3;
}

/* How many ratings no score counts (earlier versions), for the notes. */
static int
count_earlier(struct store *st, struct rating_set *rs, struct errlist *errs)
{
	struct earlier_ratings *v;
	size_t i, n;
	int rc;

	if ((rc = store_earlier_version_ratings(st, &v, &n, errs)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		rs->n_earlier += (size_t)v[i].ratings;
	earlier_ratings_free(v, n);
	return 0;
}

static int
load_ratings(struct store *st, struct rating_set *rs, struct errlist *errs)
{
	struct names caps = { 0 }, axes = { 0 };
	struct idmap maps[4];
	struct study_settings ss;
	int64_t min = 0, max = 0;
	size_t cap = 0, i;
	struct stmt q;
	int rc;

	memset(rs, 0, sizeof *rs);
	memset(maps, 0, sizeof maps);
	if ((rc = store_study(st, &ss, errs)) != 0)
		return rc;
	rs->seed = ss.seed;
	rs->reviewers_random = ss.reviewers_random;
	study_settings_free(&ss);
	if ((rc = count_earlier(st, rs, errs)) != 0)
		return rc;
	if ((rc = store_get_int(st, errs, &min, "SELECT min(scale_min) FROM current_rubric",
	    "")) == 0 && (rc = store_get_int(st, errs, &max, "SELECT max(scale_max) FROM "
	    "current_rubric", "")) == 0)
		rc = seed_names(st, &caps, &axes, errs);
	rs->scale_min = (double)min;
	rs->scale_max = (double)max;
	if (rc == 0) {
		stmt_open(&q, st, errs, load_sql, "");
		while (stmt_row(&q))
			add_rating(rs, q.s, maps, &caps, &axes, &cap);
		rc = stmt_done(&q);
	}
	rs->capabilities = take(&caps, &rs->n_capabilities);
	rs->axes = take(&axes, &rs->n_axes);
	if (rc == 0)
		rc = finish_indices(st, rs, maps, errs);
	for (i = 0; i < 4; i++)
		idmap_free(&maps[i]);
	if (rc == 0 && (rc = load_weights(st, rs, errs)) == 0)
		rc = load_scales(st, rs, errs);
	if (rc != 0)
		rating_set_free(rs);
	return rc;
}

/* All of it from one snapshot (a read transaction, no lock that holds up a
 * writer), ended before any statistics are computed from it: a snapshot kept
 * open keeps the write-ahead log from being checkpointed and reset. */
int
store_load_ratings(struct store *st, struct rating_set *rs, struct errlist *errs)
{
	bool own = sqlite3_get_autocommit(st->db) != 0;	/* report reads in one already */
	int rc;

	if (own && (rc = store_read_begin(st, errs)) != 0) {
		memset(rs, 0, sizeof *rs);
		return rc;
	}
	rc = load_ratings(st, rs, errs);
	if (own)
		store_read_end(st);
	return rc;
}

void
rating_set_free(struct rating_set *rs)
{
	free(rs->ratings);
	store_strings_free(rs->prompts, rs->n_prompts);
	store_strings_free(rs->models, rs->n_models);
	store_strings_free(rs->capabilities, rs->n_capabilities);
	store_strings_free(rs->axes, rs->n_axes);
	store_strings_free(rs->reviewers, rs->n_reviewers);
	free(rs->output_prompt);
	free(rs->output_model);
	free(rs->weights);
	free(rs->cap_min);
	free(rs->cap_max);
	memset(rs, 0, sizeof *rs);
}
