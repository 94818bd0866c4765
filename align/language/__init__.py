"""Language knowledge the audit and the OCR proposals share.

Quantities, number words, transliteration (Palladius and pinyin, look-alike letters), morphology.
"""
