"""Reading PDFs back as a person's tools would: pdftotext per page, pypdf for structure."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

__all__ = ["page_texts", "pdftotext_bin"]


def pdftotext_bin() -> str:
    """pdftotext's path; its absence is a failure (never a skip)."""
    found = shutil.which("pdftotext")
    if not found:
        pytest.fail("pdftotext is needed to read the PDFs back: install Debian's poppler-utils "
                    "(apt-get install poppler-utils).")
    return found


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in content order (``-raw``), as pdftotext extracts it."""
    count = len(PdfReader(str(pdf)).pages)
    assert count >= 1
    texts = []
    for n in range(1, count + 1):
        out = subprocess.run([pdftotext_bin(), "-raw", "-enc", "UTF-8", "-f", str(n), "-l", str(n),
                              str(pdf), "-"], capture_output=True, check=True)
        texts.append(out.stdout.decode("utf-8"))
    return texts
