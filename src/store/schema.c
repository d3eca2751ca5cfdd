/* store/schema.c: the schema, as ordered migrations keyed by its version
 * (SQLite's PRAGMA user_version, PostgreSQL's panelist_schema table).
 *
 * Each entry upgrades the schema from version i to i + 1 and runs inside
 * one transaction, so an interrupted upgrade leaves the old schema intact.
 * Never edit a migration that has shipped; append a new one. */
#include "config.h"

#include "i18n.h"
#include "internal.h"
#include "schema.h"

/* SQLite's study_change refuses to be changed; made in 3 -> 4 and again
 * when 5 -> 6 makes the table anew. */
#define STUDY_CHANGE_APPEND_ONLY \
	"CREATE TRIGGER study_change_append_only_update BEFORE UPDATE ON study_change" \
	"  BEGIN SELECT RAISE(ABORT, 'the study history is append-only'); END;" \
	"CREATE TRIGGER study_change_append_only_delete BEFORE DELETE ON study_change" \
	"  BEGIN SELECT RAISE(ABORT, 'the study history is append-only'); END;"

/* The newest version of each prompt and rubric: what is rated now; the
 * same words on both engines. */
#define CURRENT_VIEWS \
	"CREATE VIEW current_prompt AS SELECT p.* FROM prompt p" \
	"  WHERE p.version = (SELECT max(q.version) FROM prompt q WHERE q.name = p.name);" \
	"CREATE VIEW current_rubric AS SELECT r.* FROM rubric r" \
	"  WHERE r.version = (SELECT max(q.version) FROM rubric q" \
	"    WHERE q.capability = r.capability);"

