/* tabular.c: text tables for terminals, CSV, TSV and Markdown. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tabular.h"
#include "text.h"
#include "textwrap.h"
#include "util.h"

#define GAP		2	/* cells between columns */
#define MAX_COLS	32
#define BAR_MIN		13	/* narrower than this, a bar says nothing */
#define BAR_MAX		41
#define BAR_NATURAL	21	/* with no width given */
#define SHRINK_SOFT	12	/* names shrink this far before a column
				   that says drop 1 goes */
#define SHRINK_MIN	4	/* a shortened name keeps 3 cells and "…" */

static const char undef_mark[] = "";	/* told apart by its address */

static const char *const format_names[] = {
	"table", "csv", "tsv", "json", "md", "jsonl"
};

const char *
tab_format_name(enum tab_format f)
{
	return names_name(format_names, nitems(format_names), (size_t)f);
}

int
tab_format_parse(const char *s, enum tab_format *f)
{
	int i = names_index(format_names, nitems(format_names), s);

	if (i >= 0)
		*f = (enum tab_format)i;
	return i >= 0 ? 0 : -1;
}

/* --- people and programs --------------------------------------------- */

bool
tab_for_people(enum tab_format f)
{
	return f == TAB_TABLE || f == TAB_MD;
}

const char *
tab_word(enum tab_format f, const char *msgid)
{
	return tab_for_people(f) ? _(msgid) : msgid;
}

/* --- display width --------------------------------------------------
 *
 * Text from files never reaches the terminal raw: cells go through the
 * rules of text.h, as in every other table, and widths are measured on
 * what is printed, so columns line up. */

size_t
tab_width(const char *s)
{
	return (size_t)text_width(s);
}

/* --- a growing line ---------------------------------------------------- */

struct line {
	char	*s;
	size_t	 len, cap;
	size_t	 width;		/* cells so far */
};

static void
line_add(struct line *l, const char *s, size_t n, size_t width)
{
	size_t cap;

	if (l->len + n + 1 > l->cap) {
		cap = l->cap ? l->cap : 128;
		while (cap < l->len + n + 1)
			cap *= 2;
		l->s = xreallocarray(l->s, cap, 1);
		l->cap = cap;
	}
	memcpy(l->s + l->len, s, n);
	l->len += n;
	l->s[l->len] = '\0';
	l->width += width;
}

static void
line_pad(struct line *l, size_t n)
{
	while (n-- > 0)
		line_add(l, " ", 1, 1);
}

static void
line_reset(struct line *l)
{
	l->len = 0;
	l->width = 0;
	if (l->s != NULL)
		l->s[0] = '\0';
}

/* Write the line without trailing blanks. */
static void
line_put(struct line *l, FILE *f)
{
	while (l->len > 0 && l->s[l->len - 1] == ' ')
		l->len--;
	if (l->len > 0)
		fwrite(l->s, 1, l->len, f);
	fputc('\n', f);
	line_reset(l);
}

/* Add text for people, inert (see above), in at most max cells, cut with
 * "…" when longer; `escape_bar` writes | as \| for Markdown. */
static void
line_text(struct line *l, const char *s, size_t max, bool escape_bar)
{
	size_t w, used = 0, full = tab_width(s), n, len = strlen(s);
	struct text_glyph g;
	const char *p;

	if (escape_bar) {
		for (p = s; *p != '\0'; p++)
			full += *p == '|';
	}
	while (*s != '\0') {
		n = text_next(s, len, true, &g);
		if (escape_bar && *s == '|') {
			g.out = "\\|";
			g.len = 2;
			g.width = 2;
		}
		w = (size_t)g.width;
		/* When it will not all fit, keep a cell for the ellipsis. */
		if (used + w + (full > max) > max)
			break;
		line_add(l, g.out, g.len, w);
		used += w;
		s += n;
		len -= n;
	}
	if (*s != '\0' && used < max)
		line_add(l, "…", strlen("…"), 1);
}

