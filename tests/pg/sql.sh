#!/bin/sh
# sql.sh: the tests' sqlite3 in the PostgreSQL run (tests/pg/lib.sh points
# $SQLITE3 here).  A file is handed to the real sqlite3 ($PG_REAL_SQLITE3);
# a PostgreSQL address is asked through psql with sqlite3's output (no
# header, columns joined by -separator, default "|"), and .dump becomes
# pg_dump of the whole database; PRAGMA integrity_check and user_version
# have their PostgreSQL equivalents.  Any other dot command or PRAGMA has
# no PostgreSQL meaning and fails, loudly.
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

# pg_dump of a database, less what no transaction can undo (a sequence
# advanced by a rolled-back insert is not a change to the study) and the
# random key of pg_dump's \restrict lines.
dump() {
	out=$("$PG_BINDIR/pg_dump" --no-owner --no-privileges -d "$db") || return 1
	printf '%s\n' "$out" | grep -v -e "^SELECT pg_catalog.setval(" -e '^\\\(un\)\{0,1\}restrict '
}

ask() {
	"$PG_BINDIR/psql" -X -q -A -t -F "$sep" -v ON_ERROR_STOP=1 -d "$db" "$@"
}

# PRAGMA integrity_check: every table and B-tree index of the study checked
# by amcheck (heap pages, index order, every heap row in its indexes);
# prints ok like SQLite, or what is wrong.  The extension is made and
# rolled back in the same transaction, so the study is left as it was.
integrity() {
	out=$(ask <<'SQL'
BEGIN;
CREATE EXTENSION amcheck;
SELECT c.relname || ': ' || v.msg
FROM pg_class c CROSS JOIN LATERAL verify_heapam(c.oid) v
WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace;
DO $$
DECLARE i regclass;
BEGIN
	FOR i IN SELECT c.oid FROM pg_class c JOIN pg_am a ON a.oid = c.relam
	    WHERE c.relkind = 'i' AND a.amname = 'btree'
	    AND c.relnamespace = 'public'::regnamespace LOOP
		PERFORM bt_index_check(i, true);
	END LOOP;
END $$;
ROLLBACK;
SQL
) || return 1
	printf '%s\n' "${out:-ok}"
}

if [ $# -eq 0 ]; then
	ask -f -
	exit
fi
for sql in "$@"; do
	case $sql in
	.dump) dump || exit 1 ;;
	"PRAGMA integrity_check") integrity || exit 1 ;;
	# The schema version, which PostgreSQL keeps in a table of its own.
	"PRAGMA user_version") ask -c "SELECT version FROM panelist_schema" || exit 1 ;;
	"PRAGMA user_version = "*)
		ask -c "UPDATE panelist_schema SET version = ${sql#*= }" || exit 1 ;;
	.*) echo "sql.sh: $sql: an SQLite shell command, not for PostgreSQL" >&2; exit 1 ;;
	*) ask -c "$sql" || exit 1 ;;
	esac
done
