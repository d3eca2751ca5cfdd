#!/bin/sh
# run.sh: `make fuzz`.  Builds each loader's harness with clang's libFuzzer,
# ASan and UBSan, and runs it for FUZZ_SECONDS (default 60) from its seed
# corpus in tests/fuzz/corpus/.  New inputs go to a scratch copy of the
# corpus; a crash leaves its input in the build directory (crash-*), to be
# added to tests/fuzz/regress/ and to the unit tests.
set -eu
: "${TOP_SRCDIR:?run through make fuzz}"
: "${TOP_BUILDDIR:?run through make fuzz}"
CC=${FUZZ_CC:-clang}
seconds=${FUZZ_SECONDS:-60}
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
flags="$flags -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -I$TOP_BUILDDIR -I$TOP_SRCDIR/src"
core="load-file.c load-jsonl.c load-yaml.c load-yaml-compose.c model.c namemap.c sha256.c util.c"
libs="$(pkg-config --cflags --libs yaml-0.1 jansson)"
out=$TOP_BUILDDIR/tests/fuzz
mkdir -p "$out"
for target in yaml jsonl; do
	srcs=""
	for f in $core; do srcs="$srcs $TOP_SRCDIR/src/$f"; done
	# shellcheck disable=SC2086
	$CC $flags -o "$out/fuzz-$target" "$TOP_SRCDIR/tests/fuzz/fuzz-$target.c" $srcs $libs
	work=$out/corpus-$target
	rm -rf "$work"
	cp -R "$TOP_SRCDIR/tests/fuzz/corpus/$target" "$work"
	chmod -R u+w "$work"
	echo "fuzz-$target: $seconds s"
	(cd "$out" && ./fuzz-$target -max_total_time="$seconds" -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 "$work" 2>&1 | tail -12)
done
