"""Alignment: bead scoring, the DP kernel, coarse-to-fine search, the two passes, sentences inside pairs."""
