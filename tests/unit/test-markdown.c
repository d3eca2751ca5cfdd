/* test-markdown.c: line classes, fences and inline spans of Markdown. */
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "markdown.h"

static struct markdown *
parse(const char *text)
{
	return markdown_classify(text, strlen(text));
}

/* The classes of every line as one letter each: P plain, B blank,
 * 1-6 heading, L list, Q quote, R rule, F fence, C code, T table. */
static char *
kinds(const char *text)
{
	static char		 out[256];
	static const char	 letter[] = "PB?LQRFCT";
	struct markdown		*md = parse(text);
	size_t			 i;

	for (i = 0; i < md->n && i < sizeof out - 1; i++) {
		if (md->lines[i].kind == MD_HEADING)
			out[i] = (char)('0' + md->lines[i].level);
		else
			out[i] = letter[md->lines[i].kind];
	}
	out[i] = '\0';
	markdown_free(md);
	return out;
}

/* The bytes of a range, as a string to compare. */
static char *
range(const char *text, size_t start, size_t end)
{
	static char	out[256];
	size_t		n = end - start < sizeof out - 1 ? end - start : sizeof out - 1;

	memcpy(out, text + start, n);
	out[n] = '\0';
	return out;
}

/* The spans of line 0 as "style:text" joined by spaces, style being
 * S strong, E em, C code. */
static char *
spans(const char *text)
{
	static char		 out[512];
	struct markdown		*md = parse(text);
	const struct md_span	*s;
	size_t			 i, o = 0;
	char			*r;

	out[0] = '\0';
	for (i = 0; md->n > 0 && i < md->lines[0].n_spans; i++) {
		s = &md->spans[md->lines[0].span + i];
		r = range(text, s->start, s->end);
		if (o + strlen(r) + 4 >= sizeof out)
			break;
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%c:%s",
		    i > 0 ? " " : "", s->style == MD_STRONG ? 'S' :
		    s->style == MD_EM ? 'E' : 'C', r);
	}
	markdown_free(md);
	return out;
}

TEST(headings)
{
	const char	*t = "# One\n## Two\n### Three\n#### 4\n##### 5\n###### 6\n";
	struct markdown	*md = parse(t);

	CHECK_STR(kinds(t), "123456");
	CHECK_INT(md->lines[1].mark_end - md->lines[1].mark_start, 2);
	CHECK_STR(range(t, md->lines[1].text_start, md->lines[1].end), "Two");
	markdown_free(md);
	CHECK_STR(kinds("####### seven\n#hashtag\n#\n   # three spaces\n    # four"),
	    "PP11P");
}

TEST(list_items)
{
	const char	*t = "- dash\n* star\n+ plus\n1. one\n10) ten\n  - nested\n-\n";
	struct markdown	*md = parse(t);

	CHECK_STR(kinds(t), "LLLLLLL");
	CHECK_STR(range(t, md->lines[0].mark_start, md->lines[0].mark_end), "-");
	CHECK(!md->lines[0].ordered);
	CHECK_STR(range(t, md->lines[3].mark_start, md->lines[3].mark_end), "1.");
	CHECK(md->lines[3].ordered);
	CHECK_STR(range(t, md->lines[4].mark_start, md->lines[4].mark_end), "10)");
	CHECK_STR(range(t, md->lines[4].text_start, md->lines[4].end), "ten");
	CHECK_INT(md->lines[5].indent, 2);
	CHECK_STR(range(t, md->lines[5].mark_start, md->lines[5].mark_end), "-");
	markdown_free(md);
	CHECK_STR(kinds("-dash\n1.5 apples\n1234567890. too long\n123456789. ok\n"
	    "a - b\n\t- tab"), "PPPLPL");
}

TEST(blockquotes)
{
	const char	*t = "> one\n> > two\n>>three\n>\n";
	struct markdown	*md = parse(t);

	CHECK_STR(kinds(t), "QQQQ");
	CHECK_INT(md->lines[0].level, 1);
	CHECK_INT(md->lines[1].level, 2);
	CHECK_STR(range(t, md->lines[1].mark_start, md->lines[1].mark_end), "> >");
	CHECK_STR(range(t, md->lines[1].text_start, md->lines[1].end), "two");
	CHECK_INT(md->lines[2].level, 2);
	CHECK_STR(range(t, md->lines[2].text_start, md->lines[2].end), "three");
	markdown_free(md);
}

TEST(thematic_breaks)
{
	CHECK_STR(kinds("---\n***\n___\n* * *\n- - -\n  ------  \n"), "RRRRRR");
	CHECK_STR(kinds("--\n--- a\n-*-\n"), "PPP");
}

TEST(tables_blanks_plain)
{
	CHECK_STR(kinds("| a | b |\n|---|:-:|\n  | c |\n\n   \n\t\nplain text\n"),
	    "TTTBBBP");
}

