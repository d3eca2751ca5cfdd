#!/bin/sh
# setup.sh: everything a fresh Debian 12 machine needs, then one of
#   demo   build and open the bundled demo panel
#   check  build twice (warnings as errors; then ASan + UBSan) and run every
#          test, the command-line and screen tests a second time on a
#          throwaway PostgreSQL server, then the unit tests under valgrind
#          and each fuzzer briefly
#   build  just build
# Packages are installed only when missing; running it again does no harm.
set -eu

cd "$(dirname "$0")"
what=${1:-build}

PACKAGES="gcc make autoconf automake pkg-config libsqlite3-dev libyaml-dev
libjansson-dev libpq-dev libncurses-dev libcurl4-openssl-dev sqlite3 tmux mandoc locales gettext"
# Only the tests need these: the report is rendered in a browser (with a
# Japanese font for the Japanese report), the loaders fuzzed with
# libFuzzer, the unit tests run under valgrind, the suite run again on a
# PostgreSQL server of its own (make check-postgres).
[ "$what" != check ] ||
	PACKAGES="$PACKAGES chromium fonts-ipafont-gothic python3 clang libclang-rt-14-dev valgrind postgresql"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >&2
	# Debian's postgresql makes a cluster and may start it on port 5432; the
	# tests start and stop a server of their own, so that one is stopped.
	case " $missing " in
	*" postgresql "*)
		pg_lsclusters -h 2>/dev/null | while read -r v name port state rest; do
			[ "$state" != online ] || $sudo pg_ctlcluster "$v" "$name" stop >&2 || :
		done
		;;
	esac
fi

# The screen in Japanese (LANG=ja_JP.UTF-8 ./setup.sh demo) and its tests
# need the locale, which Debian builds only on request; the tests also
# check numbers under a locale with a decimal comma (de_DE).
locales="ja_JP"
[ "$what" != check ] || locales="$locales de_DE"
for l in $locales; do
	if ! locale -a 2>/dev/null | grep -qix "$l.utf-\{0,1\}8"; then
		echo "setup: generating the $l.UTF-8 locale" >&2
		$sudo localedef -i "$l" -c -f UTF-8 "$l.UTF-8" >&2 || true
	fi
done

if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ]; then
	autoreconf -fi >&2
fi

# build DIR [configure options]: an out-of-tree build, configured once.
build() {
	dir=$1
	shift
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ] || [ configure -nt "$dir/config.status" ]; then
		(cd "$dir" && ../configure --enable-werror "$@" >/dev/null)
	fi
	make -C "$dir" -j2 >/dev/null
}

# suite DIR TARGET LOGS: make's test suite TARGET in DIR; when it fails, the
# end of the log of each test under DIR/LOGS that failed, so that a run on
# a machine of its own (CI) says why and not only which.
suite() {
	make -C "$1" -j2 "$2" && return 0
	find "$1/$3" -name '*.trs' -exec grep -l \
	    -e '^:test-result: FAIL' -e '^:test-result: ERROR' {} + 2>/dev/null |
	    while read -r trs; do
		case $trs in */pg-logs/*) [ "$3" = tests/pg-logs ] || continue ;; esac
		echo "==== ${trs%.trs}.log" >&2
		tail -n 60 "${trs%.trs}.log" >&2
	done
	return 1
}

case $what in
demo)
	build build
	exec build/panelist demo
	;;
check)
	build build
	suite build check tests
	suite build check-postgres tests/pg-logs
	build build-sanitize --enable-sanitizers
	(
		export ASAN_OPTIONS=detect_leaks=1
		export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
		suite build-sanitize check tests
	)
	make -C build valgrind
	make -C build fuzz FUZZ_SECONDS=20
	;;
build)
	build build
	;;
*)
	echo "usage: ./setup.sh [build|demo|check]" >&2
	exit 2
	;;
esac
