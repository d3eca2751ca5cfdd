/* store-import.c: writing a checked bundle into the database.
 *
 * Everything happens inside one transaction opened by store_import: any
 * failure rolls all of it back.  Never-rated content that changed is
 * replaced in place.  A rubric or prompt whose content changed after it
 * was rated is refused unless asked otherwise (store_set_edit), because
 * both ways out change what the scores count: a new version, where the
 * ratings stay tied to the exact text they were given for and no longer
 * count, or an amendment in place, where they carry over to the new text. */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "store-internal.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

enum change { CH_ADDED, CH_UPDATED, CH_VERSIONED, CH_AMENDED, CH_REFUSED, CH_UNCHANGED };

void
store_set_edit(struct store *st, enum store_edit edit)
{
	st->edit = edit;
}

static void
count(struct import_counts *c, int kind, enum change ch)
{
	size_t *v[] = { c->added, c->updated, c->versioned, c->amended, c->refused,
	    c->unchanged };

	v[ch][kind]++;
}

/* Go on after a refused item, so that every one of them is reported; a
 * failure of the machine ends the import. */
static int
keep(int rc, int next)
{
	if (rc == STORE_RUNTIME || next == STORE_RUNTIME)
		return STORE_RUNTIME;
	return rc != 0 ? rc : next;
}

/* The latest version of a named prompt or rubric, and its ratings. */
struct current {
	int64_t	row;
	int64_t	version;
	char	hash[65];
	int64_t	ratings;
};

/* What to do with an item: find its latest version (`find_sql`, by name),
 * count the ratings it holds (`rated_sql`, by row) if it changed. */
