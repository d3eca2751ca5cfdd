# messages.sh: what panelist says while a study runs: the paths it names,
# the bundled panel it cannot find, the files -o wrote, the numbers of its
# JSON, the time a review last changed and the units it counts in.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"
S=$FIXTURES/scores
PY=${PYTHON3:-python3}

# ---- paths: one slash between a directory and its files ----------------------
mkdir -p "$WORK/in"
cp "$FIXTURES/good/rubric-summarization.yaml" "$WORK/in/"
printf 'kind: rubric\ncapability: [\n' >"$WORK/in/broken.yaml"
dump_missing=$WORK/none.db
PANELIST_DB=$dump_missing run import "$WORK/in/"
expect_status 2 "a directory given with a trailing slash"
expect_err "^panelist: $WORK/in/broken\\.yaml:" "the file is named with one slash"
ok
! grep -q "//" "$WORK/err" || fail "a path with a double slash: $(grep "//" "$WORK/err" | head -2)"
PANELIST_DB=$dump_missing run import "$WORK/in///"
expect_err "^panelist: $WORK/in/broken\\.yaml:" "a directory ending in several slashes"

# ---- the bundled panel, not where it was to be installed ---------------------
PANELIST_DATADIR=$WORK/nowhere run demo
expect_status 2 "demo with PANELIST_DATADIR naming nothing"
expect_err "^panelist: $WORK/nowhere/rubrics: No such file or directory \\(the bundled panel is looked for in PANELIST_DATADIR, $WORK/nowhere\\)\$" \
    "a missing bundled panel names PANELIST_DATADIR"
ok
[ "$(grep -c . "$WORK/err")" -eq 1 ] || fail "one message for a missing panel, not $(grep -c . "$WORK/err")"
# A copy of the binary outside the build tree is a staged install: it looks
# in the package data directory, and says how to point it elsewhere.
mkdir -p "$WORK/staged"
cp "$PANELIST" "$WORK/staged/panelist"
"$WORK/staged/panelist" demo >"$WORK/out" 2>"$WORK/err"
status=$?
if grep -q "^Demo panel:" "$WORK/out"; then
	:	# installed on this machine: nothing to say
else
	expect_status 2 "a staged install without its panel"
	expect_err "^panelist: .*/rubrics: No such file or directory \\(the bundled panel is not installed there; for a staged or moved install set PANELIST_DATADIR to the directory holding rubrics, prompts and demo\\)\$" \
	    "a staged install names PANELIST_DATADIR"
fi
PANELIST_DATADIR=$TOP_SRCDIR "$WORK/staged/panelist" demo >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 2 "a staged install pointed at its panel (no terminal)"
expect_out "^Demo panel: " "PANELIST_DATADIR finds the panel"

# ---- a rated study ----------------------------------------------------------------
run import "$S"
expect_status 0 "import of the scores fixtures"
"$PUT_RATINGS" "$PANELIST_DB" <"$S/ratings.txt" 2>"$WORK/err"
status=$?
expect_status 0 "put-ratings"
# 4.9 seconds, and 0.1 + 0.2 (0.30000000000000004 as a double, 0.3 in
# tenths of a second), for the JSON below.
printf 'time ben s2 alpha 4.9\ntime @cy s3 alpha 0.1\ntime @cy s3 alpha 0.2\n' |
    "$PUT_RATINGS" "$PANELIST_DB" 2>"$WORK/err"

# ---- JSON numbers: the shortest text that reads back as the same double -------
run export --format jsonl
expect_status 0 "export --format jsonl"
expect_out '"reviewer":"ben","prompt":"s2",.*"active_seconds":4\.9,' "4.9 seconds written 4.9"
expect_out '"reviewer":"@cy","prompt":"s3",.*"active_seconds":0\.3,' "0.1 + 0.2 seconds, in tenths, written 0.3"
ok
! grep -Eq '[0-9]\.[0-9]{15,}' "$WORK/out" || fail "a number in 17 digits: $(grep -Eo '[0-9]\.[0-9]{15,}' "$WORK/out" | head -1)"

# Every real in every JSON document is the shortest that reads back the same
# (Python's repr is exactly that), and reads back to the document's value.
shortest() {
	ok
	"$PY" -c "import json, re, sys
text = open(sys.argv[1]).read()
try:
    json.loads(text)
except ValueError:
    [json.loads(l) for l in text.splitlines()]
for t in re.findall(r'(?<![\"\\w.])-?\d+\.\d+(?:e[-+]?\d+)?(?![\"\\w])', text):
    if repr(float(t)) != t:
        sys.exit('%s is not the shortest, %s' % (t, repr(float(t))))" "$1" 2>"$WORK/py" ||
	    fail "$2: $(cat "$WORK/py")"
}
for c in "scores" "scores --by model,capability,axis" "compare alpha beta" "agreement" "export --scores"; do
	# shellcheck disable=SC2086
	run $c --format json --resamples 50
	expect_status 0 "$c --format json"
	shortest "$WORK/out" "$c --format json"
