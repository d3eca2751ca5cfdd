# i18n-tables.sh: scores, compare and agreement in Japanese.  A small study
# with reviewers 田中 and 佐藤 and Japanese prompt titles, shown under
# LC_ALL=ja_JP.UTF-8: the tables' headings, words and notes are Japanese,
# and every column lines up in display cells (a wide character is two):
# a left-aligned column starts in one cell on the heading and on every
# row, a right-aligned one ends in one cell, and Markdown's | line up.
# At 72 cells the notes wrap between characters, within the width.  CSV,
# TSV and JSON are the same bytes as under C.UTF-8, and English.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"
if ! locale -a 2>/dev/null | grep -qiE '^ja_JP\.utf-?8$'; then
	echo "SKIP: no ja_JP.UTF-8 locale (./setup.sh generates it): the Japanese tables are not checked" >&2
	exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 measures the cells" >&2; exit 77; }

# ---- the study --------------------------------------------------------------
mkdir "$WORK/study"
cat >"$WORK/study/study.yaml" <<'EOF'
kind: study
title: 要約の調査
blind: false
seed: 7
EOF
cat >"$WORK/study/rubric.yaml" <<'EOF'
kind: rubric
capability: summarization
title: 要約
scale: {min: 1, max: 5}
axes:
  - id: accuracy
    question: 原文に忠実ですか。
  - id: clarity
    question: 読みやすいですか。
EOF
{
	echo "kind: prompts"
	echo "prompts:"
	for i in 1 2 3 4 5 6; do
		printf '  - id: p%s\n    capabilities: [summarization]\n' "$i"
		printf '    title: 会議メモの要約 %s\n    occupation: 総務担当者\n' "$i"
		printf '    turns:\n      - role: user\n'
		printf '        content: 会議メモ %s を三行で要約してください。\n' "$i"
	done
} >"$WORK/study/prompts.yaml"
for m in alpha beta; do
	{
		echo "kind: outputs"
		echo "model: $m"
		echo "outputs:"
		for i in 1 2 3 4 5 6; do
			printf '  - prompt: p%s\n    text: %s の要約 %s。\n' "$i" "$m" "$i"
		done
	} >"$WORK/study/outputs-$m.yaml"
done
run import "$WORK/study"
expect_status 0 "import of the Japanese study"

# ana varies; 田中 gives one more than ana (lenient); 佐藤 gives one score
# per item (straight-lines, halo); 佐藤 flags an output.
{
	set -- 3 4 4 3 2 3 4 4 3 2 4 3 2 3 3 2 1 2 3 3 2 1 3 2
	for m in alpha beta; do
		for i in 1 2 3 4 5 6; do
			a=$1 c=$2
			shift 2
			echo "ana p$i $m summarization accuracy $a"
			echo "ana p$i $m summarization clarity $c"
			echo "田中 p$i $m summarization accuracy $((a + 1))"
			echo "田中 p$i $m summarization clarity $((c + 1))"
			echo "佐藤 p$i $m summarization accuracy $a"
			echo "佐藤 p$i $m summarization clarity $a"
		done
	done
	echo "flag 佐藤 p2 beta off-topic 要約になっていません"
} >"$WORK/ratings.txt"
"$PUT_RATINGS" "$PANELIST_DB" <"$WORK/ratings.txt" 2>"$WORK/err"
status=$?
expect_status 0 "put-ratings"

# aligned MODE WHAT: the tables in $WORK/out line up (cells table, list or
# md: the bar of a scores table is left out).
aligned() {
	cells "$1" "$WORK/out" >"$WORK/misaligned" 2>&1
	ok
	[ ! -s "$WORK/misaligned" ] || fail "$2: $(cat "$WORK/misaligned")
$(cat "$WORK/out")"
}

# ja ARGS...: run panelist in Japanese, 100 cells wide.
ja() {
	LC_ALL=ja_JP.UTF-8 LANGUAGE= COLUMNS=100 run "$@"
}

# ---- the tables in Japanese ---------------------------------------------------------
ja scores
expect_status 0 "scores in Japanese"
expect_out "^モデル +能力 +スコア +95% 信頼区間" "the scores' headings are Japanese"
expect_out "^区間: 95% の Student t 区間" "the scores' notes are Japanese"
aligned table "scores"
LC_ALL=ja_JP.UTF-8 LANGUAGE= COLUMNS=300 run scores
expect_out "^フラグ付きの出力.*（17% \[3%, 56%\]；的外れ 1）。" "the flag notes name the reason in Japanese"

ja scores --by reviewer
expect_status 0 "scores by reviewer in Japanese"
expect_out "^評価者 +スコア" "the reviewers' scores have Japanese headings"
expect_out "^佐藤 +[0-9]" "a Japanese reviewer heads a row"
aligned table "scores by reviewer"

