/* table.c: the rows list and status print, handed to tabular.c. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "tabular.h"
#include "util.h"

void
table_init(struct table *t, const char *const *head)
{
	size_t n = 0, i;

	memset(t, 0, sizeof *t);
	while (head[n] != NULL)
		n++;
	t->n_cols = n;
	t->head = xcalloc(n, sizeof *t->head);
	t->right = xcalloc(n, sizeof *t->right);
	for (i = 0; i < n; i++)
		t->head[i] = xstrdup(head[i]);
}

void
table_right(struct table *t, size_t col)
{
	if (col < t->n_cols)
		t->right[col] = 1;
}

void
table_add(struct table *t, const char *const *cells)
{
	char **row = xcalloc(t->n_cols, sizeof *row);
	size_t i;

	for (i = 0; i < t->n_cols; i++)
		row[i] = xstrdup(cells[i] != NULL ? cells[i] : "");
	t->rows = xreallocarray(t->rows, t->n_rows + 1, sizeof *t->rows);
	t->rows[t->n_rows++] = row;
}

void
table_addv(struct table *t, ...)
{
	const char **cells = xcalloc(t->n_cols, sizeof *cells);
	va_list ap;
	size_t i;

	va_start(ap, t);
	for (i = 0; i < t->n_cols; i++)
		cells[i] = va_arg(ap, const char *);
	va_end(ap);
	table_add(t, cells);
	free(cells);
}

/* Through tabular.c, the one table writer: widths measured one way, and
 * the one TSV writer with its formula guard.  A listing has no rule under
 * its heading. */
static int
table_write(const struct table *t, enum tab_format fmt, FILE *f)
{
	struct tab_col *cols = xcalloc(t->n_cols, sizeof *cols);
	struct tab tb;
	size_t r, c;
	int rc;

	for (c = 0; c < t->n_cols; c++) {
		cols[c].head = t->head[c];
		cols[c].show = TAB_BOTH;
		cols[c].right = t->right[c] != 0;
	}
	tab_init(&tb, cols, t->n_cols);
	tb.no_rule = true;
	for (r = 0; r < t->n_rows; r++) {
		tab_row(&tb);
		for (c = 0; c < t->n_cols; c++)
			tab_cell(&tb, c, "%s", t->rows[r][c]);
	}
	rc = tab_print(&tb, fmt, 0, f);
	tab_free(&tb);
	free(cols);
	return rc;
}

int
table_print(const struct table *t, FILE *f)
{
	return table_write(t, TAB_TABLE, f);
}

int
table_print_tsv(const struct table *t, FILE *f)
{
	return table_write(t, TAB_TSV, f);
}

void
table_free(struct table *t)
{
	size_t r, c;

	for (c = 0; c < t->n_cols; c++)
		free(t->head[c]);
	for (r = 0; r < t->n_rows; r++) {
		for (c = 0; c < t->n_cols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	free(t->head);
	free(t->right);
	free(t->rows);
	memset(t, 0, sizeof *t);
}
