/* agreement.c: alpha per capability and axis, and each reviewer's habits.
 *
 * Alpha's coincidence matrices add up over units, so the engine builds one
 * per (capability, axis) cell and sums them for the capability and the
 * panel; a resample re-weighs the units of every cell with one vector of
 * output counts.  A reviewer's "without" matrix is the panel's plus a
 * correction over the items they rated, so leaving each reviewer out costs
 * one pass over the items, not one alpha computation from scratch. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "i18n.h"
#include "stats.h"
#include "util.h"

/* The numbers must not depend on whether the compiler fuses a * b + c
 * into one rounding (FMA): GCC does not under -std=c11, Clang would. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define NONE	UINT32_MAX

void
agreement_opts_init(struct agreement_opts *o)
{
	memset(o, 0, sizeof *o);
	o->metric = KA_ORDINAL;
	o->n_boot = AGREEMENT_BOOT_DEFAULT;
	o->level = 0.95;
}

struct engine {
	const struct rating_set		*set;
	const struct agreement_opts	*opts;
	struct units			 items;
	double				*values;	/* distinct scores */
	size_t				 nv;
	uint32_t			*pool_of;	/* per output */
	size_t				 n_pool;
	size_t				 C, A, R;
	struct ka_units			*units;		/* per cell c * A + a */
	bool				*present;	/* per cell: has items */
	/* Cells, then capabilities (all axes), then the panel, then one
	 * per rating scale. */
	struct ka_coinc			*coinc;
	size_t				 n_coinc;
	uint32_t			*group_of;	/* per capability */
	size_t				 G;		/* scales */
};

static size_t
scale_slot(const struct engine *en, size_t g)
{
	return en->C * en->A + en->C + 1 + g;
}

/* Capabilities grouped by their rubric's scale, in order of first
 * appearance; ag->scales gets each group's scale. */
static void
engine_scales(struct engine *en, struct agreement *ag)
{
	const struct rating_set *set = en->set;
	size_t c, g;

	en->group_of = xreallocarray(NULL, en->C, sizeof *en->group_of);
	ag->scales = xcalloc(en->C + 1, sizeof *ag->scales);
	for (c = 0; c < en->C; c++) {
		double lo = set->cap_min != NULL ? set->cap_min[c] :
		    set->scale_min;
		double hi = set->cap_max != NULL ? set->cap_max[c] :
		    set->scale_max;

		for (g = 0; g < en->G; g++) {
			if (ag->scales[g].min == lo && ag->scales[g].max == hi)
				break;
		}
		if (g == en->G) {
			ag->scales[g].min = lo;
			ag->scales[g].max = hi;
			en->G++;
		}
		en->group_of[c] = (uint32_t)g;
		ag->scales[g].capabilities++;
	}
	ag->n_scales = en->G;
}

static size_t
cap_slot(const struct engine *en, size_t c)
{
	return en->C * en->A + c;
}

static size_t
panel_slot(const struct engine *en)
{
	return en->C * en->A + en->C;
}

/* The distinct scores of a block of ratings at a time, with those found so
 * far: a copy of every score, as doubles, was where memory peaked. */
#define VALUES_BLOCK	65536

static void
engine_values(struct engine *en)
{
	double *x = NULL;
	size_t i = 0, k;

	en->values = NULL;
	en->nv = 0;
	do {
		x = xreallocarray(x, en->nv + VALUES_BLOCK, sizeof *x);
		if (en->nv > 0)
			memcpy(x, en->values, en->nv * sizeof *x);
		for (k = en->nv; k < en->nv + VALUES_BLOCK &&
		    i < en->items.n_order; k++, i++)
			x[k] = en->set->ratings[en->items.order[i]].score;
		free(en->values);
		ka_values(x, k, &en->values, &en->nv);
	} while (i < en->items.n_order);
	free(x);
}

/* The index among the distinct scores of each of an item's ratings, found
 * when needed rather than kept for every rating: a search among a scale's
 * few points. */
