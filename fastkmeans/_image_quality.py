"""A segmented image's quality against its input (MSE, PSNR, SSIM), computed when asked."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from ._colour import max_value
from ._parallel import thread_limit
from .metrics import _mse, _psnr, _ssim


class LazyQuality:
    """MSE, PSNR and SSIM over the colour channels, computed once, on first request.

    SSIM uses the 11 x 11 Gaussian window (or the largest odd window that fits a smaller
    image). ``mse`` may be given as a cheaper function than the per-pixel pass (the colour
    summary's, for an undithered segmentation). The seconds spent go to
    ``timings["quality"]``. Holds a copy of ``reference``'s colour channels until computed:
    the caller may reuse its buffer (the next frame of a video read into the same array) before
    the figures are read. ``image`` is the segmentation's own, held as it is (no copy).
    """

    def __init__(
        self,
        reference: np.ndarray,
        image: np.ndarray,
        n_colour: int,
        timings: dict,
        n_threads: int | None,
        mse: Callable[[], float] | None = None,
        copy_reference: bool = True,
    ):
        if copy_reference:
            channels = reference.reshape(reference.shape[0], reference.shape[1], -1)
            reference = np.array(channels[..., :n_colour], order="C", copy=True)
        self._inputs = (reference, image, n_colour, n_threads, mse)
        self._timings = timings
        self._values: tuple[float, float, float] | None = None
        self._lock = threading.Lock()

    def values(self) -> tuple[float, float, float]:
        """``(mse, psnr, ssim)``."""
        with self._lock:
            if self._values is None:
                start = time.perf_counter()
                self._values = _measure(*self._inputs)
                self._inputs = None  # release the images
                self._timings["quality"] = time.perf_counter() - start
            return self._values


def _measure(reference, image, n_colour, n_threads, mse) -> tuple[float, float, float]:
    reference = reference.reshape(reference.shape[0], reference.shape[1], -1)
    image = image.reshape(reference.shape[0], reference.shape[1], -1)
    if image.shape != reference.shape:
        # The reference kept its colour channels alone; the kernels read both images with
        # one layout.
        image = np.ascontiguousarray(image[..., : reference.shape[2]])
    data_range = max_value(reference.dtype)
    smaller_side = min(reference.shape[0], reference.shape[1])
    win_size = min(11, smaller_side if smaller_side % 2 else smaller_side - 1)
    with thread_limit(n_threads):
        mse_value = mse() if mse is not None else _mse(reference, image, n_colour)
        ssim_value = _ssim(reference, image, n_colour, data_range, win_size, 1.5, 0.01, 0.03)
    return mse_value, _psnr(mse_value, data_range), ssim_value


class KnownQuality(NamedTuple):
    """Quality figures known without the images (a distributed segmentation's, from its colour
    summary); None for one not computed."""

    mse: float | None
    psnr: float | None
    ssim: float | None

    def values(self) -> tuple[float | None, float | None, float | None]:
        return self.mse, self.psnr, self.ssim
