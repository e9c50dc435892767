"""PDF and Word input: the shipped example written as PDFs and .docx files (made here) compares to the
same findings as its text files; pages and paragraphs are recorded; bad documents are one line."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import counterpoint
from counterpoint import errors
from counterpoint.cli import app
from counterpoint.ingest import load_case
from docmaker import image_only_pdf, text_to_docx, text_to_pdf

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-call"


def _as(fmt: str, out: Path) -> Path:
    """The example case with each account written as `fmt` (the manifest points at the new files)."""
    out.mkdir()
    manifest = json.loads((EXAMPLE / "event.json").read_text(encoding="utf-8"))
    for acc in manifest["accounts"]:
        src = EXAMPLE / acc["file"]
        acc["file"] = f"{src.stem}.{fmt}"
        (text_to_pdf if fmt == "pdf" else text_to_docx)(src.read_text(encoding="utf-8"), out / acc["file"])
    (out / "event.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out


def _findings(report):
    return {
        "claims": [(c.text, c.speaker, c.party, c.status, [(e.account, e.start, e.end) for e in c.evidence])
                   for c in report.claims],
        "quotes": [(q.account, q.speaker, q.text, q.start, q.end) for q in report.quotes],
        "figures": [(f.account, f.value, f.unit, f.start, f.conflict) for f in report.figures],
        "timeline": [(t.date, t.text, t.accounts) for t in report.timeline],
    }


@pytest.fixture(scope="module")
def text_report():
    return counterpoint.compare(EXAMPLE)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_example_as_documents_gives_the_same_findings(tmp_path, text_report, fmt):
    report = counterpoint.compare(_as(fmt, tmp_path / fmt))
    assert [a.format for a in report.accounts] == [fmt] * 3
    for a, b in zip(text_report.accounts, report.accounts):
        assert a.text.strip() == b.text.strip()
    assert _findings(report) == _findings(text_report)
    assert report.claims and report.quotes and report.figures and report.timeline
    kind = "page" if fmt == "pdf" else "paragraph"
    for claim in report.claims:
        ev = claim.evidence[0]
        account = next(a for a in report.accounts if a.id == ev.account)
        part = account.part_at(ev.start)
        assert part is not None and part.kind == kind


def test_pdf_pages_are_recorded(tmp_path):
    text = "\n\n".join(f"Paragraph {n}: President Ilse Varga said the port of Velm would reopen in April." for n in range(6))
    case = load_case(None, [text_to_pdf(text, tmp_path / "paged.pdf", per_page=2)])
    acc = case.accounts[0]
    assert [p.number for p in acc.parts] == [1, 2, 3]
    assert acc.part_at(acc.text.index("Paragraph 3")).number == 2
    assert acc.part_at(acc.text.index("Paragraph 5")).number == 3
    assert "\f" not in acc.text and acc.text.count("\n\n") == 5


def test_docx_paragraphs_are_recorded(tmp_path):
    case = load_case(None, [text_to_docx("First paragraph here.\n\nSecond one,\nwith a line break.", tmp_path / "a.docx")])
    acc = case.accounts[0]
    assert acc.text == "First paragraph here.\n\nSecond one,\nwith a line break."
    assert [(p.number, acc.text[p.source_start:p.source_end]) for p in acc.parts] == [
        (1, "First paragraph here."), (2, "Second one,\nwith a line break.")]


def _cli_line(path: Path) -> str:
    result = CliRunner().invoke(app, ["compare", str(path), "-q"])
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_scanned_pdf_is_one_clear_line(tmp_path):
    pdf = image_only_pdf(tmp_path / "scan.pdf")
    assert "no text layer; OCR it first" in _cli_line(pdf)
    with pytest.raises(errors.NoTextLayerError):
        counterpoint.compare([pdf])


@pytest.mark.parametrize("name, data, words, kind", [
    ("broken.pdf", b"%PDF-1.7\n1 0 obj <<", "not a readable PDF", errors.MalformedInputError),
    ("notes.pdf", b"just some text, not a PDF at all", "not a readable PDF", errors.MalformedInputError),
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable .docx", errors.MalformedInputError),
    ("empty.pdf", b"", "empty file", errors.EmptyInputError),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "unknown format", errors.UnsupportedFormatError),
])
def test_bad_documents(tmp_path, name, data, words, kind):
    p = tmp_path / name
    p.write_bytes(data)
    assert words in _cli_line(p)
    with pytest.raises(kind):
        counterpoint.compare([p])


def test_docx_without_text_and_zip_bomb(tmp_path, monkeypatch):
    import docx
    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    assert "empty document" in _cli_line(empty)
    big = text_to_docx("President Varga said the port would reopen.", tmp_path / "big.docx")
    import counterpoint.ingest.documents as documents
    monkeypatch.setattr(documents, "MAX_DOCX_INFLATED_BYTES", 1000)
    assert "inflates to more than" in _cli_line(big)


def test_encrypted_pdf(tmp_path):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 10, "President Varga said the port would reopen.")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    out = tmp_path / "locked.pdf"
    pdf.output(str(out))
    assert "encrypted PDF" in _cli_line(out)


def test_size_limit_holds_for_documents(tmp_path, monkeypatch):
    import counterpoint.ingest.case as ingest_case
    pdf = text_to_pdf("President Varga said the port would reopen.", tmp_path / "a.pdf")
    monkeypatch.setattr(ingest_case, "MAX_FILE_BYTES", 100)
    assert "over the" in _cli_line(pdf)


def test_extensionless_pdf_is_sniffed(tmp_path):
    pdf = text_to_pdf("President Ilse Varga said the port of Velm would reopen in April.", tmp_path / "a.pdf")
    bare = tmp_path / "statement"
    bare.write_bytes(pdf.read_bytes())
    case = load_case(None, [bare])
    assert case.accounts[0].format == "pdf"


def test_zip_that_is_not_a_docx(tmp_path):
    p = tmp_path / "archive.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hello")
    assert "not a readable .docx" in _cli_line(p)
