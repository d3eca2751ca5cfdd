/* store-import.c: writing a checked bundle into the database.
 *
 * Everything happens inside one transaction opened by store_import: any
 * failure rolls all of it back.  A rubric or prompt whose content changed
 * becomes a new version once it has been rated, so that every rating stays
 * tied to the exact text it was given for; never-rated content is replaced
 * in place. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-internal.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

enum change { CH_ADDED, CH_UPDATED, CH_VERSIONED, CH_UNCHANGED };

static void
count(struct import_counts *c, int kind, enum change ch)
{
	switch (ch) {
	case CH_ADDED:
		c->added[kind]++;
		break;
	case CH_UPDATED:
		c->updated[kind]++;
		break;
	case CH_VERSIONED:
		c->versioned[kind]++;
		break;
	case CH_UNCHANGED:
		c->unchanged[kind]++;
		break;
	}
}

/* The latest version of a named item: its row id, version and hash. */
struct current {
	int64_t	row;
	int64_t	version;
	char	hash[65];
};

static bool
current_of(struct store *st, const char *sql, const char *key, struct current *cur)
{
	sqlite3_stmt *s = store_stmt(st, sql, NULL);
	bool found = false;

	memset(cur, 0, sizeof *cur);
	if (s == NULL)
		return false;
	store_bind(s, "t", key);
	if (sqlite3_step(s) == SQLITE_ROW) {
		cur->row = sqlite3_column_int64(s, 0);
		cur->version = sqlite3_column_int64(s, 1);
		snprintf(cur->hash, sizeof cur->hash, "%s", (const char *)sqlite3_column_text(s, 2));
		found = true;
	}
	sqlite3_reset(s);
	return found;
}

static enum change
decide(struct store *st, bool found, const struct current *cur, const char *hash,
    const char *rated_sql)
{
	if (!found)
		return CH_ADDED;
	if (strcmp(cur->hash, hash) == 0)
		return CH_UNCHANGED;
	return store_int(st, rated_sql, "i", cur->row) ? CH_VERSIONED : CH_UPDATED;
}

static int
insert_rubric_parts(struct store *st, int64_t row, const struct rubric_def *r,
    struct errlist *errs)
{
	sqlite3_stmt *s;
	size_t i, j;
	int rc = 0;

	for (i = 0; i < r->n_labels && rc == 0; i++) {
		s = store_stmt(st, "INSERT INTO scale_label(rubric, value, label) VALUES (?, ?, ?)", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "iit", row, (int64_t)r->labels[i].value, r->labels[i].text);
		rc = store_step_done(st, s, errs);
	}
	for (i = 0; i < r->n_axes && rc == 0; i++) {
		const struct axis_def *a = &r->axes[i];

		s = store_stmt(st, "INSERT INTO axis(rubric, position, axis, question) "
		    "VALUES (?, ?, ?, ?)", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "iitt", row, (int64_t)i, a->id, a->question);
		rc = store_step_done(st, s, errs);
		for (j = 0; j < a->n_anchors && rc == 0; j++) {
			s = store_stmt(st, "INSERT INTO anchor(rubric, axis, value, text) "
			    "VALUES (?, ?, ?, ?)", errs);
			if (s == NULL)
				return STORE_RUNTIME;
			store_bind(s, "itit", row, a->id, (int64_t)a->anchors[j].value,
			    a->anchors[j].text);
			rc = store_step_done(st, s, errs);
		}
	}
	return rc;
}

static int
import_rubric(struct store *st, const struct rubric_def *r, struct import_counts *c,
    struct errlist *errs)
{
	struct current cur;
	bool found = current_of(st, "SELECT id, version, hash FROM rubric WHERE capability = ? "
	    "ORDER BY version DESC LIMIT 1", r->capability, &cur);
	enum change ch = decide(st, found, &cur, r->hash,
	    "SELECT EXISTS (SELECT 1 FROM rating WHERE rubric = ?)");
	sqlite3_stmt *s;
	int64_t row = cur.row;
	int rc;

	count(c, IMP_RUBRIC, ch);
	if (ch == CH_UNCHANGED)
		return 0;
	if (ch == CH_UPDATED) {
		s = store_stmt(st, "UPDATE rubric SET hash = ?, title = ?, description = ?, "
		    "scale_min = ?, scale_max = ? WHERE id = ?", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "ttziii", r->hash, r->title, r->description, (int64_t)r->min,
		    (int64_t)r->max, row);
		if ((rc = store_step_done(st, s, errs)) != 0)
			return rc;
		s = store_stmt(st, "DELETE FROM scale_label WHERE rubric = ?", errs);
		store_bind(s, "i", row);
		if ((rc = store_step_done(st, s, errs)) != 0)
			return rc;
		s = store_stmt(st, "DELETE FROM axis WHERE rubric = ?", errs);
		store_bind(s, "i", row);
		if ((rc = store_step_done(st, s, errs)) != 0)
			return rc;
	} else {
		s = store_stmt(st, "INSERT INTO rubric(capability, version, hash, title, "
		    "description, scale_min, scale_max, created) VALUES (?, ?, ?, ?, ?, ?, ?, "
		    NOW ")", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "titztii", r->capability, cur.version + 1, r->hash, r->title,
		    r->description, (int64_t)r->min, (int64_t)r->max);
		if ((rc = store_step_done(st, s, errs)) != 0)
			return rc;
		row = sqlite3_last_insert_rowid(st->db);
	}
	return insert_rubric_parts(st, row, r, errs);
}