static int
decide(struct store *st, const char *find_sql, const char *rated_sql, const char *key,
    const char *hash, struct current *cur, enum change *ch, struct errlist *errs)
{
	static const enum change rated[] = {
		[STORE_EDIT_REFUSE] = CH_REFUSED,
		[STORE_EDIT_REVISE] = CH_VERSIONED,
		[STORE_EDIT_AMEND] = CH_AMENDED,
	};
	struct stmt q;
	bool found;
	int rc;

	memset(cur, 0, sizeof *cur);
	stmt_open(&q, st, errs, find_sql, "t", key);
	if ((found = stmt_row(&q))) {
		cur->row = sqlite3_column_int64(q.s, 0);
		cur->version = sqlite3_column_int64(q.s, 1);
		snprintf(cur->hash, sizeof cur->hash, "%s",
		    (const char *)sqlite3_column_text(q.s, 2));
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	if (!found)
		*ch = CH_ADDED;
	else if (strcmp(cur->hash, hash) == 0)
		*ch = CH_UNCHANGED;
	else if ((rc = store_get_int(st, errs, &cur->ratings, rated_sql, "i", cur->row)) != 0)
		return rc;
	else
		*ch = cur->ratings == 0 ? CH_UPDATED : rated[st->edit];
	return 0;
}

static void
refuse(struct errlist *errs, const struct pos *pos, const char *what, const char *name,
    int64_t ratings)
{
	err_at(errs, pos, "%s '%s' changed after it was rated: its %lld %s would no longer "
	    "count", what, name, (long long)ratings, ratings == 1 ? "rating" : "ratings");
}

/* Who amends: the one at the keyboard, as the history of ratings says. */
static const char *
amender(const struct store *st)
{
	struct passwd *pw;

	if (st->actor != NULL)
		return st->actor;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_name;
	return getlogin() != NULL ? getlogin() : "unknown login";
}

/* An amendment's record: what changed (old hash -> new), who, when. */
static int
record_amendment(struct store *st, const char *kind, const char *name,
    const struct current *cur, const char *hash, struct errlist *errs)
{
	return store_run(st, errs, "INSERT INTO amendment(at, kind, name, version, old_hash, "
	    "new_hash, ratings, actor) VALUES (" NOW ", ?, ?, ?, ?, ?, ?, ?)", "ttittit", kind,
	    name, cur->version, cur->hash, hash, cur->ratings, amender(st));
}

static bool
has_axis(const struct rubric_def *r, const char *axis)
{
	size_t i;

	for (i = 0; i < r->n_axes; i++) {
		if (strcmp(r->axes[i].id, axis) == 0)
			return true;
	}
	return false;
}

/* An amendment must leave every rating valid under the new text: each
 * rated axis still there, each score on the new scale. */
static int
check_amend_rubric(struct store *st, const struct rubric_def *r, const struct current *cur,
    struct errlist *errs)
{
	struct stmt q;
	int64_t outside;
	bool bad = false;
	int rc;

	stmt_open(&q, st, errs, "SELECT axis, count(*) FROM rating WHERE rubric = ? "
	    "GROUP BY axis ORDER BY axis", "i", cur->row);
	while (stmt_row(&q)) {
		const char *axis = (const char *)sqlite3_column_text(q.s, 0);

		if (has_axis(r, axis))
			continue;
		err_at(errs, &r->pos, "rubric '%s': --amend would drop axis '%s', which has "
		    "%lld ratings: import --revise makes a new version instead", r->capability,
		    axis, (long long)sqlite3_column_int64(q.s, 1));
		bad = true;
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	if ((rc = store_get_int(st, errs, &outside, "SELECT count(*) FROM rating WHERE "
	    "rubric = ? AND score IS NOT NULL AND (score < ? OR score > ?)", "iii", cur->row,
	    (int64_t)r->min, (int64_t)r->max)) != 0)
		return rc;
	if (outside > 0) {
		err_at(errs, &r->pos, "rubric '%s': --amend would leave %lld %s outside "
		    "the new scale %ld to %ld: import --revise makes a new version instead",
		    r->capability, (long long)outside, outside == 1 ? "rating" : "ratings",
		    r->min, r->max);
		bad = true;
	}
	return bad ? STORE_INPUT : 0;
}

static int
insert_rubric_parts(struct store *st, int64_t row, const struct rubric_def *r,
    struct errlist *errs)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < r->n_labels && rc == 0; i++)
		rc = store_run(st, errs, "INSERT INTO scale_label(rubric, value, label) "
		    "VALUES (?, ?, ?)", "iit", row, (int64_t)r->labels[i].value,
		    r->labels[i].text);
	for (i = 0; i < r->n_axes && rc == 0; i++) {
		const struct axis_def *a = &r->axes[i];

		rc = store_run(st, errs, "INSERT INTO axis(rubric, position, axis, question) "
		    "VALUES (?, ?, ?, ?)", "iitt", row, (int64_t)i, a->id, a->question);
		for (j = 0; j < a->n_anchors && rc == 0; j++)
			rc = store_run(st, errs, "INSERT INTO anchor(rubric, axis, value, "
			    "text) VALUES (?, ?, ?, ?)", "itit", row, a->id,
			    (int64_t)a->anchors[j].value, a->anchors[j].text);
	}
	return rc;
}

/* New text for a version in place: never rated, or amended.  The ratings
 * refer to the rubric row and the axis by name, so they stay attached. */
static int
replace_rubric(struct store *st, int64_t row, const struct rubric_def *r,
    struct errlist *errs)
{
	int rc;

	if ((rc = store_run(st, errs, "UPDATE rubric SET hash = ?, title = ?, "
	    "description = ?, scale_min = ?, scale_max = ? WHERE id = ?", "ttziii", r->hash,
	    r->title, r->description, (int64_t)r->min, (int64_t)r->max, row)) != 0 ||
	    (rc = store_run(st, errs, "DELETE FROM scale_label WHERE rubric = ?", "i",
	    row)) != 0 ||
	    (rc = store_run(st, errs, "DELETE FROM axis WHERE rubric = ?", "i", row)) != 0)
		return rc;
	return insert_rubric_parts(st, row, r, errs);
}

