# pg/roles.sh: who may change what on a study on a PostgreSQL server, as
# the server enforces it.  A lead (a login with CREATEROLE, not a
# superuser) runs init and import and grants two reviewers; alice rates
# through the storage interface; bob then tries, with hand-written SQL, to
# change, remove or forge alice's ratings, notes, flags and history, and to
# read the model names of the blind study: every statement is refused or
# changes nothing, and alice's rows are the same afterwards.  A reviewer may
# not grant, import or change the study; grant is refused on a study file.
#
# A throwaway server of its own in a temporary directory (or make
# check-postgres's, PANELIST_TEST_PG); skipped, visibly, without
# PostgreSQL's server binaries.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"

SERVER=$TESTS_SRCDIR/pg/server.sh
PG_BIN=$(sh "$SERVER" bindir) || {
	echo "SKIP: pg/roles.sh: no PostgreSQL server (/usr/lib/postgresql/*/bin/initdb);" \
	    "install Debian's postgresql to run it" >&2
	exit 77
}

# ---- the server ---------------------------------------------------------

# The server's superuser is lead (tests/pg/server.sh); the study's lead,
# a login with CREATEROLE and no more, and the two reviewers are logins of
# this test, named so on a server other tests share.
OWN_SERVER=
if [ -n "${PANELIST_TEST_PG:-}" ]; then
	SOCK=$PANELIST_TEST_PG
else
	SOCK=$(mktemp -d "${TMPDIR:-/tmp}/panelist-roles.XXXXXX")
	sh "$SERVER" start "$SOCK" >/dev/null || exit 99
	OWN_SERVER=1
fi
ADMIN=lead
LEAD=roles_lead_$$ ALICE=roles_alice_$$ BOB=roles_bob_$$
DB=roles_$$