static const char *const migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE study ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE weight ("
	"  capability TEXT PRIMARY KEY,"
	"  weight REAL NOT NULL CHECK (weight >= 0)"
	") WITHOUT ROWID;"
	/* A rubric version: rows are never changed once rated. */
	"CREATE TABLE rubric ("
	"  id INTEGER PRIMARY KEY,"
	"  capability TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  description TEXT,"
	"  scale_min INTEGER NOT NULL,"
	"  scale_max INTEGER NOT NULL,"
	"  created TEXT NOT NULL,"
	"  UNIQUE (capability, version)"
	");"
	"CREATE TABLE scale_label ("
	"  rubric INTEGER NOT NULL REFERENCES rubric(id) ON DELETE CASCADE,"
	"  value INTEGER NOT NULL,"
	"  label TEXT NOT NULL,"
	"  PRIMARY KEY (rubric, value)"
	") WITHOUT ROWID;"
	"CREATE TABLE axis ("
	"  rubric INTEGER NOT NULL REFERENCES rubric(id) ON DELETE CASCADE,"
	"  axis TEXT NOT NULL,"
	"  position INTEGER NOT NULL,"
	"  question TEXT NOT NULL,"
	"  PRIMARY KEY (rubric, axis)"
	") WITHOUT ROWID;"
	"CREATE TABLE anchor ("
	"  rubric INTEGER NOT NULL,"
	"  axis TEXT NOT NULL,"
	"  value INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (rubric, axis, value),"
	"  FOREIGN KEY (rubric, axis) REFERENCES axis(rubric, axis) ON DELETE CASCADE"
	") WITHOUT ROWID;"
	/* A prompt version: `name` is the id in the files. */
	"CREATE TABLE prompt ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  occupation TEXT,"
	"  task TEXT,"
	"  onet_task_id INTEGER,"
	"  lang TEXT NOT NULL DEFAULT 'en',"
	"  created TEXT NOT NULL,"
	"  UNIQUE (name, version)"
	");"
	/* Key columns first in WITHOUT ROWID tables: SQLite 3.40's
	 * integrity_check misreads NULLs in a non-key column placed between. */
	"CREATE TABLE prompt_capability ("
	"  prompt INTEGER NOT NULL REFERENCES prompt(id) ON DELETE CASCADE,"
	"  capability TEXT NOT NULL,"
	"  position INTEGER NOT NULL,"
	"  PRIMARY KEY (prompt, capability)"
	") WITHOUT ROWID;"
	"CREATE TABLE turn ("
	"  prompt INTEGER NOT NULL REFERENCES prompt(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),"
	"  content TEXT NOT NULL,"
	"  PRIMARY KEY (prompt, position)"
	") WITHOUT ROWID;"
	"CREATE TABLE model ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE"
	");"
	"CREATE TABLE output ("
	"  id INTEGER PRIMARY KEY,"
	"  prompt INTEGER NOT NULL REFERENCES prompt(id),"
	"  model INTEGER NOT NULL REFERENCES model(id),"
	"  hash TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  metadata TEXT,"
	"  created TEXT NOT NULL,"
	"  UNIQUE (prompt, model)"
	");"
	"CREATE INDEX output_model ON output(model);"
	"CREATE TABLE reviewer ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  created TEXT NOT NULL"
	");"
	/* One row per reviewer x output x capability x axis; score NULL = N/A.
	 * `rubric` is the rubric version the score was given under. */
	"CREATE TABLE rating ("
	"  reviewer INTEGER NOT NULL REFERENCES reviewer(id),"
	"  output INTEGER NOT NULL REFERENCES output(id),"
	"  capability TEXT NOT NULL,"
	"  axis TEXT NOT NULL,"
	"  rubric INTEGER NOT NULL REFERENCES rubric(id),"
	"  score INTEGER,"
	"  changed TEXT NOT NULL,"
	"  PRIMARY KEY (reviewer, output, capability, axis)"
	") WITHOUT ROWID;"
	"CREATE INDEX rating_output ON rating(output);"
	"CREATE INDEX rating_rubric ON rating(rubric);"
	/* Per reviewer x output: the note, the flag and the time spent. */
	"CREATE TABLE review ("
	"  reviewer INTEGER NOT NULL REFERENCES reviewer(id),"
	"  output INTEGER NOT NULL REFERENCES output(id),"
	"  note TEXT,"
	"  flag TEXT CHECK (flag IN ('broken', 'off-topic', 'unsafe', 'other')),"
	"  flag_reason TEXT,"
	"  active_seconds REAL NOT NULL DEFAULT 0,"
	"  skipped INTEGER NOT NULL DEFAULT 0,"
	"  changed TEXT NOT NULL,"
	"  PRIMARY KEY (reviewer, output)"
	") WITHOUT ROWID;"
	/* Append-only: every change to a rating, note or flag, with the old and
	 * new value (NULL = none; 'NA' = not applicable). */
	"CREATE TABLE history ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  reviewer INTEGER NOT NULL REFERENCES reviewer(id),"
	"  output INTEGER NOT NULL REFERENCES output(id),"
	"  capability TEXT,"
	"  axis TEXT,"
	"  field TEXT NOT NULL CHECK (field IN ('score', 'note', 'flag')),"
	"  old TEXT,"
	"  new TEXT,"
	"  actor TEXT"
	");"
	"CREATE INDEX history_output ON history(output);"
	"CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history"
	"  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
	"CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history"
	"  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
	CURRENT_VIEWS
	"INSERT INTO study(key, value) VALUES"
	"  ('id', lower(hex(randomblob(16)))),"
	"  ('seed', abs(random() % 4294967296)),"
	"  ('blind', 1),"
	"  ('overlap', 0),"
	"  ('created', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));",

	/* 1 -> 2: import --amend corrects the text of a rated prompt or rubric
	 * in place, its ratings carried over.  The history table holds one
	 * reviewer's changes to one output; this one, as append-only, holds
	 * these: which version of what, its hash before and after, how many
	 * ratings it held, who and when. */
	"CREATE TABLE amendment ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('prompt', 'rubric')),"
	"  name TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  old_hash TEXT NOT NULL,"
	"  new_hash TEXT NOT NULL,"
	"  ratings INTEGER NOT NULL,"
	"  actor TEXT"
	");"
	"CREATE TRIGGER amendment_append_only_update BEFORE UPDATE ON amendment"
	"  BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;"
	"CREATE TRIGGER amendment_append_only_delete BEFORE DELETE ON amendment"
	"  BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;",

	/* 2 -> 3: export finds each rating's first history row by output and
	 * reviewer; with only history(output) that lookup scanned every
	 * reviewer's rows of the output, for seconds over a heavy history,
	 * all the while holding a read transaction. */
	"CREATE INDEX history_output_reviewer ON history(output, reviewer);",

	/* 3 -> 4: a study file that changes who rates what (blind, overlap,
	 * the seed, the roster) is recorded, as append-only: the setting, its
	 * value before and after, the ratings in the study then and those the
	 * change took away from their reviewers' assignment, who and when. */
	"CREATE TABLE study_change ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  setting TEXT NOT NULL CHECK (setting IN ('blind', 'overlap', 'seed', 'reviewers')),"
	"  old TEXT,"
	"  new TEXT,"
	"  ratings INTEGER NOT NULL,"
	"  unassigned INTEGER NOT NULL,"
	"  actor TEXT"
	");"
	STUDY_CHANGE_APPEND_ONLY,
	/* 4 -> 5: the SHA-256 of the JSONL line an output was last read from,
	 * so that an import finds an unchanged line without parsing it (a
	 * re-import of 100,000 outputs cost 87% of the first).  It is NULL for
	 * an output from YAML; any change of the hash that does not also give
	 * a new line_hash clears it, so a line_hash never names other text. */
	"ALTER TABLE output ADD COLUMN line_hash TEXT;"
	"CREATE TRIGGER output_line_hash_follows_text AFTER UPDATE OF hash ON output"
	"  WHEN NEW.hash IS NOT OLD.hash AND NEW.line_hash IS OLD.line_hash"
	"  BEGIN UPDATE output SET line_hash = NULL WHERE id = NEW.id; END;",

	/* 5 -> 6: rate --unblind in a blind study is recorded in the same
	 * history, as the setting 'unblind' (new: whose queue, which model).
	 * SQLite changes no CHECK in place: the table is made again, under its
	 * own name, with its rows. */
	"CREATE TEMP TABLE study_change_5 AS SELECT * FROM study_change;"
	"DROP TABLE study_change;"
	"CREATE TABLE study_change ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  setting TEXT NOT NULL CHECK (setting IN ('blind', 'overlap', 'seed', 'reviewers',"
	"    'unblind')),"
	"  old TEXT,"
	"  new TEXT,"
	"  ratings INTEGER NOT NULL,"
	"  unassigned INTEGER NOT NULL,"
	"  actor TEXT"
	");"
	"INSERT INTO study_change SELECT * FROM temp.study_change_5;"
	"DROP TABLE temp.study_change_5;"
	STUDY_CHANGE_APPEND_ONLY,

	/* 6 -> 7: collect asks the models under test for their outputs.
	 * collect_model is a models file as imported (the key's variable
	 * name, never a key); collect_failure the last failed request of a
	 * prompt version and model, which collect skips until
	 * --retry-failed (an output stored for it removes it). */
	"CREATE TABLE collect_model ("
	"  name TEXT PRIMARY KEY,"
	"  protocol TEXT NOT NULL CHECK (protocol IN ('openai-chat', 'anthropic-messages')),"
	"  base_url TEXT NOT NULL,"
	"  model_id TEXT NOT NULL,"
	"  api_key_env TEXT,"
	"  ca_file TEXT,"
	"  settings TEXT NOT NULL,"
	"  concurrency INTEGER NOT NULL,"
	"  requests_per_minute INTEGER NOT NULL,"
	"  timeout REAL NOT NULL,"
	"  retries INTEGER NOT NULL,"
	"  backoff REAL NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE collect_failure ("
	"  prompt INTEGER NOT NULL REFERENCES prompt(id) ON DELETE CASCADE,"
	"  model TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  status INTEGER,"
	"  message TEXT NOT NULL,"
	"  PRIMARY KEY (prompt, model)"
	") WITHOUT ROWID;",

	/* 7 -> 8: a rubric in more than one language.  The rubric's own
	 * tables keep its first language, the one every screen falls back
	 * to, so that what reads them (reports, exports, merge) is unchanged;
	 * rubric_text holds each text in the other languages, and the axes'
	 * display names in every language.  A rubric from before is English. */
	"ALTER TABLE rubric ADD COLUMN languages TEXT NOT NULL DEFAULT 'en';"
	"CREATE TABLE rubric_text ("
	"  rubric INTEGER NOT NULL REFERENCES rubric(id) ON DELETE CASCADE,"
	"  lang TEXT NOT NULL,"
	"  part TEXT NOT NULL CHECK (part IN ('title', 'description', 'label', 'name',"
	"    'question', 'anchor')),"
	"  axis TEXT NOT NULL DEFAULT '',"
	"  value INTEGER NOT NULL DEFAULT 0,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (rubric, lang, part, axis, value)"
	") WITHOUT ROWID;",
};


