/* store/roles.c: who may change what on a study on a server, said to the
 * server itself, so that it holds against any client, hand-written SQL too.
 *
 * A PostgreSQL study has two group roles, named after its database:
 * <db>_lead may change everything (import, collect, study settings,
 * merge); <db>_reviewer reads the prompts, rubrics and outputs and writes
 * only its own ratings, notes, flags and history rows, row-level security
 * comparing each row's reviewer with the reviewer row named as the login.
 * A reviewer never reads the tables of models, outputs and study changes
 * themselves: its logins' search_path puts the schema panelist_reviewer
 * first, whose views of the same names give, in a blind study, no model
 * name (models are "blind-1", "blind-2"... in the order of their names, so
 * that queues are the ones the lead computes), no output metadata, and no
 * model rate --unblind was used on.  The queries
 * stay the same for every login.  The roles and their grants are made by
 * `panelist init` as the study's owner, again at every init, so that
 * tables added by an upgrade are covered; logins join them through
 * panelist_grant(), which runs with the owner's right to grant roles and
 * which only leads may call.  On SQLite a study is a file, and whoever
 * may write the file may change it: none of this applies. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "i18n.h"
#include "internal.h"

/* A role's name: at most 63 bytes, PostgreSQL's limit, for any database name. */
#define ROLE_SQL(kind)	"left(current_database(), 54) || '_" kind "'"

/* Each part of the setup is a DO block over the study's schema and the
 * names of its two roles. */
#define SETUP(body) \
	"DO $roles$\n" \
	"DECLARE\n" \
	"  s text := current_schema();\n" \
	"  lead text := " ROLE_SQL("lead") ";\n" \
	"  rev text := " ROLE_SQL("reviewer") ";\n" \
	"  me text := format('(SELECT r.id FROM %I.reviewer r WHERE r.name = current_user)',\n" \
	"    current_schema());\n" \
	"  t text;\n" \
	"  cols text;\n" \
	"  v text[];\n" \
	"BEGIN\n" body "END $roles$"

/* The roles, once; the login that made the study is its first lead. */
static const char setup_roles[] = SETUP(
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = lead) THEN\n"
    "    EXECUTE format('CREATE ROLE %I NOLOGIN', lead);\n"
    "  END IF;\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = rev) THEN\n"
    "    EXECUTE format('CREATE ROLE %I NOLOGIN', rev);\n"
    "  END IF;\n"
    "  IF NOT pg_has_role(current_user, lead, 'MEMBER') THEN\n"
    "    EXECUTE format('GRANT %I TO %I', lead, current_user);\n"
    "  END IF;\n");

/* What each role may do with each table; a reviewer: what the rating
 * screen reads, and no more. */
static const char setup_grants[] = SETUP(
    "  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I, %I', s, lead, rev);\n"
    "  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I',"
    "    s, lead);\n"
    "  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, lead);\n"
    "  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', s, rev);\n"
    "  FOREACH t IN ARRAY ARRAY['panelist_schema', 'study', 'weight', 'rubric', 'scale_label',"
    "      'axis', 'anchor', 'prompt', 'prompt_capability', 'turn', 'rubric_text',"
    "      'current_prompt', 'current_rubric', 'amendment', 'reviewer', 'rating', 'review',"
    "      'history'] LOOP\n"
    "    EXECUTE format('GRANT SELECT ON %I.%I TO %I', s, t, rev);\n"
    "  END LOOP;\n"
    "  EXECUTE format('GRANT INSERT ON %1$I.reviewer, %1$I.rating, %1$I.review, %1$I.history"
    "    TO %2$I', s, rev);\n"
    "  EXECUTE format('GRANT UPDATE ON %1$I.rating, %1$I.review TO %2$I', s, rev);\n"
    /* Clearing a score on the screen deletes its row. */
    "  EXECUTE format('GRANT DELETE ON %1$I.rating TO %2$I', s, rev);\n");

/* Row-level security: a reviewer's rows are its own.  The owner is a lead
 * and passes it as one. */
