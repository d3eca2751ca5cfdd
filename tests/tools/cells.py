#!/usr/bin/env python3
# cells.py: text measured in display cells, as a terminal draws it (a wide
# or full-width character is two cells, a combining mark none), for the
# tests of Japanese output.  One of:
#   fits COLS FILE           print each line wider than COLS cells
#   ends FILE                print the cell where the last line's text ends
#   scale FILE               print, for each axis row of the rating panel,
#                            the cell where its scale (" 1  2  3") starts
#   rows FILE FIRST LAST     lines FIRST..LAST (from 1) as a table headed by
#                            the first: print each row whose cells do not
#                            start or end where their headings do
#   table|list|md FILE       the tables in FILE (see tables()): print each
#                            column that does not line up
# Nothing printed: the text is as it should be.
import re
import sys
import unicodedata


def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def cells(s):
    """One entry per display cell: the character, or "" on a wide one's
    second cell."""
    out = []
    for ch in s:
        if unicodedata.combining(ch):
            continue
        out.append(ch)
        if unicodedata.east_asian_width(ch) in "WF":
            out.append("")
    return out

def blank(row, i):
    return i < 0 or i >= len(row) or row[i] == " "

def check_table(head, rows):
    h = cells(head)
    rs = [cells(r) for r in rows]
    bar = set(i for r in rs for i, ch in enumerate(r) if ch in "├─█┤·│┼")
    spans, i = [], 0
    text = "".join(ch if ch != "" else "\0" for ch in h)
    for m in re.finditer(r"\S+(?: \S+)*", text):
        if not bar.intersection(range(m.start(), m.end())):
            spans.append((m.start(), m.end()))
    bad = 0
    for s, e in spans:
        # Left-aligned: a text starts at s (a blank before it), or the
        # column is blank.  Right-aligned: a text ends at e.
        left = all(blank(r, s - 1) and (not blank(r, s) or
                   all(blank(r, k) for k in range(s, e))) for r in rs)
        right = all(not blank(r, e - 1) and blank(r, e) for r in rs)
        if not (left or right):
            bad += 1
            print("column %r (cells %d-%d) does not line up:" %
                  (head[len("".join(ch for ch in h[:s] if ch)):].split("  ")[0], s, e))
            for r in rows:
                print("  " + r)
    return bad

def check_md(table):
    pos = [tuple(i for i, ch in enumerate(cells(l)) if ch == "|") for l in table]
    if len(set(pos)) != 1:
        print("the | do not line up:")
        for l in table:
            print("  " + l)


def runs(l):
    """The runs of text between two blanks or more, as (start, end) cells."""
    return [(width(l[:m.start()]), width(l[:m.end()]))
            for m in re.finditer(r"\S+(?: \S+)*", l)]


def rows(lines):
    """Each row whose runs sit under no heading, left- or right-aligned; a
    rule of ─ is skipped, an empty cell has no run."""
    head = runs(lines[0])
    for l in lines[1:]:
        if set(l) <= set("\u2500 "):
            continue
        j = 0
        for a in runs(l):
            while j < len(head) and a[0] != head[j][0] and a[1] != head[j][1]:
                j += 1
            if j == len(head):
                print(l)
                break
            j += 1


def tables(mode, lines):
    """"table": every heading with a rule of ─ under it; "list": the
    first line heads the rest; "md": every run of | lines."""
    n = 0
    if mode == "md":
        table = []
        for l in lines + [""]:
            if l.startswith("|"):
                table.append(l)
            elif table:
                check_md(table)
                n += 1
                table = []
    else:
        i = 0
        while i + 1 < len(lines):
            rule = lines[i + 1]
            if mode == "table" and rule and set(rule) == {"─"}:
                j = i + 2
                while j < len(lines) and lines[j] != "":
                    j += 1
                check_table(lines[i], lines[i + 2:j])
                n += 1
                i = j
            elif mode == "list" and i == 0:
                j = 1
                while j < len(lines) and lines[j] != "":
                    j += 1
                check_table(lines[0], lines[1:j])
                n += 1
                i = j
            else:
                i += 1
    if n == 0:
        print("no table found")


def main(argv):
    mode = argv[1]
    path = argv[3] if mode == "fits" else argv[2]
    lines = open(path, encoding="utf-8").read().split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    if mode == "fits":
        for l in lines:
            if width(l) > int(argv[2]):
                print("%d cells: %s" % (width(l), l))
    elif mode == "ends":
        print(width(lines[-1].rstrip()))
    elif mode == "scale":
        for l in lines:
            i = l.find(" 1  2  3")
            if i > 0 and "N/A" in l:
                print(width(l[:i]))
    elif mode == "rows":
        rows(lines[int(argv[3]) - 1:int(argv[4])])
    else:
        tables(mode, lines)


main(sys.argv)
