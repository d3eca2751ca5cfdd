/* test-gate.c: the rules every value passes on its way into the database. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "gate.h"
#include "defs.h"

#define OK(x)	CHECK((x) == NULL)
#define BAD(x)	CHECK((x) != NULL)

TEST(names_print_as_themselves_and_are_bounded)
{
	char long_name[GATE_NAME_MAX + 2];

	OK(gate_name("ana"));
	OK(gate_name("@cy"));
	OK(gate_name("Ana María"));
	OK(gate_name("\xe7\x94\xb0\xe4\xb8\xad"));		/* 田中 */
	BAD(gate_name(""));
	BAD(gate_name(" ana"));
	BAD(gate_name("ana "));
	BAD(gate_name("ana\nben"));
	BAD(gate_name("a\x1b[31m"));			/* ESC */
	BAD(gate_name("a\x7f"));			/* DEL */
	BAD(gate_name("a\xc2\x9b" "31m"));		/* C1 CSI */
	BAD(gate_name("a\xe2\x80\xae" "b"));		/* U+202E right-to-left override */
	BAD(gate_name("a\xe2\x81\xa6" "b"));		/* U+2066 left-to-right isolate */
	BAD(gate_name("a\xe2\x80\x8f"));		/* U+200F right-to-left mark */
	BAD(gate_name("a\xe2\x80\xa8" "b"));		/* U+2028 line separator */
	BAD(gate_name("a\xe2\x80\x8b" "na"));		/* U+200B zero width space */
	BAD(gate_name("\xef\xbb\xbf" "ana"));		/* U+FEFF byte order mark */
	BAD(gate_name("\xff\xfe"));			/* not UTF-8 */
	BAD(gate_name("a\xe2\x80"));			/* cut short */
	memset(long_name, 'r', sizeof long_name - 1);
	long_name[GATE_NAME_MAX] = '\0';
	OK(gate_name(long_name));
	long_name[GATE_NAME_MAX] = 'r';
	long_name[GATE_NAME_MAX + 1] = '\0';
	BAD(gate_name(long_name));
}

TEST(scores_stay_on_the_scale)
{
	OK(gate_score(1, 1, 5));
	OK(gate_score(5, 1, 5));
	OK(gate_score(-2, -2, 2));
	BAD(gate_score(0, 1, 5));
	BAD(gate_score(6, 1, 5));
	BAD(gate_score(99, 1, 5));
	BAD(gate_score(-1000, 1, 5));
	CHECK_STR(gate_score(99, 1, 5), "score 99 is outside the scale 1 to 5");
}

TEST(times_parse_and_are_not_in_the_future)
{
	time_t now = 1796183400;	/* 2026-12-02T03:50:00Z */

	OK(gate_time("2026-12-02T03:50:00Z", now));
	OK(gate_time("2026-12-02T03:50:00.123Z", now));
	OK(gate_time("2024-02-29T23:59:59Z", now));	/* a leap day */
	OK(gate_time("2026-12-02T03:54:59Z", now));	/* within the skew */
	BAD(gate_time("2026-12-02T03:55:01Z", now));	/* beyond it */
	BAD(gate_time("9999-12-31T00:00:00.000Z", now));
	BAD(gate_time("2025-02-29T00:00:00Z", now));	/* no such day */
	BAD(gate_time("2100-02-29T00:00:00Z", now));
	BAD(gate_time("2026-13-01T00:00:00Z", now));
	BAD(gate_time("2026-12-02T24:00:00Z", now));
	BAD(gate_time("2026-12-02T03:50:00", now));	/* no zone */
	BAD(gate_time("2026-12-02T03:50:00+01:00", now));
	BAD(gate_time("2026-12-02T03:50:00.Z", now));
	BAD(gate_time("2026-12-02 03:50:00Z", now));
	BAD(gate_time("yesterday", now));
	BAD(gate_time("", now));
	BAD(gate_time("2026-12-02T03:50:00Zjunk", now));
}

TEST(time_spent_is_not_negative_and_bounded)
{
	OK(gate_seconds(0));
	OK(gate_seconds(42.5));
	OK(gate_seconds(GATE_SECONDS_MAX));
	BAD(gate_seconds(-1));
	BAD(gate_seconds(-0.001));
	BAD(gate_seconds(GATE_SECONDS_MAX + 1));
	BAD(gate_seconds(INFINITY));
	BAD(gate_seconds(NAN));
}

TEST(flags_and_capabilities_come_from_the_one_list)
{
	size_t i;

	for (i = 0; flag_ids[i] != NULL; i++)
		OK(gate_flag(flag_ids[i]));
	CHECK_INT(i, FLAG_COUNT);
	BAD(gate_flag("spam"));
	BAD(gate_flag(""));
	BAD(gate_flag("Broken"));
	CHECK_STR(gate_flag("spam"), "a flag is one of broken, off-topic, unsafe or other");
	OK(gate_capability("summarization"));
	BAD(gate_capability("juggling"));
}

TEST(writing_for_someone_else_needs_as)
{
	char *roster[] = { "ana", "ben" };

	OK(gate_owner("ana", "ana", false));
	OK(gate_owner("ben", "ana", true));
	BAD(gate_owner("ben", "ana", false));
	OK(gate_owner("ben", NULL, false));		/* nobody to compare with */
	OK(gate_roster("ana", roster, 2));
	BAD(gate_roster("zed", roster, 2));
	OK(gate_roster("zed", NULL, 0));		/* no roster */
}

/* A models file names the variable holding a key; what looks like a key
 * itself is refused, and model ids, URLs and variable names pass. */
TEST(keys_are_named_never_written)
{
	OK(gate_secret("OPENAI_API_KEY"));
	OK(gate_secret("gpt-4o-mini-2024-07-18"));
	OK(gate_secret("claude-sonnet-4-5-20250929"));
	OK(gate_secret("meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo"));
	OK(gate_secret("https://api.openai.com/v1"));
	OK(gate_secret("sk-short"));
	OK(gate_secret("Answer as a careful colleague would, in three short paragraphs."));
	BAD(gate_secret("sk-proj-abcdefghijklmnopqrstuvwx"));
	BAD(gate_secret("sk-ant-api03-abcdefghijklmnop"));
	BAD(gate_secret("AIzaSyA1b2C3d4E5f6G7h8I9j0"));
	BAD(gate_secret("Bearer abc"));
	BAD(gate_secret("Qx7pZr2LmN9vBt4KwY8sJd3Hf6Gc1Ae5"));
}

/* An output's text, imported or collected: UTF-8 without NUL. */
TEST(output_text_is_utf8_without_nul)
{
	OK(gate_output_text("", 0));
	OK(gate_output_text("\xe7\x94\xb0\xe4\xb8\xad", 6));
	BAD(gate_output_text("a\0b", 3));
	BAD(gate_output_text("\xff", 1));
}

int
main(void)
{
	RUN(names_print_as_themselves_and_are_bounded);
	RUN(scores_stay_on_the_scale);
	RUN(times_parse_and_are_not_in_the_future);
	RUN(time_spent_is_not_negative_and_bounded);
	RUN(flags_and_capabilities_come_from_the_one_list);
	RUN(writing_for_someone_else_needs_as);
	RUN(keys_are_named_never_written);
	RUN(output_text_is_utf8_without_nul);
	return check_exit();
}
