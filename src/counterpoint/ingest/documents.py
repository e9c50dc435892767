"""Office documents -> Article: text PDFs (pdfminer.six) and Word .docx (python-docx).

The extracted text is the account's original: `source_start`/`source_end` offsets point into it,
and `Article.parts` records which page (PDF) or paragraph (.docx) each stretch of it came from.
Paragraphs are separated by a blank line; inside a PDF text box, a line that wraps joins the next
with a space and a line that ends short (the next word would have fitted) keeps its line break.
A PDF without a text layer (a scan) is one problem line, never an empty account.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Optional

from counterpoint import settings
from counterpoint.ingest.errors import BadInput, MAX_TEXT_CHARS
from counterpoint.ingest.offsets import identity
from counterpoint.records import SourcePart

#: Pages of one PDF read at most; text past MAX_TEXT_CHARS is not analysed anyway, so reading stops
#: once twice that much text has been extracted.
MAX_PDF_PAGES = settings.PDF_PAGES
#: Most bytes the parts of one .docx (a zip) may inflate to, by their declared sizes.
MAX_DOCX_INFLATED_BYTES = settings.DOCX_INFLATED_BYTES

_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)


def read_pdf(data: bytes, where: str):
    """A text PDF -> one Article whose parts are its pages."""
    from counterpoint.ingest.formats import Article

    pages = _pdf_pages(data)
    if not any(p.strip() for p in pages):
        raise BadInput("no text layer; OCR it first (a scanned PDF or one made of images)"
                       if pages else "a PDF without pages")
    text, parts = _join(pages, "page")
    return Article(where=where, format="pdf", original=text, body=text, runs=identity(len(text)),
                   encoding=None, title=None, parts=parts)


def _pdf_pages(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox

    pages: list[str] = []
    total = 0
    try:
        for layout in extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PDF_PAGES):
            paras = [p for p in (_box_text(el) for el in layout if isinstance(el, LTTextBox)) if p]
            while paras and _PAGE_NUMBER.match(paras[-1]):
                paras.pop()  # a page number at the foot
            while paras and _PAGE_NUMBER.match(paras[0]):
                paras.pop(0)
            pages.append("\n\n".join(paras))
            total += len(pages[-1])
            if total > 2 * MAX_TEXT_CHARS:
                break
    except BadInput:
        raise
    except Exception as e:  # pdfminer raises its own syntax, encryption and stream errors
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name:
            raise BadInput("an encrypted PDF (a password is needed to read it)") from None
        raise BadInput(f"not a readable PDF ({name}: {str(e)[:120]})") from None
    return pages


def _box_text(box) -> str:
    """One text box -> one paragraph: wrapped lines joined with a space, short lines kept."""
    from pdfminer.layout import LTTextLine

    lines = [ln for ln in box if isinstance(ln, LTTextLine)]
    out = ""
    for i, ln in enumerate(lines):
        t = _SPACES.sub(" ", ln.get_text().replace("\n", "")).strip()
        if not t:
            continue
        if out:
            prev = lines[i - 1]
            out += "\n" if _ends_short(prev, ln, box) else ("" if out.endswith("-") else " ")
        out += t
    return out.replace("\u00ad", "")


def _ends_short(prev, nxt, box) -> bool:
    """Whether `prev` ended before the right edge by more than the next line's first word: a line
    break the author wrote, not a wrap."""
    text = nxt.get_text().strip()
    if not text or nxt.width <= 0:
        return False
    char_w = nxt.width / max(len(text), 1)
    first_word = len(text.split()[0]) + 1
    return prev.x1 + first_word * char_w < box.x1 - char_w


def read_docx(data: bytes, where: str):
    """A Word .docx -> one Article whose parts are its paragraphs (tables: one paragraph per row)."""
    from counterpoint.ingest.formats import Article

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            inflated = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise BadInput(f"not a readable .docx ({type(e).__name__}: {str(e)[:120]})") from None
    if inflated > MAX_DOCX_INFLATED_BYTES:
        raise BadInput(f"the .docx inflates to more than {MAX_DOCX_INFLATED_BYTES // 2**20} MB; not read")
    try:
        import docx
        doc = docx.Document(io.BytesIO(data))
        paras = []
        for block in doc.iter_inner_content():
            if hasattr(block, "rows"):  # a table
                paras += ["\t".join(c.text.strip() for c in row.cells) for row in block.rows]
            else:
                paras.append(block.text)
        title = (doc.core_properties.title or "").strip() or None
    except Exception as e:  # python-docx raises assorted zip, XML and key errors on a damaged file
        raise BadInput(f"not a readable .docx ({type(e).__name__}: {str(e)[:120]})") from None
    paras = [_SPACES.sub(" ", p).strip() for p in paras]
    paras = [p for p in paras if p]
    if not paras:
        raise BadInput("empty document (no paragraph with text)")
    text, parts = _join(paras, "paragraph")
    return Article(where=where, format="docx", original=text, body=text, runs=identity(len(text)),
                   title=title, parts=parts)


def _join(pieces: list[str], kind: str) -> tuple[str, list[SourcePart]]:
    """Pieces joined by blank lines, with the part (page n, paragraph n) each one came from; empty
    pages keep their number and take no text."""
    out, parts, pos = [], [], 0
    for n, piece in enumerate(pieces, 1):
        if not piece:
            continue
        if out:
            pos += 2
        parts.append(SourcePart(kind=kind, number=n, source_start=pos, source_end=pos + len(piece)))
        out.append(piece)
        pos += len(piece)
    return "\n\n".join(out), parts


def part_at(parts: list[SourcePart], source_offset: Optional[int]) -> Optional[SourcePart]:
    """The page or paragraph holding an offset into the extracted text."""
    if source_offset is None:
        return None
    for p in parts:
        if p.source_start <= source_offset <= p.source_end:
            return p
    return None
