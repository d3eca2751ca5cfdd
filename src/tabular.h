/* tabular.h: one table of text, written as a terminal table, CSV, TSV or
 * Markdown.
 *
 * The engines' formatters fill a tab with cells (already formatted
 * numbers) and hand it over; this file alone knows about display widths,
 * quoting and fitting a terminal.  Some columns are for people (a score
 * with its interval as "[3.21, 3.60]"), some for programs (ci_low and
 * ci_high apart); a column says which formats show it.  JSON is not a
 * table: each formatter builds its own document with the jv_ pieces of
 * json.h. */
#ifndef PANELIST_TABULAR_H
#define PANELIST_TABULAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum tab_format {
	TAB_TABLE,		/* aligned columns for a terminal */
	TAB_CSV,		/* RFC 4180: CRLF, quoted where needed */
	TAB_TSV,		/* tab-separated, escaped with \ */
	TAB_JSON,		/* not handled by tab_print */
	TAB_MD,			/* a Markdown table */
	TAB_JSONL		/* JSON lines, a row each: not by tab_print */
};

const char	*tab_format_name(enum tab_format);
/* "table", "csv", "tsv", "json", "md" or "jsonl"; -1 for anything else
 * (each command's options say which it takes). */
int		 tab_format_parse(const char *, enum tab_format *);

/* Table and Markdown are read by people: their headings, notes and the
 * words inside cells go through the catalogue.  CSV, TSV and JSON are
 * read by programs and stay English whatever the locale. */
bool		 tab_for_people(enum tab_format);
/* A word inside a cell ("overall", "yes"), or a format for one: msgid
 * translated for people, as it is for programs, which compare it. */
const char	*tab_word(enum tab_format, const char *msgid)
		    __attribute__((format_arg(2)));

#define TAB_HUMAN	0x1	/* table and md */
#define TAB_MACHINE	0x2	/* csv and tsv */
#define TAB_BOTH	(TAB_HUMAN | TAB_MACHINE)

struct tab_col {
	const char	*head;		/* heading for people: an N_()
					   msgid, translated where a table
					   or md is written */
	const char	*key;		/* heading for programs; NULL: head */
	unsigned	 show;		/* TAB_HUMAN, TAB_MACHINE or TAB_BOTH */
	bool		 right;		/* right-aligned: numbers */
	int		 drop;		/* 0: always kept; when a table is too
					   wide, higher numbers go first */
	bool		 shrink;	/* names: may be cut with an ellipsis */
	bool		 group;		/* table: blank when it repeats the row
					   above (and the columns before it) */
};

/* A whisker bar (table format only), placed after column `after`: the
 * value as a block on the line min..max, its interval as ├──┤, and ticks
 * at origin + k * step (the origin drawn as a line when mark_origin). */
struct tab_bar_spec {
	size_t	after;
	double	min, max;
	double	origin, step;
	bool	mark_origin;
};

struct tab_bar {
	double	value, lo, hi;
};

struct tab {
	const struct tab_col	*cols;
	size_t			 n_cols;
	const char		**cells;	/* n_rows * n_cols, owned */
	struct tab_bar		*bars;		/* per row */
	size_t			 n_rows, cap_rows;
	bool			 has_bar;
	struct tab_bar_spec	 bar;
	char			**titles;	/* lines above (table, md) */
	size_t			 n_titles;
	char			**notes;	/* lines below (table, md) */
	size_t			 n_notes;
	bool			 no_rule;	/* table: no line under the
						   heading (listings) */
};

void	tab_init(struct tab *, const struct tab_col *, size_t n_cols);
void	tab_set_bar(struct tab *, const struct tab_bar_spec *);
/* Start a row; then fill its cells. */
void	tab_row(struct tab *);
void	tab_cell(struct tab *, size_t col, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Undefined: "—" for people, an empty field for programs. */
void	tab_undef(struct tab *, size_t col);
void	tab_row_bar(struct tab *, double value, double lo, double hi);
void	tab_title(struct tab *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Titles and notes are for people: pass them translated.  Wrapped at
 * blanks, and between wide characters (textwrap.h's rules), to the
 * width. */
void	tab_note(struct tab *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Write the table; width > 0 fits a table into that many cells (the bar
 * goes first, then the columns by their drop order, then names are
 * shortened); 0 means no limit.  Not for TAB_JSON.  -1 when writing
 * failed (errno says why when the C library set it). */
int	tab_print(const struct tab *, enum tab_format, int width, FILE *);
void	tab_free(struct tab *);

/* Terminal cells of UTF-8 text as a table prints it: text_width() (text.h),
 * the one measure of every table and listing. */
size_t	tab_width(const char *);

/* The one CSV and the one TSV writer, for every CSV or TSV panelist
 * writes.  CSV per RFC 4180: a field with a comma, quote, CR or LF is
 * quoted, its quotes doubled.  TSV cannot quote: a tab, line break or
 * backslash inside a field is written as \t, \n, \r or \\.
 *
 * The formula guard, also in both: a text field (`text`: not a number
 * written as one) that begins with =, +, -, @, a tab or a carriage return
 * gets a leading ' so that a spreadsheet shows it instead of running it.
 * A number is never changed: -1 stays -1.  In tables, a heading and every
 * cell of a column that is not right-aligned are text.  On unless
 * tab_guard_formulas(false) (export --raw). */
bool	tab_formula_like(const char *);
void	tab_guard_formulas(bool on);
void	tab_csv_field(const char *, bool text, FILE *);
void	tab_tsv_field(const char *, bool text, FILE *);

#endif
