/* store/load.c: every rating of the current panel, read in one pass of SQL
 * into the arrays the statistics compute over (ratings.h). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strset.h"

/* Names to indices, in order of first appearance. */
struct names {
	struct strset	  index;	/* name -> index + 1 */
	char		**v;
	size_t		  n;
	uint32_t	 *next;		/* by index: the one seen after it last */
	uint32_t	  last;		/* the one seen last */
	bool		  repeat;	/* it was the one before it too */
};

static uint32_t
lookup(struct names *nm, const char *name)
{
	uintptr_t i = (uintptr_t)strset_get(&nm->index, name);

	if (i != 0)
		return (uint32_t)(i - 1);
	nm->v = xreallocarray(nm->v, nm->n + 1, sizeof *nm->v);
	nm->next = xreallocarray(nm->next, nm->n + 1, sizeof *nm->next);
	nm->next[nm->n] = (uint32_t)nm->n;
	nm->v[nm->n++] = xstrdup(name);
	strset_put(&nm->index, name, (const void *)(uintptr_t)nm->n);
	return (uint32_t)(nm->n - 1);
}

/* The ratings of one output come sorted by capability and axis, the same
 * sequence output after output: the name seen last again (a capability,
 * over its axes) or the one that followed it the time before (an axis)
 * is most often the one, tried in the order that found the last (a hash
 * lookup for each rating was a tenth of the load). */
static bool
guess(struct names *nm, uint32_t i, const char *name)
{
	if (strcmp(nm->v[i], name) != 0)
		return false;
	nm->repeat = i == nm->last;
	nm->last = i;
	return true;
}

static uint32_t
intern(struct names *nm, const char *name)
{
	uint32_t a, b, i;

	if (nm->n > 0) {
		a = nm->repeat ? nm->last : nm->next[nm->last];
		b = nm->repeat ? nm->next[nm->last] : nm->last;
		if (guess(nm, a, name) || (b != a && guess(nm, b, name)))
			return nm->last;
	}
	i = lookup(nm, name);
	nm->next[nm->last] = i;		/* (the first name: last is 0, itself) */
	nm->repeat = i == nm->last;
	return nm->last = i;
}

static char **
take(struct names *nm, size_t *n)
{
	*n = nm->n;
	strset_free(&nm->index);
	free(nm->next);
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
		intern(caps, (const char *)stmt_text(&q, 0));
		intern(axes, (const char *)stmt_text(&q, 1));
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
			rs->cap_min[i] = stmt_double(&q, 0);
			rs->cap_max[i] = stmt_double(&q, 1);
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
			rs->weights[i] = stmt_double(&q, 0);
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
	int64_t		 last;		/* the id asked for last, + 1 (0: none) */
	uint32_t	 last_index;	/* its index */
};

static uint32_t
idmap_get(struct idmap *m, int64_t id)
{
	size_t want = (size_t)id + 1;

	/* The ratings come by reviewer, then output: the same id as last
	 * time, most often. */
	if (m->last == id + 1)
		return m->last_index;
	m->last = id + 1;
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
	return m->last_index = m->index[id] - 1;
}

