#!/usr/bin/env python3
"""Writes the character sets of the UI font files, one line of text (UTF-8) each.

The UI font comes in four files, merged at run time into one Dear ImGui font:

  core   what the page waits for: printable ASCII, CJK and full-width punctuation, common symbols and
         every non-ASCII character found in the given files (translation tables, assets, specification
         text), i.e. everything the UI itself shows. Small, so the first frame comes quickly.
  common loaded in the background right after the first frame: the rest of GB2312 (the characters of
         nearly all names and addresses), from the main font (WenQuanYi Micro Hei).
  ext    loaded next: every other CJK Unified Ideograph (U+4E00-U+9FFF) and Extension A character
         (U+3400-U+4DBF) the main font has.
  rare   loaded last: the characters of the covered set that the main font lacks, taken from the rare
         font (Noto Sans CJK SC): most of Extension A and the newest unified ideographs.

Used by web/CMakeLists.txt at build time (needs fontTools to read the fonts' character maps):

    make_charset.py --main-font wqy-microhei.ttc --rare-font NotoSansCJK-Regular.ttc:2 \
        --core-out core.txt --common-out common.txt --ext-out ext.txt --rare-out rare.txt \
        core/base/i18n_zh.cpp assets/ docs/*.md

assets/fonts/spec_chars.txt holds the characters of the specification and the two user manuals, which
live outside this repository; refresh it with
    make_charset.py --no-base --core-out assets/fonts/spec_chars.txt SPEC.md seeds/*.txt
"""
import argparse
import pathlib
import sys

URO = range(0x4E00, 0xA000)     # CJK Unified Ideographs
EXT_A = range(0x3400, 0x4DC0)   # CJK Unified Ideographs Extension A


def gb2312_rows(first_row, last_row):
    """Characters of GB2312 rows first_row..last_row (row 16 = byte 0xB0)."""
    chars = []
    for row in range(first_row, last_row + 1):
        for cell in range(1, 95):
            try:
                chars.append(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # unassigned cells
    return chars


def core_base():
    """ASCII, punctuation and symbols: small, and on every screen."""
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0x3000, 0x3040))   # CJK symbols and punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))   # full-width forms
    chars.update("·×÷—‘’“”…‰←↑→↓√∞≤≥①②③④⑤⑥⑦⑧⑨⑩■□▲△▼▽◆◇○●★☆℃¥€°±")
    return chars


def gb2312():
    chars = set(gb2312_rows(1, 9))      # symbols: punctuation, Greek, Cyrillic, box drawing, pinyin
    chars.update(gb2312_rows(16, 87))   # hanzi level 1 and 2
    return chars


def covered_set():
    """Everything the font files together must cover: GB2312 (symbols and hanzi), URO, Extension A."""
    chars = core_base() | gb2312()
    chars.update(chr(c) for c in URO)
    chars.update(chr(c) for c in EXT_A)
    return chars


def file_chars(names):
    chars = set()
    for name in names:
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
    return chars


def cmap_of(spec):
    """Code points of a font file; "file.ttc:N" picks the N-th font of a collection."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        sys.exit("make_charset.py: needs fontTools (Debian package fonttools) to read " + spec)
    path, _, number = spec.partition(":")
    font = TTFont(path, fontNumber=int(number or 0), lazy=True)
    return set(font.getBestCmap())


def write(path, chars, label):
    out = "".join(sorted(chars))
    p = pathlib.Path(path)
    if not p.exists() or p.read_text(encoding="utf-8") != out:   # keep the timestamp when unchanged
        p.write_text(out, encoding="utf-8")
    print(f"charset {label}: {len(chars)} characters -> {path}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--core-out", required=True)
    ap.add_argument("--common-out")
    ap.add_argument("--ext-out")
    ap.add_argument("--rare-out")
    ap.add_argument("--main-font", help="font of core and ext (file or file.ttc:N)")
    ap.add_argument("--rare-font", help="font of what the main font lacks (file or file.ttc:N)")
    ap.add_argument("--no-base", action="store_true", help="core: only the characters of the files")
    ap.add_argument("files", nargs="*", help="text files whose characters belong to core (missing ones are skipped)")
    args = ap.parse_args()

    ui = file_chars(args.files)
    core = ui if args.no_base else core_base() | ui
    if not args.common_out and not args.ext_out and not args.rare_out:
        write(args.core_out, core, "core")
        return
    if not (args.main_font and args.rare_font and args.common_out and args.ext_out and args.rare_out):
        sys.exit("make_charset.py: --common-out, --ext-out and --rare-out go together and need --main-font and --rare-font")
    main_cmap = cmap_of(args.main_font)
    rare_cmap = cmap_of(args.rare_font)
    wanted = covered_set() | core
    core_main = {c for c in core if ord(c) in main_cmap}
    common = {c for c in gb2312() if ord(c) in main_cmap} - core_main
    ext = {c for c in wanted if ord(c) in main_cmap} - core_main - common
    rare = {c for c in wanted if ord(c) not in main_cmap and ord(c) in rare_cmap}
    write(args.core_out, core_main, "core")
    write(args.common_out, common, "common")
    write(args.ext_out, ext, "ext")
    write(args.rare_out, rare, "rare")
    for name, block in (("CJK Unified Ideographs", URO), ("Extension A", EXT_A)):
        have = sum(1 for c in block if c in main_cmap or c in rare_cmap)
        print(f"coverage {name}: {have} of {len(block)}", file=sys.stderr)


if __name__ == "__main__":
    main()