static void
unit_vidx(const struct engine *en, const struct unit *it, uint32_t *out)
{
	size_t i;

	for (i = 0; i < it->n; i++)
		out[i] = (uint32_t)ka_value_index(en->values, en->nv,
		    en->set->ratings[en->items.order[it->first + i]].score);
}

/* The resampling unit is the prompt, not the output: the outputs of
 * several models to one prompt share the prompt's difficulty and are not
 * independent (resampling outputs covered 89.7% where several models
 * answer each prompt).  Prompts with a pairable item are numbered in
 * index order; pool_of maps each output to its prompt's number. */
static void
engine_pool(struct engine *en)
{
	const struct rating_set *set = en->set;
	uint32_t *num;
	size_t i, o;
	bool *has;

	has = xcalloc(set->n_prompts + 1, sizeof *has);
	num = xreallocarray(NULL, set->n_prompts, sizeof *num);
	en->pool_of = xreallocarray(NULL, set->n_outputs, sizeof *en->pool_of);
	for (i = 0; i < en->items.n; i++) {
		if (en->items.v[i].n >= 2)
			has[unit_prompt(set, &en->items.v[i])] = true;
	}
	en->n_pool = boot_pool_number(num, has, set->n_prompts);
	for (o = 0; o < set->n_outputs; o++)
		en->pool_of[o] = num[set->output_prompt[o]];
	free(has);
	free(num);
}

/* One cell's units in the compressed rows ka_units_build takes. */
struct cell_units {
	size_t		*start;
	uint32_t	*vidx;
	uint32_t	*cluster;
	size_t		 n, n_values;
	size_t		 first;		/* into the items by cell */
};

static int
cell_build(struct engine *en, size_t cell, struct cell_units *cu, const uint32_t *by_cell)
{
	const struct unit *it;
	size_t i, v = 0;
	int rc;

	cu->start = xreallocarray(NULL, cu->n + 1, sizeof *cu->start);
	cu->vidx = xreallocarray(NULL, cu->n_values + 1, sizeof *cu->vidx);
	cu->cluster = xreallocarray(NULL, cu->n + 1, sizeof *cu->cluster);
	for (i = 0; i < cu->n; i++) {
		it = &en->items.v[by_cell[cu->first + i]];
		cu->start[i] = v;
		unit_vidx(en, it, cu->vidx + v);
		v += it->n;
		cu->cluster[i] = it->n >= 2 ? en->pool_of[it->output] : 0;
		/* (pool_of is defined for every output of a prompt with a
		 * pairable item, which an item with n >= 2 is.) */
	}
	cu->start[cu->n] = v;
	rc = ka_units_build(&en->units[cell], en->nv, cu->start, cu->vidx,
	    cu->cluster, cu->n);
	free(cu->start);
	free(cu->vidx);
	free(cu->cluster);
	return rc;
}

static size_t
item_cell(const struct engine *en, size_t i)
{
	return en->items.v[i].capability * en->A + en->items.v[i].axis;
}

/* The items of each cell, in output order: one pass sorts them by cell
 * (stable), rather than one scan of every item for each cell. */
static int
engine_units(struct engine *en)
{
	struct cell_units *cu;
	size_t cells = en->C * en->A, i, k, run = 0;
	uint32_t *by_cell, *at;
	int rc = 0;

	en->units = xcalloc(cells + 1, sizeof *en->units);
	en->present = xcalloc(cells + 1, sizeof *en->present);
	cu = xcalloc(cells + 1, sizeof *cu);
	by_cell = xreallocarray(NULL, en->items.n + 1, sizeof *by_cell);
	at = xcalloc(cells + 1, sizeof *at);
	for (i = 0; i < en->items.n; i++) {
		k = item_cell(en, i);
		en->present[k] = true;
		cu[k].n++;
		cu[k].n_values += en->items.v[i].n;
	}
	for (k = 0; k < cells; k++) {
		cu[k].first = run;
		at[k] = (uint32_t)run;
		run += cu[k].n;
	}
	for (i = 0; i < en->items.n; i++)
		by_cell[at[item_cell(en, i)]++] = (uint32_t)i;
	for (k = 0; k < cells && rc == 0; k++) {
		if (en->present[k])
			rc = cell_build(en, k, &cu[k], by_cell);
	}
	free(at);
	free(by_cell);
	free(cu);
	return rc;
}

