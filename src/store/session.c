/* store/session.c: what the rating screen reads and writes.
 *
 * Every write is its own transaction and returns after COMMIT, so what the
 * screen shows next is on disk: a kill -9 between keystrokes loses nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"


static char *
col_dup(const struct stmt *s, int i)
{
	const char *t = stmt_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

static int
check_filter(struct store *st, const struct queue_filter *f, struct errlist *errs)
{
	char *near;
	int64_t row;
	int rc;

	if (f->capability != NULL) {
		if ((rc = store_rubric_row(st, f->capability, &row, errs)) != 0)
			return rc;
		if (row == 0) {
			near = store_suggest(st, f->capability, "SELECT DISTINCT "
			    "capability FROM rubric");
			err_add(errs, _("no capability '%s' in this study%s (see 'panelist "
			    "list rubrics')"), f->capability, near);
			free(near);
			return STORE_INPUT;
		}
	}
	if (f->model != NULL) {
		if ((rc = store_get_int(st, errs, &row, "SELECT count(*) FROM model WHERE name = ?",
		    "t", f->model)) != 0)
			return rc;
		if (row == 0) {
			near = store_suggest(st, f->model, "SELECT name FROM model");
			err_add(errs, _("no model '%s' in this study%s (see 'panelist list "
			    "models')"), f->model, near);
			free(near);
			return STORE_INPUT;
		}
	}
	return 0;
}

/* ---- the queue ---------------------------------------------------------------
 *
 * One statement per table, none per output: the models, the current
 * prompts, every output (from the covering index on (prompt, model), never
 * the texts), then this reviewer's ratings and reviews, which are few where
 * the queue is long.  Joined here by row number.  Before this, one statement
 * with four subqueries per output took 0.26 s for 100,000 outputs. */

/* The models, sorted by name; want_rank the index of `model`, or -1. */
static int
queue_models(struct store *st, struct queue *qu, int64_t **rows, const char *model,
    long *want, struct errlist *errs)
{
	struct stmt q;

	*want = -1;
	stmt_open(&q, st, errs, "SELECT id, name FROM model ORDER BY name", "");
	while (stmt_row(&q)) {
		qu->models = xreallocarray(qu->models, qu->n_models + 1, sizeof *qu->models);
		*rows = xreallocarray(*rows, qu->n_models + 1, sizeof **rows);
		(*rows)[qu->n_models] = stmt_int(&q, 0);
		qu->models[qu->n_models] = col_dup(&q, 1);
		if (model != NULL && strcmp(model, qu->models[qu->n_models]) == 0)
			*want = (long)qu->n_models;
		qu->n_models++;
	}
	return stmt_done(&q);
}

static int
queue_prompts(struct store *st, struct queue *qu, const char *capability,
    struct errlist *errs)
{
	struct stmt q;
	size_t cap = 0;

	stmt_open(&q, st, errs, "SELECT p.id, p.name FROM prompt p WHERE NOT EXISTS"
	    " (SELECT 1 FROM prompt n WHERE n.name = p.name AND n.version > p.version)"
	    " AND (?1 IS NULL OR EXISTS (SELECT 1 FROM prompt_capability pc"
	    "  WHERE pc.prompt = p.id AND pc.capability = ?1))", "z", capability);
	while (stmt_row(&q)) {
		if (qu->n_prompts == cap) {
			cap = cap > 0 ? cap * 2 : 64;
			qu->prompts = xreallocarray(qu->prompts, cap, sizeof *qu->prompts);
			qu->prompt_rows = xreallocarray(qu->prompt_rows, cap,
			    sizeof *qu->prompt_rows);
		}
		qu->prompt_rows[qu->n_prompts] = stmt_int(&q, 0);
		qu->prompts[qu->n_prompts++] = col_dup(&q, 1);
	}
	return stmt_done(&q);
}

/* Row number to index, for rows 0..max: SIZE_MAX where none. */
static size_t *
row_index(const int64_t *rows, size_t n, int64_t *max)
{
	size_t i, *ix;

	*max = 0;
	for (i = 0; i < n; i++) {
		if (rows[i] > *max)
			*max = rows[i];
	}
	ix = xreallocarray(NULL, (size_t)*max + 1, sizeof *ix);
	memset(ix, 0xff, ((size_t)*max + 1) * sizeof *ix);
	for (i = 0; i < n; i++)
		ix[rows[i]] = i;
	return ix;
}

