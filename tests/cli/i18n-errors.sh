# i18n-errors.sh: the core's refusals in Japanese.  With LC_ALL=ja_JP.UTF-8
# a broken YAML file, a bad JSONL outputs line, bad ratings lines, a missing
# study database and a file that is not one are each refused in Japanese,
# with the file:line:column as it is in English, exit status 2 and the
# database untouched; LANGUAGE=en gives the English text back.  A control
# character in a file name still reaches stderr as ^A inside the Japanese.
. "$TESTS_SRCDIR/cli/lib.sh"

if ! locale -a 2>/dev/null | grep -qix 'ja_JP.utf-\{0,1\}8'; then
	echo "SKIP: the ja_JP.UTF-8 locale is not installed (./setup.sh generates it): Japanese messages not checked" >&2
	exit 77
fi
export LANGUAGE=

"$PANELIST" import "$FIXTURES/good" >/dev/null 2>&1 || fail "the good fixtures do not import"

# in_lang LANG ARGS...: panelist in ja_JP.UTF-8, messages in LANG ("" for
# the locale's), keeping stdout, stderr and the exit status.
in_lang() {
	lang=$1
	shift
	LC_ALL=ja_JP.UTF-8 LANGUAGE=$lang "$PANELIST" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

# has TEXT WHAT: stderr holds TEXT as it is (no pattern).
has() {
	ok
	grep -qF -- "$1" "$WORK/err" || fail "$2: stderr lacks '$1': $(head -c 600 "$WORK/err")"
}

lacks() {
	ok
	! grep -qF -- "$1" "$WORK/err" || fail "$2: stderr holds '$1': $(head -c 600 "$WORK/err")"
}

# refused WHAT DB JA EN ARGS...: refused in Japanese (JA, with no trace of
# EN), then in English (EN) with LANGUAGE=en, exit status 2 both times,
# and DB (a study database, or any file) the same bytes after as before.
refused() {
	what=$1 db=$2 ja=$3 en=$4
	shift 4
	snapshot "$db" "$WORK/db.before"
	in_lang "" "$@"
	expect_status 2 "$what, in Japanese"
	has "$ja" "$what, in Japanese"
	lacks "$en" "$what, in Japanese"
	ok
	snapshot "$db" "$WORK/db.after"
	cmp -s "$WORK/db.after" "$WORK/db.before" || fail "$what: the refused command changed $db"
	in_lang en "$@"
	expect_status 2 "$what, with LANGUAGE=en"
	has "$en" "$what, with LANGUAGE=en"
	lacks "$ja" "$what, with LANGUAGE=en"
	ok
	snapshot "$db" "$WORK/db.after"
	cmp -s "$WORK/db.after" "$WORK/db.before" || fail "$what: the refused command changed $db"
}

DB=$PANELIST_DB
mkdir -p "$WORK/case"
dump "$DB" >"$WORK/before.sql"

# A YAML file that never closes its quote: the position is where it opened.
printf 'kind: prompts\nprompts: [a, "b\n' >"$WORK/case/quote.yaml"
refused "an unclosed quote" "$DB" \
    "panelist: $WORK/case/quote.yaml:2:14: ここで始まる 引用符付きスカラー に YAML の構文エラーがあります。3:1 で解析を中止しました: 予期しないところで入力が終わっています" \
    "panelist: $WORK/case/quote.yaml:2:14: YAML syntax error in a quoted scalar begun here; parsing stopped at 3:1: found unexpected end of stream" \
    import "$WORK/case/quote.yaml"

# An outputs line without its text.
printf '{"model": "m-one", "prompt": "sum-incident-brief", "text": "fine"}\n{"model": "m-two", "prompt": "sum-incident-brief"}\n' >"$WORK/case/outputs.jsonl"
refused "an outputs line without text" "$DB" \
    "panelist: $WORK/case/outputs.jsonl:2:1: 必須のキー \"text\" がありません" \
    "panelist: $WORK/case/outputs.jsonl:2:1: missing required key \"text\"" \
    import "$WORK/case/outputs.jsonl"

# Ratings lines: a misspelt key (the loader), a rating of an output the
# study does not have (the store).
printf '{"kind":"ratings","reviewer":"x","prompt":"sum-incident-brief","model":"m","capability":"summarization","axis":"accuracy","scor":3}\n' >"$WORK/case/typo.jsonl"
refused "a misspelt key on a ratings line" "$DB" \
    "panelist: $WORK/case/typo.jsonl:1:1: 不明なキー \"scor\"（\"score\" のことですか？）" \
    "panelist: $WORK/case/typo.jsonl:1:1: unknown key \"scor\" (did you mean \"score\"?)" \
    import --as "$WORK/case/typo.jsonl"
printf '{"kind":"ratings","reviewer":"x","prompt":"nope","model":"m","capability":"summarization","axis":"accuracy","score":3}\n' >"$WORK/case/unknown.jsonl"
refused "a rating of an output not here" "$DB" \
    "panelist: $WORK/case/unknown.jsonl:1:1: ここにはプロンプト 'nope' 版 1 に対するモデル 'm' の出力がありません（先に同じプロンプトと出力を取り込んでください）" \
    "panelist: $WORK/case/unknown.jsonl:1:1: no output of model 'm' for prompt 'nope' version 1 here (import the same prompts and outputs first)" \
    import --as "$WORK/case/unknown.jsonl"

dump "$DB" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a refused import changed the study (as SQL)"

# No study database there: none is made.
in_lang "" --db "$WORK/missing.db" status
expect_status 2 "a missing study database, in Japanese"
has "panelist: $WORK/missing.db に調査データベースがありません（'panelist init' で作成するか、--db で別のものを指定してください）" \
    "a missing study database, in Japanese"
ok
[ ! -e "$WORK/missing.db" ] || fail "a missing study database was created"
in_lang en --db "$WORK/missing.db" status
expect_status 2 "a missing study database, with LANGUAGE=en"
has "panelist: no study database at $WORK/missing.db (create one with 'panelist init', or name another with --db)" \
    "a missing study database, with LANGUAGE=en"

# A file that is not a study database, as --db and as a merge source.
printf 'a shopping list, not a study\n' >"$WORK/list.db"
refused "--db naming a file that is not a study" "$WORK/list.db" \
    "panelist: $WORK/list.db は panelist の調査データベースではありません（SQLite のファイルではありません）" \
    "panelist: $WORK/list.db is not a panelist study database (not an SQLite file)" \
    --db "$WORK/list.db" status
"$SQLITE3" "$WORK/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);' || fail "an SQLite file is not made"
refused "a merge source that is not a study" "$DB" \
    "panelist: $WORK/other.db は SQLite データベースですが、panelist の調査データベースではありません" \
    "panelist: $WORK/other.db is an SQLite database but not a panelist study" \
    merge "$WORK/other.db"
dump "$DB" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a refused merge changed the study (as SQL)"

# A control character in a file name is shown, not sent, in Japanese too.
cp "$WORK/case/quote.yaml" "$WORK/case/b$(printf '\001')d.yaml"
in_lang "" import "$WORK/case/b$(printf '\001')d.yaml"
expect_status 2 "a control character in a file name"
has "panelist: $WORK/case/b^Ad.yaml:2:14: ここで始まる 引用符付きスカラー に YAML の構文エラー" \
    "a control character in a file name is shown as ^A in Japanese"
ok
if LC_ALL=C grep -q "$(printf '\001')" "$WORK/err"; then fail "a raw control character reached stderr"; fi

finish
