/* store/export.c: the raw ratings for export, and the prompt and rubric
 * versions behind the report's numbers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

int
store_read_begin(struct store *st, struct errlist *errs)
{
	/* A deferred BEGIN takes its snapshot at the first read and never
	 * the write lock, so reviewers keep rating meanwhile. */
	return st->engine->begin_read(st, errs);
}

void
store_read_end(struct store *st)
{
	store_rollback(st);	/* nothing was written: ending is enough */
}

static const char *
text_or_null(const struct stmt *s, int col)
{
	return (const char *)stmt_text(s, col);
}

/* Every axis rated, in rubric order: by its first position in any rubric,
 * then by name. */
static int
export_axes(struct store *st, char ***axes, size_t *n, struct errlist *errs)
{
	return store_strings(st, errs, axes, n, "SELECT a.axis FROM axis a WHERE a.rubric IN"
	    " (SELECT DISTINCT rubric FROM rating) GROUP BY a.axis"
	    " ORDER BY min(a.position), a.axis");
}

static void
row_of(const struct stmt *s, struct export_row *r)
{
	r->reviewer = text_or_null(s, 0);
	r->prompt = text_or_null(s, 1);
	r->prompt_version = (int)stmt_int(s, 2);
	r->model = text_or_null(s, 3);
	r->capability = text_or_null(s, 4);
	r->rubric_version = (int)stmt_int(s, 5);
	r->axis = text_or_null(s, 6);
	r->na = stmt_null(s, 7);
	r->score = (int)stmt_int(s, 7);
	r->note = text_or_null(s, 8);
	r->flag = text_or_null(s, 9);
	r->flag_reason = text_or_null(s, 10);
	r->active_seconds = stmt_double(s, 11);
	r->first_rated = text_or_null(s, 12);
	r->changed = text_or_null(s, 13);
}

static int
export_rows(struct store *st, const struct export_sink *sink, struct errlist *errs)
{
	static const char sql[] =
	    "SELECT v.name, p.name, p.version, m.name, g.capability, r.version, g.axis,"
	    " g.score, w.note, w.flag, w.flag_reason, coalesce(w.active_seconds, 0),"
	    /* The rating and its history row each take their own 'now', a
	     * millisecond apart at times: never first after the last change. */
	    " min(coalesce((SELECT min(h.at) FROM history h WHERE h.output = g.output"
	    "   AND h.reviewer = g.reviewer AND h.field = 'score'"
	    "   AND h.capability = g.capability AND h.axis = g.axis), g.changed), g.changed),"
	    /* Changed: the last change of any kind to the review, a note
	     * or a flag as much as this score (times are ISO 8601, UTC). */
	    " max(g.changed, coalesce(w.changed, g.changed))"
	    " FROM rating g JOIN reviewer v ON v.id = g.reviewer"
	    " JOIN output o ON o.id = g.output JOIN prompt p ON p.id = o.prompt"
	    " JOIN model m ON m.id = o.model JOIN rubric r ON r.id = g.rubric"
	    " LEFT JOIN axis a ON a.rubric = g.rubric AND a.axis = g.axis"
	    " LEFT JOIN review w ON w.reviewer = g.reviewer AND w.output = g.output"
	    " ORDER BY v.name, p.name, p.version, m.name, g.capability, r.version,"
	    " a.position, g.axis";
	struct export_row r;
	struct stmt q;
	int rc, stop = 0;

	stmt_open(&q, st, errs, sql, "");
	while (stop == 0 && stmt_row(&q)) {
		row_of(&q, &r);
		stop = sink->row(sink->ctx, &r);
	}
	rc = stmt_done(&q);
	return stop != 0 ? stop : rc;
}

int
store_export_ratings(struct store *st, const struct export_sink *sink, struct errlist *errs)
{
	struct study_settings ss;
	char **axes = NULL;
	size_t n_axes = 0;
	int rc;

	if ((rc = store_read_begin(st, errs)) != 0)
		return rc;
	if ((rc = store_study(st, &ss, errs)) == 0) {
		if ((rc = export_axes(st, &axes, &n_axes, errs)) == 0 &&
		    (rc = sink->head(sink->ctx, ss.title != NULL ? ss.title : ss.id,
		    axes, n_axes)) == 0)
			rc = export_rows(st, sink, errs);
		store_strings_free(axes, n_axes);
		study_settings_free(&ss);
	}
	store_read_end(st);
	return rc;
}

