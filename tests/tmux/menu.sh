# menu.sh: the flag menu and the help screen.  In the menu the arrows move
# the highlight and Enter chooses it, a digit chooses at once; the help says
# that it scrolls, and how, and does.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic"
start f 120 40 rate --as --reviewer ana
wait_for f "item 1 of 6"
# The flags stored, on the one item flagged here: - for none.
flag() {
	Q "SELECT coalesce(group_concat(flag, ','), '-') FROM review WHERE flag IS NOT NULL"
}

keys f f
wait_for f "Flag this output: [1 broken]"
keys f Right Right
wait_for f "[3 unsafe]"
keys f Left
wait_for f "[2 off-topic]"
keys f Down Down Up
wait_for f "[3 unsafe]"
ok
! screen f | grep -q "reason (optional)" || fail "an arrow chose a flag"
ok
[ "$(flag)" = - ] || fail "an arrow stored the flag $(flag)"
keys f Enter
wait_for f "Flag unsafe, reason (optional):"
keys f Enter
wait_for f "flag: unsafe"
ok
[ "$(flag)" = unsafe ] || fail "Enter stored '$(flag)', not unsafe"

# A digit chooses at once, whatever the highlight.
keys f f
wait_for f "[3 unsafe]"
keys f 4
wait_for f "Flag other, reason (optional):"
keys f Enter
wait_for f "flag: other"
ok
[ "$(flag)" = other ] || fail "4 stored '$(flag)', not other"
keys f f 0
wait_gone f "flag: other"
ok
[ "$(flag)" = - ] || fail "0 left the flag '$(flag)'"
keys f q
wait_exit f

# The help at 80x24 is longer than the screen: it says so, and scrolls.
start h 80 24 rate --as --reviewer ana
wait_for h "item 1 of 6"
keys h '?'
wait_for h "This help scrolls: Up and Down (or j and k, J and K) by a line, PgUp and PgDn"
wait_for h "(or b and Space) by a page, Home and End to either end; q, Esc or ? closes it."
wait_for h "1-22/"
keys h Down
wait_for h "2-23/"
keys h End
wait_for h "q, Esc or ? closes this help."
wait_gone h "This help scrolls"
keys h Home
wait_for h "This help scrolls"
keys h q
wait_for h "item 1 of 6"
keys h q
wait_exit h
expect_status 0 "q quits"

finish
