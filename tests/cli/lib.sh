# lib.sh: shared by the command-line tests.  Each test runs the built binary
# ($PANELIST) in a scratch directory of its own and reports through `fail`.

set -u
: "${PANELIST:?run through make check}"
: "${TESTS_SRCDIR:?run through make check}"
FIXTURES=$TESTS_SRCDIR/fixtures
SQLITE3=${SQLITE3:-sqlite3}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/panelist-test.XXXXXX")
# A test that sets its own EXIT trap calls cleanup in it.
cleanup() {
	pg_cleanup
	rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK" || exit 99
export PANELIST_DB="$WORK/study.db"
# Who panelist writes as: the login (on a server, the server's login).
ME=$(id -un)

# The second run, against PostgreSQL (make check-postgres), replaces these
# (tests/pg/lib.sh).  A study is named by its address, a file here.
# new_db NAME: another empty study, for a test that needs more than one.
new_db() {
	echo "$WORK/$1.db"
}
# copy_db DB NAME: a copy of the study DB.
copy_db() {
	cp "$1" "$WORK/$2.db" && echo "$WORK/$2.db"
}
# snapshot DB FILE: what DB holds, into FILE, to compare before and after.
snapshot() {
	cp "$1" "$2"
}
# sqlite_only WHY: skips a test that looks at what only an SQLite file has;
# sqlite_part WHY is false (and says so) for a part of a test that does,
# sqlite_rest WHY ends the test there (with finish).
sqlite_only() {
	:
}
sqlite_part() {
	:
}
sqlite_rest() {
	:
}
pg_mode() {
	false
}
# sql_chr N: SQL for the character of code point N, in the words of the
# engine under test (SQLite's char, PostgreSQL's chr).
sql_chr() {
	if pg_mode; then
		printf 'chr(%s)' "$1"
	else
		printf 'char(%s)' "$1"
	fi
}
# sql_json_string JSON: SQL for the text of the JSON string JSON (quotes
# and escapes included), unescaped by the engine under test.
sql_json_string() {
	lit=$(printf '%s' "$1" | sed "s/'/''/g")
	if pg_mode; then
		printf "('%s'::json #>> '{}')" "$lit"
	else
		printf "json_extract('%s', '\$')" "$lit"
	fi
}
# glob EXPR PATTERN: SQL true where EXPR matches the glob PATTERN (*, [...]),
# in the words of the engine under test: PostgreSQL has no GLOB.
glob() {
	if pg_mode; then
		printf "%s ~ '^%s\$'" "$1" "$(printf '%s' "$2" | sed 's/\*/.*/g')"
	else
		printf "%s GLOB '%s'" "$1" "$2"
	fi
}
pg_cleanup() {
	:
}
[ -z "${PANELIST_TEST_PG:-}" ] || . "$TESTS_SRCDIR/pg/lib.sh"
export HOME="$WORK/home"
unset XDG_DATA_HOME PANELIST_DATADIR
mkdir -p "$HOME"

failures=0
checks=0

fail() {
	failures=$((failures + 1))
	printf 'FAIL: %s\n' "$*" >&2
}

ok() {
	checks=$((checks + 1))
}

# run CMD...: run panelist, keeping stdout, stderr and the exit status.
run() {
	"$PANELIST" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
	return 0
}

expect_status() {
	ok
	[ "$status" -eq "$1" ] || fail "$2: exit status $status, expected $1 (stderr: $(head -c 600 "$WORK/err"))"
}

# expect_err PATTERN WHAT: stderr matches an extended regular expression.
expect_err() {
	ok
	grep -Eq -- "$1" "$WORK/err" || fail "$2: stderr does not match /$1/: $(head -c 600 "$WORK/err")"
}

expect_out() {
	ok
	grep -Eq -- "$1" "$WORK/out" || fail "$2: stdout does not match /$1/: $(head -c 600 "$WORK/out")"
}

# cells MODE ARGS...: text measured in display cells (tests/tools/cells.py
# says the modes); prints nothing when the text is as it should be.
cells() {
	python3 "$TESTS_SRCDIR/tools/cells.py" "$@"
}

# The database as SQL text, for before/after comparisons.
dump() {
	"$SQLITE3" "$1" .dump
}

finish() {
	printf '%d checks, %d failed\n' "$checks" "$failures" >&2
	[ "$failures" -eq 0 ]
	exit $?
}
