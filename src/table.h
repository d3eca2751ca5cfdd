/* table.h: rows of text, filled by queries and printed by commands. */
#ifndef PANELIST_TABLE_H
#define PANELIST_TABLE_H

#include <stdio.h>

struct table {
	char	**head;		/* column names */
	int	 *right;	/* per column: align right (numbers) */
	size_t	  n_cols;
	char	***rows;	/* each a row of n_cols strings */
	size_t	  n_rows;
};

void table_init(struct table *, const char *const *head);
void table_right(struct table *, size_t col);
/* Append a row: n_cols strings, copied. */
void table_add(struct table *, const char *const *cells);
void table_addv(struct table *, ...);	/* n_cols const char * arguments */
/* Aligned columns, or TSV, through tab_print() (tabular.h): text made
 * inert and measured as every table measures it.  -1 when out of memory
 * or a write failed. */
int table_print(const struct table *, FILE *);
int table_print_tsv(const struct table *, FILE *);
void table_free(struct table *);

#endif
