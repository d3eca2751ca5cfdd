# scores.sh: scores, compare, agreement and export on a study rated through
# the storage interface (tests/fixtures/scores, whose ratings.txt explains
# the designed case), checked against numbers worked out by hand.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"
S=$FIXTURES/scores
PY=${PYTHON3:-python3}

run import "$S"
expect_status 0 "import of the scores fixtures"
"$PUT_RATINGS" "$PANELIST_DB" <"$S/ratings.txt" 2>"$WORK/err"
status=$?
expect_status 0 "put-ratings"

# json_check FILE PYTHON-EXPRESSION WHAT: the expression, over the parsed
# document d, is true.
json_check() {
	ok
	"$PY" -c "import json, sys
d = json.load(open(sys.argv[1]))
near = lambda a, b: a is not None and abs(a - b) < 1e-9
sys.exit(0 if ($2) else 1)" "$1" 2>"$WORK/py" || fail "$3 ($(cat "$WORK/py"))"
}

# ---- scores: the designed case ------------------------------------------------
run scores --by model,capability,axis --format json --resamples 200
expect_status 0 "scores by axis as JSON"
cp "$WORK/out" "$WORK/axis.json"
row='[r for r in d["rows"] if r["model"] == "alpha" and r["capability"] == "summarization" and r["axis"] == "accuracy"][0]'
json_check "$WORK/axis.json" "near($row['score'], 4.25)" "mean of item means (4.25, not the plain mean 4.125)"
json_check "$WORK/axis.json" "$row['outputs'] == 6 and $row['ratings'] == 9" "outputs and ratings counted, the flagged output's too"
json_check "$WORK/axis.json" "$row['na'] == 1 and $row['flagged'] == 1" "N/A left out, flagged counted in, both counted"
json_check "$WORK/axis.json" "$row['ci_low'] <= 4.25 <= $row['ci_high']" "the interval holds the score"

run scores --format json --resamples 200
cp "$WORK/out" "$WORK/cap.json"
cap='[r for r in d["rows"] if r["model"] == "alpha" and r["capability"] == "summarization"][0]'
json_check "$WORK/cap.json" "near($cap['score'], 4.125)" "capability score: the mean of its axis scores"
json_check "$WORK/cap.json" "d['left_out'] == {'na': 1, 'earlier_versions': 0} and d['flagged_ratings'] == 1 and d['flag_rule'] == 'counted'" "left out and flagged counted in JSON"
json_check "$WORK/cap.json" "$cap['flags']['outputs'] == 6 and $cap['flags']['flagged'] == 1 and near($cap['flags']['reasons']['broken']['share'], 1/6) and $cap['flags']['ci_low'] < 1/6 < $cap['flags']['ci_high']" \
    "JSON gives the share of outputs flagged, by reason, with its interval"
m='{m["model"]: m for m in d["models"]}'
json_check "$WORK/cap.json" "near($m['alpha']['score'], 3.28125) and near($m['beta']['score'], 2.75)" \
    "overall: weighted 1:3 by the study's weights"
json_check "$WORK/cap.json" "near($m['alpha']['weights']['generation'], 0.75) and $m['alpha']['missing'] == []" \
    "JSON gives the weights used"
json_check "$WORK/cap.json" "$m['gamma']['missing'] == ['generation'] and near($m['gamma']['weights']['summarization'], 1)" \
    "JSON gives the missing capabilities, weights renormalised"

COLUMNS=100 run scores --resamples 200
expect_out "^Left out: 1 N/A ratings\.$" "the table says what was left out"
expect_out "^Flagged outputs \(their ratings count like any other\): alpha summarization 1 of 6 \(17% \[3%, 56%\];" \
    "the table gives the share of outputs flagged"
expect_out "^Overall workplace score: alpha 3\.28 \[" "the table gives the overall scores"
expect_out "weights \(generation 3\.00, summarization 1\.00\)" "the table names the weights"
expect_out "^gamma: not rated on generation\.$" "the table names the missing capabilities"
expect_out "^ +summarization +4\.12 +\[" "the table's capability score"

# The intervals use no random numbers: the same bytes with any seed (JSON
# has every digit).
for f in a b; do
	"$PANELIST" scores --format json --seed 7 >"$WORK/$f.json"
