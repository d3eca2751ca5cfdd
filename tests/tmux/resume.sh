# resume.sh: quit in the middle of an item, start again, and land on that
# item with its scores shown and the focus on its first unrated axis.  Also
# --item, g (go to), s (skip) and [ ] between items, whose ratings stay
# editable.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic"
start a 120 40 rate --as --reviewer ana
wait_for a "item 1 of 6"
keys a 1 2 3 4 5
wait_for a "1/6 done"
keys a Enter
wait_for a "item 2 of 6"
title2=$(screen a | sed -n 1p)
keys a 4 2
wait_for a "Rating · 3 of 5 to rate"
keys a q
wait_exit a
expect_status 0 "quit in the middle of item 2"

start b 120 40 rate --as --reviewer ana
wait_for b "item 2 of 6" "the second start"
ok
[ "$(screen b | sed -n 1p)" = "$title2" ] || fail "resumed on another prompt: $(screen b | sed -n 1p)"
wait_for b "Rating · 3 of 5 to rate"
wait_for b "coherence    1  2  3 [4] 5  N/A"
wait_for b "accuracy     1 [2] 3  4  5  N/A"
wait_for b "▸ clarity"
# Its first unrated axis has the focus: a digit rates clarity.
keys b 3
wait_for b "clarity      1  2 [3] 4  5  N/A"

# [ goes back to item 1, whose ratings are still there and editable.
keys b [
wait_for b "item 1 of 6"
wait_for b "Rating · complete"
keys b Up Up Up Up Right
wait_for b "coherence    1 [2] 3  4  5  N/A"
keys b ]
wait_for b "item 2 of 6"

# g jumps by number; a number out of range is refused on the status line.
keys b g
wait_for b "Go to item (1-6):"
type_text b 5
keys b Enter
wait_for b "item 5 of 6"
keys b g
type_text b 9
keys b Enter
wait_for b "No item '9'"
wait_for b "item 5 of 6"

# s puts item 5 at the end of the order; it keeps its number, and so do
# the others.
title5=$(screen b | sed -n 1p)
keys b 1
wait_for b "Rating · 4 of 5 to rate"
keys b s
wait_for b "Skipped item 5: it keeps its number"
wait_for b "item 6 of 6"
keys b q
wait_exit b
expect_status 0 "quit after skipping"

# Resuming goes to item 2 (still unfinished), not to the skipped one; the
# skipped one comes last, under its own number, with its score.
start c 120 40 rate --as --reviewer ana
wait_for c "item 2 of 6"
keys c q
wait_exit c
start d 120 40 rate --as --reviewer ana --item 5
wait_for d "item 5 of 6 (skipped)"
ok
[ "$(screen d | sed -n 1p)" = "$title5" ] || fail "item 5 is not the skipped item: $(screen d | sed -n 1p)"
wait_for d "coherence   [1] 2  3  4  5  N/A"
keys d q
wait_exit d
ok
[ "$(Q "SELECT count(*) FROM review WHERE skipped = 1")" = 1 ] || fail "the skip is not stored"
ok
[ "$(Q "SELECT count(*) FROM rating")" = 9 ] || fail "expected 9 ratings: $(Q "SELECT output, axis, score FROM rating")"

finish
