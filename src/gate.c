/* gate.c: the rules a value must pass to reach the database (gate.h). */
#include "config.h"

#include <math.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "gate.h"
#include "defs.h"
#include "i18n.h"
#include "util.h"

/* The code point at s (valid UTF-8, checked before), and its length. */
static uint32_t
decode(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] < 0xe0) {
		*len = 2;
		return (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	}
	if (s[0] < 0xf0) {
		*len = 3;
		return (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	}
	*len = 4;
	return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
	    (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
}

/* Characters that do not print as themselves: controls, those that reorder
 * or break the text around them, and the invisible ones that would make two
 * names look the same. */
static bool
hidden(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x2069) || c == 0xfeff;
}

/* The rule a name breaks, in the reviewer's language. */
static const char *
name_rule(void)
{
	static char rule[384];

	snprintf(rule, sizeof rule, _("a name is 1 to %d bytes of printable UTF-8 text, "
	    "without control characters or space at either end"), GATE_NAME_MAX);
	return rule;
}

const char *
gate_name(const char *name)
{
	size_t len = strlen(name), i, n;

	if (len == 0 || len > GATE_NAME_MAX || utf8_invalid_at(name, len) < len ||
	    name[0] == ' ' || name[len - 1] == ' ')
		return name_rule();
	for (i = 0; i < len; i += n) {
		if (hidden(decode((const unsigned char *)name + i, &n)))
			return name_rule();
	}
	return NULL;
}

const char *
gate_score(long long score, long long min, long long max)
{
	static char rule[256];

	if (score >= min && score <= max)
		return NULL;
	snprintf(rule, sizeof rule, _("score %lld is outside the scale %lld to %lld"), score,
	    min, max);
	return rule;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil): timegm is not POSIX. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static bool
digits(const char *s, size_t n, unsigned *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

/* Seconds since the epoch of YYYY-MM-DDTHH:MM:SS[.fff]Z, or -1. */
static long long
parse_time(const char *t)
{
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, mo, d, h, mi, s;
	size_t i = 19;

	if (strlen(t) < 20 || !digits(t, 4, &y) || t[4] != '-' || !digits(t + 5, 2, &mo) ||
	    t[7] != '-' || !digits(t + 8, 2, &d) || t[10] != 'T' || !digits(t + 11, 2, &h) ||
	    t[13] != ':' || !digits(t + 14, 2, &mi) || t[16] != ':' || !digits(t + 17, 2, &s))
		return -1;
	if (t[i] == '.') {
		for (i++; t[i] >= '0' && t[i] <= '9'; i++)
			;
		if (i == 20)
			return -1;
	}
	if (t[i] != 'Z' || t[i + 1] != '\0')
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0))) ||
	    h > 23 || mi > 59 || s > 60)
		return -1;
	return days_from_civil(y, mo, d) * 86400 + h * 3600LL + mi * 60LL + s;
}

const char *
gate_time(const char *t, time_t now)
{
	long long at = parse_time(t);

	if (at < 0)
		return _("a time is YYYY-MM-DDTHH:MM:SS with an optional fraction and 'Z' (UTC)");
	if (at > (long long)now + GATE_CLOCK_SKEW)
		return _("a time is not in the future");
	return NULL;
}

const char *
gate_seconds(double secs)
{
	static char rule[256];

	if (isfinite(secs) && secs >= 0 && secs <= GATE_SECONDS_MAX)
		return NULL;
	snprintf(rule, sizeof rule, _("time spent is 0 to %.0f seconds"), GATE_SECONDS_MAX);
	return rule;
}

const char *
gate_flag(const char *flag)
{
	static char rule[256];
	struct buf head = { 0 };
	size_t i;

	if (flag_known(flag))
		return NULL;
	/* All but the last, then the last after "or": one sentence to translate. */
	for (i = 0; flag_ids[i + 1] != NULL; i++) {
		if (i > 0)
			/* TRANSLATORS: between the items of a list, as in "a, b or c". */
			buf_addstr(&head, _(", "));
		buf_addstr(&head, flag_ids[i]);
	}
	/* TRANSLATORS: %1$s is a list of flag ids ("broken, off-topic, unsafe"),
	 * %2$s the last one ("other"). */
	snprintf(rule, sizeof rule, _("a flag is one of %1$s or %2$s"),
	    head.data != NULL ? head.data : "", flag_ids[i]);
	buf_free(&head);
	return rule;
}