static int
engine_coinc(struct engine *en)
{
	size_t i;

	en->n_coinc = en->C * en->A + en->C + 1 + en->G;
	en->coinc = xcalloc(en->n_coinc, sizeof *en->coinc);
	for (i = 0; i < en->n_coinc; i++) {
		if (ka_coinc_init(&en->coinc[i], en->values, en->nv) != 0)
			return -1;
	}
	return 0;
}

static void
engine_free(struct engine *en)
{
	size_t i;

	units_free(&en->items);
	free(en->values);
	free(en->pool_of);
	for (i = 0; en->units != NULL && i < en->C * en->A; i++)
		ka_units_free(&en->units[i]);
	free(en->units);
	free(en->present);
	free(en->group_of);
	for (i = 0; en->coinc != NULL && i < en->n_coinc; i++)
		ka_coinc_free(&en->coinc[i]);
	free(en->coinc);
}

static int
engine_init(struct engine *en, const struct rating_set *set,
    const struct agreement_opts *opts, struct agreement *ag)
{
	memset(en, 0, sizeof *en);
	en->set = set;
	en->opts = opts;
	en->C = set->n_capabilities;
	en->A = set->n_axes;
	en->R = set->n_reviewers;
	if (units_build(set, &opts->filter, &en->items) != 0)
		return -1;
	engine_values(en);
	engine_pool(en);
	engine_scales(en, ag);
	if (engine_units(en) != 0 || engine_coinc(en) != 0)
		return -1;
	return 0;
}

/* Every matrix for one weighting of the outputs: count (NULL: each once),
 * or lane `lane` of a block of resamples' tallies, one per cell. */
static void
engine_eval(struct engine *en, const uint32_t *count, uint64_t *const *tally, size_t lane)
{
	size_t c, a, k;
	struct ka_coinc *cap, *panel = &en->coinc[panel_slot(en)];

	ka_coinc_clear(panel);
	for (k = 0; k < en->G; k++)
		ka_coinc_clear(&en->coinc[scale_slot(en, k)]);
	for (c = 0; c < en->C; c++) {
		cap = &en->coinc[cap_slot(en, c)];
		ka_coinc_clear(cap);
		for (a = 0; a < en->A; a++) {
			k = c * en->A + a;
			if (!en->present[k])
				continue;
			ka_coinc_clear(&en->coinc[k]);
			if (tally != NULL)
				ka_units_coinc_lane(&en->units[k], tally[k], lane,
				    &en->coinc[k]);
			else
				ka_units_coinc(&en->units[k], count, &en->coinc[k]);
			ka_coinc_add(cap, &en->coinc[k], 1);
		}
		ka_coinc_add(panel, cap, 1);
		ka_coinc_add(&en->coinc[scale_slot(en, en->group_of[c])], cap,
		    1);
	}
}

/* --- the alpha rows ----------------------------------------------------- */

static size_t
row_slot(const struct engine *en, const struct agreement_cell *cell)
{
	if (cell->capability == AGREEMENT_ALL)
		return panel_slot(en);
	if (cell->axis == AGREEMENT_ALL)
		return cap_slot(en, cell->capability);
	return cell->capability * en->A + cell->axis;
}

static void
cell_add(struct agreement *ag, uint32_t c, uint32_t a)
{
	struct agreement_cell *cell = &ag->cells[ag->n_cells++];

	cell->capability = c;
	cell->axis = a;
}

static void
cells_make(struct engine *en, struct agreement *ag)
{
	size_t c, a;
	bool any;

	ag->cells = xcalloc(en->C * en->A + en->C + 1, sizeof *ag->cells);
	for (c = 0; c < en->C; c++) {
		for (a = 0, any = false; a < en->A; a++) {
			if (en->present[c * en->A + a]) {
				cell_add(ag, (uint32_t)c, (uint32_t)a);
				any = true;
			}
		}
		if (any)
			cell_add(ag, (uint32_t)c, AGREEMENT_ALL);
	}
	cell_add(ag, AGREEMENT_ALL, AGREEMENT_ALL);
}

