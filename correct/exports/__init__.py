"""Exports: aligned bitext, the audit report, the corrected Russian text."""
