/* store/merge-check.c: merge's look at another database, which it does not
 * trust: anyone may have edited it.
 *
 * merge-copy.c has read its tables into TEMP copies here (ov_*); this file
 * checks that it is a copy of this study, maps its rows to this database
 * by content, and puts every row through the gate (gate.h), in SQL both
 * engines speak, a page of rows at a time.  One bad value refuses the
 * whole database, with every problem listed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gate.h"
#include "i18n.h"
#include "internal.h"
#include "merge.h"

/* Any value as SQL's || would show it. */
static const char *
text_of(const struct stmt *q, int col)
{
	const char *t = stmt_text(q, col);

	return t != NULL ? t : "";
}

/* Their setting `key`, NULL when missing; for a message, "" then. */
static char *
their_setting(struct store *st, const char *key, struct errlist *errs, int *rc)
{
	char *v = NULL;

	if (*rc == 0)
		*rc = store_get_text(st, errs, &v, "SELECT value FROM ov_study WHERE key = ?",
		    "t", key);
	return v;
}

/* The identity a new study takes from the other: its id, its seed (the
 * order of every queue) and when it was created; each checked. */
static int
check_identity(struct store *st, struct problems *p)
{
	char *id, *seed, *created;
	const char *why;
	int rc = 0;

	id = their_setting(st, "id", p->errs, &rc);
	seed = their_setting(st, "seed", p->errs, &rc);
	created = their_setting(st, "created", p->errs, &rc);
	if (rc == 0 && (id == NULL || *id == '\0' || strlen(id) > 64 ||
	    id[strspn(id, "0123456789abcdef")] != '\0'))
		merge_problem(p, _("study id '%s': a study id is 1 to 64 hexadecimal digits"),
		    id != NULL ? id : "");
	if (rc == 0 && seed != NULL && (seed[strspn(seed, "0123456789")] != '\0' ||
	    *seed == '\0' || strlen(seed) > 10 || strtoull(seed, NULL, 10) > 4294967295ULL))
		merge_problem(p, _("study seed '%s': a seed is a whole number from 0 to "
		    "4294967295"), seed);
	if (rc == 0 && created != NULL && (why = gate_time(created, time(NULL))) != NULL)
		merge_problem(p, _("study created '%s': %s"), created, why);
	free(id);
	free(seed);
	free(created);
	return rc;
}

/* The settings of a study file (who rates what and how) that differ
 * between the two, but for the seed: a study that takes another's
 * identity must already rate as it does. */
static int
check_settings(struct store *st, const char *path, struct errlist *errs, size_t *n)
{
	static const char sql[] =
	    "SELECT o.key FROM ov_study o WHERE o.key NOT IN ('id', 'seed', 'created')"
	    " AND coalesce(o.value, '') <> coalesce((SELECT s.value FROM study s"
	    "  WHERE s.key = o.key), '')"
	    " UNION SELECT s.key FROM study s WHERE s.key NOT IN ('id', 'seed', 'created')"
	    " AND s.value <> coalesce((SELECT o.value FROM ov_study o WHERE o.key = s.key), '')"
	    " ORDER BY 1";
	struct stmt q;

	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		err_add(errs, _("%s: the study setting '%s' differs from this one's (import "
		    "the same study file here first)"), path, text_of(&q, 0));
		(*n)++;
	}
	return stmt_done(&q);
}

/* The other database must be a copy of this study; or this one is new
 * (nobody has rated in it) and takes the other's identity, the way a
 * study moves to another database. */
static int
check_same_study(struct store *st, const char *path, bool *adopt, struct problems *p)
{
	int64_t same, rated;
	size_t differ = 0;
	int rc;

	*adopt = false;
	if ((rc = store_get_int(st, p->errs, &same, "SELECT count(*) FROM ov_study o"
	    " JOIN study s ON s.key = o.key WHERE o.key = 'id' AND s.value = o.value", "")) != 0)
		return rc;
	if (same)
		return 0;
	if ((rc = store_get_int(st, p->errs, &rated, "SELECT (SELECT count(*) FROM rating)"
	    " + (SELECT count(*) FROM review) + (SELECT count(*) FROM history)", "")) != 0)
		return rc;
	if (rated > 0) {
		err_add(p->errs, _("%s belongs to another study (its study id differs): refused"),
		    path);
		return STORE_INPUT;
	}
	if ((rc = check_identity(st, p)) != 0 ||
	    (rc = check_settings(st, path, p->errs, &differ)) != 0)
		return rc;
	if ((rc = merge_problems_end(p)) != 0 || differ > 0)
		return STORE_INPUT;
	*adopt = true;
	return 0;
}

