"""Embedding: sentence encoders behind one verb, exact USE merged-text pooling, the on-disk cache."""
