# merge.sh: merge takes nothing in another database at its word.  A copy of
# the study, edited by hand with sqlite3, is refused for each kind of bad row
# (every problem listed, exit 2, this database unchanged), quickly, even when
# its tables are views that never end; a good copy merges with the right
# counts; N/A against a number is a conflict both ways; ratings under someone
# else's name need --as, and the roster holds whenever there is one.
. "$TESTS_SRCDIR/cli/lib.sh"
sqlite_only "the copies merged are SQLite files made and edited with sqlite3 (.backup, triggers)"

: "${PUT_RATINGS:?run through make check}"
S=$FIXTURES/scores
A=$WORK/a.db
B=$WORK/b.db
BASE=$WORK/base.db
Q() { "$SQLITE3" "$A" "$1"; }

"$PANELIST" --db "$BASE" import "$S/prompts.yaml" "$S/rubric-summarization.yaml" \
    "$S/rubric-generation.yaml" "$S/outputs-alpha.yaml" "$S/outputs-beta.yaml" \
    >/dev/null 2>&1 || fail "fixtures do not import"
printf '%s\n' "$ME s1 alpha summarization accuracy 4" "ana s1 alpha summarization accuracy 5" \
    "ana s2 alpha summarization accuracy 3" "note ana s1 alpha fine" | "$PUT_RATINGS" "$BASE" ||
    fail "ratings do not go into the base"

# fresh: A is the study, B a real copy of it with two new ratings of mine.
fresh() {
	rm -f "$A" "$B" "$A-wal" "$B-wal" "$A-shm" "$B-shm"
	"$SQLITE3" "$BASE" ".backup '$A'"
	"$SQLITE3" "$BASE" ".backup '$B'"
	printf '%s\n' "$ME s2 alpha summarization accuracy 2" "$ME s1 beta summarization clarity 3" \
	    "time $ME s2 alpha 12" | "$PUT_RATINGS" "$B" || fail "ratings do not go into the copy"
	dump "$A" >"$WORK/before.sql"
}

# merge_run ARGS...: merge into A within a time bound.
merge_run() {
	started=$(date +%s)
	timeout 60 "$PANELIST" --db "$A" merge "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
	ok
	[ $(($(date +%s) - started)) -le 30 ] || fail "merge $*: took $(($(date +%s) - started)) s"
}

unchanged() {
	dump "$A" >"$WORK/after.sql"
	ok
	cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "$1: the database changed"
}

# refused WHAT SQL PATTERN [MERGE ARGS]: edit B with SQL, merge, expect refusal.
refused() {
	what=$1 sql=$2 pattern=$3
	shift 3
	fresh
	"$SQLITE3" "$B" "$sql" || fail "$what: the edit fails"
	merge_run "$@" "$B"
	expect_status 2 "$what"
	expect_err "$pattern" "$what is named"
	expect_err "nothing was merged" "$what: says nothing was merged"
	unchanged "$what"
}

MINE="reviewer = (SELECT id FROM reviewer WHERE name = '$ME')"
refused "a score of 99" "UPDATE rating SET score = 99 WHERE $MINE AND axis = 'accuracy'" \
    "b\.db: rating by '$ME' of alpha for s2 v1, summarization accuracy: score 99 is outside the scale 1 to 5"
refused "a score of -1000" "UPDATE rating SET score = -1000 WHERE $MINE AND axis = 'accuracy'" \
    "score -1000 is outside the scale 1 to 5"
refused "a score of 'abc'" "UPDATE rating SET score = 'abc' WHERE $MINE AND axis = 'accuracy'" \
    "score 'abc' is not a whole number or N/A"
refused "an axis the rubric lacks" "UPDATE rating SET axis = 'tone' WHERE $MINE AND axis = 'clarity'" \
    "the summarization rubric has no axis 'tone'"
refused "a capability that does not exist" \
    "UPDATE rating SET capability = 'juggling' WHERE $MINE AND axis = 'clarity'" \
    "summarization|juggling.*no such capability"
refused "a reviewer name with ESC" \
    "UPDATE reviewer SET name = 'x' || char(27) || '[31m' WHERE name = '$ME'" \
    "name .*a name is 1 to 64 bytes of printable UTF-8 text"