static int
cells_estimate(struct engine *en, struct agreement *ag)
{
	size_t i;

	engine_eval(en, NULL, NULL, 0);
	for (i = 0; i < ag->n_cells; i++) {
		if (ka_coinc_alpha(&en->coinc[row_slot(en, &ag->cells[i])],
		    ag->metric, &ag->cells[i].alpha) != 0)
			return -1;
		ag->cells[i].alpha.lo = ag->cells[i].alpha.hi = NAN;
		ag->cells[i].alpha.boot_defined = 0;
	}
	for (i = 0; i < en->G; i++) {
		if (ka_coinc_alpha(&en->coinc[scale_slot(en, i)], ag->metric,
		    &ag->scales[i].alpha) != 0)
			return -1;
		ag->scales[i].alpha.lo = ag->scales[i].alpha.hi = NAN;
	}
	return 0;
}

/* The prompt counts of resamples b0 .. b0 + KA_BLOCK - 1 side by side
 * (lanes past the last resample zero): what ka_units_tally_block reads. */
static void
block_counts(const struct engine *en, const struct agreement *ag, size_t b0,
    uint32_t *one, uint32_t *block)
{
	size_t j, p;

	for (j = 0; j < KA_BLOCK; j++) {
		if (b0 + j < ag->n_boot)
			boot_counts(ag->seed, b0 + j, one, en->n_pool);
		else
			memset(one, 0, en->n_pool * sizeof *one);
		for (p = 0; p < en->n_pool; p++)
			block[p * KA_BLOCK + j] = one[p];
	}
}

/* One resample's alphas, from lane j of the block's tallies. */
static int
boot_one(struct engine *en, struct agreement *ag, uint64_t *const *tally, size_t j,
    size_t b, double *boots)
{
	size_t i, n = ag->n_cells + en->G;
	struct ka_result r;
	int rc = 0;

	engine_eval(en, NULL, tally, j);
	for (i = 0; rc == 0 && i < n; i++) {
		rc = ka_coinc_alpha(&en->coinc[i < ag->n_cells ? row_slot(en, &ag->cells[i]) :
		    scale_slot(en, i - ag->n_cells)], ag->metric, &r);
		boots[i * ag->n_boot + b] = r.alpha;
	}
	return rc;
}

/* Resamples KA_BLOCK at a time: one pass over each cell's units tallies
 * the block, then each resample's alphas come from its lane.  The numbers
 * are those of one resample at a time: the tallies are whole numbers. */
static int
boot_blocks(struct engine *en, struct agreement *ag, double *boots)
{
	size_t cells = en->C * en->A, k, b, j;
	uint32_t *one, *block;
	uint64_t **tally;
	int rc = 0;

	one = xreallocarray(NULL, en->n_pool + 1, sizeof *one);
	block = xreallocarray(NULL, en->n_pool * KA_BLOCK + 1, sizeof *block);
	tally = xcalloc(cells + 1, sizeof *tally);
	for (k = 0; k < cells; k++)
		tally[k] = xreallocarray(NULL, en->units[k].n_patterns * KA_BLOCK + 1,
		    sizeof **tally);
	for (b = 0; rc == 0 && b < ag->n_boot; b += KA_BLOCK) {
		block_counts(en, ag, b, one, block);
		for (k = 0; k < cells; k++) {
			if (en->present[k])
				ka_units_tally_block(&en->units[k], block, tally[k]);
		}
		for (j = 0; rc == 0 && j < KA_BLOCK && b + j < ag->n_boot; j++)
			rc = boot_one(en, ag, tally, j, b + j, boots);
	}
	for (k = 0; k < cells; k++)
		free(tally[k]);
	free(tally);
	free(block);
	free(one);
	return rc;
}