/* Outputs (with their prompt version) and rubric versions the other
 * database's ratings use, each matched here by name, version and hash. */
static int
check_content(struct store *st, const char *path, struct errlist *errs)
{
	static const char sql[] =
	    "SELECT 0, om.name, op.name, CAST(op.version AS TEXT)"
	    " FROM ov_output oo JOIN ov_prompt op ON op.id = oo.prompt"
	    " JOIN ov_model om ON om.id = oo.model"
	    " WHERE (oo.id IN (SELECT output FROM ov_rating)"
	    "  OR oo.id IN (SELECT output FROM ov_review))"
	    " AND NOT EXISTS (SELECT 1 FROM output o JOIN prompt p ON p.id = o.prompt"
	    "  JOIN model m ON m.id = o.model WHERE p.name = op.name"
	    "  AND p.version = op.version AND p.hash = op.hash AND m.name = om.name"
	    "  AND o.hash = oo.hash)"
	    " UNION ALL"
	    " SELECT 1, r.capability, CAST(r.version AS TEXT), NULL FROM ov_rubric r"
	    " WHERE r.id IN (SELECT rubric FROM ov_rating) AND NOT EXISTS (SELECT 1 FROM"
	    "  rubric m WHERE m.capability = r.capability AND m.version = r.version"
	    "  AND m.hash = r.hash)";
	struct stmt q;
	size_t bad = 0;
	int rc;

	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		if (stmt_int(&q, 0) == 0)
			err_add(errs, _("%s: output of %s for %s v%s is not in this database "
			    "with the same content (import the same files here first)"), path,
			    text_of(&q, 1), text_of(&q, 2), text_of(&q, 3));
		else
			err_add(errs, _("%s: rubric %s v%s is not in this database with the "
			    "same content (import the same files here first)"), path,
			    text_of(&q, 1), text_of(&q, 2));
		bad++;
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	return bad > 0 ? STORE_INPUT : 0;
}

static const char *
temp_schema(struct store *st)
{
	return st->engine == &engine_postgres ? "pg_temp" : "temp";
}

static void
drop_maps(struct store *st)
{
	char sql[128];

	snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s.merge_output;"
	    "DROP TABLE IF EXISTS %s.merge_rubric", temp_schema(st), temp_schema(st));
	store_exec(st, sql, NULL);
}

/* A temporary map from the other database's rows to ours. */
static int
build_maps(struct store *st, struct errlist *errs)
{
	static const char sql[] =
	    "CREATE TEMP TABLE merge_output(other BIGINT PRIMARY KEY, main BIGINT);"
	    "CREATE TEMP TABLE merge_rubric(other BIGINT PRIMARY KEY, main BIGINT);"
	    "INSERT INTO merge_output SELECT oo.id, o.id FROM ov_output oo"
	    " JOIN ov_prompt op ON op.id = oo.prompt JOIN ov_model om ON om.id = oo.model"
	    " JOIN prompt p ON p.name = op.name AND p.version = op.version"
	    " JOIN model m ON m.name = om.name"
	    " JOIN output o ON o.prompt = p.id AND o.model = m.id WHERE oo.id IS NOT NULL;"
	    "INSERT INTO merge_rubric SELECT r.id, m.id FROM ov_rubric r"
	    " JOIN rubric m ON m.capability = r.capability AND m.version = r.version"
	    " WHERE r.id IS NOT NULL;";

	drop_maps(st);
	return store_exec(st, sql, errs);
}

/* ---- the gate, row by row ------------------------------------------------- */

/* A time column that passes the gate; `where` names its row. */
static void
check_time(struct problems *p, const struct stmt *q, int col, time_t now, const char *where)
{
	const char *why, *t = stmt_text(q, col);

	if (t == NULL)
		merge_problem(p, _("%s: the time is not text"), where);
	else if ((why = gate_time(t, now)) != NULL)
		merge_problem(p, _("%s: time '%s': %s"), where, t, why);
}

/* Where a row of theirs is: its reviewer (name, row), its output (model,
 * prompt, version, row), whether the output is here; row_where() puts them
 * in words. */
#define ROW_WHERE(table) \
	" vr.name, x.reviewer, om.name, op.name, op.version, x.output," \
	" mo.main IS NOT NULL" \
	" FROM " table " x LEFT JOIN ov_reviewer vr ON vr.id = x.reviewer" \
	" LEFT JOIN ov_output oo ON oo.id = x.output LEFT JOIN ov_prompt op ON op.id = oo.prompt" \
	" LEFT JOIN ov_model om ON om.id = oo.model" \
	" LEFT JOIN merge_output mo ON mo.other = x.output"