/* --- building ---------------------------------------------------------- */

void
tab_init(struct tab *t, const struct tab_col *cols, size_t n_cols)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->n_cols = n_cols;
	if (n_cols > MAX_COLS)
		abort();	/* a formatter's mistake, not the data's */
}

void
tab_set_bar(struct tab *t, const struct tab_bar_spec *spec)
{
	t->has_bar = spec->max > spec->min;
	t->bar = *spec;
}

void
tab_row(struct tab *t)
{
	size_t cap, i;

	if (t->n_rows == t->cap_rows) {
		cap = t->cap_rows ? t->cap_rows * 2 : 16;
		t->cells = xreallocarray(t->cells, cap * t->n_cols,
		    sizeof *t->cells);
		t->bars = xreallocarray(t->bars, cap, sizeof *t->bars);
		t->cap_rows = cap;
	}
	for (i = 0; i < t->n_cols; i++)
		t->cells[t->n_rows * t->n_cols + i] = NULL;
	t->bars[t->n_rows].value = NAN;
	t->bars[t->n_rows].lo = t->bars[t->n_rows].hi = NAN;
	t->n_rows++;
}

static void
set_cell(struct tab *t, size_t col, const char *s)
{
	const char **cell;

	if (t->n_rows == 0 || col >= t->n_cols) {
		if (s != undef_mark)
			free((char *)s);
		return;
	}
	cell = &t->cells[(t->n_rows - 1) * t->n_cols + col];
	if (*cell != undef_mark)
		free((char *)*cell);
	*cell = s;
}

void
tab_cell(struct tab *t, size_t col, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	set_cell(t, col, s);
}

void
tab_undef(struct tab *t, size_t col)
{
	set_cell(t, col, undef_mark);
}

void
tab_row_bar(struct tab *t, double value, double lo, double hi)
{
	if (t->n_rows == 0)
		return;
	t->bars[t->n_rows - 1].value = value;
	t->bars[t->n_rows - 1].lo = lo;
	t->bars[t->n_rows - 1].hi = hi;
}

static void
add_line(struct tab *t, char ***lines, size_t *n, const char *fmt,
    va_list ap)
{
	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	(*lines)[(*n)++] = xvasprintf(fmt, ap);
}

void
tab_title(struct tab *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_line(t, &t->titles, &t->n_titles, fmt, ap);
	va_end(ap);
}

void
tab_note(struct tab *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_line(t, &t->notes, &t->n_notes, fmt, ap);
	va_end(ap);
}

void
tab_free(struct tab *t)
{
	size_t i;

	for (i = 0; t->cells != NULL && i < t->n_rows * t->n_cols; i++) {
		if (t->cells[i] != undef_mark)
			free((char *)t->cells[i]);
	}
	free(t->cells);
	free(t->bars);
	for (i = 0; i < t->n_titles; i++)
		free(t->titles[i]);
	free(t->titles);
	for (i = 0; i < t->n_notes; i++)
		free(t->notes[i]);
	free(t->notes);
	memset(t, 0, sizeof *t);
}

static const char *
cell_at(const struct tab *t, size_t row, size_t col)
{
	return t->cells[row * t->n_cols + col];
}

/* The text people see in a cell. */
static const char *
cell_text(const struct tab *t, size_t row, size_t col)
{
	const char *s = cell_at(t, row, col);

	if (s == undef_mark)
		return "—";
	return s != NULL ? s : "";
}

/* --- laying out a terminal table --------------------------------------- */

struct layout {
	bool	shown[MAX_COLS];
	size_t	w[MAX_COLS];
	size_t	bar_w;		/* 0: no bar */
};

static size_t
layout_width(const struct tab *t, const struct layout *lo)
{
	size_t i, w = 0, n = 0;

	for (i = 0; i < t->n_cols; i++) {
		if (lo->shown[i]) {
			w += lo->w[i];
			n++;
		}
	}
	if (lo->bar_w > 0) {
		w += lo->bar_w;
		n++;
	}
	return n > 0 ? w + GAP * (n - 1) : 0;
}
/* A column's heading for people: in their language (the tables' N_()
 * marks).  Programs get the key, or the English heading. */
