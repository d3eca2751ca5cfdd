# escapes.sh: an output (and a prompt title and turn) holding ESC sequences
# that would set the window title, clear the screen, move the cursor and
# write the clipboard, BELs, backspaces, a raw carriage return, a bidi
# override and a C1 control: all shown inert, as visible notation, and the
# terminal obeys none of them.
. "$TESTS_SRCDIR/tmux/lib.sh"

import "$RUBRIC" "$UI/escapes"
# The title a pane has when nothing sets one, from a pane of its own (the
# program draws before the test could read its own pane's).
tm new-session -d -s plain -x 80 -y 24 sleep 600
title_before=$(pane plain '#{pane_title}')
start e 120 40 rate --as --reviewer ana
wait_for e "item 1 of 1"

# Drawn as Markdown, the output's lines stay lines (none was wrapped by an
# editor) and every escape shows inert.
for shown in \
    'Evil ^[]0;title-pwned^G title' \
    '^[[31mred^[[0m and a bell^G here.' \
    'Line one ^[]0;pwned-title^G after.' \
    'Clear ^[[2J^[[H home.' \
    'Clipboard ^[]52;c;cHduZWQ=^G done.' \
    'Back^H^H^Hspace and raw^Mreturn.' \
    'Bell ^G^G twice.' \
    'Bidi <U+202E>evil<U+202C> end.' \
    'C1 <U+009B>31m csi.' \
    'Still aligned after all of it.'; do
	wait_for e "$shown"
done
# As written (m), the same: control characters are never obeyed.
keys e m
wait_for e "as written (m)"
for shown in \
    'Summarize this log:' \
    '^[[31mred^[[0m and a bell^G here.' \
    'Clipboard ^[]52;c;cHduZWQ=^G done.' \
    'Bidi <U+202E>evil<U+202C> end.' \
    'Still aligned after all of it.'; do
	wait_for e "$shown"
done

# The layout is intact: nothing moved the cursor or cleared the screen.
ok
screen e | sed -n 1p | grep -q '^ Summarization · Evil' || fail "the title line moved: $(screen e | sed -n 1p)"
ok
screen e | sed -n 2p | grep -q 'Prompt .*│▸ Output' || fail "the pane headers moved"
ok
screen e | tail -n 1 | grep -q "entering for ana as $ME  0/1 done" || fail "the status line moved"
n=$(screen e | grep -c '│')
ok
[ "$n" -ge 28 ] || fail "the pane border is broken ($n rows)"

# Scroll and redraw, in case a partial redraw would send the bytes.
keys e J K End Home C-l
wait_for e "Still aligned after all of it."

ok
[ "$(pane e '#{pane_title}')" = "$title_before" ] ||
    fail "the pane title changed to '$(pane e '#{pane_title}')' (was '$title_before')"
ok
[ -z "$(tm list-buffers)" ] || fail "the output wrote the clipboard: $(tm list-buffers)"
ok
[ "$(pane e '#{alternate_on}')" = 1 ] || fail "the output switched the alternate screen off"

keys e q
wait_exit e
expect_status 0 "quit"
ok
[ "$(pane e '#{pane_title}')" = "$title_before" ] || fail "the pane title changed after quitting"

finish
