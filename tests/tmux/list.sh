# list.sh: the item list (i) after a skip: every item under the number it
# had before (a skip moves an item in the order of work, never renumbers),
# its state (done, partial, skipped, flagged, noted), a filter by state, and
# Enter opening the chosen item; g takes the same numbers.  Also the status
# line: who enters the ratings for whom (--as), and the time on the item.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic"
"$PUT_RATINGS" "$PANELIST_DB" <<'LINES' || fail "writing the starting state"
ana ui-incident model-x summarization coherence 3
ana ui-incident model-y summarization coherence 4
note ana ui-minutes model-x Too long.
flag ana ui-report model-y broken
LINES
login=$ME

start a 120 40 rate --as --reviewer ana
wait_for a "item 1 of 6"
wait_for a "entering for ana as $login  0/6 done" "the status line says who enters for whom"
# Item 1 done, then item 2 skipped: the screen goes on to item 3.
keys a 1 2 3 4 5
wait_for a "1/6 done"
keys a Enter
wait_for a "item 2 of 6"
keys a s
wait_for a "Skipped item 2: it keeps its number"
wait_for a "item 3 of 6"

keys a i
wait_for a "Items · 6 of 6 · filter: all"
screen a >"$WORK/list"
# The rows: numbers 1 to 6 in order, whatever was skipped.
ok
[ "$(sed -n '2,7p' "$WORK/list" | awk '{ n = ($1 == "▸") ? $2 : $1; printf "%s ", n }')" = "1 2 3 4 5 6 " ] ||
    fail "the list's numbers moved: $(cat "$WORK/list")"
ok
sed -n 2p "$WORK/list" | grep -q "^ *1  done " || fail "item 1 is not done in the list: $(sed -n 2p "$WORK/list")"
ok
sed -n 3p "$WORK/list" | grep -q "^ *2  [a-z ]* skipped" ||
    fail "item 2 is not skipped in the list: $(sed -n 3p "$WORK/list")"
ok
sed -n 4p "$WORK/list" | grep -q "^ *▸ 3 " || fail "the current item (3) is not marked: $(sed -n 4p "$WORK/list")"
for state in partial flagged noted summarization "Brief the executives on an incident"; do
	ok
	grep -qF "$state" "$WORK/list" || fail "the list shows no '$state': $(cat "$WORK/list")"
done

# Filters: to do, done, partial, skipped, flagged, noted.
keys a f
wait_for a "Items · 5 of 6 · filter: to do"
keys a f
wait_for a "Items · 1 of 6 · filter: done"
keys a f
wait_for a "filter: partial"
keys a f
wait_for a "Items · 1 of 6 · filter: skipped"
ok
[ "$(screen a | sed -n 2p | awk '{ print ($1 == "▸") ? $2 : $1 }')" = 2 ] ||
    fail "the skipped filter does not show item 2: $(screen a)"
keys a f
wait_for a "Items · 1 of 6 · filter: flagged"
keys a f
wait_for a "Items · 1 of 6 · filter: noted"
keys a F F
wait_for a "filter: skipped"
# Enter opens the one item shown.
keys a Enter
wait_for a "item 2 of 6 (skipped)"
# Esc, q and i all go back without moving.
for k in Escape q i; do
	keys a i
	wait_for a "filter: all"
	keys a "$k"
	wait_for a "item 2 of 6 (skipped)"
done

# g takes the same numbers.
keys a g
type_text a 1
keys a Enter
wait_for a "item 1 of 6"
keys a g
type_text a 2
keys a Enter
wait_for a "item 2 of 6 (skipped)"

# The time on the item counts up while the reviewer works.
sleep 2.2
keys a Down
sleep 0.2
ok
screen a | tail -n 1 | grep -Eq " 0:0[2-9] on it" ||
    fail "the time on the item does not show: $(screen a | tail -n 1)"
keys a q
wait_exit a
expect_status 0 "quit after the list"

# Rating for oneself: the name alone.
PANELIST_REVIEWER=$login start b 120 40 rate
wait_for b "item 1 of 6"
ok
screen b | tail -n 1 | grep -q "^ $login  0/6 done" || fail "own ratings: $(screen b | tail -n 1)"
keys b q
wait_exit b

finish
