# rubric-lang.sh: rubrics in more than one language at the command line.
# A bad language in a rubric is refused with where it is, exit 2 and the
# database unchanged; the bundled rubrics carry Japanese for every text the
# English has.
. "$TESTS_SRCDIR/cli/lib.sh"

Q() { "$SQLITE3" -batch -noheader "$PANELIST_DB" "$1"; }

run import "$TOP_SRCDIR/rubrics"
expect_status 0 "the bundled rubrics import"
dump "$PANELIST_DB" >"$WORK/before.sql"

# Every text the English has, in Japanese: title, description, 5 labels,
# 5 questions and 25 anchors per rubric.
ok
[ "$(Q "SELECT count(DISTINCT languages) || ' ' || min(languages) FROM rubric")" = "1 en,ja" ] ||
    fail "the bundled rubrics' languages: $(Q "SELECT capability, languages FROM rubric")"
for part in title:6 description:6 label:30 question:30 anchor:150; do
	n=$(Q "SELECT count(*) FROM rubric_text WHERE lang = 'ja' AND part = '${part%:*}'
	    AND length(text) > 0")
	ok
	[ "$n" = "${part#*:}" ] || fail "Japanese ${part%:*} texts: $n, expected ${part#*:}"
done
ok
[ "$(Q "SELECT count(*) FROM rubric_text WHERE lang = 'ja' AND part = 'anchor' AND
    ($(glob text '*[A-Za-z][a-z][a-z][a-z] [a-z]*') OR NOT $(glob text '*[ぁ-ん]*'))")" = 0 ] ||
    fail "a Japanese anchor reads as English: $(Q "SELECT axis, value, text FROM rubric_text
    WHERE lang = 'ja' AND part = 'anchor' AND NOT $(glob text '*[ぁ-ん]*') LIMIT 3")"

# bad CASE LINE:COL MESSAGE: the rubric refused there, nothing written.
bad() {
	printf '%s' "$1" >"$WORK/bad.yaml"
	run import "$WORK/bad.yaml"
	expect_status 2 "$3"
	expect_err "^panelist: $WORK/bad.yaml:$2: $3" "$3"
	dump "$PANELIST_DB" >"$WORK/after.sql"
	ok
	cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a refused rubric changed the database: $3"
}
H='kind: rubric
capability: summarization
scale: {min: 1, max: 5}
'
bad "${H}title: {en: T, EN: U}
axes: [{id: a, question: q}]
" 4:16 "rubric 'title': 'EN' is not a language code \(such as en, ja or pt_BR\)"
bad "${H}title: {en: T, en: U}
axes: [{id: a, question: q}]
" 4:16 "rubric 'title': language 'en' appears twice"
bad "${H}languages: [en, ja]
title: T
axes: [{id: a, question: {en: q, fr: r}}]
" 6:34 "axis 'question': 'fr' is not one of the rubric's languages"
bad "${H}title: T
axes: [{id: a, question: q, anchors: {1: x, ja: {1: y}}}]
" 5:45 "anchors: language codes and points of the scale in one mapping"
bad "${H}languages: [ja, en]
title: {en: T}
axes: [{id: a, question: 問}]
" 5:9 "rubric 'title': no text in 'ja', the rubric's first language"

# The same refusal in the reviewer's language.
if locale -a 2>/dev/null | grep -qiE '^ja_JP\.utf-?8$'; then
	printf '%s' "${H}title: {en: T, EN: U}
axes: [{id: a, question: q}]
" >"$WORK/bad.yaml"
	LC_ALL=ja_JP.UTF-8 "$PANELIST" import "$WORK/bad.yaml" >"$WORK/out" 2>"$WORK/err"
	status=$?
	expect_status 2 "refused under the Japanese locale"
	expect_err "bad.yaml:4:16: rubric 'title': 'EN' は言語コード（en、ja、pt_BR など）ではありません" \
	    "the refusal in Japanese"
fi

finish
