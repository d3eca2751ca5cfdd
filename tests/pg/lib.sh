# pg/lib.sh: the command-line and screen tests against PostgreSQL, sourced
# by tests/cli/lib.sh when make check-postgres has started a throwaway
# server (tests/pg/server.sh) and set PANELIST_TEST_PG to its socket
# directory.  Each test gets databases of its own, named after the test
# and its pid, created empty and dropped when it exits; $SQLITE3 becomes
# tests/pg/sql.sh, which asks them through psql.
: "${PG_BINDIR:?run through make check-postgres}"

PG_PREFIX=t_$(basename "$0" .sh | tr -c 'a-z0-9\n' '_')_$$
PG_REAL_SQLITE3=$SQLITE3
SQLITE3=$TESTS_SRCDIR/pg/sql.sh
export PG_REAL_SQLITE3 PG_BINDIR

pg_admin() {
	"$PG_BINDIR/psql" -X -q -A -t -v ON_ERROR_STOP=1 \
	    -h "$PANELIST_TEST_PG" -U lead -d postgres -c "$1"
}

# new_db NAME: a new empty study database of this test, by its address.
new_db() {
	pg_admin "CREATE DATABASE ${PG_PREFIX}_$1" >&2 || exit 99
	echo "postgresql:///${PG_PREFIX}_$1?host=$PANELIST_TEST_PG&user=lead"
}

# Every database of this test, whoever made it; a client still connected
# (a killed test's panelist) is not waited for.
pg_cleanup() {
	for d in $(pg_admin "SELECT datname FROM pg_database
	    WHERE datname = '$PG_PREFIX' OR starts_with(datname, '${PG_PREFIX}_')"); do
		pg_admin "DROP DATABASE $d WITH (FORCE)" || :
	done
}

# The name of a database of this server, from its address.
pg_name() {
	n=${1#postgresql:///}
	echo "${n%%\?*}"
}

copy_db() {
	pg_admin "CREATE DATABASE ${PG_PREFIX}_$2 TEMPLATE $(pg_name "$1")" >&2 || exit 99
	echo "postgresql:///${PG_PREFIX}_$2?host=$PANELIST_TEST_PG&user=lead"
}

snapshot() {
	case $1 in
	postgresql://*) "$SQLITE3" "$1" .dump >"$2" ;;
	*) cp "$1" "$2" ;;
	esac
}

sqlite_only() {
	echo "SQLite-only: $*" >&2
	exit 77
}

sqlite_part() {
	echo "SQLite-only, not run here: $*" >&2
	return 1
}

sqlite_rest() {
	echo "SQLite-only, the rest not run here: $*" >&2
	finish
}

pg_mode() {
	:
}

pg_admin "CREATE DATABASE $PG_PREFIX" || exit 99
PANELIST_DB="postgresql:///$PG_PREFIX?host=$PANELIST_TEST_PG&user=lead"
ME=lead