done
ok
cmp -s "$WORK/a.json" "$WORK/b.json" || fail "the same seed gave different output"
"$PANELIST" scores --format json --seed 8 >"$WORK/c.json"
ok
cmp -s "$WORK/a.json" "$WORK/c.json" || fail "the seed changed the scores' intervals"
ok
[ "$(grep '"score"' "$WORK/a.json")" = "$(grep '"score"' "$WORK/c.json")" ] || fail "the seed changed the scores themselves"
"$PANELIST" scores --format csv --seed 7 >"$WORK/a.csv"
"$PANELIST" scores --format csv --seed 7 >"$WORK/b.csv"
ok
cmp -s "$WORK/a.csv" "$WORK/b.csv" || fail "the same seed gave different CSV"

# ---- every format ---------------------------------------------------------------
run scores --format csv --resamples 100
ok
"$PY" -c "import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
assert rows[0] == ['model', 'capability', 'score', 'ci_low', 'ci_high', 'ci_note', 'prompts', 'outputs', 'ratings', 'na', 'flagged'], rows[0]
assert len(rows) == 6 and all(len(r) == 11 for r in rows), rows
assert rows[5][:7] == ['gamma', 'summarization', '3.00', '', '', 'too few prompts (1)', '1'], rows[5]
assert ['alpha', 'summarization', '4.12'] == rows[2][:3], rows[2]" "$WORK/out" 2>"$WORK/py" ||
    fail "scores CSV: $(cat "$WORK/py")"
ok
[ "$(grep -c "$(printf '\r')\$" "$WORK/out")" -eq 6 ] || fail "CSV lines end in CRLF"
run scores --format tsv --resamples 100
expect_out "^alpha	summarization	4\.12	" "TSV"
run scores --format md --resamples 100
expect_out "^\| model +\| capability +\| score" "Markdown header"
expect_out "^\|[-:| ]+\|$" "Markdown separator"
expect_out "^\| alpha +\| summarization +\| +4\.12 \|" "Markdown row"
for cols in 60 160; do
	COLUMNS=$cols "$PANELIST" scores --by model,capability,axis >"$WORK/t.txt"
	wide=$("$PY" -c "import sys; print(max(len(l) for l in open(sys.argv[1], encoding='utf-8').read().split('\n')))" "$WORK/t.txt")
	ok
	[ "$wide" -le "$cols" ] || fail "table at COLUMNS=$cols is $wide wide"
done
ok
grep -q "├" "$WORK/t.txt" || fail "a wide table draws the interval bars"

# ---- filters and bad input --------------------------------------------------------
run scores --model beta --capability generation --format csv --resamples 50
ok
[ "$(grep -c . "$WORK/out")" -eq 2 ] || fail "--model and --capability filter: $(cat "$WORK/out")"
expect_out "^beta,generation,3\.00," "filtered row"
run scores --by reviewer --format csv --resamples 0
expect_out "^ana,[0-9.]+,,," "by reviewer, no intervals with --resamples 0"
for bad in "--by colour" "--model nobody" "--capability cooking" "--format xml" \
    "--resamples -3" "--resamples 1x" "--seed -1" "--by" "extra" "--reviewers" \
    "--reviewers sometimes"; do
	# shellcheck disable=SC2086
	run scores $bad
	expect_status 2 "scores $bad"
	expect_err "^panelist: " "scores $bad says why"
done
run scores --model nobody
expect_err "no ratings of model 'nobody' \(models with ratings: alpha, beta, gamma\)" "unknown model named"
run --db "$WORK/none.db" scores
expect_status 2 "scores without a study"

# ---- compare ----------------------------------------------------------------------
run compare alpha beta --format json --resamples 500
expect_status 0 "compare"
cp "$WORK/out" "$WORK/cmp.json"
c='{r["capability"]: r for r in d["capabilities"]}'
json_check "$WORK/cmp.json" "near($c['summarization']['diff'], 2.25) and $c['summarization']['differs'] is True" \
    "compare marks a difference whose interval excludes 0"
json_check "$WORK/cmp.json" "near($c['generation']['diff'], 0) and $c['generation']['differs'] is False and $c['generation']['ci_low'] < 0 < $c['generation']['ci_high']" \
    "compare does not mark one whose interval holds 0"
