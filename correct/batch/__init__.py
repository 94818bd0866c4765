"""Batch runs: resumable document tasks over local processes or Dask, the run report."""
