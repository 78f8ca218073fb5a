"""Running the library for the commands: warm-ups, then timed runs with progress notices.

Before its timed work, a command compiles the kernels (or loads them from Numba's cache) on a
small part of the input, so that the timings exclude compilation.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from .. import Segmentation, segment_image
from .output import Progress

_COMPILING = "compiling kernels (first run only)"


@dataclass(frozen=True)
class Segmenter:
    """Runs :func:`fastkmeans.segment_image` with one command's settings and progress notices."""

    color_space: str = "rgb"
    seed: int = 0
    max_iter: int = 300
    tol: float = 1e-4
    quiet: bool = False

    def _settings(self, coreset_size: int | None) -> dict:
        return dict(
            coreset_size=coreset_size,
            color_space=self.color_space,
            random_state=self.seed,
            max_iter=self.max_iter,
            tol=self.tol,
        )

    def warm_up(self, image: np.ndarray, coreset_size: int | None) -> None:
        """Segment a 32 x 32 crop of ``image`` on all its colours and, for coreset runs, on a
        coreset, so that every kernel the runs need is compiled."""
        crop = np.ascontiguousarray(image[:32, :32])
        with Progress(_COMPILING, enabled=not self.quiet):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                segment_image(crop, 2, color_space=self.color_space, random_state=0)
                if coreset_size is not None:
                    segment_image(
                        crop, 2, coreset_size=8, color_space=self.color_space, random_state=0
                    )

    def segment(self, image: np.ndarray, n_clusters: int, coreset_size: int | None) -> Segmentation:
        """One timed segmentation, with a notice if it runs long."""
        where = "on a coreset" if coreset_size else "on all pixels"
        with Progress(f"segmenting {where} (k={n_clusters})", enabled=not self.quiet):
            return segment_image(image, n_clusters, **self._settings(coreset_size))