json_check "$WORK/cmp.json" "near(d['overall']['diff'], 0.5625)" "compare's overall row weighs the capabilities"
json_check "$WORK/cmp.json" "d['correction'] == 'holm' and d['tested'] == 3 and all(r['p_holm'] >= r['p'] for r in d['capabilities'])" \
    "compare says it corrects with Holm, over the rows it tested"
json_check "$WORK/cmp.json" "all(r['differs_raw'] in (True, False) for r in d['capabilities'] + [d['overall']])" \
    "compare gives the raw verdict too"
run compare alpha beta --resamples 500
expect_out "^summarization +6 +0\.25 +4\.25 +2\.00 +\+2\.25 .* yes$" "compare table marks yes"
expect_out "^generation +4 .* no$" "compare table marks no"
expect_out "Holm-adjusted over the 3 rows tested" "compare's table says it corrects"
run compare alpha gamma --format json
json_check "$WORK/out" "d['overall']['ci_low'] is None and d['overall']['ci_note'] == 'too few prompts (1)' and d['overall']['differs'] is False" \
    "one shared prompt: no interval, never differs"
COLUMNS=140 run compare alpha gamma
expect_out "^summarization +1 .*too few prompts \(1\) .* untested$" "the table says too few prompts"
run scores --format json
json_check "$WORK/out" "[r for r in d['rows'] if r['model'] == 'gamma'][0]['ci_note'] == 'too few prompts (1)'" \
    "a capability scored from one prompt has no interval, and says why"
COLUMNS=140 run scores
expect_out "^gamma +summarization +3\.00 +too few prompts \(1\)" "the scores table says too few prompts"
for bad in "alpha" "alpha alpha" "alpha nobody" "alpha beta gamma" "alpha beta --format pdf"; do
	# shellcheck disable=SC2086
	run compare $bad
	expect_status 2 "compare $bad"
	expect_err "^panelist: " "compare $bad says why"
done

# Two models never rated on one prompt: nothing to pair, said plainly, 2.
APART=$(new_db apart)
"$PANELIST" --db "$APART" import "$S" >/dev/null 2>&1
printf 'ana s1 alpha summarization accuracy 3\nana s2 beta summarization accuracy 4\n' |
    "$PUT_RATINGS" "$APART" 2>"$WORK/err"
run --db "$APART" compare alpha beta
expect_status 2 "compare without a shared prompt"
expect_err "no prompt was rated for both alpha and beta" "compare says there is nothing to pair"

# ---- which reviewers an interval is about ---------------------------------------------
run scores --format json
json_check "$WORK/out" "d['interval']['reviewers'] == 'fixed'" "JSON names the reviewer mode: fixed by default"
COLUMNS=200 run scores
expect_out "^Reviewers: fixed; the intervals are about these reviewers" "the table's footer names the mode"
run scores --format json --reviewers random
json_check "$WORK/out" "d['interval']['reviewers'] == 'random' and d['interval']['panel'] == 3" "--reviewers random, in JSON"
json_check "$WORK/out" "[r for r in d['rows'] if r['model'] == 'beta' and r['capability'] == 'generation'][0]['ci_note'] == 'too few reviewers (1)'" \
    "a row one reviewer rated has no interval about the reviewers' population"
fixed_hi=$("$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print([r for r in d['rows'] if r['model']=='alpha' and r['capability']=='summarization'][0]['ci_high'])" "$WORK/cap.json")
json_check "$WORK/out" "[r for r in d['rows'] if r['model'] == 'alpha' and r['capability'] == 'summarization'][0]['ci_high'] > $fixed_hi" \
    "random reviewers widen the interval"
