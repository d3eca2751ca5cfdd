# import.sh: what import reports, re-import, order independence, versions
# shown by show, and text that must not reach the terminal raw.
. "$TESTS_SRCDIR/cli/lib.sh"

G=$FIXTURES/good

run import "$G"
expect_status 0 "import of the good fixtures"
expect_out "^Imported 6 files: added 2 rubrics, 3 prompts, 6 outputs; updated 1 study\.$" "summary line"

run import "$G"
expect_status 0 "second import"
expect_out "^Nothing changed: 6 files are already in the database \(2 rubrics, 3 prompts, 6 outputs, 1 study\)\.$" "re-import changes nothing"

# Order does not matter: outputs and prompts before the rubrics they need.
ORDER=$(new_db order)
run --db "$ORDER" import "$G/outputs-b.jsonl" "$G/outputs-a.yaml" "$G/prompts.yaml" "$G/study.yaml" \
    "$G/rubric-summarization.yaml" "$G/rubric-generation.yaml"
expect_status 0 "import in reverse dependency order"
for what in prompts models rubrics; do
	"$PANELIST" list "$what" --tsv >"$WORK/a.tsv"
	"$PANELIST" --db "$ORDER" list "$what" --tsv >"$WORK/b.tsv"
	ok
	cmp -s "$WORK/a.tsv" "$WORK/b.tsv" || fail "list $what differs after importing in another order"
done

# Status: 3 summarization prompts x 2 models x 5 axes x overlap 2 = 60 expected.
run status
expect_status 0 "status"
expect_out "^Study: +Assistant selection, Q4$" "status names the study"
expect_out "^Overlap: +2 reviewers per output$" "status shows the overlap"
expect_out "^summarization +3 +2 +6 +5 +0 +60$" "status counts summarization"
expect_out "^generation +1 +2 +2 +5 +0 +20$" "status counts generation"

run list prompts
expect_status 0 "list prompts"
expect_out "^gen-launch-note +1 +generation,summarization +en +2 +Announce a product launch$" "list prompts row"
expect_out "^sum-japanese +1 +summarization +ja +2 +会議メモの要約$" "Japanese title listed"

run list prompts --tsv
expect_out "^id	version	capabilities	lang	outputs	title$" "tsv header"

run show prompt gen-launch-note
expect_status 0 "show prompt"
expect_out "^version +1 of 1$" "show gives the version"
expect_out "^── assistant ──$" "show marks each turn's role"
expect_out "^Make it shorter, please\.$" "show prints the last turn"

# A changed, never-rated prompt is replaced in place and reported as updated.
sed 's/Make it shorter, please\./Make it much shorter./' "$G/prompts.yaml" >"$WORK/prompts.yaml"
run import "$WORK/prompts.yaml"
expect_status 0 "import of a changed prompt"
expect_out "updated 1 prompt; unchanged 2 prompts\.$" "changed prompt reported"

# Text from files is data: escape sequences are shown, never sent.
printf 'kind: prompts\nprompts:\n  - id: p-esc\n    capabilities: [summarization]\n    title: "Evil \\e]0;pwned\\a title"\n    turns:\n      - role: user\n        content: "clear \\e[2J bell \\a cr \\r done \\u009b"\n' >"$WORK/esc.yaml"
run import "$WORK/esc.yaml"
expect_status 0 "import of text with control characters"
run show prompt p-esc
expect_out 'clear \^\[\[2J bell \^G cr \^M done <U\+009B>' "control characters shown inert by show"
ok
if LC_ALL=C grep -q "$(printf '\033')" "$WORK/out"; then fail "an ESC byte reached stdout"; fi
run list prompts
expect_out 'Evil \^\[\]0;pwned\^G title' "control characters shown inert by list"
ok
if LC_ALL=C grep -q "$(printf '\033')" "$WORK/out"; then fail "an ESC byte reached stdout from list"; fi

# Outputs as JSONL in a directory walk, with a .yml file beside it.
mkdir -p "$WORK/dir/sub"
cp "$G/rubric-summarization.yaml" "$WORK/dir/r.yml"
printf 'kind: prompts\nprompts:\n  - {id: p-x, capabilities: [summarization], title: X, turns: [{role: user, content: x}]}\n' >"$WORK/dir/sub/p.yaml"
printf '{"model": "m-1", "prompt": "p-x", "text": "one"}\n{"model": "m-2", "prompt": "p-x", "text": "two"}\n' >"$WORK/dir/sub/o.jsonl"
printf 'ignored\n' >"$WORK/dir/README.txt"
run --db "$(new_db walk)" import "$WORK/dir"
expect_status 0 "import of a directory tree"
expect_out "^Imported 3 files: added 1 rubric, 1 prompt, 2 outputs\.$" "directory walk summary"

finish