static size_t
lookup(const size_t *ix, int64_t max, int64_t row)
{
	return row >= 0 && row <= max ? ix[row] : SIZE_MAX;
}

/* The axes to rate on each prompt (slots[prompt index]): the current
 * rubrics' axes of its capabilities, within the filter, counted here from
 * two small scans rather than per output. */
static int
queue_slots(struct store *st, const size_t *pix, int64_t pmax, const char *capability,
    uint32_t *slots, struct errlist *errs)
{
	struct { char *cap; uint32_t axes; } *caps = NULL;
	size_t n_caps = 0, i, p;
	const char *c;
	struct stmt q;
	int rc;

	stmt_open(&q, st, errs, "SELECT r.capability, count(*) FROM current_rubric r"
	    " JOIN axis a ON a.rubric = r.id GROUP BY r.capability", "");
	while (stmt_row(&q)) {
		caps = xreallocarray(caps, n_caps + 1, sizeof *caps);
		caps[n_caps].cap = col_dup(&q, 0);
		caps[n_caps++].axes = (uint32_t)stmt_int(&q, 1);
	}
	if ((rc = stmt_done(&q)) == 0) {
		stmt_open(&q, st, errs, "SELECT prompt, capability FROM prompt_capability", "");
		while (stmt_row(&q)) {
			p = lookup(pix, pmax, stmt_int(&q, 0));
			c = (const char *)stmt_text(&q, 1);
			if (p == SIZE_MAX || c == NULL ||
			    (capability != NULL && strcmp(c, capability) != 0))
				continue;
			for (i = 0; i < n_caps; i++) {
				if (strcmp(caps[i].cap, c) == 0)
					slots[p] += caps[i].axes;
			}
		}
		rc = stmt_done(&q);
	}
	for (i = 0; i < n_caps; i++)
		free(caps[i].cap);
	free(caps);
	return rc;
}

/* The entries: the rows come from the covering index in (prompt, model)
 * order, and are placed by output row so that they come out in row order
 * without a sort. */
static int
queue_outputs(struct store *st, struct queue *qu, const int64_t *model_rows, long want,
    const char *capability, struct errlist *errs)
{
	int64_t pmax, mmax, omax, row;
	size_t *pix, *mix, p, m, i, k;
	uint32_t *byrow, *slots;
	struct queue_entry *e;
	struct stmt q;
	int rc;

	if ((rc = store_get_int(st, errs, &omax, "SELECT max(id) FROM output", "")) != 0)
		return rc;
	if (omax < 0 || (uint64_t)omax >= UINT32_MAX) {
		err_add(errs, _("%s: output rows beyond %u"), st->path, UINT32_MAX);
		return STORE_INPUT;
	}
	pix = row_index(qu->prompt_rows, qu->n_prompts, &pmax);
	mix = row_index(model_rows, qu->n_models, &mmax);
	slots = xcalloc(qu->n_prompts + 1, sizeof *slots);
	if ((rc = queue_slots(st, pix, pmax, capability, slots, errs)) != 0) {
		free(slots);
		free(pix);
		free(mix);
		return rc;
	}
	byrow = xcalloc((size_t)omax + 1, sizeof *byrow);	/* 0: none, else k + 1 */
	e = qu->v = xcalloc((size_t)omax + 1, sizeof *qu->v);
	stmt_open(&q, st, errs, "SELECT id, prompt, model FROM output", "");
	while (stmt_row(&q)) {
		row = stmt_int(&q, 0);
		p = lookup(pix, pmax, stmt_int(&q, 1));
		m = lookup(mix, mmax, stmt_int(&q, 2));
		if (p == SIZE_MAX || m == SIZE_MAX || (want >= 0 && m != (size_t)want) ||
		    row < 1 || row > omax)
			continue;
		e = &qu->v[qu->n];
		e->output = row;
		e->prompt = (uint32_t)p;
		e->prompt_id = qu->prompts[p];
		e->model_rank = (uint32_t)m;
		e->model = qu->models[m];
		e->slots = slots[p];
		byrow[row] = (uint32_t)++qu->n;
	}
	rc = stmt_done(&q);
	/* In place would need a cycle walk; a second array is simpler. */
	e = xcalloc(qu->n > 0 ? qu->n : 1, sizeof *e);
	for (i = 1, k = 0; i <= (size_t)omax; i++) {
		if (byrow[i] != 0)
			e[k++] = qu->v[byrow[i] - 1];
	}
	free(qu->v);
	qu->v = e;
	free(byrow);
	free(slots);
	free(pix);
	free(mix);
	return rc;
}

