/* store/import.c: writing a checked bundle into the database.
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
#include <stdlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "internal.h"
#include "strset.h"


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
		cur->row = stmt_int(&q, 0);
		cur->version = stmt_int(&q, 1);
		snprintf(cur->hash, sizeof cur->hash, "%s",
		    (const char *)stmt_text(&q, 2));
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
	/* TRANSLATORS: %1$s is rubric or prompt, %2$s its id. */
	err_at(errs, pos, P_("%s '%s' changed after it was rated: its %lld rating would no "
	    "longer count", "%s '%s' changed after it was rated: its %lld ratings would no "
	    "longer count", (unsigned long)ratings), what, name, (long long)ratings);
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
	    "new_hash, ratings, actor) VALUES (" SQL_NOW ", ?, ?, ?, ?, ?, ?, ?)", "ttittit", kind,
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
		const char *axis = (const char *)stmt_text(&q, 0);

		if (has_axis(r, axis))
			continue;
		err_at(errs, &r->pos, _("rubric '%s': --amend would drop axis '%s', which has "
		    "%lld ratings: import --revise makes a new version instead"), r->capability,
		    axis, (long long)stmt_int(&q, 1));
		bad = true;
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	if ((rc = store_get_int(st, errs, &outside, "SELECT count(*) FROM rating WHERE "
	    "rubric = ? AND score IS NOT NULL AND (score < ? OR score > ?)", "iii", cur->row,
	    (int64_t)r->min, (int64_t)r->max)) != 0)
		return rc;
	if (outside > 0) {
		err_at(errs, &r->pos, P_("rubric '%s': --amend would leave %lld rating outside "
		    "the new scale %ld to %ld: import --revise makes a new version instead",
		    "rubric '%s': --amend would leave %lld ratings outside the new scale %ld "
		    "to %ld: import --revise makes a new version instead",
		    (unsigned long)outside), r->capability, (long long)outside, r->min, r->max);
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
	for (i = 0; i < r->n_texts && rc == 0; i++) {
		const struct rubric_text *t = &r->texts[i];

		rc = store_run(st, errs, "INSERT INTO rubric_text(rubric, lang, part, axis, "
		    "value, text) VALUES (?, ?, ?, ?, ?, ?)", "itttit", row, t->lang,
		    rubric_part_names[t->part], t->axis != NULL ? t->axis : "",
		    (int64_t)t->value, t->text);
	}
	return rc;
}

/* The rubric's language codes as the store keeps them: "en,ja". */
static char *
rubric_languages(const struct rubric_def *r)
{
	struct buf b = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < r->n_langs; i++)
		buf_printf(&b, "%s%s", i > 0 ? "," : "", r->langs[i]);
	return b.data != NULL ? b.data : xstrdup("en");
}

/* New text for a version in place: never rated, or amended.  The ratings
 * refer to the rubric row and the axis by name, so they stay attached. */
static int
replace_rubric(struct store *st, int64_t row, const struct rubric_def *r,
    struct errlist *errs)
{
	char *langs = rubric_languages(r);
	int rc;

	if ((rc = store_run(st, errs, "UPDATE rubric SET hash = ?, title = ?, "
	    "description = ?, scale_min = ?, scale_max = ?, languages = ? WHERE id = ?",
	    "ttziiti", r->hash, r->title, r->description, (int64_t)r->min, (int64_t)r->max,
	    langs, row)) != 0 ||
	    (rc = store_run(st, errs, "DELETE FROM scale_label WHERE rubric = ?", "i",
	    row)) != 0 ||
	    (rc = store_run(st, errs, "DELETE FROM rubric_text WHERE rubric = ?", "i",
	    row)) != 0 ||
	    (rc = store_run(st, errs, "DELETE FROM axis WHERE rubric = ?", "i", row)) != 0) {
		free(langs);
		return rc;
	}
	free(langs);
	return insert_rubric_parts(st, row, r, errs);
}

static int
version_rubric(struct store *st, const struct current *cur, const struct rubric_def *r,
    struct errlist *errs)
{
	char *langs = rubric_languages(r);
	int64_t row;
	int rc;

