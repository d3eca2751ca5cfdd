# kill.sh: kill -9 in the middle of an item loses nothing that was on the
# screen; SIGTERM, SIGHUP and C-c (SIGINT) end the program through its exit
# path: the terminal is given back (no alternate screen, cursor shown) and
# the time spent is stored.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic"
start a 120 40 rate --as --reviewer ana
wait_for a "item 1 of 6"
keys a 2 4 x
# What the screen shows was committed before it was drawn.
wait_for a "Rating · 2 of 5 to rate"
pid=$(pid_of a)
ok
[ -n "$pid" ] && kill -9 "$pid" || fail "no panelist process in session a"
wait_exit a
expect_status 137 "kill -9"
ok
[ "$(Q "SELECT group_concat(coalesce(CAST(score AS TEXT), 'NA'), ',') FROM (SELECT g.score FROM rating g
    JOIN axis a ON a.rubric = g.rubric AND a.axis = g.axis ORDER BY a.position) AS x")" = "2,4,NA" ] ||
    fail "after kill -9 the ratings are: $(Q "SELECT axis, score FROM rating")"
ok
[ "$(Q "SELECT count(*) FROM history")" = 3 ] || fail "after kill -9 the history is incomplete"

# Starting again finds the item with the three scores and the focus on the
# fourth axis.
start b 120 40 rate --as --reviewer ana
wait_for b "item 1 of 6"
wait_for b "Rating · 2 of 5 to rate"
wait_for b "▸ relevance"

# signal NAME SIG EXPECTED: end session NAME's panelist with SIG.
signal() {
	if [ "$2" = INT ]; then
		keys "$1" C-c
	else
		kill -"$2" "$(pid_of "$1")"
	fi
	wait_exit "$1"
	expect_status "$3" "SIG$2"
	ok
	[ "$(pane "$1" '#{alternate_on}')" = 0 ] || fail "SIG$2 left the terminal in the alternate screen"
	ok
	[ "$(pane "$1" '#{cursor_flag}')" = 1 ] || fail "SIG$2 left the cursor hidden"
}

sleep 1	# some active time to store
signal b TERM 143
ok
[ "$(Q "SELECT count(*) FROM review WHERE active_seconds >= 1")" = 1 ] ||
    fail "SIGTERM did not store the active time: $(Q "SELECT active_seconds FROM review")"

start c 120 40 rate --as --reviewer ana
wait_for c "item 1 of 6"
signal c HUP 129

start d 120 40 rate --as --reviewer ana
wait_for d "item 1 of 6"
signal d INT 130

# A terminal that goes away under a program that ignores SIGHUP (nohup):
# reads fail at once, and panelist must leave rather than spin on them.
tm new-session -d -s h -x 80 -y 24 -c "$WORK" -e "PANELIST_DB=$PANELIST_DB" \
    sh -c 'trap "" HUP; exec "$0" rate --as --reviewer ana' "$PANELIST"
wait_for h "item 1 of 6"
pid=$(pane h '#{pane_pid}')
tm kill-session -t h
t0=$(date +%s)
while kill -0 "$pid" 2>/dev/null && [ $(($(date +%s) - t0)) -lt "$WAIT_SECONDS" ]; do
	sleep 0.1
done
ok
if kill -0 "$pid" 2>/dev/null; then
	fail "with its terminal gone and SIGHUP ignored, panelist is still running"
	kill -9 "$pid"
fi

# Nothing changed the ratings on the way.
ok
[ "$(Q "SELECT count(*) FROM rating")" = 3 ] || fail "the signals changed the ratings"

finish
