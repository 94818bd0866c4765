"""Document -> segments -> alignment -> flags: ingest, segmentation, alignment and audit.

Importing this package loads nothing heavy; encoders load on first use.
"""

__version__ = "0.1.0"
