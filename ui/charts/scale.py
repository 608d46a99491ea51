"""Round steps for a value axis: 0, 2 000, 4 000 … rather than 0, 1 873, 3 746."""

from __future__ import annotations

import math


def nice_ticks(top: float, most: int = 5) -> list[float]:
    """0 and up to `most` round steps (1, 2 or 5 times a power of ten) reaching `top`."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    count = math.ceil(top / step - 1e-9)
    return [i * step for i in range(count + 1)]


def label_every(count: int, room: int) -> int:
    """Every how many categories a label fits, `room` labels at most along the axis."""
    if count <= room or room <= 0:
        return 1
    return math.ceil(count / room)