static int
cells_boot(struct engine *en, struct agreement *ag)
{
	size_t n_b = ag->n_boot, n = ag->n_cells + en->G, i;
	double *boots;
	int rc;

	boots = xreallocarray(NULL, n, n_b * sizeof *boots);
	rc = boot_blocks(en, ag, boots);
	/* A resample in which alpha is undefined (no variation left, say)
	 * is left out of the interval and counted: boot_defined. */
	for (i = 0; rc == 0 && n_b > 0 && i < n; i++) {
		struct ka_result *a = i < ag->n_cells ? &ag->cells[i].alpha :
		    &ag->scales[i - ag->n_cells].alpha;

		if (a->defined)
			a->boot_defined = stats_interval(boots + i * n_b, n_b,
			    ag->level, &a->lo, &a->hi);
	}
	free(boots);
	return rc;
}

/* --- reviewers ---------------------------------------------------------- */

struct habits {
	double		 sum;		/* of their scores */
	size_t		 n;
	double		 lenient;	/* sum of differences from others */
	size_t		 compared;
	size_t		 straight, lined;	/* items with >= 2 axes, same */
	struct ka_coinc	 delta;		/* without them minus with */
	struct corr_acc	*pairs;		/* A * A, a < b used */
};

/* Leniency and the "without" correction from one item, whose ratings come
 * sorted by reviewer. */
static void
item_habits(struct engine *en, const struct unit *it, struct habits *h,
    uint32_t *all, uint32_t *rest)
{
	const struct rating *r;
	size_t i, j, k, m;
	double x;

	for (i = it->first; i < it->first + it->n; i++) {
		r = &en->set->ratings[en->items.order[i]];
		h[r->reviewer].sum += r->score;
		h[r->reviewer].n++;
		if (it->n < 2)
			continue;
		x = (it->mean * it->n - r->score) / (double)(it->n - 1);
		h[r->reviewer].lenient += r->score - x;
		h[r->reviewer].compared++;
	}
	if (it->n < 2)
		return;
	unit_vidx(en, it, all);
	for (i = it->first; i < it->first + it->n; i = j) {
		uint32_t who = en->set->ratings[en->items.order[i]].reviewer;

		for (j = i; j < it->first + it->n && en->set->ratings[
		    en->items.order[j]].reviewer == who; j++)
			;
		for (k = it->first, m = 0; k < it->first + it->n; k++) {
			if (k < i || k >= j)
				rest[m++] = all[k - it->first];
		}
		ka_coinc_add_unit(&h[who].delta, all, it->n, -1);
		ka_coinc_add_unit(&h[who].delta, rest, m, 1);
	}
}

/* Scratch for one (output, capability) block: each reviewer's score per
 * axis (R * A, NAN when not rated) and the reviewers seen in the block. */
struct block {
	double		*axes;
	bool		*seen;
	uint32_t	*who;
	size_t		 n_who;
};

/* Straight-lining and halo from one (output, capability) block of items. */
static void
block_habits(struct engine *en, const struct unit *it, size_t n,
    struct habits *h, struct block *bl)
{
	const struct rating *r;
	size_t i, j, k, a, b, rated;
	double *x, first;
	bool same;

	bl->n_who = 0;
	for (i = 0; i < n; i++) {
		for (j = it[i].first; j < it[i].first + it[i].n; j++) {
			r = &en->set->ratings[en->items.order[j]];
			if (!bl->seen[r->reviewer]) {
				bl->seen[r->reviewer] = true;
				bl->who[bl->n_who++] = r->reviewer;
			}
			bl->axes[r->reviewer * en->A + r->axis] = r->score;
		}
	}
	for (k = 0; k < bl->n_who; k++) {
		struct habits *hr = &h[bl->who[k]];

		x = bl->axes + bl->who[k] * en->A;
		first = NAN;
		same = true;
		for (a = 0, rated = 0; a < en->A; a++) {
			if (isnan(x[a]))
				continue;
			if (rated++ == 0)
				first = x[a];
			else if (x[a] != first)
				same = false;
			for (b = a + 1; b < en->A; b++) {
				if (!isnan(x[b]))
					corr_add(&hr->pairs[a * en->A + b],
					    x[a], x[b]);
			}
		}
		if (rated >= 2) {
			hr->lined++;
			hr->straight += same;
		}
		for (a = 0; a < en->A; a++)
			x[a] = NAN;
		bl->seen[bl->who[k]] = false;
	}
}