COLUMNS=200 run scores --reviewers random
expect_out "^Reviewers: random, a sample of the people who could have rated" "the footer names the random mode"
COLUMNS=200 run compare alpha beta --reviewers random
expect_out "^Reviewers: random" "compare names the mode"
# The study file's reviewers_random sets the default; --reviewers wins.
RANDOM_DB=$(copy_db "$PANELIST_DB" random)
sed 's/^blind: false/blind: false\nreviewers_random: true/' "$S/study.yaml" >"$WORK/random-study.yaml"
run --db "$RANDOM_DB" import "$WORK/random-study.yaml"
expect_status 0 "import a study with reviewers_random: true"
run --db "$RANDOM_DB" scores --format json
json_check "$WORK/out" "d['interval']['reviewers'] == 'random'" "reviewers_random: true makes random the default"
COLUMNS=200 run --db "$RANDOM_DB" compare alpha beta
expect_out "^Reviewers: random" "compare follows the study's reviewers_random"
run --db "$RANDOM_DB" scores --format json --reviewers fixed
json_check "$WORK/out" "d['interval']['reviewers'] == 'fixed'" "--reviewers fixed wins over the study file"
printf 'kind: study\nreviewers_random: sometimes\n' >"$WORK/bad-study.yaml"
run --db "$RANDOM_DB" import "$WORK/bad-study.yaml"
expect_status 2 "reviewers_random must be true or false"

# ---- the flag rule: a flag never makes a model look better --------------------------
# alpha's worst output (s4, rated 1 by both) flagged broken by both: its
# ratings still count, so alpha's score and the difference from beta stay.
FLAG=$(new_db flag)
"$PANELIST" --db "$FLAG" import "$S" >/dev/null 2>&1
for p in s1 s2 s3 s4; do
	a=4; [ "$p" = s4 ] && a=1
	for r in ana ben; do
		printf '%s %s alpha summarization accuracy %s\n%s %s beta summarization accuracy 3\n' \
		    "$r" "$p" "$a" "$r" "$p"
	done
done | "$PUT_RATINGS" "$FLAG" 2>"$WORK/err"
"$PANELIST" --db "$FLAG" scores --format json >"$WORK/before.json"
"$PANELIST" --db "$FLAG" compare alpha beta --format json >"$WORK/cmp-before.json"
printf 'flag ana s4 alpha broken\nflag ben s4 alpha broken the text stops\n' |
    "$PUT_RATINGS" "$FLAG" 2>"$WORK/err"
"$PANELIST" --db "$FLAG" scores --format json >"$WORK/after.json"
"$PANELIST" --db "$FLAG" compare alpha beta --format json >"$WORK/cmp-after.json"
json_check "$WORK/before.json" "near([r for r in d['rows'] if r['model'] == 'alpha'][0]['score'], 3.25)" "flag rule: alpha 3.25 before the flags"
json_check "$WORK/after.json" "near([r for r in d['rows'] if r['model'] == 'alpha'][0]['score'], 3.25)" \
    "flagging the output rated lowest does not raise its model's score"
json_check "$WORK/after.json" "[r for r in d['rows'] if r['model'] == 'alpha'][0]['flags']['reasons']['broken']['flagged'] == 1" \
    "the flagged output is counted once, under its reason"
json_check "$WORK/cmp-after.json" "near(d['overall']['diff'], 0.25) and d['capabilities'][0]['flags']['a']['flagged'] == 1" \
    "nor the difference compare finds; compare gives the flag share"
COLUMNS=200 run --db "$FLAG" compare alpha beta
expect_out "^Flagged outputs \(their ratings count like any other\): alpha summarization 1 of 4" "compare's table gives the flag share"

# ---- agreement ----------------------------------------------------------------------
run agreement --format json --resamples 200
expect_status 0 "agreement"
cp "$WORK/out" "$WORK/ag.json"
cell='{(c["capability"], c["axis"]): c for c in d["cells"]}'
json_check "$WORK/ag.json" "$cell[('generation', 'clarity')]['alpha'] is None and 'no unit' in $cell[('generation', 'clarity')]['undefined']" \
    "alpha undefined with a single rating per output"
# Units s1 (5, 4) and s3 (3, 3, 3: @cy's flagged 3 counts), ordinal:
# o(4,5) = o(5,4) = 1, o(3,3) = 3; n = 5; delta(4,5) = 1, delta(3,4) = 4,
# delta(3,5) = 9; 1 - (n-1) sum o delta / sum n_c n_k delta = 1 - 4 * 2 / 80.
json_check "$WORK/ag.json" "near($cell[('summarization', 'accuracy')]['alpha'], 9/10) and $cell[('summarization', 'accuracy')]['units'] == 2" \
    "alpha of the designed case"
