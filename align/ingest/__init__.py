"""Ingest: decode the input, find its parts, clean them, rejoin page breaks, cut paragraphs into sentences."""
