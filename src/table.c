/* table.c: aligned text tables for list and status. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "table.h"
#include "tabular.h"
#include "text.h"
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

/* Print one cell padded to `width` display cells, its text made inert. */
static void
print_cell(const char *s, int width, int right, int last, FILE *f)
{
	char *safe = text_inert(s);
	int pad = width - text_width(safe);

	if (right)
		fprintf(f, "%*s", pad > 0 ? pad : 0, "");
	fputs(safe, f);
	if (!right && !last)
		fprintf(f, "%*s", pad > 0 ? pad : 0, "");
	free(safe);
}

void
table_print(const struct table *t, FILE *f)
{
	int *w = xcalloc(t->n_cols, sizeof *w);
	size_t r, c;

	for (c = 0; c < t->n_cols; c++)
		w[c] = text_width(t->head[c]);
	for (r = 0; r < t->n_rows; r++) {
		for (c = 0; c < t->n_cols; c++) {
			char *safe = text_inert(t->rows[r][c]);
			int cw = text_width(safe);

			if (cw > w[c])
				w[c] = cw;
			free(safe);
		}
	}
	for (c = 0; c < t->n_cols; c++) {
		print_cell(t->head[c], w[c], t->right[c], c + 1 == t->n_cols, f);
		fputs(c + 1 == t->n_cols ? "\n" : "  ", f);
	}
	for (r = 0; r < t->n_rows; r++) {
		for (c = 0; c < t->n_cols; c++) {
			print_cell(t->rows[r][c], w[c], t->right[c], c + 1 == t->n_cols, f);
			fputs(c + 1 == t->n_cols ? "\n" : "  ", f);
		}
	}
	free(w);
}

/* Through the one TSV writer, with its formula guard (tabular.h). */
void
table_print_tsv(const struct table *t, FILE *f)
{
	size_t r, c;

	for (c = 0; c < t->n_cols; c++) {
		tab_tsv_field(t->head[c], true, f);
		fputc(c + 1 == t->n_cols ? '\n' : '\t', f);
	}
	for (r = 0; r < t->n_rows; r++) {
		for (c = 0; c < t->n_cols; c++) {
			tab_tsv_field(t->rows[r][c], !t->right[c], f);
			fputc(c + 1 == t->n_cols ? '\n' : '\t', f);
		}
	}
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
