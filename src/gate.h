/* gate.h: the one set of rules every value passes before it reaches the
 * database, wherever it comes from: the rating screen, a YAML or JSONL
 * import, a ratings JSONL file, another database being merged.
 *
 * Plain C, no SQL: the store files look up what the database knows (the
 * rubric's scale, the roster) and ask the gate.  Each check returns NULL
 * when the value passes, else a sentence saying what the rule is, for the
 * caller to put after where the value came from. */
#ifndef PANELIST_GATE_H
#define PANELIST_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* A reviewer's or model's name: 1 to GATE_NAME_MAX bytes of UTF-8 without
 * control characters (C0, DEL, C1), bidirectional overrides or isolates,
 * or space at either end.  Names are shown on the screen, in reports and
 * in CSV files: they must print as themselves. */
#define GATE_NAME_MAX	64
const char *gate_name(const char *);

/* A score on a rubric's scale min..max; N/A is no score at all (NULL in
 * the database, "NA" in history), never a number. */
const char *gate_score(long long score, long long min, long long max);

/* A time as panelist writes it, ISO 8601 in UTC: YYYY-MM-DDTHH:MM:SS,
 * optional fraction, 'Z'.  Not later than now plus GATE_CLOCK_SKEW
 * seconds (two machines' clocks may differ a little, not by years): a
 * forged time in the future would win every --prefer newer. */
#define GATE_CLOCK_SKEW	300
const char *gate_time(const char *, time_t now);

/* Seconds spent on an output: finite, from 0 to GATE_SECONDS_MAX (a week,
 * far beyond any real review and far below what would skew a mean). */
#define GATE_SECONDS_MAX	(7 * 24 * 3600.0)
const char *gate_seconds(double);

/* One of the flags in flag_ids (defs.h). */
const char *gate_flag(const char *);

/* A capability of the fixed vocabulary (defs.h). */
const char *gate_capability(const char *);

/* Whose ratings: writing under `name` needs `as` (--as) unless name is the
 * login.  login NULL: nobody to compare with (the library's own callers). */
const char *gate_owner(const char *name, const char *login, bool as);

/* On the roster (sorted or not), or no roster at all; the nearest name on
 * it in the message. */
const char *gate_roster(const char *name, char *const *roster, size_t n);

/* A value that looks like an API key or a password (a provider's key
 * prefix such as sk- or AIza, "Bearer ...", or a long token mixing upper-
 * and lower-case letters and digits): models files name the environment
 * variable that holds a key, never the key. */
const char *gate_secret(const char *);

/* An output's text, imported or collected: valid UTF-8 without NUL bytes,
 * at most GATE_TEXT_MAX bytes. */
#define GATE_TEXT_MAX	(16UL * 1024 * 1024)
const char *gate_output_text(const char *, size_t len);

/* The login name of whoever runs the program, or NULL. */
const char *gate_login(void);

#endif
