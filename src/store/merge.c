/* store/merge.c: bringing the ratings, notes, flags and history of other
 * copies of the same study (a reviewer who rated offline) into this one.
 *
 * The other database, an SQLite file or a PostgreSQL address whichever this
 * one is, is read first into TEMP copies of its tables (ov_*, merge-copy.c)
 * whose every row then passes the gate (gate.h, merge-check.c).
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
#include "merge.h"

/* The memory bound of a merge: SQLite's hard heap limit for the process,
 * held for the merge and restored afterwards. */
#define MERGE_HEAP	(512LL << 20)

/* A study nobody has rated yet becomes the other's: its id, seed and
 * creation time (checked by merge-check.c), so that the two are one study
 * from now on, in whichever database. */
static int
adopt_study(struct store *st, const char *path, struct merge_counts *c,
    struct errlist *errs)
{
	int rc = store_run(st, errs, "INSERT INTO study(key, value) SELECT key, value"
	    " FROM ov_study WHERE key IN ('id', 'seed', 'created') AND value IS NOT NULL"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", "");

	if (rc == 0)
		c->adopted = path;
	return rc;
}

/* The reviewers with rows to merge, made here. */
static int
add_reviewers(struct store *st, struct errlist *errs)
{
	return store_exec(st, "INSERT INTO reviewer(name, created)"
	    " SELECT name, created FROM ov_reviewer WHERE id IN (SELECT reviewer FROM ov_rating"
	    " UNION SELECT reviewer FROM ov_review UNION SELECT reviewer FROM ov_history)"
	    " ON CONFLICT DO NOTHING", errs);
}

/* Their ratings in our ids, beside ours where we have one. */
#define THEIRS \
	"SELECT v.id AS reviewer, mo.main AS output, g.capability, g.axis," \
	" mr.main AS rubric, g.score, g.changed, vr.name AS who," \
	" (SELECT count(*) FROM rating x WHERE x.reviewer = v.id AND x.output = mo.main" \
	"   AND x.capability = g.capability AND x.axis = g.axis) AS ours_exists," \
	" (SELECT x.score FROM rating x WHERE x.reviewer = v.id AND x.output = mo.main" \
	"   AND x.capability = g.capability AND x.axis = g.axis) AS ours," \
	" (SELECT x.changed FROM rating x WHERE x.reviewer = v.id AND x.output = mo.main" \
	"   AND x.capability = g.capability AND x.axis = g.axis) AS ours_changed" \
	" FROM ov_rating g JOIN ov_reviewer vr ON vr.id = g.reviewer" \
	" JOIN reviewer v ON v.name = vr.name" \
	" JOIN merge_output mo ON mo.other = g.output" \
	" JOIN merge_rubric mr ON mr.other = g.rubric"

static const char *
col(const struct stmt *s, int i)
{
	const char *t = stmt_text(s, i);

	return t != NULL ? t : "";
}

/* Each conflict is one sentence, put together here so that it translates;
 * *n counts them. */
static int
list_conflicts(struct store *st, const char *path, struct errlist *errs, size_t *n)
{
	static const char sql[] =
	    "SELECT t.who, p.name, m.name, t.capability, t.axis,"
	    " coalesce(CAST(t.ours AS TEXT), 'NA'), coalesce(CAST(t.score AS TEXT), 'NA')"
	    " FROM (" THEIRS ") t JOIN output o ON o.id = t.output"
	    " JOIN prompt p ON p.id = o.prompt JOIN model m ON m.id = o.model"
	    " WHERE t.ours_exists > 0 AND t.ours IS DISTINCT FROM t.score";
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
	    "SELECT vr.name, w.note IS DISTINCT FROM x.note, p.name, m.name"
	    " FROM ov_review w JOIN ov_reviewer vr ON vr.id = w.reviewer"
	    " JOIN reviewer v ON v.name = vr.name"
	    " JOIN merge_output mo ON mo.other = w.output"
	    " JOIN review x ON x.reviewer = v.id AND x.output = mo.main"
	    " JOIN output o ON o.id = mo.main JOIN prompt p ON p.id = o.prompt"
	    " JOIN model m ON m.id = o.model"
	    " WHERE (w.note IS DISTINCT FROM x.note AND w.note IS NOT NULL"
	    "   AND x.note IS NOT NULL)"
	    "  OR (w.flag IS DISTINCT FROM x.flag AND w.flag IS NOT NULL AND x.flag IS NOT NULL)"
	    "  OR (w.flag IS NOT DISTINCT FROM x.flag"
	    "   AND w.flag_reason IS DISTINCT FROM x.flag_reason)";
	struct stmt q;

	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		if (stmt_int(&q, 1))
			err_add(errs, _("conflict: %s's note on %s (%s) differs here and in %s"),
			    col(&q, 0), col(&q, 2), col(&q, 3), path);
		else
			err_add(errs, _("conflict: %s's flag on %s (%s) differs here and in %s"),
			    col(&q, 0), col(&q, 2), col(&q, 3), path);
		(*n)++;
	}
	return stmt_done(&q);
}

