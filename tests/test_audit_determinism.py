"""The audit gives the same flags, with the same ids, in every process (batch workers, the inline run)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_a_names_closest_english_word_is_the_same_in_every_process():
    # regression: ties went to the first key of a set, whose order follows the per-process string hash,
    # so a batch worker and the inline run gave the same name flag different ids
    code = "from align.audit.names import _best; print(_best(['zhou'], {'zhoa', 'zhob', 'zhoc', 'zhod'}))"
    seen = set()
    for seed in range(6):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        seen.add(out.stdout.strip())
    assert seen == {"(75.0, 'zhoa')"}
