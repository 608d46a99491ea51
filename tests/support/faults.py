"""What the fault suite's writers are asked for and what they report."""

from __future__ import annotations

import os

FULL = os.environ.get("GESTCO_FAULTS_FULL") == "1"
KILLS = 1000 if FULL else 200
WRITERS_SECONDS = 30 if FULL else 5


def worker_report(output: str) -> tuple[list[str], list[str], list[float]]:
    """A writer's output read back: the order numbers it was told were saved, its errors, and
    the latency of each save in ms."""
    numbers, errors, latencies = [], [], []
    for line in output.splitlines():
        if line.startswith("ERROR "):
            errors.append(line[6:])
        elif line.startswith("CMD-") and len(parts := line.split()) == 3:
            numbers.append(parts[0])
            latencies.append(float(parts[2]))
    return numbers, errors, latencies
