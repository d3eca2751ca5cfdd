# boundaries.sh: the layers of the source, held by its #include lines.
#
#  - sqlite3.h only in the SQLite engine (src/store/sqlite.c) and merge's
#    reading of another study file (src/store/merge*.c); libpq-fe.h only
#    in the PostgreSQL engine (src/store/postgres.c); the engine.h
#    interface and every other file of src/store/ include neither;
#  - curses only in src/ui-*.c and src/ui-internal.h;
#  - jansson only in src/json.h (every JSON writer goes through json.c) and
#    src/load-jsonl.c (the one reader of JSON files; collect-proto.c reads
#    the servers' answers through json.h);
#  - the statistics engines (scores, agreement, kalpha, stats: .c and .h)
#    include no formatter: not tabular.h, json.h nor a *-format.h;
#  - no include circle.  Over the quoted includes of src/*.[ch]:
#      a header circle is a header that, following its includes
#      transitively, includes itself;
#      a pair circle is two modules X and Y (X.c with X.h) where X.c
#      includes Y.h and Y.c includes X.h, each needing the other's
#      declarations.
# Run on the sources, not the build: $TESTS_SRCDIR/../src.
. "$TESTS_SRCDIR/cli/lib.sh"

SRC=${BOUNDARIES_SRC:-$TESTS_SRCDIR/../src}

# only PATTERN ALLOWED-REGEX WHAT: files including <PATTERN> all match.
only() {
	ok
	bad=$(cd "$SRC" && grep -lE "^#[[:space:]]*include[[:space:]]*<($1)" -- *.c *.h store/*.c store/*.h |
	    grep -Ev "^($2)\$")
	[ -z "$bad" ] || fail "$3 included by: $(echo $bad)"
}
only 'sqlite3\.h' 'store/sqlite\.c|store/merge(-check|-copy)?\.c' "sqlite3.h"
only 'libpq-fe\.h' 'store/postgres\.c' "libpq-fe.h"
only '(n?curses|ncursesw/)' 'ui-[a-z-]*\.c|ui-internal\.h' "curses"
only 'jansson\.h' 'json\.h|load-jsonl\.c' "jansson.h"

ok
bad=$(cd "$SRC" && grep -lE '^#[[:space:]]*include[[:space:]]*"(tabular|json|[a-z-]*-format)\.h"' -- \
    scores.c scores.h agreement.c agreement.h kalpha.c kalpha.h stats.c stats.h)
[ -z "$bad" ] || fail "a statistics engine includes a formatter: $(echo $bad)"

# One line per quoted include: "file header".
# A header beside the file is found first, as the compiler finds it.
(cd "$SRC" && for f in *.c *.h store/*.c store/*.h; do
	d=$(dirname "$f")
	sed -n 's/^#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
	    while read -r h; do
		if [ "$d" != . ] && [ -f "$d/$h" ]; then
			printf '%s %s\n' "$f" "$d/$h"
		elif [ -f "$h" ]; then
			printf '%s %s\n' "$f" "$h"
		fi
	    done
done) >"$WORK/edges"

ok
[ -s "$WORK/edges" ] || fail "no includes found under $SRC"

ok
circles=$(awk '
	{ n[$1]++; to[$1, n[$1]] = $2; has[$1 " " $2] = 1 }
	function reach(from, at, depth,    i) {
		if (depth > 64 || seen[at]++)
			return 0
		for (i = 1; i <= n[at]; i++)
			if (to[at, i] == from || reach(from, to[at, i], depth + 1))
				return 1
		return 0
	}
	END {
		for (f in n) {
			if (f !~ /\.h$/)
				continue
			split("", seen)
			if (reach(f, f, 0))
				print "header " f
		}
		for (e in has) {
			split(e, p, " ")
			x = p[1]; y = p[2]
			if (x !~ /\.c$/ || y !~ /\.h$/)
				continue
			xm = substr(x, 1, length(x) - 2); ym = substr(y, 1, length(y) - 2)
			if (xm < ym && ((ym ".c " xm ".h") in has))
				print "pair " xm " " ym
		}
	}' "$WORK/edges")
[ -z "$circles" ] || fail "include circles: $(echo $circles)"

finish
