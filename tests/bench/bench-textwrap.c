/* bench-textwrap.c: what wrapping and classifying a long LLM output costs.
 *
 * Not a test: it prints timings.  It builds 1 MB of mixed English and
 * Japanese Markdown, then times wrapping it at 80 and 120 cells, classifying
 * it, and what one scroll keystroke costs afterwards: finding the first line
 * of the screen (an index) and decoding one screenful to draw it.  Then the
 * same for 1 MB made of tables and lists, laid out as the rating screen
 * draws it (mdlayout.h): the layout once per width, and per key the rows
 * of a screenful walked, every glyph decoded and styled.
 *
 *	cc -std=c11 -D_XOPEN_SOURCE=700 -O2 -Isrc tests/bench/bench-textwrap.c \
 *	    src/textwrap.c src/markdown.c src/mdlayout.c src/mdtable.c \
 *	    src/xmalloc.c -o bench-textwrap && ./bench-textwrap */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "markdown.h"
#include "mdlayout.h"
#include "textwrap.h"

#define TEXT_BYTES	(1024 * 1024)
#define RUNS		5	/* best of, to keep noise out */
#define SCREEN_ROWS	50
#define SCROLLS		100000

static const char *const pieces[] = {
	"## Overview of the proposed approach\n\n",
	"The model was asked to summarise the quarterly report and to list "
	"the **three most important risks** for the team. It answered with a "
	"short paragraph, then a list, and it used `inline code` for the "
	"field names, as the prompt asked. Some sentences are long enough to "
	"wrap several times at eighty columns, which is the common case.\n\n",
	"この報告書では、第三四半期の売上と費用の推移をまとめ、チームにとって"
	"最も重要な**三つのリスク**を挙げます。日本語の文章は単語の間に空白が"
	"ないため、文字と文字の間で折り返します。「括弧」や句読点、。も含みます。\n\n",
	"- First item with *emphasis* and a snake_case_name\n"
	"- 二番目の項目：`config.yaml` を確認してください\n"
	"  1. Nested ordered item, mixing English and 日本語 in one line\n\n",
	"```python\n"
	"def wrap(text, width):\n"
	"\treturn [text[i:i + width] for i in range(0, len(text), width)]\n"
	"```\n\n",
	"| Metric | 値 | Notes |\n|---|---|---|\n| Revenue | 1,234 | 増加 |\n\n",
	"> A quoted line from the prompt, with __strong__ text and a `code` span.\n"
	"> > 引用の中の引用です。\n\n",
	"---\n\n",
};

/* Tables, one too wide for any pane, and lists: a data-structuring answer. */
static const char *const table_pieces[] = {
	"| Date | Description | Account | Amount |\n"
	"|:-----|:------------|:--------|-------:|\n"
	"| 03/03/2025 | HARVEST supplies, bulk order of seed potatoes | Cost of goods sold | 1,204.50 |\n"
	"| 03/04/2025 | Rent for the shop and the yard | Rent | 900.00 |\n"
	"| 03/05/2025 | Card fees | Bank charges | 12.40 |\n\n",
	"- First item with *emphasis* and a long enough text to wrap at least once at eighty\n"
	"- 二番目の項目：`config.yaml` を確認してください\n"
	"  1. Nested ordered item, mixing English and 日本語 in one line\n\n",
	"| 項目 | 金額 | 備考 |\n|:--|--:|:-:|\n| 交通費 | 1,200 | 出張 |\n"
	"| 会議費 | 3,450 | 試験運用の打ち合わせ |\n\n",
	"| Batch | Path | Checksum |\n|---|---|---|\n| march_batch_one | "
	"/srv/ledger/archive/2025/03/march-batch-one.csv | "
	"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 |\n\n",
};

static char *
build_from(const char *const *parts, size_t n_parts, size_t *lenp)
{
	char	*text = malloc(TEXT_BYTES + 4096);
	size_t	 len = 0, i = 0, n;

	if (text == NULL)
		exit(1);
	while (len < TEXT_BYTES) {
		n = strlen(parts[i % n_parts]);
		memcpy(text + len, parts[i % n_parts], n);
		len += n;
		i++;
	}
	text[len] = '\0';
	*lenp = len;
	return text;
}

