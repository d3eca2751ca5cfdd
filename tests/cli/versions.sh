# versions.sh: a prompt or rubric edited after it was rated.  import refuses
# by default, naming what it would orphan; --revise makes a new version
# whose old ratings are kept and reported as not counted; --amend corrects
# the text in place, the ratings carried over and the change recorded; and
# a database of schema 1 is upgraded in place.
. "$TESTS_SRCDIR/cli/lib.sh"

# The schema this panelist writes (STORE_SCHEMA_VERSION).
SCHEMA=8

: "${PUT_RATINGS:?run through make check}"
G=$FIXTURES/good

# rated DB: the good fixtures (copied into $WORK/g) with three ratings of
# sum-incident-brief on the summarization rubric, one of them N/A.
rated() {
	rm -rf "$WORK/g" "$1"
	cp -R "$G" "$WORK/g"
	"$PANELIST" --db "$1" import "$WORK/g" >/dev/null || fail "setup import into $1"
	printf '%s\n' "ana sum-incident-brief model-a summarization accuracy 4" \
	    "ana sum-incident-brief model-a summarization clarity NA" \
	    "ben sum-incident-brief model-b summarization accuracy 2" |
	    "$PUT_RATINGS" "$1" || fail "setup ratings in $1"
}

# edit FILE SED-SCRIPT: change a file of $WORK/g in place.
edit() {
	sed "$2" "$WORK/g/$1" >"$WORK/edited" && mv "$WORK/edited" "$WORK/g/$1"
}

# ---- refused by default: each orphaned item named, nothing written ----------
R=$(new_db r)
rated "$R"
edit prompts.yaml 's/in three bullet points/in three short bullet points/'
edit rubric-summarization.yaml 's/"Invents figures\."/"Makes up figures."/'
dump "$R" >"$WORK/before.sql"
run --db "$R" import "$WORK/g"
expect_status 2 "a rated prompt and rubric changed"
expect_err "^panelist: $WORK/g/rubric-summarization.yaml:1:1: rubric 'summarization' changed after it was rated: its 3 ratings would no longer count$" \
    "the refused rubric (an anchor changed) with where it is and its ratings"
expect_err "^panelist: $WORK/g/prompts.yaml:3:5: prompt 'sum-incident-brief' changed after it was rated: its 3 ratings would no longer count$" \
    "the refused prompt with where it is and its ratings"
expect_err "'import --revise' makes a new version .*'import --amend' corrects the text in place" \
    "the two ways on"
expect_err "^panelist: nothing was imported$" "nothing imported"
ok
[ "$(grep -c "changed after it was rated" "$WORK/err")" -eq 2 ] ||
    fail "only the two rated items are named: $(cat "$WORK/err")"
dump "$R" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a refused edit changed the database"

# A prompt never rated is still replaced in place, without options.
edit prompts.yaml 's/in three short bullet points/in three bullet points/'
edit rubric-summarization.yaml 's/"Makes up figures\."/"Invents figures."/'
edit prompts.yaml 's/Make it shorter, please\./Make it much shorter./'
run --db "$R" import "$WORK/g"
expect_status 0 "an unrated prompt changed"
expect_out "updated 1 prompt; unchanged 2 rubrics, 2 prompts" "replaced in place, as before"
run --db "$R" list prompts
expect_out "^gen-launch-note +1 " "still version 1"

# --revise and --amend together make no sense.
run --db "$R" import --revise --amend "$WORK/g"
expect_status 2 "--revise with --amend"
expect_err "choose one of --revise and --amend" "--revise with --amend refused"

# ---- --revise: a new version; the old ratings kept, not counted, and said so -
V=$(new_db v)
rated "$V"
edit prompts.yaml 's/in three bullet points/in three short bullet points/'
run --db "$V" import --revise "$WORK/g"
expect_status 0 "import --revise"
expect_out "new versions of 1 prompt \(earlier ratings stay with the earlier text and are not counted\)" \
    "--revise reported"
"$SQLITE3" "$V" "SELECT count(*) FROM rating" >"$WORK/n"
ok
[ "$(cat "$WORK/n")" = 3 ] || fail "--revise kept $(cat "$WORK/n") of the 3 ratings"
run --db "$V" status
expect_out "^summarization +3 +2 +6 +5 +0 +60$" "status: none done on the new version"
expect_out "^On an earlier version, not counted: summarization 3 ratings " \
    "status: the earlier-version ratings per capability"
