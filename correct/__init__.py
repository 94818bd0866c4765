"""OCR correction proposals, the review store, exports and the whole-document pipeline."""
