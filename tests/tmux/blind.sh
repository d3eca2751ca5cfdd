# blind.sh: in a blind study the model's name appears on no screen of a
# whole session: every item, the help, the note editor, the flag menu, the
# item-number prompt, the search prompt, the text as written, narrow and
# wide, and what is printed on leaving.  The
# same session on a study that is not blind does show it, so the test can
# see a name when there is one.
. "$TESTS_SRCDIR/tmux/lib.sh"

MODELS='zebra-secret-model|yak-hidden-llm|zebra|yak-'
import "$RUBRIC" "$UI/basic/prompts.yaml" "$UI/blind"

# step TARGET KEYS... WAIT: press keys, wait for the screen, keep it.
shots=0
step() {
	target=$1 want=$2
	shift 2
	[ $# -eq 0 ] || keys "$target" "$@"
	wait_for "$target" "$want"
	shots=$((shots + 1))
	screen "$target" >"$WORK/shot.$target.$shots"
}

session() {
	t=$1
	start "$t" 120 40 rate --as --reviewer "$2"
	step "$t" "item 1 of 6"
	for n in 2 3 4 5 6; do
		step "$t" "item $n of 6" 3 3 3 3 3 ]
	done
	step "$t" "Keys" '?'
	step "$t" "item 6 of 6" q
	step "$t" "Note (Enter saves" c
	step "$t" "item 6 of 6" Escape
	step "$t" " Search:" /
	step "$t" "item 6 of 6" Escape
	step "$t" "as written (m)" m
	step "$t" "item 6 of 6" m
	step "$t" "Flag this output:" f
	step "$t" "item 6 of 6" Escape
	step "$t" "Go to item (1-6):" g
	step "$t" "item 6 of 6" Escape
	tm resize-window -t "$t" -x 60 -y 20
	step "$t" "(Tab: prompt)"
	step "$t" "(Tab: output)" Tab
	for n in 5 4 3 2 1; do
		step "$t" "item $n of 6" [
	done
	keys "$t" q
	wait_exit "$t"
	expect_status 0 "quit ($t)"
	step "$t" "$2: 5 of 6 items rated"
}

session b ana
ok
[ "$shots" -ge 20 ] || fail "too few screens captured ($shots)"
ok
if cat "$WORK"/shot.b.* | grep -Eq "$MODELS"; then
	fail "a blind study shows a model name: $(grep -El "$MODELS" "$WORK"/shot.b.*)"
fi

# The same on a study that is not blind: the names are there.
cat >"$WORK/open.yaml" <<'YAML'
kind: study
title: Blind study
blind: false
seed: 7
YAML
import --force "$WORK/open.yaml"
shots=0
session o ben
ok
cat "$WORK"/shot.o.* | grep -q "model zebra-secret-model" || fail "without blind, zebra-secret-model is never shown"
ok
cat "$WORK"/shot.o.* | grep -q "model yak-hidden-llm" || fail "without blind, yak-hidden-llm is never shown"

finish
