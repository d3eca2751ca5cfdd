# i18n.sh: every message a person reads goes through the catalogue, the
# Japanese catalogue is complete and well-formed, and the locale picks it.
. "$TESTS_SRCDIR/cli/lib.sh"

PO=$TOP_SRCDIR/po
: "${MSGFMT:=msgfmt}" "${MSGMERGE:=msgmerge}" "${XGETTEXT:=xgettext}"
: "${XGETTEXT_OPTS:=--from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2}"
: "${POTFILES:=src/*.c}"

# The catalogue compiles with every check msgfmt has (formats, header).
ok
"$MSGFMT" --check --check-accelerators=_ -o "$WORK/ja.mo" "$PO/ja.po" 2>"$WORK/msgfmt" ||
	fail "msgfmt --check po/ja.po: $(cat "$WORK/msgfmt")"

# The template in the tree is the one the sources make.
# shellcheck disable=SC2086 # the options and the file list are word lists
(cd "$TOP_SRCDIR" && "$XGETTEXT" $XGETTEXT_OPTS -o "$WORK/fresh.pot" $POTFILES) 2>"$WORK/xgettext"
ok
[ -s "$WORK/fresh.pot" ] || fail "xgettext made no template: $(cat "$WORK/xgettext")"
msgids() {
	msgattrib --no-location --no-wrap --sort-output "$1" | sed '1,/^$/d'
}
msgids "$WORK/fresh.pot" >"$WORK/fresh.ids"
msgids "$PO/panelist.pot" >"$WORK/tree.ids"
ok
cmp -s "$WORK/fresh.ids" "$WORK/tree.ids" ||
	fail "po/panelist.pot is out of date (make update-po): $(diff "$WORK/tree.ids" "$WORK/fresh.ids" | head -20)"

# Every message the sources hold has a Japanese translation, none fuzzy.
"$MSGMERGE" --quiet --no-fuzzy-matching -o "$WORK/merged.po" "$PO/ja.po" "$WORK/fresh.pot"
msgattrib --untranslated --no-obsolete "$WORK/merged.po" | sed '1,/^$/d' >"$WORK/untranslated"
msgattrib --only-fuzzy --no-obsolete "$WORK/merged.po" | sed '1,/^$/d' >"$WORK/fuzzy"
ok
[ ! -s "$WORK/untranslated" ] ||
	fail "$(grep -c '^msgid' "$WORK/untranslated") messages have no Japanese: $(grep '^msgid' "$WORK/untranslated" | head -10)"
ok
[ ! -s "$WORK/fuzzy" ] || fail "fuzzy translations in po/ja.po: $(grep '^msgid' "$WORK/fuzzy" | head -10)"
ok
n=$(grep -c '^msgid ' "$WORK/fresh.pot")
[ "$n" -ge 2 ] || fail "the template holds only $n messages"

# No string a person reads bypasses the catalogue (i18n-lint.awk says how
# a machine format is marked).
(cd "$TOP_SRCDIR/src" && awk -f "$TESTS_SRCDIR/cli/i18n-lint.awk" ./*.c) >"$WORK/lint"
ok
[ ! -s "$WORK/lint" ] ||
	fail "$(wc -l <"$WORK/lint") lines print text without _(): $(head -20 "$WORK/lint")"

# The locale picks the language, in gettext's order.
if ! locale -a 2>/dev/null | grep -qix 'ja_JP.utf-\{0,1\}8'; then
	echo "SKIP: the ja_JP.UTF-8 locale is not installed (./setup.sh generates it): language choice not checked" >&2
	finish
	exit $?
fi
ja_no_command='コマンド'
LC_ALL=ja_JP.UTF-8 "$PANELIST" frobnicate 2>"$WORK/err"
ok
grep -q "$ja_no_command" "$WORK/err" || fail "LC_ALL=ja_JP.UTF-8: the error is not in Japanese: $(cat "$WORK/err")"
(unset LC_ALL; LANG=ja_JP.UTF-8 "$PANELIST" frobnicate) 2>"$WORK/err"
ok
grep -q "$ja_no_command" "$WORK/err" || fail "LANG=ja_JP.UTF-8: the error is not in Japanese: $(cat "$WORK/err")"
(unset LC_ALL; LANG=C.UTF-8 LC_MESSAGES=ja_JP.UTF-8 "$PANELIST" frobnicate) 2>"$WORK/err"
ok
grep -q "$ja_no_command" "$WORK/err" || fail "LC_MESSAGES=ja_JP.UTF-8: the error is not in Japanese: $(cat "$WORK/err")"
LC_ALL=ja_JP.UTF-8 LANGUAGE=en "$PANELIST" frobnicate 2>"$WORK/err"
ok
grep -q "no command 'frobnicate'" "$WORK/err" || fail "LANGUAGE=en does not win over LC_ALL: $(cat "$WORK/err")"
"$PANELIST" frobnicate 2>"$WORK/err"
ok
grep -q "no command 'frobnicate'" "$WORK/err" || fail "LC_ALL=C.UTF-8 is not English: $(cat "$WORK/err")"
LC_ALL=C LANGUAGE=ja "$PANELIST" frobnicate 2>"$WORK/err"
ok
grep -q "no command 'frobnicate'" "$WORK/err" || fail "LANGUAGE is honoured in the C locale (gettext's rule is not to): $(cat "$WORK/err")"

finish
