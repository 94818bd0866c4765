"""Review: the SQLite store with its append-only decision log, and the state derived from that log."""
