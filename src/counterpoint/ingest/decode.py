"""Bytes -> text: binary sniffing, encoding detection (BOMs, UTF-8, charset-normalizer), mojibake repair."""
from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

from counterpoint.ingest.errors import BadInput
from counterpoint.ingest.offsets import Run, align_runs, identity

# Magic numbers of common non-text formats that end up renamed as .txt/.html.
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"wOFF", "a web font"),
]

# (mark, codec, name recorded on the account); UTF-32 first: its LE mark starts with UTF-16's.
BOMS = _BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
]

# Control bytes that never occur in text (tab, newline, CR, form feed and ESC are allowed).
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def binary_kind(data: bytes) -> str | None:
    """What the bytes look like if they are not text (None for text)."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def text_head_problem(head: bytes) -> str | None:
    """Why the first bytes of a stream read line by line (JSONL) are not text, or None. As decode_bytes,
    without its whole-file detection of UTF-16 lacking a byte-order mark."""
    if head.startswith(tuple(bom for bom, _, _ in _BOMS)):
        return None
    kind = binary_kind(head)
    if kind:
        return f"binary file ({kind}), not text"
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    if len(_CONTROL.findall(head)) > max(3, len(head) // 100):
        return "binary file (control bytes), not text"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding name). Raises BadInput for binary or undecodable data."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)  # these codecs drop the mark
            except UnicodeDecodeError as e:
                raise BadInput(f"undecodable bytes: starts with a {name} byte-order mark but byte {e.start} "
                               f"is not valid {name}") from None
            return text, name
    kind = binary_kind(data)
    if kind:
        raise BadInput(f"binary file ({kind}), not text")
    head = data[:65536]
    if b"\x00" in head:
        # UTF-16/32 without a byte-order mark is the only text with NULs.
        best = from_bytes(data).best()
        if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
            return str(best), best.encoding.replace("_", "-")
        raise BadInput("binary file (contains NUL bytes), not text")
    if len(_CONTROL.findall(head)) > max(3, len(head) // 100):
        raise BadInput("binary file (control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise BadInput("undecodable bytes: not UTF-8 and no text encoding fits")
    best = min(matches, key=lambda m: m.chaos)
    if best.chaos > 0.3:
        raise BadInput(f"undecodable bytes: no text encoding fits (best guess {best.encoding} is {best.chaos:.0%} noise)")
    text = str(best)
    # Several single-byte code pages often decode the bytes to the same text (charset-normalizer
    # then names one of them); Windows-1252 is by far the most common, so it wins ties.
    if best.encoding != "cp1252":
        try:
            if data.decode("cp1252") == text or "cp1252" in best.could_be_from_charset:
                return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return text, best.encoding.replace("_", "-")


# Only undo encoding damage; keep quotes, widths, ligatures and line breaks as written.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
    replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True,
    fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
    fix_surrogates=True, remove_control_chars=False, normalization=None, explain=False,
)


def repair_mojibake(text: str) -> tuple[str, list[Run], int]:
    """Repair mis-decoded text line by line; returns (text, map to the input, number of lines repaired)."""
    fixed = ftfy.fix_text(text, _FTFY)
    if fixed == text:
        return text, identity(len(text)), 0
    out: list[str] = []
    runs: list[Run] = []
    pos_old = pos_new = repaired = 0
    for line in text.splitlines(keepends=True):
        new = ftfy.fix_text(line, _FTFY)
        if new == line:
            runs.append((pos_new, pos_old, len(line)))
        else:
            repaired += 1
            runs.extend(align_runs(line, new, pos_old, pos_new))
        out.append(new)
        pos_old += len(line)
        pos_new += len(new)
    merged: list[Run] = []
    for r in runs:
        if r[2] and merged and merged[-1][0] + merged[-1][2] == r[0] and merged[-1][1] + merged[-1][2] == r[1]:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + r[2])
        elif r[2]:
            merged.append(r)
    return "".join(out), merged, repaired