json_check "$WORK/ag.json" "[r['reviewer'] for r in d['reviewers']] == ['@cy', 'ana', 'ben']" "reviewer table in JSON"
run agreement --resamples 100
expect_out "^generation +clarity +— .*undefined: no output has two ratings" "the table says undefined"
expect_out "^reviewer +ratings +mean +leniency" "the table has the reviewers too"
run agreement --format csv --resamples 0
expect_out "^capability,axis,alpha,ci_low,ci_high,units,values,note" "CSV holds the alphas"
run agreement --format csv --reviewers --resamples 0
expect_out "^reviewer,ratings,mean,leniency," "--reviewers: the reviewer table"
run agreement --metric interval --format json --resamples 0
expect_out '"metric": "interval"' "--metric"
for bad in "--metric cosine" "--metric" "--format xml" "--resamples many" "alpha"; do
	# shellcheck disable=SC2086
	run agreement $bad
	expect_status 2 "agreement $bad"
	expect_err "^panelist: " "agreement $bad says why"
done
# No variation: everyone gave 3 on everything.
FLAT=$(new_db flat)
"$PANELIST" --db "$FLAT" import "$S" >/dev/null
printf 'ana s1 alpha summarization accuracy 3\nben s1 alpha summarization accuracy 3\nana s2 alpha summarization accuracy 3\nben s2 alpha summarization accuracy 3\n' |
    "$PUT_RATINGS" "$FLAT"
run --db "$FLAT" agreement --resamples 50
expect_status 0 "agreement without variation"
expect_out "^summarization +accuracy +— .*undefined: every rating is the same" "no variation: undefined, no number"
ok
! grep -Eq "^summarization +accuracy +[0-9-]" "$WORK/out" || fail "a number was printed for an undefined alpha"

# ---- export: long -------------------------------------------------------------------
n_ratings=$(grep -Evc '^(#|note |flag |time |$)' "$S/ratings.txt")
run export
expect_status 0 "export"
cp "$WORK/out" "$WORK/long.csv"
ok
"$PY" - "$WORK/long.csv" "$n_ratings" 2>"$WORK/py" <<'EOF' || fail "export long: $(cat "$WORK/py")"
import csv, sys
raw = open(sys.argv[1], newline='').read()
assert raw.count('\r\n') == raw.count('\n'), "lines end in CRLF"
rows = list(csv.reader(raw.splitlines(True)))
head = rows[0]
assert head == ['study', 'reviewer', 'prompt', 'prompt_version', 'model', 'capability',
                'rubric_version', 'axis', 'score', 'note', 'flag', 'flag_reason',
                'active_seconds', 'first_rated', 'changed'], head
body = rows[1:]
assert len(body) == int(sys.argv[2]), (len(body), sys.argv[2])
assert all(len(r) == len(head) for r in body)
get = lambda rv, p, m, a: [dict(zip(head, r)) for r in body
                           if r[1] == rv and r[2] == p and r[4] == m and r[7] == a][0]
r = get('ana', 's1', 'alpha', 'accuracy')
assert r['study'] == 'Scores test, Q1' and r['score'] == '5' and r['prompt_version'] == '1', r
assert r['note'] == "'=SUM(1,2)", r['note']
assert r['active_seconds'] == '30.0', r
assert r['first_rated'] <= r['changed'] and r['changed'].endswith('Z'), r
r = get('ben', 's1', 'alpha', 'accuracy')
assert r['note'] == "'+1 agreed, \"fine\"", r['note']
assert get('ben', 's2', 'alpha', 'accuracy')['score'] == 'NA'
r = get("'@cy", 's3', 'alpha', 'accuracy')
assert (r['flag'], r['flag_reason']) == ('broken', 'the text stops half-way'), r
assert [r[1] for r in body] == sorted(r[1] for r in body), "ordered by reviewer"
EOF
ok
grep -q '"'"'"'+1 agreed, ""fine"""' "$WORK/long.csv" || fail "RFC 4180 quoting: the guard inside the quotes, quotes doubled"
run export --raw
expect_out '^"Scores test, Q1",ana,s1,1,alpha,summarization,1,accuracy,5,"=SUM\(1,2\)",' "--raw leaves formulas alone"
expect_out '^"Scores test, Q1",@cy,' "--raw leaves reviewer names alone"
ok
! grep -q "'=" "$WORK/out" || fail "--raw still guarded a cell"

