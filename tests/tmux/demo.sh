# demo.sh: panelist demo imports the panel into the demo database and opens
# the rating screen on it; a second demo resumes where the first stopped.
# The reviewer comes from PANELIST_REVIEWER.  (A small panel of our own
# stands in for the bundled one, which tests/cli/bundled.sh checks.)
. "$TESTS_SRCDIR/tmux/lib.sh"

mkdir -p "$WORK/data/rubrics" "$WORK/data/prompts" "$WORK/data/demo"
cp "$RUBRIC" "$WORK/data/rubrics/"
cp "$UI/basic/prompts.yaml" "$WORK/data/prompts/"
cp "$UI/basic/outputs-x.yaml" "$UI/basic/outputs-y.yaml" "$WORK/data/demo/"
PANELIST_DATADIR=$WORK/data PANELIST_REVIEWER=dee
export PANELIST_DATADIR PANELIST_REVIEWER
DEMO_DB=$HOME/.local/share/panelist/demo.db

start d1 120 40 demo
wait_for d1 "dee  0/6 done"
wait_for d1 "item 1 of 6"
title=$(screen d1 | sed -n 1p)
keys d1 4 4
wait_for d1 "Rating · 3 of 5 to rate"
keys d1 q
wait_exit d1
expect_status 0 "the first demo"
ok
[ "$("$SQLITE3" "$DEMO_DB" "SELECT count(*) FROM rating g JOIN reviewer v ON v.id = g.reviewer
    WHERE v.name = 'dee'")" = 2 ] || fail "the demo's ratings are not in $DEMO_DB"

start d2 120 40 demo
wait_for d2 "item 1 of 6"
wait_for d2 "Rating · 3 of 5 to rate"
wait_for d2 "accuracy     1  2  3 [4] 5  N/A"
ok
[ "$(screen d2 | sed -n 1p)" = "$title" ] || fail "the second demo is on another item"
keys d2 q
wait_exit d2
expect_status 0 "the second demo"

finish
