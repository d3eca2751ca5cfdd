/* store-schema.c: the schema, as ordered migrations keyed by PRAGMA user_version.
 *
 * Each entry upgrades the schema from version i to i + 1 and runs inside
 * one transaction, so an interrupted upgrade leaves the old schema intact.
 * Never edit a migration that has shipped; append a new one. */
#include "config.h"

#include "i18n.h"
#include "store-internal.h"
#include "store-schema.h"

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
	/* The newest version of each prompt and rubric: what is rated now. */
	"CREATE VIEW current_prompt AS SELECT p.* FROM prompt p"
	"  WHERE p.version = (SELECT max(q.version) FROM prompt q WHERE q.name = p.name);"
	"CREATE VIEW current_rubric AS SELECT r.* FROM rubric r"
	"  WHERE r.version = (SELECT max(q.version) FROM rubric q"
	"    WHERE q.capability = r.capability);"
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
	"CREATE TRIGGER study_change_append_only_update BEFORE UPDATE ON study_change"
	"  BEGIN SELECT RAISE(ABORT, 'the study history is append-only'); END;"
	"CREATE TRIGGER study_change_append_only_delete BEFORE DELETE ON study_change"
	"  BEGIN SELECT RAISE(ABORT, 'the study history is append-only'); END;",
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
	"CREATE TRIGGER study_change_append_only_update BEFORE UPDATE ON study_change"
	"  BEGIN SELECT RAISE(ABORT, 'the study history is append-only'); END;"
	"CREATE TRIGGER study_change_append_only_delete BEFORE DELETE ON study_change"
	"  BEGIN SELECT RAISE(ABORT, 'the study history is append-only'); END;",

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

/* One migration for each schema version this program knows. */
_Static_assert(nitems(migrations) == STORE_SCHEMA_VERSION, "a migration per schema version");

/* 'PANL': tells a panelist study from any other SQLite file. */
#define APPLICATION_ID 0x50414e4c

int
store_check_identity(struct store *st, struct errlist *errs)
{
	int64_t have, app, tables;
	int rc;

	if ((rc = store_get_int(st, errs, &have, "PRAGMA user_version", "")) != 0 ||
	    (rc = store_get_int(st, errs, &app, "PRAGMA application_id", "")) != 0 ||
	    (rc = store_get_int(st, errs, &tables, "SELECT count(*) FROM sqlite_master",
	    "")) != 0)
		return rc;
	if (have > STORE_SCHEMA_VERSION) {
		err_add(errs, _("%s was written by a newer panelist (schema %lld; this one "
		    "knows up to %d): upgrade panelist to use it"),
		    st->path, (long long)have, STORE_SCHEMA_VERSION);
		return STORE_INPUT;
	}
	if ((have > 0 && app != APPLICATION_ID) || (have == 0 && tables > 0)) {
		err_add(errs, _("%s is an SQLite database but not a panelist study"), st->path);
		return STORE_INPUT;
	}
	return 0;
}

int
store_migrate(struct store *st, struct errlist *errs)
{
	int64_t have, from;
	char sql[128];
	int rc;

	if ((rc = store_get_int(st, errs, &have, "PRAGMA user_version", "")) != 0)
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
	if ((rc = store_get_int(st, errs, &have, "PRAGMA user_version", "")) != 0) {
		store_rollback(st);
		return rc;
	}
	from = have;
	for (; have < STORE_SCHEMA_VERSION; have++) {
		if ((rc = store_exec(st, migrations[have], errs)) != 0) {
			store_rollback(st);
			return rc;
		}
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
	    STORE_SCHEMA_VERSION, APPLICATION_ID);
	if ((rc = store_exec(st, sql, errs)) != 0 || (rc = store_commit(st, errs)) != 0) {
		store_rollback(st);
		return rc;
	}
	/* A new file starts from nothing: that is creation, not an upgrade. */
	st->upgraded_from = st->created || from == 0 ? 0 : (int)from;
	return 0;
}