run export --format tsv
expect_out "^study	reviewer	prompt	" "TSV header"
expect_out "	'=SUM\(1,2\)	" "TSV cells are guarded too"
ok
[ "$(grep -c . "$WORK/out")" -eq $((n_ratings + 1)) ] || fail "TSV rows"

run export --format jsonl
ok
"$PY" - "$WORK/out" "$n_ratings" 2>"$WORK/py" <<'EOF' || fail "export jsonl: $(cat "$WORK/py")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == int(sys.argv[2])
na = [r for r in rows if r['reviewer'] == 'ben' and r['prompt'] == 's2']
assert na[0]['score'] is None
r = [r for r in rows if r['reviewer'] == 'ana' and r['prompt'] == 's1' and r['model'] == 'alpha' and r['axis'] == 'accuracy'][0]
assert r['score'] == 5 and r['note'] == '=SUM(1,2)' and r['prompt_version'] == 1, r
EOF

# ---- export: wide -------------------------------------------------------------------
run export --wide
expect_status 0 "export --wide"
ok
"$PY" - "$WORK/out" 2>"$WORK/py" <<'EOF' || fail "export wide: $(cat "$WORK/py")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
head, body = rows[0], rows[1:]
assert head == ['study', 'reviewer', 'prompt', 'prompt_version', 'model', 'capability',
                'rubric_version', 'coherence', 'accuracy', 'clarity', 'relevance',
                'efficiency', 'note', 'flag', 'flag_reason', 'active_seconds',
                'first_rated', 'changed'], head
# One row per reviewer x output x capability.
keys = [(r[1], r[2], r[4], r[5]) for r in body]
assert len(keys) == len(set(keys)) == 25, len(keys)
r = dict(zip(head, [r for r in body if r[1:3] == ['ana', 's1'] and r[4] == 'alpha'][0]))
assert (r['coherence'], r['accuracy'], r['clarity'], r['relevance']) == ('', '5', '4', ''), r
assert r['note'] == "'=SUM(1,2)", r
assert dict(zip(head, [r for r in body if r[1:3] == ['ben', 's2']][0]))['accuracy'] == 'NA'
EOF

# A number is never guarded: a scale of its own from -2 to 2.
mkdir -p "$WORK/neg"
sed -e 's/^scale:.*/scale: {min: -2, max: 2}/' "$FIXTURES/good/rubric-generation.yaml" >"$WORK/neg/rubric.yaml"
printf 'kind: prompts\nprompts:\n  - {id: n1, capabilities: [generation], title: N, turns: [{role: user, content: x}]}\n' >"$WORK/neg/p.yaml"
printf 'kind: outputs\nmodel: m\noutputs:\n  - {prompt: n1, text: y}\n' >"$WORK/neg/o.yaml"
NEG=$(new_db neg)
"$PANELIST" --db "$NEG" import "$WORK/neg" >/dev/null
printf 'ana n1 m generation clarity -1\nnote ana n1 m -1 is harsh\n' | "$PUT_RATINGS" "$NEG"
run --db "$NEG" export
expect_out ",generation,1,clarity,-1,'-1 is harsh," "a negative score is a number; a note starting with - is guarded"

