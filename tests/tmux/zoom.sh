# zoom.sh: ten axes (two capabilities) at 80x24.  The panel compacts to a
# row per capability before it takes the text's rows: at least twelve lines
# of the output show.  Zoom (z): the pane takes every line but the status
# line, which shows the focused axis and its score; digits, arrows, x and
# Enter still rate and move; z comes back.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/two"
start z 80 24 rate --as --reviewer ana
wait_for z "item 1 of 1"
keys z Tab
wait_for z "▸ Output"
n=$(screen z | grep -c "Ledger line")
ok
[ "$n" -ge 12 ] || fail "only $n lines of the output at 80x24 with ten axes: $(screen z)"
expect_rows z 18 20 "the compact panel" <<'SCREEN'
 Rating · 10 of 10 to rate
 Summarization ▸coherence ·  accuracy ·   clarity ·    relevance ·  efficiency ·
 Structuring    coherence ·  accuracy ·   clarity ·    relevance ·  efficiency ·
SCREEN

keys z z
wait_for z "z back"
expect_rows z 1 24 "the zoomed output" <<'SCREEN'
▸ Output   (Tab: prompt)                                                1-22/30
 1. Ledger line 1: an entry of the month, kept short.
 2. Ledger line 2: an entry of the month, kept short.
 3. Ledger line 3: an entry of the month, kept short.
 4. Ledger line 4: an entry of the month, kept short.
 5. Ledger line 5: an entry of the month, kept short.
 6. Ledger line 6: an entry of the month, kept short.
 7. Ledger line 7: an entry of the month, kept short.
 8. Ledger line 8: an entry of the month, kept short.
 9. Ledger line 9: an entry of the month, kept short.
 10. Ledger line 10: an entry of the month, kept short.
 11. Ledger line 11: an entry of the month, kept short.
 12. Ledger line 12: an entry of the month, kept short.
 13. Ledger line 13: an entry of the month, kept short.
 14. Ledger line 14: an entry of the month, kept short.
 15. Ledger line 15: an entry of the month, kept short.
 16. Ledger line 16: an entry of the month, kept short.
 17. Ledger line 17: an entry of the month, kept short.
 18. Ledger line 18: an entry of the month, kept short.
 19. Ledger line 19: an entry of the month, kept short.
 20. Ledger line 20: an entry of the month, kept short.
 21. Ledger line 21: an entry of the month, kept short.
 22. Ledger line 22: an entry of the month, kept short.
 ▸ Summarization · coherence: not rated (1-5) · 10 of 10 to rate         z back
SCREEN
# A digit rates and moves on; Right starts at the middle; x is N/A and
# moves on; Up comes back; Enter on an unfinished item says so.
keys z 4
wait_for z "▸ Summarization · accuracy: not rated (1-5) · 9 of 10 to rate"
keys z Right
wait_for z "▸ Summarization · accuracy: 3 acceptable · 8 of 10 to rate"
keys z x
wait_for z "▸ Summarization · clarity: not rated (1-5)"
keys z Up
wait_for z "▸ Summarization · accuracy: N/A · 8 of 10 to rate"
keys z Enter
wait_for z "8 axes still to rate on this item"
# The scrolling keys scroll the zoomed pane; Enter moved to the first axis
# still unrated.
keys z End
wait_for z "9-30/30"
wait_for z "▸ Summarization · clarity: not rated (1-5)"
ok
[ "$(Q "SELECT group_concat(axis || '=' || coalesce(score, 'NA'), ' ') FROM
    (SELECT axis, CAST(score AS TEXT) AS score FROM rating ORDER BY axis) AS x")" = "accuracy=NA coherence=4" ] ||
    fail "zoomed ratings stored: $(Q "SELECT capability, axis, score FROM rating")"
keys z z
wait_for z "Rating · 8 of 10 to rate"
wait_for z "Summarization + Structuring · Summarize the ledger as a list"
wait_gone z "z back"

# The rubric view zooms too.
keys z r z
wait_for z "Rubric · r: back to the text"
wait_gone z "Rating ·"
wait_for z "▸ Summarization · clarity: not rated (1-5)"
keys z q
wait_exit z
expect_status 0 "q quits"

finish
