/* test-util.c: SHA-256, UTF-8 checks, did-you-mean, the string set, text on
 * a terminal and the formula guard. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "json.h"
#include "sha256.h"
#include "strset.h"
#include "tabular.h"
#include "text.h"
#include "util.h"

static void
hex_of(const char *s, char out[65])
{
	struct sha256 h;

	sha256_init(&h);
	sha256_update(&h, s, strlen(s));
	sha256_hex(&h, out);
}

TEST(sha256_matches_fips_180_examples)
{
	char out[65], *million;
	struct sha256 h;

	hex_of("", out);
	CHECK_STR(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_of("abc", out);
	CHECK_STR(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", out);
	CHECK_STR(out, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* One million 'a', fed in uneven pieces to cross block boundaries. */
	million = malloc(1000000);
	memset(million, 'a', 1000000);
	sha256_init(&h);
	sha256_update(&h, million, 1);
	sha256_update(&h, million, 63);
	sha256_update(&h, million, 999936);
	sha256_hex(&h, out);
	CHECK_STR(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

/* The SHA instructions, where the CPU has them, and the portable rounds give
 * the same digest for every length around the block size, fed whole or in
 * pieces. */
TEST(sha256_portable_and_accelerated_agree)
{
	unsigned char data[1000];
	char fast[65], slow[65];
	struct sha256 h;
	size_t n, i;

	for (i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 131 + (i >> 3));
	for (n = 0; n < sizeof data; n += n < 200 ? 1 : 37) {
		sha256_set_portable(false);
		sha256_init(&h);
		sha256_update(&h, data, n / 3);
		sha256_update(&h, data + n / 3, n - n / 3);
		sha256_hex(&h, fast);
		sha256_set_portable(true);
		sha256_init(&h);
		for (i = 0; i < n; i++)
			sha256_update(&h, data + i, 1);
		sha256_hex(&h, slow);
		CHECK_STR(fast, slow);
	}
	hex_of("abc", slow);
	CHECK_STR(slow, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_set_portable(false);
}

TEST(utf8_check_finds_the_first_bad_byte)
{
	CHECK_INT(utf8_invalid_at("abc", 3), 3);
	CHECK_INT(utf8_invalid_at("caf\xc3\xa9", 5), 5);
	CHECK_INT(utf8_invalid_at("\xe6\x97\xa5\xe6\x9c\xac", 6), 6);	/* 日本 */
	CHECK_INT(utf8_invalid_at("\xf0\x9f\x98\x80", 4), 4);		/* emoji */
	CHECK_INT(utf8_invalid_at("caf\xe9", 4), 3);			/* Latin-1 */
	CHECK_INT(utf8_invalid_at("a\xc0\xaf", 3), 1);			/* overlong */
	CHECK_INT(utf8_invalid_at("a\xed\xa0\x80", 4), 1);		/* surrogate */
	CHECK_INT(utf8_invalid_at("ab\xe6\x97", 4), 2);			/* truncated */
	CHECK_INT(utf8_invalid_at("ab\0c", 4), 2);			/* NUL */
	CHECK_INT(utf8_invalid_at("\xf4\x90\x80\x80", 4), 0);		/* past U+10FFFF */
}

TEST(did_you_mean_suggests_near_misses_only)
{
	static const char *const keys[] = { "title", "turns", "capabilities", NULL };

	CHECK_STR(did_you_mean("titel", keys), "title");
	CHECK_STR(did_you_mean("capabilites", keys), "capabilities");
	CHECK(did_you_mean("description", keys) == NULL);
}

TEST(json_reals_are_the_shortest_text_that_reads_back)
{
	static const double cases[] = { 4.9, 0.1 + 0.2, 0.95, 1.0 / 3, 5, -2.5e-7,
	    1e300, 123456789012345678.0 };
	char out[40];
	size_t i;

	jv_real_text(4.9, out, sizeof out);
	CHECK_STR(out, "4.9");
	jv_real_text(0.1 + 0.2, out, sizeof out);
	CHECK_STR(out, "0.30000000000000004");
	jv_real_text(0.95, out, sizeof out);
	CHECK_STR(out, "0.95");
	jv_real_text(5, out, sizeof out);
	CHECK_STR(out, "5.0");
	jv_real_text(1.0 / 3, out, sizeof out);
	CHECK_STR(out, "0.3333333333333333");
	for (i = 0; i < nitems(cases); i++) {
		jv_real_text(cases[i], out, sizeof out);
		CHECK(strtod(out, NULL) == cases[i]);
	}
}

TEST(paths_have_one_slash_between_directory_and_name)
{
	char *p;

	CHECK_STR(p = path_join("outputs/", "model-a.jsonl"), "outputs/model-a.jsonl");
	free(p);
	CHECK_STR(p = path_join("outputs//", "model-a.jsonl"), "outputs/model-a.jsonl");
	free(p);
	CHECK_STR(p = path_join("outputs", "model-a.jsonl"), "outputs/model-a.jsonl");
	free(p);
	CHECK_STR(p = path_join("/", "etc"), "/etc");
	free(p);
	CHECK_STR(p = path_join("", "a.yaml"), "a.yaml");
	free(p);
}

TEST(strset_set_replaces_and_returns_the_earlier_value)
{
	struct strset s = { 0 };
	int a = 1, b = 2;

	CHECK(strset_set(&s, "anchor", &a) == NULL);
	CHECK(strset_set(&s, "anchor", &b) == &a);
	CHECK(strset_get(&s, "anchor") == &b);
	CHECK_INT(s.n, 1);
	strset_free(&s);
}

TEST(strset_keeps_the_first_value_and_grows)
{
	struct strset s = { 0 };
	char key[32];
	int values[1000], i, missing = 0;

	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "key-%d", i);
		CHECK(strset_put(&s, key, &values[i]) == NULL || (missing++, 0));
	}
	CHECK(strset_put(&s, "key-5", &values[6]) == &values[5]);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "key-%d", i);
		if (strset_get(&s, key) != &values[i])
			missing++;
	}
	CHECK_INT(missing, 0);
	CHECK(strset_get(&s, "nope") == NULL);
	CHECK_INT(s.n, 1000);
	strset_free(&s);
}