/* The entry of an output row, by binary search over the sorted entries. */
static struct queue_entry *
find_entry(struct queue_entry *v, size_t n, int64_t output)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].output < output)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].output == output ? &v[lo] : NULL;
}

/* Per output this reviewer rated: all their ratings (started), those that
 * count (on the current rubric, of an axis and capability of the prompt,
 * within the filter), and the axes to rate. */
static const char progress_sql[] =
    "SELECT g.output, count(*), count(a.axis),"
    " (SELECT count(*) FROM prompt_capability pc2"
    "   JOIN current_rubric r2 ON r2.capability = pc2.capability"
    "   JOIN axis a2 ON a2.rubric = r2.id"
    "   WHERE pc2.prompt = o.prompt AND (?1 IS NULL OR pc2.capability = ?1))"
    " FROM rating g JOIN output o ON o.id = g.output"
    " LEFT JOIN prompt_capability pc ON pc.prompt = o.prompt AND pc.capability = g.capability"
    "  AND (?1 IS NULL OR pc.capability = ?1)"
    " LEFT JOIN current_rubric r ON r.capability = pc.capability AND r.id = g.rubric"
    " LEFT JOIN axis a ON a.rubric = r.id AND a.axis = g.axis"
    " WHERE g.reviewer = (SELECT id FROM reviewer WHERE name = ?2)"
    "  AND g.output BETWEEN ?3 AND ?4"
    " GROUP BY g.output, o.prompt";
static const char review_sql[] =
    "SELECT w.output, w.note IS NOT NULL, w.flag IS NOT NULL, w.skipped FROM review w"
    " WHERE w.reviewer = (SELECT id FROM reviewer WHERE name = ?1)"
    "  AND w.output BETWEEN ?2 AND ?3";

static void
set_progress(struct queue_entry *e, int64_t all, int64_t counted, int64_t slots)
{
	e->slots = (uint32_t)slots;
	e->rated = (uint32_t)counted;
	e->started = all > 0 || e->noted || e->flagged;
	e->done = slots > 0 && counted >= slots;
	e->partial = counted > 0 && !e->done;
}

static int
queue_progress(struct store *st, const char *reviewer, const char *capability,
    struct queue_entry *v, size_t n, int64_t lo, int64_t hi, struct errlist *errs)
{
	struct queue_entry *e;
	struct stmt q;
	int rc;

	/* Reviews first: a note or a flag is a start too. */
	stmt_open(&q, st, errs, review_sql, "tii", reviewer, lo, hi);
	while (stmt_row(&q)) {
		if ((e = find_entry(v, n, stmt_int(&q, 0))) == NULL)
			continue;
		e->noted = (int)stmt_int(&q, 1);
		e->flagged = (int)stmt_int(&q, 2);
		e->skipped = (int)stmt_int(&q, 3);
		e->started = e->noted || e->flagged;
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	stmt_open(&q, st, errs, progress_sql, "ztii", capability, reviewer, lo, hi);
	while (stmt_row(&q)) {
		if ((e = find_entry(v, n, stmt_int(&q, 0))) != NULL)
			set_progress(e, stmt_int(&q, 1),
			    stmt_int(&q, 2), stmt_int(&q, 3));
	}
	return stmt_done(&q);
}

int
store_queue(struct store *st, const char *reviewer, const struct queue_filter *f,
    struct queue *qu, struct errlist *errs)
{
	bool own = !st->engine->in_transaction(st);
	int64_t *model_rows = NULL;
	long want;
	int rc;