static int
version_rubric(struct store *st, const struct current *cur, const struct rubric_def *r,
    struct errlist *errs)
{
	int rc;

	if ((rc = store_run(st, errs, "INSERT INTO rubric(capability, version, hash, title, "
	    "description, scale_min, scale_max, created) VALUES (?, ?, ?, ?, ?, ?, ?, " NOW ")",
	    "titztii", r->capability, cur->version + 1, r->hash, r->title, r->description,
	    (int64_t)r->min, (int64_t)r->max)) != 0)
		return rc;
	return insert_rubric_parts(st, sqlite3_last_insert_rowid(st->db), r, errs);
}

static int
import_rubric(struct store *st, const struct rubric_def *r, struct import_counts *c,
    struct errlist *errs)
{
	struct current cur;
	enum change ch;
	int rc;

	if ((rc = decide(st, "SELECT id, version, hash FROM rubric WHERE capability = ? "
	    "ORDER BY version DESC LIMIT 1", "SELECT count(*) FROM rating WHERE rubric = ?",
	    r->capability, r->hash, &cur, &ch, errs)) != 0)
		return rc;
	if (ch == CH_AMENDED && (rc = check_amend_rubric(st, r, &cur, errs)) != 0)
		return rc;
	count(c, IMP_RUBRIC, ch);
	switch (ch) {
	case CH_UNCHANGED:
		return 0;
	case CH_REFUSED:
		refuse(errs, &r->pos, "rubric", r->capability, cur.ratings);
		return STORE_INPUT;
	case CH_AMENDED:
		if ((rc = record_amendment(st, "rubric", r->capability, &cur, r->hash,
		    errs)) != 0)
			return rc;
		/* FALLTHROUGH */
	case CH_UPDATED:
		return replace_rubric(st, cur.row, r, errs);
	default:
		return version_rubric(st, &cur, r, errs);
	}
}

static bool
has_capability(const struct prompt_def *p, const char *capability)
{
	size_t i;

	for (i = 0; i < p->n_capabilities; i++) {
		if (strcmp(p->capabilities[i], capability) == 0)
			return true;
	}
	return false;
}

/* An amendment must keep every rated capability of the prompt. */
static int
check_amend_prompt(struct store *st, const struct prompt_def *p, const struct current *cur,
    struct errlist *errs)
{
	struct stmt q;
	bool bad = false;
	int rc;

	stmt_open(&q, st, errs, "SELECT g.capability, count(*) FROM rating g JOIN output o "
	    "ON o.id = g.output WHERE o.prompt = ? GROUP BY g.capability ORDER BY g.capability",
	    "i", cur->row);
	while (stmt_row(&q)) {
		const char *capability = (const char *)sqlite3_column_text(q.s, 0);

		if (has_capability(p, capability))
			continue;
		err_at(errs, &p->pos, "prompt '%s': --amend would drop capability '%s', which "
		    "has %lld ratings: import --revise makes a new version instead", p->id,
		    capability, (long long)sqlite3_column_int64(q.s, 1));
		bad = true;
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	return bad ? STORE_INPUT : 0;
}

static int
insert_prompt_parts(struct store *st, int64_t row, const struct prompt_def *p,
    struct errlist *errs)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < p->n_capabilities && rc == 0; i++)
		rc = store_run(st, errs, "INSERT INTO prompt_capability(prompt, position, "
		    "capability) VALUES (?, ?, ?)", "iit", row, (int64_t)i, p->capabilities[i]);
	for (i = 0; i < p->n_turns && rc == 0; i++)
		rc = store_run(st, errs, "INSERT INTO turn(prompt, position, role, content) "
		    "VALUES (?, ?, ?, ?)", "iitt", row, (int64_t)i, p->turns[i].role,
		    p->turns[i].content);
	return rc;
}

/* New text for a version in place: never rated, or amended.  Its outputs
 * and their ratings refer to the prompt row, so they stay attached. */
