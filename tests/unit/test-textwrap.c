/* test-textwrap.c: glyphs, widths, truncation and wrapping of UTF-8 text. */
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "check.h"
#include "textwrap.h"

#define nitems_(a) (sizeof(a) / sizeof((a)[0]))

/* What the screen would show for bytes [start, end): every glyph's wide
 * string back in UTF-8.  Tabs come out as their blanks. */
static char *
drawn_range(const char *text, size_t start, size_t end)
{
	static char	 out[4096];
	struct glyph	 g;
	size_t		 o = 0, pos = start, k, i;
	mbstate_t	 st;
	char		 mb[MB_LEN_MAX];
	int		 col = 0;

	memset(&st, 0, sizeof st);
	while (pos < end) {
		pos += glyph_decode(text + pos, end - pos, pos, col, &g);
		col += g.width;
		for (i = 0; g.wc[i] != L'\0'; i++) {
			k = wcrtomb(mb, g.wc[i], &st);
			if (k == (size_t)-1 || o + k >= sizeof out)
				return NULL;
			memcpy(out + o, mb, k);
			o += k;
		}
	}
	out[o] = '\0';
	return out;
}

static char *
drawn(const char *text)
{
	return drawn_range(text, 0, strlen(text));
}

/* The display lines of text at width, as their source bytes joined by '|'. */
static char *
wrapped(const char *text, int width)
{
	static char	 out[4096];
	struct wrap	*w = textwrap_wrap(text, strlen(text), width);
	size_t		 i, o = 0, n;

	out[0] = '\0';
	for (i = 0; w != NULL && i < w->n; i++) {
		n = w->lines[i].end - w->lines[i].start;
		if (o + n + 2 >= sizeof out)
			break;
		if (i > 0)
			out[o++] = '|';
		memcpy(out + o, text + w->lines[i].start, n);
		o += n;
		out[o] = '\0';
	}
	textwrap_free(w);
	return out;
}

static bool
is_raw_control(wchar_t wc)
{
	return wc < 0x20 || (wc >= 0x7f && wc <= 0x9f) || wc == 0x061c ||
	    wc == 0x200e || wc == 0x200f || (wc >= 0x202a && wc <= 0x202e) ||
	    (wc >= 0x2066 && wc <= 0x2069) || (wc >= 0xe0000 && wc <= 0xe007f);
}

/* Bytes a break may swallow: blanks, and line ends. */
static bool
is_gap_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Everything a wrap must promise, checked line by line: glyph widths add up
 * to the line's width, which agrees with textwrap_width_n(); no line is too
 * wide unless it is one glyph; nothing raw is drawn; the lines cover the
 * text in order, leaving out only blanks at breaks and line ends; a line
 * ends on a glyph boundary of its source line. */
static int
check_wrap(const char *text, size_t len, const struct wrap *w)
{
	struct glyph_iter	it;
	struct glyph		g, whole;
	const struct wrap_line	*l;
	size_t			i, k, prev_end = 0, src_end, n_glyphs;
	int			sum, bad = 0, cw;

	for (i = 0; i < w->n; i++) {
		l = &w->lines[i];
		glyph_iter_init(&it, text, l);
		sum = 0;
		n_glyphs = 0;
		src_end = l->end;
		while (src_end < len && text[src_end] != '\n')
			src_end++;
		while (glyph_iter_next(&it, &g)) {
			if (g.col != sum)
				bad++;
			sum += g.width;
			n_glyphs++;
			if (g.width < 1)
				bad++;
			for (k = 0; g.wc[k] != L'\0'; k++) {
				if (is_raw_control(g.wc[k]))
					bad++;
			}
			/* The same glyph, decoded to the end of its source
			 * line, must not reach past this display line. */
			glyph_decode(text + g.off, src_end - g.off, g.off,
			    g.col, &whole);
			if (whole.len != g.len || g.off + g.len > l->end)
				bad++;
			if ((g.flags & (GLYPH_ESCAPE | GLYPH_TAB)) &&
			    (int)wcslen(g.wc) != g.width)
				bad++;
		}
		cw = textwrap_width_n(text + l->start, l->end - l->start);
		if (sum != l->width || cw != l->width)
			bad++;
		if (l->width > w->width && n_glyphs != 1)
			bad++;
		if (l->start < prev_end || l->end < l->start)
			bad++;
		for (k = prev_end; k < l->start && k < len; k++) {
			if (!is_gap_byte(text[k]))
				bad++;
		}
		if (i > 0 && l->src != w->lines[i - 1].src + (l->cont ? 0 : 1))
			bad++;
		prev_end = l->end;
	}
	for (k = prev_end; k < len; k++) {
		if (!is_gap_byte(text[k]))
			bad++;
	}
	return bad;
}

