/* markdown.c: classifying Markdown lines and finding inline spans.
 *
 * One pass over the text: each line is classified (the only state carried
 * from line to line is the open fence), then its inline spans are found.
 * Everything is byte ranges; the text itself is never changed. */
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "textwrap.h"
#include "util.h"

#define MD_STACK	64	/* open emphasis runs remembered in a line */
#define MD_CODE_RUNS	32	/* backtick run lengths remembered */

struct builder {
	struct markdown	*md;
	size_t		 cap_lines;
	size_t		 cap_spans;
	char		 fence_c;	/* '`' or '~' inside a block, else 0 */
	size_t		 fence_len;
	bool		 after_blank;	/* the line before was blank (or none) */
	bool		 in_list;	/* a list item since the last paragraph */
	bool		 icode;		/* inside an indented code block */
};

/* An emphasis run that may still open a span. */
struct opener {
	size_t		 pos;
	size_t		 count;
	char		 c;
};

/* The inline scan of one line. */
struct inline_scan {
	struct opener	 stack[MD_STACK];
	int		 depth;
	/* no_closer[n]: a run of n backticks found no closer, so no later
	 * one will (it would have been that closer): a line of stray
	 * backticks stays linear. */
	bool		 no_closer[MD_CODE_RUNS + 1];
	size_t		 start;		/* the line's text */
	size_t		 end;
};

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Whitespace for the flanking rules; -1 is the edge of the line. */
static int
is_ws(int c)
{
	return c == -1 || c == ' ' || c == '\t';
}

