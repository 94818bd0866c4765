"""Other engines' OCR files in: ALTO (v2, v3, v4), PAGE (2013-07-15, 2019-07-15) and hOCR.

One module per format turns a parsed file into ``OcrPage`` records (``alto``, ``page_xml``,
``hocr``); ``read`` finds the format by content and hands the pages to ``align.ingest.ocr_pages``,
which cleans them like any Russian text while each word keeps its box and confidence.
"""

from align.ingest.ocr_formats.read import OCR_SUFFIXES, ingest_ocr_file, is_ocr_file, read_ocr_file

__all__ = ["OCR_SUFFIXES", "ingest_ocr_file", "is_ocr_file", "read_ocr_file"]