TEST(fences)
{
	const char	*t = "```python\nx = 1\n\n# not a heading\n```\nafter\n";
	struct markdown	*md = parse(t);

	CHECK_STR(kinds(t), "FCCCFP");
	CHECK(md->lines[0].opening);
	CHECK_STR(range(t, md->lines[0].mark_start, md->lines[0].mark_end), "```");
	CHECK_STR(range(t, md->lines[0].info_start, md->lines[0].info_end), "python");
	CHECK(!md->lines[4].opening);
	markdown_free(md);
	/* Tildes, info with blanks around it, a longer closer. */
	t = "~~~  c++  \ncode\n~~~~~\n";
	md = parse(t);
	CHECK_STR(kinds(t), "FCF");
	CHECK_STR(range(t, md->lines[0].info_start, md->lines[0].info_end), "c++");
	markdown_free(md);
	/* Unclosed: code to the end. */
	CHECK_STR(kinds("text\n```\ncode\n- not a list\n"), "PFCC");
	/* Indented fences (inside list items) count. */
	CHECK_STR(kinds("1. step\n   ```sh\n   ls\n   ```\n2. next\n"), "LFCFL");
	/* Text after a closing run: not a close. */
	CHECK_STR(kinds("```\n``` x\n```\n"), "FCF");
}

TEST(indented_code)
{
	/* Four columns in after a blank line, blank lines inside it. */
	CHECK_STR(kinds("text\n\n    code\n\n    more\nafter\n"), "PBCBCP");
	CHECK_STR(kinds("    at the start\n"), "C");
	/* Not inside a paragraph, nor where a list goes on. */
	CHECK_STR(kinds("text\n    more text\n"), "PP");
	CHECK_STR(kinds("- item\n\n    its paragraph\n\nback\n\n    code\n"),
	    "LBPBPBC");
}

TEST(fences_with_backticks_inside)
{
	/* A four-backtick block showing a three-backtick one. */
	CHECK_STR(kinds("````markdown\n```python\nprint(1)\n```\n````\nend\n"),
	    "FCCCFP");
	/* Backticks inside a tilde block, tildes inside a backtick block. */
	CHECK_STR(kinds("~~~\n```\n~~~\n```\n~~~\n```\n"), "FCFFCF");
	/* A shorter run does not close. */
	CHECK_STR(kinds("`````\n```\n````\n`````\n"), "FCCF");
	/* A backtick in the info string: inline code, not a fence. */
	CHECK_STR(kinds("``` a ` b\nplain\n"), "PP");
	CHECK_STR(spans("```code``` and ``a ` b``"), "C:```code``` C:``a ` b``");
	/* No spans inside code blocks or on fence lines. */
	{
		const char	*t = "```\n**not bold** `x`\n```\n";
		struct markdown	*md = parse(t);

		CHECK_INT(md->n_spans, 0);
		CHECK_INT(markdown_style_at(md, 1, 6), 0);
		markdown_free(md);
	}
}

TEST(inline_spans)
{
	CHECK_STR(spans("**strong** and *em* and `code`"),
	    "S:**strong** E:*em* C:`code`");
	CHECK_STR(spans("__strong__ _em_"), "S:__strong__ E:_em_");
	CHECK_STR(spans("snake_case_name and file_name_"), "");
	CHECK_STR(spans("2 * 3 * 4 and a*b"), "");
	CHECK_STR(spans("in*side*word"), "E:*side*");
	CHECK_STR(spans("a*\"foo\"*"), "");	/* not left-flanking */
	CHECK_STR(spans("*\"foo\"*"), "E:*\"foo\"*");
	CHECK_STR(spans("***both***"), "E:***both*** S:**both**");
	CHECK_STR(spans("**bold *and em* bold**"), "S:**bold *and em* bold** E:*and em*");
	CHECK_STR(spans("`**not bold**`"), "C:`**not bold**`");
	CHECK_STR(spans("*a `*` b*"), "E:*a `*` b* C:`*`");
	CHECK_STR(spans("\\*not em\\* and \\`not code\\`"), "");
	CHECK_STR(spans("``a ` b``"), "C:``a ` b``");
	CHECK_STR(spans("`unclosed and `closed`"), "C:`unclosed and `");
	CHECK_STR(spans("日本語の**強調**です"), "S:**強調**");
}

TEST(unclosed_delimiters_are_text)
{
	CHECK_STR(spans("an **unclosed bold"), "");
	CHECK_STR(spans("**a** and **b"), "S:**a**");
	CHECK_STR(spans("*a **b* c"), "E:*b*");
	CHECK_STR(spans("** not opening**"), "");
	CHECK_STR(spans("`one ``two"), "");
	/* Spans never cross lines. */
	CHECK_STR(spans("**start\nend**"), "");
}