/* The ratings of theirs that win: new here, or with --prefer newer a
 * conflict their side changed later. */
static const char win_sql[] =
    "INSERT INTO merge_win SELECT * FROM (" THEIRS ") t"
    " WHERE t.ours_exists = 0 OR (? <> 0 AND t.ours IS DISTINCT FROM t.score"
    "  AND t.changed > t.ours_changed)";

/* The value each replaces, into history; the actor is 'merge', or the
 * login of whoever merged someone else's rating. */
static const char win_history_sql[] =
    "INSERT INTO history(at, reviewer, output, capability, axis, field, old, new, actor)"
    " SELECT " SQL_NOW ", reviewer, output, capability, axis, 'score',"
    "  CASE WHEN ours_exists > 0 THEN coalesce(CAST(ours AS TEXT), 'NA') END,"
    "  coalesce(CAST(score AS TEXT), 'NA'),"
    "  CASE WHEN ? = '' OR who = ? THEN 'merge' ELSE ? END FROM merge_win ORDER BY who,"
    "  output, capability, axis";

static const char win_rating_sql[] =
    "INSERT INTO rating(reviewer, output, capability, axis, rubric, score, changed)"
    " SELECT reviewer, output, capability, axis, rubric, score, changed FROM merge_win"
    " WHERE true ON CONFLICT (reviewer, output, capability, axis) DO UPDATE SET"
    " rubric = excluded.rubric, score = excluded.score, changed = excluded.changed";

static void
drop_win(struct store *st)
{
	store_exec(st, st->engine == &engine_postgres ? "DROP TABLE IF EXISTS pg_temp.merge_win" :
	    "DROP TABLE IF EXISTS temp.merge_win", NULL);
}

/* New ratings, and with --prefer newer the conflicts their side won; the
 * value replaced goes into history, so nothing is lost. */
static int
merge_ratings(struct store *st, bool prefer_newer, struct merge_counts *c, struct errlist *errs)
{
	int64_t same, added = 0, replaced = 0;
	int rc;

	/* Counted before writing: what is added now is not "already here". */
	if ((rc = store_get_int(st, errs, &same, "SELECT count(*) FROM (" THEIRS ") t "
	    "WHERE t.ours_exists > 0 AND t.ours IS NOT DISTINCT FROM t.score", "")) != 0)
		return rc;
	drop_win(st);
	if ((rc = store_exec(st, "CREATE TEMP TABLE merge_win(reviewer BIGINT, output BIGINT,"
	    " capability TEXT, axis TEXT, rubric BIGINT, score BIGINT, changed TEXT, who TEXT,"
	    " ours_exists BIGINT, ours BIGINT, ours_changed TEXT)", errs)) == 0 &&
	    (rc = store_run(st, errs, win_sql, "i", (int64_t)prefer_newer)) == 0 &&
	    (rc = store_run(st, errs, win_history_sql, "ttt", st->writer, st->writer,
	    st->writer)) == 0 &&
	    (rc = store_run(st, errs, win_rating_sql, "")) == 0 &&
	    (rc = store_get_int(st, errs, &added, "SELECT count(*) FROM merge_win "
	    "WHERE ours_exists = 0", "")) == 0)
		rc = store_get_int(st, errs, &replaced, "SELECT count(*) FROM merge_win "
		    "WHERE ours_exists > 0", "");
	if (rc == 0) {
		c->ratings_same += (size_t)same;
		c->ratings_added += (size_t)added;
		c->ratings_replaced += (size_t)replaced;
	}
	drop_win(st);
	return rc;
}

/* Notes and flags fill in where ours are empty or, preferring the newer,
 * where theirs changed later; time spent is the larger of the two, since
 * both copies hold whatever was spent before they parted. */
