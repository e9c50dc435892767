"""Hostile input files, generated from code into a folder (no binary blobs in the repository).

Each `Hostile` names its input class (docs/robustness.md lists them all with their outcomes) and
what the loader must make of it:

- "account": the file loads as (at least) one account and the case gets a report;
- "problem": the file is refused with one Problem line naming it (and the other inputs still load);
- "either":  whichever of the two, as long as it is one of them, quickly.

`write_corpus(folder)` writes every class; `python -m fuzz.generate OUT` (from tests/) writes them
for manual runs such as `counterpoint compare OUT --keep-going`.
"""
from __future__ import annotations

import gzip
import io
import json
import random
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# Sentences of our own, used as the readable part of hostile files.
PROSE = (
    "Minister Alda Vey said on Tuesday that the harbour talks would resume next month. "
    "\"We expect a signed text by the end of the year,\" she told reporters in Port Calder. "
    "The opposition leader, Jon Marek, said the plan would cost about $4.5 billion over ten years. "
)


@dataclass
class Hostile:
    name: str  # file name inside the corpus folder
    klass: str  # input class, as listed in docs/robustness.md
    expect: str  # "account", "problem" or "either"
    make: Callable[[], bytes]


def _rng(seed: int) -> random.Random:
    return random.Random(seed)


# Code point ranges a hostile page may mix: Latin, Greek, Cyrillic, Hebrew and Arabic (right to left),
# Devanagari, Thai, CJK, Hangul, emoji, combining marks, and the invisible formatting characters.
_SCRIPT_RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x5FF), (0x600, 0x6FF),
                  (0x900, 0x97F), (0xE00, 0xE7F), (0x4E00, 0x4FFF), (0xAC00, 0xAD00), (0x1F300, 0x1F64F),
                  (0x300, 0x36F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069)]


def random_unicode_text(seed: int = 1, n: int = 20_000) -> str:
    r = _rng(seed)
    out = []
    for _ in range(n):
        lo, hi = r.choice(_SCRIPT_RANGES)
        out.append(chr(r.randint(lo, hi)))
        if r.random() < 0.12:
            out.append(r.choice(" \n\t"))
    return "".join(out)


def mixed_scripts_text() -> str:
    lines = [
        "Ministerin Alda Vey sagte, die Gespräche würden im März fortgesetzt.",
        "Министр Алда Вей заявила, что переговоры продолжатся «в следующем месяце».",
        "قالت الوزيرة ألدا فاي إن المحادثات ستستأنف الشهر المقبل.",
        "部长表示，会谈将于下个月恢复。“我们期待年底前签署文本，”她说。",
        "ראש הממשלה אמר כי \u202eהשיחות יימשכו\u202c בשבוע הבא.",
        "The envoy said \u201cthe talks were \u2018frank\u2019 and useful\u201d \U0001F91D on Tuesday.",
        "Zalgo: T\u0336\u0337h\u0338e\u0335 \u0334t\u0336a\u0337lks\u0338 resumed\u200b\u200d\u2060 today.",
        PROSE,
    ]
    return "\n\n".join(lines * 3) + "\n"


def control_heavy_bytes() -> bytes:
    r = _rng(2)
    return bytes(r.choice([0x01, 0x02, 0x07, 0x08, 0x0B, 0x0E, 0x10, 0x1F]) if r.random() < 0.3 else
                 r.randint(0x61, 0x7A) for _ in range(8_000))


def few_controls_text() -> str:
    # A readable report with a few stray control characters (bell, vertical tab, ESC) inside.
    return (PROSE.replace("harbour", "har\x07bour").replace("Tuesday", "Tues\x0bday") + "\x1b[31m" + PROSE) * 4


def one_mb_line() -> str:
    r = _rng(3)
    words = PROSE.replace("\n", " ").split()
    out, size = [], 0
    while size < 1_050_000:
        w = r.choice(words)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)  # no newline anywhere


def long_word() -> str:
    return PROSE + "x" * 300_000 + " " + PROSE


def unbalanced_quotes() -> str:
    parts = [
        'Vey said "the talks will resume and "nothing was agreed" said Marek "but we will see.',
        "\u201cWe will \u201cnever\u201d accept \u2018this \u201cplan\u2019 she said.",
        "\u00ab Nested \u00ab guillemets \u00bb never \u00bb closed \u00ab at all",
        "He said: '''''\"\"\"\"\u201c\u201d\u201d\u201c\u2018\u2019\u2019\u2018",
        "\u201e" * 50 + "Low-nine quotes" + "\u201c" * 50,
        '"' + "deep " * 40 + '"' * 41,
    ]
    return "\n".join(parts * 20) + "\n" + PROSE


def thousands_of_quotes() -> str:
    return (PROSE + '"' * 5000 + " and " + "\u201c" * 3000 + " then " + "\u2019" * 3000 + "\n"
            + 'He said "yes "no "maybe ' * 2000 + "\n" + PROSE)


