# docs.sh: the manual pages are clean mdoc, and --help, panelist(1) and the
# README name the same commands.
. "$TESTS_SRCDIR/cli/lib.sh"

for page in panelist.1 panelist.5; do
	if [ -n "${MANDOC:-}" ]; then
		# From the manual directory, so the pages find each other for .Xr.
		(cd "$TOP_SRCDIR/man" && "$MANDOC" -Tlint "$page") >"$WORK/lint" 2>&1
		ok
		[ ! -s "$WORK/lint" ] || fail "mandoc -Tlint $page: $(cat "$WORK/lint")"
	fi
done
[ -n "${MANDOC:-}" ] || echo "mandoc not found: lint skipped" >&2

"$PANELIST" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' >"$WORK/commands"
ok
[ "$(wc -l <"$WORK/commands")" -ge 7 ] || fail "--help lists too few commands"
while read -r c; do
	ok
	grep -q "^\.It Cm $c" "$TOP_SRCDIR/man/panelist.1" || fail "panelist.1 does not describe '$c'"
	ok
	grep -q "^| \`$c" "$TOP_SRCDIR/README.md" || fail "README's command table lacks '$c'"
	ok
	"$PANELIST" help "$c" >/dev/null 2>&1 || fail "panelist help $c fails"
done <"$WORK/commands"
# And the other way: the manual describes no command the program lacks.
sed -n 's/^\.It Cm \([a-z]*\).*/\1/p' "$TOP_SRCDIR/man/panelist.1" | while read -r c; do
	grep -qx "$c" "$WORK/commands" || echo "$c"
done >"$WORK/extra"
ok
[ ! -s "$WORK/extra" ] || fail "panelist.1 describes commands the program lacks: $(cat "$WORK/extra")"

# Every kind of file in panelist(5) has its example in the README.
for kind in rubric prompts outputs study models; do
	ok
	grep -q "^kind: $kind\$" "$TOP_SRCDIR/README.md" || fail "README has no example of kind: $kind"
	ok
	grep -q "^kind: $kind\$" "$TOP_SRCDIR/man/panelist.5" || fail "panelist.5 has no example of kind: $kind"
done

# The README's table of the rating screen's keys is `rate --keys`, row for
# row and in order: the one action table, as panelist(1) and `?` show it.
"$PANELIST" rate --keys | awk -F'\t' '{ printf "| `%s` | %s |\n", $1, $2 }' >"$WORK/key-rows"
sed -n '/^| keys | what they do |$/,/^$/p' "$TOP_SRCDIR/README.md" | grep '^| `' >"$WORK/readme-keys"
ok
[ "$(wc -l <"$WORK/key-rows")" -ge 20 ] || fail "rate --keys lists too few keys"
ok
cmp -s "$WORK/key-rows" "$WORK/readme-keys" || fail "README's keys table is not rate --keys:
$(diff "$WORK/key-rows" "$WORK/readme-keys")"

# The README opens with the two set-up commands.
ok
[ "$(sed -n '3,6p' "$TOP_SRCDIR/README.md" | grep -c '^\./setup\.sh ')" = 2 ] || fail "README does not open with the two setup commands"

finish