/* One page of the rows, by their number in the copy. */
#define PAGE " WHERE x.n > ? AND x.n <= ?"

enum row_kind { ROW_RATING, ROW_REVIEW, ROW_HISTORY };

/* The reviewer's name, or which row of theirs is missing; NULL (shown
 * as "?") when neither is known. */
static char *
row_reviewer(const struct stmt *q, int first)
{
	if (stmt_null(q, first))
		return stmt_null(q, first + 1) ? NULL :
		    xasprintf(_("(no reviewer %s)"), text_of(q, first + 1));
	return xstrdup(text_of(q, first));
}

static char *
row_output(const struct stmt *q, int first)
{
	int i;

	for (i = first + 2; i <= first + 4; i++) {
		if (stmt_null(q, i))
			return stmt_null(q, first + 5) ? NULL :
			    xasprintf(_("(no output %s)"), text_of(q, first + 5));
	}
	/* TRANSLATORS: an output: model, prompt, prompt version. */
	return xasprintf(_("%s for %s v%s"), text_of(q, first + 2), text_of(q, first + 3),
	    text_of(q, first + 4));
}

static char *
row_where(const struct stmt *q, int first, enum row_kind kind, const char *cap,
    const char *axis)
{
	char *who = row_reviewer(q, first), *what = row_output(q, first), *w;
	const char *v = who != NULL ? who : "?", *o = what != NULL ? what : "?";

	switch (kind) {
	case ROW_RATING:
		/* TRANSLATORS: reviewer, output, capability, axis. */
		w = xasprintf(_("rating by '%1$s' of %2$s, %3$s %4$s"), v, o, cap, axis);
		break;
	case ROW_REVIEW:
		w = xasprintf(_("review by '%s' of %s"), v, o);
		break;
	default:
		w = xasprintf(_("history by '%s' of %s"), v, o);
		break;
	}
	free(who);
	free(what);
	return w;
}

/* One check over their rows: its SQL (two parameters, a page of row
 * numbers), the largest row number, and what it says of each row. */
struct row_check {
	const char	*sql;
	const char	*last;
	void		(*row)(const struct stmt *, struct problems *, time_t now);
};

static int
run_check(struct store *st, const struct row_check *c, struct problems *p, time_t now)
{
	int64_t last, lo;
	struct stmt q;
	int rc;

	if ((rc = store_get_int(st, p->errs, &last, c->last, "")) != 0)
		return rc;
	for (lo = 0; lo < last; lo += MERGE_PAGE) {
		stmt_open(&q, st, p->errs, c->sql, "ii", lo, lo + MERGE_PAGE);
		while (stmt_row(&q))
			c->row(&q, p, now);
		if ((rc = stmt_done(&q)) != 0)
			return rc;
	}
	return 0;
}

static void
reviewer_row(const struct stmt *q, struct problems *p, time_t now)
{
	const char *why, *name = stmt_text(q, 1);
	char *where = xasprintf(_("reviewer %lld"), (long long)stmt_int(q, 0));

	if (!stmt_null(q, 3))
		merge_problem(p, "%s: %s", where, text_of(q, 3));
	else if (name == NULL)
		merge_problem(p, _("%s: the name is not text"), where);
	else if ((why = gate_name(name)) != NULL)
		merge_problem(p, _("%s: name '%s': %s"), where, name, why);
	check_time(p, q, 2, now, where);
	free(where);
}

static const struct row_check reviewers = {
	"SELECT x.id, x.name, x.created, x.bad FROM ov_reviewer x" PAGE,
	"SELECT coalesce(max(n), 0) FROM ov_reviewer",
	reviewer_row,
};

/* What is wrong with a rating whose values have their types, or NULL. */
static void
rating_fit(const struct stmt *q, struct problems *p, const char *where, const char *cap,
    const char *axis)
{
	const char *why;

	if (!stmt_int(q, 10))
		merge_problem(p, _("%s: no such reviewer or output there"), where);
	else if (cap == NULL || axis == NULL)
		merge_problem(p, _("%s: capability and axis are not text"), where);
	else if ((why = gate_capability(cap)) != NULL)
		merge_problem(p, "%s: %s", where, why);
	else if (stmt_null(q, 4))
		merge_problem(p, _("%s: its rubric is not in this database"), where);
	else if (strcmp(cap, text_of(q, 5)) != 0)
		merge_problem(p, _("%s: its rubric is for %s"), where, text_of(q, 5));
	else if (!stmt_int(q, 8))
		merge_problem(p, _("%s: the %s rubric has no axis '%s'"), where, cap, axis);
	else if (stmt_int(q, 18) && !stmt_int(q, 9))
		merge_problem(p, _("%s: the prompt is not rated for %s"), where, cap);
	if (!stmt_null(q, 2) && !stmt_null(q, 4) && (why = gate_score(stmt_int(q, 2),
	    stmt_int(q, 6), stmt_int(q, 7))) != NULL)
		merge_problem(p, "%s: %s", where, why);
}