static const char setup_rls[] = SETUP(
    "  FOREACH t IN ARRAY ARRAY['reviewer', 'rating', 'review', 'history'] LOOP\n"
    "    EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', s, t);\n"
    "    EXECUTE format('DROP POLICY IF EXISTS panelist_lead ON %I.%I', s, t);\n"
    "    EXECUTE format('CREATE POLICY panelist_lead ON %I.%I TO %I USING (true)"
    "      WITH CHECK (true)', s, t, lead);\n"
    "    EXECUTE format('DROP POLICY IF EXISTS panelist_own ON %I.%I', s, t);\n"
    "    EXECUTE format('DROP POLICY IF EXISTS panelist_read ON %I.%I', s, t);\n"
    "    IF t <> 'reviewer' THEN\n"
    "      EXECUTE format('CREATE POLICY panelist_own ON %I.%I TO %I USING (reviewer = %s)"
    "        WITH CHECK (reviewer = %s)', s, t, rev, me, me);\n"
    "    END IF;\n"
    "  END LOOP;\n"
    /* Every reviewer's name is seen (status, the roster); one's own row is
     * made on one's first rating, and only under one's login. */
    "  EXECUTE format('CREATE POLICY panelist_read ON %I.reviewer FOR SELECT TO %I"
    "    USING (true)', s, rev);\n"
    "  EXECUTE format('CREATE POLICY panelist_own ON %I.reviewer FOR INSERT TO %I"
    "    WITH CHECK (name = current_user)', s, rev);\n");

/* What a reviewer reads for model, output and study_change. */
static const char setup_views[] = SETUP(
    "  EXECUTE 'CREATE SCHEMA IF NOT EXISTS panelist_reviewer';\n"
    "  EXECUTE format('CREATE OR REPLACE FUNCTION %1$I.panelist_blind() RETURNS boolean"
    "    LANGUAGE sql STABLE AS $f$ SELECT coalesce((SELECT value FROM %1$I.study"
    "    WHERE key = ''blind''), ''1'') <> ''0'' $f$', s);\n"
    "  EXECUTE 'DROP VIEW IF EXISTS panelist_reviewer.model';\n"
    "  EXECUTE format('CREATE VIEW panelist_reviewer.model AS SELECT m.id,"
    "    (CASE WHEN %1$I.panelist_blind() THEN ''blind-'' || lpad(CAST(row_number() OVER"
    "    (ORDER BY m.name) AS text), length(CAST(count(*) OVER () AS text)), ''0'')"
    "    ELSE m.name END) COLLATE \"C\" AS name FROM %1$I.model m', s);\n"
    /* Every column of output and of study_change, in their order, with
     * what names a model hidden when blind: an output's metadata, and
     * whose queue rate --unblind opened on which model. */
    "  FOREACH v SLICE 1 IN ARRAY ARRAY[['output', 'metadata', 'true'],"
    "      ['study_change', 'new', 'o.setting = ''unblind''']] LOOP\n"
    "    SELECT string_agg(CASE WHEN a.attname = v[2] THEN format('CASE WHEN"
    "        %I.panelist_blind() AND %s THEN NULL ELSE o.%I END AS %I', s, v[3], v[2], v[2])"
    "        ELSE 'o.' || quote_ident(a.attname) END, ', ' ORDER BY a.attnum) INTO cols"
    "      FROM pg_attribute a WHERE a.attrelid = format('%I.%I', s, v[1])::regclass"
    "      AND a.attnum > 0 AND NOT a.attisdropped;\n"
    "    EXECUTE format('DROP VIEW IF EXISTS panelist_reviewer.%I', v[1]);\n"
    "    EXECUTE format('CREATE VIEW panelist_reviewer.%I AS SELECT %s FROM %I.%I o', v[1],"
    "      cols, s, v[1]);\n"
    "    EXECUTE format('GRANT SELECT ON panelist_reviewer.%I TO %I, %I', v[1], lead, rev);\n"
    "  END LOOP;\n"
    "  EXECUTE format('GRANT USAGE ON SCHEMA panelist_reviewer TO %I, %I', lead, rev);\n"
    "  EXECUTE format('GRANT SELECT ON panelist_reviewer.model TO %I, %I', lead, rev);\n"
    /* A write through them is refused as one without the right to (so a
     * reviewer's import says so), not as a view that cannot be written. */
    "  EXECUTE format('CREATE OR REPLACE FUNCTION %I.panelist_refuse() RETURNS trigger"
    "    LANGUAGE plpgsql AS $f$ BEGIN RAISE EXCEPTION ''permission denied for table %%'',"
    "    TG_TABLE_NAME USING ERRCODE = ''42501''; END $f$', s);\n"
    "  FOREACH t IN ARRAY ARRAY['model', 'output', 'study_change'] LOOP\n"
    "    EXECUTE format('CREATE TRIGGER panelist_refuse INSTEAD OF INSERT OR UPDATE OR DELETE"
    "      ON panelist_reviewer.%I FOR EACH ROW EXECUTE FUNCTION %I.panelist_refuse()', t, s);\n"
    "  END LOOP;\n");