static int
is_punct(int c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

static size_t
skip_blanks(const char *t, size_t i, size_t end)
{
	while (i < end && is_blank(t[i]))
		i++;
	return i;
}

/* Leading blanks: the first byte after them, and their width in *cols. */
static size_t
skip_indent(const char *t, size_t i, size_t end, int *cols)
{
	int	c = 0;

	for (; i < end && is_blank(t[i]); i++)
		c = t[i] == '\t' ? c + 4 - c % 4 : c + 1;
	*cols = c;
	return i;
}

static size_t
run_length(const char *t, size_t i, size_t end, char c)
{
	size_t	j = i;

	while (j < end && t[j] == c)
		j++;
	return j - i;
}

static void
set_mark(struct md_line *l, enum md_kind kind, size_t from, size_t to)
{
	l->kind = kind;
	l->mark_start = from;
	l->mark_end = to;
}

/* ``` or ~~~ (three or more), then an info string; a backtick fence's info
 * string has no backtick, or it was inline code. */
static int
fence_open(struct builder *b, const char *t, struct md_line *l, size_t i)
{
	size_t	n, e;
	char	c = t[i];

	if (c != '`' && c != '~')
		return 0;
	if ((n = run_length(t, i, l->end, c)) < 3)
		return 0;
	if (c == '`' && memchr(t + i + n, '`', l->end - i - n) != NULL)
		return 0;
	set_mark(l, MD_FENCE, i, i + n);
	l->opening = true;
	l->info_start = skip_blanks(t, i + n, l->end);
	for (e = l->end; e > l->info_start && is_blank(t[e - 1]); e--)
		;
	l->info_end = e;
	l->text_start = l->info_start;
	b->fence_c = c;
	b->fence_len = n;
	return 1;
}

/* The same character, at least as many, and nothing after but blanks. */
static int
fence_close(struct builder *b, const char *t, struct md_line *l, size_t i)
{
	size_t	n;

	if (i >= l->end || t[i] != b->fence_c)
		return 0;
	n = run_length(t, i, l->end, b->fence_c);
	if (n < b->fence_len || skip_blanks(t, i + n, l->end) != l->end)
		return 0;
	set_mark(l, MD_FENCE, i, i + n);
	l->text_start = i + n;
	b->fence_c = 0;
	return 1;
}

static int
heading(const char *t, struct md_line *l, size_t i)
{
	size_t	n = run_length(t, i, l->end, '#');

	if (l->indent > 3 || n < 1 || n > 6)
		return 0;
	if (i + n < l->end && !is_blank(t[i + n]))
		return 0;		/* #hashtag */
	set_mark(l, MD_HEADING, i, i + n);
	l->level = (int)n;
	l->text_start = skip_blanks(t, i + n, l->end);
	return 1;
}

/* Three or more of one of - * _, blanks allowed between. */
static int
rule(const char *t, struct md_line *l, size_t i)
{
	size_t	j, n = 0;
	char	c = t[i];

	if (l->indent > 3 || (c != '-' && c != '*' && c != '_'))
		return 0;
	for (j = i; j < l->end; j++) {
		if (t[j] == c)
			n++;
		else if (!is_blank(t[j]))
			return 0;
	}
	if (n < 3)
		return 0;
	set_mark(l, MD_RULE, i, l->end);
	l->text_start = l->end;
	return 1;
}

/* ">", or nested "> >" / ">>": the level counts them. */
static int
quote(const char *t, struct md_line *l, size_t i)
{
	size_t	j = i;

	if (l->indent > 3 || t[i] != '>')
		return 0;
	while (j < l->end && t[j] == '>') {
		l->level++;
		l->mark_end = j + 1;
		j = skip_blanks(t, j + 1, l->end);
	}
	l->kind = MD_QUOTE;
	l->mark_start = i;
	l->text_start = j;
	return 1;
}

size_t
markdown_list_marker(const char *t, size_t i, size_t end)
{
	size_t	j = i;

	if (i >= end)
		return 0;
	if (t[i] == '-' || t[i] == '*' || t[i] == '+')
		j = i + 1;
	else {
		while (j < end && j - i < 10 && t[j] >= '0' && t[j] <= '9')
			j++;
		if (j == i || j - i > 9 || j >= end ||
		    (t[j] != '.' && t[j] != ')'))
			return 0;
		j++;
	}
	if (j < end && !is_blank(t[j]))
		return 0;
	return j - i;
}

/* Any indentation: it is how lists nest. */
static int
list_item(const char *t, struct md_line *l, size_t i)
{
	size_t	n = markdown_list_marker(t, i, l->end);

	if (n == 0)
		return 0;
	set_mark(l, MD_LIST, i, i + n);
	l->ordered = t[i] >= '0' && t[i] <= '9';
	l->text_start = skip_blanks(t, i + n, l->end);
	return 1;
}

/* Indented code: four columns in, after a blank line (it cannot interrupt a
 * paragraph), and not where a list is going on, whose items and their
 * paragraphs indent by four too.  It goes on over blank lines. */
static void
indented_code(struct builder *b, struct md_line *l)
{
	bool	was_code = b->icode;

	if (l->kind == MD_BLANK)
		return;
	b->icode = false;
	if (l->kind == MD_CODE || l->kind == MD_FENCE) {
		b->after_blank = false;
		return;
	}
	if (l->indent >= 4 && !b->in_list && (b->after_blank || was_code) &&
	    (l->kind == MD_PLAIN || l->kind == MD_LIST || l->kind == MD_TABLE)) {
		l->kind = MD_CODE;
		l->indented = true;
		l->mark_start = l->mark_end = l->text_start;
		b->icode = true;
	} else if (l->kind == MD_LIST)
		b->in_list = true;
	else if (l->indent == 0 && b->after_blank)
		b->in_list = false;	/* a paragraph after the list ends it */
	else if (l->kind != MD_PLAIN)
		b->in_list = false;
	b->after_blank = false;
}

static void
classify(struct builder *b, const char *t, struct md_line *l)
{
	size_t	i = skip_indent(t, l->start, l->end, &l->indent);

	l->mark_start = l->mark_end = l->info_start = l->info_end = i;
	l->text_start = i;
	if (b->fence_c != 0) {
		if (!fence_close(b, t, l, i))
			l->kind = MD_CODE;
		return;
	}
	if (i == l->end) {
		l->kind = MD_BLANK;
		return;
	}
	/* In this order: "* * *" is a rule, not an item. */
	if (fence_open(b, t, l, i) || heading(t, l, i) || rule(t, l, i) ||
	    quote(t, l, i) || list_item(t, l, i))
		return;
	l->kind = t[i] == '|' ? MD_TABLE : MD_PLAIN;
}

static void
add_span(struct builder *b, size_t start, size_t end, size_t delim, int style)
{
	struct markdown	*md = b->md;
	struct md_span	*s;

	if (md->n_spans == b->cap_spans) {
		md->spans = xreallocarray(md->spans, b->cap_spans * 2,
		    sizeof *md->spans);
		b->cap_spans *= 2;
	}
	s = &md->spans[md->n_spans++];
	s->start = start;
	s->end = end;
	s->delim = (int)delim;
	s->style = style;
}

/* A run of n backticks at i: a code span up to the next run of exactly n,
 * or literal backticks.  Sets *next past what was used. */
static void
code_span(struct builder *b, struct inline_scan *sc, const char *t, size_t i,
    size_t *next)
{
	size_t	n = run_length(t, i, sc->end, '`'), j, m;

	*next = i + n;
	if (n <= MD_CODE_RUNS && sc->no_closer[n])
		return;
	for (j = i + n; j < sc->end; j += m) {
		if ((m = run_length(t, j, sc->end, '`')) == 0) {
			m = 1;
			continue;
		}
		if (m == n) {
			*next = j + m;
			add_span(b, i, j + m, n, MD_CODESPAN);
			return;
		}
	}
	if (n <= MD_CODE_RUNS)
		sc->no_closer[n] = true;
}

/* A run of n '*' or '_' at i: close what it can (innermost first, two at a
 * time for strong), then remember what is left if it can open. */
static void
emphasis(struct builder *b, struct inline_scan *sc, const char *t, size_t i,
    size_t n)
{
	char	c = t[i];
	int	prev = i > sc->start ? (unsigned char)t[i - 1] : -1;
	int	next = i + n < sc->end ? (unsigned char)t[i + n] : -1;
	int	left, right, can_open, can_close, k;
	size_t	use;

	left = !is_ws(next) && (!is_punct(next) || is_ws(prev) || is_punct(prev));
	right = !is_ws(prev) && (!is_punct(prev) || is_ws(next) || is_punct(next));
	/* '_' inside a word (snake_case) neither opens nor closes. */
	can_open = c == '*' ? left : left && (!right || is_punct(prev));
	can_close = c == '*' ? right : right && (!left || is_punct(next));
	while (can_close && n > 0) {
		for (k = sc->depth - 1; k >= 0 && sc->stack[k].c != c; k--)
			;
		if (k < 0)
			break;
		use = sc->stack[k].count >= 2 && n >= 2 ? 2 : 1;
		sc->stack[k].count -= use;
		add_span(b, sc->stack[k].pos + sc->stack[k].count, i + use,
		    use, use == 2 ? MD_STRONG : MD_EM);
		i += use;
		n -= use;
		/* Openers inside the span can no longer close. */
		sc->depth = sc->stack[k].count > 0 ? k + 1 : k;
	}
	if (n > 0 && can_open && sc->depth < MD_STACK) {
		sc->stack[sc->depth].pos = i;
		sc->stack[sc->depth].count = n;
		sc->stack[sc->depth].c = c;
		sc->depth++;
	}
}

/* Spans come out as their closers are found; put a line's in order of
 * start, outer before inner.  Nearly sorted already. */
static void
sort_spans(struct md_span *s, size_t n)
{
	struct md_span	tmp;
	size_t		i, j;

	for (i = 1; i < n; i++) {
		tmp = s[i];
		for (j = i; j > 0 && (s[j - 1].start > tmp.start ||
		    (s[j - 1].start == tmp.start && s[j - 1].end < tmp.end)); j--)
			s[j] = s[j - 1];
		s[j] = tmp;
	}
}

static void
scan_inline(struct builder *b, const char *t, struct md_line *l)
{
	struct inline_scan	sc;
	size_t			i, n;

	l->span = b->md->n_spans;
	if (l->kind == MD_CODE || l->kind == MD_FENCE || l->kind == MD_RULE ||
	    l->kind == MD_BLANK)
		return;
	memset(&sc, 0, sizeof sc);
	sc.start = l->text_start;
	sc.end = l->end;
	for (i = sc.start; i < sc.end; ) {
		if (t[i] == '\\' && i + 1 < sc.end && is_punct((unsigned char)t[i + 1]))
			i += 2;
		else if (t[i] == '`')
			code_span(b, &sc, t, i, &i);
		else if (t[i] == '*' || t[i] == '_') {
			n = run_length(t, i, sc.end, t[i]);
			emphasis(b, &sc, t, i, n);
			i += n;
		} else
			i++;
	}
	l->n_spans = b->md->n_spans - l->span;
	sort_spans(b->md->spans + l->span, l->n_spans);
}

static void
add_line(struct builder *b, const char *t, size_t start, size_t end)
{
	struct markdown	*md = b->md;
	struct md_line	*l;

	if (md->n == b->cap_lines) {
		md->lines = xreallocarray(md->lines, b->cap_lines * 2,
		    sizeof *md->lines);
		b->cap_lines *= 2;
	}
	l = &md->lines[md->n++];
	memset(l, 0, sizeof *l);
	l->start = start;
	l->end = end;
	classify(b, t, l);
	indented_code(b, l);
	if (l->kind == MD_BLANK)
		b->after_blank = true;
	scan_inline(b, t, l);
}

struct markdown *
markdown_classify(const char *text, size_t len)
{
	struct builder	 b;
	size_t		 pos = 0, le, next;

	memset(&b, 0, sizeof b);
	b.md = xcalloc(1, sizeof *b.md);
	b.cap_lines = b.cap_spans = 64;
	b.after_blank = true;
	b.md->lines = xreallocarray(NULL, b.cap_lines, sizeof *b.md->lines);
	b.md->spans = xreallocarray(NULL, b.cap_spans, sizeof *b.md->spans);
	/* Lines are cut exactly as textwrap_wrap() cuts them. */
	while (pos < len) {
		le = textwrap_line_end(text, len, pos, &next);
		add_line(&b, text, pos, le);
		pos = next;
	}
	return b.md;
}

void
markdown_free(struct markdown *md)
{
	if (md == NULL)
		return;
	free(md->lines);
	free(md->spans);
	free(md);
}

int
markdown_style_at(const struct markdown *md, size_t line, size_t off)
{
	const struct md_line	*l;
	const struct md_span	*s;
	size_t			 i;
	int			 style = 0;

	if (line >= md->n)
		return 0;
	l = &md->lines[line];
	for (i = 0; i < l->n_spans; i++) {
		s = &md->spans[l->span + i];
		if (s->start > off)
			break;
		if (off >= s->end)
			continue;
		style |= s->style;
		if (off < s->start + (size_t)s->delim ||
		    off >= s->end - (size_t)s->delim)
			style |= MD_DELIM;
	}
	return style;
}
