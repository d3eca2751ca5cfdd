# clear.sh: Del on a rated axis takes the score out of the database, with a
# history row for the clear, and the next session shows the axis unrated; a
# save that fails says "not saved" and leaves the axis as it was.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic"
start r 120 40 rate --as --reviewer ana
wait_for r "item 1 of 6"
wait_for r "Rating · 5 of 5 to rate"

# Rate two axes, go back up to the first, clear it.
keys r 4 2
wait_for r "Rating · 3 of 5 to rate"
keys r Up Up
wait_for r "▸ coherence    1  2  3 [4] 5  N/A"
keys r DC
wait_for r "Rating · 4 of 5 to rate"
ok
screen r | grep -q "coherence    1  2  3 \[4\]" && fail "Del left the score on screen"

# The stored score is gone, the other stays, history records the clear.
ok
[ "$(Q "SELECT count(*) FROM rating WHERE axis = 'coherence'")" = 0 ] ||
    fail "the cleared score is still stored: $(Q "SELECT * FROM rating")"
ok
[ "$(Q "SELECT score FROM rating WHERE axis = 'accuracy'")" = 2 ] ||
    fail "clearing one axis touched another: $(Q "SELECT * FROM rating")"
ok
[ "$(Q "SELECT coalesce(old, '-') || '>' || coalesce(new, '-') FROM history
    WHERE axis = 'coherence' AND field = 'score' ORDER BY id")" = "$(printf '%s\n' '->4' '4>-')" ] ||
    fail "history of the clear: $(Q "SELECT * FROM history WHERE axis = 'coherence'")"

# A write that fails (the database refuses it): the screen says so, and the
# axis keeps the score it had.
if pg_mode; then
	Q "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$
	    BEGIN RAISE EXCEPTION 'refused by test'; END \$\$;
	    CREATE TRIGGER refuse BEFORE UPDATE ON rating FOR EACH ROW EXECUTE FUNCTION refuse()"
else
	Q "CREATE TRIGGER refuse BEFORE UPDATE ON rating BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
fi
keys r Down
wait_for r "▸ accuracy     1 [2] 3  4  5  N/A"
keys r 5
wait_for r "not saved"
wait_for r "▸ accuracy     1 [2] 3  4  5  N/A"
ok
[ "$(Q "SELECT score FROM rating WHERE axis = 'accuracy'")" = 2 ] || fail "the refused score was stored"
ok
screen r | grep -q "accuracy     1  2  3  4 \[5\]" && fail "the refused score is shown as saved"
if pg_mode; then Q "DROP TRIGGER refuse ON rating"; else Q "DROP TRIGGER refuse"; fi

keys r q
wait_exit r
expect_status 0 "q quits with status 0"

# A new session: the cleared axis is unrated, the kept one still 2.
start r2 120 40 rate --as --reviewer ana
wait_for r2 "item 1 of 6"
wait_for r2 "Rating · 4 of 5 to rate"
wait_for r2 "coherence    1  2  3  4  5  N/A"
wait_for r2 "accuracy     1 [2] 3  4  5  N/A"
keys r2 q
wait_exit r2
finish
