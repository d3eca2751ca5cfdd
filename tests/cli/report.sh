# report.sh: the HTML report is one self-contained file, escapes the
# study's text, is written whole or not at all, renders in headless
# Chromium without console errors and not blank, and shows the numbers
# `scores --format json` gives; in Japanese too (--lang ja or the locale),
# drawn with a Japanese font its style sheet names.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"
S=$FIXTURES/scores
PY=${PYTHON3:-python3}

"$PANELIST" import "$S" >/dev/null
"$PUT_RATINGS" "$PANELIST_DB" <"$S/ratings.txt"
# A prompt title is data: markup in it must arrive as text.
printf 'kind: prompts\nprompts:\n  - id: s-evil\n    capabilities: [summarization]\n    title: "<script>alert(1)</script> & <b>bold</b> \\"q\\""\n    turns: [{role: user, content: x}]\n' >"$WORK/evil.yaml"
"$PANELIST" import "$WORK/evil.yaml" >/dev/null

run report -o "$WORK/report.html" --resamples 300
expect_status 0 "report"
R=$WORK/report.html
ok
[ -s "$R" ] || fail "no report written"

# ---- self-contained ------------------------------------------------------------
for pat in 'https?://' '<script' '<link' '<img' '<iframe' '@import' ' src=' 'url\([^#]'; do
	ok
	! grep -Eiq "$pat" "$R" || fail "the report is not self-contained: it has /$pat/: $(grep -Eio ".{0,40}$pat.{0,40}" "$R" | head -3)"
done
ok
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; &quot;q&quot;' "$R" ||
    fail "a prompt title is not escaped"
for section in study capabilities overall axes agreement reviewers sources; do
	ok
	grep -q "<section id=\"$section\">" "$R" || fail "the report lacks the $section section"
done
ok
grep -q 'class="heatmap"' "$R" || fail "no heat map"
ok
grep -q '>undefined</text>' "$R" || fail "the heat map does not say where alpha is undefined"
ok
grep -q '<tr class="rubric" data-capability="summarization" data-version="1">' "$R" ||
    fail "the rubric versions are not listed"
ok
grep -q '<tr class="prompt" data-prompt="s1" data-version="1">' "$R" || fail "the prompt versions are not listed"

# ---- written whole or not at all ------------------------------------------------
mkdir -p "$WORK/out-dir"
echo old >"$WORK/out-dir/r.html"
run --db "$WORK/none.db" report -o "$WORK/out-dir/r.html"
expect_status 2 "report on a missing study"
ok
[ "$(cat "$WORK/out-dir/r.html")" = old ] && [ "$(ls -A "$WORK/out-dir")" = r.html ] ||
    fail "a failed report touched the file or left a temporary one"
run report -o "$WORK/no/such/dir/r.html"
expect_status 1 "report into a missing directory"
expect_err "^panelist: cannot write " "says why"
run report
expect_status 2 "report without -o"
expect_err "^panelist: where to\?" "report without -o says why"
for bad in "-o" "--format csv -o x.html" "--resamples x -o x.html" "stray -o x.html"; do
	# shellcheck disable=SC2086
	run report $bad
	expect_status 2 "report $bad"
done
SOURCE_DATE_EPOCH=0 "$PANELIST" report -o "$WORK/a.html" --resamples 100
SOURCE_DATE_EPOCH=0 "$PANELIST" report -o - --resamples 100 >"$WORK/b.html"
ok
cmp -s "$WORK/a.html" "$WORK/b.html" || fail "the same study and seed gave two different reports"
ok
grep -q "on 1970-01-01 00:00 UTC" "$WORK/a.html" || fail "SOURCE_DATE_EPOCH does not fix the date"

