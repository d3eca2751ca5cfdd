/* store-merge.c: bringing the ratings, notes, flags and history of other
 * copies of the same study (a reviewer who rated offline) into this one.
 *
 * Each other database is attached read-only and matched to this one by
 * content: every output, prompt version and rubric version its ratings touch
 * must exist here with the same hash.  The same value on both sides merges
 * once; different values for one reviewer x output x capability x axis (or
 * one note or flag) are conflicts.  Everything happens in one transaction:
 * refused or conflicting, nothing is written. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store-internal.h"

/* The time of a change, for SQL built with sqlite3_mprintf (% doubled). */
#define NOW_FMT "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now')"

/* The tables of the other database, seen through TEMP views under fixed
 * names, so one set of queries serves every attached file. */
static const char *const merged_tables[] = {
	"rating", "reviewer", "output", "prompt", "model", "rubric", "review", "history",
	"study", NULL,
};

static int
attach(struct store *st, const char *path, size_t i, struct errlist *errs)
{
	sqlite3_stmt *s;
	char *uri, *sql;
	int rc;

	/* Read-only: merging never writes to the other file. */
	uri = store_uri(path, "mode=ro");
	sql = sqlite3_mprintf("ATTACH DATABASE ? AS other%zu", i);
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	sqlite3_free(sql);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, uri, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
	}
	free(uri);
	if (rc != SQLITE_DONE) {
		err_add(errs, "%s: cannot open it: %s", path, sqlite3_errmsg(st->db));
		return STORE_INPUT;
	}
	return 0;
}

static void
detach(struct store *st, size_t i)
{
	char *sql = sqlite3_mprintf("DETACH DATABASE other%zu", i);

	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
}

static int
views_for(struct store *st, size_t i, struct errlist *errs)
{
	size_t t;
	int rc = 0;

	for (t = 0; merged_tables[t] != NULL && rc == 0; t++) {
		char *sql = sqlite3_mprintf("DROP VIEW IF EXISTS temp.ov_%s;"
		    "CREATE TEMP VIEW ov_%s AS SELECT * FROM other%zu.%s", merged_tables[t],
		    merged_tables[t], i, merged_tables[t]);

		rc = store_exec(st, sql, errs);
		sqlite3_free(sql);
	}
	return rc;
}

static int64_t
other_pragma(struct store *st, size_t i, const char *name)
{
	char *sql = sqlite3_mprintf("PRAGMA other%zu.%s", i, name);
	sqlite3_stmt *s;
	int64_t v = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_free(sql);
	return v;
}

static int
check_same_study(struct store *st, const char *path, size_t i, struct errlist *errs)
{
	sqlite3_stmt *s;
	int rc, same = 0;

	if (other_pragma(st, i, "application_id") != 0x50414e4c) {
		err_add(errs, "%s is not a panelist study database", path);
		return STORE_INPUT;
	}
	if (other_pragma(st, i, "user_version") != STORE_SCHEMA_VERSION) {
		err_add(errs, "%s has schema %lld, this database %d: open it with this panelist "
		    "once ('panelist --db %s init') to upgrade it first", path,
		    (long long)other_pragma(st, i, "user_version"), STORE_SCHEMA_VERSION, path);
		return STORE_INPUT;
	}
	if ((rc = views_for(st, i, errs)) != 0)
		return rc;
	s = store_stmt(st, "SELECT (SELECT value FROM ov_study WHERE key = 'id') ="
	    " (SELECT value FROM main.study WHERE key = 'id')", errs);
	if (s == NULL)
		return STORE_RUNTIME;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		same = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, errs, "reading the other study");
	if (!same) {
		err_add(errs, "%s belongs to another study (its study id differs): refused", path);
		return STORE_INPUT;
	}
	return 0;
}

/* Outputs (with their prompt version) and rubric versions the other
 * database's ratings use, each matched here by name, version and hash. */