/* The same versions in PostgreSQL's words, where they differ (NULL: the
 * SQLite text serves).  Text sorts byte by byte, as in SQLite, whatever
 * the server's default collation; integers are 64 bits, as SQLite's; the
 * few SQLite functions the shared queries use are given here, each for
 * the one use the queries make of it (strftime of 'now', group_concat,
 * json_valid, json_extract of a key, min and max of texts and of reals). */
#define CTEXT	"TEXT COLLATE \"C\""
#define ID	"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
#define APPEND_ONLY(table, msg) \
	"CREATE TRIGGER " table "_append_only BEFORE UPDATE OR DELETE ON " table \
	"  FOR EACH ROW EXECUTE FUNCTION panelist_append_only('" msg "');"

static const char *const pg_migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE panelist_schema (version INTEGER NOT NULL);"
	"INSERT INTO panelist_schema VALUES (0);"
	/* strftime('%Y-%m-%dT%H:%M:%fZ', 'now'): the statement's time, UTC. */
	"CREATE FUNCTION strftime(fmt text, at text) RETURNS text LANGUAGE plpgsql STABLE AS $$"
	"BEGIN"
	"  IF fmt <> '%Y-%m-%dT%H:%M:%fZ' OR at <> 'now' THEN"
	"    RAISE EXCEPTION 'strftime(%, %) is not given here', fmt, at;"
	"  END IF;"
	"  RETURN to_char(statement_timestamp() AT TIME ZONE 'UTC',"
	"    'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"');"
	"END $$;"
	"CREATE FUNCTION panelist_concat(acc text, v text, sep text) RETURNS text"
	"  LANGUAGE sql IMMUTABLE AS $$"
	"  SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v"
	"    ELSE acc || sep || v END $$;"
	"CREATE AGGREGATE group_concat(text, text) (SFUNC = panelist_concat, STYPE = text);"
	"CREATE FUNCTION json_valid(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$"
	"BEGIN"
	"  PERFORM t::jsonb;"
	"  RETURN t IS NOT NULL;"
	"EXCEPTION WHEN others THEN RETURN false;"
	"END $$;"
	/* json_extract(t, '$.key') of a boolean or an integer, as SQLite's. */
	"CREATE FUNCTION json_extract(t text, path text) RETURNS bigint"
	"  LANGUAGE sql IMMUTABLE AS $$"
	"  SELECT CASE jsonb_typeof(t::jsonb -> substr(path, 3))"
	"    WHEN 'boolean' THEN ((t::jsonb -> substr(path, 3))::boolean)::integer"
	"    WHEN 'number' THEN ((t::jsonb -> substr(path, 3))::numeric)::bigint END $$;"
	/* SQLite's min(a, b) and max(a, b) of two texts (times). */
	"CREATE FUNCTION min(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
	"  SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a <= b THEN a ELSE b END $$;"
	"CREATE FUNCTION max(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
	"  SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a >= b THEN a ELSE b END $$;"
	"CREATE FUNCTION max(a text, b text, c text) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
	"  SELECT max(max(a, b), c) $$;"
	"CREATE FUNCTION max(a double precision, b double precision) RETURNS double precision"
	"  LANGUAGE sql IMMUTABLE AS $$"
	"  SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a >= b THEN a ELSE b END $$;"
	"CREATE FUNCTION panelist_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
	"BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$;"
	"CREATE TABLE study (key " CTEXT " PRIMARY KEY, value " CTEXT " NOT NULL);"
	"CREATE TABLE weight ("
	"  capability " CTEXT " PRIMARY KEY,"
	"  weight DOUBLE PRECISION NOT NULL CHECK (weight >= 0));"
	"CREATE TABLE rubric ("
	"  id " ID ","
	"  capability " CTEXT " NOT NULL,"
	"  version BIGINT NOT NULL,"
	"  hash " CTEXT " NOT NULL,"
	"  title " CTEXT " NOT NULL,"
	"  description " CTEXT ","
	"  scale_min BIGINT NOT NULL,"
	"  scale_max BIGINT NOT NULL,"
	"  created " CTEXT " NOT NULL,"
	"  UNIQUE (capability, version));"
	"CREATE TABLE scale_label ("
	"  rubric BIGINT NOT NULL REFERENCES rubric(id) ON DELETE CASCADE,"
	"  value BIGINT NOT NULL,"
	"  label " CTEXT " NOT NULL,"
	"  PRIMARY KEY (rubric, value));"
	"CREATE TABLE axis ("
	"  rubric BIGINT NOT NULL REFERENCES rubric(id) ON DELETE CASCADE,"
	"  axis " CTEXT " NOT NULL,"
	"  position BIGINT NOT NULL,"
	"  question " CTEXT " NOT NULL,"
	"  PRIMARY KEY (rubric, axis));"
	"CREATE TABLE anchor ("
	"  rubric BIGINT NOT NULL,"
	"  axis " CTEXT " NOT NULL,"
	"  value BIGINT NOT NULL,"
	"  text " CTEXT " NOT NULL,"
	"  PRIMARY KEY (rubric, axis, value),"
	"  FOREIGN KEY (rubric, axis) REFERENCES axis(rubric, axis) ON DELETE CASCADE);"
	"CREATE TABLE prompt ("
	"  id " ID ","
	"  name " CTEXT " NOT NULL,"
	"  version BIGINT NOT NULL,"
	"  hash " CTEXT " NOT NULL,"
	"  title " CTEXT " NOT NULL,"
	"  occupation " CTEXT ","
	"  task " CTEXT ","
	"  onet_task_id BIGINT,"
	"  lang " CTEXT " NOT NULL DEFAULT 'en',"
	"  created " CTEXT " NOT NULL,"
	"  UNIQUE (name, version));"
	"CREATE TABLE prompt_capability ("
	"  prompt BIGINT NOT NULL REFERENCES prompt(id) ON DELETE CASCADE,"
	"  capability " CTEXT " NOT NULL,"
	"  position BIGINT NOT NULL,"
	"  PRIMARY KEY (prompt, capability));"
	"CREATE TABLE turn ("
	"  prompt BIGINT NOT NULL REFERENCES prompt(id) ON DELETE CASCADE,"
	"  position BIGINT NOT NULL,"
	"  role " CTEXT " NOT NULL CHECK (role IN ('user', 'assistant')),"
	"  content " CTEXT " NOT NULL,"
	"  PRIMARY KEY (prompt, position));"
	"CREATE TABLE model (id " ID ", name " CTEXT " NOT NULL UNIQUE);"
	"CREATE TABLE output ("
	"  id " ID ","
	"  prompt BIGINT NOT NULL REFERENCES prompt(id),"
	"  model BIGINT NOT NULL REFERENCES model(id),"
	"  hash " CTEXT " NOT NULL,"
	"  text " CTEXT " NOT NULL,"
	"  metadata " CTEXT ","
	"  created " CTEXT " NOT NULL,"
	"  UNIQUE (prompt, model));"
	"CREATE INDEX output_model ON output(model);"
	"CREATE TABLE reviewer ("
	"  id " ID ","
	"  name " CTEXT " NOT NULL UNIQUE,"
	"  created " CTEXT " NOT NULL);"
	"CREATE TABLE rating ("
	"  reviewer BIGINT NOT NULL REFERENCES reviewer(id),"
	"  output BIGINT NOT NULL REFERENCES output(id),"
	"  capability " CTEXT " NOT NULL,"
	"  axis " CTEXT " NOT NULL,"
	"  rubric BIGINT NOT NULL REFERENCES rubric(id),"
	"  score BIGINT,"
	"  changed " CTEXT " NOT NULL,"
	"  PRIMARY KEY (reviewer, output, capability, axis));"
	"CREATE INDEX rating_output ON rating(output);"
	"CREATE INDEX rating_rubric ON rating(rubric);"
	"CREATE TABLE review ("
	"  reviewer BIGINT NOT NULL REFERENCES reviewer(id),"
	"  output BIGINT NOT NULL REFERENCES output(id),"
	"  note " CTEXT ","
	"  flag " CTEXT " CHECK (flag IN ('broken', 'off-topic', 'unsafe', 'other')),"
	"  flag_reason " CTEXT ","
	"  active_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,"
	"  skipped BIGINT NOT NULL DEFAULT 0,"
	"  changed " CTEXT " NOT NULL,"
	"  PRIMARY KEY (reviewer, output));"
	"CREATE TABLE history ("
	"  id " ID ","
	"  at " CTEXT " NOT NULL,"
	"  reviewer BIGINT NOT NULL REFERENCES reviewer(id),"
	"  output BIGINT NOT NULL REFERENCES output(id),"
	"  capability " CTEXT ","
	"  axis " CTEXT ","
	"  field " CTEXT " NOT NULL CHECK (field IN ('score', 'note', 'flag')),"
	"  old " CTEXT ","
	"  new " CTEXT ","
	"  actor " CTEXT ");"
	"CREATE INDEX history_output ON history(output);"
	APPEND_ONLY("history", "history is append-only")
	CURRENT_VIEWS
	"INSERT INTO study(key, value) VALUES"
	"  ('id', md5(random()::text || clock_timestamp()::text)),"
	"  ('seed', floor(random() * 4294967296)::bigint::text),"
	"  ('blind', '1'),"
	"  ('overlap', '0'),"
	"  ('created', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));",

	/* 1 -> 2 */
	"CREATE TABLE amendment ("
	"  id " ID ","
	"  at " CTEXT " NOT NULL,"
	"  kind " CTEXT " NOT NULL CHECK (kind IN ('prompt', 'rubric')),"
	"  name " CTEXT " NOT NULL,"
	"  version BIGINT NOT NULL,"
	"  old_hash " CTEXT " NOT NULL,"
	"  new_hash " CTEXT " NOT NULL,"
	"  ratings BIGINT NOT NULL,"
	"  actor " CTEXT ");"
	APPEND_ONLY("amendment", "amendments are append-only"),

	/* 2 -> 3 */
	NULL,

	/* 3 -> 4, with 5 -> 6's 'unblind' (PostgreSQL changes a CHECK in
	 * place, but no PostgreSQL study predates it). */
	"CREATE TABLE study_change ("
	"  id " ID ","
	"  at " CTEXT " NOT NULL,"
	"  setting " CTEXT " NOT NULL CHECK (setting IN ('blind', 'overlap', 'seed', 'reviewers',"
	"    'unblind')),"
	"  old " CTEXT ","
	"  new " CTEXT ","
	"  ratings BIGINT NOT NULL,"
	"  unassigned BIGINT NOT NULL,"
	"  actor " CTEXT ");"
	APPEND_ONLY("study_change", "the study history is append-only"),

	/* 4 -> 5 */
	"ALTER TABLE output ADD COLUMN line_hash " CTEXT ";"
	"CREATE FUNCTION panelist_line_hash_follows_text() RETURNS trigger"
	"  LANGUAGE plpgsql AS $$"
	"BEGIN"
	"  IF NEW.hash IS DISTINCT FROM OLD.hash AND"
	"      NEW.line_hash IS NOT DISTINCT FROM OLD.line_hash THEN"
	"    NEW.line_hash := NULL;"
	"  END IF;"
	"  RETURN NEW;"
	"END $$;"
	"CREATE TRIGGER output_line_hash_follows_text BEFORE UPDATE OF hash ON output"
	"  FOR EACH ROW EXECUTE FUNCTION panelist_line_hash_follows_text();",

	/* 5 -> 6: made by 3 -> 4 here. */
	"SELECT 1;",

	/* 6 -> 7 */
	"CREATE TABLE collect_model ("
	"  name " CTEXT " PRIMARY KEY,"
	"  protocol " CTEXT " NOT NULL CHECK (protocol IN ('openai-chat', 'anthropic-messages')),"
	"  base_url " CTEXT " NOT NULL,"
	"  model_id " CTEXT " NOT NULL,"
	"  api_key_env " CTEXT ","
	"  ca_file " CTEXT ","
	"  settings " CTEXT " NOT NULL,"
	"  concurrency BIGINT NOT NULL,"
	"  requests_per_minute BIGINT NOT NULL,"
	"  timeout DOUBLE PRECISION NOT NULL,"
	"  retries BIGINT NOT NULL,"
	"  backoff DOUBLE PRECISION NOT NULL);"
	"CREATE TABLE collect_failure ("
	"  prompt BIGINT NOT NULL REFERENCES prompt(id) ON DELETE CASCADE,"
	"  model " CTEXT " NOT NULL,"
	"  at " CTEXT " NOT NULL,"
	"  status BIGINT,"
	"  message " CTEXT " NOT NULL,"
	"  PRIMARY KEY (prompt, model));",

	/* 7 -> 8 */
	"ALTER TABLE rubric ADD COLUMN languages " CTEXT " NOT NULL DEFAULT 'en';"
	"CREATE TABLE rubric_text ("
	"  rubric BIGINT NOT NULL REFERENCES rubric(id) ON DELETE CASCADE,"
	"  lang " CTEXT " NOT NULL,"
	"  part " CTEXT " NOT NULL CHECK (part IN ('title', 'description', 'label', 'name',"
	"    'question', 'anchor')),"
	"  axis " CTEXT " NOT NULL DEFAULT '',"
	"  value BIGINT NOT NULL DEFAULT 0,"
	"  text " CTEXT " NOT NULL,"
	"  PRIMARY KEY (rubric, lang, part, axis, value));"
	/* PostgreSQL expands a view's * when it is made: again, with languages. */
	"CREATE OR REPLACE VIEW current_rubric AS SELECT r.* FROM rubric r"
	"  WHERE r.version = (SELECT max(q.version) FROM rubric q"
	"    WHERE q.capability = r.capability);",
};