cleanup() {
	if [ -n "${TSOCK:-}" ]; then
		tm kill-server >/dev/null 2>&1
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TSOCK"
	fi
	if [ -n "$OWN_SERVER" ]; then
		sh "$SERVER" stop "$SOCK"
	else
		sql_as "$ADMIN" postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
		for r in "$LEAD" "$ALICE" "$BOB" "${LEAD}2" "${ALICE}2" "${DB}_lead" \
		    "${DB}_reviewer"; do
			sql_as "$ADMIN" postgres "DROP OWNED BY $r; DROP ROLE IF EXISTS $r" \
			    >/dev/null 2>&1
		done
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

# sql_as LOGIN DATABASE SQL: one statement through psql, its result rows
# unaligned (or its command tag), its exit status psql's.
sql_as() {
	"$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$SOCK" -U "$1" -d "$2" -c "$3"
}

addr() {
	echo "postgresql:///$DB?host=$SOCK&user=$1"
}

sql_as "$ADMIN" postgres "CREATE ROLE $LEAD LOGIN CREATEROLE" || exit 99
sql_as "$ADMIN" postgres "CREATE DATABASE $DB OWNER $LEAD" || exit 99
sql_as "$ADMIN" postgres "CREATE ROLE $ALICE LOGIN; CREATE ROLE $BOB LOGIN" || exit 99

# ---- the lead sets the study up ---------------------------------------

export PANELIST_DB
PANELIST_DB=$(addr "$LEAD")
run init
expect_status 0 "init as the lead"
expect_out "Roles: ${DB}_lead .* and ${DB}_reviewer" "init names the two roles"
run import "$FIXTURES/good"
expect_status 0 "import as the lead"
run init
expect_status 0 "init again: the roles are brought up to date"

run grant reviewer "$ALICE"
expect_status 0 "grant reviewer alice"
expect_out "$ALICE is now a reviewer" "grant says what it did"
run grant reviewer "$BOB"
expect_status 0 "grant reviewer bob"
run grant reviewer nobody_here_$$
expect_status 2 "grant to a login that does not exist"
expect_err "no login nobody_here_$$ .*createuser" "grant says how to make the login"
run grant chief "$ALICE"
expect_status 2 "grant of a role that is not one"
run --db "$WORK/file.db" init
run --db "$WORK/file.db" grant reviewer "$ALICE"
expect_status 2 "grant on a study file"
expect_err "study file" "grant on a file says why"

# ---- alice rates through the storage interface -----------------------

# In a blind study a reviewer knows the models as blind-1, blind-2 (in the
# order of their names: model-a, model-b).
A=$(addr "$ALICE")
"$PUT_RATINGS" "$A" <<EOF >"$WORK/out" 2>"$WORK/err"
$ALICE sum-incident-brief blind-1 summarization coherence 4
$ALICE sum-incident-brief blind-1 summarization accuracy 5
$ALICE sum-incident-brief blind-2 summarization coherence 2
$ALICE sum-incident-brief blind-2 summarization coherence 3
note $ALICE sum-incident-brief blind-1 careful and short
flag $ALICE sum-incident-brief blind-2 broken cut off mid-sentence
EOF
status=$?
expect_status 0 "alice rates her own items"
"$PUT_RATINGS" "$A" <<EOF >"$WORK/out" 2>"$WORK/err"
$BOB sum-incident-brief blind-1 summarization clarity 1
EOF
status=$?
expect_status 2 "alice may not rate under bob's name"
expect_err "may not do that" "the server's refusal is said as one"
B=$(addr "$BOB")
"$PUT_RATINGS" "$B" <<EOF >"$WORK/out" 2>"$WORK/err"
$BOB sum-incident-brief blind-1 summarization clarity 2
EOF
status=$?
expect_status 0 "bob rates his own item"

lead_sql() {
	sql_as "$LEAD" "$DB" "$1"
}
alice_id=$(lead_sql "SELECT id FROM reviewer WHERE name = '$ALICE'")
bob_id=$(lead_sql "SELECT id FROM reviewer WHERE name = '$BOB'")
ok
[ -n "$alice_id" ] && [ -n "$bob_id" ] || fail "the reviewers' rows are there"

# alice's rows, as the lead reads them.
alice_rows() {
	lead_sql "SELECT 'rating', output, capability, axis, rubric, score, changed FROM rating
	    WHERE reviewer = $alice_id ORDER BY 2, 3, 4"
	lead_sql "SELECT 'review', output, note, flag, flag_reason, active_seconds, skipped,
	    changed FROM review WHERE reviewer = $alice_id ORDER BY 2"
	lead_sql "SELECT 'history', id, at, output, capability, axis, field, old, new, actor
	    FROM history WHERE reviewer = $alice_id ORDER BY 2"
	lead_sql "SELECT 'reviewer', id, name, created FROM reviewer ORDER BY 2"
}
alice_rows >"$WORK/before"
ok
[ "$(grep -c '^rating' "$WORK/before")" -eq 3 ] &&
    [ "$(grep -c '^history' "$WORK/before")" -eq 6 ] &&
    grep -q '^review|.*|careful and short|' "$WORK/before" &&
    grep -q '^review|.*|broken|cut off mid-sentence|' "$WORK/before" ||
    fail "alice's ratings, note, flag and history are written: $(cat "$WORK/before")"

# ---- bob, with hand-written SQL --------------------------------------

# refused SQL WHAT: the server refuses the statement.
refused() {
	ok
	if sql_as "$BOB" "$DB" "$1" >"$WORK/out" 2>"$WORK/err"; then
		fail "$2: bob's statement was not refused: $(cat "$WORK/out")"
		return
	fi
	grep -Eq "permission denied|violates row-level security" "$WORK/err" ||
	    fail "$2: refused for another reason: $(cat "$WORK/err")"
}

# nothing SQL TAG WHAT: the statement runs and changes no row.
nothing() {
	"$PG_BIN/psql" -X -A -t -v ON_ERROR_STOP=1 -h "$SOCK" -U "$BOB" -d "$DB" -c "$1" \
	    >"$WORK/out" 2>"$WORK/err"
	ok
	[ "$(tail -n 1 "$WORK/out")" = "$2 0" ] || [ "$(tail -n 1 "$WORK/out")" = "$2 0 0" ] ||
	    fail "$3: expected '$2 0': $(cat "$WORK/out" "$WORK/err")"
}

nothing "UPDATE rating SET score = 1 WHERE reviewer = $alice_id" UPDATE \
    "bob updates alice's ratings"
nothing "UPDATE rating SET score = 1 WHERE reviewer <> $bob_id" UPDATE \
    "bob updates everyone's ratings but his own"
nothing "DELETE FROM rating WHERE reviewer = $alice_id" DELETE "bob deletes alice's ratings"
nothing "UPDATE review SET note = 'bob was here', flag = NULL WHERE reviewer = $alice_id" \
    UPDATE "bob changes alice's note and flag"
refused "INSERT INTO rating(reviewer, output, capability, axis, rubric, score, changed)
    SELECT $alice_id, output, capability, 'clarity', rubric, 1, changed FROM rating
    WHERE reviewer = $bob_id" "bob rates under alice's id"
refused "INSERT INTO rating(reviewer, output, capability, axis, rubric, score, changed)
    VALUES ($alice_id, 1, 'summarization', 'coherence', 1, 1, 'x')
    ON CONFLICT (reviewer, output, capability, axis) DO UPDATE SET score = 1" \
    "bob upserts over alice's rating"
refused "UPDATE rating SET reviewer = $alice_id WHERE reviewer = $bob_id" \
    "bob hands his rating to alice"
refused "DELETE FROM review WHERE reviewer = $alice_id" "bob deletes alice's review"
refused "INSERT INTO review(reviewer, output, note, changed)
    VALUES ($alice_id, 3, 'forged', 'x')" "bob writes a note under alice's id"
refused "UPDATE history SET new = '1' WHERE reviewer = $alice_id" "bob rewrites alice's history"
refused "DELETE FROM history WHERE reviewer = $alice_id" "bob deletes alice's history"
refused "INSERT INTO history(at, reviewer, output, capability, axis, field, old, new)
    VALUES ('x', $alice_id, 1, 'summarization', 'coherence', 'score', '4', '1')" \
    "bob forges a history row of alice's"
refused "UPDATE reviewer SET name = '$BOB' || 'x' WHERE id = $alice_id" "bob renames alice"
refused "DELETE FROM reviewer WHERE id = $alice_id" "bob deletes alice's reviewer row"
refused "INSERT INTO reviewer(name, created) VALUES ('mallory', 'x')" \
    "bob makes a reviewer of another name"
refused "TRUNCATE rating" "bob empties the ratings"
refused "UPDATE study SET value = '0' WHERE key = 'blind'" "bob unblinds the study"
refused "INSERT INTO output(prompt, model, hash, text, created) VALUES (1, 1, 'h', 't', 'x')" \
    "bob adds an output"
refused "SELECT panelist_grant('lead', '$BOB')" "bob makes himself a lead"

# What bob reads: the outputs and prompts, his own rows, no model name.
ok
[ "$(sql_as "$BOB" "$DB" "SELECT count(*) FROM output")" = 6 ] ||
    fail "bob reads the outputs"
ok
[ "$(sql_as "$BOB" "$DB" "SELECT count(*) FROM prompt")" = 3 ] || fail "bob reads the prompts"
ok
[ "$(sql_as "$BOB" "$DB" "SELECT count(*) FROM rating WHERE reviewer = $alice_id")" = 0 ] ||
    fail "bob sees none of alice's ratings"
ok
[ "$(sql_as "$BOB" "$DB" "SELECT string_agg(name, ',' ORDER BY name) FROM model")" = \
    "blind-1,blind-2" ] || fail "bob reads the models by blind names"
refused "SELECT name FROM public.model" "bob reads the model names from the table"
refused "SET search_path = public; SELECT name FROM model" "bob looks past the reviewer's views"
refused "SELECT metadata FROM public.output" "bob reads the outputs' metadata"
refused "SELECT name FROM collect_model" "bob reads the models under test"
# rate --unblind records whose queue was opened on which model.
lead_sql "INSERT INTO study_change(at, setting, old, new, ratings, unassigned, actor)
    VALUES ('2026-12-01T00:00:00.000Z', 'unblind', NULL, 'reviewer $LEAD, model model-a', 0, 0,
    '$LEAD')" >/dev/null
ok
[ "$(sql_as "$BOB" "$DB" "SELECT count(*) FROM study_change WHERE setting = 'unblind'
    AND new IS NULL")" = 1 ] || fail "bob reads the study's history without the unblinded model"
refused "SELECT new FROM public.study_change" "bob reads the study's history from the table"

alice_rows >"$WORK/after"
ok
cmp -s "$WORK/before" "$WORK/after" ||
    fail "alice's rows changed: $(diff "$WORK/before" "$WORK/after")"

# ---- the rating screen: a reviewer is its login ------------------------

# On a server the reviewer the screen rates as, and the one --reviewer
# must match without --as, is the session's login, not the system's.
TMUX_PROG=${TMUX_PROG:-$(command -v tmux || :)}
if [ -n "$TMUX_PROG" ] && [ -x "$TMUX_PROG" ]; then
	unset TMUX TMUX_PANE
	TSOCK=panelist-roles-$$
	# exit-empty off: a server left without sessions by kill-session
	# would be exiting just as the next new-session reaches it ("server
	# exited unexpectedly"), so it stays until cleanup kills it.
	printf 'set -s exit-empty off\n' >"$WORK/tmux.conf"
	tm() {
		"$TMUX_PROG" -u -L "$TSOCK" -f "$WORK/tmux.conf" "$@"
	}
	# screen_shows PATTERN: the screen shows it within 30 seconds.
	screen_shows() {
		i=0
		while [ "$i" -lt 300 ]; do
			tm capture-pane -p -t roles >"$WORK/screen" 2>/dev/null
			grep -Eq -- "$1" "$WORK/screen" && return 0
			sleep 0.1
			i=$((i + 1))
		done
		return 1
	}
	tm new-session -d -s roles -x 100 -y 30 -e "PANELIST_DB=$A" -e "LC_ALL=C.UTF-8" \
	    "sh -c '\"\$0\" rate --reviewer $BOB; echo status=\$?; exec sleep 600' '$PANELIST'"
	ok
	screen_shows "status=" && grep -q "'$BOB' is not you ($ALICE)" "$WORK/screen" &&
	    grep -q "status=2" "$WORK/screen" ||
	    fail "alice rates as bob without --as: $(cat "$WORK/screen")"
	tm kill-session -t roles
	tm new-session -d -s roles -x 100 -y 30 -e "PANELIST_DB=$A" -e "LC_ALL=C.UTF-8" \
	    "sh -c '\"\$0\" rate; echo status=\$?; exec sleep 600' '$PANELIST'"
	ok
	screen_shows "$ALICE .*done" || fail "the screen rates as alice: $(cat "$WORK/screen")"
	tm kill-session -t roles
else
	echo "tmux not found: the rating screen's part skipped" >&2
fi

# ---- what a reviewer may not run ---------------------------------------

PANELIST_DB=$B
run grant reviewer "$BOB"
expect_status 2 "a reviewer grants"
expect_err "only a lead" "grant by a reviewer says who may"
run grant lead "$BOB"
expect_status 2 "a reviewer makes himself a lead"
lead_sql "SELECT value FROM study WHERE key = 'blind'" >"$WORK/study.before"
lead_sql "SELECT count(*) FROM prompt" >>"$WORK/study.before"
rm -rf "$WORK/g"
cp -R "$FIXTURES/good" "$WORK/g"
sed 's/^blind: true/blind: false/' "$FIXTURES/good/study.yaml" >"$WORK/g/study.yaml"
run import --force "$WORK/g/study.yaml"
expect_status 2 "a reviewer changes the study's settings"
expect_err "may not do that" "the study change is refused by the server"
printf 'kind: prompts\nprompts:\n  - id: bob-prompt\n    capabilities: [generation]\n    title: Bob\n    turns:\n      - role: user\n        content: hi\n' \
    >"$WORK/bob-prompt.yaml"
run import "$WORK/bob-prompt.yaml"
expect_status 2 "a reviewer imports a prompt"
lead_sql "SELECT value FROM study WHERE key = 'blind'" >"$WORK/study.after"
lead_sql "SELECT count(*) FROM prompt" >>"$WORK/study.after"
ok
cmp -s "$WORK/study.before" "$WORK/study.after" || fail "a reviewer's import changed the study"

# A second lead, without the right to make roles, grants through the study.
sql_as "$ADMIN" postgres "CREATE ROLE ${LEAD}2 LOGIN; CREATE ROLE ${ALICE}2 LOGIN" || exit 99
PANELIST_DB=$(addr "$LEAD")
run grant lead "${LEAD}2"
expect_status 0 "the lead grants a second lead"
PANELIST_DB=$(addr "${LEAD}2")
run grant reviewer "${ALICE}2"
expect_status 0 "the second lead grants a reviewer"
ok
[ "$(sql_as "${ALICE}2" "$DB" "SELECT count(*) FROM rating")" = 0 ] ||
    fail "the second lead's reviewer reads none of the others' ratings"
run list models
expect_status 0 "the second lead reads the models"
expect_out "model-a" "a lead reads the model names of a blind study"
PANELIST_DB=$(addr "$LEAD")

# ---- the lead unblinds: the names are there for everyone -----------------

PANELIST_DB=$(addr "$LEAD")
run import --force "$WORK/g/study.yaml"
expect_status 0 "the lead unblinds the study"
ok
[ "$(sql_as "$BOB" "$DB" "SELECT string_agg(name, ',' ORDER BY name) FROM model")" = \
    "model-a,model-b" ] || fail "in a study that is not blind bob reads the model names"

# On a server the writer is the login: the lead's ratings import under
# alice's name needs --as, and records the lead as who did it.
printf '{"kind": "ratings", "reviewer": "%s", "prompt": "gen-launch-note", "model": "model-a", "capability": "generation", "axis": "clarity", "score": 3}\n' \
    "$ALICE" >"$WORK/r.jsonl"
run import --ratings "$WORK/r.jsonl"
expect_status 2 "the lead imports alice's ratings without --as"
expect_err "is not you \\($LEAD\\)" "the writer is the session's login"

finish