static int
check_content(struct store *st, const char *path, struct errlist *errs)
{
	static const char sql[] =
	    "SELECT 'output of ' || om.name || ' for ' || op.name || ' v' || op.version"
	    " FROM ov_output oo JOIN ov_prompt op ON op.id = oo.prompt"
	    " JOIN ov_model om ON om.id = oo.model"
	    " WHERE (oo.id IN (SELECT output FROM ov_rating)"
	    "  OR oo.id IN (SELECT output FROM ov_review))"
	    " AND NOT EXISTS (SELECT 1 FROM main.output o JOIN main.prompt p ON p.id = o.prompt"
	    "  JOIN main.model m ON m.id = o.model WHERE p.name = op.name"
	    "  AND p.version = op.version AND p.hash = op.hash AND m.name = om.name"
	    "  AND o.hash = oo.hash)"
	    " UNION ALL"
	    " SELECT 'rubric ' || r.capability || ' v' || r.version FROM ov_rubric r"
	    " WHERE r.id IN (SELECT rubric FROM ov_rating) AND NOT EXISTS (SELECT 1 FROM"
	    "  main.rubric m WHERE m.capability = r.capability AND m.version = r.version"
	    "  AND m.hash = r.hash)";
	sqlite3_stmt *s = store_stmt(st, sql, errs);
	size_t bad = 0;
	int rc;

	if (s == NULL)
		return STORE_RUNTIME;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		err_add(errs, "%s: %s is not in this database with the same content "
		    "(import the same files here first)", path, sqlite3_column_text(s, 0));
		bad++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, errs, "comparing content");
	return bad > 0 ? STORE_INPUT : 0;
}

/* A temporary map from the other database's rows to ours. */
static int
build_maps(struct store *st, struct errlist *errs)
{
	static const char sql[] =
	    "DROP TABLE IF EXISTS temp.merge_output;"
	    "DROP TABLE IF EXISTS temp.merge_rubric;"
	    "CREATE TEMP TABLE merge_output(other INTEGER PRIMARY KEY, main INTEGER);"
	    "CREATE TEMP TABLE merge_rubric(other INTEGER PRIMARY KEY, main INTEGER);"
	    "INSERT OR IGNORE INTO main.reviewer(name, created)"
	    " SELECT name, created FROM ov_reviewer;"
	    "INSERT INTO merge_output SELECT oo.id, o.id FROM ov_output oo"
	    " JOIN ov_prompt op ON op.id = oo.prompt JOIN ov_model om ON om.id = oo.model"
	    " JOIN main.prompt p ON p.name = op.name AND p.version = op.version"
	    " JOIN main.model m ON m.name = om.name"
	    " JOIN main.output o ON o.prompt = p.id AND o.model = m.id;"
	    "INSERT INTO merge_rubric SELECT r.id, m.id FROM ov_rubric r"
	    " JOIN main.rubric m ON m.capability = r.capability AND m.version = r.version;";

	return store_exec(st, sql, errs);
}

/* Their ratings in our ids, beside ours where we have one. */
#define THEIRS \
	"SELECT v.id AS reviewer, mo.main AS output, g.capability, g.axis," \
	" mr.main AS rubric, g.score, g.changed, vr.name AS who," \
	" (SELECT count(*) FROM main.rating x WHERE x.reviewer = v.id AND x.output = mo.main" \
	"   AND x.capability = g.capability AND x.axis = g.axis) AS ours_exists," \
	" (SELECT x.score FROM main.rating x WHERE x.reviewer = v.id AND x.output = mo.main" \
	"   AND x.capability = g.capability AND x.axis = g.axis) AS ours," \
	" (SELECT x.changed FROM main.rating x WHERE x.reviewer = v.id AND x.output = mo.main" \
	"   AND x.capability = g.capability AND x.axis = g.axis) AS ours_changed" \
	" FROM ov_rating g JOIN ov_reviewer vr ON vr.id = g.reviewer" \
	" JOIN main.reviewer v ON v.name = vr.name" \
	" JOIN temp.merge_output mo ON mo.other = g.output" \
	" JOIN temp.merge_rubric mr ON mr.other = g.rubric"

static int
list_conflicts(struct store *st, const char *path, struct errlist *errs, size_t *n)
{
	static const char sql[] =
	    "SELECT t.who, p.name, m.name, t.capability, t.axis,"
	    " coalesce(t.ours, 'NA'), coalesce(t.score, 'NA')"
	    " FROM (" THEIRS ") t JOIN main.output o ON o.id = t.output"
	    " JOIN main.prompt p ON p.id = o.prompt JOIN main.model m ON m.id = o.model"
	    " WHERE t.ours_exists AND t.ours IS NOT t.score";
	sqlite3_stmt *s = store_stmt(st, sql, errs);
	int rc;

	if (s == NULL)
		return STORE_RUNTIME;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		err_add(errs, "conflict: %s rated %s (%s) %s %s as %s here and %s in %s",
		    sqlite3_column_text(s, 0), sqlite3_column_text(s, 1), sqlite3_column_text(s, 2),
		    sqlite3_column_text(s, 3), sqlite3_column_text(s, 4), sqlite3_column_text(s, 5),
		    sqlite3_column_text(s, 6), path);
		(*n)++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, errs, "comparing ratings");
}

