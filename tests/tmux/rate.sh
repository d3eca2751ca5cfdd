# rate.sh: rate three items with digits and arrows, write a note and a flag,
# quit; the database then holds exactly those ratings, each with its history
# row, and the active time spent on each item.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic"
start r 120 40 rate --as --reviewer ana
wait_for r "item 1 of 6"
wait_for r "Rating · 5 of 5 to rate"
title1=$(screen r | sed -n 1p)

# Item 1: one digit per axis; each digit moves on to the next axis.
keys r 1 2 3 4 5
wait_for r "Rating · complete"
wait_for r "1/6 done"
keys r Enter
wait_for r "item 2 of 6"
wait_for r "Rating · 5 of 5 to rate"
title2=$(screen r | sed -n 1p)

# Item 2 with the arrows: Right on an unrated axis lands on the middle of
# the scale (3), Right again raises it; Down moves to the next axis, Left
# there starts at the middle too; x marks N/A and moves on.
keys r Right Right
wait_for r "coherence    1  2  3 [4] 5  N/A"
keys r Down Left
wait_for r "accuracy     1  2 [3] 4  5  N/A"
keys r Down x 2 5
wait_for r "Rating · complete"
wait_for r "2/6 done"
keys r Enter
wait_for r "item 3 of 6"
title3=$(screen r | sed -n 1p)

# Item 3: five fives; the focus stays on the last axis, and Left lowers it.
keys r 5 5 5 5 5
wait_for r "3/6 done"
keys r Left
wait_for r "▸ efficiency   1  2  3 [4] 5  N/A"

# Item 4: no score, but a note and a flag with a reason.
keys r Enter
wait_for r "item 4 of 6"
keys r c
wait_for r "Note (Enter saves, Esc cancels):"
type_text r "needs sources"
keys r Enter
wait_for r "note: needs sources"
keys r f
wait_for r "Flag this output:"
keys r 3
wait_for r "Flag unsafe, reason (optional):"
type_text r "leaks a password"
keys r Enter
wait_for r "flag: unsafe (leaks a password)"
# Esc leaves the note as it was.
keys r c
wait_for r "Note (Enter saves, Esc cancels): needs sources"
type_text r " and more"
keys r Escape
wait_gone r "Note (Enter saves"
ok
screen r | grep -q "and more" && fail "Esc saved the edited note"

keys r q
wait_exit r
expect_status 0 "q quits with status 0"

# Exactly the ratings entered, per output in the rubric's axis order.
ok
[ "$(Q "SELECT count(*) FROM rating")" = 15 ] || fail "expected 15 ratings, found $(Q "SELECT count(*) FROM rating")"
Q "SELECT o, group_concat(s, ',') FROM (SELECT g.output AS o, coalesce(CAST(g.score AS TEXT), 'NA') AS s
    FROM rating g JOIN axis a ON a.rubric = g.rubric AND a.axis = g.axis
    ORDER BY g.output, a.position) AS x GROUP BY o" >"$WORK/scores"
for want in "1,2,3,4,5" "4,3,NA,2,5" "5,5,5,5,4"; do
	ok
	grep -q "|$want\$" "$WORK/scores" || fail "no output rated $want: $(cat "$WORK/scores")"
done

# And on the items the screen showed, in that order.
n=1
for want in "1,2,3,4,5" "4,3,NA,2,5" "5,5,5,5,4"; do
	out=$(sed -n "s/|$want\$//p" "$WORK/scores")
	what=$(Q "SELECT p.title || ' · ' || coalesce(p.occupation || ' · ', '') || 'model ' || m.name
	    FROM output o JOIN prompt p ON p.id = o.prompt JOIN model m ON m.id = o.model WHERE o.id = ${out:-0}")
	eval "shown=\$title$n"
	ok
	case $shown in
	*"$what"*) ;;
	*) fail "item $n showed '$shown', but the output rated $want is '$what'" ;;
	esac
	n=$((n + 1))
done

# Every change has its history row: 5 + 6 + 6 scores, then a note and a flag.
ok
[ "$(Q "SELECT count(*) FROM history WHERE field = 'score'")" = 17 ] ||
    fail "expected 17 score history rows: $(Q "SELECT axis, old, new FROM history")"
for row in "coherence||3" "coherence|3|4" "clarity||NA" "efficiency|5|4"; do
	ok
	Q "SELECT axis, old, new FROM history WHERE field = 'score'" | grep -qx -- "$row" ||
	    fail "no history row $row"
done
ok
[ "$(Q "SELECT field || '=' || new FROM history WHERE field <> 'score' ORDER BY id" | tr '\n' ';')" = \
    "note=needs sources;flag=unsafe: leaks a password;" ] ||
    fail "note and flag history: $(Q "SELECT field, old, new FROM history WHERE field <> 'score'")"
ok
[ "$(Q "SELECT note || '|' || flag || '|' || flag_reason FROM review WHERE note IS NOT NULL")" = \
    "needs sources|unsafe|leaks a password" ] || fail "the note and flag are not in review"

# Rating for 'ana' as another login (--as): every change says who made it.
ok
[ "$(Q "SELECT DISTINCT coalesce(actor, 'none') FROM history")" = "$ME" ] ||
    fail "history does not record the login behind --as: $(Q "SELECT DISTINCT actor FROM history")"

# Time on each rated item was stored when leaving it.
ok
[ "$(Q "SELECT count(*) FROM review WHERE active_seconds > 0")" -ge 3 ] ||
    fail "no active time stored: $(Q "SELECT output, active_seconds FROM review")"

finish