static char *
build_text(size_t *lenp)
{
	return build_from(pieces, sizeof pieces / sizeof pieces[0], lenp);
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
time_wrap(const char *text, size_t len, int width, size_t *n_lines)
{
	struct wrap	*w;
	double		 best = 1e9, t;
	int		 r;

	for (r = 0; r < RUNS; r++) {
		t = now();
		w = textwrap_wrap(text, len, width);
		t = now() - t;
		if (w == NULL)
			exit(1);
		*n_lines = w->n;
		textwrap_free(w);
		if (t < best)
			best = t;
	}
	return best;
}

static double
time_classify(const char *text, size_t len, size_t *n_spans)
{
	struct markdown	*md;
	double		 best = 1e9, t;
	int		 r;

	for (r = 0; r < RUNS; r++) {
		t = now();
		md = markdown_classify(text, len);
		t = now() - t;
		if (md == NULL)
			exit(1);
		*n_spans = md->n_spans;
		markdown_free(md);
		if (t < best)
			best = t;
	}
	return best;
}

/* A scroll is choosing the top line: an index into lines[]. */
static double
time_scroll(const struct wrap *w)
{
	volatile size_t	sink = 0;
	size_t		top = 0, i;
	double		t = now();

	for (i = 0; i < SCROLLS; i++) {
		top = (top + 7919) % (w->n - SCREEN_ROWS);
		sink += w->lines[top].start + w->lines[top + SCREEN_ROWS - 1].end;
	}
	(void)sink;
	return (now() - t) / SCROLLS;
}

/* A redraw after a scroll: every glyph of a screenful, with its style, as
 * the UI will fetch them (without curses). */
static double
time_redraw(const char *text, const struct wrap *w, const struct markdown *md)
{
	volatile long		 sink = 0;
	struct glyph_iter	 it;
	struct glyph		 g;
	size_t			 top = 0, row, i, draws = 2000;
	double			 t = now();

	for (i = 0; i < draws; i++) {
		top = (top + 7919) % (w->n - SCREEN_ROWS);
		for (row = top; row < top + SCREEN_ROWS; row++) {
			glyph_iter_init(&it, text, &w->lines[row]);
			while (glyph_iter_next(&it, &g))
				sink += g.wc[0] + markdown_style_at(md,
				    w->lines[row].src, g.off);
		}
	}
	(void)sink;
	return (now() - t) / (double)draws;
}

static double
time_layout(const char *text, size_t len, const struct markdown *md, int width,
    size_t *n_rows)
{
	struct md_layout	*L;
	double			 best = 1e9, t;
	int			 r;

	for (r = 0; r < RUNS; r++) {
		t = now();
		L = mdlayout_build(text, len, md, width);
		t = now() - t;
		*n_rows = L->n;
		mdlayout_free(L);
		if (t < best)
			best = t;
	}
	return best;
}

/* One key after the layout: the top row found by its text offset (as the
 * pane's anchor does), then every segment of a screenful decoded and
 * styled, as ui-pane.c draws them (without curses). */
static double
time_layout_key(const char *text, const struct md_layout *L,
    const struct markdown *md)
{
	volatile long		 sink = 0;
	struct glyph		 g;
	size_t			 top = 0, row, i, k, pos, keys = 2000;
	double			 t = now();
	int			 col;

	for (i = 0; i < keys; i++) {
		top = (top + 7919) % (L->n - SCREEN_ROWS);
		top = mdlayout_row_of(L, L->rows[top].off);
		for (row = top; row < top + SCREEN_ROWS; row++) {
			const struct md_row *r = &L->rows[row];

			for (k = 0; k < r->n_segs; k++) {
				const struct md_seg *s = &L->segs[r->seg + k];

				if (s->deco != NULL) {
					sink += s->repeat;
					continue;
				}
				for (pos = s->start, col = s->gcol; pos < s->end;
				    col += g.width) {
					pos += glyph_decode(text + pos, s->end - pos,
					    pos, col, &g);
					sink += g.wc[0] + markdown_style_at(md,
					    s->src, g.off);
				}
			}
		}
	}
	(void)sink;
	return (now() - t) / (double)keys;
}

static void
bench_tables(void)
{
	struct markdown		*md;
	struct md_layout	*L;
	size_t			 len, n57, n120;
	char			*text;
	double			 t57, t120, key;

	text = build_from(table_pieces, sizeof table_pieces / sizeof table_pieces[0], &len);
	md = markdown_classify(text, len);
	t57 = time_layout(text, len, md, 57, &n57);
	t120 = time_layout(text, len, md, 120, &n120);
	L = mdlayout_build(text, len, md, 57);
	key = time_layout_key(text, L, md);
	printf("tables and lists: %zu bytes, %zu source lines\n", len, md->n);
	printf("layout at 57:  %7.2f ms  (%zu rows, once per width and item)\n",
	    t57 * 1e3, n57);
	printf("layout at 120: %7.2f ms  (%zu rows)\n", t120 * 1e3, n120);
	printf("per key:       %7.1f us  (find the top row, decode and style %d rows;"
	    " target well under 500 us)\n", key * 1e6, SCREEN_ROWS);
	mdlayout_free(L);
	markdown_free(md);
	free(text);
}

int
main(void)
{
	struct wrap	*w;
	struct markdown	*md;
	size_t		 len, n80, n120, n_spans;
	char		*text;
	double		 t80, t120, tmd;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "en_US.UTF-8") == NULL) {
		fputs("no UTF-8 locale\n", stderr);
		return 1;
	}
	text = build_text(&len);
	t80 = time_wrap(text, len, 80, &n80);
	t120 = time_wrap(text, len, 120, &n120);
	tmd = time_classify(text, len, &n_spans);
	w = textwrap_wrap(text, len, 80);
	md = markdown_classify(text, len);
	if (w == NULL || md == NULL)
		return 1;
	printf("text: %zu bytes, %zu source lines\n", len, w->n_src);
	printf("wrap at 80:   %7.2f ms  (%zu display lines, %zu KB of lines)\n",
	    t80 * 1e3, n80, n80 * sizeof(struct wrap_line) / 1024);
	printf("wrap at 120:  %7.2f ms  (%zu display lines)\n", t120 * 1e3, n120);
	printf("classify:     %7.2f ms  (%zu inline spans)\n", tmd * 1e3, n_spans);
	printf("per scroll:   %7.1f ns  (index the top line; nothing re-wrapped)\n",
	    time_scroll(w) * 1e9);
	printf("per redraw:   %7.1f us  (decode and style %d lines of 80 cells)\n",
	    time_redraw(text, w, md) * 1e6, SCREEN_ROWS);
	textwrap_free(w);
	markdown_free(md);
	free(text);
	bench_tables();
	return 0;
}
