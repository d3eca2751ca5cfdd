# markdown.sh: an output whose whole job is its tables, and a prompt
# hard-wrapped at 88 columns, drawn as their author meant them to be read.
#  - tables as grids, aligned as the delimiter row says, a long cell wrapped
#    inside its column (the row stays a row); a table too wide for the pane
#    at its natural width, scrolled sideways with < > and Shift-arrows, a
#    marker at each cut edge; a Japanese table measured in cells;
#  - the prompt's paragraph reflowed at 80x24, 120x40 and 160x45, the
#    pasted bank lines below it kept one a line;
#  - m shows the text as written, and back; / searches the pane, n and N
#    go from match to match, highlighted and scrolled to.
# The screens are compared with the expected captures below.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/tables/prompts.yaml" "$UI/tables/study.yaml" "$UI/tables/outputs.jsonl"

# expect_screen TARGET FROM TO WHAT: lines FROM-TO of the screen are the
# expected capture on stdin.
expect_screen() {
	cat >"$WORK/expected"
	screen "$1" | sed -n "$2,$3p" >"$WORK/got"
	ok
	cmp -s "$WORK/expected" "$WORK/got" || fail "$4 differs from the expected capture:
$(diff "$WORK/expected" "$WORK/got")"
}

# wait_attr TARGET TEXT WHAT: until the screen with its attributes (SGR
# sequences, as capture-pane -e writes them) shows TEXT.
wait_attr() {
	t0=$(date +%s)
	until tm capture-pane -e -p -t "$1" | grep -qF -- "$2"; do
		if [ $(($(date +%s) - t0)) -ge "$WAIT_SECONDS" ]; then
			fail "$3: $(tm capture-pane -e -p -t "$1" | cat -v)"
			return 1
		fi
		sleep 0.05
	done
	ok
}

# Lines FROM-TO, their first CHARS characters, of the screen.
expect_part() {
	cat >"$WORK/expected"
	screen "$1" | sed -n "$2,$3p" | sed -E "s/^(.{$4}).*/\\1/" >"$WORK/got"
	ok
	cmp -s "$WORK/expected" "$WORK/got" || fail "$5 differs from the expected capture:
$(diff "$WORK/expected" "$WORK/got")"
}

# ---- 120x40: the prompt reflowed beside the ledger table ---------------------------
start w 120 40 rate --as --reviewer ana
wait_for w "item 1 of 1"
expect_screen w 3 17 "the prompt and the first table at 120x40" <<'SCREEN'
 ── user ───────────────────────────────────────────────── │ Here is the ledger as a table.
 I keep the books for a small farm shop. Below are the     │
 first transactions of March, copied from the bank         │ ┌────────────┬────────────────┬───────────────┬──────────┐
 statement. Please turn them into a table with the columns │ │ Date       │ Description    │ Account       │   Amount │
 Date, Description, Account and Amount, right-align the    │ ├────────────┼────────────────┼───────────────┼──────────┤
 amounts, and add a second table with the total for each   │ │ 03/03/2025 │ HARVEST        │ Cost of goods │ 1,204.50 │
 account. Keep the descriptions exactly as they are        │ │            │ supplies, bulk │ sold          │          │
 written.                                                  │ │            │ order of seed  │               │          │
                                                           │ │            │ potatoes       │               │          │
 03/03/2025 HARVEST supplies, bulk order of seed potatoes  │ ├────────────┼────────────────┼───────────────┼──────────┤
   1,204.50                                                │ │ 03/04/2025 │ Rent           │ Rent          │   900.00 │
 03/04/2025 Rent 900.00                                    │ ├────────────┼────────────────┼───────────────┼──────────┤
 03/05/2025 Card fees 12.40                                │ │ 03/05/2025 │ Card fees      │ Bank charges  │    12.40 │
                                                           │ └────────────┴────────────────┴───────────────┴──────────┘
                                                           │
SCREEN

# Down to the wide table, the Japanese one and the quote.
keys w End
wait_for w "│ │ line by line."
expect_part w 11 29 120 "the wide and the Japanese table" <<'SCREEN'
                                                           │ The files the figures came from:
 03/03/2025 HARVEST supplies, bulk order of seed potatoes  │
   1,204.50                                                │ ┌─────────────────┬──────────────────────────────────────›
 03/04/2025 Rent 900.00                                    │ │ Batch           │ Path                                 ›
 03/05/2025 Card fees 12.40                                │ ├─────────────────┼──────────────────────────────────────›
                                                           │ │ march_batch_one │ /srv/ledger/archive/2025/03/march-bat›
                                                           │ └─────────────────┴──────────────────────────────────────›
                                                           │
                                                           │ 日本語の表:
                                                           │
                                                           │ ┌────────┬───────┬──────────────────────┐
                                                           │ │ 項目   │  金額 │         備考         │
                                                           │ ├────────┼───────┼──────────────────────┤
                                                           │ │ 交通費 │ 1,200 │         出張         │
                                                           │ │ 会議費 │ 3,450 │ 試験運用の打ち合わせ │
                                                           │ └────────┴───────┴──────────────────────┘
                                                           │
                                                           │ │ Check every amount against the invoice it came from,
                                                           │ │ line by line.
