/* scores.c: scores, their jackknife t intervals, and paired comparisons.
 *
 * Speed comes from doing the per-rating work once: every (cell, prompt)
 * pair is reduced to a sum and a count, so leaving one prompt out is one
 * pass over those pairs with that prompt's count at zero, the same for
 * every cell.  The intervals over a million ratings take 0.05 s. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scores.h"
#include "stats.h"
#include "util.h"

/* The numbers must not depend on whether the compiler fuses a * b + c
 * into one rounding (FMA): GCC does not under -std=c11, Clang would. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define NONE	UINT32_MAX

static const char *const group_names[] = {
	"model", "model,capability", "model,capability,axis", "reviewer"
};

const char *
scores_group_name(enum scores_group g)
{
	return names_name(group_names, nitems(group_names), (size_t)g);
}

int
scores_group_parse(const char *s, enum scores_group *g)
{
	int i = names_index(group_names, nitems(group_names), s);

	if (i >= 0)
		*g = (enum scores_group)i;
	return i >= 0 ? 0 : -1;
}

void
scores_opts_init(struct scores_opts *o)
{
	memset(o, 0, sizeof *o);
	o->group = SCORES_BY_CAPABILITY;
	o->n_boot = SCORES_BOOT_DEFAULT;
	o->level = 0.95;
}

/* --- sums per (cell, prompt) -------------------------------------------- */

struct tuple {
	uint32_t	cell;
	uint32_t	pool;
	double		s;
};

/* Cells as compressed rows, one array per field: cell c owns entries
 * start[c] .. start[c + 1], each a prompt of the pool with the sum and
 * the number of the cell's values on it. */
struct sums {
	size_t		 n_cells;
	size_t		 n_pool;
	size_t		*start;
	uint32_t	*pool;
	double		*s;
	uint32_t	*n;		/* whole numbers: counts */
	double		*w;		/* n_pool, scratch: count as double */
};

static void
sums_free(struct sums *ss)
{
	free(ss->start);
	free(ss->pool);
	free(ss->s);
	free(ss->n);
	free(ss->w);
	memset(ss, 0, sizeof *ss);
}

static void
sums_alloc(struct sums *ss, size_t n, size_t n_cells, size_t n_pool)
{
	memset(ss, 0, sizeof *ss);
	ss->n_cells = n_cells;
	ss->n_pool = n_pool;
	ss->start = xcalloc(n_cells + 1, sizeof *ss->start);
	ss->pool = xreallocarray(NULL, n + 1, sizeof *ss->pool);
	ss->s = xreallocarray(NULL, n + 1, sizeof *ss->s);
	ss->n = xreallocarray(NULL, n + 1, sizeof *ss->n);
	ss->w = xreallocarray(NULL, n_pool + 1, sizeof *ss->w);
}

struct slot {
	uint32_t	pool;
	uint32_t	seq;
	double		s;
};

static int
compare_slot(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->pool != y->pool)
		return x->pool < y->pool ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* One cell's entries in pool order, those of one prompt in the order they
 * came.  They come so already where outputs are in prompt order, as the
 * loader numbers them; a set built otherwise is sorted here. */
static void
cell_order(struct sums *ss, size_t a, size_t b)
{
	struct slot *v;
	size_t i;

	for (i = a + 1; i < b && ss->pool[i - 1] <= ss->pool[i]; i++)
		;
	if (i >= b)
		return;
	v = xreallocarray(NULL, b - a, sizeof *v);
	for (i = a; i < b; i++) {
		v[i - a].pool = ss->pool[i];
		v[i - a].seq = (uint32_t)(i - a);
		v[i - a].s = ss->s[i];
	}
	qsort(v, b - a, sizeof *v, compare_slot);
	for (i = a; i < b; i++) {
		ss->pool[i] = v[i - a].pool;
		ss->s[i] = v[i - a].s;
	}
	free(v);
}

/* Place the tuples by cell, in the order they came, then merge each
 * (cell, prompt) in place: no second copy of the tuples. */
static int
sums_build(struct sums *ss, const struct tuple *t, size_t n, size_t n_cells,
    size_t n_pool)
{
	size_t *at, i, c, e, m = 0;

	sums_alloc(ss, n, n_cells, n_pool);
	at = xcalloc(n_cells + 1, sizeof *at);
	for (i = 0; i < n; i++)
		at[t[i].cell + 1]++;
	for (c = 0; c < n_cells; c++)
		at[c + 1] += at[c];
	memcpy(ss->start, at, n_cells * sizeof *at);
	for (i = 0; i < n; i++) {
		e = ss->start[t[i].cell]++;
		ss->pool[e] = t[i].pool;
		ss->s[e] = t[i].s;
	}
	for (c = 0; c < n_cells; c++) {
		cell_order(ss, at[c], at[c + 1]);
		ss->start[c] = m;
		for (e = at[c]; e < at[c + 1]; e++) {
			if (m > ss->start[c] && ss->pool[m - 1] == ss->pool[e]) {
				ss->s[m - 1] += ss->s[e];
				ss->n[m - 1]++;
				continue;
			}
			ss->pool[m] = ss->pool[e];
			ss->s[m] = 0 + ss->s[e];	/* as a sum from 0: -0 is 0 */
			ss->n[m++] = 1;
		}
	}
	ss->start[n_cells] = m;
	free(at);
	return 0;
}

/* One cell's weighted mean.  Four partial sums let the additions overlap
 * instead of each waiting for the last; they are combined in a fixed
 * order, so the result is still the same on every platform. */
static double
sums_cell(const struct sums *ss, size_t cell)
{
	const uint32_t *pool = ss->pool;
	const double *w = ss->w, *s = ss->s;
	const uint32_t *n = ss->n;
	size_t i = ss->start[cell], end = ss->start[cell + 1];
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0, n0 = 0, n1 = 0, n2 = 0, n3 = 0;
	double num, den;

	for (; i + 4 <= end; i += 4) {
		s0 += w[pool[i]] * s[i];
		n0 += w[pool[i]] * n[i];
		s1 += w[pool[i + 1]] * s[i + 1];
		n1 += w[pool[i + 1]] * n[i + 1];
		s2 += w[pool[i + 2]] * s[i + 2];
		n2 += w[pool[i + 2]] * n[i + 2];
		s3 += w[pool[i + 3]] * s[i + 3];
		n3 += w[pool[i + 3]] * n[i + 3];
	}
	for (; i < end; i++) {
		s0 += w[pool[i]] * s[i];
		n0 += w[pool[i]] * n[i];
	}
	num = (s0 + s1) + (s2 + s3);
	den = (n0 + n1) + (n2 + n3);
	return den > 0 ? num / den : NAN;
}

/* Every cell's mean, with pool prompt p counted count[p] times (once each
 * when count is NULL), into mean[cell]; NAN for a cell that no drawn
 * prompt has. */
static void
sums_means(struct sums *ss, const uint32_t *count, double *mean)
{
	size_t k;

	for (k = 0; k < ss->n_pool; k++)
		ss->w[k] = count != NULL ? count[k] : 1;
	for (k = 0; k < ss->n_cells; k++)
		mean[k] = sums_cell(ss, k);
}

/* --- the jackknife ------------------------------------------------------ */

/* A sums structure read by prompt: for each pool prompt the entries it
 * has, and each cell's totals, so that a cell without one prompt is one
 * subtraction away. */
struct by_pool {
	size_t		*start;		/* n_pool + 1 */
	uint32_t	*entry;		/* entry indices, by prompt */
	uint32_t	*cell;		/* by entry: its cell */
	double		*tot_s, *tot_n;	/* by cell */
};

