"""Exports page: downloads that reflect the decisions.

The corrected Russian text, TMX of the corrected alignment, the audit report (CSV, HTML, XLSX)
and the decision log; for a document read from a scan or an OCR file, the corrected OCR on the scan's
geometry (ALTO, PAGE, hOCR, searchable PDF).
"""

from __future__ import annotations

import streamlit as st

from align.paths import safe_name
from correct.exports.ocr_export import OCR_FORMATS, ocr_files, one_download
from correct.exports.reviewed import (
    audit_csv,
    audit_html,
    audit_xlsx,
    corrected_segments_by_id,
    corrected_text,
    decisions_csv,
    tmx,
)
from ui.app_pages.common import review_page

_, doc, review = review_page("Exports")
p = review.progress
st.caption(
    f"{p.proposals_decided} of {p.proposals} proposals and {p.flags_decided} of {p.flags} flags decided; "
    f"{len(review.decisions)} entries in the decision log."
)
safe = safe_name(doc)  # a document id is untrusted: the download names stay plain file names
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = [
    ("Corrected Russian text", corrected_text, f"{safe}.ru.corrected.txt", "text/plain"),
    ("Aligned bitext (TMX)", tmx, f"{safe}.tmx", "application/xml"),
    ("Audit report (CSV)", audit_csv, f"{safe}.audit.csv", "text/csv"),
    ("Audit report (HTML)", audit_html, f"{safe}.audit.html", "text/html"),
    ("Audit report (XLSX)", audit_xlsx, f"{safe}.audit.xlsx", XLSX),
    ("Decision log (CSV)", decisions_csv, f"{safe}.decisions.csv", "text/csv"),
]
for label, make, name, mime in DOWNLOADS:
    data = make(review)
    data = data.encode("utf-8") if isinstance(data, str) else data
    st.download_button(label, data, file_name=name, mime=mime, on_click="ignore")
OCR_LABELS = {
    "alto": "Corrected OCR (ALTO v4)",
    "page": "Corrected OCR (PAGE 2019)",
    "hocr": "Corrected OCR (hOCR)",
    "pdf": "Searchable PDF (scan + corrected text)",
}
if review.result.document.pages and any(seg.words for seg in review.result.ru):
    st.caption("The corrected Russian on the scan's geometry (ALTO and PAGE: a file per page, zipped).")
    ru_texts = corrected_segments_by_id(review)
    for fmt in OCR_FORMATS:
        data, name, mime = one_download(ocr_files(review.result, fmt, ru_texts), fmt, safe)
        st.download_button(OCR_LABELS[fmt], data, file_name=name, mime=mime, on_click="ignore")
with st.expander("Preview the corrected text"):
    st.text(corrected_text(review))