/* A lead joins a login to a role with the owner's right to; the
 * search_path of a reviewer's login names its views first. */
static const char setup_grant_fn[] = SETUP(
    "  EXECUTE format($f$CREATE OR REPLACE FUNCTION %1$I.panelist_grant(kind text, login text)"
    "    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
    "    AS $g$\n"
    "    DECLARE\n"
    "      lead text := left(current_database(), 54) || '_lead';\n"
    "    BEGIN\n"
    "      IF kind NOT IN ('lead', 'reviewer') THEN\n"
    "        RAISE EXCEPTION 'no role %%', kind USING ERRCODE = '22023';\n"
    "      END IF;\n"
    "      EXECUTE format('GRANT %%I TO %%I', left(current_database(), 54) || '_' || kind,"
    "        login);\n"
    "      IF pg_has_role(login, lead, 'USAGE') THEN\n"
    "        IF EXISTS (SELECT 1 FROM pg_db_role_setting d JOIN pg_roles r ON"
    "            r.oid = d.setrole JOIN pg_database b ON b.oid = d.setdatabase"
    "            WHERE r.rolname = login AND b.datname = current_database()) THEN\n"
    "          EXECUTE format('ALTER ROLE %%I IN DATABASE %%I RESET search_path', login,"
    "            current_database());\n"
    "        END IF;\n"
    "      ELSE\n"
    "        EXECUTE format('ALTER ROLE %%I IN DATABASE %%I SET search_path ="
    "          panelist_reviewer, %%I', login, current_database(), %2$L);\n"
    "      END IF;\n"
    "      IF NOT has_database_privilege(login, current_database(), 'CONNECT') THEN\n"
    "        EXECUTE format('GRANT CONNECT ON DATABASE %%I TO %%I', current_database(),"
    "          login);\n"
    "      END IF;\n"
    "    END $g$$f$, s, s);\n"
    "  EXECUTE format('REVOKE ALL ON FUNCTION %I.panelist_grant(text, text) FROM PUBLIC', s);\n"
    "  EXECUTE format('GRANT EXECUTE ON FUNCTION %I.panelist_grant(text, text) TO %I', s,"
    "    lead);\n");

/* In this order, again at every init: CREATE OR REPLACE, DROP ... IF
 * EXISTS and REVOKE before GRANT throughout. */
static const char *const setup_sql[] = {
	setup_roles, setup_grants, setup_rls, setup_views, setup_grant_fn
};

bool
store_on_server(const struct store *st)
{
	return st->engine == &engine_postgres;
}

bool
store_address_on_server(const char *path)
{
	return engine_postgres_address(path);
}

char *
store_login(struct store *st)
{
	const char *os = gate_login();
	char *who = NULL;

	if (store_on_server(st) &&
	    store_get_text(st, NULL, &who, "SELECT CAST(current_user AS text)", "") == 0 &&
	    who != NULL)
		return who;
	free(who);
	return xstrdup(os != NULL ? os : "unknown login");
}

int
store_role_name(struct store *st, const char *kind, char **name, struct errlist *errs)
{
	return store_get_text(st, errs, name, "SELECT left(current_database(), 54) || '_' || ?",
	    "t", kind);
}