static int
review_conflicts(struct store *st, const char *path, struct errlist *errs, size_t *n)
{
	static const char sql[] =
	    "SELECT vr.name, p.name, m.name,"
	    " CASE WHEN w.note IS NOT x.note THEN 'note' ELSE 'flag' END"
	    " FROM ov_review w JOIN ov_reviewer vr ON vr.id = w.reviewer"
	    " JOIN main.reviewer v ON v.name = vr.name"
	    " JOIN temp.merge_output mo ON mo.other = w.output"
	    " JOIN main.review x ON x.reviewer = v.id AND x.output = mo.main"
	    " JOIN main.output o ON o.id = mo.main JOIN main.prompt p ON p.id = o.prompt"
	    " JOIN main.model m ON m.id = o.model"
	    " WHERE (w.note IS NOT x.note AND w.note IS NOT NULL AND x.note IS NOT NULL)"
	    "  OR (w.flag IS NOT x.flag AND w.flag IS NOT NULL AND x.flag IS NOT NULL)"
	    "  OR (w.flag IS x.flag AND w.flag_reason IS NOT x.flag_reason)";
	sqlite3_stmt *s = store_stmt(st, sql, errs);
	int rc;

	if (s == NULL)
		return STORE_RUNTIME;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		err_add(errs, "conflict: %s's %s on %s (%s) differs here and in %s",
		    sqlite3_column_text(s, 0), sqlite3_column_text(s, 3), sqlite3_column_text(s, 1),
		    sqlite3_column_text(s, 2), path);
		(*n)++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, errs, "comparing notes and flags");
}

/* New ratings, and with --prefer newer the conflicts their side won; the
 * value replaced goes into history, so nothing is lost. */
static int
merge_ratings(struct store *st, bool prefer_newer, struct merge_counts *c, struct errlist *errs)
{
	char *sql;
	int rc;

	sql = sqlite3_mprintf(
	    "CREATE TEMP TABLE merge_win AS SELECT * FROM (" THEIRS ") t"
	    " WHERE NOT t.ours_exists OR (%d AND t.ours IS NOT t.score"
	    "  AND t.changed > t.ours_changed);"
	    "INSERT INTO main.history(at, reviewer, output, capability, axis, field, old, new, actor)"
	    " SELECT " NOW_FMT ", reviewer, output, capability, axis, 'score',"
	    "  CASE WHEN ours_exists THEN coalesce(CAST(ours AS TEXT), 'NA') END,"
	    "  coalesce(CAST(score AS TEXT), 'NA'), 'merge' FROM temp.merge_win;"
	    "INSERT INTO main.rating(reviewer, output, capability, axis, rubric, score, changed)"
	    " SELECT reviewer, output, capability, axis, rubric, score, changed FROM temp.merge_win"
	    " WHERE true ON CONFLICT DO UPDATE SET rubric = excluded.rubric,"
	    " score = excluded.score, changed = excluded.changed;",
	    prefer_newer ? 1 : 0);
	rc = store_exec(st, sql, errs);
	sqlite3_free(sql);
	if (rc == 0) {
		c->ratings_added += (size_t)store_int(st, "SELECT count(*) FROM temp.merge_win "
		    "WHERE NOT ours_exists", "");
		c->ratings_replaced += (size_t)store_int(st, "SELECT count(*) FROM temp.merge_win "
		    "WHERE ours_exists", "");
		c->ratings_same += (size_t)store_int(st, "SELECT count(*) FROM (" THEIRS ") t "
		    "WHERE t.ours_exists AND t.ours IS t.score", "");
	}
	store_exec(st, "DROP TABLE IF EXISTS temp.merge_win", NULL);
	return rc;
}

/* Notes and flags fill in where ours are empty or, preferring the newer,
 * where theirs changed later; time spent is the larger of the two, since
 * both copies hold whatever was spent before they parted. */
static int
merge_reviews(struct store *st, bool prefer_newer, struct errlist *errs)
{
	char *sql = sqlite3_mprintf(
	    "INSERT INTO main.review(reviewer, output, note, flag, flag_reason, active_seconds,"
	    "  skipped, changed)"
	    " SELECT v.id, mo.main, w.note, w.flag, w.flag_reason, w.active_seconds, w.skipped,"
	    "  w.changed FROM ov_review w JOIN ov_reviewer vr ON vr.id = w.reviewer"
	    " JOIN main.reviewer v ON v.name = vr.name"
	    " JOIN temp.merge_output mo ON mo.other = w.output WHERE true"
	    " ON CONFLICT DO UPDATE SET"
	    "  note = CASE WHEN note IS NULL OR (%d AND excluded.changed > changed"
	    "   AND excluded.note IS NOT NULL) THEN excluded.note ELSE note END,"
	    "  flag_reason = CASE WHEN flag IS NULL OR (%d AND excluded.changed > changed"
	    "   AND excluded.flag IS NOT NULL) THEN excluded.flag_reason ELSE flag_reason END,"
	    "  flag = CASE WHEN flag IS NULL OR (%d AND excluded.changed > changed"
	    "   AND excluded.flag IS NOT NULL) THEN excluded.flag ELSE flag END,"
	    "  active_seconds = max(active_seconds, excluded.active_seconds),"
	    "  changed = max(changed, excluded.changed);",
	    prefer_newer, prefer_newer, prefer_newer);
	int rc = store_exec(st, sql, errs);

	sqlite3_free(sql);
	return rc;
}