	memset(qu, 0, sizeof *qu);
	if ((rc = check_filter(st, f, errs)) != 0)
		return rc;
	/* One snapshot for all of it, unless a caller's transaction is one. */
	if (own && (rc = store_read_begin(st, errs)) != 0)
		return rc;
	if ((rc = queue_models(st, qu, &model_rows, f->model, &want, errs)) == 0 &&
	    (rc = queue_prompts(st, qu, f->capability, errs)) == 0 &&
	    (rc = queue_outputs(st, qu, model_rows, want, f->capability, errs)) == 0)
		rc = queue_progress(st, reviewer, f->capability, qu->v, qu->n, 1, INT64_MAX,
		    errs);
	if (own)
		store_read_end(st);
	free(model_rows);
	if (rc != 0)
		queue_free(qu);
	else {
		qu->titles = xcalloc(qu->n_prompts + 1, sizeof *qu->titles);
		qu->capabilities = xcalloc(qu->n_prompts + 1, sizeof *qu->capabilities);
	}
	return rc;
}

int
store_queue_progress(struct store *st, const char *reviewer, struct queue_entry *e,
    struct errlist *errs)
{
	e->done = e->partial = e->started = e->skipped = e->noted = e->flagged = 0;
	return queue_progress(st, reviewer, NULL, e, 1, e->output, e->output, errs);
}

int
store_queue_describe(struct store *st, struct queue *qu, size_t prompt,
    struct errlist *errs)
{
	struct stmt q;

	if (prompt >= qu->n_prompts || qu->titles[prompt] != NULL)
		return 0;
	stmt_open(&q, st, errs, "SELECT p.title, (SELECT group_concat(capability, ',')"
	    " FROM (SELECT capability FROM prompt_capability WHERE prompt = p.id"
	    " ORDER BY position) AS c) FROM prompt p WHERE p.id = ?", "i", qu->prompt_rows[prompt]);
	if (stmt_row(&q)) {
		qu->titles[prompt] = col_dup(&q, 0);
		qu->capabilities[prompt] = col_dup(&q, 1);
	}
	if (qu->titles[prompt] == NULL)
		qu->titles[prompt] = xstrdup("");
	if (qu->capabilities[prompt] == NULL)
		qu->capabilities[prompt] = xstrdup("");
	return stmt_done(&q);
}

void
queue_free(struct queue *qu)
{
	size_t i;

	for (i = 0; i < qu->n_prompts; i++) {
		free(qu->prompts[i]);
		if (qu->titles != NULL) {
			free(qu->titles[i]);
			free(qu->capabilities[i]);
		}
	}
	for (i = 0; i < qu->n_models; i++)
		free(qu->models[i]);
	free(qu->prompts);
	free(qu->prompt_rows);
	free(qu->titles);
	free(qu->capabilities);
	free(qu->models);
	free(qu->v);
	memset(qu, 0, sizeof *qu);
}

int
store_reviewers(struct store *st, char ***out, size_t *n_out, struct errlist *errs)
{
	return store_strings(st, errs, out, n_out, "SELECT name FROM reviewer ORDER BY name");
}

/* Per point of the scale, the text of one rubric table (labels or anchors):
 * sql reads value and text for the rubric (and the axis, when not NULL). */
static int
points(struct store *st, const char *sql, int64_t rubric, const char *axis, long min,
    long max, char ***out, struct errlist *errs)
{
	char **v = xcalloc((size_t)(max - min + 1), sizeof *v);
	struct stmt q;
	long value;

	*out = v;
	stmt_open(&q, st, errs, sql, axis != NULL ? "it" : "i", rubric, axis);
	while (stmt_row(&q)) {
		value = (long)stmt_int(&q, 0);
		if (value >= min && value <= max && v[value - min] == NULL)
			v[value - min] = col_dup(&q, 1);
	}
	return stmt_done(&q);
}

/* Which of a rubric's languages ("en,ja", the first the fallback) serves
 * a reviewer reading `want`: the same code, else one of the same language
 * (pt_BR for pt); NULL when none does.  A string to free. */
static char *
reviewer_lang(const char *languages, const char *want)
{
	size_t wlen = strcspn(want, "_"), len, same_len = 0;
	const char *p, *same = NULL;

	for (p = languages; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		if (len == strlen(want) && strncmp(p, want, len) == 0)
			return xstrndup(p, len);
		if (same == NULL && strcspn(p, "_,") == wlen && strncmp(p, want, wlen) == 0) {
			same = p;
			same_len = len;
		}
	}
	return same != NULL ? xstrndup(same, same_len) : NULL;
}

/* *text becomes the rubric's text of `part` in lang, when it has one. */
static int
translate(struct store *st, int64_t rubric, const char *lang, const char *part,
    const char *axis, char **text, struct errlist *errs)
{
	char *t = NULL;
	int rc;

	if (lang == NULL)
		return 0;
	if ((rc = store_get_text(st, errs, &t, "SELECT text FROM rubric_text WHERE rubric = ?"
	    " AND lang = ? AND part = ? AND axis = ? AND value = 0", "ittt", rubric, lang, part,
	    axis != NULL ? axis : "")) != 0 || t == NULL)
		return rc;
	free(*text);
	*text = t;
	return 0;
}

/* The same for each point of labels or anchors; the points lang does not
 * have keep the first language's text. */
static int
translate_points(struct store *st, int64_t rubric, const char *lang, const char *part,
    const char *axis, long min, long max, char **v, struct errlist *errs)
{
	struct stmt q;
	long value;

	if (lang == NULL)
		return 0;
	stmt_open(&q, st, errs, "SELECT value, text FROM rubric_text WHERE rubric = ? AND"
	    " lang = ? AND part = ? AND axis = ?", "ittt", rubric, lang, part,
	    axis != NULL ? axis : "");
	while (stmt_row(&q)) {
		value = (long)stmt_int(&q, 0);
		if (value >= min && value <= max) {
			free(v[value - min]);
			v[value - min] = col_dup(&q, 1);
		}
	}
	return stmt_done(&q);
}

/* An axis as the screen names it: the rubric's name for it in the
 * reviewer's language (lang; NULL when the rubric does not have it); a
 * standard axis's name from the catalogue; the rubric's name in its first
 * language; its id. */
static int
axis_name(struct store *st, int64_t rubric, const char *lang, const char *first,
    struct item_axis *a, struct errlist *errs)
{
	const char *std;
	int rc;

