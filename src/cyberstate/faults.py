"""Named steps of the write commands, where a test can stop a command to kill it.

Setting CYBERSTATE_PAUSE_AT to a step name (`load:data`, `import:merged`, ...) makes the command print
`paused at STEP` on stderr and sleep there (CYBERSTATE_PAUSE_SECONDS, default 30) inside its open
transaction, so a test can SIGKILL it at exactly that point and check that the store is unchanged. Unset,
a step costs one dictionary look-up.
"""

from __future__ import annotations

import os
import sys
import time

#: The steps every write command passes, in order: transaction open; its own data written; the merges it
#: implies recomputed (all still uncommitted).
STEPS = ("begin", "data", "merged")


def checkpoint(step: str) -> None:
    if os.environ.get("CYBERSTATE_PAUSE_AT") != step:
        return
    sys.stderr.write(f"paused at {step}\n")
    sys.stderr.flush()
    time.sleep(float(os.environ.get("CYBERSTATE_PAUSE_SECONDS", "30")))