refused "a reviewer name with a newline" \
    "UPDATE reviewer SET name = 'x' || char(10) || 'y' WHERE name = '$ME'" \
    "a name is 1 to 64 bytes"
refused "a negative time spent" "UPDATE review SET active_seconds = -500 WHERE $MINE" \
    "-500.0 seconds spent: time spent is 0 to 604800 seconds"
refused "a flag not in the list" \
    "PRAGMA ignore_check_constraints = 1; UPDATE review SET flag = 'spam' WHERE $MINE" \
    "unknown flag 'spam' \(a flag is one of broken, off-topic, unsafe or other\)"
refused "a time not ISO 8601" "UPDATE rating SET changed = 'yesterday' WHERE $MINE" \
    "time 'yesterday': a time is YYYY-MM-DDTHH:MM:SS"
# A forged time in the future would win every --prefer newer: here over
# another reviewer's rating.
refused "a forged future time with --prefer newer" \
    "UPDATE rating SET score = 1, changed = '9999-12-31T00:00:00.000Z'
     WHERE reviewer = (SELECT id FROM reviewer WHERE name = 'ana') AND axis = 'accuracy'" \
    "time '9999-12-31T00:00:00.000Z': a time is not in the future" --prefer newer --as
ok
[ "$(Q "SELECT score FROM rating g JOIN reviewer v ON v.id = g.reviewer JOIN output o
    ON o.id = g.output JOIN prompt p ON p.id = o.prompt WHERE v.name = 'ana' AND
    p.name = 's1' AND g.axis = 'accuracy'")" = 5 ] || fail "the forged time overwrote ana's rating"
refused "every problem listed" \
    "UPDATE rating SET score = 99 WHERE $MINE; UPDATE review SET active_seconds = -1 WHERE $MINE" \
    "refused: 4 problems"
ok
grep -q "clarity: score 99" "$WORK/err" && grep -q "accuracy: score 99" "$WORK/err" &&
    grep -q "seconds spent" "$WORK/err" || fail "not every problem is listed: $(cat "$WORK/err")"

# The other file's schema never runs: a view in place of a table, even one
# that never ends, is refused without being read; so is a table of another
# shape, and a view with a trigger doing the table's work.
refused "a recursive view in place of a table" "DROP TABLE rating; CREATE VIEW rating(reviewer,
     output, capability, axis, rubric, score, changed) AS WITH RECURSIVE c(x) AS (SELECT 1
     UNION ALL SELECT x + 1 FROM c) SELECT 1, 1, 'summarization', 'accuracy', 1, x, x FROM c" \
    "'rating' is not a table"
refused "a view with a trigger in place of a table" "DROP TABLE review; CREATE VIEW review AS
     SELECT 1 AS reviewer, 1 AS output, NULL AS note, NULL AS flag, NULL AS flag_reason,
     randomblob(1000000000) AS active_seconds, 0 AS skipped, '' AS changed;
     CREATE TRIGGER review_insert INSTEAD OF INSERT ON review BEGIN SELECT 1; END" \
    "'review' is not a table"
refused "a table of another shape" "ALTER TABLE review ADD COLUMN extra" \
    "table 'review' is not defined as this schema defines it"
refused "a value too large" "UPDATE review SET note = printf('%.2000000c', 'x') WHERE $MINE" \
    "table 'review' cannot be read: a value is larger than 1 MiB"

# A huge file: more history rows than any study holds, refused on the count.
fresh
"$SQLITE3" "$B" "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c
    WHERE x <= 2000000) INSERT INTO history(at, reviewer, output, field, new, actor)
    SELECT '2026-01-01T00:00:00Z', 1, 1, 'note', x, 'merge' FROM c" || fail "the huge copy"
merge_run "$B"
expect_status 2 "a huge source"
expect_err "table 'history' has too many rows \(at most 2000000\)" "a huge source is named"
unchanged "a huge source"

