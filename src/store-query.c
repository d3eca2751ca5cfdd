/* store-query.c: what status, list and show print. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "text.h"

static const char *
col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? (const char *)t : "";
}

/* A study setting into *v, NULL when it is not set. */
static int
setting(struct store *st, const char *key, char **v, struct errlist *errs)
{
	struct stmt q;

	*v = NULL;
	stmt_open(&q, st, errs, "SELECT value FROM study WHERE key = ?", "t", key);
	if (stmt_row(&q))
		*v = xstrdup(col_text(q.s, 0));
	return stmt_done(&q);
}

static int
compare_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
split_roster(struct study_settings *ss, const char *text)
{
	const char *p = text, *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		ss->reviewers = xreallocarray(ss->reviewers, ss->n_reviewers + 1, sizeof *ss->reviewers);
		ss->reviewers[ss->n_reviewers++] = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		p = nl ? nl + 1 : p + strlen(p);
	}
	if (ss->n_reviewers > 1)
		qsort(ss->reviewers, ss->n_reviewers, sizeof *ss->reviewers, compare_str);
}

int
store_study(struct store *st, struct study_settings *ss, struct errlist *errs)
{
	char *blind = NULL, *overlap = NULL, *seed = NULL, *roster = NULL, *random = NULL;
	int rc;

	memset(ss, 0, sizeof *ss);
	if ((rc = setting(st, "id", &ss->id, errs)) != 0)
		return rc;
	if (ss->id == NULL) {
		err_add(errs, "%s: the study settings are missing", st->path);
		return STORE_INPUT;
	}
	if ((rc = setting(st, "title", &ss->title, errs)) == 0 &&
	    (rc = setting(st, "blind", &blind, errs)) == 0 &&
	    (rc = setting(st, "overlap", &overlap, errs)) == 0 &&
	    (rc = setting(st, "seed", &seed, errs)) == 0 &&
	    (rc = setting(st, "reviewers_random", &random, errs)) == 0)
		rc = setting(st, "reviewers", &roster, errs);
	ss->blind = blind == NULL || strcmp(blind, "0") != 0;
	ss->reviewers_random = random != NULL && strcmp(random, "1") == 0;
	ss->overlap = overlap != NULL ? strtol(overlap, NULL, 10) : 0;
	ss->seed = seed != NULL ? strtoull(seed, NULL, 10) : 0;
	if (roster != NULL)
		split_roster(ss, roster);
	free(blind);
	free(overlap);
	free(seed);
	free(roster);
	free(random);
	if (rc != 0)
		study_settings_free(ss);
	return rc;
}

void
study_settings_free(struct study_settings *ss)
{
	size_t i;

	for (i = 0; i < ss->n_reviewers; i++)
		free(ss->reviewers[i]);
	free(ss->reviewers);
	free(ss->id);
	free(ss->title);
	memset(ss, 0, sizeof *ss);
}

/* Rows of any query into a table, every column as text. */
static int
query_table(struct store *st, const char *sql, const char *key, struct table *t,
    struct errlist *errs)
{
	const char **cells = xcalloc(t->n_cols, sizeof *cells);
	struct stmt q;
	size_t i;

	if (key != NULL)
		stmt_open(&q, st, errs, sql, "t", key);
	else
		stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		for (i = 0; i < t->n_cols; i++)
			cells[i] = col_text(q.s, (int)i);
		table_add(t, cells);
	}
	free(cells);
	return stmt_done(&q);
}

/* The overlap setting and the number of reviewers. */
static int
panel_size(struct store *st, int64_t *overlap, int64_t *reviewers, struct errlist *errs)
{
	int rc;

	if ((rc = store_get_int(st, errs, overlap, "SELECT CAST(value AS INTEGER) FROM study "
	    "WHERE key = 'overlap'", "")) != 0)
		return rc;
	return store_get_int(st, errs, reviewers, "SELECT count(*) FROM reviewer", "");
}

int
store_status_capabilities(struct store *st, struct table *t, struct errlist *errs)
{
	static const char *const head[] = {
		"capability", "prompts", "models", "outputs", "axes", "done", "expected", NULL };
	/* Done: ratings of the current prompt and rubric versions, as the
	 * scores count them; the others are store_earlier_version_ratings. */
	static const char sql[] =
	    "SELECT r.capability, count(DISTINCT p.id), count(DISTINCT o.model),"
	    " count(DISTINCT o.id), (SELECT count(*) FROM axis a WHERE a.rubric = r.id),"
	    " (SELECT count(*) FROM rating g JOIN output o2 ON o2.id = g.output"
	    "   JOIN current_prompt p2 ON p2.id = o2.prompt WHERE g.capability = r.capability"
	    "   AND g.rubric = r.id),"
	    " count(DISTINCT o.id) * (SELECT count(*) FROM axis a WHERE a.rubric = r.id) * ?"
	    " FROM current_rubric r"
	    " LEFT JOIN prompt_capability pc ON pc.capability = r.capability"
	    " LEFT JOIN current_prompt p ON p.id = pc.prompt"
	    " LEFT JOIN output o ON o.prompt = p.id"
	    " GROUP BY r.capability ORDER BY r.capability";
	int64_t overlap, reviewers;
	const char *cells[7];
	struct stmt q;
	size_t i;
	int rc;

	table_init(t, head);
	for (i = 1; i < 7; i++)
		table_right(t, i);
	if ((rc = panel_size(st, &overlap, &reviewers, errs)) != 0)
		return rc;
	/* How many reviewers are expected to rate each output. */
	stmt_open(&q, st, errs, sql, "i",
	    overlap > 0 ? overlap : reviewers > 0 ? reviewers : 1);
	while (stmt_row(&q)) {
		for (i = 0; i < 7; i++)
			cells[i] = col_text(q.s, (int)i);
		table_add(t, cells);
	}
	return stmt_done(&q);
}

