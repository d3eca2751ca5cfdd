/* mdtable.c: finding GitHub-flavoured tables and fitting their columns.
 *
 * Cells are byte ranges into the text, measured through textwrap, so a
 * width here is the width drawn (wide characters, combining marks and
 * escapes included). */
#include <stdlib.h>
#include <string.h>

#include "mdtable.h"
#include "textwrap.h"
#include "xmalloc.h"

#define MDT_MAX_COLS	256	/* more is not a table anyone reads */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void
trim(const char *t, size_t *start, size_t *end)
{
	while (*start < *end && is_blank(t[*start]))
		(*start)++;
	while (*end > *start && is_blank(t[*end - 1]))
		(*end)--;
}

/* The cells of one row line (it starts with '|' after its indentation),
 * at most `max`; returns how many there are, max + 1 when too many. */
static size_t
split_row(const char *t, const struct md_line *l, struct md_cell *out,
    size_t max)
{
	size_t	i = l->text_start + 1, start = i, end = l->end, n = 0;

	trim(t, &start, &end);
	for (i = start; ; i++) {
		if (i < end && t[i] == '\\' && i + 1 < end) {
			i++;
			continue;
		}
		if (i < end && t[i] != '|')
			continue;
		/* A final '|' closes the row rather than open a cell. */
		if (i == end && i == start && n > 0)
			break;
		if (n == max)
			return max + 1;
		out[n].start = start;
		out[n].end = i;
		trim(t, &out[n].start, &out[n].end);
		n++;
		if (i >= end)
			break;
		start = i + 1;
	}
	return n;
}

/* A delimiter cell: dashes, with an optional colon at either end. */
static bool
delimiter_cell(const char *t, const struct md_cell *c, enum md_align *a)
{
	size_t	s = c->start, e = c->end, i;
	bool	left = false, right = false;

	if (s < e && t[s] == ':') {
		left = true;
		s++;
	}
	if (e > s && t[e - 1] == ':') {
		right = true;
		e--;
	}
	if (s == e)
		return false;
	for (i = s; i < e; i++)
		if (t[i] != '-')
			return false;
	*a = left && right ? MDA_CENTER : right ? MDA_RIGHT :
	    left ? MDA_LEFT : MDA_NONE;
	return true;
}

static bool
delimiter_row(const char *t, const struct md_line *l, size_t n_cols,
    enum md_align *align)
{
	struct md_cell	cells[MDT_MAX_COLS + 1];
	size_t		i;

	if (split_row(t, l, cells, MDT_MAX_COLS) != n_cols)
		return false;
	for (i = 0; i < n_cols; i++)
		if (!delimiter_cell(t, &cells[i], &align[i]))
			return false;
	return true;
}

bool
mdtable_parse(const char *text, const struct markdown *md, size_t first,
    struct md_table *t)
{
	struct md_cell	head[MDT_MAX_COLS + 1];
	size_t		n, last, r;

	memset(t, 0, sizeof *t);
	if (first + 1 >= md->n || md->lines[first].kind != MD_TABLE ||
	    md->lines[first + 1].kind != MD_TABLE)
		return false;
	n = split_row(text, &md->lines[first], head, MDT_MAX_COLS);
	if (n == 0 || n > MDT_MAX_COLS)
		return false;
	t->align = xreallocarray(NULL, n, sizeof *t->align);
	if (!delimiter_row(text, &md->lines[first + 1], n, t->align)) {
		mdtable_free(t);
		return false;
	}
	for (last = first + 2; last < md->n && md->lines[last].kind == MD_TABLE;
	    last++)
		;
	t->first = first;
	t->n_lines = last - first;
	t->n_rows = t->n_lines - 1;
	t->n_cols = n;
	t->cells = xreallocarray(NULL, t->n_rows * n, sizeof *t->cells);
	memcpy(t->cells, head, n * sizeof *head);
	for (r = 1; r < t->n_rows; r++) {
		/* One cell more than the header fits, so a ragged row shows. */
		if (split_row(text, &md->lines[first + 1 + r], head, n) != n) {
			mdtable_free(t);
			return false;
		}
		memcpy(t->cells + r * n, head, n * sizeof *head);
	}
	return true;
}

void
mdtable_free(struct md_table *t)
{
	free(t->cells);
	free(t->align);
	memset(t, 0, sizeof *t);
}

/* Cells taken by the columns at cap L: each its natural width, cut to L,
 * but never below its longest word. */
static long
capped(const int *natural, const int *min, size_t n, int cap, int *cw)
{
	long	sum = 0;
	size_t	c;
	int	w;

	for (c = 0; c < n; c++) {
		w = natural[c] < cap ? natural[c] : cap;
		if (w < min[c])
			w = min[c];
		if (cw != NULL)
			cw[c] = w;
		sum += w;
	}
	return sum;
}

int
mdtable_widths(const char *text, const struct md_table *t, int width, int *cw,
    int *natural)
{
	size_t	n = t->n_cols, r, c;
	int	*min = xreallocarray(NULL, n, sizeof *min);
	long	rules = 3 * (long)n + 1, budget = width - rules, sum_nat = 0;
	long	sum_min = 0, got;
	int	lo = 1, hi = 1, mid, w, total;

	for (c = 0; c < n; c++) {
		natural[c] = min[c] = 1;
		for (r = 0; r < t->n_rows; r++) {
			const struct md_cell *cell = &t->cells[r * n + c];
			const char *s = text + cell->start;
			size_t len = cell->end - cell->start;

			if ((w = textwrap_width_n(s, len)) > natural[c])
				natural[c] = w;
			if ((w = textwrap_longest_word(s, len)) > min[c])
				min[c] = w;
		}
		sum_nat += natural[c];
		sum_min += min[c];
		if (natural[c] > hi)
			hi = natural[c];
	}
	if (sum_nat <= budget || sum_min > budget) {
		memcpy(cw, natural, n * sizeof *cw);
		got = sum_nat;
	} else {
		/* The largest cap that fits: the widest columns give way first. */
		while (lo < hi) {
			mid = lo + (hi - lo + 1) / 2;
			if (capped(natural, min, n, mid, NULL) <= budget)
				lo = mid;
			else
				hi = mid - 1;
		}
		got = capped(natural, min, n, lo, cw);
		for (c = 0; c < n && got < budget; c++) {
			if (cw[c] < natural[c]) {
				cw[c]++;
				got++;
			}
		}
	}
	free(min);
	total = (int)(got + rules);
	return total;
}
