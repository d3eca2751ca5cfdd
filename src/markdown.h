/* markdown.h: the Markdown structure of a text, for styling it on screen.
 *
 * LLM outputs are mostly Markdown.  This is not a CommonMark parser: it
 * classifies lines and finds inline spans, as byte ranges into the text
 * computed once for the whole text, for mdlayout.h to lay the blocks out
 * and the screen to style them (markers are still drawn, only quieter).
 *
 * Lines: each source line gets one class.  Source lines are cut as
 * textwrap.h cuts them (at '\n', a CR before it left out, no line after a
 * final newline), so md->lines[wrap_line.src] is the class of a display
 * line.  Fences are tracked across lines: a fence of N backticks (or tildes)
 * closes only on a fence of the same character at least N long, so ``` lines
 * inside a ```` block, or inside a ~~~ block, are code.  An unclosed fence
 * runs to the end of the text.
 *
 * Inline spans: **strong** and __strong__, *em* and _em_, `code`, with
 * CommonMark's flanking rules (so snake_case_name and 2 * 3 * 4 are not
 * emphasis) and backslash escapes; code spans hide markers inside them.  Not
 * in code blocks, fence lines, rules or blank lines.  An unclosed ** is text.
 *
 * Indented code: a line four columns in after a blank line, unless a list
 * item came before it since the last unindented paragraph (LLM lists indent
 * their paragraphs by four), is MD_CODE with `indented`, as are the lines
 * after it that are indented as far, blank lines between them included.
 *
 * Not handled, by design: setext headings (a "---" under text is a rule),
 * HTML blocks, block
 * structure inside quotes and list items (a fence or heading after "> " or
 * inside an item is seen only when the line itself starts with it, at any
 * indentation for fences), lazy continuation, tables without a leading
 * '|', links, images, autolinks, strikethrough, entities, spans
 * across lines, and CommonMark's "rule of three" for runs like ***. */
#ifndef PANELIST_MARKDOWN_H
#define PANELIST_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

enum md_kind {
	MD_PLAIN,
	MD_BLANK,	/* only blanks */
	MD_HEADING,	/* # to ######: level */
	MD_LIST,	/* - * + item, or 1. 1) item: ordered */
	MD_QUOTE,	/* > text, level the number of >s */
	MD_RULE,	/* ---, ***, ___ */
	MD_FENCE,	/* ``` or ~~~ line: opening, info */
	MD_CODE,	/* inside a fenced block, or indented code */
	MD_TABLE,	/* | a | b | */
};

struct md_line {
	size_t		 start;		/* the line, without its newline */
	size_t		 end;
	enum md_kind	 kind;
	int		 level;		/* heading 1-6; quote depth */
	int		 indent;	/* leading blanks in columns (tab: to 4) */
	bool		 ordered;	/* list: a number, not a bullet */
	bool		 opening;	/* fence: opens a block (else closes) */
	bool		 indented;	/* code: an indented block, not fenced */
	size_t		 mark_start;	/* the marker: "##", "-", "12.", "> >", */
	size_t		 mark_end;	/* "```"; empty for other kinds */
	size_t		 info_start;	/* fence: the info string ("python"), */
	size_t		 info_end;	/* trimmed; empty when none */
	size_t		 text_start;	/* where the line's text starts */
	size_t		 span;		/* its spans: md->spans[span] ... */
	size_t		 n_spans;	/* ... in order of start */
};

#define MD_STRONG	0x1
#define MD_EM		0x2
#define MD_CODESPAN	0x4
#define MD_DELIM	0x8	/* markdown_style_at(): a delimiter byte */

/* Bytes [start, end) including the delimiters, which are `delim` bytes at
 * each end ("**" is 2, "`" 1, "``" 2). */
struct md_span {
	size_t		 start;
	size_t		 end;
	int		 delim;
	int		 style;		/* one MD_ style */
};

struct markdown {
	struct md_line	*lines;
	size_t		 n;
	struct md_span	*spans;
	size_t		 n_spans;
};

/* The length of a list marker ("-", "*", "+", "1." or "1)", then a blank or
 * the end) at t[i], or 0: the one test of what starts a list item. */
size_t markdown_list_marker(const char *t, size_t i, size_t end);
/* Never NULL: allocation aborts (xmalloc.h). */
struct markdown *markdown_classify(const char *text, size_t len);
void markdown_free(struct markdown *);
/* The MD_ styles of the byte at text offset `off` on source line `line`
 * (nested spans add up: ***both*** is MD_STRONG | MD_EM), with MD_DELIM when
 * the byte belongs to a delimiter. */
int markdown_style_at(const struct markdown *, size_t line, size_t off);

#endif