# ---- in Japanese ---------------------------------------------------------------------
# --lang en is the report of the C locale; --lang ja, or a Japanese locale,
# the Japanese one.  The study's text is escaped as in English.
SOURCE_DATE_EPOCH=0 "$PANELIST" report -o "$WORK/c.html" --resamples 300 2>/dev/null
run report --lang en -o "$WORK/en.html" --resamples 300
expect_status 0 "report --lang en"
ok
SOURCE_DATE_EPOCH=0 "$PANELIST" report --lang en -o "$WORK/en.html" --resamples 300 2>/dev/null &&
    cmp -s "$WORK/c.html" "$WORK/en.html" || fail "report --lang en is not the report of the C locale"
ok
grep -q '^<html lang="en">$' "$WORK/c.html" || fail "the English report is not <html lang=\"en\">"
run report --lang ja -o "$WORK/ja.html" --resamples 300
expect_status 0 "report --lang ja"
J=$WORK/ja.html
SOURCE_DATE_EPOCH=0 "$PANELIST" report --lang ja -o "$J" --resamples 300 2>/dev/null
ok
grep -q '^<html lang="ja">$' "$J" || fail "report --lang ja: not <html lang=\"ja\">: $(grep '<html' "$J")"
for h in '<h2>調査</h2>' '<h2>能力スコア</h2>' '<h2>職場での総合スコア</h2>' '<h2>評価者間の一致度</h2>' \
    '<th>95% 区間</th>' '>スコア（尺度 1〜5）</text>' '>未定義</text>' \
    '<title id="heat-title">能力・評価軸ごとの Krippendorff のα</title>'; do
	ok
	grep -qF "$h" "$J" || fail "report --lang ja lacks $h"
done
for h in '<h2>Capability scores</h2>' '<th>95% interval</th>' '>undefined</text>'; do
	ok
	! grep -qF "$h" "$J" || fail "report --lang ja still has $h"
done
ok
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; &quot;q&quot;' "$J" ||
    fail "report --lang ja does not escape a prompt title"
run report --lang fr -o "$WORK/fr.html"
expect_status 2 "report --lang fr"
expect_err "--lang fr: expected en or ja" "report --lang fr says which languages there are"
ok
[ ! -e "$WORK/fr.html" ] || fail "report --lang fr wrote a file"
if locale -a 2>/dev/null | grep -qix 'ja_JP.utf-\{0,1\}8'; then
	ok
	SOURCE_DATE_EPOCH=0 LC_ALL=ja_JP.UTF-8 "$PANELIST" report -o "$WORK/locale.html" --resamples 300 2>/dev/null &&
	    cmp -s "$J" "$WORK/locale.html" || fail "LC_ALL=ja_JP.UTF-8 report is not report --lang ja"
	ok
	SOURCE_DATE_EPOCH=0 LC_ALL=ja_JP.UTF-8 "$PANELIST" report --lang en -o "$WORK/en2.html" --resamples 300 2>/dev/null &&
	    cmp -s "$WORK/c.html" "$WORK/en2.html" || fail "LC_ALL=ja_JP.UTF-8 report --lang en is not the English report"
else
	echo "SKIP: the ja_JP.UTF-8 locale is not installed (./setup.sh generates it): the locale's choice of the report's language is not checked" >&2
fi

# ---- in a browser ------------------------------------------------------------------
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "chromium not found: the rendering checks are skipped" >&2
	[ "$failures" -eq 0 ] || finish
	exit 77
fi
# browse OUT ARGS...: headless Chromium, offline, console messages on stderr.
browse() {
	out=$1
	shift
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking --disable-component-update \
	    --disable-sync --host-resolver-rules='MAP * ~NOTFOUND' \
	    --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" \
	    --enable-logging=stderr --v=0 "$@" >"$out" 2>"$WORK/console"
}
# Any console message is a problem: the page has no script, so one can
# only come from an error (a script that should not be there, a blocked
# resource).
console_errors() {
	grep -E ':CONSOLE|Uncaught|Failed to load resource' "$WORK/console"
}

