# status.sh: what status says of a reviewer is what their rating screen
# says.  A study with a roster of three and overlap 2: ana rates one item,
# starts another and skips it; each screen's "N/M done" is then status's
# items done and items, and the skip and the partial item are counted.
. "$TESTS_SRCDIR/tmux/lib.sh"

cp -R "$FIXTURES/good" "$WORK/g"
printf 'reviewers: [ana, ben, cat]\n' >>"$WORK/g/study.yaml"
import "$WORK/g"

# done_on_screen NAME: "N/M" from the status line of NAME's screen.
done_on_screen() {
	screen "$1" | sed -n "s/.* as [^ ]*  \([0-9]*\/[0-9]*\) done.*/\1/p" | head -n 1
}

# status_of NAME: "done/items" and the rest, from status --format tsv.
status_of() {
	"$PANELIST" status --format tsv | awk -F '\t' -v r="$1" '
	    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    $1 == r { print $c["items_done"] "/" $c["items"], $c["items_partial"], $c["items_skipped"] }'
}

start a 120 40 rate --as --reviewer ana
wait_for a "entering for ana as $ME  0/"
before=$(done_on_screen a)
# One item whole (ten digits cover its axes, however many), the next one
# axis, then skipped.
keys a 3 3 3 3 3 3 3 3 3 3
wait_for a "entering for ana as $ME  1/"
after=$(done_on_screen a)
keys a Enter
wait_for a "item 2 of"
wait_for a " to rate"
n=$(screen a | sed -n 's/.*Rating · \([0-9]*\) of \1 to rate.*/\1/p' | head -n 1)
keys a 4
wait_for a "Rating · $((n - 1)) of $n to rate"
# Each key is saved before the next is read: after q, all of it is on disk.
keys a s q
wait_exit a
expect_status 0 "ana quits"

ok
[ "$before" = "0/4" ] || fail "ana's screen at first: $before (4 of 6 outputs x overlap 2 / 3)"
ok
[ "$(status_of ana)" = "$after 0 1" ] ||
    fail "status of ana: '$(status_of ana)' (done/items partial skipped); her screen said $after done, one item skipped"

for r in ben cat; do
	start "$r" 120 40 rate --as --reviewer "$r"
	wait_for "$r" "entering for $r as "
	shown=$(done_on_screen "$r")
	keys "$r" q
	wait_exit "$r"
	ok
	[ "$(status_of "$r")" = "$shown 0 0" ] ||
	    fail "status of $r: '$(status_of "$r")'; the screen said $shown done"
done

finish