static int
merge_reviews(struct store *st, bool prefer_newer, struct errlist *errs)
{
	static const char sql[] =
	    "INSERT INTO review(reviewer, output, note, flag, flag_reason, active_seconds,"
	    "  skipped, changed)"
	    " SELECT v.id, mo.main, w.note, w.flag, w.flag_reason, w.active_seconds, w.skipped,"
	    "  w.changed FROM ov_review w JOIN ov_reviewer vr ON vr.id = w.reviewer"
	    " JOIN reviewer v ON v.name = vr.name"
	    " JOIN merge_output mo ON mo.other = w.output WHERE true"
	    " ON CONFLICT (reviewer, output) DO UPDATE SET"
	    "  note = CASE WHEN review.note IS NULL OR (? <> 0"
	    "   AND excluded.changed > review.changed AND excluded.note IS NOT NULL)"
	    "   THEN excluded.note ELSE review.note END,"
	    "  flag_reason = CASE WHEN review.flag IS NULL OR (? <> 0"
	    "   AND excluded.changed > review.changed AND excluded.flag IS NOT NULL)"
	    "   THEN excluded.flag_reason ELSE review.flag_reason END,"
	    "  flag = CASE WHEN review.flag IS NULL OR (? <> 0"
	    "   AND excluded.changed > review.changed AND excluded.flag IS NOT NULL)"
	    "   THEN excluded.flag ELSE review.flag END,"
	    "  active_seconds = CASE WHEN excluded.active_seconds > review.active_seconds"
	    "   THEN excluded.active_seconds ELSE review.active_seconds END,"
	    "  changed = CASE WHEN excluded.changed > review.changed"
	    "   THEN excluded.changed ELSE review.changed END";
	int64_t newer = prefer_newer;

	return store_run(st, errs, sql, "iii", newer, newer, newer);
}

/* Their history rows that we do not have, in their order. */
static int
merge_history(struct store *st, struct merge_counts *c, struct errlist *errs)
{
	static const char sql[] =
	    "INSERT INTO history(at, reviewer, output, capability, axis, field, old, new, actor)"
	    " SELECT h.at, v.id, mo.main, h.capability, h.axis, h.field, h.old, h.new, h.actor"
	    " FROM ov_history h JOIN ov_reviewer vr ON vr.id = h.reviewer"
	    " JOIN reviewer v ON v.name = vr.name"
	    " JOIN merge_output mo ON mo.other = h.output"
	    " WHERE NOT EXISTS (SELECT 1 FROM history x WHERE x.at = h.at"
	    "  AND x.reviewer = v.id AND x.output = mo.main AND x.field = h.field"
	    "  AND x.capability IS NOT DISTINCT FROM h.capability"
	    "  AND x.axis IS NOT DISTINCT FROM h.axis"
	    "  AND x.old IS NOT DISTINCT FROM h.old AND x.new IS NOT DISTINCT FROM h.new)"
	    " ORDER BY h.id";
	int64_t before, after;
	int rc;

	if ((rc = store_get_int(st, errs, &before, "SELECT count(*) FROM history", "")) != 0 ||
	    (rc = store_run(st, errs, sql, "")) != 0 ||
	    (rc = store_get_int(st, errs, &after, "SELECT count(*) FROM history", "")) != 0)
		return rc;
	c->history_added += (size_t)(after - before);
	return 0;
}

static int
merge_one(struct store *st, const char *path, const time_t *deadline, bool prefer_newer,
    struct merge_counts *c, struct errlist *errs)
{
	size_t conflicts = 0;
	bool adopt;
	int rc;


	if ((rc = store_merge_check(st, path, deadline, &adopt, errs)) != 0)
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
	/* Nothing is written before this point: a reviewer new here has no
	 * rows to conflict with, and PostgreSQL's ids, once drawn, stay drawn
	 * even when the merge is refused. */
	if ((adopt && (rc = adopt_study(st, path, c, errs)) != 0) ||
	    (rc = add_reviewers(st, errs)) != 0 ||
	    (rc = merge_history(st, c, errs)) != 0 ||
	    (rc = merge_ratings(st, prefer_newer, c, errs)) != 0)
		return rc;
	return merge_reviews(st, prefer_newer, errs);
}

/* The same file under two names, or the same PostgreSQL address. */
static bool
same_database(const char *a, const char *b)
{
	struct stat sa, sb;

	if (engine_postgres_address(a) || engine_postgres_address(b))
		return strcmp(a, b) == 0;
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
		if (same_database(paths[i], st->path)) {
			err_add(errs, _("%s: cannot merge a database into itself"), paths[i]);
			return STORE_INPUT;
		}
	}
	heap = sqlite3_hard_heap_limit64(-1);
	if (heap == 0 || heap > MERGE_HEAP)
		sqlite3_hard_heap_limit64(MERGE_HEAP);
	if (store_sqlite(st) != NULL)
		sqlite3_progress_handler(store_sqlite(st), 1000, store_merge_past, &deadline);
	if ((rc = store_begin(st, errs)) == 0)
		rc = merge_timeout(st, &deadline, errs);
	for (i = 0; i < n && rc == 0; i++)
		rc = merge_one(st, paths[i], &deadline, prefer_newer, c, errs);
	if (rc == 0)
		rc = store_commit(st, errs);
	if (rc != 0)
		store_rollback(st);
	if (store_sqlite(st) != NULL)
		sqlite3_progress_handler(store_sqlite(st), 0, NULL, NULL);
	store_merge_drop(st);
	sqlite3_hard_heap_limit64(heap);
	if (rc != 0 && deadline < time(NULL) && errs->n == 0)
		err_add(errs, _("merge: stopped after %d seconds"), MERGE_SECONDS);
	return rc;
}