/* Whether this login owns the study, and whether it may make roles and
 * grant them: 0 or the failure. */
static int
role_facts(struct store *st, int64_t *owner, int64_t *creator, struct errlist *errs)
{
	int rc;

	if ((rc = store_get_int(st, errs, owner, "SELECT count(*) FROM pg_tables WHERE"
	    " schemaname = current_schema() AND tablename = 'study' AND"
	    " (tableowner = current_user OR (SELECT rolsuper FROM pg_roles"
	    "  WHERE rolname = current_user))", "")) != 0)
		return rc;
	return store_get_int(st, errs, creator, "SELECT count(*) FROM pg_roles WHERE"
	    " rolname = current_user AND (rolcreaterole OR rolsuper)", "");
}

int
store_setup_roles(struct store *st, bool *done, struct errlist *errs)
{
	int64_t owner, creator;
	size_t i;
	char *me;
	int rc;

	*done = false;
	if (!store_on_server(st))
		return 0;
	if ((rc = role_facts(st, &owner, &creator, errs)) != 0)
		return rc;
	/* Another lead's init changes nothing of the roles: the owner's does. */
	if (!owner)
		return 0;
	if (!creator) {
		me = store_login(st);
		err_add(errs, _("%s: the study is made, but not its roles: the login %s may not "
		    "create roles; give it that right (as a superuser: ALTER ROLE %s CREATEROLE) "
		    "and run 'panelist init' again, or run it again as a superuser"), st->path, me,
		    me);
		free(me);
		return STORE_INPUT;
	}
	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	for (i = 0; i < nitems(setup_sql) && rc == 0; i++)
		rc = store_exec(st, setup_sql[i], errs);
	if (rc != 0 || (rc = store_commit(st, errs)) != 0) {
		store_rollback(st);
		return rc;
	}
	*done = true;
	return 0;
}

/* The checks of a grant that the server's own refusal would say less
 * clearly: roles set up, a lead asking, a login that exists. */
static int
grant_check(struct store *st, const char *login, struct errlist *errs)
{
	int64_t ready, lead, exists;
	char *me;
	int rc;

	if ((rc = store_get_int(st, errs, &ready, "SELECT to_regprocedure('panelist_grant(text,"
	    " text)') IS NOT NULL", "")) != 0)
		return rc;
	if (!ready) {
		err_add(errs, _("%s: this study has no roles yet: run 'panelist init' as the "
		    "login that made it"), st->path);
		return STORE_INPUT;
	}
	if ((rc = store_get_int(st, errs, &lead, "SELECT pg_has_role(current_user, "
	    ROLE_SQL("lead") ", 'USAGE')", "")) != 0)
		return rc;
	if (!lead) {
		me = store_login(st);
		err_add(errs, _("%s: only a lead of this study may grant roles, and the login %s is "
		    "not one"), st->path, me);
		free(me);
		return STORE_INPUT;
	}
	if ((rc = store_get_int(st, errs, &exists, "SELECT count(*) FROM pg_roles WHERE "
	    "rolname = ?", "t", login)) != 0)
		return rc;
	if (!exists) {
		err_add(errs, _("%s: there is no login %s on this server: create it first (as a "
		    "superuser or a login with CREATEROLE: createuser %s)"), st->path, login, login);
		return STORE_INPUT;
	}
	return 0;
}

int
store_grant(struct store *st, const char *kind, const char *login, struct errlist *errs)
{
	int rc;

	if (!store_on_server(st)) {
		err_add(errs, _("%s is a study file: whoever may write the file may change it; "
		    "roles are for a study on a PostgreSQL server (--db postgresql://...)"),
		    st->path);
		return STORE_INPUT;
	}
	if ((rc = grant_check(st, login, errs)) != 0 || (rc = store_begin(st, errs)) != 0)
		return rc;
	if ((rc = store_run(st, errs, "SELECT panelist_grant(?, ?)", "tt", kind, login)) != 0 ||
	    (rc = store_commit(st, errs)) != 0)
		store_rollback(st);
	return rc;
}