static void
by_pool_free(struct by_pool *bp)
{
	free(bp->start);
	free(bp->entry);
	free(bp->cell);
	free(bp->tot_s);
	free(bp->tot_n);
	memset(bp, 0, sizeof *bp);
}

static void
by_pool_build(const struct sums *ss, struct by_pool *bp)
{
	size_t n = ss->start[ss->n_cells], k, e, *pos;

	memset(bp, 0, sizeof *bp);
	bp->start = xcalloc(ss->n_pool + 2, sizeof *bp->start);
	bp->entry = xreallocarray(NULL, n, sizeof *bp->entry);
	bp->cell = xreallocarray(NULL, n, sizeof *bp->cell);
	bp->tot_s = xcalloc(ss->n_cells + 1, sizeof *bp->tot_s);
	bp->tot_n = xcalloc(ss->n_cells + 1, sizeof *bp->tot_n);
	pos = xcalloc(ss->n_pool + 1, sizeof *pos);
	for (k = 0; k < ss->n_cells; k++) {
		for (e = ss->start[k]; e < ss->start[k + 1]; e++) {
			bp->cell[e] = (uint32_t)k;
			bp->tot_s[k] += ss->s[e];
			bp->tot_n[k] += ss->n[e];
			bp->start[ss->pool[e] + 1]++;
		}
	}
	for (k = 0; k < ss->n_pool; k++)
		bp->start[k + 1] += bp->start[k];
	for (e = 0; e < n; e++) {
		k = ss->pool[e];
		bp->entry[bp->start[k] + pos[k]++] = (uint32_t)e;
	}
	free(pos);
}

/* The mean of entry e's cell with e's prompt left out. */
static double
by_pool_drop(const struct by_pool *bp, const struct sums *ss, size_t e)
{
	size_t k = bp->cell[e];
	double den = bp->tot_n[k] - ss->n[e];

	return den > 0 ? (bp->tot_s[k] - ss->s[e]) / den : NAN;
}

/* One stratum's leave-one-out changes d = value without p - value. */
struct jk_acc {
	size_t	n;
	size_t	moved;		/* leaving out changed the value */
	double	sd, sdd;
	bool	undef;		/* leaving some unit out left no value */
};

static void
jk_add(struct jk_acc *a, double d)
{
	a->n++;
	a->moved += d != 0;
	if (isnan(d))
		a->undef = true;
	else {
		a->sd += d;
		a->sdd += d * d;
	}
}

/* The stratified jackknife variance sum_h (n_h - 1) / n_h sum (d - mean
 * d)^2, and Welch-Satterthwaite's degrees of freedom for it: exactly the
 * t interval's standard error and n - 1 for a mean over prompts.  Then
 * the interval, or `few` when some stratum has too few prompts. */
static void
jk_finish(const struct jk_acc *a, size_t k, double level, double value,
    struct score *s)
{
	double v = 0, den = 0, vh, n, t;
	size_t h, min = SIZE_MAX, total = 0, strata = 0;
	bool undef = false;

	for (h = 0; h < k; h++) {
		if (a[h].n == 0)
			continue;
		n = (double)a[h].n;
		total += a[h].n;
		strata++;
		min = a[h].n < min ? a[h].n : min;
		undef = undef || a[h].undef;
		vh = (n - 1) / n * (a[h].sdd - a[h].sd * a[h].sd / n);
		vh = vh > 0 ? vh : 0;
		v += vh;
		if (n > 1)
			den += vh * vh / (n - 1);
	}
	s->prompts = total;
	s->lo = s->hi = s->se = s->df = NAN;
	if (isnan(value))
		return;
	if (total == 0 || min < SCORES_MIN_PROMPTS || undef) {
		s->few = true;
		s->few_n = total == 0 ? 0 : min;
		return;
	}
	s->se = sqrt(v);
	s->df = den > 0 ? v * v / den : (double)(total - strata);
	t = stats_t_quantile((1 + level) / 2, s->df);
	s->lo = value - t * s->se;
	s->hi = value + t * s->se;
}

/* --- the resampling pool ------------------------------------------------ */

static void
pool_of_rated(const struct rating_set *set, uint32_t **pool_of,
    size_t *n_pool)
{
	bool *has;
	size_t i;

	has = xcalloc(set->n_prompts + 1, sizeof *has);
	*pool_of = xreallocarray(NULL, set->n_prompts, sizeof **pool_of);
	for (i = 0; i < set->n_ratings; i++) {
		if (rating_usable(&set->ratings[i]))
			has[rating_prompt(set, &set->ratings[i])] = true;
	}
	*n_pool = boot_pool_number(*pool_of, has, set->n_prompts);
	free(has);
}

static double
weight_of(const struct rating_set *set, size_t c)
{
	return set->weights != NULL ? set->weights[c] : 1;
}

static bool
cap_kept(const struct rating_filter *f, size_t c)
{
	return f->capabilities == NULL || f->capabilities[c];
}

static bool
model_kept(const struct rating_filter *f, size_t m)
{
	return f->models == NULL || f->models[m];
}

/* --- the scores engine -------------------------------------------------- */

struct engine {
	const struct rating_set	*set;
	const struct scores_opts *opts;
	size_t			 M, C, A, R;
	uint32_t		*pool_of;
	size_t			 n_pool;
	struct units		 items;
	struct sums		 axes;		/* cell (m * C + c) * A + a */
	struct sums		 revs;		/* cell: reviewer */
	struct score		*axis_sc, *cap_sc, *model_sc, *rev_sc;
	double			*axis_v, *cap_v, *model_v, *rev_v;
};

static size_t
axis_cell(const struct engine *en, size_t m, size_t c, size_t a)
{
	return (m * en->C + c) * en->A + a;
}

/* A capability score: the mean of the axis scores it has. */
static double
cap_value(const struct engine *en, size_t m, size_t c)
{
	double s = 0, n = 0, v;
	size_t a;

	for (a = 0; a < en->A; a++) {
		v = en->axis_v[axis_cell(en, m, c, a)];
		if (!isnan(v)) {
			s += v;
			n++;
		}
	}
	return n > 0 ? s / n : NAN;
}

/* The capabilities a model's overall score is made of: every one kept
 * and weighted that it was rated on. */
static bool
cap_counts(const struct engine *en, size_t c)
{
	return cap_kept(&en->opts->filter, c) && weight_of(en->set, c) > 0;
}

static double
model_value(const struct engine *en, size_t m)
{
	double sum = 0, wsum = 0, v, w;
	size_t c;

	for (c = 0; c < en->C; c++) {
		v = en->cap_v[m * en->C + c];
		w = weight_of(en->set, c);
		if (!isnan(v) && cap_counts(en, c)) {
			sum += w * v;
			wsum += w;
		}
	}
	return wsum > 0 ? sum / wsum : NAN;
}

/* Every value of one evaluation: with count NULL the estimates, else one
 * resample. */
static void
engine_eval(struct engine *en, const uint32_t *count)
{
	size_t m, c;

	sums_means(&en->axes, count, en->axis_v);
	for (m = 0; m < en->M; m++) {
		for (c = 0; c < en->C; c++)
			en->cap_v[m * en->C + c] = cap_value(en, m, c);
		en->model_v[m] = model_value(en, m);
	}
	if (en->opts->group != SCORES_BY_REVIEWER)
		return;
	sums_means(&en->revs, count, en->rev_v);
}

static void
count_rating(struct score *s, const struct rating *r)
{
	if (isnan(r->score))
		s->na++;
	else
		s->ratings++;
	s->flagged += r->flagged;
}