static int
replace_prompt(struct store *st, int64_t row, const struct prompt_def *p,
    struct errlist *errs)
{
	int rc;

	if ((rc = store_run(st, errs, "UPDATE prompt SET hash = ?, title = ?, occupation = ?, "
	    "task = ?, onet_task_id = nullif(?, 0), lang = ? WHERE id = ?", "ttzziti", p->hash,
	    p->title, p->occupation, p->task, (int64_t)p->onet_task_id, p->lang, row)) != 0 ||
	    (rc = store_run(st, errs, "DELETE FROM prompt_capability WHERE prompt = ?", "i",
	    row)) != 0 ||
	    (rc = store_run(st, errs, "DELETE FROM turn WHERE prompt = ?", "i", row)) != 0)
		return rc;
	return insert_prompt_parts(st, row, p, errs);
}

static int
version_prompt(struct store *st, const struct current *cur, const struct prompt_def *p,
    struct errlist *errs)
{
	int rc;

	if ((rc = store_run(st, errs, "INSERT INTO prompt(name, version, hash, title, "
	    "occupation, task, onet_task_id, lang, created) VALUES (?, ?, ?, ?, ?, ?, "
	    "nullif(?, 0), ?, " NOW ")", "tittzzit", p->id, cur->version + 1, p->hash, p->title,
	    p->occupation, p->task, (int64_t)p->onet_task_id, p->lang)) != 0)
		return rc;
	return insert_prompt_parts(st, sqlite3_last_insert_rowid(st->db), p, errs);
}

static int
import_prompt(struct store *st, const struct prompt_def *p, struct import_counts *c,
    struct errlist *errs)
{
	struct current cur;
	enum change ch;
	int rc;

	if ((rc = decide(st, "SELECT id, version, hash FROM prompt WHERE name = ? "
	    "ORDER BY version DESC LIMIT 1", "SELECT count(*) FROM rating JOIN output "
	    "ON output.id = rating.output WHERE output.prompt = ?", p->id, p->hash, &cur, &ch,
	    errs)) != 0)
		return rc;
	if (ch == CH_AMENDED && (rc = check_amend_prompt(st, p, &cur, errs)) != 0)
		return rc;
	count(c, IMP_PROMPT, ch);
	switch (ch) {
	case CH_UNCHANGED:
		return 0;
	case CH_REFUSED:
		refuse(errs, &p->pos, "prompt", p->id, cur.ratings);
		return STORE_INPUT;
	case CH_AMENDED:
		if ((rc = record_amendment(st, "prompt", p->id, &cur, p->hash, errs)) != 0)
			return rc;
		/* FALLTHROUGH */
	case CH_UPDATED:
		return replace_prompt(st, cur.row, p, errs);
	default:
		return version_prompt(st, &cur, p, errs);
	}
}

/* The current version of a prompt and of a rubric, by name. */
static const char prompt_row_sql[] =
    "SELECT id FROM prompt WHERE name = ? ORDER BY version DESC LIMIT 1";
static const char rubric_row_sql[] =
    "SELECT id FROM rubric WHERE capability = ? ORDER BY version DESC LIMIT 1";

int
store_prompt_row(struct store *st, const char *id, int64_t *row, struct errlist *errs)
{
	return store_get_int(st, errs, row, prompt_row_sql, "t", id);
}

int
store_rubric_row(struct store *st, const char *capability, int64_t *row,
    struct errlist *errs)
{
	return store_get_int(st, errs, row, rubric_row_sql, "t", capability);
}

static int
model_row(struct store *st, const char *name, int64_t *row, struct errlist *errs)
{
	int rc;

	if ((rc = store_run(st, errs, "INSERT INTO model(name) VALUES (?) "
	    "ON CONFLICT (name) DO NOTHING", "t", name)) != 0)
		return rc;
	return store_get_int(st, errs, row, "SELECT id FROM model WHERE name = ?", "t", name);
}

