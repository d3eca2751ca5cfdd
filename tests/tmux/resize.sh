# resize.sh: resize the terminal to 60x20, below the minimum, and back to
# 120x40: each size is drawn at once with the text re-wrapped, the screen
# back at 120x40 is the one from before, and nothing crashes.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic"
start r 120 40 rate --as --reviewer ana
wait_for r "item 1 of 6"
# Find the long output (item number varies with the queue order) and scroll
# it, so that the test sees a re-wrap keep the same text on top.
n=1
while ! screen r | grep -q "Summarize the quarterly report"; do
	[ $n -lt 6 ] || { fail "no item shows the long report"; finish; }
	keys r ]
	n=$((n + 1))
	wait_for r "item $n of 6"
done
keys r 3 4 J J J
wait_for r " 4-30/"
screen r >"$WORK/before"
top=$(screen r | sed -n 3p | sed 's/.*│ //')

resize() {
	tm resize-window -t r -x "$1" -y "$2"
	wait_for r "$3" "at $1x$2"
}

# Still side by side at 100 columns, the output re-wrapped narrower: the
# line that was on top is still on top (it may start a little earlier).
# The status line shows before the redraw too (tmux crops the old screen),
# so the wait is on a line only the text wrapped for 100 columns has.
resize 100 30 "churn fell in every region except"
wait_for r "item $n of 6" "the status line at 100x30"
set -- $top
ok
screen r | sed -n 3p | grep -qF "$1" || fail "re-wrapped at 100x30, the top line is no longer '$top':
$(screen r)"

# And the text really is wrapped for the new width, not clipped.
ok
screen r | grep -q '│    running; churn fell in every region except$' ||
    fail "the output was not re-wrapped for 100 columns:
$(screen r)"

resize 60 20 "(Tab: prompt)"
screen r >"$WORK/narrow"
wait_for r "item $n of 6" "the status line at 60x20"
ok
[ "$(wc -L <"$WORK/narrow")" -le 60 ] || fail "a line wider than 60 columns at 60x20"
ok
[ "$(wc -l <"$WORK/narrow")" -eq 20 ] || fail "the 60x20 capture is not 20 lines"
# Narrow, one pane at a time: Tab shows the other, re-wrapped for 60.
keys r Tab
wait_for r "(Tab: output)"
wait_for r "Summarize the quarterly report for the board in one"
keys r Tab
wait_for r "(Tab: prompt)"

resize 30 10 "Terminal too small: 30x10."
resize 120 40 "item $n of 6"
screen r >"$WORK/after"
ok
cmp -s "$WORK/before" "$WORK/after" || fail "the screen at 120x40 differs after resizing:
$(diff "$WORK/before" "$WORK/after")"

# Keys do nothing there but q: a digit must not rate blind.  The q after it
# is what the test waits on: it comes through the terminal after the digit,
# so the digit was read while the terminal was still too small (a resize
# sent after it would race with it).
resize 30 10 "Terminal too small: 30x10."
keys r 5 q
wait_exit r
expect_status 0 "quit while too small"
ok
[ "$(Q "SELECT count(*) FROM rating")" = 2 ] || fail "a key pressed while too small was acted on"

finish