run --db "$V" scores
expect_status 0 "scores after --revise"
expect_out "^Not counted: 3 ratings on an earlier version of their prompt or rubric" \
    "scores say what they leave out"
ok
grep -Eq "^model-a +summarization" "$WORK/out" && fail "scores still count the earlier version"
run --db "$V" scores --format json
ok
python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["left_out"]["earlier_versions"] != 3)' "$WORK/out" ||
    fail "scores JSON does not give the 3 ratings on an earlier version"
run --db "$V" report -o "$WORK/v.html"
expect_status 0 "report after --revise"
ok
grep -q 'id="earlier" data-ratings="3">Not counted: 3 ratings on an earlier version' "$WORK/v.html" ||
    fail "the report does not say that 3 ratings on an earlier version are not counted"

# ---- a translation added to a rated rubric is a change like any other -----
T=$(new_db t)
rated "$T"
edit rubric-summarization.yaml 's/^title: Summarization$/title: {en: Summarization, ja: 要約}/'
run --db "$T" import "$WORK/g"
expect_status 2 "a Japanese title added to a rated rubric"
expect_err "rubric 'summarization' changed after it was rated: its 3 ratings would no longer count" \
    "the added translation refused as a change"
run --db "$T" import --amend "$WORK/g"
expect_status 0 "the translation amended in place"
"$SQLITE3" -separator ' ' "$T" "SELECT r.languages, t.lang, t.part, t.text FROM rubric r
    JOIN rubric_text t ON t.rubric = r.id WHERE r.capability = 'summarization'" >"$WORK/tr"
ok
[ "$(cat "$WORK/tr")" = "en,ja ja title 要約" ] || fail "the stored translation: $(cat "$WORK/tr")"
edit rubric-summarization.yaml 's/ja: 要約}/ja: 要約する}/'
run --db "$T" import "$WORK/g"
expect_status 2 "a changed translation of a rated rubric"
expect_err "rubric 'summarization' changed after it was rated" "a changed translation refused"
rm -rf "$WORK/g"

# ---- --amend: the ratings carry over, counted; the change recorded -----------
A=$(new_db a)
rated "$A"
old=$("$SQLITE3" "$A" "SELECT hash FROM rubric WHERE capability = 'summarization'")
edit rubric-summarization.yaml 's/"Invents figures\."/"Makes up figures."/'
run --db "$A" import --amend "$WORK/g"
expect_status 0 "import --amend"
expect_out "amended 1 rubric in place \(the ratings carry over\)" "--amend reported"
new=$("$SQLITE3" "$A" "SELECT hash FROM rubric WHERE capability = 'summarization'")
"$SQLITE3" -separator ' ' "$A" "SELECT kind, name, version, old_hash, new_hash, ratings,
    CASE WHEN actor IS NOT NULL THEN 1 END,
    CASE WHEN at LIKE '____-__-__T%Z' THEN 1 END FROM amendment" >"$WORK/amend"
ok
[ "$(cat "$WORK/amend")" = "rubric summarization 1 $old $new 3 1 1" ] ||
    fail "the amendment record: $(cat "$WORK/amend") (old $old, new $new)"
"$SQLITE3" "$A" "SELECT count(*), max(version) FROM rubric WHERE capability = 'summarization'" >"$WORK/n"
ok
[ "$(cat "$WORK/n")" = "1|1" ] || fail "--amend made a new version: $(cat "$WORK/n")"
run --db "$A" status
expect_out "^summarization +3 +2 +6 +5 +3 +60$" "status: the carried ratings count as done"
ok
grep -q "earlier version" "$WORK/out" && fail "status reports earlier-version ratings after --amend"
run --db "$A" scores --by model,capability,axis --format json --resamples 0
expect_status 0 "scores after --amend"
ok
python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
r = [r for r in d['rows'] if r['model'] == 'model-a' and r['axis'] == 'accuracy'][0]
sys.exit(0 if r['score'] == 4 and r['ratings'] == 1 else 1)" "$WORK/out" ||
    fail "scores do not count the amended rubric's rating: $(head -c 600 "$WORK/out")"