static void
habits_free(struct habits *h, size_t n)
{
	size_t i;

	for (i = 0; h != NULL && i < n; i++) {
		ka_coinc_free(&h[i].delta);
		free(h[i].pairs);
	}
	free(h);
}

static struct habits *
habits_new(struct engine *en)
{
	struct habits *h;
	size_t i;

	h = xcalloc(en->R + 1, sizeof *h);
	for (i = 0; i < en->R; i++) {
		h[i].pairs = xcalloc(en->A * en->A + 1, sizeof *h[i].pairs);
		if (ka_coinc_init(&h[i].delta, en->values, en->nv) != 0) {
			habits_free(h, i + 1);
			return NULL;
		}
	}
	return h;
}

/* One pass over the items: per item for leniency and alpha without each
 * reviewer, per (output, capability) block for straight-lining and halo. */
static void
habits_gather(struct engine *en, struct habits *h)
{
	const struct unit *v = en->items.v;
	struct block bl;
	uint32_t *all, *rest;
	size_t i, j, max_n = 0;

	for (i = 0; i < en->items.n; i++)
		max_n = v[i].n > max_n ? v[i].n : max_n;
	all = xreallocarray(NULL, max_n + 1, sizeof *all);
	rest = xreallocarray(NULL, max_n + 1, sizeof *rest);
	bl.axes = xreallocarray(NULL, en->R * en->A, sizeof *bl.axes);
	bl.seen = xcalloc(en->R + 1, sizeof *bl.seen);
	bl.who = xreallocarray(NULL, en->R, sizeof *bl.who);
	for (i = 0; i < en->R * en->A; i++)
		bl.axes[i] = NAN;
	for (i = 0; i < en->items.n; i++)
		item_habits(en, &v[i], h, all, rest);
	for (i = 0; i < en->items.n; i = j) {
		for (j = i; j < en->items.n && v[j].output == v[i].output &&
		    v[j].capability == v[i].capability; j++)
			;
		block_habits(en, v + i, j - i, h, &bl);
	}
	free(all);
	free(rest);
	free(bl.axes);
	free(bl.seen);
	free(bl.who);
}

static void
reviewer_halo(const struct engine *en, const struct habits *h,
    struct agreement_reviewer *ar)
{
	double sum = 0, r;
	size_t a, b;

	ar->halo_pairs = 0;
	for (a = 0; a < en->A; a++) {
		for (b = a + 1; b < en->A; b++) {
			r = corr_value(&h->pairs[a * en->A + b]);
			if (!isnan(r)) {
				sum += r;
				ar->halo_pairs++;
			}
		}
	}
	ar->halo = ar->halo_pairs > 0 ? sum / (double)ar->halo_pairs : NAN;
	ar->halo_items = h->lined;
}

static void
reviewer_flags(struct agreement_reviewer *ar)
{
	ar->flags = 0;
	if (ar->compared >= AGREEMENT_MIN_ITEMS &&
	    fabs(ar->leniency) > AGREEMENT_LENIENCY)
		ar->flags |= ar->leniency > 0 ? AGREEMENT_LENIENT :
		    AGREEMENT_HARSH;
	if (ar->straight_items >= AGREEMENT_MIN_ITEMS &&
	    ar->straight > AGREEMENT_STRAIGHT)
		ar->flags |= AGREEMENT_STRAIGHT_LINES;
	if (ar->halo_items >= AGREEMENT_MIN_ITEMS &&
	    ar->halo > AGREEMENT_HALO)
		ar->flags |= AGREEMENT_HALO_FLAG;
	if (ar->compared >= AGREEMENT_MIN_ITEMS &&
	    ar->alpha_gain > AGREEMENT_ALPHA_GAIN)
		ar->flags |= AGREEMENT_LOWERS_ALPHA;
}

