# report.sh: the HTML report is one self-contained file, escapes the
# study's text, is written whole or not at all, renders in headless
# Chromium without console errors and not blank, and shows the numbers
# `scores --format json` gives.
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

browse /dev/null --screenshot="$WORK/shot.png" --window-size=1280,2400 "file://$R"
ok
"$PY" - "$WORK/shot.png" 2>"$WORK/py" <<'EOF' || fail "screenshot: $(cat "$WORK/py")"
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

# ---- the numbers ----------------------------------------------------------------------
"$PANELIST" scores --format json --resamples 300 >"$WORK/caps.json"
"$PANELIST" scores --by model,capability,axis --format json --resamples 300 >"$WORK/axes.json"
ok
"$PY" - "$WORK/dom.html" "$WORK/caps.json" "$WORK/axes.json" 2>"$WORK/py" <<'EOF' || fail "numbers: $(cat "$WORK/py")"
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
"$PANELIST" report -o - --compare beta alpha >"$WORK/pair.html"
ok
[ "$(grep -c 'class="pair"' "$WORK/pair.html")" -eq 3 ] && grep -q 'data-model-a="beta" data-model-b="alpha"' "$WORK/pair.html" ||
    fail "report --compare B A shows that pair alone"
run report -o - --compare alpha nobody
expect_status 2 "report --compare with an unknown model"
! grep -q 'nan' "$WORK/dom.html" || fail "the report prints nan"

finish
