# rubric-ja.sh: a rubric in two languages on the rating screen.  Under the
# Japanese locale the bundled summarization rubric shows its Japanese
# question, labels and anchors and the axes' Japanese names, at 120x40 and
# at 80x24 (and in the rubric view), every line within the width in display
# cells; with LANGUAGE=en the same rubric is in English; a rubric with only
# English shows its English under the Japanese locale.
. "$TESTS_SRCDIR/tmux/lib.sh"

if ! locale -a 2>/dev/null | grep -qiE '^ja_JP\.utf-?8$'; then
	echo "no ja_JP.UTF-8 locale (./setup.sh makes it): skipped" >&2
	exit 77
fi

# start sets LC_ALL=C.UTF-8 for panelist: a wrapper puts the reviewer's
# locale back in front of it, as a Japanese reviewer's shell would.
REAL_PANELIST=$PANELIST
# in_locale NAME LC_ALL LANGUAGE: a wrapper $WORK/NAME running panelist so.
in_locale() {
	printf '#!/bin/sh\nLC_ALL=%s LANGUAGE=%s exec "%s" "$@"\n' "$2" "$3" "$REAL_PANELIST" \
	    >"$WORK/$1"
	chmod +x "$WORK/$1"
}
in_locale ja ja_JP.UTF-8 ""
in_locale ja-en ja_JP.UTF-8 en

# rate_as WRAPPER NAME COLS ROWS: the rating screen through a wrapper.
rate_as() {
	PANELIST=$WORK/$1
	start "$2" "$3" "$4" rate --as --reviewer 田中
	PANELIST=$REAL_PANELIST
	# The status line speaks the reviewer's language too.
	if [ "$1" = ja ]; then
		wait_for "$2" "項目 1/1"
	else
		wait_for "$2" "item 1 of 1"
	fi
}

import "$TOP_SRCDIR/rubrics/summarization.yaml" "$UI/ja"

# ---- Japanese, 120x40: the question and every anchor under the axes --------
rate_as ja w 120 40
wait_for w "▸ 一貫性" "the focused axis by its Japanese name"
wait_for w "   正確性 " "the other axes by their Japanese names"
wait_for w "要約がこの依頼への一つのまとまった回答になっていますか。" "the Japanese question"
wait_for w "1 不可: ばらばらの断片や原文の丸写しの寄せ集めです。" "the Japanese anchor of 1 with its label"
wait_for w "5 優: 目的のはっきりした一つの要約として読めます。" "the Japanese anchor of 5"
fits w 120 "Japanese at 120x40"
ok
screen w | grep -q "Does the summary" && fail "English text on the Japanese screen"
keys w q
wait_exit w

# ---- Japanese, 80x24: one anchor in full; the rubric view -----------------
rate_as ja n 80 24
wait_for n "要約がこの依頼への一つのまとまった回答になっていますか。" "the question at 80x24"
wait_for n "3 可: 全体としては読めますが、目立つ途切れが1つあります" "an anchor at 80x24"
fits n 80 "Japanese at 80x24"
keys n r
wait_for n "▸ 一貫性: 要約がこの依頼への" "the rubric view's question"
wait_for n "1   不可    ばらばらの断片" "the rubric view's anchors, aligned by cells"
fits n 80 "the Japanese rubric view at 80x24"
keys n q
wait_exit n

# ---- LANGUAGE=en under the Japanese locale: the English texts ---------------
rate_as ja-en e 120 40
wait_for e "▸ coherence" "the axis's English name"
wait_for e "Does the summary read as one connected answer to this request" "the English question"
wait_for e "1 very poor: A pile of disconnected fragments" "the English anchor"
ok
screen e | grep -q "ばらばらの断片" && fail "Japanese anchors with LANGUAGE=en"
keys e q
wait_exit e

# ---- a rubric in English alone: its English, the chrome in Japanese --------
PANELIST_DB=$WORK/en-only.db
export PANELIST_DB
import "$RUBRIC" "$UI/ja"
rate_as ja f 120 40
wait_for f "Does the summary read as one connected answer?" "the English question, as the fallback"
wait_for f "1 very poor: Disjointed fragments." "the English anchor, as the fallback"
wait_for f "▸ 一貫性" "a standard axis named from the catalogue"
fits f 120 "the English rubric under the Japanese locale"
keys f q
wait_exit f

finish
