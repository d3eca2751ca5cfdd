/* test-mdlayout.c: Markdown laid out into rows, and tables fitted to a
 * width, read back as the screen would show them (without a terminal). */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "check.h"
#include "markdown.h"
#include "mdlayout.h"
#include "mdtable.h"
#include "textwrap.h"

#define MAX_COLS	200
#define OUT_MAX		8192

/* One row as the screen shows it: every glyph in its cells (the second cell
 * of a wide character left empty), trailing blanks dropped. */
static void
put_row(const char *text, const struct md_layout *L, const struct md_row *r,
    char *out, size_t *o)
{
	wchar_t		 cells[MAX_COLS + 1][GLYPH_WC_MAX];
	struct glyph	 g;
	mbstate_t	 st;
	char		 mb[MB_LEN_MAX];
	size_t		 i, pos, k, j;
	int		 n = 0, x, rep;

	for (x = 0; x < MAX_COLS; x++)
		wcscpy(cells[x], L" ");
	for (i = 0; i < r->n_segs; i++) {
		const struct md_seg *s = &L->segs[r->seg + i];

		if (s->deco != NULL) {
			for (rep = 0; rep < s->repeat; rep++) {
				glyph_decode(s->deco, strlen(s->deco), 0, 0, &g);
				x = s->col + rep * g.width;
				if (x < MAX_COLS)
					wcscpy(cells[x], g.wc);
				if (x + 1 > n)
					n = x + 1;
			}
			continue;
		}
		for (pos = s->start, x = s->gcol; pos < s->end; x += g.width) {
			pos += glyph_decode(text + pos, s->end - pos, pos, x, &g);
			int at = s->col + x - s->gcol;

			if (at + g.width > MAX_COLS)
				break;
			if (g.flags & (GLYPH_ESCAPE | GLYPH_TAB)) {
				for (j = 0; j < (size_t)g.width; j++) {
					cells[at + j][0] = g.wc[j];
					cells[at + j][1] = L'\0';
				}
			} else {
				wcscpy(cells[at], g.wc);
				if (g.width == 2)
					cells[at + 1][0] = L'\0';
			}
			if (at + g.width > n)
				n = at + g.width;
		}
	}
	memset(&st, 0, sizeof st);
	for (x = 0; x < n; x++) {
		for (j = 0; cells[x][j] != L'\0'; j++) {
			k = wcrtomb(mb, cells[x][j], &st);
			if (k != (size_t)-1 && *o + k < OUT_MAX - 2) {
				memcpy(out + *o, mb, k);
				*o += k;
			}
		}
	}
	while (*o > 0 && out[*o - 1] == ' ')
		(*o)--;
}

/* The whole text laid out at width, its rows joined by newlines. */
static char *
laid(const char *text, int width, bool markdown)
{
	static char		 out[OUT_MAX];
	struct markdown		*md = markdown ? markdown_classify(text, strlen(text)) : NULL;
	struct md_layout	*L = mdlayout_build(text, strlen(text), md, width);
	size_t			 i, o = 0;

	for (i = 0; i < L->n; i++) {
		if (i > 0)
			out[o++] = '\n';
		put_row(text, L, &L->rows[i], out, &o);
	}
	out[o] = '\0';
	mdlayout_free(L);
	markdown_free(md);
	return out;
}

static int
max_width(const char *text, int width)
{
	struct markdown		*md = markdown_classify(text, strlen(text));
	struct md_layout	*L = mdlayout_build(text, strlen(text), md, width);
	int			 w = L->max_width;

	mdlayout_free(L);
	markdown_free(md);
	return w;
}

/* ---- paragraphs ------------------------------------------------------------------ */