run --db "$A" scores
ok
grep -q "Not counted" "$WORK/out" && fail "scores say ratings are left out after --amend"

# A scale that no longer holds a stored score is not a correction.
edit rubric-summarization.yaml 's/scale: {min: 1, max: 5, labels: {1: very poor, 2: poor, 3: acceptable, 4: good, 5: excellent}}/scale: {min: 1, max: 3}/'
edit rubric-summarization.yaml 's/, 5: "[^"]*"}/}/'
dump "$A" >"$WORK/before.sql"
run --db "$A" import --amend "$WORK/g"
expect_status 2 "--amend of a scale that loses a stored score"
expect_err "^panelist: $WORK/g/rubric-summarization.yaml:1:1: rubric 'summarization': --amend would leave 1 rating outside the new scale 1 to 3: import --revise makes a new version instead$" \
    "--amend refused, naming the ratings outside"
dump "$A" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a refused --amend changed the database"
run --db "$A" import --revise "$WORK/g"
expect_status 0 "--revise of the same scale change"

# ---- demo: a newer panelist's reworded prompt does not stop the demo ---------
mkdir -p "$WORK/data"
cp -R "$TOP_SRCDIR/rubrics" "$TOP_SRCDIR/prompts" "$TOP_SRCDIR/demo" "$WORK/data/"
PANELIST_DATADIR=$WORK/data; export PANELIST_DATADIR
run demo </dev/null
expect_status 2 "first demo (no terminal)"
echo "ana data-conference-programme-tables demo-careful data-structuring coherence 4" |
    "$PUT_RATINGS" "$HOME/.local/share/panelist/demo.db" || fail "a rating in the demo"
sed 's/Keep the session titles exactly as written/Keep every session title exactly as written/'     "$TOP_SRCDIR/prompts/data-structuring.yaml" >"$WORK/data/prompts/data-structuring.yaml"
run demo </dev/null
unset PANELIST_DATADIR
expect_status 2 "demo after a bundled prompt changed (no terminal)"
expect_out "new versions of 1 prompt" "the demo makes the reworded prompt a new version"
expect_err "needs a terminal" "the demo went on to the screen"

sqlite_rest "a failing count is made with an SQLite view; old schemas come from SQLite fixtures"

# ---- a count that fails is an error, never "not rated" ----------------------
# The ratings, as a view whose rows cannot be read: counting them fails at
# the step.  Taking that failure for 0 would replace the prompt in place.
rm -rf "$WORK/g" "$WORK/f.db"
cp -R "$G" "$WORK/g"
"$PANELIST" --db "$WORK/f.db" import "$WORK/g" >/dev/null || fail "setup of f.db"
"$SQLITE3" "$WORK/f.db" "DROP INDEX rating_output; DROP INDEX rating_rubric; DROP TABLE rating;
    CREATE VIEW rating AS SELECT CAST(json('not json') AS INTEGER) AS output, 1 AS rubric,
    1 AS reviewer, 'summarization' AS capability, 'accuracy' AS axis, 1 AS score FROM output"
edit prompts.yaml 's/in three bullet points/in three short bullet points/'
dump "$WORK/f.db" >"$WORK/before.sql"
run --db "$WORK/f.db" import "$WORK/g"
expect_status 1 "a failing count of ratings"
expect_err "f.db: reading: malformed JSON" "the failure named"
dump "$WORK/f.db" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a failing count let the import write"

