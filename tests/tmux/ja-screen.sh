# ja-screen.sh: the rating screen in Japanese.  Under LC_ALL=ja_JP.UTF-8,
# at 80x24 and at 120x40: the panes, the panel, the status line, the help,
# the flag menu, the note editor and the item list speak Japanese; no line
# is wider than the terminal in display cells (a wide character is two);
# the status line's right-hand part ends where the English one does; the
# scale of every axis row starts in one column.  The keys still rate, and
# what they do is in the database.  LANGUAGE=en under the same locale is
# the English screen.
. "$TESTS_SRCDIR/tmux/lib.sh"

if ! locale -a 2>/dev/null | grep -qiE '^ja_JP\.utf-?8$'; then
	echo "SKIP: no ja_JP.UTF-8 locale (./setup.sh generates it): the Japanese screen is not checked" >&2
	exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 measures the cells" >&2; exit 77; }

import "$RUBRIC" "$UI/ja"
SCREEN_LOCALE=ja_JP.UTF-8
export SCREEN_LOCALE

# scale_aligned TARGET WHAT: the axis rows' scales start in one column.
scale_aligned() {
	screen "$1" >"$WORK/screen"
	cells scale "$WORK/screen" | sort -u >"$WORK/cols"
	ok
	[ "$(wc -l <"$WORK/cols")" -eq 1 ] || fail "$2: the scales start in columns $(tr '\n' ' ' <"$WORK/cols"):
$(cat "$WORK/screen")"
}

# ends_at TARGET CELLS WHAT: the status line's text ends at that cell.
ends_at() {
	screen "$1" >"$WORK/screen"
	end=$(cells ends "$WORK/screen")
	ok
	[ "$end" -eq "$2" ] || fail "$3: the status line ends at cell $end, not $2:
$(tail -n 1 "$WORK/screen")"
}

for size in "120 40" "80 24"; do
	set -- $size
	cols=$1
	start w "$1" "$2" rate --as --reviewer 田中
	wait_for w "項目 1/1" "${cols}: the item number in Japanese"
	wait_for w "プロンプト" "${cols}: the prompt pane's label"
	wait_for w "評価 · 残り 5／5 軸" "${cols}: the panel's header"
	wait_for w "の評価を入力中" "${cols}: rate --as says who enters for whom"
	fits w "$cols" "${cols}: the first screen"
	scale_aligned w "${cols}: the first screen"
	if [ "$cols" -eq 120 ]; then
		wait_for w "? キー  q 終了" "120: the key hints in Japanese"
		# As in English: one free cell after the hints.
		ends_at w $((cols - 1)) "120: the hints"
	fi

	# Rate the first axis; the panel says so, and so does the database.
	keys w 4
	wait_for w "評価 · 残り 4／5 軸" "${cols}: one axis rated"
	scale_aligned w "${cols}: after a score"
	fits w "$cols" "${cols}: after a score"

	keys w '?'
	wait_for w "panelist: 評価画面のキー" "${cols}: the help's title"
	wait_for w "選択中の評価軸を採点して次の評価軸へ進む" "${cols}: the help's first key"
	fits w "$cols" "${cols}: the help"
	keys w q
	wait_gone w "panelist: 評価画面のキー"

	keys w f
	wait_for w "この出力のフラグ:" "${cols}: the flag menu"
	wait_for w "1 破損" "${cols}: the flags by their Japanese names"
	fits w "$cols" "${cols}: the flag menu"
	keys w Escape
	wait_gone w "この出力のフラグ:"

	keys w c
	wait_for w "メモ（Enter で保存、Esc で取り消し）:" "${cols}: the note editor"
	type_text w "要点は三つ${cols}"
	fits w "$cols" "${cols}: the note editor"
	keys w Enter
	wait_for w "メモ: 要点は三つ${cols}" "${cols}: the note on the panel"

	keys w i
	wait_for w "項目 · 1 件中 1 件 · 絞り込み: すべて" "${cols}: the item list's title"
	wait_for w "途中" "${cols}: the item's state"
	wait_for w "メモ" "${cols}: the item's marks"
	fits w "$cols" "${cols}: the item list"
	keys w Escape
	wait_gone w "絞り込み:"
	keys w q
	wait_exit w
	expect_status 0 "${cols}: q quits"
	tm kill-session -t w

	ok
	[ "$(Q "SELECT r.score FROM rating r JOIN reviewer v ON v.id = r.reviewer
	    WHERE v.name = '田中' AND r.axis = 'coherence'")" = 4 ] ||
		fail "${cols}: the 4 typed on the Japanese screen is not in the database"
	ok
	[ "$(Q "SELECT note FROM review")" = "要点は三つ${cols}" ] ||
		fail "${cols}: the note typed on the Japanese screen is not in the database: $(Q 'SELECT note FROM review')"
	Q "DELETE FROM rating; DELETE FROM review;"
done

# The same locale with LANGUAGE=en: English, as gettext's order says.
SCREEN_LANGUAGE=en start e 120 40 rate --as --reviewer 田中
wait_for e "item 1 of 1" "LANGUAGE=en: the status line in English"
wait_for e "Rating · 5 of 5 to rate" "LANGUAGE=en: the panel in English"
ok
! screen e | grep -q "プロンプト" || fail "LANGUAGE=en: the pane label is still Japanese"
keys e q
wait_exit e

finish