struct flag_share *
flag_shares(const struct rating_set *set, const struct rating_filter *f)
{
	static const struct rating_filter all;
	struct flag_share *fs, *x;
	const struct rating *r;
	size_t C = set->n_capabilities, i, o, c, k;
	uint8_t *bits;

	f = f != NULL ? f : &all;
	fs = xcalloc(set->n_models * C + 1, sizeof *fs);
	bits = xcalloc(set->n_outputs * C + 1, 1);
	/* Bit 0: the output was rated on the capability; bit k: flagged
	 * for reason k. */
	for (i = 0; i < set->n_ratings; i++) {
		r = &set->ratings[i];
		if (rating_kept(set, r, f))
			bits[r->output * C + r->capability] |= (uint8_t)(1 |
			    (r->flagged ? 1u << (r->flag != 0 ? r->flag :
			    RATING_FLAG_OTHER) : 0));
	}
	for (o = 0; o < set->n_outputs; o++) {
		for (c = 0; c < C; c++) {
			if ((bits[o * C + c] & 1) == 0)
				continue;
			x = &fs[set->output_model[o] * C + c];
			x->outputs++;
			x->flagged += bits[o * C + c] > 1;
			for (k = 1; k < RATING_FLAG_KINDS; k++)
				x->by[k] += (bits[o * C + c] >> k) & 1;
		}
	}
	free(bits);
	return fs;
}

/* Ratings, N/A and flagged at every level. */
static void
count_ratings(struct engine *en, struct score *total)
{
	const struct rating *r;
	size_t i, m;

	for (i = 0; i < en->set->n_ratings; i++) {
		r = &en->set->ratings[i];
		if (!rating_kept(en->set, r, &en->opts->filter))
			continue;
		m = rating_model(en->set, r);
		count_rating(&en->axis_sc[axis_cell(en, m, r->capability,
		    r->axis)], r);
		count_rating(&en->cap_sc[m * en->C + r->capability], r);
		count_rating(&en->model_sc[m], r);
		count_rating(&en->rev_sc[r->reviewer], r);
		count_rating(total, r);
	}
}

/* Outputs with a usable rating at every level: the items come sorted by
 * output and capability, so a change of either starts a new one. */
static void
count_outputs(struct engine *en, struct score *total)
{
	const struct unit *it, *prev = NULL;
	size_t i, m;

	for (i = 0; i < en->items.n; prev = it, i++) {
		it = &en->items.v[i];
		m = unit_model(en->set, it);
		en->axis_sc[axis_cell(en, m, it->capability,
		    it->axis)].outputs++;
		if (prev == NULL || prev->output != it->output ||
		    prev->capability != it->capability)
			en->cap_sc[m * en->C + it->capability].outputs++;
		if (prev == NULL || prev->output != it->output) {
			en->model_sc[m].outputs++;
			total->outputs++;
		}
	}
}

/* A reviewer's outputs: the items of one output are together, so
 * remembering the last output each reviewer was seen on is enough. */
static void
count_reviewer_outputs(struct engine *en)
{
	const struct rating *r;
	const struct unit *it;
	uint32_t *last;
	size_t i, j;

	last = xreallocarray(NULL, en->R, sizeof *last);
	for (i = 0; i < en->R; i++)
		last[i] = NONE;
	for (i = 0; i < en->items.n; i++) {
		it = &en->items.v[i];
		for (j = it->first; j < it->first + it->n; j++) {
			r = &en->set->ratings[en->items.order[j]];
			if (last[r->reviewer] != it->output) {
				last[r->reviewer] = it->output;
				en->rev_sc[r->reviewer].outputs++;
			}
		}
	}
	free(last);
}

static void
engine_count(struct engine *en, struct score *total)
{
	count_ratings(en, total);
	count_outputs(en, total);
	count_reviewer_outputs(en);
}

static int
engine_sums(struct engine *en)
{
	const struct rating *r;
	struct tuple *t;
	size_t i, n = 0;
	int rc;

	/* Room for the ratings only where they are summed too: the items
	 * are a third as many. */
	n = en->items.n;
	if (en->opts->group == SCORES_BY_REVIEWER && en->items.n_order > n)
		n = en->items.n_order;
	t = xreallocarray(NULL, n + 1, sizeof *t);
	for (i = 0; i < en->items.n; i++) {
		const struct unit *it = &en->items.v[i];

		t[i].cell = (uint32_t)axis_cell(en, unit_model(en->set, it),
		    it->capability, it->axis);
		t[i].pool = en->pool_of[unit_prompt(en->set, it)];
		t[i].s = it->mean;
	}
	n = en->items.n;
	/* Counted already, and summed once the tuples hold them: the items
	 * go before the sums are made, which is where memory peaks. */
	if (en->opts->group != SCORES_BY_REVIEWER)
		units_free(&en->items);
	rc = sums_build(&en->axes, t, n, en->M * en->C * en->A, en->n_pool);
	if (rc == 0 && en->opts->group == SCORES_BY_REVIEWER) {
		for (i = 0; i < en->items.n_order; i++) {
			r = &en->set->ratings[en->items.order[i]];
			t[i].cell = r->reviewer;
			t[i].pool = en->pool_of[rating_prompt(en->set, r)];
			t[i].s = r->score;
		}
		n = en->items.n_order;
		units_free(&en->items);
		rc = sums_build(&en->revs, t, n, en->R, en->n_pool);
	}
	free(t);
	return rc;
}

static void
engine_free(struct engine *en)
{
	free(en->pool_of);
	units_free(&en->items);
	sums_free(&en->axes);
	sums_free(&en->revs);
	free(en->axis_sc);
	free(en->cap_sc);
	free(en->model_sc);
	free(en->rev_sc);
	free(en->axis_v);
	free(en->cap_v);
	free(en->model_v);
	free(en->rev_v);
}

/* The items, counted into the cells and total, and summed. */
static int
engine_init(struct engine *en, const struct rating_set *set,
    const struct scores_opts *opts, struct score *total)
{
	size_t cells;

	memset(en, 0, sizeof *en);
	en->set = set;
	en->opts = opts;
	en->M = set->n_models;
	en->C = set->n_capabilities;
	en->A = set->n_axes;
	en->R = set->n_reviewers;
	cells = en->M * en->C * en->A;
	if (units_build(set, &opts->filter, &en->items) != 0)
		return -1;
	pool_of_rated(set, &en->pool_of, &en->n_pool);
	en->axis_sc = xcalloc(cells + 1, sizeof *en->axis_sc);
	en->cap_sc = xcalloc(en->M * en->C + 1, sizeof *en->cap_sc);
	en->model_sc = xcalloc(en->M + 1, sizeof *en->model_sc);
	en->rev_sc = xcalloc(en->R + 1, sizeof *en->rev_sc);
	en->axis_v = xcalloc(cells + 1, sizeof *en->axis_v);
	en->cap_v = xcalloc(en->M * en->C + 1, sizeof *en->cap_v);
	en->model_v = xcalloc(en->M + 1, sizeof *en->model_v);
	en->rev_v = xcalloc(en->R + 1, sizeof *en->rev_v);
	engine_count(en, total);
	return engine_sums(en);
}

/* --- rows --------------------------------------------------------------- */

static bool
present(const struct score *s)
{
	return s->ratings + s->na + s->flagged > 0;
}