TEST(inert_text_shows_controls_as_visible_notation)
{
	char *t = text_inert("a\x1b]0;owned\x07 b\x7f c\xc2\x9b" "d\xe2\x80\xae" "e\xff");

	CHECK_STR(t, "a^[]0;owned^G b^? c<U+009B>d<U+202E>e<FF>");
	CHECK(strchr(t, 0x1b) == NULL);
	free(t);
	t = text_inert("line\nnext\ttab");
	CHECK_STR(t, "line next tab");
	free(t);
}

TEST(width_counts_wide_characters_twice)
{
	CHECK_INT(text_width("abc"), 3);
	CHECK_INT(text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);	/* 日本 */
	CHECK_INT(text_width("e\xcc\x81"), 1);			/* e + combining acute */
}

/* What text_put() writes for s, as a string. */
static char *
put_text(const char *s, size_t len)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	text_put(s, len, f);
	fclose(f);
	return out;
}

static void
check_inert(const char *in, const char *want)
{
	char *t = text_inert(in);

	CHECK_STR(t, want);
	CHECK_INT(text_width(in), (int)strlen(want));
	free(t);
}

TEST(every_c0_control_and_del_is_caret_notation)
{
	char in[2] = { 0, 0 }, want[3];
	int c;

	for (c = 1; c < 0x20; c++) {
		in[0] = (char)c;
		if (c == '\t' || c == '\n' || c == '\r')
			snprintf(want, sizeof want, " ");	/* in a line: a space */
		else
			snprintf(want, sizeof want, "^%c", c ^ 0x40);
		check_inert(in, want);
	}
	check_inert("\x7f", "^?");
}

TEST(every_c1_control_is_shown_encoded_or_raw)
{
	char in[3] = { 0 }, want[16];
	int c;

	for (c = 0x80; c <= 0x9f; c++) {
		/* Encoded in UTF-8: U+0080 .. U+009F. */
		in[0] = (char)0xc2;
		in[1] = (char)c;
		snprintf(want, sizeof want, "<U+%04X>", c);
		check_inert(in, want);
		/* A raw 8-bit byte is not UTF-8: shown as the byte. */
		in[0] = (char)c;
		in[1] = '\0';
		snprintf(want, sizeof want, "<%02X>", c);
		check_inert(in, want);
	}
}

TEST(every_bidi_control_and_format_character_is_shown)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "\xd8\x9c", "<U+061C>" },
		{ "\xe2\x80\x8e", "<U+200E>" }, { "\xe2\x80\x8f", "<U+200F>" },
		{ "\xe2\x80\xaa", "<U+202A>" }, { "\xe2\x80\xab", "<U+202B>" },
		{ "\xe2\x80\xac", "<U+202C>" }, { "\xe2\x80\xad", "<U+202D>" },
		{ "\xe2\x80\xae", "<U+202E>" },
		{ "\xe2\x81\xa6", "<U+2066>" }, { "\xe2\x81\xa7", "<U+2067>" },
		{ "\xe2\x81\xa8", "<U+2068>" }, { "\xe2\x81\xa9", "<U+2069>" },
		/* Other format characters (Cf): invisible text. */
		{ "\xc2\xad", "<U+00AD>" },		/* soft hyphen */
		{ "\xe2\x80\x8b", "<U+200B>" },		/* zero width space */
		{ "\xe2\x81\xa0", "<U+2060>" },		/* word joiner */
		{ "\xe2\x81\xa4", "<U+2064>" },		/* invisible plus */
		{ "\xef\xbb\xbf", "<U+FEFF>" },		/* byte order mark */
		{ "\xf3\xa0\x81\x81", "<U+E0041>" },	/* tag A */
	};
	size_t i;

	for (i = 0; i < nitems(cases); i++)
		check_inert(cases[i].in, cases[i].want);
}