	rc = store_get_int(st, errs, &row, "INSERT INTO rubric(capability, version, hash, "
	    "title, description, scale_min, scale_max, languages, created) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, " SQL_NOW ") RETURNING id", "titztiit", r->capability, cur->version + 1, r->hash,
	    r->title, r->description, (int64_t)r->min, (int64_t)r->max, langs);
	free(langs);
	if (rc != 0)
		return rc;
	return insert_rubric_parts(st, row, r, errs);
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
		const char *capability = (const char *)stmt_text(&q, 0);

		if (has_capability(p, capability))
			continue;
		err_at(errs, &p->pos, _("prompt '%s': --amend would drop capability '%s', which "
		    "has %lld ratings: import --revise makes a new version instead"), p->id,
		    capability, (long long)stmt_int(&q, 1));
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

	int64_t row;

	if ((rc = store_get_int(st, errs, &row, "INSERT INTO prompt(name, version, hash, "
	    "title, occupation, task, onet_task_id, lang, created) VALUES (?, ?, ?, ?, ?, ?, "
	    "nullif(?, 0), ?, " SQL_NOW ") RETURNING id", "tittzzit", p->id, cur->version + 1,
	    p->hash, p->title, p->occupation, p->task, (int64_t)p->onet_task_id, p->lang)) != 0)
		return rc;
	return insert_prompt_parts(st, row, p, errs);
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

/* What the outputs of an import are checked against, read once inside the
 * import's transaction, after its prompts are written: each current
 * prompt's row by name, each model's row by name, and each output on a
 * current prompt by model and prompt name.  One query apiece instead of
 * four statements an output. */
struct output_maps {
	struct arena	 arena;
	struct strset	 prompts;	/* name -> struct known_row */
	struct strset	 models;	/* name -> struct known_row */
	struct strset	 outputs;	/* model \037 prompt -> struct known_row */
	struct buf	 key;
	char		*now;		/* the outputs' created time, NOW once */
};

struct known_row {
	int64_t	row;
	char	hash[65];
	char	line_hash[65];	/* "" when NULL */
};

static const char *
output_key(struct output_maps *m, const char *model, const char *prompt)
{
	m->key.len = 0;
	buf_printf(&m->key, "%s\037%s", model, prompt);
	return m->key.data;
}

static void
remember(struct output_maps *m, struct strset *set, const char *key, int64_t row,
    const char *hash, const char *line_hash)
{
	struct known_row *k = arena_alloc(&m->arena, sizeof *k);

	k->row = row;
	snprintf(k->hash, sizeof k->hash, "%s", hash != NULL ? hash : "");
	snprintf(k->line_hash, sizeof k->line_hash, "%s", line_hash != NULL ? line_hash : "");
	strset_set(set, key, k);
}

static int
read_output_maps(struct store *st, struct output_maps *m, bool outputs, struct errlist *errs)
{
	struct stmt q;
	int rc;

	/* One time for the import's outputs: strftime in each INSERT was a
	 * tenth of what writing one cost. */
	if ((rc = store_get_text(st, errs, &m->now, "SELECT " SQL_NOW, "")) != 0)
		return rc;
	stmt_open(&q, st, errs, "SELECT name, id FROM current_prompt", "");
	while (stmt_row(&q))
		remember(m, &m->prompts, (const char *)stmt_text(&q, 0),
		    stmt_int(&q, 1), NULL, NULL);
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	stmt_open(&q, st, errs, "SELECT name, id FROM model", "");
	while (stmt_row(&q))
		remember(m, &m->models, (const char *)stmt_text(&q, 0),
		    stmt_int(&q, 1), NULL, NULL);
	if ((rc = stmt_done(&q)) != 0 || !outputs)
		return rc;
	stmt_open(&q, st, errs, "SELECT m.name, p.name, o.id, o.hash, o.line_hash FROM output o "
	    "JOIN current_prompt p ON p.id = o.prompt JOIN model m ON m.id = o.model", "");
	while (stmt_row(&q))
		remember(m, &m->outputs, output_key(m, (const char *)stmt_text(&q, 0),
		    (const char *)stmt_text(&q, 1)), stmt_int(&q, 2),
		    (const char *)stmt_text(&q, 3),
		    (const char *)stmt_text(&q, 4));
	return stmt_done(&q);
}

static void
output_maps_free(struct output_maps *m)
{
	strset_free(&m->prompts);
	strset_free(&m->models);
	strset_free(&m->outputs);
	buf_free(&m->key);
	free(m->now);
	arena_free(&m->arena);
}

static int
model_row(struct store *st, struct output_maps *m, const char *name, int64_t *row,
    struct errlist *errs)
{
	const struct known_row *k;
	int rc;