/* A row points at one value of an evaluation. */
static double *
row_slot(struct engine *en, const struct scores_row *row)
{
	switch (en->opts->group) {
	case SCORES_BY_MODEL:
		return &en->model_v[row->model];
	case SCORES_BY_CAPABILITY:
		return &en->cap_v[row->model * en->C + row->capability];
	case SCORES_BY_AXIS:
		return &en->axis_v[axis_cell(en, row->model, row->capability,
		    row->axis)];
	default:
		return &en->rev_v[row->reviewer];
	}
}

static void
row_add(struct scores *sc, const struct score *s, uint32_t m, uint32_t c,
    uint32_t a, uint32_t r)
{
	struct scores_row *row = &sc->rows[sc->n_rows++];

	row->model = m;
	row->capability = c;
	row->axis = a;
	row->reviewer = r;
	row->score = *s;
}

static int
rows_make(struct engine *en, struct scores *sc)
{
	size_t m, c, a, r, max = en->M * en->C * en->A + en->M * en->C +
	    en->M + en->R;

	sc->rows = xcalloc(max + 1, sizeof *sc->rows);
	if (en->opts->group == SCORES_BY_REVIEWER) {
		for (r = 0; r < en->R; r++) {
			if (present(&en->rev_sc[r]))
				row_add(sc, &en->rev_sc[r], NONE, NONE, NONE,
				    (uint32_t)r);
		}
		return 0;
	}
	for (m = 0; m < en->M; m++) {
		if (en->opts->group == SCORES_BY_MODEL &&
		    present(&en->model_sc[m]))
			row_add(sc, &en->model_sc[m], (uint32_t)m, NONE, NONE,
			    NONE);
		for (c = 0; c < en->C && en->opts->group != SCORES_BY_MODEL;
		    c++) {
			const struct score *cs = &en->cap_sc[m * en->C + c];

			if (en->opts->group == SCORES_BY_CAPABILITY &&
			    present(cs))
				row_add(sc, cs, (uint32_t)m, (uint32_t)c,
				    NONE, NONE);
			for (a = 0; a < en->A &&
			    en->opts->group == SCORES_BY_AXIS; a++) {
				const struct score *as =
				    &en->axis_sc[axis_cell(en, m, c, a)];

				if (present(as))
					row_add(sc, as, (uint32_t)m,
					    (uint32_t)c, (uint32_t)a, NONE);
			}
		}
	}
	return 0;
}

/* Rows by model in the order of the overall scores: the partial ones
 * last. */
static void
rows_follow_overall(struct scores *sc)
{
	struct scores_row *v;
	size_t i, j, n = 0;

	if (sc->group != SCORES_BY_MODEL)
		return;
	v = xcalloc(sc->n_rows + 1, sizeof *v);
	for (i = 0; i < sc->n_overall; i++) {
		for (j = 0; j < sc->n_rows; j++) {
			if (sc->rows[j].model == sc->overall[i].model)
				v[n++] = sc->rows[j];
		}
	}
	for (j = 0; j < sc->n_rows; j++) {
		for (i = 0; i < sc->n_overall; i++) {
			if (sc->rows[j].model == sc->overall[i].model)
				break;
		}
		if (i == sc->n_overall)
			v[n++] = sc->rows[j];
	}
	free(sc->rows);
	sc->rows = v;
}

/* The capabilities that count for the overall score and that some kept
 * model was rated on: what a model must have all of not to be partial. */
static size_t
overall_counted(const struct engine *en, bool *counted)
{
	size_t m, c, n = 0;

	for (c = 0; c < en->C; c++) {
		counted[c] = false;
		for (m = 0; m < en->M && cap_counts(en, c); m++) {
			if (model_kept(&en->opts->filter, m) &&
			    !isnan(en->cap_v[m * en->C + c]))
				counted[c] = true;
		}
		n += counted[c];
	}
	return n;
}

static int
overall_one(struct engine *en, struct scores_overall *o, const bool *counted,
    size_t n_counted)
{
	size_t m = o->model, c;
	double wsum = 0;

	o->score = en->model_sc[m];
	o->weights = xcalloc(en->C + 1, sizeof *o->weights);
	o->missing = xcalloc(en->C + 1, sizeof *o->missing);
	for (c = 0; c < en->C; c++) {
		/* Only a capability that counts can be missing: one weighing
		 * 0, or that no model was rated on (no prompts), is not. */
		if (!counted[c])
			continue;
		if (isnan(en->cap_v[m * en->C + c])) {
			o->missing[c] = true;
			o->n_missing++;
		} else
			wsum += o->weights[c] = weight_of(en->set, c);
		o->n_rated += counted[c] && !o->missing[c];
	}
	for (c = 0; c < en->C; c++)
		o->weights[c] = wsum > 0 ? o->weights[c] / wsum : 0;
	o->n_counted = n_counted;
	o->partial = o->n_rated < n_counted;
	return 0;
}

/* Every kept model's overall score: those rated on every capability that
 * counts first, then the partial ones, shown apart (like with like). */
static int
overall_make(struct engine *en, struct scores *sc)
{
	struct scores_overall *o;
	size_t m, n_counted, pass;
	bool *counted;
	int rc = 0;

	sc->overall = xcalloc(en->M + 1, sizeof *sc->overall);
	counted = xcalloc(en->C + 1, sizeof *counted);
	n_counted = overall_counted(en, counted);
	for (pass = 0; pass < 2 && rc == 0; pass++) {
		for (m = 0; m < en->M && rc == 0; m++) {
			struct scores_overall tmp;

			if (!model_kept(&en->opts->filter, m) ||
			    !present(&en->model_sc[m]))
				continue;
			memset(&tmp, 0, sizeof tmp);
			tmp.model = (uint32_t)m;
			rc = overall_one(en, &tmp, counted, n_counted);
			if (rc == 0 && tmp.partial == (pass == 1)) {
				o = &sc->overall[sc->n_overall++];
				*o = tmp;
			} else {
				free(tmp.weights);
				free(tmp.missing);
			}
		}
	}
	free(counted);
	return rc;
}

/* --- the scores' jackknife --------------------------------------------- */

/* The estimates, what leaving one prompt out touches, and one stratum
 * accumulator per capability for each row. */
struct jk {
	double		*axis0, *cap0, *model0, *rev0;
	bool		*axis_t, *cap_t, *model_t, *rev_t;
	uint32_t	*caps, *models;
	size_t		 n_caps, n_models;
	struct by_pool	 axes, revs;
	struct jk_acc	*acc;
};

static void
jk_free(struct jk *j)
{
	free(j->axis0);
	free(j->cap0);
	free(j->model0);
	free(j->rev0);
	free(j->axis_t);
	free(j->cap_t);
	free(j->model_t);
	free(j->rev_t);
	free(j->caps);
	free(j->models);
	by_pool_free(&j->axes);
	by_pool_free(&j->revs);
	free(j->acc);
}

static double *
copy_of(const double *v, size_t n)
{
	double *c = xreallocarray(NULL, n, sizeof *c);

	if (n > 0)
		memcpy(c, v, n * sizeof *c);
	return c;
}

static int
jk_init(struct jk *j, struct engine *en, size_t n_rows)
{
	size_t cells = en->M * en->C * en->A, mc = en->M * en->C;

	memset(j, 0, sizeof *j);
	j->axis0 = copy_of(en->axis_v, cells);
	j->cap0 = copy_of(en->cap_v, mc);
	j->model0 = copy_of(en->model_v, en->M);
	j->rev0 = copy_of(en->rev_v, en->R);
	j->axis_t = xcalloc(cells + 1, sizeof *j->axis_t);
	j->cap_t = xcalloc(mc + 1, sizeof *j->cap_t);
	j->model_t = xcalloc(en->M + 1, sizeof *j->model_t);
	j->rev_t = xcalloc(en->R + 1, sizeof *j->rev_t);
	j->caps = xreallocarray(NULL, mc, sizeof *j->caps);
	j->models = xreallocarray(NULL, en->M, sizeof *j->models);
	j->acc = xcalloc(n_rows * (en->C + 1) + 1, sizeof *j->acc);
	by_pool_build(&en->axes, &j->axes);
	if (en->opts->group == SCORES_BY_REVIEWER)
		by_pool_build(&en->revs, &j->revs);
	return 0;
}