def deeply_nested_html(depth: int = 20_000) -> str:
    return ("<!doctype html><html><head><title>Nested</title></head><body>" + "<div>" * depth
            + "<p>" + PROSE + "</p>" + "</div>" * depth + "</body></html>")


def unclosed_html() -> str:
    return ("<!doctype html><html><body><article><p>" + PROSE + "<p>" + PROSE
            + "<table><tr><td>" * 500 + "<script>var x = '</p>';" + "<b><i><u>" * 3000 + PROSE
            + "<!-- a comment that never closes " + PROSE)


def html_with_injection() -> str:
    """Markup that must come out escaped in every report: script tags, handlers, javascript: URLs."""
    return ("<!doctype html><html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; talks</title></head><body><article>"
            "<h1>Envoy \"says\" &lt;img src=x onerror=alert(1)&gt; talks resume</h1>"
            "<p>Minister Alda Vey said &lt;script&gt;alert('x')&lt;/script&gt; the harbour talks would resume next month, "
            "she told reporters in Port Calder on Tuesday.</p>"
            "<p>\"We expect &lt;/textarea&gt;&lt;svg onload=alert(2)&gt; by the end of the year,\" she said in a "
            "statement posted at javascript:alert(3) and on the ministry site.</p>"
            "<p>The opposition leader, Jon Marek, said the plan would cost about $4.5 billion over ten years.</p>"
            "</article></body></html>")


def _warc_record(rec_type: str, uri: str, payload: bytes, content_type: str = "text/html; charset=utf-8",
                 http: bool = True) -> bytes:
    if http and rec_type == "response":
        block = (b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\nContent-Length: "
                 + str(len(payload)).encode() + b"\r\n\r\n" + payload)
        ctype = b"application/http; msgtype=response"
    else:
        block, ctype = payload, content_type.encode()
    head = (b"WARC/1.0\r\nWARC-Type: " + rec_type.encode() + b"\r\nWARC-Target-URI: " + uri.encode()
            + b"\r\nWARC-Date: 2025-03-04T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:" + str(abs(hash(uri)) % 10**12).encode()
            + b">\r\nContent-Type: " + ctype + b"\r\nContent-Length: " + str(len(block)).encode() + b"\r\n\r\n")
    return head + block + b"\r\n\r\n"


def _page(title: str) -> bytes:
    return ("<html><head><title>" + title + "</title></head><body><article><p>" + PROSE + "</p><p>" + PROSE
            + "</p></article></body></html>").encode()