done
expect_out '"level": 0\.95,' "the level is 0.95, not 0.94999999999999996"

# ---- export --scores: JSON lines are jsonl, a JSON document json ----------------
run export --scores --format json --resamples 50
cp "$WORK/out" "$WORK/scores.json"
run export --scores --format jsonl --resamples 50
expect_status 0 "export --scores --format jsonl"
shortest "$WORK/out" "export --scores --format jsonl"
ok
"$PY" -c "import json, sys
doc = json.load(open(sys.argv[1]))
lines = [json.loads(l) for l in open(sys.argv[2])]
rows = [l for l in lines if l['kind'] == 'score']
overall = [l for l in lines if l['kind'] == 'overall']
assert len(rows) + len(overall) == len(lines), 'a line of another kind'
assert [dict((k, v) for k, v in l.items() if k not in ('kind', 'grouping')) for l in rows] == doc['rows'], 'the rows differ from the document'
assert [dict((k, v) for k, v in l.items() if k not in ('kind', 'grouping')) for l in overall] == doc['models'], 'the overall lines differ'
assert all(l['grouping'] == doc['grouping'] for l in lines), 'a line without its grouping'
" "$WORK/scores.json" "$WORK/out" 2>"$WORK/py" || fail "export --scores --format jsonl: $(tail -1 "$WORK/py")"
run export --scores --format pdf
expect_status 2 "export --scores --format pdf"
expect_err "^panelist: --format pdf: expected csv, tsv, jsonl, json or md\$" "export --scores names its formats"

# ---- changed: the last change of any kind to the review -----------------------
run export --format jsonl
sed -n 's/.*"reviewer":"ben","prompt":"s1".*"changed":"\([^"]*\)".*/\1/p' "$WORK/out" >"$WORK/before"
first=$(sed -n 's/.*"reviewer":"ben","prompt":"s1".*"first_rated":"\([^"]*\)".*/\1/p' "$WORK/out")
sleep 0.01
printf 'note ben s1 alpha reads well\n' | "$PUT_RATINGS" "$PANELIST_DB" 2>"$WORK/err"
run export --format jsonl
sed -n 's/.*"reviewer":"ben","prompt":"s1".*"changed":"\([^"]*\)".*/\1/p' "$WORK/out" >"$WORK/after"
ok
[ -s "$WORK/before" ] && ! cmp -s "$WORK/before" "$WORK/after" ||
    fail "a note does not move changed: $(cat "$WORK/before") then $(cat "$WORK/after")"
