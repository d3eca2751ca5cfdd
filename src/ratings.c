/* ratings.c: usable ratings sorted and grouped into units (ratings.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ratings.h"
#include "util.h"

/* The numbers must not depend on whether the compiler fuses a * b + c
 * into one rounding (FMA): GCC does not under -std=c11, Clang would. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

/* What a command holds per rating: make bench's memory figure. */
_Static_assert(sizeof(struct rating) == 16, "a rating is 16 bytes");
_Static_assert(sizeof(struct unit) == 24, "a unit is 24 bytes");

static bool
rating_in_range(const struct rating_set *set, const struct rating *r)
{
	/* The output's prompt and model are checked with the outputs. */
	return r->output < set->n_outputs &&
	    r->capability < set->n_capabilities && r->axis < set->n_axes &&
	    r->reviewer < set->n_reviewers;
}

int
ratings_check(const struct rating_set *set)
{
	size_t i;

	if (set->n_ratings > UINT32_MAX || set->n_outputs > UINT32_MAX ||
	    set->n_capabilities > RATINGS_MAX_NAMES ||
	    set->n_axes > RATINGS_MAX_NAMES ||
	    set->n_reviewers > RATINGS_MAX_REVIEWERS)
		return -1;
	if (set->scale_max < set->scale_min)
		return -1;
	for (i = 0; set->weights != NULL && i < set->n_capabilities; i++) {
		if (!(set->weights[i] >= 0))
			return -1;
	}
	for (i = 0; i < set->n_outputs; i++) {
		if (set->output_prompt[i] >= set->n_prompts ||
		    set->output_model[i] >= set->n_models)
			return -1;
	}
	for (i = 0; i < set->n_ratings; i++) {
		if (!rating_in_range(set, &set->ratings[i]))
			return -1;
	}
	return 0;
}

static const char *const flag_names[RATING_FLAG_KINDS] = {
	"", "broken", "off-topic", "unsafe", "other"
};

const char *
rating_flag_name(enum rating_flag f)
{
	return (unsigned)f < RATING_FLAG_KINDS ? flag_names[f] : "other";
}

enum rating_flag
rating_flag_parse(const char *s)
{
	unsigned i;

	if (s == NULL)
		return RATING_FLAG_NONE;
	for (i = 1; i < RATING_FLAG_KINDS; i++) {
		if (strcmp(s, flag_names[i]) == 0)
			return (enum rating_flag)i;
	}
	return RATING_FLAG_OTHER;
}

bool
rating_usable(const struct rating *r)
{
	/* A flag never leaves a rating out: dropping the ratings of the
	 * outputs a reviewer found broken would raise their model's score. */
	return !isnan(r->score);
}

bool
rating_kept(const struct rating_set *set, const struct rating *r,
    const struct rating_filter *f)
{
	if (f == NULL)
		return true;
	if (f->models != NULL && !f->models[rating_model(set, r)])
		return false;
	if (f->capabilities != NULL && !f->capabilities[r->capability])
		return false;
	return true;
}

/* One stable counting-sort pass of idx by key[idx[i]] < n_keys. */
static void
sort_pass(const uint32_t *key, uint32_t *idx, uint32_t *tmp, size_t n,
    size_t n_keys)
{
	size_t *pos, i, run = 0, c;

	pos = xcalloc(n_keys + 1, sizeof *pos);
	for (i = 0; i < n; i++)
		pos[key[idx[i]]]++;
	for (i = 0; i < n_keys; i++) {
		c = pos[i];
		pos[i] = run;
		run += c;
	}
	for (i = 0; i < n; i++)
		tmp[pos[key[idx[i]]]++] = idx[i];
	memcpy(idx, tmp, n * sizeof *idx);
	free(pos);
}

/* A rating's place among those of its output. */
struct placed {
	uint32_t	key;	/* (capability * A + axis) * R + reviewer */
	uint32_t	idx;
};

