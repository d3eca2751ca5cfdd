# basics.sh: the command line itself: help, version, database choice, exit codes.
. "$TESTS_SRCDIR/cli/lib.sh"
sqlite_only "where init makes the study file (--db, PANELIST_DB, ./panelist.db) and its permissions"

run --version
expect_status 0 "--version"
expect_out '^panelist [0-9]+\.[0-9]+' "--version prints the version"

run --help
expect_status 0 "--help"
for c in init import status list show demo help; do
	expect_out "^  $c " "--help lists $c"
done

run help import
expect_status 0 "help import"
expect_out 'usage: panelist \[--db FILE\] import \[--ratings\] \[--revise \| --amend\] \[--force\] \[--as\] PATH' "help import shows the synopsis"

run import --help
expect_status 0 "import --help"
expect_out 'usage: panelist \[--db FILE\] import \[--ratings\] \[--revise \| --amend\] \[--force\] \[--as\] PATH' "import --help shows the synopsis"

run help nosuch
expect_status 2 "help for an unknown command"

run imprt x
expect_status 2 "unknown command"
expect_err "^panelist: no command 'imprt' \(did you mean 'import'\?\)" "did-you-mean for a command"

run
expect_status 2 "no command"

run --bogus status
expect_status 2 "unknown global option"

run status
expect_status 2 "status without a database"
expect_err "no study database at .*study.db" "status names the missing database"
[ ! -e "$PANELIST_DB" ] || fail "status created a database"
ok

# The database: --db, else $PANELIST_DB, else panelist.db here.
run init
expect_status 0 "init"
expect_out "Created the study database" "init says it created the database"
[ -f "$WORK/study.db" ] || fail "init did not create \$PANELIST_DB"
ok
perm=$(stat -c %a "$WORK/study.db")
case $perm in 6[0-6]0) ok ;; *) fail "database permissions are $perm, expected owner and group only" ;; esac

run init
expect_status 0 "init again"
expect_out "up to date" "init on a current database"

run --db other.db init
expect_status 0 "init with --db"
[ -f "$WORK/other.db" ] || fail "--db did not choose the file"
ok

(unset PANELIST_DB; cd "$WORK/home" && "$PANELIST" init >/dev/null 2>&1)
[ -f "$WORK/home/panelist.db" ] || fail "without --db or PANELIST_DB the database is ./panelist.db"
ok

run --db=third.db init
expect_status 0 "--db=FILE"
[ -f "$WORK/third.db" ] || fail "--db=FILE did not choose the file"
ok

run list
expect_status 2 "list without a kind"
run list things
expect_status 2 "list of an unknown kind"
run show prompt nosuch
expect_status 2 "show of an unknown prompt"
expect_err "no prompt with id 'nosuch'" "show names the missing prompt"
run import
expect_status 2 "import with no paths"

finish
