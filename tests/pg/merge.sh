# pg/merge.sh: merge between the two engines, on a real PostgreSQL server
# of the test's own (skipped when no server binaries are installed).  A
# rated SQLite study moves into a new PostgreSQL study and back into a new
# SQLite one, and between two PostgreSQL databases, with scores --format
# json the same bytes everywhere; merging again adds nothing; a conflict is
# one on either engine; a tampered copy (a score outside the scale, a text
# where a number belongs) is refused with status 2 in every direction,
# every target as it was, a new study's identity included.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"

# ---- a PostgreSQL server of our own ------------------------------------------

SERVER=$TESTS_SRCDIR/pg/server.sh
PG_BIN=$(sh "$SERVER" bindir) || {
	echo "SKIP: no PostgreSQL server binaries (initdb, pg_ctl, psql; set PG_BINDIR)" >&2
	exit 77
}
PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/panelist-pg.XXXXXX") || exit 99
trap 'sh "$SERVER" stop "$PGDIR"; rm -rf "$WORK"' EXIT
sh "$SERVER" start "$PGDIR" >/dev/null || { echo "the test server does not start" >&2; exit 99; }

psql_() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDIR" -U lead "$@"; }
# pg NAME: a new, empty database, and its address.
pg() {
	psql_ -d postgres -c "CREATE DATABASE $1" || fail "creating database $1"
	echo "postgresql:///$1?host=$PGDIR&user=lead"
}
# What a database holds, as text, for before/after comparisons.
# (pg_dump's \restrict lines hold a new random key at each run.)
pg_dump_() {
	"$PG_BIN/pg_dump" -h "$PGDIR" -U lead -a --no-owner "$1" | grep -v '^\\\(un\)*restrict '
}
state() {
	case $1 in
	postgresql:*) pg_dump_ "$(echo "$1" | sed 's|^postgresql:///\([a-z0-9_]*\)?.*|\1|')" ;;
	*) dump "$1" ;;
	esac
}

# ---- the studies -------------------------------------------------------------

S=$FIXTURES/scores
FILES="$S/study.yaml $S/prompts.yaml $S/rubric-summarization.yaml $S/rubric-generation.yaml
    $S/outputs-alpha.yaml $S/outputs-beta.yaml $S/outputs-gamma.yaml"