/* Rating slots in the current panel: outputs x capabilities x axes. */
static int
slots_per_reviewer(struct store *st, int64_t *slots, struct errlist *errs)
{
	return store_get_int(st, errs, slots, "SELECT count(*) FROM current_prompt p"
	    " JOIN prompt_capability pc ON pc.prompt = p.id"
	    " JOIN current_rubric r ON r.capability = pc.capability"
	    " JOIN axis a ON a.rubric = r.id JOIN output o ON o.prompt = p.id", "");
}

int
store_status_reviewers(struct store *st, struct table *t, struct errlist *errs)
{
	static const char *const head[] = {
		"reviewer", "done", "expected", "percent", "last rating", NULL };
	/* Done as the scores count: current prompt and rubric versions only. */
	static const char sql[] =
	    "SELECT v.name, count(CASE WHEN g.rubric IN (SELECT id FROM current_rubric)"
	    "  THEN p.id END), max(g.changed) FROM reviewer v"
	    " LEFT JOIN rating g ON g.reviewer = v.id"
	    " LEFT JOIN output o ON o.id = g.output"
	    " LEFT JOIN current_prompt p ON p.id = o.prompt"
	    " GROUP BY v.id ORDER BY v.name";
	int64_t slots, overlap, reviewers, expected;
	char done[32], exp[32], pct[32];
	struct stmt q;
	int rc;

	if ((rc = slots_per_reviewer(st, &slots, errs)) != 0 ||
	    (rc = panel_size(st, &overlap, &reviewers, errs)) != 0)
		return rc;
	/* With overlap k each output goes to k reviewers in equal shares. */
	expected = overlap > 0 && reviewers > 0 ?
	    (slots * (overlap < reviewers ? overlap : reviewers) + reviewers - 1) / reviewers : slots;
	table_init(t, head);
	table_right(t, 1);
	table_right(t, 2);
	table_right(t, 3);
	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		int64_t d = sqlite3_column_int64(q.s, 1);

		snprintf(done, sizeof done, "%" PRId64, d);
		snprintf(exp, sizeof exp, "%" PRId64, expected);
		snprintf(pct, sizeof pct, "%.0f%%", expected > 0 ? 100.0 * (double)d / (double)expected : 0.0);
		table_addv(t, col_text(q.s, 0), done, exp, pct, col_text(q.s, 2));
	}
	return stmt_done(&q);
}

int
store_earlier_version_ratings(struct store *st, struct earlier_ratings **v, size_t *n,
    struct errlist *errs)
{
	/* The complement of what store_load_ratings counts. */
	static const char sql[] =
	    "SELECT g.capability, count(*) FROM rating g JOIN output o ON o.id = g.output"
	    " WHERE o.prompt NOT IN (SELECT id FROM current_prompt)"
	    "  OR g.rubric NOT IN (SELECT id FROM current_rubric)"
	    " GROUP BY g.capability ORDER BY g.capability";
	struct stmt q;
	int rc;

	*v = NULL;
	*n = 0;
	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[*n].capability = xstrdup(col_text(q.s, 0));
		(*v)[(*n)++].ratings = (long)sqlite3_column_int64(q.s, 1);
	}
	if ((rc = stmt_done(&q)) != 0) {
		earlier_ratings_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

void
earlier_ratings_free(struct earlier_ratings *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].capability);
	free(v);
}

