# weights.sh: a study's weights.  A capability its weights leave out keeps
# its default weight unless the study says weights_only: true; a capability
# that counts for nothing, or that nobody could be rated on, is not named
# as one a model was "not rated on".
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"
S=$FIXTURES/scores
PY=${PYTHON3:-python3}

json_check() {
	ok
	"$PY" -c "import json, sys
d = json.load(open(sys.argv[1]))
m = {o['model']: o for o in d['models']}
near = lambda a, b: a is not None and abs(a - b) < 1e-9
sys.exit(0 if ($2) else 1)" "$1" 2>"$WORK/py" || fail "$3 ($(cat "$WORK/py"); $(head -c 300 "$1"))"
}

# The scores fixtures, and a rubric for data-structuring that no prompt uses.
mkdir -p "$WORK/s"
cp "$S"/*.yaml "$WORK/s/"
sed 's/^capability: generation$/capability: data-structuring/; s/^title: Generation$/title: Data structuring/' \
    "$S/rubric-generation.yaml" >"$WORK/s/rubric-data.yaml"
study() {
	printf 'kind: study\ntitle: Weights\nblind: false\n%s' "$1" >"$WORK/s/study.yaml"
	run import "$WORK/s"
	expect_status 0 "import of the study ($1)"
}

study 'weights:
  summarization: 1
'
"$PUT_RATINGS" "$PANELIST_DB" <"$S/ratings.txt" 2>"$WORK/err"
status=$?
expect_status 0 "put-ratings"

# Generation is left out: it keeps its default weight, 25.5 to 1 (alpha:
# generation 3, summarization 4.125).
run scores --format json --resamples 0
expect_status 0 "scores with summarization weighed alone"
cp "$WORK/out" "$WORK/default.json"
json_check "$WORK/default.json" "near(m['alpha']['weights']['generation'], 25.5 / 26.5) and near(m['alpha']['weights']['summarization'], 1 / 26.5)" \
    "a capability left out of weights keeps its default weight"
json_check "$WORK/default.json" "near(m['alpha']['score'], (25.5 * 3 + 4.125) / 26.5)" "the overall score weighs it so"
# Data-structuring has a rubric but no prompts: nobody is "not rated on" it.
json_check "$WORK/default.json" "m['gamma']['missing'] == ['generation'] and m['alpha']['missing'] == []" \
    "a capability without prompts is not missing"
COLUMNS=120 run scores --resamples 0
expect_out "^gamma: not rated on generation\\.\$" "gamma was not rated on generation"
ok
! grep -q ": not rated on.*data-structuring" "$WORK/out" || fail "a capability without prompts is listed as not rated on: $(grep "not rated on" "$WORK/out")"
expect_out "weights \\(generation 25\\.50, summarization 1\\.00, data-structuring 4\\.00\\)" "the notes give the weights used"

# weights_only: the weights given are all there is; generation weighs 0, and
# counts for nothing, so gamma is rated on all that counts.
study 'weights_only: true
weights:
  summarization: 1
'
run scores --format json --resamples 0
cp "$WORK/out" "$WORK/only.json"
json_check "$WORK/only.json" "m['alpha']['weights'] == {'summarization': 1} and near(m['alpha']['score'], 4.125)" \
    "weights_only: a capability left out weighs 0"
json_check "$WORK/only.json" "m['gamma']['missing'] == [] and not m['gamma'].get('partial', False)" \
    "weights_only: a capability weighing 0 is not missing"
COLUMNS=120 run scores --resamples 0
ok
! grep -q ": not rated on" "$WORK/out" || fail "weights_only: a capability weighing 0 is listed as not rated on: $(grep "not rated on" "$WORK/out")"

# The same file again changes nothing; dropping weights_only changes the study.
run import "$WORK/s"
expect_out "^Nothing changed" "the same study file again"
study 'weights_only: false
weights:
  summarization: 1
'
expect_out "updated 1 study" "weights_only: false is a change"
run scores --format json --resamples 0
cp "$WORK/out" "$WORK/back.json"
json_check "$WORK/back.json" "near(m['alpha']['weights']['generation'], 25.5 / 26.5)" "weights_only: false restores the default weight"

# weights_only is a yes or no.
printf 'kind: study\ntitle: Weights\nweights_only: sometimes\n' >"$WORK/bad-study.yaml"
dump "$PANELIST_DB" >"$WORK/before"
run import "$WORK/bad-study.yaml"
expect_status 2 "weights_only not a boolean"
expect_err "^panelist: $WORK/bad-study\\.yaml:3:15: " "weights_only's position"
dump "$PANELIST_DB" >"$WORK/after"
ok
cmp -s "$WORK/before" "$WORK/after" || fail "a bad weights_only changed the database"

finish