static int
import_output(struct store *st, const struct output_def *o, struct import_counts *c,
    struct errlist *errs)
{
	int64_t prompt, model, row = 0, rated;
	struct stmt q;
	char hash[65] = "";
	int rc;

	if ((rc = store_get_int(st, errs, &prompt, prompt_row_sql, "t", o->prompt)) != 0 ||
	    (rc = model_row(st, o->model, &model, errs)) != 0)
		return rc;
	stmt_open(&q, st, errs, "SELECT id, hash FROM output WHERE prompt = ? AND model = ?",
	    "ii", prompt, model);
	if (stmt_row(&q)) {
		row = sqlite3_column_int64(q.s, 0);
		snprintf(hash, sizeof hash, "%s", (const char *)sqlite3_column_text(q.s, 1));
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	if (row != 0 && strcmp(hash, o->hash) == 0) {
		count(c, IMP_OUTPUT, CH_UNCHANGED);
		return 0;
	}
	if (row == 0) {
		count(c, IMP_OUTPUT, CH_ADDED);
		return store_run(st, errs, "INSERT INTO output(prompt, model, hash, text, "
		    "metadata, created) VALUES (?, ?, ?, ?, ?, " NOW ")", "iittz", prompt,
		    model, o->hash, o->text, o->metadata);
	}
	if ((rc = store_get_int(st, errs, &rated, "SELECT EXISTS (SELECT 1 FROM rating "
	    "WHERE output = ?)", "i", row)) != 0)
		return rc;
	if (rated) {
		err_at(errs, &o->pos, "the output of model '%s' for prompt '%s' has been rated "
		    "and its text is different now; import it under another model name, or "
		    "change the prompt so that it gets a new version", o->model, o->prompt);
		return STORE_INPUT;
	}
	count(c, IMP_OUTPUT, CH_UPDATED);
	return store_run(st, errs, "UPDATE output SET hash = ?, text = ?, metadata = ? "
	    "WHERE id = ?", "ttzi", o->hash, o->text, o->metadata, row);
}

static int
set_setting(struct store *st, const char *key, const char *value, bool *changed,
    struct errlist *errs)
{
	int64_t same;
	int rc;

	if ((rc = store_get_int(st, errs, &same, "SELECT count(*) FROM study WHERE key = ? "
	    "AND value IS ?", "tt", key, value)) != 0 || same == 1)
		return rc;
	*changed = true;
	return store_run(st, errs, "INSERT INTO study(key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", "tt", key, value);
}

static int
weights_differ(struct store *st, const struct study_def *sd, bool *differ,
    struct errlist *errs)
{
	int64_t n;
	size_t i;
	int rc;

	*differ = true;
	if ((rc = store_get_int(st, errs, &n, "SELECT count(*) FROM weight", "")) != 0 ||
	    (size_t)n != sd->n_weights)
		return rc;
	for (i = 0; i < sd->n_weights; i++) {
		if ((rc = store_get_int(st, errs, &n, "SELECT count(*) FROM weight WHERE "
		    "capability = ? AND weight = ?", "td", sd->weights[i].capability,
		    sd->weights[i].weight)) != 0 || n != 1)
			return rc;
	}
	*differ = false;
	return 0;
}

static int
import_weights(struct store *st, const struct study_def *sd, struct errlist *errs)
{
	size_t i;
	int rc;

	if ((rc = store_exec(st, "DELETE FROM weight", errs)) != 0)
		return rc;
	for (i = 0; i < sd->n_weights && rc == 0; i++)
		rc = store_run(st, errs, "INSERT INTO weight(capability, weight) VALUES (?, ?)",
		    "td", sd->weights[i].capability, sd->weights[i].weight);
	return rc;
}

static int
import_study(struct store *st, const struct study_def *sd, struct import_counts *c,
    struct errlist *errs)
{
	bool changed = false, differ;
	char num[32];
	int rc = 0;