static void
rating_row(const struct stmt *q, struct problems *p, time_t now)
{
	const char *cap = stmt_text(q, 0), *axis = stmt_text(q, 1);
	char *where = row_where(q, 12, ROW_RATING, cap != NULL ? cap : "?",
	    axis != NULL ? axis : "?");

	/* A value not of its column's type: the row is refused for that. */
	if (!stmt_null(q, 11))
		merge_problem(p, "%s: %s", where, text_of(q, 11));
	else
		rating_fit(q, p, where, cap, axis);
	check_time(p, q, 3, now, where);
	free(where);
}

static const struct row_check ratings = {
	"SELECT x.capability, x.axis, x.score, x.changed, mr.main,"
	" r.capability, r.scale_min, r.scale_max,"
	" (SELECT count(*) FROM axis a WHERE a.rubric = mr.main AND a.axis = x.axis),"
	" (SELECT count(*) FROM output o JOIN prompt_capability pc"
	"  ON pc.prompt = o.prompt WHERE o.id = mo.main AND pc.capability = x.capability),"
	" vr.name IS NOT NULL AND oo.id IS NOT NULL, x.bad,"
	ROW_WHERE("ov_rating") " LEFT JOIN merge_rubric mr ON mr.other = x.rubric"
	" LEFT JOIN rubric r ON r.id = mr.main" PAGE,
	"SELECT coalesce(max(n), 0) FROM ov_rating",
	rating_row,
};

static void
review_row(const struct stmt *q, struct problems *p, time_t now)
{
	char *where = row_where(q, 6, ROW_REVIEW, NULL, NULL);
	const char *flag = stmt_text(q, 0);
	double secs = stmt_double(q, 2);
	int64_t skipped = stmt_int(q, 3);
	bool typed = stmt_null(q, 5);	/* every value of its column's type */

	if (!stmt_int(q, 4))
		merge_problem(p, _("%s: no such reviewer or output there"), where);
	if (!typed)
		merge_problem(p, "%s: %s", where, text_of(q, 5));
	/* "" never passes: the rule's sentence, whatever the value was. */
	if (flag != NULL && gate_flag(flag) != NULL)
		merge_problem(p, _("%s: unknown flag '%s' (%s)"), where, flag, gate_flag(""));
	if (typed && (stmt_null(q, 2) || gate_seconds(secs) != NULL))
		merge_problem(p, _("%s: %s seconds spent: %s"), where, text_of(q, 2),
		    gate_seconds(-1));
	if (typed && (stmt_null(q, 3) || (skipped != 0 && skipped != 1)))
		merge_problem(p, _("%s: 'skipped' is not 0 or 1"), where);
	check_time(p, q, 1, now, where);
	free(where);
}

static const struct row_check reviews = {
	"SELECT x.flag, x.changed, x.active_seconds, x.skipped,"
	" vr.name IS NOT NULL AND oo.id IS NOT NULL, x.bad," ROW_WHERE("ov_review") PAGE,
	"SELECT coalesce(max(n), 0) FROM ov_review",
	review_row,
};

static void
history_row(const struct stmt *q, struct problems *p, time_t now)
{
	char *where = row_where(q, 5, ROW_HISTORY, NULL, NULL);
	const char *field = text_of(q, 1), *actor = stmt_text(q, 2);

	if (!stmt_int(q, 3))
		merge_problem(p, _("%s: no such reviewer or output there"), where);
	if (!stmt_null(q, 4))
		merge_problem(p, "%s: %s", where, text_of(q, 4));
	if (strcmp(field, "score") != 0 && strcmp(field, "note") != 0 &&
	    strcmp(field, "flag") != 0)
		merge_problem(p, _("%s: field '%s' is not score, note or flag"), where, field);
	if (actor != NULL && gate_name(actor) != NULL)
		merge_problem(p, _("%s: actor '%s': %s"), where, actor, gate_name(""));
	check_time(p, q, 0, now, where);
	free(where);
}