static int
insert_prompt_parts(struct store *st, int64_t row, const struct prompt_def *p,
    struct errlist *errs)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = 0;

	for (i = 0; i < p->n_capabilities && rc == 0; i++) {
		s = store_stmt(st, "INSERT INTO prompt_capability(prompt, position, capability) "
		    "VALUES (?, ?, ?)", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "iit", row, (int64_t)i, p->capabilities[i]);
		rc = store_step_done(st, s, errs);
	}
	for (i = 0; i < p->n_turns && rc == 0; i++) {
		s = store_stmt(st, "INSERT INTO turn(prompt, position, role, content) "
		    "VALUES (?, ?, ?, ?)", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "iitt", row, (int64_t)i, p->turns[i].role, p->turns[i].content);
		rc = store_step_done(st, s, errs);
	}
	return rc;
}

static int
delete_prompt_parts(struct store *st, int64_t row, struct errlist *errs)
{
	sqlite3_stmt *s;
	int rc;

	s = store_stmt(st, "DELETE FROM prompt_capability WHERE prompt = ?", errs);
	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "i", row);
	if ((rc = store_step_done(st, s, errs)) != 0)
		return rc;
	s = store_stmt(st, "DELETE FROM turn WHERE prompt = ?", errs);
	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "i", row);
	return store_step_done(st, s, errs);
}

static int
import_prompt(struct store *st, const struct prompt_def *p, struct import_counts *c,
    struct errlist *errs)
{
	struct current cur;
	bool found = current_of(st, "SELECT id, version, hash FROM prompt WHERE name = ? "
	    "ORDER BY version DESC LIMIT 1", p->id, &cur);
	enum change ch = decide(st, found, &cur, p->hash,
	    "SELECT EXISTS (SELECT 1 FROM rating JOIN output ON output.id = rating.output "
	    "WHERE output.prompt = ?)");
	int64_t onet = p->onet_task_id;
	sqlite3_stmt *s;
	int64_t row = cur.row;
	int rc;

	count(c, IMP_PROMPT, ch);
	if (ch == CH_UNCHANGED)
		return 0;
	if (ch == CH_UPDATED) {
		s = store_stmt(st, "UPDATE prompt SET hash = ?, title = ?, occupation = ?, "
		    "task = ?, onet_task_id = nullif(?, 0), lang = ? WHERE id = ?", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "ttzziti", p->hash, p->title, p->occupation, p->task, onet,
		    p->lang, row);
		if ((rc = store_step_done(st, s, errs)) != 0 ||
		    (rc = delete_prompt_parts(st, row, errs)) != 0)
			return rc;
	} else {
		s = store_stmt(st, "INSERT INTO prompt(name, version, hash, title, occupation, "
		    "task, onet_task_id, lang, created) VALUES (?, ?, ?, ?, ?, ?, nullif(?, 0), ?, "
		    NOW ")", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "tittzzit", p->id, cur.version + 1, p->hash, p->title,
		    p->occupation, p->task, onet, p->lang);
		if ((rc = store_step_done(st, s, errs)) != 0)
			return rc;
		row = sqlite3_last_insert_rowid(st->db);
	}
	return insert_prompt_parts(st, row, p, errs);
}

static int64_t
model_row(struct store *st, const char *name, struct errlist *errs)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO model(name) VALUES (?) "
	    "ON CONFLICT (name) DO NOTHING", errs);

	if (s == NULL)
		return 0;
	store_bind(s, "t", name);
	if (store_step_done(st, s, errs) != 0)
		return 0;
	return store_int(st, "SELECT id FROM model WHERE name = ?", "t", name);
}

int64_t
store_prompt_row(struct store *st, const char *id)
{
	return store_int(st, "SELECT id FROM prompt WHERE name = ? ORDER BY version DESC LIMIT 1",
	    "t", id);
}

int64_t
store_rubric_row(struct store *st, const char *capability)
{
	return store_int(st, "SELECT id FROM rubric WHERE capability = ? "
	    "ORDER BY version DESC LIMIT 1", "t", capability);
}

static int
import_output(struct store *st, const struct output_def *o, struct import_counts *c,
    struct errlist *errs)
{
	int64_t prompt = store_prompt_row(st, o->prompt), model, row;
	sqlite3_stmt *s;
	char hash[65] = "";