def malformed_warc() -> bytes:
    good = _warc_record("response", "https://news.example/a", _page("Harbour talks resume"))
    lying = good.replace(b"Content-Length: " + str(len(good)).encode(), b"Content-Length: 99999999")
    garbage = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nnot a record at all\r\n\r\n"
    return good + garbage + lying[: len(lying) // 2]


def truncated_warc_gz() -> bytes:
    data = gzip.compress(_warc_record("response", "https://news.example/b", _page("Talks")) * 3)
    return data[: len(data) * 2 // 3]


def gzip_bomb_warc(inflated: int = 1_500_000_000) -> bytes:
    """A .warc.gz of a few MB whose one HTML record inflates to `inflated` bytes of whitespace."""
    header = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
              b"WARC-Date: 2025-03-04T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
              b"Content-Length: " + str(inflated + 80).encode() + b"\r\n\r\n"
              b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>")
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = io.BytesIO()
    out.write(comp.compress(header))
    chunk = b" " * (1 << 20)
    for _ in range(inflated // len(chunk)):
        out.write(comp.compress(chunk))
    out.write(comp.flush())
    return out.getvalue()


def many_records_bomb(records: int = 40) -> bytes:
    """One readable page, then many gzip members each inflating to a 5 MB non-HTML record: no single
    record is over the limit, their sum (200 MB) is what must be bounded."""
    first = gzip.compress(_warc_record("response", "https://many.example/page", _page("Harbour talks resume")))
    blob = _warc_record("resource", "https://many.example/blob", b"\x00" * (5 << 20), "application/octet-stream")
    return first + gzip.compress(blob, compresslevel=9) * records


def broken_jsonl() -> bytes:
    good = {"id": "good-1", "title": "Harbour talks", "text": PROSE, "published": "2025-03-04"}
    lines = [json.dumps(good),
             '{"id": "cut", "text": "half a line',
             "not json at all",
             json.dumps({"id": "no-text", "title": "only a title"}),
             json.dumps([1, 2, 3]),
             json.dumps({"id": "bad-date", "text": PROSE, "published": "the day after never"}),
             "[" * 100_000 + "]" * 100_000,  # nesting deeper than the JSON parser's recursion limit
             '{"id": "nul\\u0000id", "text": "' + PROSE.replace('"', '\\"') + '"}',
             json.dumps({"id": "good-2", "text": PROSE.upper()}),
             "\x00\x01\x02 binary garbage line",
             json.dumps({"id": "num", "text": 12345}),
             json.dumps({"id": "big", "text": PROSE, "published": 1e308})]
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def deep_json() -> bytes:
    return ("{\"a\":" * 200_000 + "1" + "}" * 200_000).encode()


def hostile_numbers_and_dates() -> str:
    return ("The fund was put at $" + "9" * 400 + " trillion, officials said on February 30, 2026. "
            "Another estimate gave 1e308 billion tonnes and 10^999 percent, up 99999999999999999999% in the year 99999. "
            "Talks would resume on 31/31/2031, in 10,000,000 years, and every 0 days since -5 BC. "
            "The minister said the deal, worth 1.7976931348623157e308 dollars, would take 0.000000001 hours. "
            + PROSE)


def png_named_txt() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def zip_named_html() -> bytes:
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("story.txt", PROSE)
    return buf.getvalue()


def html_named_jsonl() -> bytes:
    return ("<html><body><p>" + PROSE + "</p></body></html>\n").encode()


def utf16_named_txt() -> bytes:
    return (PROSE * 3).encode("utf-16")  # with a byte-order mark: must decode, not be refused


def latin1_named_json() -> bytes:
    return ('{"id": "cafe", "text": "' + "Le ministre a déclaré à Genève que les négociations reprendront. " * 4
            + '"}').encode("latin-1")


def nul_padded_txt() -> bytes:
    return PROSE.encode() + b"\x00" * 5000 + PROSE.encode()


def only_marks() -> str:
    return "\ufeff" + "\u200b\u200c\u200d\u2060" * 500 + "\n \t\n" + "\u0301" * 300


CORPUS: list[Hostile] = [
    Hostile("random_unicode.txt", "random Unicode", "either", lambda: random_unicode_text().encode("utf-8")),
    Hostile("control_heavy.txt", "control characters (mostly controls)", "problem", control_heavy_bytes),
    Hostile("few_controls.txt", "control characters (a few, in prose)", "account", lambda: few_controls_text().encode()),
    Hostile("mixed_scripts.txt", "mixed scripts, RTL overrides, combining marks", "account",
            lambda: mixed_scripts_text().encode("utf-8")),
    Hostile("one_mb_line.txt", "1 MB single line", "account", lambda: one_mb_line().encode()),
    Hostile("long_word.txt", "300,000-character word", "account", lambda: long_word().encode()),
    Hostile("unbalanced_quotes.txt", "unbalanced and nested quotation marks", "account",
            lambda: unbalanced_quotes().encode("utf-8")),
    Hostile("thousands_of_quotes.txt", "thousands of quotation marks", "account",
            lambda: thousands_of_quotes().encode("utf-8")),
    Hostile("nested.html", "deeply nested HTML (20,000 levels)", "either", lambda: deeply_nested_html().encode()),
    Hostile("unclosed.html", "unclosed tags, comments and scripts", "either", lambda: unclosed_html().encode()),
    Hostile("injection.html", "markup and script injection in text", "account", lambda: html_with_injection().encode()),
    Hostile("malformed.warc", "malformed WARC records", "either", malformed_warc),
    Hostile("truncated.warc.gz", "truncated gzip WARC", "either", truncated_warc_gz),
    Hostile("bomb.warc.gz", "gzip bomb WARC (1.5 GB inflated)", "problem", gzip_bomb_warc),
    Hostile("many_records.warc.gz", "WARC of many 5 MB records (200 MB inflated)", "account", many_records_bomb),
    Hostile("broken.jsonl", "JSONL with broken lines", "account", broken_jsonl),
    Hostile("deep.json", "JSON nested 200,000 levels", "problem", deep_json),
    Hostile("numbers_dates.txt", "absurd numbers and impossible dates", "account",
            lambda: hostile_numbers_and_dates().encode()),
    Hostile("image.txt", "PNG named .txt", "problem", png_named_txt),
    Hostile("archive.html", "ZIP named .html", "problem", zip_named_html),
    Hostile("page.jsonl", "HTML named .jsonl", "problem", html_named_jsonl),
    Hostile("utf16.txt", "UTF-16 with byte-order mark", "account", utf16_named_txt),
    Hostile("latin1.json", "Latin-1 JSON", "account", latin1_named_json),
    Hostile("nul_padded.txt", "text padded with NUL bytes", "problem", nul_padded_txt),
    Hostile("only_marks.txt", "only invisible characters", "either", lambda: only_marks().encode("utf-8")),
    Hostile("empty.txt", "empty file", "problem", lambda: b""),
]


def write_corpus(folder: Path, names: tuple[str, ...] | None = None) -> list[tuple[Hostile, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for h in CORPUS:
        if names is not None and h.name not in names:
            continue
        path = folder / h.name
        path.write_bytes(h.make())
        out.append((h, path))
    return out


if __name__ == "__main__":
    for h, p in write_corpus(Path(sys.argv[1])):
        print(f"{p}\t{p.stat().st_size:>12,}\t{h.expect:8}\t{h.klass}")