# A good merge, counted right: two added, the three here already are not
# counted again.
fresh
merge_run "$B"
expect_status 0 "a good merge"
expect_out "2 ratings added, 3 already here, 0 replaced" "the summary counts"
ok
[ "$(Q "SELECT count(*) FROM rating")" = 5 ] || fail "a good merge: not 5 ratings"
ok
[ "$(Q "SELECT active_seconds FROM review r JOIN reviewer v ON v.id = r.reviewer WHERE
    v.name = '$ME'")" = 12.0 ] || fail "a good merge: the time spent"
merge_run "$B"
expect_out "0 ratings added, 5 already here" "merging again adds nothing"

# N/A against a number, both ways: a conflict, listed; the newer wins with
# --prefer newer.
na_case() {
	what=$1 here=$2 there=$3
	fresh
	echo "$ME s3 alpha summarization accuracy $here" | "$PUT_RATINGS" "$A"
	"$SQLITE3" "$A" ".backup '$B'"
	sleep 0.01
	echo "$ME s3 alpha summarization accuracy $there" | "$PUT_RATINGS" "$B"
	dump "$A" >"$WORK/before.sql"
	merge_run "$B"
	expect_status 2 "$what"
	expect_err "conflict: $ME rated s3 \(alpha\) summarization accuracy as $here here and $there in" \
	    "$what is listed as a conflict"
	unchanged "$what"
	merge_run --prefer newer "$B"
	expect_status 0 "$what with --prefer newer"
	expect_out "1 replaced" "$what: the newer replaced"
	ok
	[ "$(Q "SELECT coalesce(score, 'NA') FROM rating g JOIN output o ON o.id = g.output
	    JOIN prompt p ON p.id = o.prompt JOIN reviewer v ON v.id = g.reviewer
	    WHERE v.name = '$ME' AND p.name = 's3'")" = "$there" ] || fail "$what: the newer did not win"
}
na_case "N/A here, a number there" NA 4
na_case "a number here, N/A there" 3 NA

# A note here and another there on the same output: a conflict, worded.
fresh
for side in "$A:here" "$B:there"; do
	"$SQLITE3" "${side%:*}" "INSERT INTO review(reviewer, output, note, changed)
	    SELECT v.id, o.id, '${side##*:}', '2026-01-01T00:00:00.000Z' FROM reviewer v,
	    output o JOIN prompt p ON p.id = o.prompt JOIN model m ON m.id = o.model
	    WHERE v.name = '$ME' AND p.name = 's2' AND m.name = 'alpha'
	    ON CONFLICT DO UPDATE SET note = excluded.note" || fail "setting the $side note"
done
dump "$A" >"$WORK/before.sql"
merge_run "$B"
expect_status 2 "two notes on one output"
expect_err "^panelist: conflict: $ME's note on s2 \(alpha\) differs here and in $B$" \
    "two notes on one output are listed as a conflict"
unchanged "two notes on one output"

# Whose ratings: ana's new rating in the copy needs --as; with it, the
# history records my login.
fresh
echo "ana s3 alpha summarization accuracy 2" | "$PUT_RATINGS" "$B"
merge_run "$B"
expect_status 2 "another reviewer's ratings without --as"
expect_err "ratings under 'ana': 'ana' is not you \($ME\): add --as" "the refusal says how"
unchanged "another reviewer's ratings without --as"
merge_run --as "$B"
expect_status 0 "another reviewer's ratings with --as"
ok
[ "$(Q "SELECT count(*) FROM history h JOIN reviewer v ON v.id = h.reviewer JOIN output o
    ON o.id = h.output JOIN prompt p ON p.id = o.prompt WHERE v.name = 'ana' AND
    p.name = 's3' AND h.actor = '$ME'")" = 1 ] || fail "the history does not record who merged ana's rating"

# The roster holds without overlap: zed, not on it, cannot come in by merge.
printf 'kind: study\nreviewers: [%s, ana]\n' "$ME" >"$WORK/roster.yaml"
"$PANELIST" --db "$BASE" import --force "$WORK/roster.yaml" >/dev/null 2>&1 || fail "the roster"
fresh
echo "zed s3 alpha summarization accuracy 2" | "$PUT_RATINGS" "$B"
merge_run --as "$B"
expect_status 2 "a reviewer off the roster"
expect_err "ratings under 'zed': 'zed' is not on this study's roster" "off the roster is named"
unchanged "a reviewer off the roster"

finish
