# two-reviewers.sh: two reviewers rate into the same database at the same
# time, each in a tmux window of their own, keys interleaved; afterwards
# every rating of both is there, each with its history row.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic"
# Two windows of one session: ana by option, ben through PANELIST_REVIEWER
# (someone else than the login, so both need --as).
start two 120 40 rate --as --reviewer ana
tm new-window -t two -c "$WORK" -e "PANELIST_DB=$PANELIST_DB" -e "LC_ALL=C.UTF-8" \
    -e "PANELIST_REVIEWER=ben" -e "STATUS_FILE=$WORK/ben.status" \
    sh -c 'trap : INT TERM HUP; "$0" rate --as; echo $? >"$STATUS_FILE"; exec sleep 600' "$PANELIST"
A=two:0
B=two:1
wait_for $A "entering for ana as $ME  0/6 done"
wait_for $B "entering for ben as $ME  0/6 done"

# Every item, both at once: ana gives 1 2 3 4 5, ben 5 4 3 2 1, one key each
# in turn, without waiting for either screen in between.
for item in 1 2 3 4 5 6; do
	for k in 1 2 3 4 5; do
		keys $A $k
		keys $B $((6 - k))
	done
	keys $A Enter
	keys $B Enter
done
wait_for $A "entering for ana as $ME  6/6 done"
wait_for $B "entering for ben as $ME  6/6 done"
keys $A q
keys $B q
wait_exit two
expect_status 0 "ana quits"
# The window for ben carries its own status file.
t0=$(date +%s)
while [ ! -s "$WORK/ben.status" ] && [ $(($(date +%s) - t0)) -lt "$WAIT_SECONDS" ]; do
	sleep 0.05
done
ok
[ "$(cat "$WORK/ben.status" 2>/dev/null)" = 0 ] || fail "ben's panelist did not exit with 0"

for r in ana:1,2,3,4,5 ben:5,4,3,2,1; do
	who=${r%%:*} want=${r#*:}
	ok
	[ "$(Q "SELECT count(*) FROM rating g JOIN reviewer v ON v.id = g.reviewer WHERE v.name = '$who'")" = 30 ] ||
	    fail "$who has $(Q "SELECT count(*) FROM rating g JOIN reviewer v ON v.id = g.reviewer WHERE v.name = '$who'") ratings, expected 30"
	# Each axis's scores in the rubric's order: one score per axis, the
	# same on every output.
	got=$(Q "SELECT DISTINCT a.position, g.score FROM rating g
	    JOIN axis a ON a.rubric = g.rubric AND a.axis = g.axis
	    JOIN reviewer v ON v.id = g.reviewer WHERE v.name = '$who'
	    ORDER BY a.position, g.score" | cut -d'|' -f2 | paste -sd, -)
	ok
	[ "$got" = "$want" ] || fail "$who's scores per output: $got, expected $want on every output"
	ok
	[ "$(Q "SELECT count(*) FROM history h JOIN reviewer v ON v.id = h.reviewer WHERE v.name = '$who'")" = 30 ] ||
	    fail "$who's history is incomplete"
done

finish