# The check itself must see an error when there is one.
printf '<!DOCTYPE html><html><body><p>x</p><script>no_such_function();</script></body></html>\n' >"$WORK/broken.html"
browse "$WORK/broken.dom" --dump-dom "file://$WORK/broken.html"
ok
console_errors >/dev/null || fail "the console check misses an uncaught error: $(tail -5 "$WORK/console")"

browse "$WORK/dom.html" --dump-dom "file://$R"
ok
! console_errors >"$WORK/errors" || fail "console errors: $(cat "$WORK/errors")"
ok
grep -q 'class="bar"' "$WORK/dom.html" || fail "the browser's DOM has no bars"

# check_shot PNG: the screenshot shows something.
check_shot() {
"$PY" - "$1" 2>"$WORK/py" <<'EOF' || fail "screenshot $1: $(cat "$WORK/py")"
# Decode the PNG (8-bit RGB or RGBA, non-interlaced, as Chromium writes it)
# and check that it shows something: many colours, a fair share of ink.
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, head = 8, b'', None
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        head = struct.unpack('>IIBBBBB', body)
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = head
assert depth == 8 and ctype in (2, 6) and interlace == 0, head
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, colours, ink = bytearray(stride), set(), 0
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, w, 4):
            px = bytes(line[x * bpp:x * bpp + 3])
            colours.add(px)
            ink += px != b'\xff\xff\xff'
    prev = line
samples = ((h + 3) // 4) * ((w + 3) // 4)
assert (w, h) == (1280, 2400), (w, h)
assert len(colours) > 50, 'only %d colours' % len(colours)
assert ink > samples * 0.03, 'blank: %d of %d samples are not white' % (ink, samples)
EOF
}
browse /dev/null --screenshot="$WORK/shot.png" --window-size=1280,2400 "file://$R"
ok
check_shot "$WORK/shot.png"