	if ((model = model_row(st, o->model, errs)) == 0)
		return STORE_RUNTIME;
	s = store_stmt(st, "SELECT id, hash FROM output WHERE prompt = ? AND model = ?", errs);
	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "ii", prompt, model);
	row = 0;
	if (sqlite3_step(s) == SQLITE_ROW) {
		row = sqlite3_column_int64(s, 0);
		snprintf(hash, sizeof hash, "%s", (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	if (row != 0 && strcmp(hash, o->hash) == 0) {
		count(c, IMP_OUTPUT, CH_UNCHANGED);
		return 0;
	}
	if (row != 0 && store_int(st, "SELECT EXISTS (SELECT 1 FROM rating WHERE output = ?)",
	    "i", row)) {
		err_at(errs, &o->pos, "the output of model '%s' for prompt '%s' has been rated "
		    "and its text is different now; import it under another model name, or "
		    "change the prompt so that it gets a new version", o->model, o->prompt);
		return STORE_INPUT;
	}
	if (row != 0) {
		s = store_stmt(st, "UPDATE output SET hash = ?, text = ?, metadata = ? "
		    "WHERE id = ?", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "ttzi", o->hash, o->text, o->metadata, row);
		count(c, IMP_OUTPUT, CH_UPDATED);
		return store_step_done(st, s, errs);
	}
	s = store_stmt(st, "INSERT INTO output(prompt, model, hash, text, metadata, created) "
	    "VALUES (?, ?, ?, ?, ?, " NOW ")", errs);
	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "iittz", prompt, model, o->hash, o->text, o->metadata);
	count(c, IMP_OUTPUT, CH_ADDED);
	return store_step_done(st, s, errs);
}

static int
set_setting(struct store *st, const char *key, const char *value, bool *changed,
    struct errlist *errs)
{
	sqlite3_stmt *s;

	if (store_int(st, "SELECT count(*) FROM study WHERE key = ? AND value IS ?", "tt",
	    key, value) == 1)
		return 0;
	*changed = true;
	s = store_stmt(st, "INSERT INTO study(key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", errs);
	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "tt", key, value);
	return store_step_done(st, s, errs);
}

static bool
weights_differ(struct store *st, const struct study_def *sd)
{
	size_t i;

	if ((size_t)store_int(st, "SELECT count(*) FROM weight", "") != sd->n_weights)
		return true;
	for (i = 0; i < sd->n_weights; i++) {
		if (store_int(st, "SELECT count(*) FROM weight WHERE capability = ? AND weight = ?",
		    "td", sd->weights[i].capability, sd->weights[i].weight) != 1)
			return true;
	}
	return false;
}

static int
import_weights(struct store *st, const struct study_def *sd, struct errlist *errs)
{
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if ((rc = store_exec(st, "DELETE FROM weight", errs)) != 0)
		return rc;
	for (i = 0; i < sd->n_weights; i++) {
		s = store_stmt(st, "INSERT INTO weight(capability, weight) VALUES (?, ?)", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "td", sd->weights[i].capability, sd->weights[i].weight);
		if ((rc = store_step_done(st, s, errs)) != 0)
			return rc;
	}
	return 0;
}

static int
import_study(struct store *st, const struct study_def *sd, struct import_counts *c,
    struct errlist *errs)
{
	bool changed = false;
	char num[32];
	int rc = 0;

	if (sd->title != NULL)
		rc = set_setting(st, "title", sd->title, &changed, errs);
	/* A study file declares the whole study: what it leaves out is the default. */
	if (rc == 0)
		rc = set_setting(st, "blind", sd->blind != 0 ? "1" : "0", &changed, errs);
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
	if (rc == 0 && weights_differ(st, sd)) {
		changed = true;
		rc = import_weights(st, sd, errs);
	}
	count(c, IMP_STUDY, changed ? CH_UPDATED : CH_UNCHANGED);
	return rc;
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
	for (i = 0; rc == 0 && i < b->rubrics.n; i++)
		rc = import_rubric(st, b->rubrics.v[i], c, errs);
	for (i = 0; rc == 0 && i < b->prompts.n; i++)
		rc = import_prompt(st, b->prompts.v[i], c, errs);
	for (i = 0; i < b->outputs.n && (rc == 0 || rc == STORE_INPUT); i++) {
		/* Go on after a refused output, so every one of them is reported. */
		int orc = import_output(st, b->outputs.v[i], c, errs);

		if (orc != 0 && rc == 0)
			rc = orc;
		if (orc == STORE_RUNTIME)
			rc = orc;
	}
	for (i = 0; rc == 0 && i < b->studies.n; i++)
		rc = import_study(st, b->studies.v[i], c, errs);
	for (i = 0; i < b->ratings.n && (rc == 0 || rc == STORE_INPUT); i++) {
		int rrc = store_import_rating(st, b->ratings.v[i], c, errs);

		if (rc == 0 || rrc == STORE_RUNTIME)
			rc = rrc;
		if (errs->n > 50)
			break;	/* enough to see what is wrong */
	}
	if (rc == 0)
		rc = store_commit(st, errs);
	if (rc != 0)
		store_rollback(st);
	return rc;
}

bool
store_has_rubric(struct store *st, const char *capability)
{
	return store_rubric_row(st, capability) != 0;
}

bool
store_has_prompt(struct store *st, const char *id)
{
	return store_prompt_row(st, id) != 0;
}
