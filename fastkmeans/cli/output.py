"""What the commands print: progress notices, numbers, tables and JSON."""

from __future__ import annotations

import json
import math
import sys
import threading
import time
from collections.abc import Sequence

from .. import Segmentation

# -- progress ------------------------------------------------------------------------------


class Progress:
    """A notice on stderr when a step runs longer than ``delay`` seconds, and its duration."""

    def __init__(self, message: str, enabled: bool = True, delay: float = 1.0):
        self.message = message
        self.enabled = enabled
        self.delay = delay
        self._lock = threading.Lock()
        self._shown = False
        self._finished = False

    def _show(self) -> None:
        with self._lock:
            if not self._finished:
                self._shown = True
                sys.stderr.write(f"fastkmeans: {self.message}...\n")
                sys.stderr.flush()

    def __enter__(self) -> Progress:
        self._start = time.perf_counter()
        if self.enabled:
            self._timer = threading.Timer(self.delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        if not self.enabled:
            return
        self._timer.cancel()
        with self._lock:
            self._finished = True
            if self._shown and exc_info[0] is None:
                elapsed = time.perf_counter() - self._start
                sys.stderr.write(f"fastkmeans: {self.message}: done in {elapsed:.1f} s\n")


# Seconds into a run of steps after which each step's end is reported.
STEP_PROGRESS_DELAY = 1.0


class StepProgress:
    """Progress through ``total`` steps: once ``delay`` seconds have passed since the first
    step began, a line on stderr as each step ends (a run of many short steps, each too quick
    for :class:`Progress`, still shows where it is)."""

    def __init__(self, what: str, total: int, enabled: bool = True, delay: float | None = None):
        self.what = what
        self.total = total
        self.enabled = enabled
        self.delay = STEP_PROGRESS_DELAY if delay is None else delay
        self.done = 0
        self._start = time.perf_counter()

    def step_done(self, step: str) -> None:
        self.done += 1
        elapsed = time.perf_counter() - self._start
        if self.enabled and elapsed >= self.delay:
            sys.stderr.write(
                f"fastkmeans: {self.what}: {step} done ({self.done} of {self.total}, "
                f"{elapsed:.1f} s)\n"
            )
            sys.stderr.flush()


# -- numbers -------------------------------------------------------------------------------


def number(value: float, digits: int) -> str:
    """``value`` to ``digits`` significant digits, or "inf"."""
    return "inf" if math.isinf(value) else f"{value:.{digits}g}"


def decibels(psnr: float) -> str:
    """A PSNR in dB with two decimals, or "inf" (identical images)."""
    return "inf" if math.isinf(psnr) else f"{psnr:.2f}"


def quality_cells(seg: Segmentation) -> tuple[str, str, str, str]:
    """Inertia, MSE, PSNR and SSIM of a segmentation, as table cells."""
    return f"{seg.inertia:.5g}", f"{seg.mse:.2f}", decibels(seg.psnr), f"{seg.ssim:.4f}"


def json_number(value):
    """JSON has no infinity: an infinite value (PSNR of identical images, a cost beyond
    float64) is written as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# -- tables and JSON -----------------------------------------------------------------------


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell: the first left-aligned, the others right-aligned;
    a rule under the header."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = []
    for index, row in enumerate([header, *rows]):
        cells = [
            str(cell).ljust(width) if column == 0 else str(cell).rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def json_text(payload: dict) -> str:
    """``payload`` as indented JSON, every non-finite number (at any depth) as null.

    Commands render their JSON before writing any file, so that nothing is written for a
    report that cannot be printed."""
    return json.dumps(_finite(payload), indent=2, allow_nan=False)


def _finite(value):
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return json_number(value)


def print_json(payload: dict) -> None:
    print(json_text(payload))


def segmentation_record(seg: Segmentation, method: str | None = None) -> dict:
    """A segmentation's figures for ``--json`` (preceded by ``method`` when given)."""
    record = {} if method is None else {"method": method}
    record.update(
        n_clusters=seg.n_clusters,
        n_colours=seg.n_colours,
        coreset_size=seg.coreset_size,
        color_space=seg.color_space,
        time_s=seg.time,
        n_iter=seg.n_iter,
        converged=seg.converged,
        inertia=seg.inertia,
        mse=seg.mse,
        psnr=json_number(seg.psnr),
        ssim=seg.ssim,
    )
    return record