	if ((rc = translate(st, rubric, lang, "name", a->id, &a->name, errs)) != 0 ||
	    a->name != NULL)
		return rc;
	if ((std = axis_std_name(a->id)) != NULL) {
		a->name = xstrdup(std);
		return 0;
	}
	if ((rc = translate(st, rubric, first, "name", a->id, &a->name, errs)) != 0 ||
	    a->name != NULL)
		return rc;
	a->name = xstrdup(a->id);
	return 0;
}

/* The texts of a rubric, loaded in its first language, in the reviewer's
 * where the rubric has them there (the first language's own texts are in
 * the rubric's tables: nothing to replace). */
static int
translate_capability(struct store *st, int64_t rubric, const char *languages,
    struct item_capability *c, struct errlist *errs)
{
	char *lang = reviewer_lang(languages, i18n_lang());
	char *first = xstrndup(languages, strcspn(languages, ","));
	const char *shown;
	size_t i;
	int rc;

	shown = lang != NULL && strcmp(lang, first) != 0 ? lang : NULL;
	if ((rc = translate(st, rubric, shown, "title", NULL, &c->title, errs)) == 0 &&
	    (rc = translate(st, rubric, shown, "description", NULL, &c->description,
	    errs)) == 0)
		rc = translate_points(st, rubric, shown, "label", NULL, c->min, c->max,
		    c->labels, errs);
	for (i = 0; i < c->n_axes && rc == 0; i++) {
		struct item_axis *a = &c->axes[i];

		if ((rc = translate(st, rubric, shown, "question", a->id, &a->question,
		    errs)) == 0 &&
		    (rc = translate_points(st, rubric, shown, "anchor", a->id, c->min, c->max,
		    a->anchors, errs)) == 0)
			rc = axis_name(st, rubric, lang, first, a, errs);
	}
	free(lang);
	free(first);
	return rc;
}

static int
load_axes(struct store *st, const char *reviewer, int64_t output, int64_t rubric,
    struct item_capability *c, struct errlist *errs)
{
	struct item_axis *a;
	struct stmt q;
	size_t i;
	int rc;