/* Leave prompt p out: every axis value it is part of, and the capability
 * and overall scores over them. */
static void
jk_drop(struct jk *j, struct engine *en, size_t p)
{
	size_t i, e, k, mc, m;

	j->n_caps = j->n_models = 0;
	for (i = j->axes.start[p]; i < j->axes.start[p + 1]; i++) {
		e = j->axes.entry[i];
		k = j->axes.cell[e];
		en->axis_v[k] = by_pool_drop(&j->axes, &en->axes, e);
		j->axis_t[k] = true;
		mc = k / en->A;
		m = mc / en->C;
		if (!j->cap_t[mc]) {
			j->cap_t[mc] = true;
			j->caps[j->n_caps++] = (uint32_t)mc;
		}
		if (!j->model_t[m]) {
			j->model_t[m] = true;
			j->models[j->n_models++] = (uint32_t)m;
		}
	}
	for (i = 0; i < j->n_caps; i++)
		en->cap_v[j->caps[i]] = cap_value(en, j->caps[i] / en->C,
		    j->caps[i] % en->C);
	for (i = 0; i < j->n_models; i++)
		en->model_v[j->models[i]] = model_value(en, j->models[i]);
	if (en->opts->group != SCORES_BY_REVIEWER)
		return;
	for (i = j->revs.start[p]; i < j->revs.start[p + 1]; i++) {
		e = j->revs.entry[i];
		k = j->revs.cell[e];
		en->rev_v[k] = by_pool_drop(&j->revs, &en->revs, e);
		j->rev_t[k] = true;
	}
}

static void
jk_restore(struct jk *j, struct engine *en, size_t p)
{
	size_t i, k;

	for (i = j->axes.start[p]; i < j->axes.start[p + 1]; i++) {
		k = j->axes.cell[j->axes.entry[i]];
		en->axis_v[k] = j->axis0[k];
		j->axis_t[k] = false;
	}
	for (i = 0; i < j->n_caps; i++) {
		en->cap_v[j->caps[i]] = j->cap0[j->caps[i]];
		j->cap_t[j->caps[i]] = false;
	}
	for (i = 0; i < j->n_models; i++) {
		en->model_v[j->models[i]] = j->model0[j->models[i]];
		j->model_t[j->models[i]] = false;
	}
	if (en->opts->group != SCORES_BY_REVIEWER)
		return;
	for (i = j->revs.start[p]; i < j->revs.start[p + 1]; i++) {
		k = j->revs.cell[j->revs.entry[i]];
		en->rev_v[k] = j->rev0[k];
		j->rev_t[k] = false;
	}
}

/* An overall score's stratum for the prompt just left out: the first
 * capability in its score that the prompt is part of; SIZE_MAX: none. */
static size_t
jk_stratum(const struct jk *j, const struct engine *en, size_t m)
{
	size_t c;

	for (c = 0; c < en->C; c++) {
		if (j->cap_t[m * en->C + c] && cap_counts(en, c) &&
		    !isnan(j->cap0[m * en->C + c]))
			return c;
	}
	return SIZE_MAX;
}

/* Add what leaving the prompt out did to one row, if it touched it. */
static void
jk_row(struct jk *j, struct engine *en, const struct scores_row *row,
    struct jk_acc *acc)
{
	size_t h = 0;
	bool hit;

	switch (en->opts->group) {
	case SCORES_BY_MODEL:
		hit = j->model_t[row->model] &&
		    (h = jk_stratum(j, en, row->model)) != SIZE_MAX;
		break;
	case SCORES_BY_CAPABILITY:
		hit = j->cap_t[row->model * en->C + row->capability];
		break;
	case SCORES_BY_AXIS:
		hit = j->axis_t[axis_cell(en, row->model, row->capability,
		    row->axis)];
		break;
	default:
		hit = j->rev_t[row->reviewer];
		break;
	}
	if (hit)
		jk_add(&acc[h], *row_slot(en, row) - row->score.value);
}

static void
clip_to_scale(struct score *s, const struct rating_set *set)
{
	if (isnan(s->lo))
		return;
	s->lo = fmax(s->lo, set->scale_min);
	s->hi = fmin(s->hi, set->scale_max);
}

/* Leave each prompt out in turn, then give each row its interval. */
static int
scores_jackknife(struct engine *en, struct scores *sc)
{
	size_t n_rows = sc->n_rows + sc->n_overall, C1 = en->C + 1, p, i, h;
	struct scores_overall *o;
	struct jk j;

	if (jk_init(&j, en, n_rows) != 0) {
		jk_free(&j);
		return -1;
	}
	for (p = 0; p < en->n_pool; p++) {
		jk_drop(&j, en, p);
		for (i = 0; i < sc->n_rows; i++)
			jk_row(&j, en, &sc->rows[i], j.acc + i * C1);
		for (i = 0; i < sc->n_overall; i++) {
			o = &sc->overall[i];
			if (j.model_t[o->model] &&
			    (h = jk_stratum(&j, en, o->model)) != SIZE_MAX)
				jk_add(&j.acc[(sc->n_rows + i) * C1 + h],
				    en->model_v[o->model] - o->score.value);
		}
		jk_restore(&j, en, p);
	}
	for (i = 0; i < n_rows; i++) {
		struct score *s = i < sc->n_rows ? &sc->rows[i].score :
		    &sc->overall[i - sc->n_rows].score;

		jk_finish(j.acc + i * C1, C1, sc->level, s->value, s);
		clip_to_scale(s, sc->set);
	}
	jk_free(&j);
	return 0;
}

static void
estimates_set(struct engine *en, struct scores *sc)
{
	size_t i;

	for (i = 0; i < sc->n_rows; i++) {
		sc->rows[i].score.value = *row_slot(en, &sc->rows[i]);
		sc->rows[i].score.lo = sc->rows[i].score.hi = NAN;
		sc->rows[i].score.se = sc->rows[i].score.df = NAN;
	}
	for (i = 0; i < sc->n_overall; i++) {
		sc->overall[i].score.value =
		    en->model_v[sc->overall[i].model];
		sc->overall[i].score.lo = sc->overall[i].score.hi = NAN;
		sc->overall[i].score.se = sc->overall[i].score.df = NAN;
	}
}

/* --- reviewers as a sample --------------------------------------------- */

/* The set without reviewer j's ratings: a shallow copy that shares every
 * name array (free only its ratings). */
static int
set_without(const struct rating_set *set, size_t j, struct rating_set *sub)
{
	size_t i;

	*sub = *set;
	if ((sub->ratings = xreallocarray(NULL, set->n_ratings, sizeof *sub->ratings)) ==
	    NULL)
		return -1;
	sub->n_ratings = 0;
	for (i = 0; i < set->n_ratings; i++) {
		if (set->ratings[i].reviewer != j)
			sub->ratings[sub->n_ratings++] = set->ratings[i];
	}
	return 0;
}

/* Reviewers with a usable rating: the panel a random-reviewer interval
 * generalises from. */