static int
check_wrap_str(const char *text, int width)
{
	struct wrap	*w = textwrap_wrap(text, strlen(text), width);
	int		 bad;

	if (w == NULL)
		return 1;
	bad = check_wrap(text, strlen(text), w);
	textwrap_free(w);
	return bad;
}

TEST(ascii_breaks_between_words)
{
	const char	*t = "the quick brown fox jumps over the lazy dog";

	CHECK_STR(wrapped(t, 10), "the quick|brown fox|jumps over|the lazy|dog");
	CHECK_STR(wrapped(t, 43), t);
	CHECK_STR(wrapped(t, 42), "the quick brown fox jumps over the lazy|dog");
	CHECK_STR(wrapped("a  b", 1), "a|b");
	CHECK_STR(wrapped("aaa   bbb", 4), "aaa|bbb");
	CHECK_STR(wrapped("    indented text", 12), "    indented|text");
	CHECK_INT(check_wrap_str(t, 10), 0);
}

TEST(long_word_breaks_between_glyphs)
{
	CHECK_STR(wrapped("a supercalifragilistic word", 8),
	    "a|supercal|ifragili|stic|word");
	CHECK_STR(wrapped("abcdefghij", 3), "abc|def|ghi|j");
	CHECK_STR(wrapped("          x", 4), "    |x");
	CHECK_INT(check_wrap_str("a supercalifragilistic word", 8), 0);
}

TEST(line_width_and_continuation)
{
	struct wrap	*w = textwrap_wrap("one two three\nfour", 18, 8);

	CHECK(w != NULL);
	CHECK_INT(w->n, 3);
	CHECK_INT(w->n_src, 2);
	CHECK_INT(w->lines[0].width, 7);
	CHECK(!w->lines[0].cont);
	CHECK_INT(w->lines[1].width, 5);
	CHECK(w->lines[1].cont);
	CHECK_INT(w->lines[1].src, 0);
	CHECK_INT(w->lines[2].src, 1);
	CHECK(!w->lines[2].cont);
	CHECK_INT(textwrap_find_src(w, 0), 0);
	CHECK_INT(textwrap_find_src(w, 1), 2);
	CHECK_INT(textwrap_find_src(w, 2), 3);
	textwrap_free(w);
}

TEST(cjk_breaks_between_characters)
{
	const char	*t = "日本語の文章を折り返して表示します。中文也可以换行显示。";
	struct wrap	*w;
	struct glyph_iter it;
	struct glyph	 g;
	size_t		 i;
	int		 width;

	for (width = 2; width <= 21; width++) {
		w = textwrap_wrap(t, strlen(t), width);
		CHECK(w != NULL);
		CHECK_INT(check_wrap(t, strlen(t), w), 0);
		for (i = 0; i < w->n; i++) {
			CHECK(w->lines[i].width <= width);
			CHECK(w->lines[i].width % 2 == 0);
			/* Filled up to one cell short, unless kinsoku
			 * moved a character down. */
			if (i + 1 < w->n)
				CHECK(w->lines[i].width >= width - 3);
			/* With room for two characters, 。 never starts
			 * a line. */
			glyph_iter_init(&it, t, &w->lines[i]);
			CHECK(glyph_iter_next(&it, &g));
			if (width >= 4)
				CHECK(g.wc[0] != L'。');
		}
		textwrap_free(w);
	}
	CHECK_STR(wrapped("日本語です", 5), "日本|語で|す");
	CHECK_STR(wrapped("日本語です", 6), "日本語|です");
}