static const char *
human_head(const struct tab *t, size_t c)
{
	const char *h = t->cols[c].head;

	return h != NULL && *h != '\0' ? _(h) : h;
}


static void
layout_natural(const struct tab *t, struct layout *lo)
{
	size_t i, r, w;

	memset(lo, 0, sizeof *lo);
	for (i = 0; i < t->n_cols; i++) {
		lo->shown[i] = (t->cols[i].show & TAB_HUMAN) != 0;
		lo->w[i] = tab_width(human_head(t, i));
		for (r = 0; r < t->n_rows; r++) {
			w = tab_width(cell_text(t, r, i));
			if (w > lo->w[i])
				lo->w[i] = w;
		}
	}
}

/* Tick intervals on the bar, when they are few enough to line up. */
static size_t
bar_intervals(const struct tab *t)
{
	double k;

	if (!(t->bar.step > 0))
		return 0;
	k = (t->bar.max - t->bar.min) / t->bar.step;
	if (k > 20 || fabs(k - round(k)) > 1e-9)
		return 0;
	return (size_t)round(k);
}

/* The widest bar up to BAR_MAX that fits `avail`, snapped so that the
 * ticks fall on whole cells. */
static size_t
bar_width(const struct tab *t, long avail)
{
	size_t w, k = bar_intervals(t);

	if (avail < BAR_MIN)
		return 0;
	w = avail > BAR_MAX ? BAR_MAX : (size_t)avail;
	if (k > 0 && (w - 1) / k * k + 1 >= BAR_MIN)
		w = (w - 1) / k * k + 1;
	return w;
}

static bool
drop_one(const struct tab *t, struct layout *lo, int least)
{
	size_t i, pick = MAX_COLS;

	for (i = 0; i < t->n_cols; i++) {
		if (lo->shown[i] && t->cols[i].drop >= least &&
		    (pick == MAX_COLS ||
		    t->cols[i].drop >= t->cols[pick].drop))
			pick = i;
	}
	if (pick == MAX_COLS)
		return false;
	lo->shown[pick] = false;
	return true;
}

static bool
shrink_one(const struct tab *t, struct layout *lo, size_t min)
{
	size_t i, pick = MAX_COLS;

	for (i = 0; i < t->n_cols; i++) {
		if (lo->shown[i] && t->cols[i].shrink && lo->w[i] > min &&
		    (pick == MAX_COLS || lo->w[i] > lo->w[pick]))
			pick = i;
	}
	if (pick == MAX_COLS)
		return false;
	lo->w[pick]--;
	return true;
}

static void
layout_fit(const struct tab *t, int width, struct layout *lo)
{
	size_t limit = width > 0 ? (size_t)width : 0;

	layout_natural(t, lo);
	if (t->has_bar && limit == 0)
		lo->bar_w = bar_width(t, BAR_NATURAL);
	else if (t->has_bar)
		lo->bar_w = bar_width(t,
		    (long)limit - (long)layout_width(t, lo) - GAP);
	if (limit == 0)
		return;
	/* Counts go before names are cut; the last columns (drop 1) only
	 * once names are short. */
	while (layout_width(t, lo) > limit && drop_one(t, lo, 2))
		;
	while (layout_width(t, lo) > limit && shrink_one(t, lo, SHRINK_SOFT))
		;
	while (layout_width(t, lo) > limit && drop_one(t, lo, 1))
		;
	while (layout_width(t, lo) > limit && shrink_one(t, lo, SHRINK_MIN))
		;
}

/* --- drawing the bar --------------------------------------------------- */

static size_t
bar_pos(const struct tab *t, size_t w, double x)
{
	double f = (x - t->bar.min) / (t->bar.max - t->bar.min);

	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return (size_t)lround(f * (double)(w - 1));
}