static int
compare_placed(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* One output's ratings by key, those of one key in the order they came.
 * An output has a few dozen, in a few runs already sorted (one per
 * reviewer): an insertion sort, and qsort for a larger one. */
static void
sort_group(struct placed *p, size_t n)
{
	struct placed x;
	size_t i, j;

	if (n > 64) {
		qsort(p, n, sizeof *p, compare_placed);
		return;
	}
	for (i = 1; i < n; i++) {
		x = p[i];
		for (j = i; j > 0 && p[j - 1].key > x.key; j--)
			p[j] = p[j - 1];
		p[j] = x;
	}
}

/* By output in one stable counting-sort pass, then within each output:
 * two passes over a million ratings, each reading them out of order, cost
 * more than sorting each output's few in place. */
static void
sort_by_output(const struct rating_set *set, uint32_t *idx, size_t n)
{
	size_t A = set->n_axes, R = set->n_reviewers, i, o, e, start = 0;
	size_t *end = xcalloc(set->n_outputs + 1, sizeof *end);
	struct placed *p = xreallocarray(NULL, n + 1, sizeof *p);
	const struct rating *r;

	for (i = 0; i < n; i++)
		end[set->ratings[idx[i]].output + 1]++;
	for (o = 0; o < set->n_outputs; o++)
		end[o + 1] += end[o];
	for (i = 0; i < n; i++) {
		r = &set->ratings[idx[i]];
		e = end[r->output]++;
		p[e].key = (uint32_t)((r->capability * A + r->axis) * R +
		    r->reviewer);
		p[e].idx = idx[i];
	}
	for (o = 0; o < set->n_outputs; o++) {
		sort_group(p + start, end[o] - start);
		start = end[o];
	}
	for (i = 0; i < n; i++)
		idx[i] = p[i].idx;
	free(p);
	free(end);
}

/* Ordered by output, then capability, axis and reviewer, each sort
 * stable.  Where the three small keys make a number too large for 32
 * bits, least significant key first, one counting-sort pass each. */
static void
sort_ratings(const struct rating_set *set, uint32_t *idx, size_t n)
{
	const struct rating *r;
	size_t i, A = set->n_axes, R = set->n_reviewers;
	uint32_t *key, *tmp;
	int pass;

	if ((uint64_t)set->n_capabilities * A * R <= UINT32_MAX) {
		sort_by_output(set, idx, n);
		return;
	}
	key = xreallocarray(NULL, set->n_ratings, sizeof *key);
	tmp = xreallocarray(NULL, n, sizeof *tmp);
	for (pass = 0; pass < 4; pass++) {
		for (i = 0; i < set->n_ratings; i++) {
			r = &set->ratings[i];
			key[i] = pass == 0 ? r->reviewer : pass == 1 ? r->axis :
			    pass == 2 ? r->capability : r->output;
		}
		sort_pass(key, idx, tmp, n, pass == 0 ? R : pass == 1 ? A :
		    pass == 2 ? set->n_capabilities : set->n_outputs);
	}
	free(key);
	free(tmp);
}

static bool
same_unit(const struct rating *a, const struct rating *b)
{
	return a->output == b->output && a->capability == b->capability &&
	    a->axis == b->axis;
}

/* The units in two passes, one to count them: an array grown as they
 * came left the copies it outgrew in the heap, still resident. */
static void
group_units(const struct rating_set *set, struct units *it)
{
	const struct rating *r, *prev = NULL;
	struct unit *u = NULL;
	size_t i, n = 0;

	for (i = 0; i < it->n_order; i++, prev = r) {
		r = &set->ratings[it->order[i]];
		n += prev == NULL || !same_unit(prev, r);
	}
	it->v = xreallocarray(NULL, n + 1, sizeof *it->v);	/* never NULL */
	for (i = 0, prev = NULL; i < it->n_order; i++, prev = r) {
		r = &set->ratings[it->order[i]];
		if (prev == NULL || !same_unit(prev, r)) {
			if (u != NULL)
				u->mean /= u->n;
			u = &it->v[it->n++];
			u->output = r->output;
			u->capability = r->capability;
			u->axis = r->axis;
			u->n = 0;
			u->first = (uint32_t)i;
			u->mean = 0;
		}
		u->n++;
		u->mean += r->score;
	}
	if (u != NULL)
		u->mean /= u->n;
}

int
units_build(const struct rating_set *set, const struct rating_filter *f,
    struct units *it)
{
	const struct rating *r;
	size_t i;

	memset(it, 0, sizeof *it);
	if (ratings_check(set) != 0)
		return -1;
	it->order = xreallocarray(NULL, set->n_ratings, sizeof *it->order);
	for (i = 0; i < set->n_ratings; i++) {
		r = &set->ratings[i];
		if (rating_usable(r) && rating_kept(set, r, f))
			it->order[it->n_order++] = (uint32_t)i;
	}
	sort_ratings(set, it->order, it->n_order);
	group_units(set, it);
	return 0;
}

void
units_free(struct units *it)
{
	free(it->order);
	free(it->v);
	memset(it, 0, sizeof *it);
}

int
ratings_lookup(char *const *names, size_t n, const char *key, uint32_t *idx)
{
	unsigned long long v;
	char *end;
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(names[i], key) == 0) {
			*idx = (uint32_t)i;
			return 0;
		}
	}
	if (*key < '0' || *key > '9')
		return -1;
	errno = 0;
	v = strtoull(key, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > n)
		return -1;
	*idx = (uint32_t)(v - 1);
	return 0;
}
