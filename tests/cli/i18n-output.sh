# i18n-output.sh: the commands' text output in Japanese, lined up, while
# every machine format stays English byte for byte.  Under
# LC_ALL=ja_JP.UTF-8: --help and help COMMAND, status, scores, compare,
# agreement, list and show speak Japanese and their columns line up in
# display cells (a wide character is two); csv, tsv, json, jsonl, list
# --tsv and export are the same bytes as under C.UTF-8; a usage error is
# Japanese with exit status 2.  Under de_DE.UTF-8 numbers keep their decimal
# point.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"
if ! locale -a 2>/dev/null | grep -qiE '^ja_JP\.utf-?8$'; then
	echo "SKIP: no ja_JP.UTF-8 locale (./setup.sh generates it): Japanese output not checked" >&2
	exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 measures the cells" >&2; exit 77; }

S=$FIXTURES/scores
run import "$S"
expect_status 0 "import of the scores fixtures"
# A Japanese reviewer, so that names in the tables are wide too.
sed 's/\bana\b/田中/g' "$S/ratings.txt" | "$PUT_RATINGS" "$PANELIST_DB" 2>"$WORK/err"
status=$?
expect_status 0 "put-ratings"

ja() {
	LC_ALL=ja_JP.UTF-8 COLUMNS=100 "$PANELIST" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

# aligned WHAT FIRST LAST: lines FIRST..LAST of $WORK/out line up under the
# first (cells rows: each cell starts or ends where its heading does).
aligned() {
	cells rows "$WORK/out" "$2" "$3" >"$WORK/off"
	ok
	[ ! -s "$WORK/off" ] || fail "$1: these rows do not line up under the headings:
$(cat "$WORK/off")
the table:
$(sed -n "$2,$3p" "$WORK/out")"
}

# ---- help ---------------------------------------------------------------
ja --help
expect_status 0 "--help in Japanese"
expect_out '^使い方: panelist \[--db FILE\] COMMAND' "--help: the usage line"
expect_out '^  scores    モデルのスコアを信頼区間とともに表示$' "--help: a command's line"
# The same commands, in the same order, as the English help.
"$PANELIST" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' >"$WORK/en.cmds"
sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$WORK/out" >"$WORK/ja.cmds"
ok
cmp -s "$WORK/en.cmds" "$WORK/ja.cmds" || fail "--help lists other commands in Japanese: $(diff "$WORK/en.cmds" "$WORK/ja.cmds")"
ja help scores
expect_status 0 "help scores in Japanese"
expect_out 'スコアは項目平均の平均です' "help scores: the details"
expect_out '^  --model M         モデル M だけ（複数指定可）$' "help scores: an option, its text at column 20"

# ---- status: the labels and both tables ---------------------------------
ja status
expect_status 0 "status in Japanese"
expect_out '^調査:           Scores test' "status: the study's label"
expect_out '^能力 +プロンプト' "status: the capability table's heading"
first=$(grep -n '^能力 ' "$WORK/out" | cut -d: -f1)
aligned "status: the capability table" "$first" $((first + 2))
first=$(grep -n '^評価者 ' "$WORK/out" | cut -d: -f1)
aligned "status: the reviewer table, 田中 among them" "$first" $((first + 3))
expect_out '^田中 ' "status: the Japanese reviewer's row"

# ---- scores, compare, agreement -------------------------------------------
ja scores --resamples 0
expect_status 0 "scores in Japanese"
expect_out '^モデル +能力 +スコア' "scores: the headings"
expect_out '^区間なし: --resamples 0。$' "scores: a note"
ja scores --by reviewer --resamples 0
expect_status 0 "scores by reviewer in Japanese"
expect_out '^田中      3\.14 ' "scores by reviewer: 田中's score under its heading (padded in cells)"
ja compare alpha beta
expect_status 0 "compare in Japanese"
expect_out "^A は alpha、B は beta です。$" "compare: the title"
ja agreement --reviewers
expect_status 0 "agreement --reviewers in Japanese"
expect_out '^評価者 +評価 +平均 +寛大さ' "agreement: the reviewer table's headings"
first=$(grep -n '^評価者 ' "$WORK/out" | cut -d: -f1)
aligned "agreement: the reviewer table, 田中 among them" "$first" $((first + 4))

# ---- list and show: Japanese labels, padded in cells ----------------------
ja list prompts
expect_status 0 "list prompts in Japanese"
expect_out '^ID +版 +能力' "list: the headings"
ja show prompt s1
expect_status 0 "show prompt in Japanese"
# Every field's value starts in cell 14, after its label and the padding.
aligned "show prompt: the fields" 1 8
expect_out '^プロンプト    s1$' "show prompt: the first label, padded to 14 cells"
expect_out '^タイトル      Summary task 1$' "show prompt: another label, the value in the same column"

# ---- machine formats: the same bytes in either language -------------------
same() {
	what=$1
	shift
	LC_ALL=C.UTF-8 "$PANELIST" "$@" >"$WORK/en.out" 2>&1
	LC_ALL=ja_JP.UTF-8 "$PANELIST" "$@" >"$WORK/ja.out" 2>&1
	ok
	cmp -s "$WORK/en.out" "$WORK/ja.out" || fail "$what differs under the Japanese locale:
$(diff "$WORK/en.out" "$WORK/ja.out" | head -10)"
}
same "scores --format csv" scores --format csv --resamples 0
same "scores --format tsv" scores --format tsv --resamples 0
same "scores --format json" scores --format json --resamples 200
same "compare --format json" compare alpha beta --format json
same "agreement --format csv" agreement --format csv --resamples 0
same "agreement --reviewers --format tsv" agreement --reviewers --format tsv --resamples 0
same "status --format json" status --format json
same "status --format tsv" status --format tsv
same "list --tsv prompts" list --tsv prompts
same "list --tsv reviewers" list --tsv reviewers
same "notes --format csv" notes --format csv
same "export" export
same "export --format jsonl" export --format jsonl
same "export --scores --format json" export --scores --format json

# ---- numbers: a decimal point whatever the locale's own -------------------
if locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$'; then
	for f in csv json; do
		LC_ALL=C.UTF-8 "$PANELIST" scores --format $f --resamples 0 >"$WORK/c.out"
		LC_ALL=de_DE.UTF-8 "$PANELIST" scores --format $f --resamples 0 >"$WORK/de.out"
		ok
		cmp -s "$WORK/c.out" "$WORK/de.out" || fail "scores --format $f under de_DE (a decimal comma):
$(diff "$WORK/c.out" "$WORK/de.out" | head -6)"
	done
	LC_ALL=de_DE.UTF-8 "$PANELIST" scores --resamples 0 >"$WORK/out"
	expect_out '^alpha +generation +3\.00 ' "scores' table under de_DE: 3.00, not 3,00"
else
	echo "SKIP: no de_DE.UTF-8 locale (./setup.sh check generates it): the decimal point not checked" >&2
fi

# ---- errors --------------------------------------------------------------
ja scores --model nosuch
expect_status 2 "scores --model nosuch"
expect_err "モデル 'nosuch' の評価はありません" "a usage error in Japanese"
ja scores --frobnicate
expect_status 2 "an unknown option"
expect_err '--frobnicate: 不明なオプションです' "an unknown option in Japanese"
expect_err '^使い方: panelist \[--db FILE\] scores ' "the usage line after the error"
LANGUAGE=en ja scores --frobnicate
expect_err '--frobnicate: unknown option' "LANGUAGE=en: the error in English"

finish
