# unblind.sh: rate --model in a blind study is refused without --unblind
# (it would show which model wrote what), leaving the database as it was;
# with --unblind the screen opens on that model's outputs, shows the model,
# and the study's history records it, with who did it, where status shows
# it.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic/prompts.yaml" "$UI/blind"
login=$ME
"$SQLITE3" "$PANELIST_DB" .dump >"$WORK/before.sql"

"$PANELIST" rate --model yak-hidden-llm </dev/null >"$WORK/out" 2>"$WORK/err"
rc=$?
ok
[ $rc -eq 2 ] || fail "rate --model in a blind study: status $rc"
ok
grep -q -- "--model yak-hidden-llm: this study is blind.*add --unblind" "$WORK/err" ||
    fail "no word of --unblind: $(cat "$WORK/err")"
"$SQLITE3" "$PANELIST_DB" .dump >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "the refusal changed the database"
# The same on the screen, from a terminal.
start a 120 40 rate --as --reviewer ana --model yak-hidden-llm
wait_exit a
expect_status 2 "rate --model on a terminal, blind"

start b 120 40 rate --as --reviewer ana --model yak-hidden-llm --unblind
wait_for b "item 1 of 3"
wait_for b "model yak-hidden-llm" "the unblinded screen names the model"
keys b q
wait_exit b
expect_status 0 "rate --model --unblind"
ok
[ "$(Q "SELECT setting || '|' || new || '|' || actor || '|' || CASE WHEN at > '2020' THEN 1 END FROM study_change WHERE setting = 'unblind'")" = \
    "unblind|reviewer ana, model yak-hidden-llm|$login|1" ] ||
    fail "the study's history: $(Q "SELECT * FROM study_change")"
# status shows it with the rest of the study's history.
"$PANELIST" status >"$WORK/status" 2>&1
ok
grep -q "unblind .*reviewer ana, model yak-hidden-llm (by $login" "$WORK/status" ||
    fail "status does not show the unblinding: $(cat "$WORK/status")"

finish