static const struct row_check history = {
	"SELECT x.at, x.field, x.actor, vr.name IS NOT NULL AND oo.id IS NOT NULL, x.bad,"
	ROW_WHERE("ov_history") PAGE,
	"SELECT coalesce(max(n), 0) FROM ov_history",
	history_row,
};

/* Everyone under whose name this merge would add or change something: the
 * rows the same here write nothing, so a copy holding colleagues' ratings
 * unchanged needs no --as. */
static const char writers_sql[] =
    "SELECT vr.name FROM ov_rating g JOIN ov_reviewer vr ON vr.id = g.reviewer"
    " JOIN merge_output mo ON mo.other = g.output"
    " WHERE NOT EXISTS (SELECT 1 FROM rating x JOIN reviewer v ON v.id = x.reviewer"
    "  WHERE v.name = vr.name AND x.output = mo.main AND x.capability = g.capability"
    "  AND x.axis = g.axis AND x.score IS NOT DISTINCT FROM g.score)"
    " UNION SELECT vr.name FROM ov_review w JOIN ov_reviewer vr ON vr.id = w.reviewer"
    " JOIN merge_output mo ON mo.other = w.output"
    " WHERE NOT EXISTS (SELECT 1 FROM review x JOIN reviewer v ON v.id = x.reviewer"
    "  WHERE v.name = vr.name AND x.output = mo.main AND x.note IS NOT DISTINCT FROM w.note"
    "  AND x.flag IS NOT DISTINCT FROM w.flag"
    "  AND x.flag_reason IS NOT DISTINCT FROM w.flag_reason"
    "  AND x.active_seconds >= w.active_seconds)"
    " UNION SELECT vr.name FROM ov_history h JOIN ov_reviewer vr ON vr.id = h.reviewer"
    " JOIN merge_output mo ON mo.other = h.output"
    " WHERE NOT EXISTS (SELECT 1 FROM history x JOIN reviewer v ON v.id = x.reviewer"
    "  WHERE x.at = h.at AND v.name = vr.name AND x.output = mo.main AND x.field = h.field"
    "  AND x.capability IS NOT DISTINCT FROM h.capability"
    "  AND x.axis IS NOT DISTINCT FROM h.axis"
    "  AND x.old IS NOT DISTINCT FROM h.old AND x.new IS NOT DISTINCT FROM h.new)";

static int
check_writers(struct store *st, struct problems *p)
{
	const char *why, *name;
	struct stmt q;

	stmt_open(&q, st, p->errs, writers_sql, "");
	while (stmt_row(&q)) {
		name = text_of(&q, 0);
		if (gate_name(name) == NULL && (why = store_writer_refusal(st, name)) != NULL)
			merge_problem(p, _("ratings under '%s': %s"), name, why);
	}
	return stmt_done(&q);
}

/* Every row of theirs through the gate: 0, or the first failure. */
static int
check_rows(struct store *st, struct problems *p)
{
	static const struct row_check *const checks[] = {
		&reviewers, &ratings, &reviews, &history,
	};
	time_t now = time(NULL);
	size_t i;
	int rc = 0;

	for (i = 0; i < nitems(checks) && rc == 0; i++)
		rc = run_check(st, checks[i], p, now);
	return rc;
}

int
store_merge_check(struct store *st, const char *path, const time_t *deadline, bool *adopt,
    struct errlist *errs)
{
	struct problems p = { errs, path, 0 };
	int rc, content;

	*adopt = false;
	if ((rc = merge_copy(st, path, deadline, &p)) != 0 ||
	    (rc = merge_problems_end(&p)) != 0 ||
	    (rc = check_same_study(st, path, adopt, &p)) != 0)
		return rc;
	/* Content that differs is listed by check_content itself. */
	if ((content = check_content(st, path, errs)) == STORE_RUNTIME ||
	    (rc = build_maps(st, errs)) != 0)
		return STORE_RUNTIME;
	if ((rc = check_rows(st, &p)) == 0)
		rc = check_writers(st, &p);
	if (store_merge_past((void *)deadline)) {
		err_add(errs, _("%s: checking it took longer than %d seconds"), path, MERGE_SECONDS);
		return STORE_INPUT;
	}
	if (rc != 0)
		return rc;
	return merge_problems_end(&p) != 0 || content != 0 ? STORE_INPUT : 0;
}

void
store_merge_drop(struct store *st)
{
	drop_maps(st);
	merge_drop_copies(st);
}
