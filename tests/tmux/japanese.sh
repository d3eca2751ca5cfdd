# japanese.sh: a Japanese prompt and output, drawn at 120x40 and at 60x20:
# wide characters take two cells (the pane border stays in one column),
# lines break between characters but not before 。、」） or after 「（ (a
# line kept as a line goes on indented, a list item under its text),
# combining marks stay on their letter.  The screens are compared with the
# expected captures below.  Then the one-line editor with Japanese text and
# a combining mark: the cursor and Backspace move by whole characters.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/ja"

# expect_screen TARGET LINES WHAT: the first LINES lines of the screen are
# the expected capture on stdin.
expect_screen() {
	cat >"$WORK/expected"
	screen "$1" | head -n "$2" >"$WORK/got"
	ok
	cmp -s "$WORK/expected" "$WORK/got" || fail "$3 differs from the expected capture:
$(diff "$WORK/expected" "$WORK/got")"
}

start w 120 40 rate --as --reviewer 田中
wait_for w "item 1 of 1"
expect_screen w 10 "the Japanese item at 120x40" <<'SCREEN'
 Summarization · 会議メモの要約 · 総務担当者
  Prompt                                               all │▸ Output                                                all
 ── user ───────────────────────────────────────────────── │ # 要約
 次の会議メモを三行で要約してください。                    │
                                                           │ 1. 来期の予算案が承認され、出張費は一割削減されます。
 ・来期の予算案は承認された。出張費は一割削減する。        │ 2. 採用は三月に再開し、李さんが担当します。
 ・採用は三月に再開し、担当は李さん。                      │ 3. 経費精算システムの導入は、「試験運用」の結果を見てから
 ・新しい経費精算システムは「試験運用」の結果を待って判断  │    決めます（Q2 予定）。
   する。                                                  │
                                                           │ Café と café は同じ幅、**太字**と`コード`。
SCREEN
ok
# The time on the item ticks: shown as M:SS.
[ "$(screen w | tail -n 1 | sed 's/ [0-9]:[0-9][0-9] on it/ M:SS on it/')" = "$(sed "s/LOGIN/$ME/" <<'SCREEN'
 entering for 田中 as LOGIN  0/1 done ░░░░░░░░░░░░░░░░░░░░  item 1 of 1  M:SS on it                       ? keys  q quit
SCREEN
)" ] || fail "the status line with a Japanese reviewer name: $(screen w | tail -n 1)"
keys w q
wait_exit w

start n 60 20 rate --as --reviewer 田中
wait_for n "(Tab: output)"
expect_screen n 9 "the prompt at 60x20" <<'SCREEN'
 Summarization · 会議メモの要約 · 総務担当者
▸ Prompt   (Tab: output)                                all
 ── user ──────────────────────────────────────────────────
 次の会議メモを三行で要約してください。

 ・来期の予算案は承認された。出張費は一割削減する。
 ・採用は三月に再開し、担当は李さん。
 ・新しい経費精算システムは「試験運用」の結果を待って判断す
   る。
SCREEN
keys n Tab
wait_for n "(Tab: prompt)"
# The panel is compact at this size, so the output's eight lines all show.
expect_screen n 9 "the output at 60x20" <<'SCREEN'
 Summarization · 会議メモの要約 · 総務担当者
▸ Output   (Tab: prompt)                                all
 # 要約

 1. 来期の予算案が承認され、出張費は一割削減されます。
 2. 採用は三月に再開し、李さんが担当します。
 3. 経費精算システムの導入は、「試験運用」の結果を見てから
    決めます（Q2 予定）。

SCREEN

# The editor: Left twice puts the cursor before メ; Backspace deletes の.
keys n c
wait_for n "Note (Enter saves"
type_text n "日本語のメモ"
keys n Left Left BSpace
wait_for n "Esc cancels): 日本語メモ"
keys n Enter
wait_for n "note: 日本語メモ"
# e + U+0301 is one character on screen: one Backspace deletes both.
keys n f 4
wait_for n "Flag other, reason (optional):"
type_text n "$(printf 'cafe\314\201!')"
keys n BSpace BSpace Enter
wait_for n "flag: other (caf)"
keys n q
wait_exit n
expect_status 0 "quit"
ok
[ "$(Q "SELECT note || '|' || flag_reason FROM review")" = "日本語メモ|caf" ] ||
    fail "note and reason: $(Q "SELECT note, flag_reason FROM review")"

finish