static bool
is_tick(const struct tab *t, size_t w, size_t cell, bool *origin)
{
	double x;
	size_t k, n = bar_intervals(t);

	*origin = false;
	if (t->bar.mark_origin && t->bar.origin >= t->bar.min &&
	    t->bar.origin <= t->bar.max &&
	    bar_pos(t, w, t->bar.origin) == cell) {
		*origin = true;
		return true;
	}
	for (k = 0; k <= n && n > 0; k++) {
		x = t->bar.min + (double)k * t->bar.step;
		if (bar_pos(t, w, x) == cell)
			return true;
	}
	return false;
}

static void
bar_draw(const struct tab *t, const struct tab_bar *b, size_t w,
    struct line *l)
{
	size_t i, pv = 0, plo = 0, phi = 0;
	bool whisker, origin, tick;
	const char *g;

	whisker = !isnan(b->lo) && !isnan(b->hi);
	if (whisker) {
		plo = bar_pos(t, w, b->lo);
		phi = bar_pos(t, w, b->hi);
	}
	if (!isnan(b->value))
		pv = bar_pos(t, w, b->value);
	for (i = 0; i < w; i++) {
		tick = is_tick(t, w, i, &origin);
		if (!isnan(b->value) && i == pv)
			g = "█";
		else if (whisker && i == plo && plo < phi)
			g = "├";
		else if (whisker && i == phi && plo < phi)
			g = "┤";
		else if (whisker && i > plo && i < phi)
			g = origin ? "┼" : "─";
		else if (origin)
			g = "│";
		else
			g = tick ? "·" : " ";
		line_add(l, g, strlen(g), 1);
	}
}

/* The bar's heading: the tick values, each centred on its tick. */
static void
bar_head(const struct tab *t, size_t w, struct line *l)
{
	size_t k, n = bar_intervals(t), pos, len, start, used = 0;
	char label[32];
	double x;

	for (k = 0; k <= n && n > 0; k++) {
		x = t->bar.min + (double)k * t->bar.step;
		snprintf(label, sizeof label, "%g", fabs(x) < 1e-12 ? 0 : x);
		len = strlen(label);
		pos = bar_pos(t, w, x);
		start = pos >= len / 2 ? pos - len / 2 : 0;
		if (start + len > w)
			start = w - len;
		if (start < used + (used > 0) || len > w)
			continue;
		line_pad(l, start - used);
		line_add(l, label, len, len);
		used = start + len;
	}
	line_pad(l, w - used);
}

/* --- writing each format ----------------------------------------------- */

/* A word that may break inside, next to its wide characters (Japanese
 * has no blanks between words): as much as fits after a blank on this
 * line, the rest on the next ones, cut where textwrap_cut() allows, so
 * that no line starts with 、 or 。 */
static void
put_breakable(struct line *l, const char *w, int width, FILE *f)
{
	struct textwrap_cut c;
	size_t pos = 0, len = strlen(w);
	char *piece;
	int col;

	while (pos < len) {
		col = l->width > 0 ? (int)l->width + 1 : 0;
		textwrap_cut(w, pos, len, col, width, &c);
		if (c.end == c.start && col > 0) {
			line_put(l, f);
			continue;
		}
		if (col > 0)
			line_add(l, " ", 1, 1);
		piece = xstrndup(w + c.start, c.end - c.start);
		line_text(l, piece, SIZE_MAX, false);
		free(piece);
		pos = c.next > pos ? c.next : len;
		if (pos < len)
			line_put(l, f);
	}
}

/* A note or title, wrapped at spaces to the width (a word longer than
 * the width stays whole, unless it holds wide characters). */