static void
idmap_free(struct idmap *m)
{
	free(m->index);
	free(m->ids);
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

/* Every row a rating joins to, read once, each table in one statement,
 * into arrays by row id (ids are INTEGER PRIMARY KEYs, dense from 1): the
 * scan of the ratings then joins in C.  Joining in SQL made SQLite reach
 * the ratings through an index and look each one up by key, 6x the cost
 * of a plain scan. */
struct row_out {
	int64_t		 prompt;
	int64_t		 model;
	bool		 known;
};

struct flagged {
	int64_t		 reviewer;
	int64_t		 output;
	uint8_t		 flag;
};

struct tables {
	char		**prompt;	/* by id: the name of a current version */
	size_t		  n_prompt;
	char		**model;	/* by id: the name */
	size_t		  n_model;
	char		**reviewer;	/* by id: the name */
	size_t		  n_reviewer;
	struct row_out	 *output;	/* by id */
	size_t		  n_output;
	bool		 *rubric;	/* by id: a current version */
	size_t		  n_rubric;
	bool		  all_current;	/* no rubric has an earlier version */
	struct flagged	 *flags;	/* flagged reviews, by reviewer and output */
	size_t		  n_flags;
	size_t		  at;		/* where the last lookup found its place */
	size_t		  outputs_cap;	/* of the rating set's output_* */
};

/* Room in a by-id array for id (>= 0), new elements zero; an id past what
 * 32-bit indices allow is refused: false. */
static bool
by_id_room(void *pv, size_t *cap, size_t size, int64_t id)
{
	unsigned char **v = pv;
	size_t want, n;

	if (id < 0 || id >= (int64_t)UINT32_MAX)
		return false;
	want = (size_t)id + 1;
	if (want <= *cap)
		return true;
	for (n = *cap ? *cap : 1024; n < want; n *= 2)
		;
	*v = xreallocarray(*v, n, size);
	memset(*v + *cap * size, 0, (n - *cap) * size);
	*cap = n;
	return true;
}

/* Rows of (id, name) into names by id. */
static int
load_names(struct store *st, const char *sql, char ***v, size_t *cap, struct errlist *errs)
{
	const char *t;
	struct stmt q;
	int64_t id;

	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		id = stmt_int(&q, 0);
		t = stmt_text(&q, 1);
		if (t != NULL && by_id_room(v, cap, sizeof **v, id) && (*v)[id] == NULL)
			(*v)[id] = xstrdup((const char *)t);
	}
	return stmt_done(&q);
}

/* The current version of each prompt: the rows in (name, version) order,
 * from the index that covers them, an earlier version dropped when the
 * next row has its name.  A join with a GROUP BY was twice SQLite's work. */
static int
load_prompts(struct store *st, struct tables *t, struct errlist *errs)
{
	const char *name;
	struct stmt q;
	int64_t id, last = -1;

	stmt_open(&q, st, errs, "SELECT id, name FROM prompt ORDER BY name, version", "");
	while (stmt_row(&q)) {
		id = stmt_int(&q, 0);
		name = (const char *)stmt_text(&q, 1);
		if (name == NULL)
			continue;
		if (last >= 0 && strcmp(t->prompt[last], name) == 0) {
			free(t->prompt[last]);
			t->prompt[last] = NULL;
		}
		last = -1;
		if (by_id_room(&t->prompt, &t->n_prompt, sizeof *t->prompt, id) &&
		    t->prompt[id] == NULL) {
			t->prompt[id] = xstrdup(name);
			last = id;
		}
	}
	return stmt_done(&q);
}

static int
load_outputs(struct store *st, struct tables *t, struct errlist *errs)
{
	struct stmt q;
	int64_t id;

	/* The (prompt, model) index covers the three columns: the texts stay
	 * on disk. */
	stmt_open(&q, st, errs, "SELECT id, prompt, model FROM output", "");
	while (stmt_row(&q)) {
		id = stmt_int(&q, 0);
		if (!by_id_room(&t->output, &t->n_output, sizeof *t->output, id))
			continue;
		t->output[id].prompt = stmt_int(&q, 1);
		t->output[id].model = stmt_int(&q, 2);
		t->output[id].known = true;
	}
	return stmt_done(&q);
}

static int
load_rubrics(struct store *st, struct tables *t, struct errlist *errs)
{
	struct stmt q;
	int64_t id, all, current = 0;
	int rc;

	stmt_open(&q, st, errs, "SELECT r.id FROM rubric r JOIN (SELECT capability,"
	    " max(version) AS v FROM rubric GROUP BY capability) x"
	    " ON x.capability = r.capability AND x.v = r.version", "");
	while (stmt_row(&q)) {
		id = stmt_int(&q, 0);
		if (by_id_room(&t->rubric, &t->n_rubric, sizeof *t->rubric, id)) {
			t->rubric[id] = true;
			current++;
		}
	}
	if ((rc = stmt_done(&q)) != 0 ||
	    (rc = store_get_int(st, errs, &all, "SELECT count(*) FROM rubric", "")) != 0)
		return rc;
	t->all_current = all == current;
	return 0;
}