static size_t
panel_of(const struct rating_set *set, bool *in)
{
	size_t i, n = 0;

	for (i = 0; i < set->n_ratings; i++) {
		if (rating_usable(&set->ratings[i]) &&
		    !in[set->ratings[i].reviewer]) {
			in[set->ratings[i].reviewer] = true;
			n++;
		}
	}
	return n;
}

/* Add the reviewers' jackknife variance v_r (on r - 1 degrees of freedom)
 * to an interval that has the prompts' already. */
static void
add_reviewers(struct score *s, double value, const struct jk_acc *a,
    size_t r, double level, bool clip, const struct rating_set *set)
{
	double n = (double)r, vr, vp, df, t;

	if (s->few || isnan(s->se) || isnan(value))
		return;
	if (r < SCORES_MIN_REVIEWERS || a->undef) {
		/* A row that one reviewer's leaving takes away rests on the
		 * reviewers whose leaving moved it. */
		s->few = s->few_reviewers = true;
		s->few_n = a->undef ? a->moved : r;
		s->lo = s->hi = s->se = s->df = NAN;
		return;
	}
	vr = (n - 1) / n * (a->sdd - a->sd * a->sd / n);
	vr = vr > 0 ? vr : 0;
	vp = s->se * s->se;
	df = vp * vp / s->df + vr * vr / (n - 1);
	s->df = df > 0 ? (vp + vr) * (vp + vr) / df : s->df;
	s->se = sqrt(vp + vr);
	t = stats_t_quantile((1 + level) / 2, s->df);
	s->lo = value - t * s->se;
	s->hi = value + t * s->se;
	if (clip)
		clip_to_scale(s, set);
}

static const struct scores_row *
row_match(const struct scores *sc, const struct scores_row *want)
{
	size_t i;

	for (i = 0; i < sc->n_rows; i++) {
		const struct scores_row *r = &sc->rows[i];

		if (r->model == want->model && r->capability ==
		    want->capability && r->axis == want->axis &&
		    r->reviewer == want->reviewer)
			return r;
	}
	return NULL;
}

static double
overall_match(const struct scores *sc, uint32_t m)
{
	size_t i;

	for (i = 0; i < sc->n_overall; i++) {
		if (sc->overall[i].model == m)
			return sc->overall[i].score.value;
	}
	return NAN;
}

/* Leave each reviewer of the panel out in turn and widen every interval
 * by what that moves. */
static int
scores_reviewers(const struct rating_set *set, const struct scores_opts *opts,
    struct scores *sc)
{
	struct scores_opts o = *opts;
	struct rating_set sub;
	struct scores part;
	struct jk_acc *acc;
	const struct scores_row *m;
	size_t n_rows = sc->n_rows + sc->n_overall, j, i;
	bool *in;
	double v;

	in = xcalloc(set->n_reviewers + 1, sizeof *in);
	acc = xcalloc(n_rows + 1, sizeof *acc);
	sc->n_reviewers = panel_of(set, in);
	o.reviewers_random = false;
	o.n_boot = 0;
	for (j = 0; j < set->n_reviewers; j++) {
		if (!in[j])
			continue;
		if (set_without(set, j, &sub) != 0 ||
		    scores_compute(&sub, &o, &part) != 0) {
			free(sub.ratings);
			free(in);
			free(acc);
			return -1;
		}
		for (i = 0; i < sc->n_rows; i++) {
			m = row_match(&part, &sc->rows[i]);
			v = m != NULL ? m->score.value : NAN;
			jk_add(&acc[i], v - sc->rows[i].score.value);
		}
		for (i = 0; i < sc->n_overall; i++)
			jk_add(&acc[sc->n_rows + i], overall_match(&part,
			    sc->overall[i].model) - sc->overall[i].score.value);
		scores_free(&part);
		free(sub.ratings);
	}
	for (i = 0; i < n_rows; i++) {
		struct score *s = i < sc->n_rows ? &sc->rows[i].score :
		    &sc->overall[i - sc->n_rows].score;

		add_reviewers(s, s->value, &acc[i], sc->n_reviewers, sc->level,
		    true, set);
	}
	free(in);
	free(acc);
	return 0;
}

int
scores_compute(const struct rating_set *set, const struct scores_opts *opts,
    struct scores *sc)
{
	struct engine en;
	int rc = -1;

	memset(sc, 0, sizeof *sc);
	sc->set = set;
	sc->group = opts->group;
	sc->seed = opts->has_seed ? opts->seed : set->seed;
	sc->n_boot = opts->n_boot;
	sc->level = opts->level;
	sc->reviewers_random = opts->reviewers_random;
	sc->total.value = sc->total.lo = sc->total.hi = NAN;
	if (!(opts->level > 0 && opts->level < 1))
		return -1;
	if (engine_init(&en, set, opts, &sc->total) != 0)
		goto out;
	sc->n_pool = en.n_pool;
	if (rows_make(&en, sc) != 0)
		goto out;
	/* Overall shares come from the estimates, so evaluate first. */
	engine_eval(&en, NULL);
	if (overall_make(&en, sc) != 0)
		goto out;
	rows_follow_overall(sc);
	estimates_set(&en, sc);
	sc->flags = flag_shares(set, &opts->filter);
	rc = sc->n_boot > 0 ? scores_jackknife(&en, sc) : 0;
	if (rc == 0 && sc->n_boot > 0 && opts->reviewers_random)
		rc = scores_reviewers(set, opts, sc);
out:
	engine_free(&en);
	if (rc != 0)
		scores_free(sc);
	return rc;
}

void
scores_free(struct scores *sc)
{
	size_t i;

	for (i = 0; sc->overall != NULL && i < sc->n_overall; i++) {
		free(sc->overall[i].weights);
		free(sc->overall[i].missing);
	}
	free(sc->overall);
	free(sc->rows);
	free(sc->flags);
	sc->flags = NULL;
	sc->rows = NULL;
	sc->overall = NULL;
	sc->n_rows = sc->n_overall = 0;
}

/* --- paired comparison -------------------------------------------------- */

/* One model's item mean on one prompt, capability and axis. */
struct side {
	uint32_t	capability;
	uint32_t	prompt;
	uint32_t	axis;
	uint32_t	b;		/* 0: model A, 1: model B */
	double		mean;
};

static int
cmp_side(const void *x, const void *y)
{
	const struct side *a = x, *b = y;

	if (a->capability != b->capability)
		return a->capability < b->capability ? -1 : 1;
	if (a->prompt != b->prompt)
		return a->prompt < b->prompt ? -1 : 1;
	if (a->axis != b->axis)
		return a->axis < b->axis ? -1 : 1;
	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	return (a->mean > b->mean) - (a->mean < b->mean);
}

/* A prompt both models were rated on, for one capability: each model's
 * mean over the axes rated for both. */
struct pair {
	uint32_t	capability;
	uint32_t	prompt;
	double		a, b;
};

/* Within one (capability, prompt) group of sides: average each model's
 * items per axis (a model may have more than one output on a prompt),
 * keep the axes both have. */
static bool
pair_of(const struct side *s, size_t n, struct pair *p)
{
	double sum[2], cnt[2], sa = 0, sb = 0, k = 0;
	size_t i = 0, j;

	while (i < n) {
		sum[0] = sum[1] = cnt[0] = cnt[1] = 0;
		for (j = i; j < n && s[j].axis == s[i].axis; j++) {
			sum[s[j].b] += s[j].mean;
			cnt[s[j].b]++;
		}
		if (cnt[0] > 0 && cnt[1] > 0) {
			sa += sum[0] / cnt[0];
			sb += sum[1] / cnt[1];
			k++;
		}
		i = j;
	}
	if (k == 0)
		return false;
	p->capability = s[0].capability;
	p->prompt = s[0].prompt;
	p->a = sa / k;
	p->b = sb / k;
	return true;
}

