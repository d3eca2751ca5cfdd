# options.sh: the one option parser every command goes through (cmd.h):
# its messages, its syntax, and exit status 2 leaving the database as it was.
. "$TESTS_SRCDIR/cli/lib.sh"

run init
expect_status 0 "init"
dump "$PANELIST_DB" >"$WORK/before"

# usage_error WHAT MESSAGE ARGS...: exit status 2, MESSAGE (a whole line) on
# stderr with the command's usage after it, nothing on stdout, and the
# database exactly as it was.
usage_error() {
	what=$1 msg=$2
	shift 2
	run "$@"
	expect_status 2 "$what"
	expect_err "^panelist: $msg\$" "$what: the message"
	ok
	[ ! -s "$WORK/out" ] || fail "$what: wrote to stdout: $(head -c 300 "$WORK/out")"
	ok
	dump "$PANELIST_DB" >"$WORK/after"
	cmp -s "$WORK/before" "$WORK/after" || fail "$what: the database changed"
}

# A known option in a combination its command refuses says so, whichever
# comes first.
usage_error "--wide with --scores" "--wide cannot be used with --scores" export --wide --scores
usage_error "--scores with --wide" "--wide cannot be used with --scores" export --scores --wide
usage_error "--by without --scores" "--by can only be used with --scores" export --by model
usage_error "--model without --scores" "--model can only be used with --scores" export --model a
for o in --capability --resamples --seed; do
	usage_error "$o without --scores" "$o can only be used with --scores" export "$o" 1
done
usage_error "--reviewers without --scores" "--reviewers can only be used with --scores" export --reviewers random
usage_error "--revise with --amend" "choose one of --revise and --amend" import --revise --amend x
expect_err "^usage: panelist \[--db FILE\] import " "the command's usage follows its message"

# An option without its value says so, before the command or after it.
usage_error "--db without a value" "--db needs a value \(see 'panelist --help'\)" --db
usage_error "--format last" "--format needs a value" scores --format
usage_error "--reviewer last" "--reviewer needs a value" rate --reviewer
usage_error "demo --reviewer last" "--reviewer needs a value" demo --reviewer
usage_error "-o last" "-o needs a value" report -o
usage_error "--output last" "--output needs a value" export --output
usage_error "--compare with one model" "--compare needs two values: A B" report -o - --compare a
usage_error "--prefer last" "--prefer needs a value" merge x.db --prefer
usage_error "-o empty" "-o needs a file name" export -o ""
usage_error "--db empty" "--db needs a file name \(see 'panelist --help'\)" --db= status
usage_error "a flag with a value" "--as takes no value" import --as=yes x
usage_error "an option where a value should be" "--reviewer needs a value \(--as is an option\)" rate --reviewer --as
usage_error "a global option where a value should be" "--db needs a value \(--version is an option\) \(see 'panelist --help'\)" --db --version

# Unknown options: the nearest of the command's own options, if any is near.
usage_error "a misspelt option" "--formt: unknown option \(did you mean --format\?\)" scores --formt csv
usage_error "a misspelt option of export" "--scroes: unknown option \(did you mean --scores\?\)" export --scroes
usage_error "a misspelt option of rate" "--reviwer: unknown option \(did you mean --reviewer\?\)" rate --reviwer ana
usage_error "a misspelt --help" "--hlep: unknown option \(did you mean --help\?\)" status --hlep
usage_error "an option of another command" "--tsv: not an option of scores \(list takes it\)" scores --tsv
usage_error "an option of export alone" "--wide: not an option of scores \(export takes it\)" scores --wide
usage_error "an option of other commands" "--format: not an option of rate \(status, notes, scores, compare, agreement and export take it\)" rate --format csv
usage_error "a global option after the command" "--db: give it before the command, as in 'panelist --db FILE status'" status --db x.db
usage_error "a global option after the command, without its value" "--db: give it before the command, as in 'panelist --db FILE rate'" rate --db
usage_error "--version after the command" "--version: give it before the command, as in 'panelist --version'" scores --version
usage_error "a command's option before the command" "--format: give it after the command \(status, notes, scores, compare, agreement and export take it\) \(see 'panelist --help'\)" --format csv scores
usage_error "an unknown option of a command without options" "--x: unknown option" init --x
usage_error "an unknown global option" "--bogus: unknown option \(see 'panelist --help'\)" --bogus status