	if (sd->title != NULL)
		rc = set_setting(st, "title", sd->title, &changed, errs);
	/* A study file declares the whole study: what it leaves out is the default. */
	if (rc == 0)
		rc = set_setting(st, "blind", sd->blind != 0 ? "1" : "0", &changed, errs);
	if (rc == 0)
		rc = set_setting(st, "reviewers_random", sd->reviewers_random > 0 ? "1" : "0",
		    &changed, errs);
	snprintf(num, sizeof num, "%ld", sd->overlap);
	if (rc == 0)
		rc = set_setting(st, "overlap", num, &changed, errs);
	snprintf(num, sizeof num, "%llu", (unsigned long long)sd->seed);
	if (rc == 0 && sd->has_seed)
		rc = set_setting(st, "seed", num, &changed, errs);
	if (rc == 0) {
		struct buf roster = { 0 };
		size_t i;

		/* One name a line; empty when every reviewer rates every output. */
		buf_add(&roster, "", 0);
		for (i = 0; i < sd->n_reviewers; i++)
			buf_printf(&roster, "%s%s", i ? "\n" : "", sd->reviewers[i]);
		rc = set_setting(st, "reviewers", roster.data, &changed, errs);
		buf_free(&roster);
	}
	if (rc == 0 && (rc = weights_differ(st, sd, &differ, errs)) == 0 && differ) {
		changed = true;
		rc = import_weights(st, sd, errs);
	}
	count(c, IMP_STUDY, changed ? CH_UPDATED : CH_UNCHANGED);
	return rc;
}

/* After the rubrics and prompts that changed once rated, the two ways on. */
static void
offer_edits(const struct import_counts *c, struct errlist *errs)
{
	if (c->refused[IMP_RUBRIC] + c->refused[IMP_PROMPT] == 0)
		return;
	err_add(errs, "to change rated text, choose: 'import --revise' makes a new version "
	    "(the ratings stay on the earlier text, where no score counts them), "
	    "'import --amend' corrects the text in place (the ratings carry over; for a "
	    "change that leaves what was rated the same, such as a typo)");
}

int
store_import(struct store *st, const struct bundle *b, struct import_counts *c,
    struct errlist *errs)
{
	size_t i;
	int rc;

	memset(c, 0, sizeof *c);
	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	for (i = 0; rc != STORE_RUNTIME && i < b->rubrics.n; i++)
		rc = keep(rc, import_rubric(st, b->rubrics.v[i], c, errs));
	for (i = 0; rc != STORE_RUNTIME && i < b->prompts.n; i++)
		rc = keep(rc, import_prompt(st, b->prompts.v[i], c, errs));
	offer_edits(c, errs);
	for (i = 0; rc != STORE_RUNTIME && i < b->outputs.n; i++)
		rc = keep(rc, import_output(st, b->outputs.v[i], c, errs));
	for (i = 0; rc == 0 && i < b->studies.n; i++)
		rc = import_study(st, b->studies.v[i], c, errs);
	for (i = 0; rc == 0 && i < b->models.n; i++)
		rc = store_collect_import_model(st, b->models.v[i], c, errs);
	for (i = 0; rc != STORE_RUNTIME && i < b->ratings.n; i++) {
		rc = keep(rc, store_import_rating(st, b->ratings.v[i], c, errs));
		if (errs->n > 50)
			break;	/* enough to see what is wrong */
	}
	if (rc == 0)
		rc = store_commit(st, errs);
	if (rc != 0)
		store_rollback(st);
	return rc;
}

/* For validation, which names what is missing: a failed read counts as
 * missing there, and the import's own read of it then reports the failure. */
bool
store_has_rubric(struct store *st, const char *capability)
{
	int64_t row;

	return store_rubric_row(st, capability, &row, NULL) == 0 && row != 0;
}

bool
store_has_prompt(struct store *st, const char *id)
{
	int64_t row;

	return store_prompt_row(st, id, &row, NULL) == 0 && row != 0;
}