TEST(kinsoku_keeps_punctuation_with_its_word)
{
	/* 。 would start the second line: the character before comes along. */
	CHECK_STR(wrapped("ああああ。", 8), "あああ|あ。");
	CHECK_STR(wrapped("「あいう」です", 10), "「あいう」|です");
	CHECK_STR(wrapped("「あいう」です", 8), "「あい|う」です");
	CHECK_STR(wrapped("ab「あい", 4), "ab|「あ|い");
	CHECK_STR(wrapped("日本語.", 6), "日本|語.");
	CHECK_STR(wrapped("ab (日本", 5), "ab|(日本");
	/* A run of nothing but closing punctuation still breaks. */
	CHECK_STR(wrapped("。。。。", 4), "。。|。。");
}

TEST(mixed_english_and_japanese)
{
	const char	*t = "Hello 世界, this is 日本語のテキスト mixed with English words.";
	int		 width;

	CHECK_STR(wrapped("abc日本", 4), "abc|日本");
	CHECK_STR(wrapped("日本abc", 3), "日|本|abc");
	CHECK_STR(wrapped("Hello 世界, ok", 8), "Hello 世|界, ok");
	for (width = 1; width <= 60; width++)
		CHECK_INT(check_wrap_str(t, width), 0);
}

TEST(combining_marks_stay_on_their_base)
{
	struct glyph	 g;
	const char	*e = "e\xcc\x81";			/* e + U+0301 */
	const char	*zalgo = "a\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85\xcc\x86" "b";

	CHECK_INT(glyph_decode(e, 3, 0, 0, &g), 3);
	CHECK_INT(g.width, 1);
	CHECK(g.wc[0] == L'e' && g.wc[1] == 0x301 && g.wc[2] == L'\0');
	CHECK_INT(g.flags, 0);
	CHECK_INT(textwrap_width("cafe\xcc\x81"), 4);
	CHECK_STR(wrapped("cafe\xcc\x81 cafe\xcc\x81", 4),
	    "cafe\xcc\x81|cafe\xcc\x81");
	CHECK_STR(wrapped("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2),
	    "e\xcc\x81" "e\xcc\x81|e\xcc\x81");
	/* Six marks: all consumed, four kept. */
	CHECK_INT(glyph_decode(zalgo, strlen(zalgo), 0, 0, &g), 13);
	CHECK_INT(wcslen(g.wc), GLYPH_CLUSTER_MAX);
	CHECK_INT(textwrap_width(zalgo), 2);
	/* A mark with nothing before it sits on a space. */
	CHECK_INT(glyph_decode("\xcc\x81x", 3, 0, 0, &g), 2);
	CHECK(g.wc[0] == L' ' && g.wc[1] == 0x301);
	CHECK_INT(g.width, 1);
	/* Joiners and variation selectors are zero-width too: man ZWJ
	 * woman is two glyphs, the joiner on the first. */
	CHECK_INT(glyph_decode("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",
	    11, 0, 0, &g), 7);
	CHECK(g.wc[1] == 0x200d && g.width == 2 && g.flags == 0);
	CHECK_INT(textwrap_width("\xe2\x9d\xa4\xef\xb8\x8f"), 1);	/* U+2764 U+FE0F */
	/* A wide base keeps its marks: ka + dakuten (combining U+3099). */
	CHECK_INT(glyph_decode("\xe3\x81\x8b\xe3\x82\x99", 6, 0, 0, &g), 6);
	CHECK_INT(g.width, 2);
	CHECK_INT(check_wrap_str("e\xcc\x81" "e\xcc\x81 \xcc\x81x \xe3\x81\x8b\xe3\x82\x99", 1), 0);
}

TEST(tabs_expand_from_the_display_line_start)
{
	struct glyph	 g;
	struct wrap	*w;
	const char	*t = "aaaaaaaaa b\tc";

	CHECK_INT(textwrap_width("\tx"), 9);
	CHECK_INT(textwrap_width("a\tb"), 9);
	CHECK_INT(textwrap_width("abcdefg\tx"), 9);
	CHECK_INT(textwrap_width("abcdefgh\tx"), 17);
	CHECK_INT(textwrap_width("a\t\tb"), 17);
	glyph_decode("\t", 1, 0, 3, &g);
	CHECK_INT(g.width, 5);
	CHECK(g.flags & GLYPH_TAB);
	CHECK(wcscmp(g.wc, L"     ") == 0);
	/* The second display line starts at column 0: b, then 7 blanks. */
	w = textwrap_wrap(t, strlen(t), 10);
	CHECK_INT(w->n, 2);
	CHECK_INT(w->lines[1].width, 9);
	CHECK_INT(check_wrap(t, strlen(t), w), 0);
	textwrap_free(w);
	CHECK_STR(wrapped("ab\tcd", 6), "ab|cd");
	CHECK_STR(wrapped("ab\tcd", 10), "ab\tcd");
	/* Narrower than a tab: the tab is dropped. */
	CHECK_STR(wrapped("\tab", 4), "ab");
	CHECK_INT(check_wrap_str("\t\tx\ty z\t", 3), 0);
}

TEST(empty_lines_and_trailing_newline)
{
	struct wrap	*w;

	CHECK_STR(wrapped("", 10), "");
	w = textwrap_wrap("", 0, 10);
	CHECK_INT(w->n, 0);
	textwrap_free(w);
	w = textwrap_wrap("\n", 1, 10);
	CHECK_INT(w->n, 1);
	CHECK_INT(w->lines[0].width, 0);
	textwrap_free(w);
	CHECK_STR(wrapped("a\n", 10), "a");
	CHECK_STR(wrapped("a\n\n", 10), "a|");
	CHECK_STR(wrapped("a\n\nb", 10), "a||b");
	CHECK_STR(wrapped("\n\na", 10), "||a");
	w = textwrap_wrap("a\n\nb\n", 5, 1);
	CHECK_INT(w->n, 3);
	CHECK_INT(w->n_src, 3);
	CHECK_INT(w->lines[1].src, 1);
	CHECK_INT(w->lines[1].start, w->lines[1].end);
	textwrap_free(w);
	/* CRLF ends a line; a CR elsewhere is shown. */
	CHECK_STR(wrapped("a\r\nb\r\n", 10), "a|b");
	CHECK_STR(wrapped("a\rb", 10), "a\rb");
	CHECK_STR(wrapped("trailing   \nx", 20), "trailing   |x");
}

TEST(controls_are_visible_and_inert)
{
	struct glyph	 g;
	const char	*nasty = "\x1b[31mred\x1b[0m \a\b\r\x7f \xc2\x9b" "2J "
			    "\xe2\x80\xae" "evil" "\xe2\x81\xa6" " \xf3\xa0\x81\x81"
			    "\x01\x1f\xe2\x80\x8f\xd8\x9c\xe2\x80\xa8";

	CHECK_STR(drawn("a\x1b[31mb"), "a^[[31mb");
	CHECK_STR(drawn("\a\b\r\x7f"), "^G^H^M^?");
	CHECK_STR(drawn("\xc2\x9b" "2J"), "<U+009B>2J");
	CHECK_STR(drawn("\xe2\x80\xae" "abc"), "<U+202E>abc");
	CHECK_STR(drawn("\xe2\x81\xa9"), "<U+2069>");
	CHECK_STR(drawn("\xf3\xa0\x81\x81"), "<U+E0041>");	/* tag A */
	CHECK_STR(drawn("\xe2\x80\xa8"), "<U+2028>");
	CHECK_STR(drawn("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c"),
	    "<U+200E><U+200F><U+061C>");
	CHECK_STR(drawn("a\nb"), "a^Jb");
	CHECK_STR(drawn_range("a\0b", 0, 3), "a^@b");
	CHECK_INT(glyph_decode("\x1b", 1, 0, 0, &g), 1);
	CHECK_INT(g.width, 2);
	CHECK(g.flags & GLYPH_ESCAPE);
	glyph_decode("\xe2\x80\xae", 3, 0, 0, &g);
	CHECK_INT(g.width, 8);
	CHECK_INT(g.len, 3);
	CHECK(g.flags & GLYPH_ESCAPE);
	CHECK_INT(textwrap_width("\x1b[0m"), 5);
	CHECK_INT(textwrap_width("\xe2\x80\xae"), 8);
	/* Every width checks that no raw control is in any glyph. */
	CHECK_INT(check_wrap_str(nasty, 80), 0);
	CHECK_INT(check_wrap_str(nasty, 9), 0);
	CHECK_INT(check_wrap_str(nasty, 3), 0);
	CHECK_INT(check_wrap_str(nasty, 1), 0);
}

TEST(invalid_utf8_is_shown_as_bytes)
{
	CHECK_STR(drawn("a\xff" "b"), "a<FF>b");
	CHECK_STR(drawn("\xe3\x81"), "<E3><81>");		/* cut short */
	CHECK_STR(drawn("\xc0\xaf"), "<C0><AF>");		/* overlong / */
	CHECK_STR(drawn("\xed\xa0\x80"), "<ED><A0><80>");	/* surrogate */
	CHECK_STR(drawn("\xf4\x90\x80\x80"), "<F4><90><80><80>");	/* > U+10FFFF */
	CHECK_STR(drawn("\x80" "\xcc\x81"), "<80> \xcc\x81");
	CHECK_INT(textwrap_width("\xff"), 4);
	CHECK_INT(check_wrap_str("ab\xff\xfe cd\xe3\x81 \xe6\x97\xa5", 5), 0);
}

TEST(narrow_widths_always_progress)
{
	struct wrap	*w;
	size_t		 i;

	CHECK_STR(wrapped("日本語", 1), "日|本|語");
	CHECK_STR(wrapped("日本語", 2), "日|本|語");
	CHECK_STR(wrapped("日本語", 3), "日|本|語");
	CHECK_STR(wrapped("a日b", 1), "a|日|b");
	CHECK_STR(wrapped("a日b", 2), "a|日|b");
	CHECK_STR(wrapped("abc def", 1), "a|b|c|d|e|f");
	CHECK_STR(wrapped("ab", 0), "a|b");
	CHECK_STR(wrapped("ab", -5), "a|b");
	w = textwrap_wrap("日本語", 9, 1);
	CHECK_INT(w->n, 3);
	for (i = 0; i < w->n; i++)
		CHECK_INT(w->lines[i].width, 2);
	textwrap_free(w);
	/* An escape wider than the line: alone, clipped by the UI. */
	CHECK_STR(wrapped("a\xe2\x80\xae" "b", 3), "a|\xe2\x80\xae|b");
	CHECK_INT(check_wrap_str("日本語 abc 日本\t語 \x1b x", 1), 0);
	CHECK_INT(check_wrap_str("日本語 abc 日本\t語 \x1b x", 2), 0);
}

/* Random text from pieces that stress the breaker, at every width. */
TEST(random_text_keeps_every_promise)
{
	static const char *const pieces[] = {
		"word", "a", "longerwordthanmost", " ", "  ", "\t", "\n",
		"\r\n", "\n\n", "日本", "語", "。", "「", "」", "e\xcc\x81",
		"\xcc\x81", "\x1b", "\x7f", "\xc2\x9b", "\xe2\x80\xae",
		"\xff", "\xe3\x81", "\xf0\x9f\x98\x80", "\xef\xbc\x81", ".",
		"(", ")", "\xe3\x80\x80",
	};
	char		 text[600];
	size_t		 len, k;
	unsigned	 seed = 12345;
	int		 round, width, bad = 0;
	struct wrap	*w;

	for (round = 0; round < 300; round++) {
		len = 0;
		for (;;) {
			const char *p;

			seed = seed * 1103515245 + 12345;
			p = pieces[(seed >> 16) % nitems_(pieces)];
			k = strlen(p);
			if (len + k >= sizeof text)
				break;
			memcpy(text + len, p, k);
			len += k;
		}
		for (width = 1; width <= 30; width++) {
			w = textwrap_wrap(text, len, width);
			if (w == NULL) {
				bad++;
				continue;
			}
			bad += check_wrap(text, len, w);
			textwrap_free(w);
		}
	}
	CHECK_INT(bad, 0);
}

TEST(width_of_strings)
{
	CHECK_INT(textwrap_width(""), 0);
	CHECK_INT(textwrap_width("abc"), 3);
	CHECK_INT(textwrap_width("日本"), 4);
	CHECK_INT(textwrap_width("\xef\xbc\x81"), 2);		/* fullwidth ! */
	CHECK_INT(textwrap_width("\xf0\x9f\x98\x80"), 2);	/* emoji */
	CHECK_INT(textwrap_width("a\x1b"), 3);
	CHECK_INT(textwrap_width_n("abc", 2), 2);
}

TEST(truncation_fits_and_agrees_with_width)
{
	static const char *const texts[] = {
		"hello world", "日本語のテキスト", "a日b本c", "e\xcc\x81tude",
		"\x1b[1mbold", "tab\there", "",
	};
	char		*s;
	size_t		 i, n;
	int		 cells, w;
	bool		 cut;

	s = textwrap_truncate("hello", 5, true);
	CHECK_STR(s, "hello");
	free(s);
	s = textwrap_truncate("hello world", 5, true);
	CHECK_STR(s, "hell\xe2\x80\xa6");
	free(s);
	s = textwrap_truncate("hello world", 5, false);
	CHECK_STR(s, "hello");
	free(s);
	s = textwrap_truncate("日本語テキスト", 5, true);
	CHECK_STR(s, "日本\xe2\x80\xa6");
	free(s);
	s = textwrap_truncate("日本語", 5, false);
	CHECK_STR(s, "日本");
	free(s);
	s = textwrap_truncate("abc", 1, true);
	CHECK_STR(s, "\xe2\x80\xa6");
	free(s);
	s = textwrap_truncate("abc", 0, true);
	CHECK_STR(s, "");
	free(s);
	n = textwrap_fit("a\x1b" "b", 3, 3, false, &w, &cut);
	CHECK_INT(n, 2);	/* ^[ is whole or not at all */
	CHECK_INT(w, 3);
	CHECK(cut);
	n = textwrap_fit("abc", 3, 3, true, &w, &cut);
	CHECK_INT(n, 3);
	CHECK(!cut);
	for (i = 0; i < nitems_(texts); i++) {
		for (cells = 0; cells <= 20; cells++) {
			s = textwrap_truncate(texts[i], cells, true);
			CHECK(textwrap_width(s) <= cells);
			if (textwrap_width(texts[i]) <= cells)
				CHECK_STR(s, texts[i]);
			free(s);
		}
	}
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "en_US.UTF-8") == NULL) {
		fputs("no UTF-8 locale: skipped\n", stderr);
		return 77;
	}
	RUN(ascii_breaks_between_words);
	RUN(long_word_breaks_between_glyphs);
	RUN(line_width_and_continuation);
	RUN(cjk_breaks_between_characters);
	RUN(kinsoku_keeps_punctuation_with_its_word);
	RUN(mixed_english_and_japanese);
	RUN(combining_marks_stay_on_their_base);
	RUN(tabs_expand_from_the_display_line_start);
	RUN(empty_lines_and_trailing_newline);
	RUN(controls_are_visible_and_inert);
	RUN(invalid_utf8_is_shown_as_bytes);
	RUN(narrow_widths_always_progress);
	RUN(random_text_keeps_every_promise);
	RUN(width_of_strings);
	RUN(truncation_fits_and_agrees_with_width);
	return check_exit();
}