# ---- a database of schema 1, as the previous panelist wrote it -------------
"$SQLITE3" "$WORK/old.db" <"$FIXTURES/schema/v1.sql" || fail "loading the schema 1 fixture"
"$SQLITE3" "$WORK/old.db" "SELECT count(*) FROM rating" >"$WORK/n1"
run --db "$WORK/old.db" init
expect_status 0 "init on a schema 1 database"
expect_out "^Upgraded $WORK/old.db from schema 1 to $SCHEMA\.$" "init says it upgraded"
"$SQLITE3" "$WORK/old.db" "PRAGMA user_version" >"$WORK/v"
ok
[ "$(cat "$WORK/v")" = $SCHEMA ] || fail "schema after the upgrade: $(cat "$WORK/v")"
"$SQLITE3" "$WORK/old.db" "SELECT count(*) FROM rating" >"$WORK/n2"
ok
cmp -s "$WORK/n1" "$WORK/n2" || fail "the upgrade lost ratings: $(cat "$WORK/n1") -> $(cat "$WORK/n2")"
"$SQLITE3" "$WORK/old.db" "PRAGMA integrity_check; PRAGMA foreign_key_check" >"$WORK/ic"
ok
[ "$(cat "$WORK/ic")" = ok ] || fail "integrity after the upgrade: $(cat "$WORK/ic")"
ok
[ "$("$SQLITE3" "$WORK/old.db" "SELECT DISTINCT languages FROM rubric")" = en ] ||
    fail "the upgraded rubrics are not English: $("$SQLITE3" "$WORK/old.db" "SELECT languages FROM rubric")"
rm -rf "$WORK/g"
cp -R "$G" "$WORK/g"
edit prompts.yaml 's/in three bullet points/in three short bullet points/'
run --db "$WORK/old.db" import "$WORK/g"
expect_status 2 "the upgraded database refuses a rated edit"
expect_err "prompt 'sum-incident-brief' changed after it was rated: its 3 ratings" \
    "the upgraded database counts its ratings"
run --db "$WORK/old.db" import --amend "$WORK/g"
expect_status 0 "--amend on the upgraded database"
"$SQLITE3" "$WORK/old.db" "SELECT kind, name, ratings FROM amendment" >"$WORK/amend"
ok
[ "$(cat "$WORK/amend")" = "prompt|sum-incident-brief|3" ] ||
    fail "the amendment on the upgraded database: $(cat "$WORK/amend")"
run --db "$WORK/old.db" init
expect_status 0 "a second init"
expect_out "is up to date \(schema $SCHEMA\)\.$" "a second init upgrades nothing"

# ---- a database of schema 2: the history index added, nothing else --------
"$SQLITE3" "$WORK/v2.db" <"$FIXTURES/schema/v2.sql" || fail "loading the schema 2 fixture"
dump "$WORK/v2.db" >"$WORK/v2-before.sql"
ok
run --db "$WORK/v2.db" init
expect_status 0 "init on a schema 2 database"
expect_out "^Upgraded $WORK/v2.db from schema 2 to $SCHEMA\.$" "init says it upgraded from 2"
"$SQLITE3" "$WORK/v2.db" "PRAGMA user_version; PRAGMA integrity_check" >"$WORK/v"
ok
[ "$(tr '\n' ' ' <"$WORK/v")" = "$SCHEMA ok " ] || fail "schema 2 upgraded to: $(cat "$WORK/v")"
"$SQLITE3" "$WORK/v2.db" "EXPLAIN QUERY PLAN SELECT min(at) FROM history
    WHERE output = 1 AND reviewer = 1 AND field = 'score'" >"$WORK/plan"
ok
grep -q "USING INDEX history_output_reviewer (output=? AND reviewer=?)" "$WORK/plan" ||
    fail "the history lookup does not use the new index: $(cat "$WORK/plan")"
# Taking migrations 3 to 8 back out again gives the schema 2 database.
cp "$WORK/v2.db" "$WORK/v2-undone.db"
"$SQLITE3" "$WORK/v2-undone.db" "DROP INDEX history_output_reviewer;
    DROP TABLE study_change; DROP TABLE collect_model; DROP TABLE collect_failure;
    DROP TRIGGER output_line_hash_follows_text; ALTER TABLE output DROP COLUMN line_hash;
    DROP TABLE rubric_text; ALTER TABLE rubric DROP COLUMN languages" ||
    fail "undoing migrations 3 to 8"
dump "$WORK/v2-undone.db" >"$WORK/v2-after.sql"
ok
cmp -s "$WORK/v2-before.sql" "$WORK/v2-after.sql" ||
    fail "the upgrade from 2 changed more than the index, the study history, the line hash, collect's tables and the rubric languages: $(diff "$WORK/v2-before.sql" "$WORK/v2-after.sql")"
run --db "$WORK/v2.db" export --format jsonl
expect_status 0 "export from the upgraded schema 2 database"
expect_out '^{"kind":"ratings",.*"reviewer":"ana"' "the upgraded database exports its ratings"

