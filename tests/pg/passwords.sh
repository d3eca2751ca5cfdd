# pg/passwords.sh: a study on a server that asks for passwords.  The
# password comes from libpq's own places only, as panelist(1) says: an
# address that holds one is refused with exit status 2 before anything is
# sent, and no message shows it, not even of an address libpq cannot read;
# with none given the server's refusal is said; PGPASSWORD, ~/.pgpass and a
# service file each let the study in.
#
# A throwaway server of its own in a temporary directory, whose pg_hba.conf
# asks every login but its superuser for a SCRAM password; skipped, visibly,
# without PostgreSQL's server binaries.
. "$TESTS_SRCDIR/cli/lib.sh"

SERVER=$TESTS_SRCDIR/pg/server.sh
PG_BIN=$(sh "$SERVER" bindir) || {
	echo "SKIP: pg/passwords.sh: no PostgreSQL server (/usr/lib/postgresql/*/bin/initdb);" \
	    "install Debian's postgresql to run it" >&2
	exit 77
}

SOCK=$(mktemp -d "${TMPDIR:-/tmp}/panelist-pw.XXXXXX")
cleanup() {
	sh "$SERVER" stop "$SOCK"
	rm -rf "$WORK"
}
trap cleanup EXIT
sh "$SERVER" start "$SOCK" >/dev/null || exit 99
sh "$SERVER" halt "$SOCK" || exit 99
# The file keeps its owner (the server's user) as it is rewritten.
printf 'local all lead trust\nlocal all all scram-sha-256\n' >"$SOCK/data/pg_hba.conf"
sh "$SERVER" resume "$SOCK" || exit 99

SECRET=pw-$$-x9
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -U lead -d postgres \
    -c "CREATE ROLE ann LOGIN CREATEROLE PASSWORD '$SECRET'" \
    -c "CREATE DATABASE pw OWNER ann" || exit 99

# No password of the caller's own leaks in: the test's home, no PG* but these.
unset PGPASSWORD PGPASSFILE PGSERVICE PGSERVICEFILE PGHOST PGUSER PGDATABASE
export HOME="$WORK"
ADDR="postgresql:///pw?host=$SOCK&user=ann"

# run_with VAR=VALUE ARGS...: run, with VAR set for panelist alone.
run_with() {
	v=$1
	shift
	env "$v" "$PANELIST" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

# no_secret WHAT: neither stdout nor stderr shows the password.
no_secret() {
	ok
	! grep -qF -- "$SECRET" "$WORK/out" "$WORK/err" || fail "$1: the password is shown: $(cat "$WORK/err")"
}

# ---- a password in the address ----------------------------------------

for a in "postgresql://ann:$SECRET@/pw?host=$SOCK" \
    "postgres://ann:$SECRET@/pw?host=$SOCK" \
    "$ADDR&password=$SECRET" \
    "host=$SOCK dbname=pw user=ann password=$SECRET"; do
	run --db "$a" init
	expect_status 2 "init with the password in the address $a"
	expect_err "^panelist: --db: the address holds a password; give it through ~/.pgpass" \
	    "the refusal says where a password goes"
	no_secret "a password in the address"
done
# PANELIST_DB is refused alike.
run_with "PANELIST_DB=$ADDR&password=$SECRET" status
expect_status 2 "PANELIST_DB with a password"
no_secret "PANELIST_DB with a password"
# An address libpq cannot read is named, unless it may hold a password.
for a in "postgresql://ann:$SECRET@/pw?host=$SOCK&bogus=1" \
    "host=$SOCK password=$SECRET bogus=1" "$ADDR&password=$SECRET&bogus=1"; do
	run --db "$a" status
	expect_status 2 "status at an address libpq cannot read: $a"
	expect_err "^panelist: --db: not a PostgreSQL address: invalid" "said, with --db for the address"
	no_secret "an address libpq cannot read"
done
run --db "$ADDR&bogus=1" status
expect_status 2 "status at an address libpq cannot read"
expect_err "^panelist: postgresql:///pw\\?host=.*&user=ann&bogus=1: not a PostgreSQL address: invalid URI query parameter: \"bogus\"$" \
    "an address without a password is named, on one line"
# Nothing reached the server: the study was never made.
ok
[ "$("$PG_BIN/psql" -X -A -t -h "$SOCK" -U lead -d pw -c \
    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] ||
    fail "a refused address made tables"

# ---- none given -------------------------------------------------------

run --db "$ADDR" init
ok
[ "$status" -ne 0 ] || fail "init without a password went in"
expect_err "password" "the server's refusal is said"

# ---- libpq's places ---------------------------------------------------

run_with "PGPASSWORD=$SECRET" --db "$ADDR" init
expect_status 0 "init with PGPASSWORD"
run --db "$ADDR" status
ok
[ "$status" -ne 0 ] || fail "PGPASSWORD was kept somewhere: status without it went in"

printf '*:*:pw:ann:%s\n' "$SECRET" >"$WORK/.pgpass"
chmod 600 "$WORK/.pgpass"
run --db "$ADDR" import "$FIXTURES/good"
expect_status 0 "import with ~/.pgpass"
no_secret "import with ~/.pgpass"

printf '[q4]\nhost=%s\ndbname=pw\nuser=ann\n' "$SOCK" >"$WORK/services.conf"
export PGSERVICEFILE="$WORK/services.conf"
run --db "service=q4" status
expect_status 0 "status through a service file (--db service=q4), its password in ~/.pgpass"
expect_out "sum-incident-brief|summarization" "the study the service names"
run_with PGSERVICE=q4 --db "postgresql://" status
expect_status 0 "status through PGSERVICE"
rm "$WORK/.pgpass"
run --db "service=q4" status
ok
[ "$status" -ne 0 ] || fail "the service went in without a password"
no_secret "the service without a password"

finish
