/* store/query.c: what status, list and show print. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

static const char *
col_text(const struct stmt *s, int i)
{
	const char *t = stmt_text(s, i);

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
		*v = xstrdup(col_text(&q, 0));
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
		err_add(errs, _("%s: the study settings are missing"), st->path);
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
col_dup(const struct stmt *s, int i)
{
	return xstrdup(col_text(s, i));
}

/* A text column as a new string, NULL for NULL or "". */
static char *
col_dup_or_null(const struct stmt *s, int i)
{
	return *col_text(s, i) != '\0' ? xstrdup(col_text(s, i)) : NULL;
}

static long
col_long(const struct stmt *s, int i)
{
	return (long)stmt_int(s, i);
}

/* The overlap setting and the number of reviewers: the roster's, else
 * everyone who has written to the study. */
static int
panel_size(struct store *st, int64_t *overlap, int64_t *reviewers, struct errlist *errs)
{
	struct study_settings ss;
	int rc;

	if ((rc = store_study(st, &ss, errs)) != 0)
		return rc;
	*overlap = ss.overlap;
	*reviewers = (int64_t)ss.n_reviewers;
	study_settings_free(&ss);
	/* A roster of R gives each output to at most R. */
	if (*reviewers > 0) {
		if (*overlap > *reviewers)
			*overlap = *reviewers;
		return 0;
	}
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
	    " GROUP BY r.capability, r.id ORDER BY r.capability";
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
		c->capability = col_dup(&q, 0);
		c->prompts = col_long(&q, 1);
		c->models = col_long(&q, 2);
		c->outputs = col_long(&q, 3);
		c->axes = col_long(&q, 4);
		c->done = col_long(&q, 5);
		c->expected = col_long(&q, 6);
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

int
store_status_reviewers(struct store *st, struct reviewer_status **out, size_t *n,
    struct errlist *errs)
{
	/* Done as the scores count: current prompt and rubric versions only. */
	static const char sql[] =
	    "SELECT v.name, (SELECT count(*) FROM rating g JOIN output o ON o.id = g.output"
	    "  WHERE g.reviewer = v.id AND o.prompt IN (SELECT id FROM current_prompt)"
	    "  AND g.rubric IN (SELECT id FROM current_rubric)),"
	    " max(coalesce((SELECT max(changed) FROM rating g WHERE g.reviewer = v.id), ''),"
	    "  coalesce((SELECT max(changed) FROM review w WHERE w.reviewer = v.id), ''),"
	    "  coalesce((SELECT max(at) FROM history h WHERE h.reviewer = v.id), '')),"
	    " coalesce((SELECT sum(active_seconds) FROM review w WHERE w.reviewer = v.id), 0)"
	    " FROM reviewer v ORDER BY v.name";
	struct reviewer_status *r;
	struct stmt q;
	int rc;

	*out = NULL;
	*n = 0;
	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		r->reviewer = col_dup(&q, 0);
		r->done = col_long(&q, 1);
		r->last = col_dup(&q, 2);
		r->seconds = stmt_double(&q, 3);
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
store_study_history(struct store *st, struct study_change **out, size_t *n,
    struct errlist *errs)
{
	struct study_change *c;
	struct stmt q;
	int rc;

	*out = NULL;
	*n = 0;
	stmt_open(&q, st, errs, "SELECT at, setting, old, new, actor, ratings, unassigned"
	    " FROM study_change ORDER BY id", "");
	while (stmt_row(&q)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		c = &(*out)[(*n)++];
		c->at = col_dup(&q, 0);
		c->setting = col_dup(&q, 1);
		c->old = col_dup(&q, 2);
		c->new = col_dup(&q, 3);
		c->actor = col_dup(&q, 4);
		c->ratings = col_long(&q, 5);
		c->unassigned = col_long(&q, 6);
	}
	if ((rc = stmt_done(&q)) != 0) {
		study_history_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
study_history_free(struct study_change *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].setting);
		free(v[i].old);
		free(v[i].new);
		free(v[i].actor);
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
		(*v)[*n].capability = xstrdup(col_text(&q, 0));
		(*v)[(*n)++].ratings = (long)stmt_int(&q, 1);
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
	    "  (SELECT capability FROM prompt_capability WHERE prompt = p.id ORDER BY position) AS c),"
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
listing_row(struct listing *l, const struct stmt *s, size_t i)
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
		listing_row(l, &q, l->n++);
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
		d->turns[d->n_turns].role = col_dup(&q, 0);
		d->turns[d->n_turns++].content = col_dup(&q, 1);
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
	    "  prompt_capability WHERE prompt = p.id ORDER BY position) AS c),"
	    " p.occupation, p.task, p.onet_task_id, p.lang, p.hash, p.created,"
	    " (SELECT group_concat(name, ', ') FROM (SELECT m.name FROM output o JOIN model m"
	    "  ON m.id = o.model WHERE o.prompt = p.id ORDER BY m.name) AS n)"
	    " FROM current_prompt p WHERE p.name = ?";
	struct stmt q;
	int64_t row = 0;
	int rc;

	memset(d, 0, sizeof *d);
	stmt_open(&q, st, errs, sql, "t", id);
	if (stmt_row(&q)) {
		row = stmt_int(&q, 0);
		d->id = xstrdup(id);
		d->version = col_long(&q, 1);
		d->latest = col_long(&q, 2);
		d->title = col_dup_or_null(&q, 3);
		d->capabilities = col_dup_or_null(&q, 4);
		d->occupation = col_dup_or_null(&q, 5);
		d->task = col_dup_or_null(&q, 6);
		d->onet_task_id = col_dup_or_null(&q, 7);
		d->lang = col_dup_or_null(&q, 8);
		d->hash = col_dup_or_null(&q, 9);
		d->created = col_dup_or_null(&q, 10);
		d->outputs = col_dup_or_null(&q, 11);
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	if (row == 0) {
		err_add(errs, _("show prompt: no prompt with id '%s' (see 'panelist list prompts')"), id);
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

static int
output_ratings(struct store *st, int64_t output, struct output_detail *d,
    struct errlist *errs)
{
	struct output_rating *r;
	struct stmt q;

	stmt_open(&q, st, errs, "SELECT v.name, g.capability, g.axis, g.score IS NULL,"
	    " coalesce(g.score, 0), g.changed FROM rating g JOIN reviewer v ON v.id = g.reviewer"
	    " LEFT JOIN axis a ON a.rubric = g.rubric AND a.axis = g.axis"
	    " WHERE g.output = ? ORDER BY v.name, g.capability, a.position, g.axis", "i", output);
	while (stmt_row(&q)) {
		d->ratings = xreallocarray(d->ratings, d->n_ratings + 1, sizeof *d->ratings);
		r = &d->ratings[d->n_ratings++];
		r->reviewer = col_dup(&q, 0);
		r->capability = col_dup(&q, 1);
		r->axis = col_dup(&q, 2);
		r->na = (int)stmt_int(&q, 3) != 0;
		r->score = col_long(&q, 4);
		r->changed = col_dup(&q, 5);
	}
	return stmt_done(&q);
}

static int
output_reviews(struct store *st, int64_t output, struct output_detail *d,
    struct errlist *errs)
{
	struct output_review *r;
	struct stmt q;

	stmt_open(&q, st, errs, "SELECT v.name, w.note, w.flag, w.flag_reason, w.changed,"
	    " w.active_seconds FROM review w JOIN reviewer v ON v.id = w.reviewer"
	    " WHERE w.output = ? AND (w.note IS NOT NULL OR w.flag IS NOT NULL)"
	    " ORDER BY v.name", "i", output);
	while (stmt_row(&q)) {
		d->reviews = xreallocarray(d->reviews, d->n_reviews + 1, sizeof *d->reviews);
		r = &d->reviews[d->n_reviews++];
		r->reviewer = col_dup(&q, 0);
		r->note = col_dup_or_null(&q, 1);
		r->flag = col_dup_or_null(&q, 2);
		r->flag_reason = col_dup_or_null(&q, 3);
		r->changed = col_dup(&q, 4);
		r->seconds = stmt_double(&q, 5);
	}
	return stmt_done(&q);
}

int
store_show_output(struct store *st, const char *prompt, const char *model, bool ratings,
    struct output_detail *d, struct errlist *errs)
{
	static const char sql[] =
	    "SELECT o.id, p.version, p.title, (SELECT group_concat(capability, ', ') FROM"
	    "  (SELECT capability FROM prompt_capability WHERE prompt = p.id ORDER BY position)"
	    "   AS c),"
	    " o.text, o.metadata, o.hash, o.created"
	    " FROM current_prompt p JOIN output o ON o.prompt = p.id"
	    " JOIN model m ON m.id = o.model WHERE p.name = ? AND m.name = ?";
	struct stmt q;
	int64_t row = 0;
	int rc;

	memset(d, 0, sizeof *d);
	stmt_open(&q, st, errs, sql, "tt", prompt, model);
	if (stmt_row(&q)) {
		row = stmt_int(&q, 0);
		d->prompt = xstrdup(prompt);
		d->model = xstrdup(model);
		d->prompt_version = col_long(&q, 1);
		d->title = col_dup_or_null(&q, 2);
		d->capabilities = col_dup_or_null(&q, 3);
		d->text = col_dup(&q, 4);
		d->metadata = col_dup_or_null(&q, 5);
		d->hash = col_dup_or_null(&q, 6);
		d->created = col_dup_or_null(&q, 7);
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	if (row == 0) {
		err_add(errs, _("show output: no output of model '%s' for prompt '%s' (see "
		    "'panelist show prompt %s')"), model, prompt, prompt);
		return STORE_INPUT;
	}
	if (ratings && ((rc = output_ratings(st, row, d, errs)) != 0 ||
	    (rc = output_reviews(st, row, d, errs)) != 0))
		output_detail_free(d);
	return rc;
}

void
output_detail_free(struct output_detail *d)
{
	size_t i;

	for (i = 0; i < d->n_ratings; i++) {
		free(d->ratings[i].reviewer);
		free(d->ratings[i].capability);
		free(d->ratings[i].axis);
		free(d->ratings[i].changed);
	}
	for (i = 0; i < d->n_reviews; i++) {
		free(d->reviews[i].reviewer);
		free(d->reviews[i].note);
		free(d->reviews[i].flag);
		free(d->reviews[i].flag_reason);
		free(d->reviews[i].changed);
	}
	free(d->ratings);
	free(d->reviews);
	free(d->prompt);
	free(d->model);
	free(d->title);
	free(d->capabilities);
	free(d->text);
	free(d->metadata);
	free(d->hash);
	free(d->created);
	memset(d, 0, sizeof *d);
}

/* A name the notes filter on must be one the study has: a reviewer's, or a
 * model's when `model`. */
static int
known_name(struct store *st, const char *sql, bool model, const char *name,
    struct errlist *errs)
{
	int64_t n;
	int rc;

	if (name == NULL)
		return 0;
	if ((rc = store_get_int(st, errs, &n, sql, "t", name)) != 0)
		return rc;
	if (n == 0) {
		if (model)
			err_add(errs, _("no model '%s' in this study (see 'panelist list "
			    "models')"), name);
		else
			err_add(errs, _("no reviewer '%s' in this study (see 'panelist list "
			    "reviewers')"), name);
		return STORE_INPUT;
	}
	return 0;
}

int
store_notes(struct store *st, const struct notes_filter *f, struct note_entry **out,
    size_t *n, struct errlist *errs)
{
	static const char sql[] =
	    "SELECT p.name, p.version, m.name, v.name, w.note, w.flag, w.flag_reason, w.changed"
	    " FROM review w JOIN reviewer v ON v.id = w.reviewer JOIN output o ON o.id = w.output"
	    " JOIN prompt p ON p.id = o.prompt JOIN model m ON m.id = o.model"
	    " WHERE (w.note IS NOT NULL OR w.flag IS NOT NULL) AND (?1 = 0 OR w.flag IS NOT NULL)"
	    "  AND (?2 IS NULL OR v.name = ?2) AND (?3 IS NULL OR m.name = ?3)"
	    " ORDER BY p.name, p.version, m.name, v.name";
	struct note_entry *e;
	struct stmt q;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = known_name(st, "SELECT count(*) FROM reviewer WHERE name = ?", false,
	    f->reviewer, errs)) != 0 ||
	    (rc = known_name(st, "SELECT count(*) FROM model WHERE name = ?", true,
	    f->model, errs)) != 0)
		return rc;
	stmt_open(&q, st, errs, sql, "izz", (int64_t)f->flagged, f->reviewer, f->model);
	while (stmt_row(&q)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		e = &(*out)[(*n)++];
		e->prompt = col_dup(&q, 0);
		e->prompt_version = col_long(&q, 1);
		e->model = col_dup(&q, 2);
		e->reviewer = col_dup(&q, 3);
		e->note = col_dup_or_null(&q, 4);
		e->flag = col_dup_or_null(&q, 5);
		e->flag_reason = col_dup_or_null(&q, 6);
		e->changed = col_dup(&q, 7);
	}
	if ((rc = stmt_done(&q)) != 0) {
		notes_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
notes_free(struct note_entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].prompt);
		free(v[i].model);
		free(v[i].reviewer);
		free(v[i].note);
		free(v[i].flag);
		free(v[i].flag_reason);
		free(v[i].changed);
	}
	free(v);
}
