/* store/merge.c: bringing the ratings, notes, flags and history of other
 * copies of the same study (a reviewer who rated offline) into this one.
 *
 * The other file is read and checked first (store-merge-check.c), into TEMP
 * copies of its tables (ov_*) whose every row passed the gate (gate.h).
 * Rows are matched to this database by content: every output, prompt
 * version and rubric version its ratings touch must exist here with the
 * same hash.
 * The same value on both sides merges once; different values for one
 * reviewer x output x capability x axis (or one note or flag) are conflicts.
 * Everything happens in one transaction: refused or conflicting, nothing is
 * written. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "i18n.h"
#include "internal.h"

/* The time of a change, for SQL built with sqlite3_mprintf (% doubled). */
#define NOW_FMT "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now')"

/* The memory bound of a merge: SQLite's hard heap limit for the process,
 * held for the merge and restored afterwards. */
#define MERGE_HEAP	(512LL << 20)

/* The reviewers with rows to merge, made here. */
static int
add_reviewers(struct store *st, struct errlist *errs)
{
	return store_exec(st, "INSERT OR IGNORE INTO main.reviewer(name, created)"
	    " SELECT name, created FROM ov_reviewer WHERE id IN (SELECT reviewer FROM ov_rating"
	    " UNION SELECT reviewer FROM ov_review UNION SELECT reviewer FROM ov_history)", errs);
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

/* Each row of sql, a conflict in words, listed with where the other
 * copy is; *n counts them. */
static const char *
col(const struct stmt *s, int i)
{
	const char *t = (const char *)stmt_text(s, i);

	return t != NULL ? t : "";
}

/* Each conflict is one sentence, put together here so that it translates. */
static int
list_conflicts(struct store *st, const char *path, struct errlist *errs, size_t *n)
{
	static const char sql[] =
	    "SELECT t.who, p.name, m.name, t.capability, t.axis, coalesce(t.ours, 'NA'),"
	    " coalesce(t.score, 'NA')"
	    " FROM (" THEIRS ") t JOIN main.output o ON o.id = t.output"
	    " JOIN main.prompt p ON p.id = o.prompt JOIN main.model m ON m.id = o.model"
	    " WHERE t.ours_exists AND t.ours IS NOT t.score";
	struct stmt q;

	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		/* TRANSLATORS: reviewer, prompt, model, capability, axis, the
		 * score here, the score in the other database, its file. */
		err_add(errs, _("conflict: %1$s rated %2$s (%3$s) %4$s %5$s as %6$s here and "
		    "%7$s in %8$s"), col(&q, 0), col(&q, 1), col(&q, 2), col(&q, 3),
		    col(&q, 4), col(&q, 5), col(&q, 6), path);
		(*n)++;
	}
	return stmt_done(&q);
}

static int
review_conflicts(struct store *st, const char *path, struct errlist *errs, size_t *n)
{
	static const char sql[] =
	    "SELECT vr.name, w.note IS NOT x.note, p.name, m.name"
	    " FROM ov_review w JOIN ov_reviewer vr ON vr.id = w.reviewer"
	    " JOIN main.reviewer v ON v.name = vr.name"
	    " JOIN temp.merge_output mo ON mo.other = w.output"
	    " JOIN main.review x ON x.reviewer = v.id AND x.output = mo.main"
	    " JOIN main.output o ON o.id = mo.main JOIN main.prompt p ON p.id = o.prompt"
	    " JOIN main.model m ON m.id = o.model"
	    " WHERE (w.note IS NOT x.note AND w.note IS NOT NULL AND x.note IS NOT NULL)"
	    "  OR (w.flag IS NOT x.flag AND w.flag IS NOT NULL AND x.flag IS NOT NULL)"
	    "  OR (w.flag IS x.flag AND w.flag_reason IS NOT x.flag_reason)";
	struct stmt q;

	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		if ((int)stmt_int(&q, 1))
			err_add(errs, _("conflict: %s's note on %s (%s) differs here and in %s"),
			    col(&q, 0), col(&q, 2), col(&q, 3), path);
		else
			err_add(errs, _("conflict: %s's flag on %s (%s) differs here and in %s"),
			    col(&q, 0), col(&q, 2), col(&q, 3), path);
		(*n)++;
	}
	return stmt_done(&q);
}

/* New ratings, and with --prefer newer the conflicts their side won; the
 * value replaced goes into history, so nothing is lost.  The history row's
 * actor is 'merge', or the login of whoever merged someone else's rating. */