/* One migration for each schema version this program knows, in each engine. */
_Static_assert(nitems(migrations) == STORE_SCHEMA_VERSION, "a migration per schema version");
_Static_assert(nitems(pg_migrations) == STORE_SCHEMA_VERSION, "a migration per schema version");

static const char *
migration_sql(const struct store *st, size_t i)
{
	if (st->engine == &engine_postgres && pg_migrations[i] != NULL)
		return pg_migrations[i];
	return migrations[i];
}


int
store_check_identity(struct store *st, struct errlist *errs)
{
	int64_t have;
	int rc;

	if ((rc = st->engine->schema_version(st, &have, errs)) != 0)
		return rc;
	if (have > STORE_SCHEMA_VERSION) {
		err_add(errs, _("%s was written by a newer panelist (schema %lld; this one "
		    "knows up to %d): upgrade panelist to use it"),
		    st->path, (long long)have, STORE_SCHEMA_VERSION);
		return STORE_INPUT;
	}
	return 0;
}

int
store_migrate(struct store *st, struct errlist *errs)
{
	int64_t have, from;
	int rc;

	if ((rc = store_check_identity(st, errs)) != 0 ||
	    (rc = st->engine->schema_version(st, &have, errs)) != 0)
		return rc;
	if (have == STORE_SCHEMA_VERSION)
		return 0;
	if (st->readonly) {
		err_add(errs, _("%s needs a schema upgrade but is read-only"), st->path);
		return STORE_RUNTIME;
	}
	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	/* Another process may have upgraded it while we waited for the lock. */
	if ((rc = st->engine->schema_version(st, &have, errs)) != 0) {
		store_rollback(st);
		return rc;
	}
	from = have;
	for (; have < STORE_SCHEMA_VERSION; have++) {
		if ((rc = store_exec(st, migration_sql(st, (size_t)have), errs)) != 0) {
			store_rollback(st);
			return rc;
		}
	}
	if ((rc = st->engine->set_schema_version(st, STORE_SCHEMA_VERSION, errs)) != 0 ||
	    (rc = store_commit(st, errs)) != 0) {
		store_rollback(st);
		return rc;
	}
	/* A new database starts from nothing: that is creation, not an upgrade. */
	st->upgraded_from = st->created || from == 0 ? 0 : (int)from;
	return 0;
}
