/* store-query.c: what status, list and show print. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

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
	char *shared = NULL;
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
	    (rc = setting(st, "reviewers_random", &random, errs)) == 0 &&
	    (rc = setting(st, "shared_sample", &shared, errs)) == 0)
		rc = setting(st, "reviewers", &roster, errs);
	ss->blind = blind == NULL || strcmp(blind, "0") != 0;
	ss->reviewers_random = random != NULL && strcmp(random, "1") == 0;
	ss->overlap = overlap != NULL ? strtol(overlap, NULL, 10) : 0;
	ss->shared_sample = shared != NULL ? strtol(shared, NULL, 10) : 0;
	ss->seed = seed != NULL ? strtoull(seed, NULL, 10) : 0;
	if (roster != NULL)
		split_roster(ss, roster);
	free(blind);
	free(overlap);
	free(seed);
	free(roster);
	free(random);
	free(shared);
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

/* A text column as a new string, "" for NULL. */
static char *
col_dup(sqlite3_stmt *s, int i)
{
	return xstrdup(col_text(s, i));
}

/* A text column as a new string, NULL for NULL or "". */
static char *
col_dup_or_null(sqlite3_stmt *s, int i)
{
	return *col_text(s, i) != '\0' ? xstrdup(col_text(s, i)) : NULL;
}

static long
col_long(sqlite3_stmt *s, int i)
{
	return (long)sqlite3_column_int64(s, i);
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
store_status_capabilities(struct store *st, struct capability_status **out, size_t *n,
    struct errlist *errs)
{
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
	struct capability_status *c;
	int64_t overlap, reviewers;
	struct stmt q;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = panel_size(st, &overlap, &reviewers, errs)) != 0)
		return rc;
	/* How many reviewers are expected to rate each output. */
	stmt_open(&q, st, errs, sql, "i",
	    overlap > 0 ? overlap : reviewers > 0 ? reviewers : 1);
	while (stmt_row(&q)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		c = &(*out)[(*n)++];
		c->capability = col_dup(q.s, 0);
		c->prompts = col_long(q.s, 1);
		c->models = col_long(q.s, 2);
		c->outputs = col_long(q.s, 3);
		c->axes = col_long(q.s, 4);
		c->done = col_long(q.s, 5);
		c->expected = col_long(q.s, 6);
	}
	if ((rc = stmt_done(&q)) != 0) {
		capability_status_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
capability_status_free(struct capability_status *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].capability);
	free(v);
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
store_status_reviewers(struct store *st, struct reviewer_status **out, size_t *n,
    struct errlist *errs)
{
	/* Done as the scores count: current prompt and rubric versions only. */
	static const char sql[] =
	    "SELECT v.name, count(CASE WHEN g.rubric IN (SELECT id FROM current_rubric)"
	    "  THEN p.id END), max(g.changed) FROM reviewer v"
	    " LEFT JOIN rating g ON g.reviewer = v.id"
	    " LEFT JOIN output o ON o.id = g.output"
	    " LEFT JOIN current_prompt p ON p.id = o.prompt"
	    " GROUP BY v.id ORDER BY v.name";
	int64_t slots, overlap, reviewers, expected;
	struct reviewer_status *r;
	struct stmt q;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = slots_per_reviewer(st, &slots, errs)) != 0 ||
	    (rc = panel_size(st, &overlap, &reviewers, errs)) != 0)
		return rc;
	/* With overlap k each output goes to k reviewers in equal shares. */
	expected = overlap > 0 && reviewers > 0 ?
	    (slots * (overlap < reviewers ? overlap : reviewers) + reviewers - 1) / reviewers : slots;
	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		r->reviewer = col_dup(q.s, 0);
		r->done = col_long(q.s, 1);
		r->expected = (long)expected;
		r->last = col_dup(q.s, 2);
	}
	if ((rc = stmt_done(&q)) != 0) {
		reviewer_status_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
reviewer_status_free(struct reviewer_status *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].reviewer);
		free(v[i].last);
	}
	free(v);
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

/* One SQL per kind, its columns in the order of the kind's record. */
static const char *const listing_sql[] = {
	[LIST_PROMPTS] =
	    "SELECT p.name, p.version, (SELECT group_concat(capability, ',') FROM"
	    "  (SELECT capability FROM prompt_capability WHERE prompt = p.id ORDER BY position)),"
	    " p.lang, (SELECT count(*) FROM output o WHERE o.prompt = p.id), p.title"
	    " FROM current_prompt p ORDER BY p.name",
	[LIST_MODELS] =
	    "SELECT m.name, (SELECT count(*) FROM output o JOIN current_prompt p"
	    "  ON p.id = o.prompt WHERE o.model = m.id),"
	    " (SELECT count(*) FROM rating g JOIN output o ON o.id = g.output"
	    "  WHERE o.model = m.id) FROM model m ORDER BY m.name",
	[LIST_REVIEWERS] =
	    "SELECT v.name, (SELECT count(*) FROM rating g WHERE g.reviewer = v.id),"
	    " (SELECT count(*) FROM review w WHERE w.reviewer = v.id AND w.note IS NOT NULL),"
	    " (SELECT count(*) FROM review w WHERE w.reviewer = v.id AND w.flag IS NOT NULL),"
	    " (SELECT max(changed) FROM rating g WHERE g.reviewer = v.id)"
	    " FROM reviewer v ORDER BY v.name",
	[LIST_RUBRICS] =
	    "SELECT r.capability, r.version, (SELECT count(*) FROM axis a WHERE a.rubric = r.id),"
	    " r.scale_min, r.scale_max,"
	    " (SELECT count(*) FROM rating g WHERE g.rubric = r.id), r.title"
	    " FROM rubric r ORDER BY r.capability, r.version",
};