TEST(spans_in_block_lines)
{
	const char	*t = "# **Title**\n- *item*\n> `quoted`\n| **cell** |\n***\n";
	struct markdown	*md = parse(t);
	size_t		 i;

	for (i = 0; i < 4; i++)
		CHECK_INT(md->lines[i].n_spans, 1);
	CHECK_INT(md->lines[4].n_spans, 0);
	CHECK_INT(md->lines[4].kind, MD_RULE);
	/* A list marker is not emphasis: "* *x*" is an item with em. */
	markdown_free(md);
	CHECK_STR(kinds("* *x*"), "L");
	md = parse("* *x*");
	CHECK_INT(md->n_spans, 1);
	CHECK_INT(md->spans[0].start, 2);
	markdown_free(md);
}

TEST(style_at_bytes)
{
	const char	*t = "a **b *c* d** `e`";
	struct markdown	*md = parse(t);

	CHECK_INT(markdown_style_at(md, 0, 0), 0);
	CHECK_INT(markdown_style_at(md, 0, 2), MD_STRONG | MD_DELIM);
	CHECK_INT(markdown_style_at(md, 0, 4), MD_STRONG);
	CHECK_INT(markdown_style_at(md, 0, 6), MD_STRONG | MD_EM | MD_DELIM);
	CHECK_INT(markdown_style_at(md, 0, 7), MD_STRONG | MD_EM);
	CHECK_INT(markdown_style_at(md, 0, 12), MD_STRONG | MD_DELIM);
	CHECK_INT(markdown_style_at(md, 0, 13), 0);
	CHECK_INT(markdown_style_at(md, 0, 14), MD_CODESPAN | MD_DELIM);
	CHECK_INT(markdown_style_at(md, 0, 15), MD_CODESPAN);
	CHECK_INT(markdown_style_at(md, 9, 0), 0);
	markdown_free(md);
}

TEST(lines_cut_like_textwrap)
{
	struct markdown	*md;

	md = parse("");
	CHECK_INT(md->n, 0);
	markdown_free(md);
	md = parse("# a\r\n\r\nb\n");
	CHECK_INT(md->n, 3);
	CHECK_INT(md->lines[0].kind, MD_HEADING);
	CHECK_INT(md->lines[0].end, 3);
	CHECK_INT(md->lines[1].kind, MD_BLANK);
	CHECK_INT(md->lines[2].start, 7);
	markdown_free(md);
	CHECK_STR(kinds("a\n\n"), "PB");
}

/* Random Markdown-ish lines: spans stay in their line, come in order of
 * start, and nest without crossing. */
TEST(random_text_spans_nest)
{
	static const char *const pieces[] = {
		"*", "**", "***", "_", "__", "`", "``", "```", "~~~", " ",
		"word", "\n", "# ", "- ", "1. ", "> ", "|", "\\", "日本", "\t",
	};
	char		 text[400];
	size_t		 len, k, i, j, bad = 0;
	unsigned	 seed = 777;
	int		 round;
	struct markdown	*md;
	const struct md_span *a, *b;

	for (round = 0; round < 2000; round++) {
		len = 0;
		for (;;) {
			const char *p;

			seed = seed * 1103515245 + 12345;
			p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
			k = strlen(p);
			if (len + k >= sizeof text)
				break;
			memcpy(text + len, p, k);
			len += k;
		}
		md = markdown_classify(text, len);
		for (i = 0; i < md->n; i++) {
			const struct md_line *l = &md->lines[i];

			if (l->text_start < l->start || l->text_start > l->end ||
			    l->mark_start > l->mark_end || l->mark_end > l->end)
				bad++;
			for (j = 0; j < l->n_spans; j++) {
				a = &md->spans[l->span + j];
				if (a->start < l->text_start || a->end > l->end ||
				    a->end - a->start < 2 * (size_t)a->delim)
					bad++;
				for (k = 0; k < j; k++) {
					b = &md->spans[l->span + k];
					if (b->start > a->start)
						bad++;
					/* Either inside b or after it. */
					if (a->start < b->end && a->end > b->end)
						bad++;
				}
			}
		}
		markdown_free(md);
	}
	CHECK_INT(bad, 0);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "en_US.UTF-8") == NULL) {
		fputs("no UTF-8 locale: skipped\n", stderr);
		return 77;
	}
	RUN(headings);
	RUN(list_items);
	RUN(blockquotes);
	RUN(thematic_breaks);
	RUN(tables_blanks_plain);
	RUN(fences);
	RUN(indented_code);
	RUN(fences_with_backticks_inside);
	RUN(inline_spans);
	RUN(unclosed_delimiters_are_text);
	RUN(spans_in_block_lines);
	RUN(style_at_bytes);
	RUN(lines_cut_like_textwrap);
	RUN(random_text_spans_nest);
	return check_exit();
}