# Values of a declared kind.
usage_error "--format not a format" "--format pdf: expected table, csv, tsv, json or md" scores --format pdf
usage_error "--by not a grouping" "--by axis: expected model, model,capability, model,capability,axis or reviewer" scores --by axis
usage_error "--reviewers not a mode" "--reviewers all: expected fixed or random" compare a b --reviewers all
usage_error "--reviewers two modes" "--reviewers fixed\|random: expected fixed or random" scores --reviewers "fixed|random"
usage_error "--prefer a prefix" "--prefer new: expected newer" merge --prefer new x.db
usage_error "--metric not a metric" "--metric cosine: expected nominal, ordinal, interval or ratio" agreement --metric cosine
usage_error "--prefer not newer" "--prefer older: expected newer" merge --prefer older x.db
usage_error "--resamples not a number" "--resamples -1: expected a whole number from 0 to 100000" scores --resamples -1
usage_error "--resamples too many" "--resamples 100001: expected a whole number from 0 to 100000" agreement --resamples=100001
usage_error "--seed not a number" "--seed x: expected a whole number from 0 to 18446744073709551615" report -o - --seed x
usage_error "--item 0" "--item 0: expected a whole number from 1 to [0-9]+" rate --item 0

# Given twice: refused, unless the option is there to be repeated.
usage_error "--format twice" "--format given twice" scores --format csv --format tsv
usage_error "--format= twice" "--format given twice" export --format=csv --format tsv
usage_error "-o and --output" "--output given twice" export -o a.csv --output b.csv
usage_error "a flag twice" "--tsv given twice" list --tsv prompts --tsv
usage_error "--db twice" "--db given twice \(see 'panelist --help'\)" --db a.db --db b.db status
run scores --model a --model b --capability c --capability d
expect_status 2 "repeated --model and --capability reach the study"
expect_err "^panelist: no ratings of model 'a'" "repeated --model is taken, not refused"

# Arguments where a command takes none, or the wrong number.
usage_error "init with an argument" "x: init takes no arguments" init x
usage_error "scores with an argument" "x: scores takes no arguments, only options" scores x
usage_error "export with an argument" "out.csv: export takes no arguments, only options" export out.csv
usage_error "compare with one model" "compare which two models\?" compare a
usage_error "compare with three" "compare takes two models" compare a b c
usage_error "report --format" "a report is HTML; for other formats see scores, agreement and export" report -o - --format csv

# The syntax: --opt VALUE and --opt=VALUE, options before or after the
# arguments, -- ending the options.
run export --format=tsv
expect_status 0 "--opt=VALUE"
expect_out "^study	reviewer	prompt" "--format=tsv is tsv"
run export --format tsv
expect_status 0 "--opt VALUE"
expect_out "^study	reviewer	prompt" "--format tsv is tsv"
run list prompts --tsv
expect_status 0 "an option after the argument"
run list --tsv prompts
expect_status 0 "an option before the argument"
run import -- --as
expect_status 2 "-- ends the options"
expect_err "\-\-as" "after --, --as is a path"
ok
! grep -q "unknown option" "$WORK/err" || fail "after --, --as was read as an option"
run import --as -- -
expect_status 2 "- is an argument"
ok
! grep -q "unknown option" "$WORK/err" || fail "- was read as an option"

# Every command's --help is its `help COMMAND`, on stdout with status 0,
# even next to a mistake; and shows each option the command declares.
"$PANELIST" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' >"$WORK/commands"
ok
[ "$(wc -l <"$WORK/commands")" -ge 14 ] || fail "--help lists too few commands"
while read -r c; do
	run "$c" --help
	expect_status 0 "$c --help"
	expect_out "^usage: panelist \[--db FILE\] $c( |\$)" "$c --help shows the usage"
	"$PANELIST" help "$c" >"$WORK/help" 2>&1
	ok
	cmp -s "$WORK/out" "$WORK/help" || fail "$c --help is not help $c"
	run "$c" --no-such-option -h
	expect_status 0 "$c -h after a mistake"
	ok
	cmp -s "$WORK/out" "$WORK/help" || fail "$c -h after a mistake is not help $c"
	# Each option of the synopsis is described below it.
	sed -n '1s/^usage: panelist \[--db FILE\] //p' "$WORK/help" |
	    grep -Eo -- '(^|[[ |])--?[a-z][a-z-]*' | sed 's/^[[ |]//' | sort -u >"$WORK/opts"
	while read -r o; do
		ok
		grep -Eq -- "^  $o([ ,]|\$)" "$WORK/help" || fail "help $c does not describe $o"
	done <"$WORK/opts"
done <"$WORK/commands"

dump "$PANELIST_DB" >"$WORK/after"
ok
cmp -s "$WORK/before" "$WORK/after" || fail "the database changed"

finish