# ---- a database of schema 3: the study history, the line hash, collect's tables
"$SQLITE3" "$WORK/v3.db" <"$FIXTURES/schema/v3.sql" || fail "loading the schema 3 fixture"
dump "$WORK/v3.db" >"$WORK/v3-before.sql"
ok
run --db "$WORK/v3.db" init
expect_status 0 "init on a schema 3 database"
expect_out "^Upgraded $WORK/v3.db from schema 3 to $SCHEMA\.$" "init says it upgraded from 3"
"$SQLITE3" "$WORK/v3.db" "PRAGMA user_version; PRAGMA integrity_check;
    SELECT count(*) FROM study_change" >"$WORK/v"
ok
[ "$(tr '\n' ' ' <"$WORK/v")" = "$SCHEMA ok 0 " ] || fail "schema 3 upgraded to: $(cat "$WORK/v")"
cp "$WORK/v3.db" "$WORK/v3-undone.db"
"$SQLITE3" "$WORK/v3-undone.db" "DROP TABLE study_change; DROP TABLE collect_model; DROP TABLE collect_failure;
    DROP TRIGGER output_line_hash_follows_text; ALTER TABLE output DROP COLUMN line_hash;
    DROP TABLE rubric_text; ALTER TABLE rubric DROP COLUMN languages" ||
    fail "undoing migrations 4 to 8"
dump "$WORK/v3-undone.db" >"$WORK/v3-after.sql"
ok
cmp -s "$WORK/v3-before.sql" "$WORK/v3-after.sql" ||
    fail "the upgrade from 3 changed more than the study history, the line hash, collect's tables and the rubric languages: $(diff "$WORK/v3-before.sql" "$WORK/v3-after.sql")"
run --db "$WORK/v3.db" status
expect_status 0 "status on the upgraded schema 3 database"
expect_out "^History: +no change of blind, overlap, seed or roster, and no unblinded rating, since the study began\.$" \
    "status on the upgraded database: an empty history"


# ---- a database of schema 4 with a study history: the history kept --------
# Schema 4 as that panelist made it: the schema 3 fixture and its 3 -> 4
# migration, with one change recorded.
"$SQLITE3" "$WORK/v4.db" <"$FIXTURES/schema/v3.sql" || fail "loading the schema 3 fixture"
"$SQLITE3" "$WORK/v4.db" "CREATE TABLE study_change (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL,
  setting TEXT NOT NULL CHECK (setting IN ('blind', 'overlap', 'seed', 'reviewers')),
  old TEXT, new TEXT, ratings INTEGER NOT NULL, unassigned INTEGER NOT NULL, actor TEXT);
CREATE TRIGGER study_change_append_only_update BEFORE UPDATE ON study_change
  BEGIN SELECT RAISE(ABORT, 'the study history is append-only'); END;
CREATE TRIGGER study_change_append_only_delete BEFORE DELETE ON study_change
  BEGIN SELECT RAISE(ABORT, 'the study history is append-only'); END;
INSERT INTO study_change VALUES (1, '2026-11-30T10:00:00.000Z', 'overlap', '0', '2', 3, 1, 'lead');
PRAGMA user_version = 4" || fail "making a schema 4 database"
run --db "$WORK/v4.db" init
expect_status 0 "init on a schema 4 database"
expect_out "^Upgraded $WORK/v4.db from schema 4 to $SCHEMA\.$" "init says it upgraded from 4"
"$SQLITE3" "$WORK/v4.db" "PRAGMA user_version; PRAGMA integrity_check;
    SELECT group_concat(id || ',' || at || ',' || setting || ',' || old || ',' || new || ',' ||
    ratings || ',' || unassigned || ',' || actor) FROM study_change" >"$WORK/v"
ok
[ "$(tr '\n' ' ' <"$WORK/v")" = "$SCHEMA ok 1,2026-11-30T10:00:00.000Z,overlap,0,2,3,1,lead " ] ||
    fail "schema 4 upgraded to: $(cat "$WORK/v")"
ok
"$SQLITE3" "$WORK/v4.db" "DELETE FROM study_change" 2>/dev/null &&
    fail "the upgraded study history is not append-only"

finish
