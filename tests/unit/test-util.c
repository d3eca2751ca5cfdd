/* test-util.c: SHA-256, UTF-8 checks, did-you-mean, the string set, inert text. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sha256.h"
#include "strset.h"
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

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL && setlocale(LC_ALL, "en_US.UTF-8") == NULL)
		return 77;
	RUN(sha256_matches_fips_180_examples);
	RUN(utf8_check_finds_the_first_bad_byte);
	RUN(did_you_mean_suggests_near_misses_only);
	RUN(strset_keeps_the_first_value_and_grows);
	RUN(inert_text_shows_controls_as_visible_notation);
	RUN(width_counts_wide_characters_twice);
	return check_exit();
}