static int
load_flags(struct store *st, struct tables *t, struct errlist *errs)
{
	struct flagged *f;
	struct stmt q;
	size_t cap = 0;

	/* In primary-key order, the order the ratings come in. */
	stmt_open(&q, st, errs, "SELECT reviewer, output, flag FROM review"
	    " WHERE flag IS NOT NULL ORDER BY reviewer, output", "");
	while (stmt_row(&q)) {
		if (t->n_flags == cap) {
			cap = cap ? cap * 2 : 64;
			t->flags = xreallocarray(t->flags, cap, sizeof *t->flags);
		}
		f = &t->flags[t->n_flags++];
		f->reviewer = stmt_int(&q, 0);
		f->output = stmt_int(&q, 1);
		f->flag = (uint8_t)rating_flag_parse((const char *)stmt_text(&q, 2));
	}
	return stmt_done(&q);
}

static int
load_tables(struct store *st, struct tables *t, struct errlist *errs)
{
	int rc;

	memset(t, 0, sizeof *t);
	if ((rc = load_prompts(st, t, errs)) != 0 ||
	    (rc = load_names(st, "SELECT id, name FROM model", &t->model, &t->n_model,
	    errs)) != 0 ||
	    (rc = load_names(st, "SELECT id, name FROM reviewer", &t->reviewer,
	    &t->n_reviewer, errs)) != 0 ||
	    (rc = load_outputs(st, t, errs)) != 0 || (rc = load_rubrics(st, t, errs)) != 0)
		return rc;
	return load_flags(st, t, errs);
}

static void
tables_free(struct tables *t)
{
	store_strings_free(t->prompt, t->n_prompt);
	store_strings_free(t->model, t->n_model);
	store_strings_free(t->reviewer, t->n_reviewer);
	free(t->output);
	free(t->rubric);
	free(t->flags);
}

static int
flag_cmp(const struct flagged *f, int64_t reviewer, int64_t output)
{
	if (f->reviewer != reviewer)
		return f->reviewer < reviewer ? -1 : 1;
	return (f->output > output) - (f->output < output);
}

/* The flag of a reviewer's review of an output.  Ratings come in the
 * flags' own order, so the place found only moves forward, and is most
 * often where the last search left it; a binary search finds it when the
 * order is another. */