static int
reviewer_make(struct engine *en, struct agreement *ag, struct habits *h,
    size_t r)
{
	struct agreement_reviewer *ar = &ag->reviewers[ag->n_reviewers++];
	struct ka_coinc *without = &h[r].delta;

	ar->reviewer = (uint32_t)r;
	ar->ratings = h[r].n;
	ar->mean = h[r].sum / (double)h[r].n;
	ar->compared = h[r].compared;
	ar->leniency = h[r].compared > 0 ?
	    h[r].lenient / (double)h[r].compared : NAN;
	ar->straight_items = h[r].lined;
	ar->straight = h[r].lined > 0 ?
	    (double)h[r].straight / (double)h[r].lined : NAN;
	reviewer_halo(en, &h[r], ar);
	/* The correction turns into the matrix without them in place. */
	ka_coinc_add(without, &en->coinc[panel_slot(en)], 1);
	if (ka_coinc_alpha(without, ag->metric, &ar->without) != 0)
		return -1;
	ar->without.lo = ar->without.hi = NAN;
	ar->alpha_gain = ar->without.defined && ag->panel.defined ?
	    ar->without.alpha - ag->panel.alpha : NAN;
	reviewer_flags(ar);
	return 0;
}

static int
reviewers_make(struct engine *en, struct agreement *ag)
{
	struct habits *h;
	size_t r;
	int rc = -1;

	if ((h = habits_new(en)) == NULL)
		return -1;
	ag->reviewers = xcalloc(en->R + 1, sizeof *ag->reviewers);
	habits_gather(en, h);
	/* The panel's own matrix, for the corrections to start from. */
	engine_eval(en, NULL, NULL, 0);
	for (r = 0; r < en->R; r++) {
		if (h[r].n > 0 && reviewer_make(en, ag, h, r) != 0)
			goto out;
	}
	rc = 0;
out:
	habits_free(h, en->R);
	return rc;
}

/* TRANSLATORS: why the panel's alpha is undefined (after a colon). */
const char agreement_why_scales[] =
    N_("the rubrics have different scales, so the panel is not pooled: "
    "see the alpha per scale");

/* Disagreement on a 1-5 scale and on a 1-10 one is not one quantity:
 * with more than one scale the panel-wide alpha is undefined, and the
 * alphas per scale stand for it. */
static void
panel_by_scale(struct agreement *ag)
{
	struct ka_result *p = &ag->cells[ag->n_cells - 1].alpha;

	if (ag->n_scales < 2)
		return;
	p->defined = false;
	p->why = agreement_why_scales;
	p->alpha = p->lo = p->hi = NAN;
	p->boot_defined = 0;
}

int
agreement_compute(const struct rating_set *set,
    const struct agreement_opts *opts, struct agreement *ag)
{
	struct engine en;
	int rc = -1;

	memset(ag, 0, sizeof *ag);
	ag->set = set;
	ag->metric = opts->metric;
	ag->seed = opts->has_seed ? opts->seed : set->seed;
	ag->n_boot = opts->n_boot;
	ag->level = opts->level;
	if (!(opts->level > 0 && opts->level < 1))
		return -1;
	if (engine_init(&en, set, opts, ag) != 0)
		goto out;
	ag->n_pool = en.n_pool;
	cells_make(&en, ag);
	if (cells_estimate(&en, ag) != 0)
		goto out;
	ag->panel = ag->cells[ag->n_cells - 1].alpha;
	if (reviewers_make(&en, ag) != 0 || cells_boot(&en, ag) != 0)
		goto out;
	panel_by_scale(ag);
	ag->panel = ag->cells[ag->n_cells - 1].alpha;
	rc = 0;
out:
	engine_free(&en);
	if (rc != 0)
		agreement_free(ag);
	return rc;
}

void
agreement_free(struct agreement *ag)
{
	free(ag->cells);
	free(ag->reviewers);
	free(ag->scales);
	ag->scales = NULL;
	ag->n_scales = 0;
	ag->cells = NULL;
	ag->reviewers = NULL;
	ag->n_cells = ag->n_reviewers = 0;
}
