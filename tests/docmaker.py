"""Test helpers: write a text file's paragraphs (blank-line separated) as a PDF (fpdf2, DejaVu Sans from
matplotlib's fonts) or a Word .docx (python-docx), one paragraph per block, line breaks kept."""
from __future__ import annotations

from pathlib import Path


def text_to_pdf(text: str, out: Path, per_page: int = 0) -> Path:
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, 20)
    pdf.add_font("dejavu", "", str(font))
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    for n, para in enumerate(p for p in text.split("\n\n") if p.strip()):
        if per_page and n and n % per_page == 0:
            pdf.add_page()
        pdf.multi_cell(0, 5, para.strip(), new_x="LMARGIN", new_y="NEXT")  # justified, as many PDFs are
        pdf.ln(5)
    pdf.output(str(out))
    return out


def text_to_docx(text: str, out: Path) -> Path:
    import docx

    doc = docx.Document()
    for para in (p for p in text.split("\n\n") if p.strip()):
        lines = para.strip().split("\n")
        p = doc.add_paragraph(lines[0])
        for line in lines[1:]:
            p.add_run().add_break()
            p.add_run(line)
    doc.save(str(out))
    return out


def image_only_pdf(out: Path) -> Path:
    """A 'scanned' page: an image and no text layer."""
    from fpdf import FPDF
    from PIL import Image

    img = out.with_suffix(".png")
    Image.new("RGB", (200, 100), "white").save(img)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(img), x=10, y=10, w=100)
    pdf.output(str(out))
    return out