TEST(soft_breaks_join_and_reflow)
{
	CHECK_STR(laid("The quick brown\nfox jumps over\nthe lazy dog.", 80, true),
	    "The quick brown fox jumps over the lazy dog.");
	CHECK_STR(laid("The quick brown\nfox jumps over\nthe lazy dog.", 20, true),
	    "The quick brown fox\njumps over the lazy\ndog.");
	/* No orphan words: a hard-wrapped line of 30 wraps at 25 as one text. */
	CHECK_STR(laid("aaaa bbbb cccc dddd eeee ffff\ngggg hhhh\n", 25, true),
	    "aaaa bbbb cccc dddd eeee\nffff gggg hhhh");
	/* Lines ended early on purpose keep their breaks, widest line too. */
	CHECK_STR(laid("Room A\n09:00 Welcome and opening remarks by the chair\n"
	    "09:30 Keynote\n10:15 Coffee\n", 80, true),
	    "Room A\n09:00 Welcome and opening remarks by the chair\n"
	    "09:30 Keynote\n10:15 Coffee");
	/* ... and wrap with the width, their further rows indented so that
	 * they do not read as lines of their own. */
	CHECK_STR(laid("Room A\n09:00 Welcome and opening remarks\n", 20, true),
	    "Room A\n09:00 Welcome and\n  opening remarks");
	/* A blank line still ends the paragraph. */
	CHECK_STR(laid("one\ntwo\n\nthree\n", 80, true), "one two\n\nthree");
}

TEST(hard_breaks_stay)
{
	CHECK_STR(laid("Name: Ann  \nRole: lead\\\nTeam: core\nand more", 80, true),
	    "Name: Ann\nRole: lead\nTeam: core and more");
	/* One trailing blank is not a break; an escaped backslash is text. */
	CHECK_STR(laid("a \nb\\\\\nc", 80, true), "a b\\\\ c");
}

TEST(wide_lines_join_without_a_blank)
{
	CHECK_STR(laid("日本語の\n文章です。\nEnglish\ntoo", 80, true),
	    "日本語の文章です。 English too");
	/* ・ starts a line of its own, as hand-written Japanese lists do. */
	CHECK_STR(laid("次の点:\n・一つ目\n・二つ目", 80, true),
	    "次の点:\n・一つ目\n・二つ目");
}

TEST(lists_hang_under_their_text)
{
	CHECK_STR(laid("- alpha beta gamma delta\n- two\n", 14, true),
	    "- alpha beta\n  gamma delta\n- two");
	CHECK_STR(laid("10. alpha beta gamma\n    lazy line\n", 14, true),
	    "10. alpha beta\n    gamma lazy\n    line");
	CHECK_STR(laid("- alpha beta gamma\n  delta\n", 80, true),
	    "- alpha beta gamma delta");
	/* Broken early on purpose: the line stays, under the item's text. */
	CHECK_STR(laid("- item\n  continued here\n", 80, true),
	    "- item\n  continued here");
}

TEST(headings_and_rules)
{
	CHECK_STR(laid("# Title\nbody\n", 80, true), "# Title\nbody");
	CHECK_STR(laid("---\n", 5, true), "─────");
}

TEST(quotes_keep_a_bar)
{
	CHECK_STR(laid("> quoted text that\n> wraps here\n", 16, true),
	    "│ quoted text\n│ that wraps\n│ here");
	CHECK_STR(laid("> > deep\n>\n> - item one two\n", 12, true),
	    "│ │ deep\n│\n│ - item one\n│   two");
}

TEST(code_keeps_its_lines)
{
	CHECK_STR(laid("```\nint x = 1;\nint y;\n```\n", 80, true),
	    "```\nint x = 1;\nint y;\n```");
	/* Too long: the rest on the next row after the mark, never reflowed. */
	CHECK_STR(laid("```\nabcdefghijkl\n```\n", 5, true),
	    "```\nabcde\n↪fghi\n↪jkl\n```");
	/* Indented code after a blank line; list paragraphs are not code. */
	CHECK_STR(laid("text\n\n    code one\n    code two\n", 80, true),
	    "text\n\n    code one\n    code two");
	CHECK_STR(laid("- item\n\n    more of the item\n    and more\n", 80, true),
	    "- item\n\n    more of the item and more");
}

TEST(escapes_stay_inert_and_measured)
{
	/* ESC is ^[, two cells, in a paragraph and in a cell alike. */
	CHECK_STR(laid("a\x1b[31mb\nc", 80, true), "a^[[31mb c");
	CHECK_STR(laid("| x |\n|---|\n| \x1b |\n", 80, true),
	    "┌────┐\n│ x  │\n├────┤\n│ ^[ │\n└────┘");
}