const char *
gate_capability(const char *cap)
{
	static char rule[256];
	const char *ids[16], *near;
	size_t n = 0;

	if (capability_known(cap))
		return NULL;
	for (n = 0; capabilities[n].id != NULL && n < nitems(ids); n++)
		ids[n] = capabilities[n].id;
	if ((near = did_you_mean_n(cap, ids, n)) == NULL)
		return _("no such capability");
	snprintf(rule, sizeof rule, _("no such capability (did you mean '%s'?)"), near);
	return rule;
}

/* Prefixes of the keys the common providers issue. */
static const char *const key_prefixes[] = {
	"sk-", "sk_", "xai-", "gsk_", "hf_", "ghp_", "github_pat_", "glpat-", "AIza",
	"r8_", "pplx-", "nvapi-", NULL };

/* A word long enough to be a key, mixing the three kinds of characters a
 * generated token has; model ids and URLs hold '.', '/' or ':' or are
 * lower-case. */
static bool
token_like(const char *s)
{
	bool upper = false, lower = false, digit = false;
	size_t n;

	for (n = 0; s[n] != '\0'; n++) {
		unsigned char ch = (unsigned char)s[n];

		if (ch >= 'A' && ch <= 'Z')
			upper = true;
		else if (ch >= 'a' && ch <= 'z')
			lower = true;
		else if (ch >= '0' && ch <= '9')
			digit = true;
		else if (ch != '_' && ch != '-')
			return false;
	}
	return n >= 32 && upper && lower && digit;
}

const char *
gate_secret(const char *s)
{
	const char *why = _("this looks like an API key; put the key in an "
	    "environment variable and give its name as api_key_env");
	size_t i, len = strlen(s);

	if (strncasecmp(s, "Bearer ", 7) == 0)
		return why;
	for (i = 0; key_prefixes[i] != NULL; i++) {
		size_t n = strlen(key_prefixes[i]);

		if (len >= n + 16 && strncmp(s, key_prefixes[i], n) == 0 &&
		    strchr(s, ' ') == NULL)
			return why;
	}
	return token_like(s) ? why : NULL;
}

const char *
gate_output_text(const char *s, size_t len)
{
	size_t bad;

	if (len > GATE_TEXT_MAX)
		return _("the text is longer than 16 MiB");
	if ((bad = utf8_invalid_at(s, len)) < len)
		return s[bad] == '\0' ? _("the text holds a NUL byte") :
		    _("the text is not valid UTF-8");
	return NULL;
}

const char *
gate_owner(const char *name, const char *login, bool as)
{
	static char rule[GATE_NAME_MAX * 2 + 384];

	if (login == NULL || as || strcmp(name, login) == 0)
		return NULL;
	snprintf(rule, sizeof rule, _("'%.*s' is not you (%.*s): add --as to write for them on "
	    "purpose; the history records who did"), GATE_NAME_MAX, name, GATE_NAME_MAX, login);
	return rule;
}

const char *
gate_roster(const char *name, char *const *roster, size_t n)
{
	static char rule[GATE_NAME_MAX + 256];
	const char *near;
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(roster[i], name) == 0)
			return NULL;
	}
	if (n == 0)
		return NULL;
	if ((near = did_you_mean_n(name, (const char *const *)roster, n)) == NULL)
		return _("not on this study's roster");
	snprintf(rule, sizeof rule, _("not on this study's roster (did you mean "
	    "'%.*s'?)"), GATE_NAME_MAX, near);
	return rule;
}

const char *
gate_login(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw != NULL ? pw->pw_name : getlogin();
}