/* ---- the report's sources ------------------------------------------------ */

static char *
dup_or_null(const struct stmt *s, int col)
{
	const char *v = text_or_null(s, col);

	return v != NULL ? xstrdup(v) : NULL;
}

static int
source_prompts(struct store *st, struct report_sources *rs, struct errlist *errs)
{
	struct source_prompt *sp;
	struct stmt q;

	stmt_open(&q, st, errs,
	    "SELECT p.name, p.version, p.title,"
	    " (SELECT group_concat(capability, ',') FROM"
	    "   (SELECT capability FROM prompt_capability WHERE prompt = p.id"
	    "    ORDER BY position) AS c),"
	    " p.occupation,"
	    " (SELECT count(*) FROM rating g JOIN output o ON o.id = g.output"
	    "   JOIN current_rubric r ON r.id = g.rubric WHERE o.prompt = p.id)"
	    " FROM current_prompt p ORDER BY p.name", "");
	while (stmt_row(&q)) {
		rs->prompts = xreallocarray(rs->prompts, rs->n_prompts + 1, sizeof *rs->prompts);
		sp = &rs->prompts[rs->n_prompts++];
		sp->id = dup_or_null(&q, 0);
		sp->version = (int)stmt_int(&q, 1);
		sp->title = dup_or_null(&q, 2);
		sp->capabilities = dup_or_null(&q, 3);
		sp->occupation = dup_or_null(&q, 4);
		sp->ratings = (long)stmt_int(&q, 5);
	}
	return stmt_done(&q);
}

static int
source_rubrics(struct store *st, struct report_sources *rs, struct errlist *errs)
{
	struct source_rubric *sr;
	struct stmt q;

	stmt_open(&q, st, errs,
	    "SELECT r.capability, r.version, r.title, r.scale_min, r.scale_max,"
	    " (SELECT group_concat(axis, ',') FROM"
	    "   (SELECT axis FROM axis WHERE rubric = r.id ORDER BY position) AS a),"
	    " (SELECT count(*) FROM rating g WHERE g.rubric = r.id)"
	    " FROM current_rubric r ORDER BY r.capability", "");
	while (stmt_row(&q)) {
		rs->rubrics = xreallocarray(rs->rubrics, rs->n_rubrics + 1, sizeof *rs->rubrics);
		sr = &rs->rubrics[rs->n_rubrics++];
		sr->capability = dup_or_null(&q, 0);
		sr->version = (int)stmt_int(&q, 1);
		sr->title = dup_or_null(&q, 2);
		sr->min = (long)stmt_int(&q, 3);
		sr->max = (long)stmt_int(&q, 4);
		sr->axes = dup_or_null(&q, 5);
		sr->ratings = (long)stmt_int(&q, 6);
	}
	return stmt_done(&q);
}

int
store_report_sources(struct store *st, struct report_sources *rs, struct errlist *errs)
{
	int rc;

	memset(rs, 0, sizeof *rs);
	if ((rc = store_get_text(st, errs, &rs->created, "SELECT value FROM study WHERE"
	    " key = 'created'", "")) != 0 || (rc = source_prompts(st, rs, errs)) != 0 ||
	    (rc = source_rubrics(st, rs, errs)) != 0 ||
	    (rc = store_collect_truncated(st, &rs->truncated, errs)) != 0)
		report_sources_free(rs);
	return rc;
}

void
report_sources_free(struct report_sources *rs)
{
	size_t i;

	for (i = 0; i < rs->n_prompts; i++) {
		free(rs->prompts[i].id);
		free(rs->prompts[i].title);
		free(rs->prompts[i].capabilities);
		free(rs->prompts[i].occupation);
	}
	for (i = 0; i < rs->n_rubrics; i++) {
		free(rs->rubrics[i].capability);
		free(rs->rubrics[i].title);
		free(rs->rubrics[i].axes);
	}
	free(rs->prompts);
	free(rs->rubrics);
	free(rs->created);
	memset(rs, 0, sizeof *rs);
}
