/* store/collect.c: what collect reads and writes (store.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "i18n.h"
#include "internal.h"


static char *
column_text(const struct stmt *s, int i)
{
	const char *t = stmt_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

int
store_collect_import_model(struct store *st, const struct model_def *m,
    struct import_counts *c, struct errlist *errs)
{
	int64_t have, same;
	int rc;

	if ((rc = store_get_int(st, errs, &have, "SELECT count(*) FROM collect_model "
	    "WHERE name = ?", "t", m->name)) != 0 ||
	    (rc = store_get_int(st, errs, &same, "SELECT count(*) FROM collect_model "
	    "WHERE name = ? AND protocol = ? AND base_url = ? AND model_id = ? AND "
	    "api_key_env IS NOT DISTINCT FROM ? AND ca_file IS NOT DISTINCT FROM ? AND "
	    "settings = ? AND concurrency = ? AND requests_per_minute = ? AND timeout = ? AND "
	    "retries = ? AND backoff = ?",
	    "ttttzztiidid", m->name, m->protocol, m->base_url, m->model, m->api_key_env,
	    m->ca_file, m->settings, (int64_t)m->concurrency, (int64_t)m->requests_per_minute,
	    m->timeout, (int64_t)m->retries, m->backoff)) != 0)
		return rc;
	if (same > 0) {
		c->unchanged[IMP_MODEL]++;
		return 0;
	}
	if (have > 0)
		c->updated[IMP_MODEL]++;
	else
		c->added[IMP_MODEL]++;
	return store_run(st, errs, "INSERT INTO collect_model(name, protocol, base_url, "
	    "model_id, api_key_env, ca_file, settings, concurrency, requests_per_minute, "
	    "timeout, retries, backoff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (name) DO UPDATE SET protocol = excluded.protocol, "
	    "base_url = excluded.base_url, model_id = excluded.model_id, "
	    "api_key_env = excluded.api_key_env, ca_file = excluded.ca_file, "
	    "settings = excluded.settings, concurrency = excluded.concurrency, "
	    "requests_per_minute = excluded.requests_per_minute, timeout = excluded.timeout, "
	    "retries = excluded.retries, backoff = excluded.backoff",
	    "ttttzztiidid", m->name, m->protocol, m->base_url, m->model, m->api_key_env,
	    m->ca_file, m->settings, (int64_t)m->concurrency, (int64_t)m->requests_per_minute,
	    m->timeout, (int64_t)m->retries, m->backoff);
}

int
store_collect_models(struct store *st, struct collect_model **out, size_t *n,
    struct errlist *errs)
{
	struct collect_model *m;
	struct stmt q;
	int rc;

	*out = NULL;
	*n = 0;
	stmt_open(&q, st, errs, "SELECT name, protocol, base_url, model_id, api_key_env, "
	    "ca_file, settings, concurrency, requests_per_minute, timeout, retries, backoff "
	    "FROM collect_model ORDER BY name", "");
	while (stmt_row(&q)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		m = &(*out)[(*n)++];
		m->name = column_text(&q, 0);
		m->protocol = column_text(&q, 1);
		m->base_url = column_text(&q, 2);
		m->model_id = column_text(&q, 3);
		m->api_key_env = column_text(&q, 4);
		m->ca_file = column_text(&q, 5);
		m->settings = column_text(&q, 6);
		m->concurrency = (long)stmt_int(&q, 7);
		m->requests_per_minute = (long)stmt_int(&q, 8);
		m->timeout = stmt_double(&q, 9);
		m->retries = (long)stmt_int(&q, 10);
		m->backoff = stmt_double(&q, 11);
	}
	if ((rc = stmt_done(&q)) != 0) {
		collect_models_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
collect_models_free(struct collect_model *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].protocol);
		free(v[i].base_url);
		free(v[i].model_id);
		free(v[i].api_key_env);
		free(v[i].ca_file);
		free(v[i].settings);
	}
	free(v);
}

static bool
wanted(const struct collect_filter *f, const char *prompt)
{
	size_t i;

	if (f->n_prompts == 0)
		return true;
	for (i = 0; i < f->n_prompts; i++) {
		if (strcmp(f->prompts[i], prompt) == 0)
			return true;
	}
	return false;
}

static int
load_turns(struct store *st, struct collect_job *j, struct errlist *errs)
{
	struct collect_turn *t;
	struct stmt q;

	stmt_open(&q, st, errs, "SELECT role, content FROM turn WHERE prompt = ? "
	    "ORDER BY position", "i", j->prompt_row);
	while (stmt_row(&q)) {
		j->turns = xreallocarray(j->turns, j->n_turns + 1, sizeof *j->turns);
		t = &j->turns[j->n_turns++];
		t->role = column_text(&q, 0);
		t->content = column_text(&q, 1);
	}
	return stmt_done(&q);
}

int
store_collect_todo(struct store *st, const char *model, const struct collect_filter *f,
    struct collect_job **out, size_t *n, size_t *skipped, struct errlist *errs)
{
	struct collect_job *j;
	struct stmt q;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	*skipped = 0;
	stmt_open(&q, st, errs, "SELECT p.id, p.name, p.version, f.message "
	    "FROM current_prompt p LEFT JOIN collect_failure f "
	    "ON f.prompt = p.id AND f.model = ?1 "
	    "WHERE NOT EXISTS (SELECT 1 FROM output o JOIN model m ON m.id = o.model "
	    "  WHERE o.prompt = p.id AND m.name = ?1) "
	    "AND (?2 IS NULL OR EXISTS (SELECT 1 FROM prompt_capability c "
	    "  WHERE c.prompt = p.id AND c.capability = ?2)) "
	    "ORDER BY p.name", "tz", model, f->capability);
	while (stmt_row(&q)) {
		const char *name = (const char *)stmt_text(&q, 1);

		if (!wanted(f, name))
			continue;
		if (!stmt_null(&q, 3) && !f->retry_failed) {
			(*skipped)++;
			continue;
		}
		if (f->limit > 0 && *n == f->limit)
			break;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		j = &(*out)[(*n)++];
		memset(j, 0, sizeof *j);
		j->prompt_row = stmt_int(&q, 0);
		j->prompt = xstrdup(name);
		j->version = (long)stmt_int(&q, 2);
		j->failed = column_text(&q, 3);
	}
	rc = stmt_done(&q);
	for (i = 0; rc == 0 && i < *n; i++)
		rc = load_turns(st, &(*out)[i], errs);
	if (rc != 0) {
		collect_jobs_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
collect_jobs_free(struct collect_job *v, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i].n_turns; k++) {
			free(v[i].turns[k].role);
			free(v[i].turns[k].content);
		}
		free(v[i].turns);
		free(v[i].prompt);
		free(v[i].failed);
	}
	free(v);
}

static int
put_output(struct store *st, const char *model, const struct collect_job *j,
    const char *text, const char *metadata, struct errlist *errs)
{
	struct output_def o = { 0 };
	int64_t have, row;
	int rc;

	if ((rc = store_get_int(st, errs, &have, "SELECT count(*) FROM output o JOIN model m "
	    "ON m.id = o.model WHERE o.prompt = ? AND m.name = ?", "it", j->prompt_row,
	    model)) != 0 || have > 0)
		return rc;
	o.model = model;
	o.prompt = j->prompt;
	o.text = text;
	o.metadata = metadata;
	output_hash(&o);
	if ((rc = store_run(st, errs, "INSERT INTO model(name) VALUES (?) "
	    "ON CONFLICT (name) DO NOTHING", "t", model)) != 0 ||
	    (rc = store_get_int(st, errs, &row, "SELECT id FROM model WHERE name = ?", "t",
	    model)) != 0)
		return rc;
	if ((rc = store_run(st, errs, "INSERT INTO output(prompt, model, hash, text, metadata, "
	    "created) VALUES (?, ?, ?, ?, ?, " SQL_NOW ")", "iittt", j->prompt_row, row, o.hash,
	    text, metadata)) != 0)
		return rc;
	return store_run(st, errs, "DELETE FROM collect_failure WHERE prompt = ? AND model = ?",
	    "it", j->prompt_row, model);
}

int
store_collect_put(struct store *st, const char *model, const struct collect_job *j,
    const char *text, const char *metadata, struct errlist *errs)
{
	const char *why;
	int rc;

	if ((why = gate_output_text(text, strlen(text))) != NULL) {
		err_add(errs, _("the answer of model '%s' for prompt '%s': %s"), model, j->prompt,
		    why);
		return STORE_INPUT;
	}
	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	if ((rc = put_output(st, model, j, text, metadata, errs)) == 0 &&
	    (rc = store_commit(st, errs)) == 0)
		return 0;
	store_rollback(st);
	return rc;
}

int
store_collect_fail(struct store *st, const char *model, const struct collect_job *j,
    long status, const char *message, struct errlist *errs)
{
	return store_run(st, errs, "INSERT INTO collect_failure(prompt, model, at, status, "
	    "message) VALUES (?, ?, " SQL_NOW ", ?, ?) ON CONFLICT (prompt, model) DO UPDATE "
	    "SET at = excluded.at, status = excluded.status, message = excluded.message",
	    "itit", j->prompt_row, model, (int64_t)status, message);
}

int
store_collect_truncated(struct store *st, long *n, struct errlist *errs)
{
	int64_t v;
	int rc;

	rc = store_get_int(st, errs, &v, "SELECT count(*) FROM output o "
	    "JOIN current_prompt p ON p.id = o.prompt "
	    "WHERE json_valid(o.metadata) AND json_extract(o.metadata, '$.truncated') = 1", "");
	*n = (long)v;
	return rc;
}