# ---- export: files --------------------------------------------------------------------
mkdir -p "$WORK/exp"
run export -o "$WORK/exp/ratings.csv"
expect_status 0 "export -o"
ok
cmp -s "$WORK/exp/ratings.csv" "$WORK/long.csv" || fail "export -o writes what stdout gets"
ok
[ "$(ls -A "$WORK/exp")" = "ratings.csv" ] || fail "export -o left other files: $(ls -A "$WORK/exp")"
echo old >"$WORK/exp/keep.csv"
run --db "$WORK/none.db" export -o "$WORK/exp/keep.csv"
expect_status 2 "export from a missing study"
ok
[ "$(cat "$WORK/exp/keep.csv")" = old ] || fail "a failed export replaced the file"
run export --format pdf -o "$WORK/exp/keep.csv"
expect_status 2 "export with a bad format"
ok
[ "$(cat "$WORK/exp/keep.csv")" = old ] || fail "a refused export replaced the file"
# A failure after the file was opened: the old one stays, no temporary one.
run export --scores --model nobody -o "$WORK/exp/keep.csv"
expect_status 2 "export --scores of an unknown model"
ok
[ "$(cat "$WORK/exp/keep.csv")" = old ] || fail "a failed export --scores replaced the file"
run export -o "$WORK/exp/keep.csv" --wide
ok
[ "$(head -c 6 "$WORK/exp/keep.csv")" = "study," ] || fail "a good export replaces the file"
ok
[ "$(ls -A "$WORK/exp" | sort | tr '\n' ' ')" = "keep.csv ratings.csv " ] || fail "temporary files left: $(ls -A "$WORK/exp")"
run export -o "$WORK/no/such/dir/r.csv"
expect_status 1 "export into a missing directory"
expect_err "^panelist: cannot write .*/no/such/dir/r\.csv: No such file or directory" "says why"
ok
[ ! -e "$WORK/no" ] || fail "export into a missing directory left something"
for bad in "-o" "--format" "--format json" "--wide --scores" "--by model" "stray"; do
	# shellcheck disable=SC2086
	run export $bad
	expect_status 2 "export $bad"
	expect_err "^panelist: " "export $bad says why"
done

# ---- export --scores ---------------------------------------------------------------------
"$PANELIST" scores --format csv >"$WORK/scores.csv"
run export --scores
ok
cmp -s "$WORK/out" "$WORK/scores.csv" || fail "export --scores differs from scores --format csv"
run export --scores --by model,capability,axis --format json --resamples 200 -o "$WORK/exp/s.json"
expect_status 0 "export --scores as JSON to a file"
ok
cmp -s "$WORK/exp/s.json" "$WORK/axis.json" || fail "export --scores --format json differs from scores"
run export --scores --by reviewer --resamples 0
expect_out "^'@cy," "export --scores guards reviewer names"
run export --scores --by reviewer --resamples 0 --raw
expect_out "^@cy," "export --scores --raw does not"
run export --scores --format jsonl
expect_status 0 "export --scores --format jsonl: JSON lines (tests/cli/messages.sh)"

# ---- names that are not UTF-8 ------------------------------------------------------
# A name put into the database by another program may hold any bytes; every
# JSON writer writes such a byte as U+FFFD instead of refusing the document.
if sqlite_part "PostgreSQL stores no text that is not UTF-8"; then
	cp "$PANELIST_DB" "$WORK/bytes.db"
	"$SQLITE3" "$WORK/bytes.db" "UPDATE reviewer SET name = CAST(X'41ff42' AS TEXT) WHERE name = (SELECT min(name) FROM reviewer); UPDATE model SET name = CAST(X'61ff' AS TEXT) WHERE name = 'alpha'"
	for c in "scores --by reviewer" "compare beta $(printf 'a\377')" "agreement" "export --scores --by reviewer"; do
		# shellcheck disable=SC2086
		"$PANELIST" --db "$WORK/bytes.db" $c --format json --resamples 20 >"$WORK/out" 2>"$WORK/err"
		status=$?
		expect_status 0 "$c --format json with a name that is not UTF-8 ($(head -c 200 "$WORK/err"))"
		json_check "$WORK/out" "any(w in json.dumps(d, ensure_ascii=False) for w in ('A' + chr(0xfffd) + 'B', 'a' + chr(0xfffd) + '\\\"'))" "$c --format json writes the byte as U+FFFD"
	done
	"$PANELIST" --db "$WORK/bytes.db" export --format jsonl >"$WORK/out" 2>"$WORK/err"
	status=$?
	expect_status 0 "export --format jsonl with a name that is not UTF-8"
	ok
	grep -q "A$(printf '\357\277\275')B" "$WORK/out" || fail "export --format jsonl writes the byte as U+FFFD"
fi

# ---- standard output that cannot be written --------------------------------------------
if [ -w /dev/full ]; then
	run scores --format csv
	"$PANELIST" scores --format csv >/dev/full 2>"$WORK/err"
	status=$?
	expect_status 1 "scores to a full disk"
	expect_err "^panelist: writing " "a full disk is reported"
	"$PANELIST" export >/dev/full 2>"$WORK/err"
	status=$?
	expect_status 1 "export to a full disk"
fi

finish
