#!/bin/sh
# run.sh: `make fuzz`.  Builds each harness (the loaders, merge's checks
# of another database, ratings JSONL into a study, the Markdown layout)
# with clang's libFuzzer, ASan and UBSan, and runs it for FUZZ_SECONDS
# (default 60) from its seed corpus in tests/fuzz/corpus/ (FUZZ_TARGETS
# picks some: yaml jsonl merge ratings markdown).  New inputs go to a
# scratch copy of the corpus; a crash leaves its input in the build directory (crash-*), to be
# added to tests/fuzz/regress/ and to the unit tests.
set -eu
: "${TOP_SRCDIR:?run through make fuzz}"
: "${TOP_BUILDDIR:?run through make fuzz}"
CC=${FUZZ_CC:-clang}
seconds=${FUZZ_SECONDS:-60}
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
flags="$flags -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -I$TOP_BUILDDIR -I$TOP_SRCDIR/src"
core="load-file.c load-jsonl.c load-yaml.c load-yaml-compose.c defs.c gate.c json.c models.c strset.c sha256.c text.c textwrap.c markdown.c mdlayout.c mdtable.c util.c xmalloc.c"
libs="$(pkg-config --cflags --libs yaml-0.1 jansson)"
out=$TOP_BUILDDIR/tests/fuzz
mkdir -p "$out"
# merge and ratings go through the database: the whole core, without the
# screen, and a rated study made from the fixtures (tests/fuzz/study.h).
store_core=$(cd "$TOP_SRCDIR/src" && ls *.c store/*.c | grep -Ev '^(main|cmd|cmd-.*|ui-.*)\.c$')
store_libs="$libs $(pkg-config --cflags --libs sqlite3 libcurl libpq) -lm"
for target in ${FUZZ_TARGETS:-yaml jsonl merge ratings markdown}; do
	srcs=""
	case $target in
	merge|ratings)
		for f in $store_core; do srcs="$srcs $TOP_SRCDIR/src/$f"; done
		# shellcheck disable=SC2086
		$CC $flags -DPANELIST_SRCDIR="\"$TOP_SRCDIR\"" \
		    -DPANELIST_BUILDDIR="\"$TOP_BUILDDIR\"" -DPKGDATADIR="\"$TOP_BUILDDIR\"" \
		    -DLOCALEDIR="\"$TOP_BUILDDIR/locale\"" -o "$out/fuzz-$target" \
		    "$TOP_SRCDIR/tests/fuzz/fuzz-$target.c" $srcs $store_libs ;;
	*)
		for f in $core; do srcs="$srcs $TOP_SRCDIR/src/$f"; done
		# shellcheck disable=SC2086
		$CC $flags -o "$out/fuzz-$target" "$TOP_SRCDIR/tests/fuzz/fuzz-$target.c" $srcs $libs ;;
	esac
	work=$out/corpus-$target
	rm -rf "$work"
	cp -R "$TOP_SRCDIR/tests/fuzz/corpus/$target" "$work"
	chmod -R u+w "$work"
	echo "fuzz-$target: $seconds s"
	(cd "$out" && ./fuzz-$target -max_total_time="$seconds" -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 "$work" 2>&1 | tail -12)
done
