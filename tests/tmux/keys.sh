# keys.sh: the key table is the one source: every key `rate --keys` prints
# is in panelist(1)'s KEYS section and on the screen `?` opens, and the
# manual lists no key the table lacks.
. "$TESTS_SRCDIR/tmux/lib.sh"

"$PANELIST" rate --keys >"$WORK/keys" || fail "rate --keys"
ok
[ "$(wc -l <"$WORK/keys")" -ge 20 ] || fail "rate --keys lists too few keys"
# The KEYS section's ".It Ic ..." items, with mdoc's \& escapes removed.
sed -n '/^\.Sh KEYS/,/^\.Sh /p' "$TOP_SRCDIR/man/panelist.1" |
    sed -n 's/^\.It Ic //p' | sed 's/\\&//g' >"$WORK/manual"
cut -f1 "$WORK/keys" >"$WORK/table"
while read -r k; do
	ok
	grep -qxF -- "$k" "$WORK/manual" || fail "panelist.1 KEYS does not list '$k'"
done <"$WORK/table"
while read -r k; do
	ok
	grep -qxF -- "$k" "$WORK/table" || fail "panelist.1 KEYS lists '$k', which the table lacks"
done <"$WORK/manual"

# The help screen shows each line of the table.
import "$RUBRIC" "$UI/basic"
start h 120 40 rate --as --reviewer ana
wait_for h "item 1 of 6"
keys h '?'
wait_for h "the rating screen's keys"
while IFS='	' read -r k help; do
	wait_for h "$k" "the help screen"
	wait_for h "$help" "the help screen"
done <"$WORK/keys"
# q closes the help, not the program.
keys h q
wait_for h "item 1 of 6"
keys h q
wait_exit h
expect_status 0 "quit"

finish
