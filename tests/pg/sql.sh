#!/bin/sh
# sql.sh: the tests' sqlite3 in the PostgreSQL run (tests/pg/lib.sh points
# $SQLITE3 here).  A file is handed to the real sqlite3 ($PG_REAL_SQLITE3);
# a PostgreSQL address is asked through psql with sqlite3's output (no
# header, columns joined by -separator, default "|"), and .dump becomes
# pg_dump of the whole database.  Anything else sqlite3 can do that has no
# PostgreSQL meaning (.backup, PRAGMA) fails, loudly.
pg=""
for a in "$@"; do
	case $a in postgresql://* | postgres://*) pg=1; break ;; esac
done
[ -n "$pg" ] || exec "$PG_REAL_SQLITE3" "$@"

sep='|'
while [ $# -gt 0 ]; do
	case $1 in
	-batch | -noheader | -bail) shift ;;
	-separator) sep=$2; shift 2 ;;
	*) break ;;
	esac
done
db=$1
shift

# pg_dump of a database, less what no transaction can undo: a sequence
# advanced by a rolled-back insert is not a change to the study.
dump() {
	out=$("$PG_BINDIR/pg_dump" --no-owner --no-privileges -d "$db") || return 1
	printf '%s\n' "$out" | grep -v "^SELECT pg_catalog.setval("
}

ask() {
	"$PG_BINDIR/psql" -X -q -A -t -F "$sep" -v ON_ERROR_STOP=1 -d "$db" "$@"
}

if [ $# -eq 0 ]; then
	ask -f -
	exit
fi
for sql in "$@"; do
	case $sql in
	.dump) dump || exit 1 ;;
	.*) echo "sql.sh: $sql: an SQLite shell command, not for PostgreSQL" >&2; exit 1 ;;
	*) ask -c "$sql" || exit 1 ;;
	esac
done
