# no-terminal.sh: without a terminal, rate and demo exit 2 with a message
# saying why (demo imports first); an unknown TERM and one that cannot
# address the cursor (dumb) too; bad options are usage errors.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/basic"

run rate </dev/null
expect_status 2 "rate with stdin not a terminal"
expect_err "needs a terminal" "rate says it needs a terminal"
run rate --as --reviewer ana </dev/null
expect_status 2 "rate --as --reviewer with stdin not a terminal"

# demo on a panel of our own, so this tests demo rather than the bundled
# content (tests/cli/bundled.sh does that).
mkdir -p "$WORK/data/rubrics" "$WORK/data/prompts" "$WORK/data/demo"
cp "$RUBRIC" "$WORK/data/rubrics/"
cp "$UI/basic/prompts.yaml" "$WORK/data/prompts/"
cp "$UI/basic/outputs-x.yaml" "$UI/basic/outputs-y.yaml" "$WORK/data/demo/"
PANELIST_DATADIR=$WORK/data
export PANELIST_DATADIR
run demo </dev/null
expect_status 2 "demo without a terminal"
expect_err "needs a terminal" "demo says it needs a terminal"
expect_out "^Demo panel: Imported" "demo imports before giving up"
ok
[ -f "$HOME/.local/share/panelist/demo.db" ] || fail "demo did not create its database"

run rate --item 0
expect_status 2 "--item 0"
run rate --item
expect_status 2 "--item without a value"
run rate --bogus
expect_status 2 "an unknown option"
run rate extra
expect_status 2 "an argument"
# A reviewer changes only their own ratings: naming someone else needs --as.
run rate --reviewer someone-else
expect_status 2 "--reviewer naming someone else without --as"
expect_err "is not you .*add --as" "the refusal says how to do it on purpose"
run rate --reviewer "$ME" </dev/null
expect_err "needs a terminal" "--reviewer naming yourself needs no --as"

# PANELIST_REVIEWER naming someone else is --reviewer: refused without
# --as, before the terminal is even looked at.
PANELIST_REVIEWER=someone-else
export PANELIST_REVIEWER
run rate </dev/null
expect_status 2 "PANELIST_REVIEWER naming someone else without --as"
expect_err "PANELIST_REVIEWER: 'someone-else' is not you .*add --as" "PANELIST_REVIEWER is --reviewer"
run rate --as </dev/null
expect_err "needs a terminal" "PANELIST_REVIEWER naming someone else with --as"
PANELIST_REVIEWER=$ME
run rate </dev/null
expect_err "needs a terminal" "PANELIST_REVIEWER naming yourself needs no --as"
unset PANELIST_REVIEWER

run rate --as --reviewer ""
expect_status 2 "an empty reviewer name"

run rate --keys
expect_status 0 "rate --keys"
expect_out "^q	quit" "rate --keys lists q"

# An unknown TERM in a real terminal: newterm() fails and says so; the
# terminal is left as it was.
tm new-session -d -s t -x 80 -y 24 -c "$WORK" -e "PANELIST_DB=$PANELIST_DB" \
    -e "STATUS_FILE=$WORK/t.status" \
    sh -c 'TERM=no-such-terminal "$0" rate --as --reviewer ana; echo $? >"$STATUS_FILE"; exec sleep 600' \
    "$PANELIST"
wait_exit t
expect_status 2 "rate with an unknown TERM"
wait_for t "cannot use the terminal type 'no-such-terminal'"
# A known terminal that cannot address the cursor is refused the same way,
# rather than opening a blank screen.
tm new-session -d -s d -x 80 -y 24 -c "$WORK" -e "PANELIST_DB=$PANELIST_DB" \
    -e "STATUS_FILE=$WORK/d.status" \
    sh -c 'TERM=dumb "$0" rate --as --reviewer ana; echo $? >"$STATUS_FILE"; exec sleep 600' \
    "$PANELIST"
wait_exit d
expect_status 2 "rate with TERM=dumb"
wait_for d "cannot use the terminal type 'dumb' (TERM): unknown, or it cannot addr"

# In a terminal, a queue that does not exist is an input error, before the
# screen opens.
start m 80 24 rate --as --reviewer ana --model no-such-model
wait_exit m
expect_status 2 "rate --model of an unknown model"
wait_for m "no model 'no-such-model'"
start mm 80 24 rate --as --reviewer ana --model model-z
wait_exit mm
expect_status 2 "rate --model of a misspelt model"
wait_for mm "no model 'model-z' in this study (did you mean 'model-x'?)"
start mc 120 24 rate --as --reviewer ana --capability sumarization
wait_exit mc
expect_status 2 "rate --capability of a misspelt capability"
wait_for mc "no capability 'sumarization' in this study (did you mean 'summarization'?)"
start i 80 24 rate --as --reviewer ana --item 99
wait_exit i
expect_status 2 "rate --item past the end"
wait_for i "no item 99"

# A roster says who may rate, with or without overlap (panelist(5)).
printf 'kind: study\nreviewers: [ana, ben]\n' >"$WORK/roster.yaml"
import "$WORK/roster.yaml"
start r 80 24 rate --as --reviewer zed
wait_exit r
expect_status 2 "rate off the roster without overlap"
wait_for r "reviewer 'zed' is not on this study's roster"
start rr 80 24 rate --as --reviewer bem
wait_exit rr
expect_status 2 "rate with a misspelt name on the roster"
wait_for rr "reviewer 'bem' is not on this study's roster (did you mean 'ben'?)"

finish