	stmt_open(&q, st, errs, "SELECT a.axis, a.question,"
	    " (SELECT g.score FROM rating g JOIN reviewer v ON v.id = g.reviewer"
	    "   WHERE v.name = ?1 AND g.output = ?2 AND g.capability = ?3 AND g.axis = a.axis"
	    "   AND g.rubric = a.rubric),"
	    " (SELECT count(*) FROM rating g JOIN reviewer v ON v.id = g.reviewer"
	    "   WHERE v.name = ?1 AND g.output = ?2 AND g.capability = ?3 AND g.axis = a.axis"
	    "   AND g.rubric = a.rubric)"
	    " FROM axis a WHERE a.rubric = ?4 ORDER BY a.position", "titi", reviewer, output,
	    c->capability, rubric);
	while (stmt_row(&q)) {
		c->axes = xreallocarray(c->axes, c->n_axes + 1, sizeof *c->axes);
		a = &c->axes[c->n_axes++];
		memset(a, 0, sizeof *a);
		a->id = col_dup(&q, 0);
		a->question = col_dup(&q, 1);
		if ((int)stmt_int(&q, 3) == 0)
			a->score = ITEM_UNRATED;
		else if (stmt_null(&q, 2))
			a->score = ITEM_NA;
		else
			a->score = (int)stmt_int(&q, 2);
	}
	/* The anchors after the axes: one statement in use at a time. */
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	for (i = 0; i < c->n_axes && rc == 0; i++)
		rc = points(st, "SELECT value, text FROM anchor WHERE rubric = ? AND axis = ?",
		    rubric, c->axes[i].id, c->min, c->max, &c->axes[i].anchors, errs);
	return rc;
}

static int
load_capabilities(struct store *st, const char *reviewer, struct item_view *iv,
    int64_t prompt, struct errlist *errs)
{
	struct item_capability *c;
	int64_t *rubrics = NULL;
	struct stmt q;
	size_t i;
	int rc;

	char **langs = NULL;

	stmt_open(&q, st, errs, "SELECT pc.capability, r.id, r.title, r.scale_min,"
	    " r.scale_max, r.description, r.languages FROM prompt_capability pc"
	    " JOIN current_rubric r"
	    " ON r.capability = pc.capability WHERE pc.prompt = ? ORDER BY pc.position", "i",
	    prompt);
	while (stmt_row(&q)) {
		iv->caps = xreallocarray(iv->caps, iv->n_caps + 1, sizeof *iv->caps);
		rubrics = xreallocarray(rubrics, iv->n_caps + 1, sizeof *rubrics);
		langs = xreallocarray(langs, iv->n_caps + 1, sizeof *langs);
		langs[iv->n_caps] = col_dup(&q, 6);
		c = &iv->caps[iv->n_caps];
		memset(c, 0, sizeof *c);
		c->capability = col_dup(&q, 0);
		rubrics[iv->n_caps] = stmt_int(&q, 1);
		c->title = col_dup(&q, 2);
		c->min = (long)stmt_int(&q, 3);
		c->max = (long)stmt_int(&q, 4);
		c->description = col_dup(&q, 5);
		iv->n_caps++;
	}
	rc = stmt_done(&q);
	for (i = 0; i < iv->n_caps && rc == 0; i++) {
		c = &iv->caps[i];
		if ((rc = points(st, "SELECT value, label FROM scale_label WHERE rubric = ?",
		    rubrics[i], NULL, c->min, c->max, &c->labels, errs)) == 0)
			rc = load_axes(st, reviewer, iv->output, rubrics[i], c, errs);
		if (rc == 0)
			rc = translate_capability(st, rubrics[i], langs[i] != NULL ? langs[i] :
			    "en", c, errs);
	}
	for (i = 0; i < iv->n_caps; i++)
		free(langs[i]);
	free(langs);
	free(rubrics);
	return rc;
}

static int
load_turns(struct store *st, struct item_view *iv, int64_t prompt, struct errlist *errs)
{
	struct stmt q;

	stmt_open(&q, st, errs, "SELECT role, content FROM turn WHERE prompt = ? "
	    "ORDER BY position", "i", prompt);
	while (stmt_row(&q)) {
		iv->turns = xreallocarray(iv->turns, iv->n_turns + 1, sizeof *iv->turns);
		iv->turns[iv->n_turns].role = col_dup(&q, 0);
		iv->turns[iv->n_turns].content = col_dup(&q, 1);
		iv->n_turns++;
	}
	return stmt_done(&q);
}

static int
load_review(struct store *st, const char *reviewer, struct item_view *iv,
    struct errlist *errs)
{
	struct stmt q;