static int
merge_ratings(struct store *st, bool prefer_newer, struct merge_counts *c, struct errlist *errs)
{
	int64_t same, added = 0, replaced = 0;
	char *sql;
	int rc;

	/* Counted before writing: what is added now is not "already here". */
	if ((rc = store_get_int(st, errs, &same, "SELECT count(*) FROM (" THEIRS ") t "
	    "WHERE t.ours_exists AND t.ours IS t.score", "")) != 0)
		return rc;
	sql = sqlite3_mprintf(
	    "CREATE TEMP TABLE merge_win AS SELECT * FROM (" THEIRS ") t"
	    " WHERE NOT t.ours_exists OR (%d AND t.ours IS NOT t.score"
	    "  AND t.changed > t.ours_changed);"
	    "INSERT INTO main.history(at, reviewer, output, capability, axis, field, old, new, actor)"
	    " SELECT " NOW_FMT ", reviewer, output, capability, axis, 'score',"
	    "  CASE WHEN ours_exists THEN coalesce(CAST(ours AS TEXT), 'NA') END,"
	    "  coalesce(CAST(score AS TEXT), 'NA'),"
	    "  CASE WHEN %Q = '' OR who = %Q THEN 'merge' ELSE %Q END FROM temp.merge_win;"
	    "INSERT INTO main.rating(reviewer, output, capability, axis, rubric, score, changed)"
	    " SELECT reviewer, output, capability, axis, rubric, score, changed FROM temp.merge_win"
	    " WHERE true ON CONFLICT DO UPDATE SET rubric = excluded.rubric,"
	    " score = excluded.score, changed = excluded.changed;",
	    prefer_newer ? 1 : 0, st->writer, st->writer, st->writer);
	rc = store_exec(st, sql, errs);
	sqlite3_free(sql);
	if (rc == 0 && (rc = store_get_int(st, errs, &added, "SELECT count(*) FROM "
	    "temp.merge_win WHERE NOT ours_exists", "")) == 0)
		rc = store_get_int(st, errs, &replaced, "SELECT count(*) FROM temp.merge_win "
		    "WHERE ours_exists", "");
	if (rc == 0) {
		c->ratings_same += (size_t)same;
		c->ratings_added += (size_t)added;
		c->ratings_replaced += (size_t)replaced;
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
	int64_t before, after;
	int rc;

	if ((rc = store_get_int(st, errs, &before, "SELECT count(*) FROM main.history", "")) != 0 ||
	    (rc = store_exec(st, sql, errs)) != 0 ||
	    (rc = store_get_int(st, errs, &after, "SELECT count(*) FROM main.history", "")) != 0)
		return rc;
	c->history_added += (size_t)(after - before);
	return 0;
}

static int
merge_one(struct store *st, const char *path, const time_t *deadline, bool prefer_newer,
    struct merge_counts *c, struct errlist *errs)
{
	size_t conflicts = 0;
	int rc;

	if ((rc = store_merge_check(st, path, deadline, errs)) != 0 ||
	    (rc = add_reviewers(st, errs)) != 0)
		return rc;
	if (!prefer_newer) {
		if ((rc = list_conflicts(st, path, errs, &conflicts)) != 0 ||
		    (rc = review_conflicts(st, path, errs, &conflicts)) != 0)
			return rc;
		if (conflicts > 0) {
			err_add(errs, P_("%zu conflict with %s; nothing merged (--prefer newer "
			    "keeps the later change of each and puts the other in the history)",
			    "%zu conflicts with %s; nothing merged (--prefer newer keeps "
			    "the later change of each and puts the other in the history)",
			    conflicts), conflicts, path);
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
	time_t deadline = time(NULL) + MERGE_SECONDS;
	sqlite3_int64 heap;
	size_t i;
	int rc;

	memset(c, 0, sizeof *c);
	if (n > 8) {
		err_add(errs, _("merge: at most 8 databases at a time"));
		return STORE_INPUT;
	}
	for (i = 0; i < n; i++) {
		if (same_file(paths[i], st->path)) {
			err_add(errs, _("%s: cannot merge a database into itself"), paths[i]);
			return STORE_INPUT;
		}
	}
	heap = sqlite3_hard_heap_limit64(-1);
	if (heap == 0 || heap > MERGE_HEAP)
		sqlite3_hard_heap_limit64(MERGE_HEAP);
	sqlite3_progress_handler(store_sqlite(st), 1000, store_merge_past, &deadline);
	rc = store_begin(st, errs);
	for (i = 0; i < n && rc == 0; i++)
		rc = merge_one(st, paths[i], &deadline, prefer_newer, c, errs);
	if (rc == 0)
		rc = store_commit(st, errs);
	if (rc != 0)
		store_rollback(st);
	sqlite3_progress_handler(store_sqlite(st), 0, NULL, NULL);
	store_merge_drop(st);
	sqlite3_hard_heap_limit64(heap);
	if (rc != 0 && deadline < time(NULL) && errs->n == 0)
		err_add(errs, _("merge: stopped after %d seconds"), MERGE_SECONDS);
	return rc;
}