# ---- the numbers ----------------------------------------------------------------------
"$PANELIST" scores --format json --resamples 300 >"$WORK/caps.json"
"$PANELIST" scores --by model,capability,axis --format json --resamples 300 >"$WORK/axes.json"
# check_numbers DOM: the numbers on the page's elements are the JSON's.
check_numbers() {
"$PY" - "$1" "$WORK/caps.json" "$WORK/axes.json" 2>"$WORK/py" <<'EOF' || fail "numbers in $1: $(cat "$WORK/py")"
import json, sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.bars, self.overall, self.axes = {}, {}, {}
        self.few, self.partial, self.pairs, self.flags = set(), set(), {}, {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get('class', '').split()
        num = lambda k: float(a[k]) if a.get(k) else None
        vals = (num('data-score'), num('data-lo'), num('data-hi'))
        if tag == 'rect' and 'bar' in cls:
            self.bars[(a['data-model'], a['data-capability'])] = vals
            if 'few' in cls:
                self.few.add((a['data-model'], a['data-capability'], a['data-few']))
        elif tag == 'tr' and 'overall' in cls:
            self.overall[a['data-model']] = vals
            if 'partial' in cls:
                self.partial.add(a['data-model'])
        elif tag == 'tr' and 'pair' in cls:
            self.pairs[(a['data-model-a'], a['data-model-b'], a['data-capability'])] = (num('data-diff'), a['data-differs'])
        elif tag == 'tr' and 'flag-share' in cls:
            self.flags[(a['data-model'], a['data-capability'])] = (num('data-share'), num('data-lo'), num('data-hi'))
        elif tag == 'tr' and 'axis-score' in cls:
            self.axes[(a['data-model'], a['data-capability'], a['data-axis'])] = vals

page = Page()
page.feed(open(sys.argv[1]).read())
caps, axes = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
same = lambda a, b: (a is None and b is None) or abs(a - b) < 1e-9
want = {(r['model'], r['capability']): (r['score'], r['ci_low'], r['ci_high']) for r in caps['rows']}
assert set(page.bars) == set(want), (sorted(page.bars), sorted(want))
for k, v in want.items():
    assert all(map(same, page.bars[k], v)), (k, page.bars[k], v)
want = {m['model']: (m['score'], m['ci_low'], m['ci_high']) for m in caps['models']}
assert set(page.overall) == set(want), (page.overall, want)
for k, v in want.items():
    assert all(map(same, page.overall[k], v)), (k, page.overall[k], v)
want = {(r['model'], r['capability'], r['axis']): (r['score'], r['ci_low'], r['ci_high']) for r in axes['rows']}
assert set(page.axes) == set(want), (sorted(page.axes), sorted(want))
for k, v in want.items():
    assert all(map(same, page.axes[k], v)), (k, page.axes[k], v)
assert abs(page.bars[('alpha', 'summarization')][0] - 4.125) < 1e-9
# One prompt behind gamma's bar: drawn as such, without an interval.
assert page.few == {('gamma', 'summarization', '1')}, page.few
assert page.bars[('gamma', 'summarization')][1] is None
# gamma was not rated on generation: partial, shown apart, last.
assert page.partial == {'gamma'}, page.partial
assert list(page.overall)[-1] == 'gamma', list(page.overall)
# Every pair of models, compared; Holm's verdict on each row.
assert {k[:2] for k in page.pairs} == {('alpha', 'beta'), ('alpha', 'gamma'), ('beta', 'gamma')}, page.pairs
assert abs(page.pairs[('alpha', 'beta', 'summarization')][0] - 2.25) < 1e-9
assert page.pairs[('alpha', 'beta', 'summarization')][1] == 'yes'
assert page.pairs[('alpha', 'gamma', 'overall')][1] == 'no'
# The share of outputs flagged, with its interval.
f = page.flags[('alpha', 'summarization')]
assert abs(f[0] - 1 / 6) < 1e-9 and f[1] < 1 / 6 < f[2], f
assert set(page.flags) == {('alpha', 'summarization')}, page.flags
EOF
}
ok
check_numbers "$WORK/dom.html"
"$PANELIST" report -o - --compare beta alpha >"$WORK/pair.html"
ok
[ "$(grep -c 'class="pair"' "$WORK/pair.html")" -eq 3 ] && grep -q 'data-model-a="beta" data-model-b="alpha"' "$WORK/pair.html" ||
    fail "report --compare B A shows that pair alone"
run report -o - --compare alpha nobody
expect_status 2 "report --compare with an unknown model"
! grep -q 'nan' "$WORK/dom.html" || fail "the report prints nan"

# ---- the Japanese page in the browser ---------------------------------------------------
# check_shown DOM FEW: the numbers a reader sees (scores and interval
# bounds as the page rounds them) are the JSON's; FEW is the cell's text
# for too few prompts, with {} for the count.
check_shown() {
"$PY" - "$1" "$WORK/caps.json" "$WORK/axes.json" "$2" 2>"$WORK/py" <<'EOF2' || fail "the numbers shown in $1: $(cat "$WORK/py")"
import json, re, sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.titles, self.row, self.cell, self.bar = {}, {}, None, None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get('class', '').split()
        if tag == 'tr' and ('overall' in cls or 'axis-score' in cls):
            self.row = (a['data-model'], a.get('data-capability'), a.get('data-axis'))
            self.rows[self.row] = []
        elif tag == 'td' and self.row is not None:
            self.cell = ''
        elif tag == 'rect' and 'bar' in cls:
            self.bar = (a['data-model'], a['data-capability'])
            self.titles[self.bar] = ''
    def handle_endtag(self, tag):
        if tag == 'td' and self.row is not None:
            self.rows[self.row].append(self.cell.strip())
            self.cell = None
        elif tag == 'tr':
            self.row = None
        elif tag == 'rect':
            self.bar = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.bar is not None:
            self.titles[self.bar] += data

page = Page()
page.feed(open(sys.argv[1]).read())
caps, axes, few = json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), sys.argv[4]

def interval(r):
    if r['ci_low'] is None:
        return few.format(re.search(r'\d+', r['ci_note']).group())
    return '[%.2f, %.2f]' % (r['ci_low'], r['ci_high'])

n = 0
for m in caps['models']:
    cells = page.rows[(m['model'], None, None)]
    assert cells[0] == m['model'] and cells[1] == '%.2f' % m['score'], (m, cells)
    assert cells[2] == interval(m), (m, cells)
    n += 1
for r in axes['rows']:
    cells = page.rows[(r['model'], r['capability'], r['axis'])]
    assert cells[2] == '%.2f' % r['score'] and cells[3] == interval(r), (r, cells)
    n += 1
for r in caps['rows']:
    t = page.titles[(r['model'], r['capability'])]
    shown = '%.2f' % r['score'] + ('' if r['ci_low'] is None else ' [%.2f, %.2f]' % (r['ci_low'], r['ci_high']))
    assert shown in t and (r['ci_low'] is not None or '[' not in t), (r, t)
    n += 1
assert len(page.rows) + len(page.titles) == n and n > 10, (n, len(page.rows), len(page.titles))
EOF2
}
ok
check_shown "$WORK/dom.html" 'too few prompts ({})'