static uint8_t
flag_of(struct tables *t, int64_t reviewer, int64_t output)
{
	size_t lo = 0, hi = t->n_flags, mid;

	if (t->at == 0 || flag_cmp(&t->flags[t->at - 1], reviewer, output) < 0)
		lo = t->at;
	if (lo < hi && flag_cmp(&t->flags[lo], reviewer, output) >= 0)
		hi = lo;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (flag_cmp(&t->flags[mid], reviewer, output) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	t->at = lo;
	return lo < t->n_flags && flag_cmp(&t->flags[lo], reviewer, output) == 0 ?
	    t->flags[lo].flag : RATING_FLAG_NONE;
}

/* Whether a rating row was given under a current rubric version. */
static bool
rubric_current(const struct tables *t, const struct stmt *s)
{
	int64_t rubric;

	if (t->all_current)
		return true;
	rubric = stmt_int(s, 5);
	return rubric >= 0 && (size_t)rubric < t->n_rubric && t->rubric[rubric];
}

/* What one rating row joins to; NULL for a row no score counts. */
static const struct row_out *
row_current(struct rating_set *rs, const struct tables *t, const struct stmt *s, int64_t output)
{
	const struct row_out *o;

	if (output < 0 || (size_t)output >= t->n_output || !t->output[output].known)
		return NULL;		/* no output: joined to nothing */
	o = &t->output[output];
	if (!rubric_current(t, s) ||
	    o->prompt < 0 || (size_t)o->prompt >= t->n_prompt || t->prompt[o->prompt] == NULL) {
		rs->n_earlier++;	/* an earlier prompt or rubric version */
		return NULL;
	}
	return o;
}

/* In primary-key order, a plain scan of the table: SQLite's NOT INDEXED
 * keeps it one even if an index is added that could answer the query.  The
 * rubric only where some rubric has an earlier version: one column more is
 * 10% more of SQLite's time. */
static const char *const load_sql[2][2] = {
	{ "SELECT reviewer, output, capability, axis, score FROM rating NOT INDEXED",
	  "SELECT reviewer, output, capability, axis, score, rubric FROM rating NOT INDEXED" },
	{ "SELECT reviewer, output, capability, axis, score FROM rating",
	  "SELECT reviewer, output, capability, axis, score, rubric FROM rating" },
};

static void
add_rating(struct rating_set *rs, const struct stmt *s, struct tables *t, struct idmap maps[4],
    struct names *caps, struct names *axes, size_t *cap)
{
	int64_t reviewer = stmt_int(s, 0), output = stmt_int(s, 1);
	const struct row_out *o;
	struct rating *r;
	uint32_t prompt, model;

	if ((o = row_current(rs, t, s, output)) == NULL ||
	    reviewer < 0 || o->model < 0)
		return;
	if (rs->n_ratings == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		rs->ratings = xreallocarray(rs->ratings, *cap, sizeof *rs->ratings);
	}
	r = &rs->ratings[rs->n_ratings++];
	/* Whole, bit-fields and all: nothing of it is left to chance. */
	memset(r, 0, sizeof *r);
	r->capability = intern(caps, (const char *)stmt_text(s, 2));
	r->axis = intern(axes, (const char *)stmt_text(s, 3));
	r->reviewer = idmap_get(&maps[2], reviewer);
	/* A whole number (gate_score), exact in a float.  Its type and value
	 * from one column call: each is a tenth of what the scan costs. */
	r->score = (float)s->st->engine->col_nan(s->s, 4);
	r->flag = flag_of(t, reviewer, output);
	r->flagged = r->flag != RATING_FLAG_NONE;
	r->output = idmap_get(&maps[3], output);
	if (r->output == rs->n_outputs) {	/* the output's first rating */
		/* Its prompt and model: seen first with some output's first. */
		prompt = idmap_get(&maps[0], o->prompt);
		model = idmap_get(&maps[1], o->model);
		if (rs->n_outputs == t->outputs_cap) {
			t->outputs_cap = t->outputs_cap ? t->outputs_cap * 2 : 1024;
			rs->output_prompt = xreallocarray(rs->output_prompt,
			    t->outputs_cap, sizeof *rs->output_prompt);
			rs->output_model = xreallocarray(rs->output_model,
			    t->outputs_cap, sizeof *rs->output_model);
		}
		rs->output_prompt[rs->n_outputs] = prompt;
		rs->output_model[rs->n_outputs++] = model;
	}
}

/* An output's place in (prompt, model) order. */
struct by_pair {
	uint64_t	 key;		/* prompt index << 32 | model index */
	uint32_t	 old;
};

static int
compare_by_pair(const void *a, const void *b)
{
	const struct by_pair *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->old > y->old) - (x->old < y->old);
}

/* Outputs in (prompt, model) order, the prompt and model indices already
 * those of the sorted names; returns old index -> new index.  The order
 * of the names "prompt\037model" it was once sorted by, without building
 * a string per output: prompt ids are ids ([a-z0-9-]), no byte of them
 * sorts below the separator. */
static uint32_t *
sort_outputs(struct rating_set *rs)
{
	size_t n = rs->n_outputs, i;
	struct by_pair *t = xcalloc(n + 1, sizeof *t);
	uint32_t *op = xcalloc(n + 1, sizeof *op), *om = xcalloc(n + 1, sizeof *om);
	uint32_t *ro = xcalloc(n + 1, sizeof *ro);

	for (i = 0; i < n; i++) {
		t[i].key = (uint64_t)rs->output_prompt[i] << 32 | rs->output_model[i];
		t[i].old = (uint32_t)i;
	}
	if (n > 1)
		qsort(t, n, sizeof *t, compare_by_pair);
	for (i = 0; i < n; i++) {
		ro[t[i].old] = (uint32_t)i;
		op[i] = (uint32_t)(t[i].key >> 32);
		om[i] = (uint32_t)t[i].key;
	}
	free(t);
	free(rs->output_prompt);
	free(rs->output_model);
	rs->output_prompt = op;
	rs->output_model = om;
	return ro;
}

/* The names of the rows an idmap saw, by index ("?" for one gone). */
static char **
names_of(char **by_id, size_t cap, const struct idmap *m)
{
	char **v = xcalloc(m->n + 1, sizeof *v);
	size_t i;

	for (i = 0; i < m->n; i++) {
		v[i] = (size_t)m->ids[i] < cap ? by_id[m->ids[i]] : NULL;
		v[i] = xstrdup(v[i] != NULL ? v[i] : "?");
	}
	return v;
}