/* Row i of the listing, from the statement's columns. */
static void
listing_row(struct listing *l, sqlite3_stmt *s, size_t i)
{
	switch (l->kind) {
	case LIST_PROMPTS:
		l->prompts = xreallocarray(l->prompts, i + 1, sizeof *l->prompts);
		l->prompts[i] = (struct prompt_entry){ col_dup(s, 0), col_long(s, 1),
		    col_dup(s, 2), col_dup(s, 3), col_long(s, 4), col_dup(s, 5) };
		break;
	case LIST_MODELS:
		l->models = xreallocarray(l->models, i + 1, sizeof *l->models);
		l->models[i] = (struct model_entry){ col_dup(s, 0), col_long(s, 1),
		    col_long(s, 2) };
		break;
	case LIST_REVIEWERS:
		l->reviewers = xreallocarray(l->reviewers, i + 1, sizeof *l->reviewers);
		l->reviewers[i] = (struct reviewer_entry){ col_dup(s, 0), col_long(s, 1),
		    col_long(s, 2), col_long(s, 3), col_dup(s, 4) };
		break;
	case LIST_RUBRICS:
		l->rubrics = xreallocarray(l->rubrics, i + 1, sizeof *l->rubrics);
		l->rubrics[i] = (struct rubric_entry){ col_dup(s, 0), col_long(s, 1),
		    col_long(s, 2), col_long(s, 3), col_long(s, 4), col_long(s, 5),
		    col_dup(s, 6) };
		break;
	}
}

int
store_list(struct store *st, enum listing_kind kind, struct listing *l, struct errlist *errs)
{
	struct stmt q;
	int rc;

	memset(l, 0, sizeof *l);
	l->kind = kind;
	stmt_open(&q, st, errs, listing_sql[kind], "");
	while (stmt_row(&q))
		listing_row(l, q.s, l->n++);
	if ((rc = stmt_done(&q)) != 0)
		listing_free(l);
	return rc;
}

void
listing_free(struct listing *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		switch (l->kind) {
		case LIST_PROMPTS:
			free(l->prompts[i].id);
			free(l->prompts[i].capabilities);
			free(l->prompts[i].lang);
			free(l->prompts[i].title);
			break;
		case LIST_MODELS:
			free(l->models[i].model);
			break;
		case LIST_REVIEWERS:
			free(l->reviewers[i].reviewer);
			free(l->reviewers[i].last_change);
			break;
		case LIST_RUBRICS:
			free(l->rubrics[i].capability);
			free(l->rubrics[i].title);
			break;
		}
	}
	free(l->prompts);
	free(l->models);
	free(l->reviewers);
	free(l->rubrics);
	memset(l, 0, sizeof *l);
}

static int
show_turns(struct store *st, int64_t row, struct prompt_detail *d, struct errlist *errs)
{
	struct stmt q;

	stmt_open(&q, st, errs, "SELECT role, content FROM turn WHERE prompt = ? "
	    "ORDER BY position", "i", row);
	while (stmt_row(&q)) {
		d->turns = xreallocarray(d->turns, d->n_turns + 1, sizeof *d->turns);
		d->turns[d->n_turns].role = col_dup(q.s, 0);
		d->turns[d->n_turns++].content = col_dup(q.s, 1);
	}
	return stmt_done(&q);
}

int
store_show_prompt(struct store *st, const char *id, struct prompt_detail *d,
    struct errlist *errs)
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
	int64_t row = 0;
	int rc;

	memset(d, 0, sizeof *d);
	stmt_open(&q, st, errs, sql, "t", id);
	if (stmt_row(&q)) {
		row = sqlite3_column_int64(q.s, 0);
		d->id = xstrdup(id);
		d->version = col_long(q.s, 1);
		d->latest = col_long(q.s, 2);
		d->title = col_dup_or_null(q.s, 3);
		d->capabilities = col_dup_or_null(q.s, 4);
		d->occupation = col_dup_or_null(q.s, 5);
		d->task = col_dup_or_null(q.s, 6);
		d->onet_task_id = col_dup_or_null(q.s, 7);
		d->lang = col_dup_or_null(q.s, 8);
		d->hash = col_dup_or_null(q.s, 9);
		d->created = col_dup_or_null(q.s, 10);
		d->outputs = col_dup_or_null(q.s, 11);
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	if (row == 0) {
		err_add(errs, "show prompt: no prompt with id '%s' (see 'panelist list prompts')", id);
		return STORE_INPUT;
	}
	if ((rc = show_turns(st, row, d, errs)) != 0)
		prompt_detail_free(d);
	return rc;
}

void
prompt_detail_free(struct prompt_detail *d)
{
	size_t i;

	for (i = 0; i < d->n_turns; i++) {
		free(d->turns[i].role);
		free(d->turns[i].content);
	}
	free(d->turns);
	free(d->id);
	free(d->title);
	free(d->capabilities);
	free(d->occupation);
	free(d->task);
	free(d->onet_task_id);
	free(d->lang);
	free(d->hash);
	free(d->created);
	free(d->outputs);
	memset(d, 0, sizeof *d);
}