/* Their history rows that we do not have, in their order. */
static int
merge_history(struct store *st, struct merge_counts *c, struct errlist *errs)
{
	static const char sql[] =
	    "INSERT INTO main.history(at, reviewer, output, capability, axis, field, old, new, actor)"
	    " SELECT h.at, v.id, mo.main, h.capability, h.axis, h.field, h.old, h.new, h.actor"
	    " FROM ov_history h JOIN ov_reviewer vr ON vr.id = h.reviewer"
	    " JOIN main.reviewer v ON v.name = vr.name"
	    " JOIN temp.merge_output mo ON mo.other = h.output"
	    " WHERE NOT EXISTS (SELECT 1 FROM main.history x WHERE x.at = h.at"
	    "  AND x.reviewer = v.id AND x.output = mo.main AND x.field = h.field"
	    "  AND x.capability IS h.capability AND x.axis IS h.axis"
	    "  AND x.old IS h.old AND x.new IS h.new)"
	    " ORDER BY h.id";
	int64_t before = store_int(st, "SELECT count(*) FROM main.history", "");
	int rc = store_exec(st, sql, errs);

	c->history_added += (size_t)(store_int(st, "SELECT count(*) FROM main.history", "") - before);
	return rc;
}

static int
merge_one(struct store *st, const char *path, size_t i, bool prefer_newer,
    struct merge_counts *c, struct errlist *errs)
{
	size_t conflicts = 0;
	int rc;

	if ((rc = check_same_study(st, path, i, errs)) != 0 ||
	    (rc = check_content(st, path, errs)) != 0 ||
	    (rc = build_maps(st, errs)) != 0)
		return rc;
	if (!prefer_newer) {
		if ((rc = list_conflicts(st, path, errs, &conflicts)) != 0 ||
		    (rc = review_conflicts(st, path, errs, &conflicts)) != 0)
			return rc;
		if (conflicts > 0) {
			err_add(errs, "%zu conflicts with %s; nothing merged (--prefer newer keeps "
			    "the later change of each and puts the other in the history)",
			    conflicts, path);
			return STORE_INPUT;
		}
	}
	if ((rc = merge_history(st, c, errs)) != 0 ||
	    (rc = merge_ratings(st, prefer_newer, c, errs)) != 0)
		return rc;
	return merge_reviews(st, prefer_newer, errs);
}

static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	    sa.st_ino == sb.st_ino;
}

int
store_merge(struct store *st, char *const *paths, size_t n, bool prefer_newer,
    struct merge_counts *c, struct errlist *errs)
{
	size_t i, attached = 0;
	int rc = 0;

	memset(c, 0, sizeof *c);
	if (n > 8) {
		err_add(errs, "merge: at most 8 databases at a time");
		return STORE_INPUT;
	}
	for (i = 0; i < n; i++) {
		if (same_file(paths[i], st->path)) {
			err_add(errs, "%s: cannot merge a database into itself", paths[i]);
			return STORE_INPUT;
		}
	}
	/* ATTACH is refused inside a transaction: attach them all first, so that
	 * the merge of every file is one transaction. */
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = attach(st, paths[i], i, errs)) == 0)
			attached++;
	}
	if (rc == 0)
		rc = store_begin(st, errs);
	for (i = 0; i < n && rc == 0; i++)
		rc = merge_one(st, paths[i], i, prefer_newer, c, errs);
	if (rc == 0)
		rc = store_commit(st, errs);
	if (rc != 0)
		store_rollback(st);
	store_exec(st, "DROP TABLE IF EXISTS temp.merge_output;"
	    "DROP TABLE IF EXISTS temp.merge_rubric", NULL);
	for (i = 0; merged_tables[i] != NULL; i++) {
		char *sql = sqlite3_mprintf("DROP VIEW IF EXISTS temp.ov_%s", merged_tables[i]);

		sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
	}
	for (i = 0; i < attached; i++)
		detach(st, i);
	return rc;
}
