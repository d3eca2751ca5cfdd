# bundled.sh: the bundled panel (prompts/, rubrics/, demo/) imports cleanly
# and holds what a team needs to run a panel the same day.
. "$TESTS_SRCDIR/cli/lib.sh"

T=$TOP_SRCDIR
Q() { "$SQLITE3" -batch -noheader "$PANELIST_DB" "$1"; }

run import "$T/rubrics" "$T/prompts" "$T/demo"
expect_status 0 "the bundled panel imports"
ok
[ ! -s "$WORK/err" ] || fail "importing the bundled panel printed: $(head -c 600 "$WORK/err")"

ok
[ "$(Q "PRAGMA integrity_check")" = ok ] || fail "integrity check of the imported panel: $(Q "PRAGMA integrity_check" | head -3)"

# Six rubrics, each with the five axes in order and an anchor for every point.
ok
[ "$(Q "SELECT count(*) FROM rubric")" = 6 ] || fail "expected 6 rubrics"
for cap in summarization technical-assistance reviewing-work data-structuring generation information-retrieval; do
	axes=$(Q "SELECT group_concat(axis, ' ') FROM (SELECT a.axis FROM axis a JOIN rubric r ON r.id = a.rubric
		WHERE r.capability = '$cap' ORDER BY a.position) AS x")
	ok
	[ "$axes" = "coherence accuracy clarity relevance efficiency" ] ||
		fail "rubric $cap has axes '$axes'"
	scale=$(Q "SELECT scale_min || '-' || scale_max FROM rubric WHERE capability = '$cap'")
	ok
	[ "$scale" = "1-5" ] || fail "rubric $cap has scale $scale, expected 1-5"
	anchors=$(Q "SELECT count(*) FROM anchor n JOIN rubric r ON r.id = n.rubric
		WHERE r.capability = '$cap' AND n.value BETWEEN 1 AND 5 AND length(trim(n.text)) > 20")
	ok
	[ "$anchors" = 25 ] || fail "rubric $cap has $anchors anchors with text, expected 25 (5 axes x 5 points)"
	prompts=$(Q "SELECT count(*) FROM prompt_capability WHERE capability = '$cap'")
	ok
	[ "$prompts" -ge 10 ] || fail "capability $cap has $prompts prompts, expected at least 10"
done

# Every prompt says where it comes from, and has an output from each demo model.
ok
[ "$(Q "SELECT count(*) FROM prompt WHERE occupation IS NULL OR task IS NULL OR onet_task_id IS NULL")" = 0 ] ||
	fail "some prompts lack occupation, task or O*NET task id"
for m in demo-careful demo-fluent demo-terse; do
	missing=$(Q "SELECT group_concat(p.name, ' ') FROM prompt p WHERE NOT EXISTS
		(SELECT 1 FROM output o JOIN model m ON m.id = o.model WHERE o.prompt = p.id AND m.name = '$m')")
	ok
	[ -z "$missing" ] || fail "no $m output for: $missing"
done
ok
[ "$(Q "SELECT count(*) FROM model")" = 3 ] || fail "expected exactly the three demo models"

# The demo study: no roster (anyone can try it), and a shared sample every
# reviewer rates first, so that two people trying it overlap (the order
# itself is tests/unit/test-session.c's).
ok
[ "$(Q "SELECT group_concat(kv, ' ') FROM (SELECT key || '=' || value AS kv FROM study
	WHERE key IN ('shared_sample', 'reviewers', 'overlap') ORDER BY key) AS x")" = "overlap=0 reviewers= shared_sample=12" ] ||
	fail "the demo study's settings: $(Q "SELECT key, value FROM study")"

# The mix the panel needs: Japanese, multi-turn, two-capability prompts.
ok
[ "$(Q "SELECT count(*) FROM prompt WHERE lang = 'ja'")" -ge 6 ] || fail "fewer than 6 Japanese prompts"
ok
[ "$(Q "SELECT count(DISTINCT c.capability) FROM prompt_capability c WHERE c.position = 0 AND c.prompt IN
	(SELECT prompt FROM turn WHERE role = 'assistant')")" -ge 4 ] ||
	fail "multi-turn prompts in fewer than 4 capabilities"
ok
[ "$(Q "SELECT count(*) FROM (SELECT prompt FROM prompt_capability GROUP BY prompt HAVING count(*) >= 2) AS x")" -ge 6 ] ||
	fail "fewer than 6 prompts with two capabilities"
# Japanese text really is Japanese (hiragana, katakana or kanji), not escapes.
ok
[ "$(Q "SELECT count(*) FROM prompt p JOIN turn t ON t.prompt = p.id WHERE p.lang = 'ja' AND t.position = 0
	AND NOT $(glob t.content '*[ぁ-んァ-ン一-龯]*')")" = 0 ] || fail "a Japanese prompt without Japanese text"

# The O*NET task ids are real rows of the top-100 table the prompts cite.
ids=$(Q "SELECT DISTINCT onet_task_id FROM prompt")
for id in $ids; do
	ok
	grep -Eq "	([0-9]+;)*$id(;[0-9]+)*\$|	$id\$" "$T/prompts/top100_tasks.tsv" || fail "O*NET task id $id is not in prompts/top100_tasks.tsv"
done

# panelist demo: creates its own database on first use, resumes after.  No
# terminal here, so it imports, says it needs one, and exits 2.
run demo </dev/null
expect_status 2 "panelist demo without a terminal"
expect_err "needs a terminal" "demo without a terminal says why"
expect_out "Imported [0-9]+ files" "demo imports the bundled panel first"
ok
[ -f "$HOME/.local/share/panelist/demo.db" ] || fail "demo did not create ~/.local/share/panelist/demo.db"
run demo </dev/null
expect_out "Nothing changed" "second demo reuses the database"
XDG_DATA_HOME=$WORK/xdg; export XDG_DATA_HOME
run demo </dev/null
unset XDG_DATA_HOME
ok
[ -f "$WORK/xdg/panelist/demo.db" ] || fail "demo ignores XDG_DATA_HOME"

finish