static void
put_wrapped(const char *s, int width, FILE *f)
{
	struct line l = { 0 };
	const char *word, *end;
	size_t ww, n;
	char *copy;

	for (word = s; *word != '\0'; word = end) {
		while (*word == ' ')
			word++;
		for (end = word; *end != '\0' && *end != ' '; end++)
			;
		if (end == word)
			break;
		n = (size_t)(end - word);
		copy = xstrndup(word, n);
		ww = tab_width(copy);
		if (width > 0 && (size_t)textwrap_longest_word(copy, n) < ww) {
			put_breakable(&l, copy, width, f);
			free(copy);
			continue;
		}
		if (width > 0 && l.width > 0 &&
		    l.width + 1 + ww > (size_t)width)
			line_put(&l, f);
		if (l.width > 0)
			line_add(&l, " ", 1, 1);
		line_text(&l, copy, SIZE_MAX, false);
		free(copy);
	}
	line_put(&l, f);
	free(l.s);
}

static void
table_cell(struct line *l, const char *s, size_t w, bool right, bool first)
{
	size_t start, tw = tab_width(s);

	if (!first)
		line_pad(l, GAP);
	start = l->width;
	if (right && tw < w)
		line_pad(l, w - tw);
	line_text(l, s, w - (l->width - start), false);
	line_pad(l, w - (l->width - start));
}

/* Group columns repeat nothing: blank while the row above had the same
 * value here and in every group column before. */
static bool
blank_group(const struct tab *t, size_t r, size_t c)
{
	size_t i;

	if (r == 0 || !t->cols[c].group)
		return false;
	for (i = 0; i <= c; i++) {
		if (!t->cols[i].group)
			continue;
		if (strcmp(cell_text(t, r, i), cell_text(t, r - 1, i)) != 0)
			return false;
	}
	return true;
}

static void
table_row(const struct tab *t, const struct layout *lo, size_t r,
    struct line *l)
{
	size_t c;
	bool first = true;

	for (c = 0; c < t->n_cols; c++) {
		if (!lo->shown[c])
			continue;
		table_cell(l, r == SIZE_MAX ? human_head(t, c) :
		    blank_group(t, r, c) ? "" : cell_text(t, r, c), lo->w[c],
		    t->cols[c].right, first);
		first = false;
		if (lo->bar_w > 0 && c == t->bar.after) {
			line_pad(l, GAP);
			if (r == SIZE_MAX)
				bar_head(t, lo->bar_w, l);
			else
				bar_draw(t, &t->bars[r], lo->bar_w, l);
		}
	}
}

static void
print_table(const struct tab *t, int width, FILE *f)
{
	struct layout lo;
	struct line l = { 0 };
	size_t i, r, total;

	layout_fit(t, width, &lo);
	total = layout_width(t, &lo);
	for (i = 0; i < t->n_titles; i++)
		put_wrapped(t->titles[i], width, f);
	if (t->n_titles > 0)
		fputc('\n', f);
	table_row(t, &lo, SIZE_MAX, &l);
	line_put(&l, f);
	for (i = 0; i < total && !t->no_rule; i++)
		line_add(&l, "─", strlen("─"), 1);
	if (!t->no_rule)
		line_put(&l, f);
	for (r = 0; r < t->n_rows; r++) {
		table_row(t, &lo, r, &l);
		line_put(&l, f);
	}
	if (t->n_notes > 0)
		fputc('\n', f);
	for (i = 0; i < t->n_notes; i++)
		put_wrapped(t->notes[i], width, f);
	free(l.s);
}

static size_t
md_width(const char *s)
{
	size_t w = tab_width(s);

	for (; *s != '\0'; s++)
		w += *s == '|';
	return w;
}

static void
md_row(const struct tab *t, const size_t *w, size_t r, struct line *l)
{
	size_t c, start;
	const char *s;

	line_add(l, "|", 1, 1);
	for (c = 0; c < t->n_cols; c++) {
		if (!(t->cols[c].show & TAB_HUMAN))
			continue;
		s = r == SIZE_MAX ? human_head(t, c) : cell_text(t, r, c);
		line_add(l, " ", 1, 1);
		start = l->width;
		if (t->cols[c].right)
			line_pad(l, w[c] - md_width(s));
		line_text(l, s, SIZE_MAX, true);
		line_pad(l, w[c] - (l->width - start));
		line_add(l, " |", 2, 2);
	}
}