SCREEN

# Sideways: only the wide table moves, marked at both cut edges.
keys w '>'
wait_for w "│ ‹"
expect_part w 11 18 120 "the wide table scrolled right" <<'SCREEN'
                                                           │ The files the figures came from:
 03/03/2025 HARVEST supplies, bulk order of seed potatoes  │
   1,204.50                                                │ ‹──────────────────────────────────────┬─────────────────›
 03/04/2025 Rent 900.00                                    │ ‹                                      │ Checksum        ›
 03/05/2025 Card fees 12.40                                │ ‹──────────────────────────────────────┼─────────────────›
                                                           │ ‹r/archive/2025/03/march-batch-one.csv │ 9f86d081884c7d65›
                                                           │ ‹──────────────────────────────────────┴─────────────────›
                                                           │
SCREEN
keys w S-Right S-Right S-Right
wait_for w "0f00a08 │"
expect_part w 13 17 120 "the wide table at its right end" <<'SCREEN'
   1,204.50                                                │ ‹────────────────────────────────────────────────────────┐
 03/04/2025 Rent 900.00                                    │ ‹                                                        │
 03/05/2025 Card fees 12.40                                │ ‹────────────────────────────────────────────────────────┤
                                                           │ ‹84c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 │
                                                           │ ‹────────────────────────────────────────────────────────┘
SCREEN
keys w S-Left '<' '<' '<'
wait_for w "│ │ Batch           │ Path"
keys w '<'
wait_for w "That is the edge of the widest row."

# ---- the text as written, and back -------------------------------------------------
keys w Home m
wait_for w "as written (m)"
expect_part w 3 10 120 "the output as written" <<'SCREEN'
 ── user ───────────────────────────────────────────────── │ Here is the ledger as a table.
 I keep the books for a small farm shop. Below are the     │
 first transactions of March,                              │ | Date | Description | Account | Amount |
 copied from the bank statement. Please turn them into a   │ |:-----|:------------|:--------|-------:|
 table with the columns Date,                              │ | 03/03/2025 | HARVEST supplies, bulk order of seed
 Description, Account and Amount, right-align the amounts, │ potatoes | Cost of goods sold | 1,204.50 |
 and add a second table                                    │ | 03/04/2025 | Rent | Rent | 900.00 |
 with the total for each account. Keep the descriptions    │ | 03/05/2025 | Card fees | Bank charges | 12.40 |
SCREEN
keys w m
wait_gone w "as written (m)"
wait_for w "│ │ Date       │ Description    │ Account       │   Amount │"

# ---- search -------------------------------------------------------------------------
# Every match in the pane that scrolls is highlighted (reverse video).
keys w /
wait_for w " Search:"
type_text w "bank charges"
keys w Enter
wait_attr w "$(printf '\033[7mBank charges')" "no match highlighted"
# A match out of view, in a column out of view: scrolled down and sideways.
keys w /
type_text w "checksum"
keys w Enter
wait_for w "│ ‹           │ Checksum                                   ›"
keys w n
wait_for w "Search went round the end."
keys w N
wait_for w "Search went round the start."
keys w / z e b r a Enter
wait_for w "Not found: zebra"
# The prompt's own text, after Tab.
keys w Tab / b a n k Enter
wait_attr w "$(printf 'copied from the \033[7mbank')" "the prompt's match is not highlighted"
keys w q
wait_exit w
expect_status 0 "quit"

# ---- the prompt reflowed at 80x24 and 160x45 ---------------------------------------------
start n 80 24 rate --as --reviewer ana
wait_for n "(Tab: output)"
expect_screen n 3 12 "the prompt at 80x24" <<'SCREEN'
 ── user ──────────────────────────────────────────────────────────────────────
 I keep the books for a small farm shop. Below are the first transactions of
 March, copied from the bank statement. Please turn them into a table with the
 columns Date, Description, Account and Amount, right-align the amounts, and
 add a second table with the total for each account. Keep the descriptions
 exactly as they are written.

 03/03/2025 HARVEST supplies, bulk order of seed potatoes 1,204.50
 03/04/2025 Rent 900.00
 03/05/2025 Card fees 12.40
SCREEN
keys n q
wait_exit n

start x 160 45 rate --as --reviewer ana
wait_for x "item 1 of 1"
expect_part x 3 12 80 "the prompt at 160x45" <<'SCREEN'
 ── user ───────────────────────────────────────────────────────────────────── │
 I keep the books for a small farm shop. Below are the first transactions of   │
 March, copied from the bank statement. Please turn them into a table with the │
 columns Date, Description, Account and Amount, right-align the amounts, and   │
 add a second table with the total for each account. Keep the descriptions     │
 exactly as they are written.                                                  │
                                                                               │
 03/03/2025 HARVEST supplies, bulk order of seed potatoes 1,204.50             │
 03/04/2025 Rent 900.00                                                        │
 03/05/2025 Card fees 12.40                                                    │
SCREEN
keys x q
wait_exit x

finish
