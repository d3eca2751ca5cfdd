#!/bin/sh
# scores.sh: `make bench` for scores and agreement.  For each size, builds a
# study (N prompts, each in 2 of the 6 bundled capabilities, x 4 models x 5
# axes x 3 of 12 reviewers = 120 ratings a prompt; about 1 % N/A, 0.2 % of
# reviews flagged): prompts and outputs through `panelist import`, the
# ratings with SQL in the sqlite3 shell (a million one-rating transactions
# through the storage interface would time the set-up, not the statistics).
# Then times `panelist scores` (2,000 resamples, and 0 for the aggregation
# alone) and `panelist agreement` (2,000 resamples, and 0 for one alpha
# alone) against the floor: bench-floor, a C program that steps the rating
# table's five columns through SQLite and does nothing else (the ratios are
# to it as it opens by default; the floor line also gives it opened without
# SQLite's mutex, as panelist opens).  Runs are
# interleaved and the median of BENCH_RUNS (3) is taken; CPU time (user +
# system) is compared, since the machine is shared.  Memory is the peak
# resident set less that of the same command on a study of one prompt,
# per rating.  `export` of each study is timed once, for the README.
#
# Sizes: 100k, 1M and 4M ratings; BENCH_10M=1 adds 10M (several minutes of
# set-up).  BENCH_SIZES overrides the list (prompts: 840 is 100,800
# ratings); BENCH_KEEP=DIR keeps the studies there and reuses them.
# Not a test: nothing here passes or fails on speed.
set -eu
: "${PANELIST:?run through make bench}"
: "${TESTS_SRCDIR:?run through make bench}"
SQLITE3=${SQLITE3:-sqlite3}
FLOOR=${FLOOR:-./tests/bench/bench-floor}
RUNS=${BENCH_RUNS:-3}
SIZES=${BENCH_SIZES:-"840:100k 8400:1M 33600:4M"}
[ "${BENCH_10M:-0}" = 1 ] && SIZES="$SIZES 84000:10M"

work=$(mktemp -d "${TMPDIR:-/tmp}/panelist-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$TESTS_SRCDIR/bench/study.sh"

# make_study N_PROMPTS DB: DB appears only once it is whole, so that a
# study kept by BENCH_KEEP is never one half made.
make_study() {
	set -- "$1" "$2" "$2.part"
	rm -f "$3"
	bench_files "$1" "$work"
	"$PANELIST" --db "$3" import "$TESTS_SRCDIR/../rubrics" "$work"/prompts-*.yaml \
	    "$work/outputs.jsonl" "$work/study.yaml" >/dev/null
	bench_ratings_sql sqlite | "$SQLITE3" "$3" >/dev/null
	mv "$3" "$2"
}

# run NAME CMD...: one timed run, appended to $work/NAME as "cpu rss": CPU
# seconds (user + system) per run of CMD and peak KB of one.  Small studies
# run CMD $rep times in the one measurement, so that the figure is well
# above the 10 ms the clock counts in.
run() {
	name=$1
	shift
	/usr/bin/time -f "%U %S %M" -o "$work/time" sh -c '
		rep=$1; shift; i=0
		while [ "$i" -lt "$rep" ]; do "$@" >/dev/null || exit 1; i=$((i + 1)); done
	' sh "$rep" "$@"
	awk -v rep="$rep" '{ printf "%.4f %d\n", ($1 + $2) / rep, $3 }' "$work/time" >>"$work/$name"
}

# median NAME: the median CPU time and the median peak KB of NAME's runs.
median() {
	sort -n "$work/$1" | awk '{ c[NR] = $1 } END { printf "%s ", c[int((NR + 1) / 2)] }'
	sort -n -k2 "$work/$1" | awk '{ m[NR] = $2 } END { print m[int((NR + 1) / 2)] }'
}

# line LABEL NAME TARGET_RATIO N: one figure against the floor, and the
# memory per rating: the peak less the peak of the same command on a study
# of one prompt (the program, its libraries, SQLite's page cache).
line() {
	set -- "$1" "$(median "$2")" "$3" "$4" "$(median floor)" "$(median "base-$2")"
	echo "$1 $2 $3 $4 $5 $6" | awk '{
		label = $1; gsub(/_/, " ", label)
		ratio = $6 > 0 ? $2 / $6 : 0
		printf "  %-34s %5.2fx floor (target <= %sx)  %5.1f B/rating (target < 40)  %6.3f s CPU\n",
		    label, ratio, $4, ($3 - $9) * 1024 / $5, $2 }'
}

# The peak of each command on a study of one prompt: what is not per rating.
base=${BENCH_KEEP:-$work}/study-1.db
[ -s "$base" ] || make_study 1 "$base"
rep=1
run base-s2000 "$PANELIST" --db "$base" scores
run base-s0 "$PANELIST" --db "$base" scores --resamples 0
run base-a2000 "$PANELIST" --db "$base" agreement
run base-a0 "$PANELIST" --db "$base" agreement --resamples 0

# The target for agreement is numpy's fast-krippendorff as a whole process;
# where it is not installed, twice the floor stands in for it.
if "${PYTHON3:-python3}" -c 'import krippendorff, numpy' 2>/dev/null; then
	echo "scores.sh: fast-krippendorff is installed but not yet compared here"
else
	echo "agreement: fast-krippendorff (numpy) not installed; 2x the floor stands in for it"
fi

for size in $SIZES; do
	prompts=${size%%:*}
	label=${size#*:}
	db=${BENCH_KEEP:-$work}/study-$prompts.db
	[ -s "$db" ] || make_study "$prompts" "$db"
	n=$("$SQLITE3" "$db" 'SELECT count(*) FROM rating')
	rep=$(( (2000000 + n - 1) / n ))
	echo "scores and agreement, $label: $n ratings, $prompts prompts, 4 models, 12 reviewers"
	rm -f "$work/floor" "$work/floor-n" "$work/s2000" "$work/s0" "$work/a2000" "$work/a0"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		run floor "$FLOOR" "$db"
		run floor-n "$FLOOR" -n "$db"
		run s2000 "$PANELIST" --db "$db" scores
		run s0 "$PANELIST" --db "$db" scores --resamples 0
		run a2000 "$PANELIST" --db "$db" agreement
		run a0 "$PANELIST" --db "$db" agreement --resamples 0
		i=$((i + 1))
	done
	set -- $(median floor) $(median floor-n)
	printf '  %-34s %6.3f s CPU  %6d KB peak  (without the mutex, as panelist opens: %.3f s)\n' \
	    "floor (bench-floor)" "$1" "$2" "$3"
	line "scores_${label}_2000_resamples" s2000 2 "$n"
	line "scores_${label}_0_resamples" s0 1.5 "$n"
	line "agreement_${label}_2000_resamples" a2000 2 "$n"
	line "agreement_${label}_one_alpha" a0 2 "$n"
	rm -f "$work/export"
	run export "$PANELIST" --db "$db" export
	set -- $(median export)
	printf '  %-34s %6.3f s CPU  %6d KB peak (no target)\n' "export $label (CSV, long)" "$1" "$2"
done