browse "$WORK/ja-dom.html" --dump-dom "file://$J"
ok
! console_errors >"$WORK/errors" || fail "the Japanese report: console errors: $(cat "$WORK/errors")"
ok
grep -q '<h2>能力スコア</h2>' "$WORK/ja-dom.html" || fail "the browser's DOM of the Japanese report has no Japanese heading"
ok
check_numbers "$WORK/ja-dom.html"
ok
check_shown "$WORK/ja-dom.html" 'プロンプトが少なすぎます（{} 件）'
browse /dev/null --screenshot="$WORK/ja-shot.png" --window-size=1280,2400 "file://$J"
ok
check_shot "$WORK/ja-shot.png"

# The Japanese text is drawn by a Japanese font the style sheet names, not
# by a browser's last resort (which may draw kanji in Chinese shapes, or
# boxes): the fonts the printed page embeds, against the page's font stack
# and the families fontconfig says cover Japanese (setup.sh installs
# fonts-ipafont-gothic).
browse /dev/null --no-pdf-header-footer --print-to-pdf="$WORK/ja.pdf" "file://$J"
fc-list :lang=ja family >"$WORK/ja-fonts" 2>/dev/null
ok
"$PY" - "$J" "$WORK/ja.pdf" "$WORK/ja-fonts" 2>"$WORK/py" <<'EOF' || fail "Japanese glyphs: $(cat "$WORK/py")"
import re, sys
norm = lambda s: re.sub(r'[^a-z0-9]', '', s.lower())
css = open(sys.argv[1], encoding='utf-8').read()
stack = re.search(r'body\{[^}]*font:[^ ]+ ([^}]*)\}', css).group(1)
named = {norm(f.strip().strip('"')) for f in stack.split(',')}
named -= {'systemui', 'applesystem', 'sansserif', 'serif'}
fc = {norm(f) for line in open(sys.argv[3], encoding='utf-8') for f in line.strip().split(',') if f.isascii() and f}
assert fc, 'fontconfig knows no font with Japanese glyphs: install fonts-ipafont-gothic (./setup.sh)'
assert named & fc, 'no family of the page font stack has Japanese glyphs here: %s; installed: %s' % (stack, sorted(fc))
pdf = open(sys.argv[2], 'rb').read()
embedded = {norm(m.decode().split('+')[-1]) for m in re.findall(rb'/BaseFont\s*/([^\s/<>\[\]]+)', pdf)}
assert embedded, 'the printed page embeds no font'
used = {e for e in embedded if any(e.startswith(f) for f in named & fc)}
assert used, 'the page was drawn with %s, none of them a Japanese family of its font stack %s' % (sorted(embedded), stack)
EOF

finish