# fresh DB: a new study there with the study's files, nobody's ratings.
fresh() {
	# shellcheck disable=SC2086
	"$PANELIST" --db "$1" import $FILES >/dev/null 2>"$WORK/err" ||
	    fail "importing into $1: $(cat "$WORK/err")"
}
scores_of() {
	"$PANELIST" --db "$1" scores --format json >"$2" 2>"$WORK/err" ||
	    fail "scores of $1: $(cat "$WORK/err")"
}
merge_into() {
	target=$1
	shift
	timeout 120 "$PANELIST" --db "$target" merge "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

LAPTOP=$WORK/laptop.db
fresh "$LAPTOP"
"$PUT_RATINGS" "$LAPTOP" <"$S/ratings.txt" || fail "the laptop's ratings"
printf '%s\n' "note ana s2 beta too short" "time ana s1 alpha 41.5" "time ben s1 alpha 7" |
    "$PUT_RATINGS" "$LAPTOP" || fail "the laptop's notes and time"
scores_of "$LAPTOP" "$WORK/laptop.json"

# SQLite into a new PostgreSQL study: it takes the study's identity.
SERVER=$(pg server)
fresh "$SERVER"
merge_into "$SERVER" --as "$LAPTOP"
expect_status 0 "SQLite into PostgreSQL"
expect_out "took the identity of $LAPTOP" "the new study takes the laptop's identity"
expect_out "26 ratings added, 0 already here" "SQLite into PostgreSQL: the counts"
scores_of "$SERVER" "$WORK/server.json"
ok
cmp -s "$WORK/laptop.json" "$WORK/server.json" ||
    fail "scores differ, SQLite and PostgreSQL: $(diff "$WORK/laptop.json" "$WORK/server.json" | head -20)"
ok
[ "$(psql_ -d server -At -c "SELECT value FROM study WHERE key = 'id'")" = \
    "$("$SQLITE3" "$LAPTOP" "SELECT value FROM study WHERE key = 'id'")" ] ||
    fail "the server's study id is not the laptop's"
# Time spent, notes and flags came along, value for value.
REVIEWS="SELECT v.name, p.name, m.name, r.note, r.flag, r.flag_reason,
    CAST(r.active_seconds AS TEXT), r.skipped FROM review r JOIN reviewer v ON v.id = r.reviewer
    JOIN output o ON o.id = r.output JOIN prompt p ON p.id = o.prompt
    JOIN model m ON m.id = o.model ORDER BY 1, 2, 3"
psql_ -d server -At -c "$REVIEWS" >"$WORK/server-reviews"
"$SQLITE3" "$LAPTOP" "$REVIEWS" | sed 's/\.0|/|/' >"$WORK/laptop-reviews"
ok
grep -q '^ana|s1|alpha|.*|71.5|0$' "$WORK/server-reviews" &&
    cmp -s "$WORK/laptop-reviews" "$WORK/server-reviews" ||
    fail "notes, flags and time differ: $(diff "$WORK/laptop-reviews" "$WORK/server-reviews")"
merge_into "$SERVER" --as "$LAPTOP"
expect_status 0 "merging again"
expect_out "0 ratings added, 26 already here, 0 replaced by newer changes; 0 history" "merging again adds nothing"

# Back: PostgreSQL into a new SQLite copy, and into a second server database.
HOME_DB=$WORK/home.db
fresh "$HOME_DB"
merge_into "$HOME_DB" --as "$SERVER"
expect_status 0 "PostgreSQL into SQLite"
scores_of "$HOME_DB" "$WORK/home.json"
ok
cmp -s "$WORK/laptop.json" "$WORK/home.json" ||
    fail "scores differ after the round trip: $(diff "$WORK/laptop.json" "$WORK/home.json" | head -20)"
OTHER=$(pg other)
fresh "$OTHER"
merge_into "$OTHER" --as "$SERVER"
expect_status 0 "PostgreSQL into PostgreSQL"
scores_of "$OTHER" "$WORK/other.json"
ok
cmp -s "$WORK/laptop.json" "$WORK/other.json" || fail "scores differ, PostgreSQL to PostgreSQL"
merge_into "$SERVER" "$SERVER"
expect_status 2 "a database into itself"
expect_err "cannot merge a database into itself" "a database into itself is named"

# More rows than merge reads (from PostgreSQL) or sends (to it) at a time:
# 25,000 ratings of 250 reviewers, there and back, none lost or doubled.
MANY=$WORK/many.db
fresh "$MANY"
"$SQLITE3" "$MANY" "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c
    WHERE x < 250) INSERT INTO reviewer(name, created)
    SELECT 'r' || x, '2026-01-01T00:00:00.000Z' FROM c;
    INSERT INTO rating SELECT v.id, o.id, pc.capability, a.axis, r.id,
    1 + (v.id * 7 + o.id * 3 + length(a.axis)) % 5, '2026-01-01T00:00:00.000Z'
    FROM reviewer v, output o JOIN prompt_capability pc ON pc.prompt = o.prompt
    JOIN rubric r ON r.capability = pc.capability JOIN axis a ON a.rubric = r.id" ||
    fail "the study of many ratings"
ok
[ "$("$SQLITE3" "$MANY" "SELECT count(*) FROM rating")" -gt 20000 ] || fail "too few ratings"
scores_of "$MANY" "$WORK/many.json"
MANYPG=$(pg many)
fresh "$MANYPG"
merge_into "$MANYPG" --as "$MANY"
expect_status 0 "many ratings into PostgreSQL"
MANYBACK=$WORK/many-back.db
fresh "$MANYBACK"
merge_into "$MANYBACK" --as "$MANYPG"
expect_status 0 "many ratings back from PostgreSQL"
scores_of "$MANYBACK" "$WORK/many-back.json"
ok
cmp -s "$WORK/many.json" "$WORK/many-back.json" || fail "many ratings: the scores differ"
ok
[ "$("$SQLITE3" "$MANY" "SELECT count(*) FROM rating")" = \
    "$("$SQLITE3" "$MANYBACK" "SELECT count(*) FROM rating")" ] || fail "many ratings: not as many back"

# A rating changed on the laptop after the move: a conflict on the server.
cp "$LAPTOP" "$WORK/changed.db"
echo "ana s4 alpha summarization accuracy 1" | "$PUT_RATINGS" "$WORK/changed.db"
state "$SERVER" >"$WORK/before"
merge_into "$SERVER" --as "$WORK/changed.db"
expect_status 2 "a conflict into PostgreSQL"
expect_err "conflict: ana rated s4 \(alpha\) summarization accuracy as 4 here and 1 in" \
    "the conflict is listed"