static void
print_md(const struct tab *t, FILE *f)
{
	struct line l = { 0 };
	size_t w[MAX_COLS], c, r, i, x;

	for (i = 0; i < t->n_titles; i++)
		fprintf(f, "%s\n\n", t->titles[i]);
	for (c = 0; c < t->n_cols; c++) {
		w[c] = md_width(human_head(t, c));
		if (w[c] < 3)
			w[c] = 3;
		for (r = 0; r < t->n_rows; r++) {
			if ((x = md_width(cell_text(t, r, c))) > w[c])
				w[c] = x;
		}
	}
	md_row(t, w, SIZE_MAX, &l);
	line_put(&l, f);
	line_add(&l, "|", 1, 1);
	for (c = 0; c < t->n_cols; c++) {
		if (!(t->cols[c].show & TAB_HUMAN))
			continue;
		line_add(&l, " ", 1, 1);
		for (i = 0; i + 1 < w[c]; i++)
			line_add(&l, "-", 1, 1);
		line_add(&l, t->cols[c].right ? ":" : "-", 1, 1);
		line_add(&l, " |", 2, 2);
	}
	line_put(&l, f);
	for (r = 0; r < t->n_rows; r++) {
		md_row(t, w, r, &l);
		line_put(&l, f);
	}
	/* A blank line before each note keeps them apart once rendered. */
	for (i = 0; i < t->n_notes; i++)
		fprintf(f, "\n%s\n", t->notes[i]);
	free(l.s);
}

/* --- CSV and TSV fields ----------------------------------------------- */

static bool guard_on = true;

void
tab_guard_formulas(bool on)
{
	guard_on = on;
}

bool
tab_formula_like(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* The guard's ' goes inside the cell, before any quoting: '"=..." is not
 * CSV. */
void
tab_csv_field(const char *s, bool text, FILE *f)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		fputc('"', f);
	if (text && guard_on && tab_formula_like(s))
		fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (quote && *s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	if (quote)
		fputc('"', f);
}

void
tab_tsv_field(const char *s, bool text, FILE *f)
{
	if (text && guard_on && tab_formula_like(s))
		fputc('\'', f);
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		default: fputc(*s, f);
		}
	}
}

static void
print_delimited(const struct tab *t, bool csv, FILE *f)
{
	const char *s, *eol = csv ? "\r\n" : "\n";
	size_t c, row;
	bool first, text;

	/* Row 0 is the heading, row r + 1 the table's row r. */
	for (row = 0; row <= t->n_rows; row++) {
		first = true;
		for (c = 0; c < t->n_cols; c++) {
			if (!(t->cols[c].show & TAB_MACHINE))
				continue;
			/* A heading is text; a right-aligned cell a number. */
			text = row == 0 || !t->cols[c].right;
			if (row == 0)
				s = t->cols[c].key ? t->cols[c].key :
				    t->cols[c].head;
			else
				s = cell_at(t, row - 1, c);
			if (s == NULL || s == undef_mark)
				s = "";
			if (!first)
				fputc(csv ? ',' : '\t', f);
			first = false;
			if (csv)
				tab_csv_field(s, text, f);
			else
				tab_tsv_field(s, text, f);
		}
		fputs(eol, f);
	}
}

int
tab_print(const struct tab *t, enum tab_format fmt, int width, FILE *f)
{
	switch (fmt) {
	case TAB_TABLE:
		print_table(t, width, f);
		break;
	case TAB_CSV:
	case TAB_TSV:
		print_delimited(t, fmt == TAB_CSV, f);
		break;
	case TAB_MD:
		print_md(t, f);
		break;
	default:
		abort();	/* JSON is not a table: a caller's mistake */
	}
	return ferror(f) ? -1 : 0;
}