TEST(wide_text_and_joiners_are_left_alone)
{
	/* 日本語のテキスト, and an emoji sequence joined by ZWJ. */
	const char *ja = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae"
	    "\xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88";
	const char *family = "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";
	char *t = text_inert(ja);

	CHECK_STR(t, ja);
	CHECK_INT(text_width(ja), 16);
	free(t);
	t = text_inert(family);
	CHECK_STR(t, family);
	free(t);
	t = put_text(ja, strlen(ja));
	CHECK_STR(t, ja);
	free(t);
	/* A combining acute with no base sits on a space: one cell. */
	t = text_inert("\xcc\x81x");
	CHECK_STR(t, " \xcc\x81x");
	CHECK_INT(text_width("\xcc\x81x"), 2);
	free(t);
}

TEST(running_text_keeps_its_lines_and_only_crlf)
{
	const char *in = "a\tb\r\nc\rd\n\x1b]0;x\x07\xc2\x9b\x9d";
	char *t = put_text(in, strlen(in));

	CHECK_STR(t, "a\tb\r\nc^Md\n^[]0;x^G<U+009B><9D>");
	free(t);
	/* A character cut at the end of the text is shown as its bytes. */
	t = put_text("x\xe6\x97", 3);
	CHECK_STR(t, "x<E6><97>");
	free(t);
}

/* What the CSV or TSV writer makes of one field. */
static char *
field(const char *s, bool csv, bool text)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	if (csv)
		tab_csv_field(s, text, f);
	else
		tab_tsv_field(s, text, f);
	fclose(f);
	return out;
}

TEST(the_formula_guard_quotes_text_and_never_numbers)
{
	static const struct {
		const char *in, *csv, *tsv;
	} cases[] = {
		{ "=1+1", "'=1+1", "'=1+1" },
		{ "+1", "'+1", "'+1" },
		{ "-1+1", "'-1+1", "'-1+1" },
		{ "@SUM(1)", "'@SUM(1)", "'@SUM(1)" },
		{ "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"", "'=HYPERLINK(\"x\")" },
		{ "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
		{ "\t=1", "'\t=1", "'\\t=1" },
		{ "\r=1", "\"'\r=1\"", "'\\r=1" },
		{ "a=1", "a=1", "a=1" },
		{ "x,\"y\"", "\"x,\"\"y\"\"\"", "x,\"y\"" },
		{ "a\\b\nc", "\"a\\b\nc\"", "a\\\\b\\nc" },
	};
	size_t i;
	char *t;

	for (i = 0; i < nitems(cases); i++) {
		t = field(cases[i].in, true, true);
		CHECK_STR(t, cases[i].csv);
		free(t);
		t = field(cases[i].in, false, true);
		CHECK_STR(t, cases[i].tsv);
		free(t);
	}
	/* Numbers written as numbers: -1 stays -1. */
	t = field("-1", true, false);
	CHECK_STR(t, "-1");
	free(t);
	t = field("+0.25", false, false);
	CHECK_STR(t, "+0.25");
	free(t);
	tab_guard_formulas(false);
	t = field("=1+1", true, true);
	CHECK_STR(t, "=1+1");
	free(t);
	tab_guard_formulas(true);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL && setlocale(LC_ALL, "en_US.UTF-8") == NULL)
		return 77;
	RUN(sha256_matches_fips_180_examples);
	RUN(sha256_portable_and_accelerated_agree);
	RUN(utf8_check_finds_the_first_bad_byte);
	RUN(did_you_mean_suggests_near_misses_only);
	RUN(json_reals_are_the_shortest_text_that_reads_back);
	RUN(paths_have_one_slash_between_directory_and_name);
	RUN(strset_keeps_the_first_value_and_grows);
	RUN(strset_set_replaces_and_returns_the_earlier_value);
	RUN(inert_text_shows_controls_as_visible_notation);
	RUN(width_counts_wide_characters_twice);
	RUN(every_c0_control_and_del_is_caret_notation);
	RUN(every_c1_control_is_shown_encoded_or_raw);
	RUN(every_bidi_control_and_format_character_is_shown);
	RUN(wide_text_and_joiners_are_left_alone);
	RUN(running_text_keeps_its_lines_and_only_crlf);
	RUN(the_formula_guard_quotes_text_and_never_numbers);
	return check_exit();
}