static size_t
pairs_make(const struct rating_set *set, const struct units *it, uint32_t a,
    struct side *s, struct pair *p)
{
	size_t i, j, n = 0;

	for (i = 0; i < it->n; i++) {
		s[i].capability = it->v[i].capability;
		s[i].prompt = unit_prompt(set, &it->v[i]);
		s[i].axis = it->v[i].axis;
		s[i].b = unit_model(set, &it->v[i]) != a;
		s[i].mean = it->v[i].mean;
	}
	qsort(s, it->n, sizeof *s, cmp_side);
	for (i = 0; i < it->n; i = j) {
		for (j = i; j < it->n && s[j].capability == s[i].capability &&
		    s[j].prompt == s[i].prompt; j++)
			;
		if (pair_of(s + i, j - i, &p[n]))
			n++;
	}
	return n;
}

struct cmp_engine {
	struct sums	 a, b;		/* cell: capability */
	size_t		 C;
	const struct rating_set *set;
	double		*va, *vb;	/* per capability, then overall */
};

/* The overall row from the capability rows, weighted as the overall
 * score is. */
static void
cmp_overall(struct cmp_engine *ce)
{
	double sa = 0, sb = 0, w, wsum = 0;
	size_t c;

	for (c = 0; c < ce->C; c++) {
		w = weight_of(ce->set, c);
		if (!isnan(ce->va[c]) && w > 0) {
			sa += w * ce->va[c];
			sb += w * ce->vb[c];
			wsum += w;
		}
	}
	ce->va[ce->C] = wsum > 0 ? sa / wsum : NAN;
	ce->vb[ce->C] = wsum > 0 ? sb / wsum : NAN;
}

static void
cmp_eval(struct cmp_engine *ce, const uint32_t *count)
{
	sums_means(&ce->a, count, ce->va);
	sums_means(&ce->b, count, ce->vb);
	cmp_overall(ce);
}

static int
cmp_sums(struct cmp_engine *ce, const struct pair *p, size_t n,
    const uint32_t *pool_of, size_t n_pool)
{
	struct tuple *t;
	size_t i;
	int rc;

	t = xreallocarray(NULL, n, sizeof *t);
	for (i = 0; i < n; i++) {
		t[i].cell = p[i].capability;
		t[i].pool = pool_of[p[i].prompt];
		t[i].s = p[i].a;
	}
	rc = sums_build(&ce->a, t, n, ce->C, n_pool);
	for (i = 0; i < n && rc == 0; i++) {
		t[i].cell = p[i].capability;
		t[i].pool = pool_of[p[i].prompt];
		t[i].s = p[i].b;
	}
	if (rc == 0)
		rc = sums_build(&ce->b, t, n, ce->C, n_pool);
	free(t);
	return rc;
}

/* Rows for the capabilities either model was rated on, then overall. */
static void
cmp_rows(struct compare *cm, const struct cmp_engine *ce,
    const struct units *it)
{
	size_t c, i;
	bool *rated;

	rated = xcalloc(ce->C + 1, sizeof *rated);
	cm->rows = xcalloc(ce->C + 1, sizeof *cm->rows);
	for (i = 0; i < it->n; i++)
		rated[it->v[i].capability] = true;
	for (c = 0; c <= ce->C; c++) {
		struct compare_row *r;

		if (c < ce->C && !rated[c])
			continue;
		r = &cm->rows[cm->n_rows++];
		r->capability = c < ce->C ? (uint32_t)c : SCORES_NONE;
		r->a = ce->va[c];
		r->b = ce->vb[c];
		r->diff = r->a - r->b;
		r->lo = r->hi = r->se = r->df = r->p = r->p_holm = NAN;
	}
	free(rated);
}

static void
cmp_counts(struct compare *cm, const struct pair *p, size_t n_pairs,
    const struct rating_set *set)
{
	double wsum = 0;
	size_t i, k;

	for (k = 0; k < cm->n_rows; k++) {
		struct compare_row *r = &cm->rows[k];

		if (r->capability == SCORES_NONE) {
			r->prompts = cm->n_pool;
			continue;
		}
		for (i = 0; i < n_pairs; i++)
			r->prompts += p[i].capability == r->capability;
		if (r->prompts > 0)
			wsum += weight_of(set, r->capability);
	}
	for (k = 0; k < cm->n_rows; k++) {
		struct compare_row *r = &cm->rows[k];

		if (r->capability != SCORES_NONE && r->prompts > 0 &&
		    wsum > 0)
			r->weight = weight_of(set, r->capability) / wsum;
		else if (r->capability == SCORES_NONE)
			r->weight = 1;
	}
}

/* The overall row's stratum for the prompt just left out. */
static size_t
cmp_stratum(const struct cmp_engine *ce, const bool *touched,
    const double *va0)
{
	size_t c;

	for (c = 0; c < ce->C; c++) {
		if (touched[c] && weight_of(ce->set, c) > 0 && !isnan(va0[c]))
			return c;
	}
	return SIZE_MAX;
}

/* One prompt left out of both models' sums (they have the same entries,
 * in the same order: one pair gives an entry to each), then every row's
 * change added. */
static void
cmp_drop(struct compare *cm, struct cmp_engine *ce, const struct by_pool *ba,
    const struct by_pool *bb, size_t p, bool *touched, const double *va0,
    const double *vb0, struct jk_acc *acc)
{
	size_t C1 = ce->C + 1, i, e, c, k, h, slot;

	for (i = ba->start[p]; i < ba->start[p + 1]; i++) {
		e = ba->entry[i];
		c = ba->cell[e];
		ce->va[c] = by_pool_drop(ba, &ce->a, e);
		ce->vb[c] = by_pool_drop(bb, &ce->b, e);
		touched[c] = true;
	}
	cmp_overall(ce);
	for (k = 0; k < cm->n_rows; k++) {
		struct compare_row *r = &cm->rows[k];

		if (r->capability == SCORES_NONE) {
			slot = ce->C;
			h = cmp_stratum(ce, touched, va0);
		} else {
			slot = r->capability;
			h = touched[slot] ? 0 : SIZE_MAX;
		}
		if (h != SIZE_MAX)
			jk_add(&acc[k * C1 + h],
			    ce->va[slot] - ce->vb[slot] - r->diff);
	}
	for (c = 0; c <= ce->C; c++) {
		ce->va[c] = va0[c];
		ce->vb[c] = vb0[c];
		touched[c] = false;
	}
}

/* The two-sided p-value of a difference with its t standard error. */
static double
cmp_p(const struct compare_row *r)
{
	if (r->few || isnan(r->se))
		return NAN;
	if (r->se == 0)
		return r->diff != 0 ? 0 : 1;
	return 2 * (1 - stats_t_cdf(fabs(r->diff) / r->se, r->df));
}

/* Each row's verdict, then Holm's correction over the rows that have an
 * interval: "differs" only when the adjusted p is below 1 - level. */
static void
cmp_holm(struct compare *cm)
{
	double *p, *adj;
	size_t k;

	p = xreallocarray(NULL, cm->n_rows, sizeof *p);
	adj = xreallocarray(NULL, cm->n_rows, sizeof *adj);
	cm->n_tested = 0;
	for (k = 0; k < cm->n_rows; k++) {
		struct compare_row *r = &cm->rows[k];

		r->differs_raw = !r->few && (r->lo > 0 || r->hi < 0);
		r->p = cmp_p(r);
		if (p != NULL)
			p[k] = r->p;
		cm->n_tested += !isnan(r->p);
	}
	if (p != NULL && adj != NULL)
		stats_holm(p, adj, cm->n_rows);
	for (k = 0; k < cm->n_rows; k++) {
		struct compare_row *r = &cm->rows[k];

		/* Without memory for Holm, Bonferroni is never less strict. */
		r->p_holm = adj != NULL && p != NULL ? adj[k] :
		    fmin(1, r->p * (double)cm->n_tested);
		r->differs = !isnan(r->p_holm) && r->p_holm < 1 - cm->level;
	}
	free(p);
	free(adj);
}

