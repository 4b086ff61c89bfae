"""Reads the text of a PDF in tests (e.g. to prove that a PDF does not leak a name or BSN)."""

from io import BytesIO

from pypdf import PdfReader


def pdf_text(pdf_bytes: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf_bytes)).pages)
