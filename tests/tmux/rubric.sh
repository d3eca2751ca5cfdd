# rubric.sh: the rubric in full.  Under the axes, the focused axis's question
# and every anchor at 120x40; at 80x24, where they do not fit, one anchor in
# full and the others by number, no sentence cut.  The rubric view (r): the
# description, every question and the anchor of every point of both
# capabilities, scrolling, following the focus; a digit rates in it.
. "$TESTS_SRCDIR/tmux/lib.sh"

TWO_DB=$PANELIST_DB
import "$RUBRIC" "$UI/two"
start w 120 40 rate --as --reviewer ana
wait_for w "item 1 of 1"
expect_rows w 34 38 "the focused axis at 120x40" <<'SCREEN'
   efficiency   1  2  3  4  5  N/A
   Does the summary read as one connected answer?
   1 very poor: Disjointed fragments.
   3 acceptable: Readable with seams.
   5 excellent: Reads as one piece.
SCREEN

keys w r
wait_for w "Rubric · r: back to the text"
expect_rows w 2 19 "the rubric view" <<'SCREEN'
▸ Rubric · r: back to the text                                                                                  1-19/88
 Summarization (summarization, 1 to 5)
 Condensing material into the points its reader needs.

 ▸ coherence: Does the summary read as one connected answer?
      1   very poor   Disjointed fragments.
      2   poor
      3   acceptable  Readable with seams.
      4   good
      5   excellent   Reads as one piece.
      x   N/A: does not apply to this output

   accuracy: Is every statement faithful to the source?
      1   very poor   Invents figures.
      2   poor
      3   acceptable  One small slip.
      4   good
      5   excellent   Fully faithful.
SCREEN
# A digit rates in the view: bracketed in the table and in the panel, on disk.
keys w 3
wait_for w "     [3]  acceptable  Readable with seams."
wait_for w "coherence    1  2 [3] 4  5  N/A   acceptable"
ok
[ "$(Q "SELECT axis || '=' || score FROM rating")" = "coherence=3" ] ||
    fail "the digit in the rubric view stored: $(Q "SELECT axis, score FROM rating")"
# It scrolls: a page, the end (the second rubric's last axis), the top.
keys w PageDown
wait_for w "18-36/88"
keys w End
wait_for w "70-88/88"
wait_for w "efficiency: Could it be used as it is?"
wait_for w "      5   excellent   Usable as is."
keys w Home
wait_for w "1-19/88"
# The focus moved onto the second rubric: the view follows it there, with
# that rubric's description above.
keys w Down Down Down Down
wait_for w "▸ coherence: Is it one consistent structure, every row built the same way?"
wait_for w "Putting material the person already has into the structure they asked for"
wait_for w "      3   acceptable  One consistent structure with one or two local slips, such as a date written differently in"
# r comes back to the text.
keys w r
wait_for w "Output"
wait_gone w "Rubric ·"
keys w q
wait_exit w
expect_status 0 "q quits"

# At 80x24, one capability: the anchors do not fit under the axes; the one
# in the middle is shown in full, the others by number.
PANELIST_DB=$WORK/basic.db
export PANELIST_DB
import "$RUBRIC" "$UI/basic"
start n 80 24 rate --as --reviewer ana
wait_for n "item 1 of 6"
expect_rows n 16 23 "the panel at 80x24" <<'SCREEN'
 Rating · 5 of 5 to rate
 ▸ coherence    1  2  3  4  5  N/A
   accuracy     1  2  3  4  5  N/A
   clarity      1  2  3  4  5  N/A
   relevance    1  2  3  4  5  N/A
   efficiency   1  2  3  4  5  N/A
   Does the summary read as one connected answer?
   3 acceptable: Readable with seams. · also 1, 5 (r: the rubric)
SCREEN
# The chosen anchor, once there is one; a point without an anchor is named
# with the anchors there are.
keys n 5 Up
wait_for n "   5 excellent: Reads as one piece. · also 1, 3 (r: the rubric)"
keys n Down Down Down 4 Up
wait_for n "   4 good · anchors 1, 5 (r: the rubric)"
keys n q
wait_exit n

# Two capabilities at 80x24: an anchor longer than a line wraps whole.
PANELIST_DB=$TWO_DB
export PANELIST_DB
start t 80 24 rate --as --reviewer ben
wait_for t "item 1 of 1"
keys t Down Down Down Down Down
wait_for t "Is it one consistent structure, every row built the same way?"
expect_rows t 21 23 "a long anchor at 80x24" <<'SCREEN'
   Is it one consistent structure, every row built the same way?
   3 acceptable: One consistent structure with one or two local slips, such as
   a date written differently in one row. · also 1, 5 (r: the rubric)
SCREEN
ok
! screen t | sed -n '17,23p' | grep -q "…" || fail "the panel cuts a text: $(screen t)"
keys t q
wait_exit t

finish