static void
row_from_score(struct compare_row *r, const struct score *s)
{
	r->lo = s->lo;
	r->hi = s->hi;
	r->se = s->se;
	r->df = s->df;
	r->few = s->few;
	r->few_n = s->few_n;
	r->few_reviewers = s->few_reviewers;
}

static void
score_from_row(struct score *s, const struct compare_row *r)
{
	memset(s, 0, sizeof *s);
	s->value = r->diff;
	s->lo = r->lo;
	s->hi = r->hi;
	s->se = r->se;
	s->df = r->df;
	s->few = r->few;
	s->few_n = r->few_n;
	s->few_reviewers = r->few_reviewers;
}

static void
cmp_verdicts(struct compare *cm, struct jk_acc *acc, size_t C1)
{
	size_t k;

	for (k = 0; k < cm->n_rows; k++) {
		struct compare_row *r = &cm->rows[k];
		struct score s;

		memset(&s, 0, sizeof s);
		jk_finish(acc + k * C1, C1, cm->level, r->diff, &s);
		row_from_score(r, &s);
	}
	cmp_holm(cm);
}

static int
cmp_jackknife(struct compare *cm, struct cmp_engine *ce)
{
	size_t C1 = ce->C + 1, p;
	struct by_pool ba, bb;
	struct jk_acc *acc;
	double *va0, *vb0;
	bool *touched;

	memset(&bb, 0, sizeof bb);
	acc = xcalloc(cm->n_rows * C1 + 1, sizeof *acc);
	touched = xcalloc(C1, sizeof *touched);
	va0 = copy_of(ce->va, C1);
	vb0 = copy_of(ce->vb, C1);
	by_pool_build(&ce->a, &ba);
	by_pool_build(&ce->b, &bb);
	for (p = 0; p < cm->n_pool; p++)
		cmp_drop(cm, ce, &ba, &bb, p, touched, va0, vb0, acc);
	cmp_verdicts(cm, acc, C1);
	by_pool_free(&ba);
	by_pool_free(&bb);
	free(acc);
	free(touched);
	free(va0);
	free(vb0);
	return 0;
}

static int
cmp_run(struct compare *cm, const struct units *it)
{
	const struct rating_set *set = cm->set;
	struct cmp_engine ce;
	struct side *s;
	struct pair *p;
	uint32_t *pool_of;
	bool *has;
	size_t n_pairs, i;
	int rc = -1;

	memset(&ce, 0, sizeof ce);
	ce.C = set->n_capabilities;
	ce.set = set;
	s = xreallocarray(NULL, it->n, sizeof *s);
	p = xreallocarray(NULL, it->n, sizeof *p);
	has = xcalloc(set->n_prompts + 1, sizeof *has);
	pool_of = xmalloc((set->n_prompts + 1) * sizeof *pool_of);
	ce.va = xmalloc((ce.C + 1) * sizeof *ce.va);
	ce.vb = xmalloc((ce.C + 1) * sizeof *ce.vb);
	n_pairs = pairs_make(set, it, cm->model_a, s, p);
	for (i = 0; i < n_pairs; i++)
		has[p[i].prompt] = true;
	cm->n_pool = boot_pool_number(pool_of, has, set->n_prompts);
	if (cmp_sums(&ce, p, n_pairs, pool_of, cm->n_pool) != 0)
		goto out;
	cmp_eval(&ce, NULL);
	cmp_rows(cm, &ce, it);
	cmp_counts(cm, p, n_pairs, set);
	rc = cm->n_boot > 0 ? cmp_jackknife(cm, &ce) : 0;
out:
	sums_free(&ce.a);
	sums_free(&ce.b);
	free(ce.va);
	free(ce.vb);
	free(s);
	free(p);
	free(has);
	free(pool_of);
	return rc;
}

static double
cmp_match(const struct compare *cm, uint32_t capability)
{
	size_t k;

	for (k = 0; k < cm->n_rows; k++) {
		if (cm->rows[k].capability == capability)
			return cm->rows[k].diff;
	}
	return NAN;
}

/* As scores_reviewers: each reviewer of the panel left out in turn. */
static int
cmp_reviewers(const struct rating_set *set, const struct scores_opts *opts,
    struct compare *cm)
{
	struct scores_opts o = *opts;
	struct rating_set sub;
	struct compare part;
	struct jk_acc *acc;
	size_t j, k;
	bool *in;

	in = xcalloc(set->n_reviewers + 1, sizeof *in);
	acc = xcalloc(cm->n_rows + 1, sizeof *acc);
	cm->n_reviewers = panel_of(set, in);
	o.reviewers_random = false;
	o.n_boot = 0;
	for (j = 0; j < set->n_reviewers; j++) {
		if (!in[j])
			continue;
		if (set_without(set, j, &sub) != 0 || compare_compute(&sub,
		    cm->model_a, cm->model_b, &o, &part) != 0) {
			free(sub.ratings);
			free(in);
			free(acc);
			return -1;
		}
		for (k = 0; k < cm->n_rows; k++)
			jk_add(&acc[k], cmp_match(&part, cm->rows[k].capability) -
			    cm->rows[k].diff);
		compare_free(&part);
		free(sub.ratings);
	}
	for (k = 0; k < cm->n_rows; k++) {
		struct score s;

		score_from_row(&s, &cm->rows[k]);
		add_reviewers(&s, s.value, &acc[k], cm->n_reviewers, cm->level,
		    false, set);
		row_from_score(&cm->rows[k], &s);
	}
	cmp_holm(cm);
	free(in);
	free(acc);
	return 0;
}

int
compare_compute(const struct rating_set *set, uint32_t a, uint32_t b,
    const struct scores_opts *opts, struct compare *cm)
{
	struct rating_filter f;
	struct units it;
	bool *models;
	int rc;

	memset(cm, 0, sizeof *cm);
	cm->set = set;
	cm->model_a = a;
	cm->model_b = b;
	cm->seed = opts->has_seed ? opts->seed : set->seed;
	cm->n_boot = opts->n_boot;
	cm->level = opts->level;
	cm->reviewers_random = opts->reviewers_random;
	if (a >= set->n_models || b >= set->n_models || a == b ||
	    !(opts->level > 0 && opts->level < 1))
		return -1;
	models = xcalloc(set->n_models + 1, sizeof *models);
	models[a] = models[b] = true;
	f.models = models;
	f.capabilities = opts->filter.capabilities;
	rc = units_build(set, &f, &it);
	if (rc == 0)
		cm->flags = flag_shares(set, &f);
	free(models);
	if (rc != 0)
		return -1;
	rc = cmp_run(cm, &it);
	units_free(&it);
	if (rc == 0 && cm->n_boot > 0 && opts->reviewers_random)
		rc = cmp_reviewers(set, opts, cm);
	if (rc != 0)
		compare_free(cm);
	return rc;
}

void
compare_free(struct compare *cm)
{
	free(cm->rows);
	free(cm->flags);
	cm->flags = NULL;
	cm->rows = NULL;
	cm->n_rows = 0;
}