TEST(raw_is_as_written)
{
	CHECK_STR(laid("| a |\n|---|\n**b**\nc\n", 80, false),
	    "| a |\n|---|\n**b**\nc");
}

/* ---- tables ---------------------------------------------------------------------- */

static const char table_aligned[] =
    "| Item | Qty | Note |\n"
    "|:-----|:---:|-----:|\n"
    "| pen | 1 | blue |\n"
    "| notebook | 12 | a |\n";

TEST(table_grid_and_alignment)
{
	CHECK_STR(laid(table_aligned, 80, true),
	    "┌──────────┬─────┬──────┐\n"
	    "│ Item     │ Qty │ Note │\n"
	    "├──────────┼─────┼──────┤\n"
	    "│ pen      │  1  │ blue │\n"
	    "│ notebook │ 12  │    a │\n"
	    "└──────────┴─────┴──────┘");
}

TEST(table_column_widths)
{
	static const char text[] =
	    "| a | b |\n|---|---|\n| short | one two three four five six |\n";
	struct markdown	*md = markdown_classify(text, strlen(text));
	struct md_table	 t;
	int		 cw[2], nat[2];

	CHECK(mdtable_parse(text, md, 0, &t));
	CHECK_INT(t.n_cols, 2);
	CHECK_INT(t.n_rows, 2);
	/* Natural: 5 and 27, plus 7 cells of rules. */
	CHECK_INT(mdtable_widths(text, &t, 80, cw, nat), 39);
	CHECK_INT(cw[0], 5);
	CHECK_INT(cw[1], 27);
	/* At 30 the widest gives way, the narrow one keeps its width. */
	CHECK_INT(mdtable_widths(text, &t, 30, cw, nat), 30);
	CHECK_INT(cw[0], 5);
	CHECK_INT(cw[1], 18);
	CHECK_INT(nat[1], 27);
	/* Below the longest words (5 + 5 + 7) it keeps its natural width. */
	CHECK_INT(mdtable_widths(text, &t, 16, cw, nat), 39);
	CHECK_INT(cw[1], 27);
	mdtable_free(&t);
	markdown_free(md);
}

TEST(table_cells_wrap_and_rows_stay_rows)
{
	static const char text[] =
	    "| Date | Description | Account |\n"
	    "|---|---|---|\n"
	    "| 03/03 | HARVEST supplies | Cost of goods sold |\n"
	    "| 03/04 | Rent | Rent |\n";

	CHECK_STR(laid(text, 40, true),
	    "┌───────┬───────────────┬──────────────┐\n"
	    "│ Date  │ Description   │ Account      │\n"
	    "├───────┼───────────────┼──────────────┤\n"
	    "│ 03/03 │ HARVEST       │ Cost of      │\n"
	    "│       │ supplies      │ goods sold   │\n"
	    "├───────┼───────────────┼──────────────┤\n"
	    "│ 03/04 │ Rent          │ Rent         │\n"
	    "└───────┴───────────────┴──────────────┘");
}

TEST(table_too_wide_keeps_natural_width)
{
	static const char text[] =
	    "| Identifier | Description |\n|---|---|\n"
	    "| supercalifragilistic | antidisestablishmentarianism |\n";

	/* 20 + 28 + 7 = 55 cells: wider than 30, and no word can break. */
	CHECK_INT(max_width(text, 30), 55);
	CHECK_INT(max_width(text, 80), 55);
}

TEST(table_wide_characters)
{
	static const char text[] =
	    "| 項目 | 金額 |\n|---|--:|\n| 交通費 | 1,200 |\n| Café | 30 |\n";

	/* 交通費 is six cells, Café (e + U+0301 too) four. */
	CHECK_STR(laid(text, 80, true),
	    "┌────────┬───────┐\n"
	    "│ 項目   │  金額 │\n"
	    "├────────┼───────┤\n"
	    "│ 交通費 │ 1,200 │\n"
	    "│ Café   │    30 │\n"
	    "└────────┴───────┘");
	/* An emoji is two cells; a combining mark takes none of its own. */
	CHECK_STR(laid("| a | b |\n|---|---|\n| \xf0\x9f\x91\x8d | e\xcc\x81 |\n", 80, true),
	    "┌────┬───┐\n"
	    "│ a  │ b │\n"
	    "├────┼───┤\n"
	    "│ \xf0\x9f\x91\x8d │ e\xcc\x81 │\n"
	    "└────┴───┘");
	/* Japanese wraps between characters inside a narrow cell. */
	CHECK_STR(laid("| 説明 |\n|---|\n| 試験運用の結果 |\n", 12, true),
	    "┌──────────┐\n"
	    "│ 説明     │\n"
	    "├──────────┤\n"
	    "│ 試験運用 │\n"
	    "│ の結果   │\n"
	    "└──────────┘");
}