static const struct listing {
	const char		*what;
	const char *const	 head[8];
	unsigned		 right;	/* bit i: column i is a number */
	const char		*sql;
} listings[] = {
	{ "prompts", { "id", "version", "capabilities", "lang", "outputs", "title", NULL },
	    0x12,
	    "SELECT p.name, p.version, (SELECT group_concat(capability, ',') FROM"
	    "  (SELECT capability FROM prompt_capability WHERE prompt = p.id ORDER BY position)),"
	    " p.lang, (SELECT count(*) FROM output o WHERE o.prompt = p.id), p.title"
	    " FROM current_prompt p ORDER BY p.name" },
	{ "models", { "model", "outputs", "ratings", NULL }, 0x6,
	    "SELECT m.name, (SELECT count(*) FROM output o JOIN current_prompt p"
	    "  ON p.id = o.prompt WHERE o.model = m.id),"
	    " (SELECT count(*) FROM rating g JOIN output o ON o.id = g.output"
	    "  WHERE o.model = m.id) FROM model m ORDER BY m.name" },
	{ "reviewers", { "reviewer", "ratings", "notes", "flags", "last change", NULL }, 0xe,
	    "SELECT v.name, (SELECT count(*) FROM rating g WHERE g.reviewer = v.id),"
	    " (SELECT count(*) FROM review w WHERE w.reviewer = v.id AND w.note IS NOT NULL),"
	    " (SELECT count(*) FROM review w WHERE w.reviewer = v.id AND w.flag IS NOT NULL),"
	    " (SELECT max(changed) FROM rating g WHERE g.reviewer = v.id)"
	    " FROM reviewer v ORDER BY v.name" },
	{ "rubrics", { "capability", "version", "axes", "scale", "ratings", "title", NULL }, 0x16,
	    "SELECT r.capability, r.version, (SELECT count(*) FROM axis a WHERE a.rubric = r.id),"
	    " r.scale_min || '-' || r.scale_max,"
	    " (SELECT count(*) FROM rating g WHERE g.rubric = r.id), r.title"
	    " FROM rubric r ORDER BY r.capability, r.version" },
};

int
store_list(struct store *st, const char *what, struct table *t, struct errlist *errs)
{
	size_t i, c;

	for (i = 0; i < nitems(listings); i++) {
		if (strcmp(listings[i].what, what) != 0)
			continue;
		table_init(t, listings[i].head);
		for (c = 0; c < t->n_cols; c++) {
			if (listings[i].right & (1u << c))
				table_right(t, c);
		}
		return query_table(st, listings[i].sql, NULL, t, errs);
	}
	err_add(errs, "list: unknown listing '%s' (expected prompts, models, reviewers or rubrics)",
	    what);
	return STORE_INPUT;
}

static void
print_field(FILE *f, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	fprintf(f, "%-13s ", name);
	text_fputs(value, f);
	fputc('\n', f);
}

static int
show_turns(struct store *st, int64_t row, FILE *f, struct errlist *errs)
{
	struct stmt q;
	size_t len;

	stmt_open(&q, st, errs, "SELECT role, content FROM turn WHERE prompt = ? "
	    "ORDER BY position", "i", row);
	while (stmt_row(&q)) {
		fprintf(f, "\n── %s ──\n", col_text(q.s, 0));
		text_fputs(col_text(q.s, 1), f);
		len = strlen(col_text(q.s, 1));
		if (len == 0 || col_text(q.s, 1)[len - 1] != '\n')
			fputc('\n', f);
	}
	return stmt_done(&q);
}

int
store_show_prompt(struct store *st, const char *id, FILE *f, struct errlist *errs)
{
	static const char sql[] =
	    "SELECT p.id, p.version, (SELECT max(version) FROM prompt q WHERE q.name = p.name),"
	    " p.title, (SELECT group_concat(capability, ', ') FROM (SELECT capability FROM"
	    "  prompt_capability WHERE prompt = p.id ORDER BY position)),"
	    " p.occupation, p.task, p.onet_task_id, p.lang, p.hash, p.created,"
	    " (SELECT group_concat(name, ', ') FROM (SELECT m.name FROM output o JOIN model m"
	    "  ON m.id = o.model WHERE o.prompt = p.id ORDER BY m.name))"
	    " FROM current_prompt p WHERE p.name = ?";
	struct stmt q;
	char version[64];
	sqlite3_stmt *s;
	int64_t row;
	int rc;

	stmt_open(&q, st, errs, sql, "t", id);
	if (!stmt_row(&q)) {
		if ((rc = stmt_done(&q)) != 0)
			return rc;
		err_add(errs, "show prompt: no prompt with id '%s' (see 'panelist list prompts')", id);
		return STORE_INPUT;
	}
	s = q.s;
	row = sqlite3_column_int64(s, 0);
	snprintf(version, sizeof version, "%s of %s", col_text(s, 1), col_text(s, 2));
	print_field(f, "prompt", id);
	print_field(f, "version", version);
	print_field(f, "title", col_text(s, 3));
	print_field(f, "capabilities", col_text(s, 4));
	print_field(f, "occupation", col_text(s, 5));
	print_field(f, "task", col_text(s, 6));
	print_field(f, "onet task id", col_text(s, 7));
	print_field(f, "lang", col_text(s, 8));
	print_field(f, "hash", col_text(s, 9));
	print_field(f, "imported", col_text(s, 10));
	print_field(f, "outputs", col_text(s, 11));
	stmt_done(&q);
	return show_turns(st, row, f, errs);
}