/* Names for the id maps, sorted, and every index renumbered to match. */
static void
finish_indices(struct rating_set *rs, const struct tables *t, struct idmap maps[4])
{
	uint32_t *rp, *rm, *rv, *ro;
	size_t i;

	if (rs->n_ratings > 0)		/* the array grew by doubling */
		rs->ratings = xreallocarray(rs->ratings, rs->n_ratings,
		    sizeof *rs->ratings);
	rs->prompts = names_of(t->prompt, t->n_prompt, &maps[0]);
	rs->n_prompts = maps[0].n;
	rs->models = names_of(t->model, t->n_model, &maps[1]);
	rs->n_models = maps[1].n;
	rs->reviewers = names_of(t->reviewer, t->n_reviewer, &maps[2]);
	rs->n_reviewers = maps[2].n;
	rp = sort_names(rs->prompts, rs->n_prompts);
	rm = sort_names(rs->models, rs->n_models);
	rv = sort_names(rs->reviewers, rs->n_reviewers);
	for (i = 0; i < rs->n_outputs; i++) {
		rs->output_prompt[i] = rp[rs->output_prompt[i]];
		rs->output_model[i] = rm[rs->output_model[i]];
	}
	ro = sort_outputs(rs);
	for (i = 0; i < rs->n_ratings; i++) {	/* one pass over the ratings */
		rs->ratings[i].reviewer = rv[rs->ratings[i].reviewer];
		rs->ratings[i].output = ro[rs->ratings[i].output];
	}
	free(rp);
	free(rm);
	free(rv);
	free(ro);
}

/* The ratings of the current versions, one scan; those of earlier ones
 * only counted, for the notes. */
static int
scan_ratings(struct store *st, struct rating_set *rs, struct names *caps, struct names *axes,
    struct errlist *errs)
{
	struct idmap maps[4];
	struct tables t;
	struct stmt q;
	size_t cap = 0, i;
	int rc;

	memset(maps, 0, sizeof maps);
	if ((rc = load_tables(st, &t, errs)) == 0) {
		stmt_open(&q, st, errs, load_sql[store_sqlite(st) == NULL][!t.all_current], "");
		while (stmt_row(&q))
			add_rating(rs, &q, &t, maps, caps, axes, &cap);
		rc = stmt_done(&q);
	}
	if (rc == 0)
		finish_indices(rs, &t, maps);
	tables_free(&t);
	for (i = 0; i < 4; i++)
		idmap_free(&maps[i]);
	return rc;
}

static int
load_ratings(struct store *st, struct rating_set *rs, struct errlist *errs)
{
	struct names caps = { 0 }, axes = { 0 };
	struct study_settings ss;
	int64_t min = 0, max = 0;
	int rc;

	memset(rs, 0, sizeof *rs);
	if ((rc = store_study(st, &ss, errs)) != 0)
		return rc;
	rs->seed = ss.seed;
	rs->reviewers_random = ss.reviewers_random;
	study_settings_free(&ss);
	if ((rc = store_get_int(st, errs, &min, "SELECT min(scale_min) FROM current_rubric",
	    "")) == 0 && (rc = store_get_int(st, errs, &max, "SELECT max(scale_max) FROM "
	    "current_rubric", "")) == 0)
		rc = seed_names(st, &caps, &axes, errs);
	rs->scale_min = (double)min;
	rs->scale_max = (double)max;
	if (rc == 0)
		rc = scan_ratings(st, rs, &caps, &axes, errs);
	rs->capabilities = take(&caps, &rs->n_capabilities);
	rs->axes = take(&axes, &rs->n_axes);
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
	/* report reads in one already */
	bool own = !st->engine->in_transaction(st);
	int rc, rc2;

	memset(rs, 0, sizeof *rs);
	if (own && (rc = store_read_begin(st, errs)) != 0)
		return rc;
	rc = st->engine->scan(st, true, errs);
	if (rc == 0)
		rc = load_ratings(st, rs, errs);
	if ((rc2 = st->engine->scan(st, false, errs)) != 0 && rc == 0) {
		rating_set_free(rs);
		rc = rc2;
	}
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