state "$SERVER" >"$WORK/after"
ok
cmp -s "$WORK/before" "$WORK/after" || fail "a conflict changed the server"
merge_into "$SERVER" --as --prefer newer "$WORK/changed.db"
expect_status 0 "the newer wins with --prefer newer"
expect_out "0 ratings added, 25 already here, 1 replaced" "the newer replaced one"

# Another study is refused once this one is rated.
ELSEWHERE=$WORK/elsewhere.db
fresh "$ELSEWHERE"
echo "ana s1 alpha summarization accuracy 2" | "$PUT_RATINGS" "$ELSEWHERE"
merge_into "$SERVER" --as "$ELSEWHERE"
expect_status 2 "another study"
expect_err "belongs to another study" "another study is named"

# ---- tampered copies --------------------------------------------------------

# refused WHAT TARGET SOURCE: the merge is refused, naming both bad values,
# and the target is as it was.
refused() {
	state "$2" >"$WORK/before"
	merge_into "$2" --as "$3"
	expect_status 2 "$1"
	expect_err "rating by 'ana' of alpha for s1 v1, summarization accuracy: score 99 is outside the scale 1 to 5" \
	    "$1: the score outside the scale is named"
	expect_err "rating by 'ana' of beta for s2 v1, summarization accuracy: score 'abc' is not a whole number or N/A" \
	    "$1: the text in a number's place is named"
	expect_err "nothing was merged" "$1: says nothing was merged"
	ok
	state "$2" >"$WORK/after"
	cmp -s "$WORK/before" "$WORK/after" ||
	    fail "$1: the target changed: $(diff "$WORK/before" "$WORK/after" | head -20)"
}
BAD=$WORK/bad.db
cp "$LAPTOP" "$BAD"
"$SQLITE3" "$BAD" "UPDATE rating SET score = 99 WHERE reviewer = (SELECT id FROM reviewer
    WHERE name = 'ana') AND axis = 'accuracy' AND output = (SELECT o.id FROM output o
    JOIN prompt p ON p.id = o.prompt JOIN model m ON m.id = o.model WHERE p.name = 's1'
    AND m.name = 'alpha');
    UPDATE rating SET score = 'abc' WHERE reviewer = (SELECT id FROM reviewer
    WHERE name = 'ana') AND axis = 'accuracy' AND output = (SELECT o.id FROM output o
    JOIN prompt p ON p.id = o.prompt JOIN model m ON m.id = o.model WHERE p.name = 's2'
    AND m.name = 'beta')" || fail "tampering with the SQLite copy"
BADPG=$(pg bad)
fresh "$BADPG"
merge_into "$BADPG" --as "$LAPTOP"
expect_status 0 "the PostgreSQL copy to tamper with"
psql_ -d bad -c "ALTER TABLE rating ALTER COLUMN score TYPE TEXT" \
    -c "UPDATE rating SET score = '99' WHERE reviewer = (SELECT id FROM reviewer
    WHERE name = 'ana') AND axis = 'accuracy' AND output = (SELECT o.id FROM output o
    JOIN prompt p ON p.id = o.prompt JOIN model m ON m.id = o.model WHERE p.name = 's1'
    AND m.name = 'alpha')" \
    -c "UPDATE rating SET score = 'abc' WHERE reviewer = (SELECT id FROM reviewer
    WHERE name = 'ana') AND axis = 'accuracy' AND output = (SELECT o.id FROM output o
    JOIN prompt p ON p.id = o.prompt JOIN model m ON m.id = o.model WHERE p.name = 's2'
    AND m.name = 'beta')" >/dev/null || fail "tampering with the PostgreSQL copy"

refused "a tampered SQLite copy into PostgreSQL" "$SERVER" "$BAD"
refused "a tampered PostgreSQL copy into SQLite" "$HOME_DB" "$BADPG"
refused "a tampered PostgreSQL copy into PostgreSQL" "$OTHER" "$BADPG"
# A new study takes no identity from a copy it refuses.
NEWPG=$(pg newpg)
fresh "$NEWPG"
refused "a tampered SQLite copy into a new PostgreSQL study" "$NEWPG" "$BAD"
NEWDB=$WORK/new.db
fresh "$NEWDB"
refused "a tampered PostgreSQL copy into a new SQLite study" "$NEWDB" "$BADPG"

finish