	if ((k = strset_get(&m->models, name)) != NULL) {
		*row = k->row;
		return 0;
	}
	if ((rc = store_get_int(st, errs, row, "INSERT INTO model(name) VALUES (?) RETURNING id",
	    "t", name)) != 0)
		return rc;
	remember(m, &m->models, name, *row, NULL, NULL);
	return 0;
}

/* An output whose JSONL line the database has, byte for byte (the loader
 * did not parse it): unchanged while that row is still the current one;
 * after a new version of its prompt in this same import, a copy of it
 * joins the new version, as the parsed line would have. */
static int
import_known_line(struct store *st, struct output_maps *m, const struct output_def *o,
    const struct known_row *had, const struct known_row *prompt, struct import_counts *c,
    struct errlist *errs)
{
	int64_t model;
	int rc;

	if (had != NULL && had->row == o->row && strcmp(had->line_hash, o->line_hash) == 0) {
		count(c, IMP_OUTPUT, CH_UNCHANGED);
		return 0;
	}
	if (had == NULL) {
		if ((rc = model_row(st, m, o->model, &model, errs)) != 0 ||
		    (rc = store_run(st, errs, "INSERT INTO output(prompt, model, hash, text, "
		    "metadata, created, line_hash) SELECT ?, ?, hash, text, metadata, ?, "
		    "line_hash FROM output WHERE id = ? AND line_hash = ?", "iitit", prompt->row,
		    model, m->now, o->row, o->line_hash)) != 0)
			return rc;
		if (store_changes(st) == 1) {
			count(c, IMP_OUTPUT, CH_ADDED);
			return 0;
		}
	}
	err_add(errs, _("%s: the outputs changed while the files were read; import again"),
	    st->path);
	return STORE_RUNTIME;
}

static int
import_output(struct store *st, struct output_maps *m, const struct output_def *o,
    struct import_counts *c, struct errlist *errs)
{
	const struct known_row *prompt, *had;
	int64_t model, rated;
	int rc;

	had = strset_get(&m->outputs, output_key(m, o->model, o->prompt));
	if ((prompt = strset_get(&m->prompts, o->prompt)) == NULL) {
		/* Validation has seen to this; the database changed under us. */
		err_at(errs, &o->prompt_pos, _("output of model '%s' for unknown prompt '%s'"),
		    o->model, o->prompt);
		return STORE_INPUT;
	}
	if (o->row != 0)
		return import_known_line(st, m, o, had, prompt, c, errs);
	if (had != NULL && strcmp(had->hash, o->hash) == 0) {
		/* Unchanged: nothing is written, but for the line that tells it
		 * next time when it came in another form (or before line_hash). */
		count(c, IMP_OUTPUT, CH_UNCHANGED);
		if (o->line_hash[0] == '\0' || strcmp(had->line_hash, o->line_hash) == 0)
			return 0;
		return store_run(st, errs, "UPDATE output SET line_hash = ? WHERE id = ?", "ti",
		    o->line_hash, had->row);
	}
	if (had == NULL) {
		if ((rc = model_row(st, m, o->model, &model, errs)) != 0)
			return rc;
		count(c, IMP_OUTPUT, CH_ADDED);
		return store_run(st, errs, "INSERT INTO output(prompt, model, hash, text, "
		    "metadata, created, line_hash) VALUES (?, ?, ?, ?, ?, ?, nullif(?, ''))",
		    "iittztt", prompt->row, model, o->hash, o->text, o->metadata, m->now,
		    o->line_hash);
	}
	if ((rc = store_get_int(st, errs, &rated, "SELECT EXISTS (SELECT 1 FROM rating "
	    "WHERE output = ?)", "i", had->row)) != 0)
		return rc;
	if (rated) {
		err_at(errs, &o->pos, _("the output of model '%s' for prompt '%s' has been rated "
		    "and its text is different now; import it under another model name, or "
		    "change the prompt so that it gets a new version"), o->model, o->prompt);
		return STORE_INPUT;
	}
	count(c, IMP_OUTPUT, CH_UPDATED);
	return store_run(st, errs, "UPDATE output SET hash = ?, text = ?, metadata = ?, "
	    "line_hash = nullif(?, '') WHERE id = ?", "ttzti", o->hash, o->text, o->metadata,
	    o->line_hash, had->row);
}

/* Whether the outputs store_known_lines found are still the current ones
 * now, inside the import's transaction: nobody else has committed since it
 * read them, and no prompt got a new version in this import. */
static bool
known_lines_current(struct store *st, const struct import_counts *c)
{
	if (!st->lines_read || c->versioned[IMP_PROMPT] > 0)
		return false;
	return store_data_version(st) == st->lines_version;
}

static int
import_outputs(struct store *st, const struct bundle *b, struct import_counts *c,
    struct errlist *errs)
{
	struct output_maps m;
	bool trust = known_lines_current(st, c), parsed = false;
	size_t i;
	int rc;

