# server-restart.sh: the rating screen on a PostgreSQL study keeps working
# while the server is down for a while.  A score typed then stays on the
# screen as not saved, with the reason; the screen does not move on to
# another item; quitting asks twice; once the server is back the score is
# written without a key, and what the screen shows is what the study holds.
# The test runs a server of its own (it stops and starts it), on a Unix
# socket in its scratch directory; without PostgreSQL it is skipped.
. "$TESTS_SRCDIR/tmux/lib.sh"

SERVER=$TESTS_SRCDIR/pg/server.sh
PGBIN=$(sh "$SERVER" bindir) || {
	echo "PostgreSQL server binaries not found: skipped" >&2
	exit 77
}
PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/panelist-pg.XXXXXX")
trap 'sh "$SERVER" stop "$PGDIR"; tm kill-server >/dev/null 2>&1; rm -f "$SOCKET_PATH"; rm -rf "$WORK"' EXIT
sh "$SERVER" start "$PGDIR" >/dev/null || { fail "the server did not start"; finish; }
pg_start() {
	sh "$SERVER" resume "$PGDIR" || fail "the server did not start again"
}
pg_stop() {
	sh "$SERVER" halt "$PGDIR"
}
"$PGBIN/psql" -X -q -h "$PGDIR" -U lead -d postgres -c "CREATE DATABASE study" >/dev/null || fail "createdb"
export PANELIST_DB="postgresql:///study?host=$PGDIR&user=lead"
P() {
	"$PGBIN/psql" -X -At -h "$PGDIR" -U lead -d study -c "$1"
}

import "$RUBRIC" "$UI/basic"
start a 200 40 rate --as --reviewer ana
wait_for a "item 1 of 6"
keys a 2
wait_for a "Rating · 4 of 5 to rate"
ok
[ "$(P "SELECT count(*) FROM rating")" = 1 ] || fail "the first score is not in the study"

# Down: the next score stays on screen, unsaved, with the reason.
pg_stop
keys a 4
wait_for a "NOT SAVED (try" "the unsaved score is said"
wait_for a "cannot be reached" "the reason is named"
wait_for a "Rating · 3 of 5 to rate" "the score stays on the screen"
# The screen does not leave the item while the score waits; q asks twice.
keys a ]
wait_for a "NOT SAVED (try" "] waits for the score"
keys a q
wait_for a "q again quits without this change" "q over an unsaved change asks again"
keys a Left
wait_for a "NOT SAVED (try" "another key keeps trying"

# Back: the score is written within a second or two, without a key.
pg_start
wait_for a "Saved: the change that was waiting is in the study now" "saved once the server is back"
ok
[ "$(P "SELECT string_agg(coalesce(g.score::text, 'NA'), ',' ORDER BY a.position) FROM rating g
    JOIN axis a ON a.rubric = g.rubric AND a.axis = g.axis")" = "2,4" ] ||
	fail "after the restart the study holds: $(P "SELECT axis, score FROM rating")"
ok
[ "$(P "SELECT count(*) FROM history")" = 2 ] || fail "a history row per score: $(P "SELECT count(*) FROM history")"

# And the screen goes on as before, on a new connection: still item 1.
keys a 3
wait_for a "Rating · 2 of 5 to rate"
wait_for a "item 1 of 6" "the screen stayed on item 1"
keys a ]
wait_for a "item 2 of 6" "the next item after the restart"
keys a q
wait_exit a
expect_status 0 "quit after the restart"
ok
[ "$(P "SELECT count(*) FROM rating")" = 3 ] || fail "three scores in the study"

# Down at the end: quitting over an unsaved change says it was not saved.
start b 200 40 rate --as --reviewer ana
wait_for b "item 1 of 6"
pg_stop
keys b 5
wait_for b "NOT SAVED (try"
keys b q q
wait_exit b
expect_status 1 "quitting over an unsaved change"
ok
tm capture-pane -p -t b | grep -q "not saved: .*cannot be reached" ||
	fail "the lost change is not said after the screen closed: $(screen b)"
finish