ok
[ "$first" = "$(sed -n 's/.*"reviewer":"ben","prompt":"s1".*"first_rated":"\([^"]*\)".*/\1/p' "$WORK/out")" ] ||
    fail "a note moved first_rated"
run export --wide --format tsv
expect_out "^Scores test, Q1	ben	s1	1	alpha	summarization	1	.*	reads well			0\\.0	[^	]*	$(cat "$WORK/after")\$" \
    "the wide export's changed moves with the note too"

# ---- -o says what it wrote ------------------------------------------------------
run export -o "$WORK/r.csv"
expect_status 0 "export -o"
size=$(wc -c <"$WORK/r.csv" | tr -d ' ')
expect_err "^Wrote $WORK/r\\.csv \\($size bytes\\): 26 ratings of study 'Scores test, Q1' \\(one row each\\), csv\\.\$" \
    "export -o names the file, its size and what it holds"
ok
[ ! -s "$WORK/out" ] || fail "export -o wrote to stdout"
run export --wide --format jsonl -o "$WORK/w.jsonl"
size=$(wc -c <"$WORK/w.jsonl" | tr -d ' ')
expect_err "^Wrote $WORK/w\\.jsonl \\($size bytes\\): 26 ratings of study 'Scores test, Q1' in 25 rows \\(one per reviewer, output and capability\\), jsonl\\.\$" \
    "export --wide -o counts ratings and rows"
run export --scores --format md -o "$WORK/s.md"
size=$(wc -c <"$WORK/s.md" | tr -d ' ')
expect_err "^Wrote $WORK/s\\.md \\($size bytes\\): the scores by model,capability, md\\.\$" "export --scores -o"
run export -o -
ok
! grep -q "^Wrote" "$WORK/err" || fail "export to stdout said it wrote a file"
run report -o "$WORK/r.html"
expect_status 0 "report -o"
size=$(wc -c <"$WORK/r.html" | tr -d ' ')
expect_err "^Wrote $WORK/r\\.html \\($size bytes\\): the report of study 'Scores test, Q1': 3 models, 10 prompts, 21 outputs, 3 reviewers, 26 ratings \\(one per output, axis and reviewer\\)\\.\$" \
    "report -o names the file, its size and what it covers"

# ---- counts name their units --------------------------------------------------
ok
grep -q "The whole panel: <strong data-alpha=\"[^\"]*\">[0-9.-]*</strong> over [0-9]* (output, axis) pairs\\." "$WORK/r.html" ||
    fail "the report's panel alpha does not count (output, axis) pairs: $(grep -o 'The whole panel[^.]*\.[^.]*\.' "$WORK/r.html")"

# ---- the examples of rate in panelist(1) and the README are accepted -------------
# (without a terminal they get as far as asking for one).
{
	sed -n 's/^\$ panelist --db q4\.db rate /rate /p' "$TOP_SRCDIR/man/panelist.1"
	sed -n 's/^panelist --db q4\.db rate \([^#]*\).*/rate \1/p' "$TOP_SRCDIR/README.md"
} >"$WORK/examples"
ok
[ "$(grep -c -- --reviewer "$WORK/examples")" -ge 2 ] || fail "no rate --reviewer examples found: $(cat "$WORK/examples")"
while read -r line; do
	# shellcheck disable=SC2086
	run $line </dev/null
	expect_status 2 "the example '$line' without a terminal"
	expect_err "needs a terminal" "the example '$line' is accepted as written"
done <"$WORK/examples"

# ---- did-you-mean for the names of a study ----------------------------------------
# name_error WHAT MESSAGE ARGS...: status 2, MESSAGE (a whole line) on stderr,
# the database as it was.
name_error() {
	what=$1 msg=$2
	shift 2
	dump "$PANELIST_DB" >"$WORK/before"
	run "$@"
	expect_status 2 "$what"
	expect_err "^panelist: $msg\$" "$what: the message"
	dump "$PANELIST_DB" >"$WORK/after"
	ok
	cmp -s "$WORK/before" "$WORK/after" || fail "$what: the database changed"
}
printf 'kind: prompts\nprompts:\n  - id: x1\n    capabilities: [sumarization]\n    title: X\n    turns:\n      - role: user\n        content: hi\n' >"$WORK/p.yaml"
name_error "a capability typo in a prompt file" \
    "$WORK/p\\.yaml:4:20: prompt 'x1': capability 'sumarization' has no rubric \\(did you mean 'summarization'\\?\\)" import "$WORK/p.yaml"
printf 'kind: study\ntitle: T\nweights:\n  generaton: 2\n' >"$WORK/st.yaml"
name_error "a capability typo in a study's weights" \
    "$WORK/st\\.yaml:4:3: study weight for capability 'generaton', which no rubric defines \\(did you mean 'generation'\\?\\)" import "$WORK/st.yaml"
name_error "scores --model misspelt" "no ratings of model 'alhpa' \\(did you mean 'alpha'\\?\\)" scores --model alhpa
name_error "scores --capability misspelt" "no ratings of capability 'sumarization' \\(did you mean 'summarization'\\?\\)" scores --capability sumarization
name_error "compare with a misspelt model" "no ratings of model 'gama' \\(did you mean 'gamma'\\?\\)" compare alpha gama
name_error "export --scores --model misspelt" "no ratings of model 'bta' \\(did you mean 'beta'\\?\\)" export --scores --model bta
name_error "a model far from any" "no ratings of model 'omega' \\(models with ratings: alpha, beta, gamma\\)" scores --model omega
run export --format jsonl
grep '"reviewer":"ana","prompt":"s1","prompt_version":1,"model":"alpha","capability":"summarization","rubric_version":1,"axis":"accuracy"' \
    "$WORK/out" >"$WORK/one.jsonl"
sed 's/"model":"alpha"/"model":"alpa"/' "$WORK/one.jsonl" >"$WORK/m.jsonl"
name_error "a model typo in a ratings line" "$WORK/m\\.jsonl:1:1: no model 'alpa' here \\(did you mean 'alpha'\\?\\)" import --as "$WORK/m.jsonl"
sed 's/"axis":"accuracy"/"axis":"acuracy"/' "$WORK/one.jsonl" >"$WORK/a.jsonl"
name_error "an axis typo in a ratings line" \
    "$WORK/a\\.jsonl:1:1: no axis 'acuracy' of capability 'summarization' for prompt 's1' here \\(did you mean 'accuracy'\\?\\)" import --as "$WORK/a.jsonl"
sed 's/"capability":"summarization"/"capability":"sumarization"/' "$WORK/one.jsonl" >"$WORK/c.jsonl"
name_error "a capability typo in a ratings line" \
    "$WORK/c\\.jsonl:1:1: \"capability\": 'sumarization': no such capability \\(did you mean 'summarization'\\?\\)" import --as "$WORK/c.jsonl"
printf 'kind: study\ntitle: Scores test, Q1\nblind: false\nseed: 42\nreviewers: [ana, ben, "@cy"]\nweights:\n  summarization: 1\n  generation: 3\n' >"$WORK/roster.yaml"
run import --force "$WORK/roster.yaml"
expect_status 0 "a roster for the study"
sed 's/"reviewer":"ana"/"reviewer":"anna"/' "$WORK/one.jsonl" >"$WORK/r.jsonl"
name_error "a reviewer typo in a ratings line" \
    "$WORK/r\\.jsonl:1:1: \"reviewer\": 'anna' is not on this study's roster \\(did you mean 'ana'\\?\\)" import --as "$WORK/r.jsonl"

finish