TEST(malformed_tables_are_shown_as_written)
{
	/* A ragged row: more cells than the header. */
	CHECK_STR(laid("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n", 80, true),
	    "| a | b |\n|---|---|\n| 1 | 2 | 3 |");
	/* Fewer. */
	CHECK_STR(laid("| a | b |\n|---|---|\n| 1 |\n", 80, true),
	    "| a | b |\n|---|---|\n| 1 |");
	/* No delimiter row, or a bad one. */
	CHECK_STR(laid("| a | b |\n| 1 | 2 |\n", 80, true),
	    "| a | b |\n| 1 | 2 |");
	CHECK_STR(laid("| a | b |\n|---|-x-|\n", 80, true),
	    "| a | b |\n|---|-x-|");
	/* A lone pipe line, and a table of one header line. */
	CHECK_STR(laid("|\n", 80, true), "|");
	CHECK_STR(laid("| a |\n", 80, true), "| a |");
}

TEST(table_pipes_escaped_and_trailing)
{
	static const char text[] = "| a \\| b | c\n|---|---\n| 1 | 2\n";

	CHECK_STR(laid(text, 80, true),
	    "┌────────┬───┐\n"
	    "│ a \\| b │ c │\n"
	    "├────────┼───┤\n"
	    "│ 1      │ 2 │\n"
	    "└────────┴───┘");
}

/* ---- rows by offset ---------------------------------------------------------------- */

TEST(row_of_an_offset)
{
	static const char text[] = "alpha beta gamma\n\n| a |\n|---|\n| b |\n";
	struct markdown		*md = markdown_classify(text, strlen(text));
	struct md_layout	*L = mdlayout_build(text, strlen(text), md, 11);

	/* "alpha beta" | "gamma" | blank | ┌ | a | ├ | b | └ */
	CHECK_INT(L->n, 8);
	CHECK_INT(mdlayout_row_of(L, 0), 0);
	CHECK_INT(mdlayout_row_of(L, 13), 1);	/* in "gamma" */
	CHECK_INT(mdlayout_row_of(L, 18), 3);	/* the table: its top rule */
	CHECK_INT(mdlayout_row_of(L, strlen(text) - 2), 6);	/* "b" */
	mdlayout_free(L);
	markdown_free(md);
}

TEST(nothing_at_all)
{
	struct markdown		*md = markdown_classify("", 0);
	struct md_layout	*L = mdlayout_build("", 0, md, 0);

	CHECK_INT(L->n, 0);
	CHECK_INT(mdlayout_row_of(L, 5), 0);
	mdlayout_free(L);
	markdown_free(md);
	/* Width 1 still lays everything out. */
	CHECK(strlen(laid("> - a\n| x | y |\n|---|---|\n| 1 | 2 |\n", 1, true)) > 0);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "en_US.UTF-8");
	RUN(soft_breaks_join_and_reflow);
	RUN(hard_breaks_stay);
	RUN(wide_lines_join_without_a_blank);
	RUN(lists_hang_under_their_text);
	RUN(headings_and_rules);
	RUN(quotes_keep_a_bar);
	RUN(code_keeps_its_lines);
	RUN(escapes_stay_inert_and_measured);
	RUN(raw_is_as_written);
	RUN(table_grid_and_alignment);
	RUN(table_column_widths);
	RUN(table_cells_wrap_and_rows_stay_rows);
	RUN(table_too_wide_keeps_natural_width);
	RUN(table_wide_characters);
	RUN(malformed_tables_are_shown_as_written);
	RUN(table_pipes_escaped_and_trailing);
	RUN(row_of_an_offset);
	RUN(nothing_at_all);
	return check_exit();
}
