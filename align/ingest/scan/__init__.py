"""Scans in: page images and PDFs of the Russian original, read by Tesseract or a PDF's text layer.

- ``files``: which files are pages (PNG, TIFF, JPEG, PDF), in natural page order, and the Source of a scan;
- ``images``: page images checked and measured with Pillow, multi-page TIFFs split into pages;
- ``pdf``: PDF pages rendered with pypdfium2 at 300 dpi, and the words of a text layer where there is one;
- ``tesseract``: Tesseract's TSV output as ``OcrPage`` records, pages in parallel;
- ``document``: a scan Source -> the Ingested tuple every other input gives (through ``ingest_ocr``).
"""
