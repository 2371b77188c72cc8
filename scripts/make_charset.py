#!/usr/bin/env python3
"""Writes the character set of the UI font subset, one line of text (UTF-8).

The set is: printable ASCII, CJK and full-width punctuation, GB2312 level 1 (3755 common hanzi) and,
unless --level1-only, level 2 (3008 more), plus every non-ASCII character found in the given files
(translation tables, assets, specification text). Used by web/CMakeLists.txt at build time:

    make_charset.py --out charset.txt core/base/i18n_zh.cpp assets/ docs/*.md

assets/fonts/spec_chars.txt holds the characters of the specification and the two user manuals, which
live outside this repository; refresh it with
    make_charset.py --no-base --out assets/fonts/spec_chars.txt SPEC.md seeds/*.txt
"""
import argparse
import pathlib
import sys


def gb2312_rows(first_row, last_row):
    """Hanzi of GB2312 rows first_row..last_row (row 16 = byte 0xB0)."""
    chars = []
    for row in range(first_row, last_row + 1):
        for cell in range(1, 95):
            try:
                ch = bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312")
            except UnicodeDecodeError:
                continue  # unassigned cells at the end of row 55
            chars.append(ch)
    return chars


def base_set(level2):
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0x3000, 0x3040))   # CJK symbols and punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))   # full-width forms
    chars.update("·×÷—‘’“”…‰←↑→↓√∞≤≥①②③④⑤⑥⑦⑧⑨⑩■□▲△▼▽◆◇○●★☆℃¥€°±")
    # GB2312 rows 1-9: symbols (punctuation, Greek, Cyrillic, box drawing, pinyin)
    for row in range(1, 10):
        for cell in range(1, 95):
            try:
                chars.add(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    chars.update(gb2312_rows(16, 55))                      # level 1
    if level2:
        chars.update(gb2312_rows(56, 87))                  # level 2
    return chars


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--level1-only", action="store_true")
    ap.add_argument("--no-base", action="store_true", help="only the characters of the files (no ASCII/GB2312 base)")
    ap.add_argument("files", nargs="*", help="text files whose characters must be covered (missing ones are skipped)")
    args = ap.parse_args()
    chars = set() if args.no_base else base_set(not args.level1_only)
    for name in args.files:
        p = pathlib.Path(name)
        if p.is_dir():
            paths = [q for q in p.rglob("*") if q.is_file()]
        elif p.is_file():
            paths = [p]
        else:
            continue
        for q in paths:
            try:
                text = q.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue  # binary asset (fonts, images)
            chars.update(c for c in text if ord(c) > 0x7F and c.isprintable())
    out = "".join(sorted(chars))
    path = pathlib.Path(args.out)
    if not path.exists() or path.read_text(encoding="utf-8") != out:   # keep the timestamp when unchanged
        path.write_text(out, encoding="utf-8")
    print(f"charset: {len(chars)} characters -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