	stmt_open(&q, st, errs, "SELECT w.note, w.flag, w.flag_reason, w.active_seconds"
	    " FROM review w JOIN reviewer v ON v.id = w.reviewer WHERE v.name = ? AND"
	    " w.output = ?", "ti", reviewer, iv->output);
	if (stmt_row(&q)) {
		iv->note = col_dup(&q, 0);
		iv->flag = col_dup(&q, 1);
		iv->flag_reason = col_dup(&q, 2);
		iv->active_seconds = stmt_double(&q, 3);
	}
	return stmt_done(&q);
}

/* The output and its prompt: *prompt stays 0 when there is no such output. */
static int
load_output(struct store *st, int64_t output, struct item_view *iv, int64_t *prompt,
    struct errlist *errs)
{
	struct stmt q;

	*prompt = 0;
	stmt_open(&q, st, errs, "SELECT p.id, p.name, p.version, p.title, p.occupation,"
	    " p.task, p.lang, m.name, o.text FROM output o JOIN prompt p ON p.id = o.prompt"
	    " JOIN model m ON m.id = o.model WHERE o.id = ?", "i", output);
	if (stmt_row(&q)) {
		*prompt = stmt_int(&q, 0);
		iv->prompt_id = col_dup(&q, 1);
		iv->prompt_version = (int)stmt_int(&q, 2);
		iv->title = col_dup(&q, 3);
		iv->occupation = col_dup(&q, 4);
		iv->task = col_dup(&q, 5);
		iv->lang = col_dup(&q, 6);
		iv->model = col_dup(&q, 7);
		iv->text = col_dup(&q, 8);
	}
	return stmt_done(&q);
}

int
store_item_load(struct store *st, const char *reviewer, int64_t output, struct item_view *iv,
    struct errlist *errs)
{
	int64_t prompt;
	int rc;

	memset(iv, 0, sizeof *iv);
	if ((rc = load_output(st, output, iv, &prompt, errs)) != 0)
		return rc;
	if (prompt == 0) {
		err_add(errs, _("no output %lld in this study"), (long long)output);
		return STORE_INPUT;
	}
	iv->output = output;
	if ((rc = load_turns(st, iv, prompt, errs)) != 0 ||
	    (rc = load_capabilities(st, reviewer, iv, prompt, errs)) != 0 ||
	    (rc = load_review(st, reviewer, iv, errs)) != 0) {
		item_view_free(iv);
		return rc;
	}
	return 0;
}

static void
free_points(char **v, long min, long max)
{
	long i;

	if (v == NULL)
		return;
	for (i = 0; i <= max - min; i++)
		free(v[i]);
	free(v);
}

void
item_view_free(struct item_view *iv)
{
	size_t i, j;

	for (i = 0; i < iv->n_turns; i++) {
		free(iv->turns[i].role);
		free(iv->turns[i].content);
	}
	for (i = 0; i < iv->n_caps; i++) {
		struct item_capability *c = &iv->caps[i];

		for (j = 0; j < c->n_axes; j++) {
			free(c->axes[j].id);
			free(c->axes[j].name);
			free(c->axes[j].question);
			free_points(c->axes[j].anchors, c->min, c->max);
		}
		free(c->axes);
		free_points(c->labels, c->min, c->max);
		free(c->capability);
		free(c->title);
		free(c->description);
	}
	free(iv->caps);
	free(iv->turns);
	free(iv->prompt_id);
	free(iv->title);
	free(iv->occupation);
	free(iv->task);
	free(iv->lang);
	free(iv->model);
	free(iv->text);
	free(iv->note);
	free(iv->flag);
	free(iv->flag_reason);
	memset(iv, 0, sizeof *iv);
}

int
store_record_unblind(struct store *st, const char *what, const char *actor,
    struct errlist *errs)
{
	int rc;

	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	if ((rc = store_run(st, errs, "INSERT INTO study_change(at, setting, old, new, ratings,"
	    " unassigned, actor) VALUES (" SQL_NOW ", 'unblind', NULL, ?, (SELECT count(*) FROM"
	    " rating), 0, ?)", "tz", what, actor)) != 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, errs);
}