ja scores --by model
expect_status 0 "scores by model in Japanese"
expect_out "全 1$" "the capabilities column in Japanese"
aligned table "scores by model"

ja scores --format md
expect_status 0 "scores as Markdown in Japanese"
expect_out "^\| モデル +\| 能力 " "Markdown headings are Japanese"
aligned md "scores as Markdown"

ja compare alpha beta
expect_status 0 "compare in Japanese"
expect_out "^A は alpha、B は beta です。$" "the comparison's title is Japanese"
expect_out "^総合 +6 " "the overall row is named in Japanese"
expect_out "はい$" "differs says yes in Japanese"
expect_out "Holm 法で補正" "the Holm note is Japanese"
aligned table "compare"

ja agreement
expect_status 0 "agreement in Japanese"
expect_out "^能力 +評価軸 +α +95% 信頼区間 +単位 +値 +メモ$" "the alpha table's headings are Japanese"
expect_out "^すべて +すべて +[0-9]" "the panel row says すべて"
expect_out "^評価者 +評価 +平均 +寛大さ／厳しさ +除外時のα +Δα +一本調子 +ハロー効果 +フラグ$" \
    "the reviewer table's headings are Japanese"
expect_out "^佐藤 .*一本調子 ハロー効果$" "straight-lining and halo flags in Japanese"
expect_out "^田中 .*寛大" "the leniency flag in Japanese"
expect_out "^パネルの α（ordinal、すべて統合）" "the panel note is Japanese"
expect_out "^区間: 95% パーセンタイル・ブートストラップ区間" "the bootstrap note is Japanese"
aligned table "agreement"

ja agreement --format md
expect_status 0 "agreement as Markdown in Japanese"
aligned md "agreement as Markdown"

# A narrow terminal: columns go, still in line; the notes are wrapped
# between characters, within the width.
LC_ALL=ja_JP.UTF-8 LANGUAGE= COLUMNS=72 run agreement
expect_status 0 "agreement at 72 cells"
aligned table "agreement at 72 cells"
expect_out "^区間: 95% パーセンタイル・ブートストラップ区間、リサンプル 2000 回、プロ$" \
    "a note wraps between characters"
ok
! grep -q '^[、。）」]' "$WORK/out" || fail "a wrapped line starts with closing punctuation: $(cat "$WORK/out")"
ok
[ -z "$(cells fits 72 "$WORK/out")" ] || fail "a line of agreement is wider than 72 cells: $(cat "$WORK/out")"

LC_ALL=ja_JP.UTF-8 LANGUAGE= run list reviewers
expect_status 0 "list reviewers in Japanese"
aligned list "the reviewer listing"

# ---- machine formats: the same bytes in any locale -------------------------------------
for args in "scores --format csv" "scores --format tsv" "scores --format json" \
    "scores --by reviewer --format csv" \
    "scores --by model --format tsv" "compare alpha beta --format csv" \
    "compare alpha beta --format tsv" "compare alpha beta --format json" \
    "agreement --format csv" "agreement --format tsv" "agreement --format json" \
    "agreement --reviewers --format csv" "agreement --reviewers --format tsv"; do
	# shellcheck disable=SC2086 # args is a word list
	LC_ALL=C.UTF-8 LANGUAGE= "$PANELIST" $args >"$WORK/c.out" 2>&1
	# shellcheck disable=SC2086
	LC_ALL=ja_JP.UTF-8 LANGUAGE= "$PANELIST" $args >"$WORK/ja.out" 2>&1
	ok
	cmp -s "$WORK/c.out" "$WORK/ja.out" || fail "$args differs between C.UTF-8 and ja_JP.UTF-8:
$(diff "$WORK/c.out" "$WORK/ja.out" | head -20)"
done
# ... and that is English: headings, flags, words.
LC_ALL=ja_JP.UTF-8 LANGUAGE= "$PANELIST" agreement --reviewers --format csv >"$WORK/ja.csv"
ok
head -n 1 "$WORK/ja.csv" | grep -q '^reviewer,ratings,mean,leniency,compared,alpha_without' ||
	fail "the reviewers' CSV heading is not English: $(head -n 1 "$WORK/ja.csv")"
ok
grep -q 'straight-lines halo' "$WORK/ja.csv" || fail "the reviewers' CSV lost its English flags: $(cat "$WORK/ja.csv")"
LC_ALL=ja_JP.UTF-8 LANGUAGE= "$PANELIST" compare alpha beta --format csv >"$WORK/ja.csv"
ok
grep -q '^alpha,beta,overall,.*,yes' "$WORK/ja.csv" || fail "compare's CSV lost its English words: $(cat "$WORK/ja.csv")"

# ---- English stays English ------------------------------------------------------------
LC_ALL=C.UTF-8 LANGUAGE= COLUMNS=100 run agreement
expect_out "^reviewer +ratings +mean +leniency" "the C locale's tables are English"
aligned table "agreement in English"

finish
