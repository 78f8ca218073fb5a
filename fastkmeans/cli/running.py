"""Running the library for the commands: warm-ups, then timed runs with progress notices.

Before its timed work, each command calls the library once on a small part of the input (a
crop, the first rows) with the user's own settings. That warm-up compiles the kernels (or loads
them from Numba's cache), so the timings exclude compilation; and being the library's first look
at the input, it lets the library check the input and the settings before anything slow, so a
user error is reported at once and is the only line on stderr.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from .. import KMeans, Segmentation, segment_image
from ..image import ColourSummary
from .output import Progress

T = TypeVar("T")
R = TypeVar("R")

_COMPILING = "compiling kernels (first run only)"


def on_part(run: Callable[[T], R], part: T, whole: T) -> R:
    """``run(part)``, where ``part`` is a small piece of ``whole``.

    If the library refuses the piece, it is asked again about ``whole``, which it refuses too
    (every check that fails on a piece fails on the whole: same dtype, same settings, values a
    subset), so that the message describes the user's input (its shape, its value range).
    """
    try:
        return run(part)
    except (TypeError, ValueError):
        run(whole)
        raise


def warm_up_kmeans(estimator: Callable[[], KMeans], X: np.ndarray, quiet: bool) -> None:
    """Fit ``estimator()`` on the first ``n_clusters`` rows of ``X`` (all of them when there
    are fewer: the library then says so)."""
    n_clusters = estimator().n_clusters
    head = X[:n_clusters] if X.ndim else X  # a 0-d array cannot be sliced: the library refuses it
    with Progress(_COMPILING, enabled=not quiet):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            on_part(lambda part: estimator().fit(part), head, X)


@dataclass(frozen=True)
class Segmenter:
    """Runs :func:`fastkmeans.segment_image` with one command's settings and progress notices."""

    color_space: str = "rgb"
    seed: int = 0
    max_iter: int = 300
    tol: float = 1e-4
    quiet: bool = False
    dither: bool = False

    def _settings(self, coreset_size: int | None) -> dict:
        return dict(
            coreset_size=coreset_size,
            color_space=self.color_space,
            random_state=self.seed,
            max_iter=self.max_iter,
            tol=self.tol,
            dither=self.dither,
        )

    def warm_up(self, image: np.ndarray, n_clusters: int, coreset_size: int | None) -> None:
        """Segment a 32 x 32 crop of ``image``: first with the runs' settings (``n_clusters``:
        the largest k), then on all its colours and, for coreset runs, on a coreset, so that
        every kernel the runs need is compiled."""
        crop = np.ascontiguousarray(image[:32, :32])
        settings = self._settings(coreset_size)
        with Progress(_COMPILING, enabled=not self.quiet):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                on_part(lambda part: segment_image(part, n_clusters, **settings), crop, image)
                segment_image(crop, 2, color_space=self.color_space, random_state=0)
                if coreset_size is not None:
                    segment_image(
                        crop, 2, coreset_size=8, color_space=self.color_space, random_state=0
                    )

    def segment(
        self,
        image: np.ndarray,
        n_clusters: int,
        coreset_size: int | None,
        summary: ColourSummary | None = None,
    ) -> Segmentation:
        """One timed segmentation, with a notice if it runs long (``summary``: the image's
        colour summary, when several segmentations of it share one)."""
        where = "on a coreset" if coreset_size else "on all pixels"
        with Progress(f"segmenting {where} (k={n_clusters})", enabled=not self.quiet):
            return segment_image(image, n_clusters, summary=summary, **self._settings(coreset_size))