	if (b->outputs.n == 0)
		return 0;
	for (i = 0; i < b->outputs.n && !parsed; i++)
		parsed = ((const struct output_def *)b->outputs.v[i])->row == 0;
	memset(&m, 0, sizeof m);
	/* The unchanged lines alone need no map of the outputs: the scan of
	 * every output's row was half of an unchanged re-import. */
	rc = read_output_maps(st, &m, parsed || !trust, errs);
	for (i = 0; rc != STORE_RUNTIME && i < b->outputs.n; i++) {
		const struct output_def *o = b->outputs.v[i];

		if (o->row != 0 && trust)
			count(c, IMP_OUTPUT, CH_UNCHANGED);
		else
			rc = keep(rc, import_output(st, &m, o, c, errs));
	}
	output_maps_free(&m);
	return rc;
}

static int
set_setting(struct store *st, const char *key, const char *value, bool *changed,
    struct errlist *errs)
{
	int64_t same;
	int rc;

	if ((rc = store_get_int(st, errs, &same, "SELECT count(*) FROM study WHERE key = ? "
	    "AND value IS NOT DISTINCT FROM ?", "tt", key, value)) != 0 || same == 1)
		return rc;
	*changed = true;
	return store_run(st, errs, "INSERT INTO study(key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", "tt", key, value);
}

static int
clear_setting(struct store *st, const char *key, bool *changed, struct errlist *errs)
{
	int64_t had;
	int rc;

	if ((rc = store_get_int(st, errs, &had, "SELECT count(*) FROM study WHERE key = ?",
	    "t", key)) != 0 || had == 0)
		return rc;
	*changed = true;
	return store_run(st, errs, "DELETE FROM study WHERE key = ?", "t", key);
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

void
store_set_study_force(struct store *st, bool force, long unassigned)
{
	st->study_force = force;
	st->study_unassigned = unassigned;
}

/* The settings of a study file, as stored: what it leaves out is the
 * default, but for the title and the seed, which stay. */
enum { SET_TITLE, SET_BLIND, SET_OVERLAP, SET_SEED, SET_ROSTER, SET_RANDOM,
    SET_WEIGHTS_ONLY, SET_SHARED, SET_N };
static const char *const setting_key[SET_N] = {
	"title", "blind", "overlap", "seed", "reviewers", "reviewers_random", "weights_only",
	"shared_sample"
};

static void
study_values(const struct study_def *sd, char *v[SET_N])
{
	struct buf roster = { 0 };
	size_t i;

	v[SET_TITLE] = sd->title != NULL ? xstrdup(sd->title) : NULL;
	v[SET_BLIND] = xstrdup(sd->blind != 0 ? "1" : "0");
	v[SET_OVERLAP] = xasprintf("%ld", sd->overlap);
	v[SET_SEED] = sd->has_seed ? xasprintf("%llu", (unsigned long long)sd->seed) : NULL;
	/* One name a line; empty when every reviewer rates every output. */
	buf_add(&roster, "", 0);
	for (i = 0; i < sd->n_reviewers; i++)
		buf_printf(&roster, "%s%s", i ? "\n" : "", sd->reviewers[i]);
	v[SET_ROSTER] = xstrdup(roster.data);
	buf_free(&roster);
	v[SET_RANDOM] = xstrdup(sd->reviewers_random > 0 ? "1" : "0");
	v[SET_WEIGHTS_ONLY] = xstrdup(sd->weights_only > 0 ? "1" : "0");
	/* Only when given (else cleared): a study from before it is unchanged. */
	v[SET_SHARED] = sd->shared_sample > 0 ? xasprintf("%ld", sd->shared_sample) : NULL;
}

/* Blind, overlap, the seed and the roster decide who rates what and how:
 * a change of any is written into the study's history, and refused while
 * the study holds ratings unless forced (store_set_study_force). */
static int
record_changes(struct store *st, const struct study_def *sd, char *const v[SET_N],
    struct errlist *errs)
{
	static const int assigns[] = { SET_BLIND, SET_OVERLAP, SET_SEED, SET_ROSTER };
	char *old[nitems(assigns)] = { NULL };
	bool diff[nitems(assigns)] = { false };
	const char *names[nitems(assigns)];
	struct buf which = { 0 };
	size_t n_names = 0;
	int64_t ratings = 0;
	size_t i;
	int rc = 0;

	for (i = 0; i < nitems(assigns) && rc == 0; i++) {
		const char *now = v[assigns[i]];

		if (now == NULL || (rc = store_get_text(st, errs, &old[i], "SELECT value FROM "
		    "study WHERE key = ?", "t", setting_key[assigns[i]])) != 0)
			continue;
		/* A roster never set is the empty one. */
		if (!(diff[i] = strcmp(old[i] != NULL ? old[i] : "", now) != 0))
			continue;
		names[n_names++] = assigns[i] == SET_ROSTER ? _("the roster") :
		    setting_key[assigns[i]];
	}
	/* TRANSLATORS: the separators of a list of settings ("blind, seed and
	   the roster"): between two, and before the last. */
	for (i = 0; i < n_names; i++)
		buf_printf(&which, "%s%s", i == 0 ? "" : i + 1 < n_names ? _(", ") :
		    _(" and "), names[i]);
	if (rc == 0 && which.len > 0)
		rc = store_get_int(st, errs, &ratings, "SELECT count(*) FROM rating", "");
	if (rc == 0 && ratings > 0 && !st->study_force) {
		/* TRANSLATORS: %1$s lists the settings: blind, overlap, seed, the roster. */
		err_at(errs, &sd->pos, P_("this study file changes %s of a study holding %lld "
		    "rating: 'import --force' makes the change (every rating is kept)",
		    "this study file changes %s of a study holding %lld ratings: "
		    "'import --force' makes the change (every rating is kept)",
		    (unsigned long)ratings), which.data, (long long)ratings);
		rc = STORE_INPUT;
	}
	for (i = 0; i < nitems(assigns) && rc == 0; i++) {
		if (diff[i])
			rc = store_run(st, errs, "INSERT INTO study_change(at, setting, old, new, "
			    "ratings, unassigned, actor) VALUES (" SQL_NOW ", ?, ?, ?, ?, ?, ?)",
			    "tztiit", setting_key[assigns[i]], old[i], v[assigns[i]], ratings,
			    (int64_t)st->study_unassigned, amender(st));
	}
	for (i = 0; i < nitems(assigns); i++)
		free(old[i]);
	buf_free(&which);
	return rc;
}

static int
import_study(struct store *st, const struct study_def *sd, struct import_counts *c,
    struct errlist *errs)
{
	bool changed = false, differ;
	char *v[SET_N];
	int rc, i;

	study_values(sd, v);
	rc = record_changes(st, sd, v, errs);
	for (i = 0; i < SET_N && rc == 0; i++) {
		if (v[i] != NULL)
			rc = set_setting(st, setting_key[i], v[i], &changed, errs);
	}
	if (rc == 0 && v[SET_SHARED] == NULL)
		rc = clear_setting(st, setting_key[SET_SHARED], &changed, errs);
	for (i = 0; i < SET_N; i++)
		free(v[i]);
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
	err_add(errs, _("to change rated text, choose: 'import --revise' makes a new version "
	    "(the ratings stay on the earlier text, where no score counts them), "
	    "'import --amend' corrects the text in place (the ratings carry over; for a "
	    "change that leaves what was rated the same, such as a typo)"));
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
	if (rc != STORE_RUNTIME)
		rc = keep(rc, import_outputs(st, b, c, errs));
	for (i = 0; rc == 0 && i < b->studies.n; i++)
		rc = import_study(st, b->studies.v[i], c, errs);
	for (i = 0; rc == 0 && i < b->models.n; i++)
		rc = store_collect_import_model(st, b->models.v[i], c, errs);
	/* After the study: its roster is the one the ratings are checked against.
	 * Not read, each line says so as it did (store_writer_refusal). */
	if (rc != STORE_RUNTIME && b->ratings.n > 0) {
		struct errlist unread = { 0 };

		store_hold_roster(st, &unread);
		err_clear(&unread);
	}
	for (i = 0; rc != STORE_RUNTIME && i < b->ratings.n; i++) {
		rc = keep(rc, store_import_rating(st, b->ratings.v[i], c, errs));
		if (errs->n > 50)
			break;	/* enough to see what is wrong */
	}
	store_release_roster(st);
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

char *
store_near_capability(struct store *st, const char *capability)
{
	return store_near(st, capability, "SELECT DISTINCT capability FROM rubric");
}

bool
store_has_prompt(struct store *st, const char *id)
{
	int64_t row;

	return store_prompt_row(st, id, &row, NULL) == 0 && row != 0;
}

void
store_prompt_names(struct store *st, struct strset *names)
{
	static const char in_db[] = "in the database";
	struct stmt q;

	stmt_open(&q, st, NULL, "SELECT name FROM current_prompt", "");
	while (stmt_row(&q))
		strset_put(names, (const char *)stmt_text(&q, 0), in_db);
	stmt_done(&q);
}

/* Names by row id, sorted by id, for joining in C: a join in SQL looked up
 * the prompt, its current version and the model for every output, and took
 * three times as long as the scan itself. */
struct id_name {
	int64_t		 id;
	const char	*name;
};

static int
read_names(struct store *st, struct arena *arena, const char *sql, struct id_name **v,
    size_t *n, struct errlist *errs)
{
	struct stmt q;

	*v = NULL;
	*n = 0;
	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[*n].id = stmt_int(&q, 0);
		(*v)[*n].name = arena_strdup(arena, (const char *)stmt_text(&q, 1));
		(*n)++;
	}
	return stmt_done(&q);
}

static const char *
name_of(const struct id_name *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].id == id)
			return v[mid].name;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static struct output_def *
put_known_line(struct arena *arena, const struct stmt *s, const char *prompt, const char *model)
{
	struct output_def *o = arena_alloc(arena, sizeof *o);

	memset(o, 0, sizeof *o);
	snprintf(o->line_hash, sizeof o->line_hash, "%s", (const char *)stmt_text(s, 0));
	o->row = stmt_int(s, 1);
	o->prompt = prompt;
	o->model = model;
	snprintf(o->hash, sizeof o->hash, "%s", (const char *)stmt_text(s, 4));
	return o;
}

int
store_known_lines(struct store *st, struct arena *arena, const struct output_def **first,
    struct errlist *errs)
{
	struct id_name *prompts, *models = NULL;
	struct output_def *o, *last = NULL;
	size_t n_prompts, n_models = 0;
	struct stmt q;
	int rc;

	*first = NULL;
	/* Before the reads: a commit by anyone else after it changes it. */
	st->lines_version = store_data_version(st);
	if ((rc = read_names(st, arena, "SELECT id, name FROM current_prompt ORDER BY id",
	    &prompts, &n_prompts, errs)) != 0 ||
	    (rc = read_names(st, arena, "SELECT id, name FROM model ORDER BY id", &models,
	    &n_models, errs)) != 0) {
		free(prompts);
		free(models);
		return rc;
	}
	stmt_open(&q, st, errs, "SELECT line_hash, id, prompt, model, hash FROM output "
	    "WHERE line_hash IS NOT NULL", "");
	while (stmt_row(&q)) {
		const char *prompt = name_of(prompts, n_prompts, stmt_int(&q, 2));
		const char *model = name_of(models, n_models, stmt_int(&q, 3));

		/* An output of an earlier version is not what the line makes now. */
		if (prompt == NULL || model == NULL)
			continue;
		o = put_known_line(arena, &q, prompt, model);
		if (last != NULL)
			last->next_known = o;
		else
			*first = o;
		last = o;
	}
	free(prompts);
	free(models);
	if ((rc = stmt_done(&q)) == 0)
		st->lines_read = true;
	return rc;
}
