# docs-ja.sh: the Japanese manual, man/ja/panelist.1, is clean mdoc and
# describes what the English panelist(1) describes: the same commands, the
# same global options and the same keys, dated as the English page it
# translates.  A command added to one page and not the other fails here.
. "$TESTS_SRCDIR/cli/lib.sh"

EN=$TOP_SRCDIR/man/panelist.1
JA=$TOP_SRCDIR/man/ja/panelist.1

if [ -n "${MANDOC:-}" ]; then
	# From man/, as docs.sh lints the English pages: there is no Japanese
	# panelist(5), and .Xr panelist 5 finds the English one there.
	(cd "$TOP_SRCDIR/man" && "$MANDOC" -Tlint ja/panelist.1) >"$WORK/lint" 2>&1
	ok
	[ ! -s "$WORK/lint" ] || fail "mandoc -Tlint ja/panelist.1: $(cat "$WORK/lint")"
	# mandoc breaks lines only at spaces, never between two Japanese
	# characters: a long run of them overflows an 80-column terminal, so the
	# source breaks its sentences after a 、 or 。 instead.  Measured in
	# terminal cells (wc -L in a UTF-8 locale), examples apart.
	"$MANDOC" -Tutf8 "$JA" | sed 's/.\x08//g' | grep -v '^ *\$ ' >"$WORK/ja.txt"
	ok
	[ "$(wc -L <"$WORK/ja.txt")" -le 80 ] || fail "ja/panelist.1 renders lines wider than 80 cells:
$(awk 'length($0) > 40' "$WORK/ja.txt" | while IFS= read -r l; do
	[ "$(printf '%s\n' "$l" | wc -L)" -le 80 ] || printf '%s\n' "$l"; done)"
else
	echo "mandoc not found: lint skipped" >&2
fi

# The commands, in order: each .It Cm up to its first argument or option
# bracket ("show prompt", "export Fl -scores", "report Fl o").
commands() {
	sed -n 's/^\.It Cm //p' "$1" | awk '{
		name = ""
		for (i = 1; i <= NF; i++) {
			if ($i ~ /^(Oo|Op|Ar|\\)$/)
				break
			name = name (name == "" ? "" : " ") $i
		}
		print name
	}'
}
commands "$EN" >"$WORK/en-commands"
commands "$JA" >"$WORK/ja-commands"
ok
[ "$(wc -l <"$WORK/en-commands")" -ge 10 ] || fail "too few commands found in panelist.1"
ok
cmp -s "$WORK/en-commands" "$WORK/ja-commands" || fail "ja/panelist.1 does not describe the commands of panelist.1:
$(diff "$WORK/en-commands" "$WORK/ja-commands")"

# The global options: the .It Fl entries before the first command.
globals() {
	awk '/^\.It Cm /{ exit } /^\.It Fl /' "$1"
}
globals "$EN" >"$WORK/en-globals"
globals "$JA" >"$WORK/ja-globals"
ok
grep -q '^\.It Fl -db ' "$WORK/en-globals" || fail "no global options found in panelist.1"
ok
cmp -s "$WORK/en-globals" "$WORK/ja-globals" || fail "ja/panelist.1 does not list the global options of panelist.1:
$(diff "$WORK/en-globals" "$WORK/ja-globals")"

# The keys of the rating screen, row for row.
grep '^\.It Ic ' "$EN" >"$WORK/en-keys"
grep '^\.It Ic ' "$JA" >"$WORK/ja-keys"
ok
cmp -s "$WORK/en-keys" "$WORK/ja-keys" || fail "ja/panelist.1 does not list the keys of panelist.1:
$(diff "$WORK/en-keys" "$WORK/ja-keys")"

# NAME stays parseable for apropos and makewhatis, and the date says which
# English page this translates.
ok
[ "$(sed -n '/^\.Sh /{p;q;}' "$JA")" = ".Sh NAME" ] || fail "ja/panelist.1 does not open with .Sh NAME"
ok
grep -q '^\.Nm panelist$' "$JA" && grep -q '^\.Nd ..' "$JA" || fail "ja/panelist.1 has no .Nm panelist and .Nd"
ok
[ "$(grep '^\.Dd ' "$JA")" = "$(grep '^\.Dd ' "$EN")" ] || fail "ja/panelist.1 is not dated as panelist.1 (update the translation and its .Dd)"

finish
