"""Scale-out with Dask: exact distributed Lloyd, coresets and image segmentation.

Installed with ``pip install "fastkmeans[dask]"`` (dask[array] and distributed) and imported
only as ``import fastkmeans.dask``: ``import fastkmeans`` never imports Dask. Everything runs
on the active scheduler (a ``distributed.Client`` if one exists, the local threaded scheduler
otherwise); Dask is the engine, this package only builds task graphs of the shared kernels.

- :class:`KMeans`: exact Lloyd iterations, one pass over the data each, partial sums reduced
  in a fixed tree (results bitwise independent of the workers), or a fit on a distributed
  coreset with ``coreset_size`` (two passes in all).
- :func:`sensitivity_coreset`: per-chunk coresets merged and reduced, in one pass.
- :func:`cost`: the exact weighted cost, in one pass.
- :func:`segment_image`: a large (e.g. zarr-backed) image segmented through its exact colour
  summary, with a lazy segmented image and labels.
"""

try:
    import dask.array  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        'fastkmeans.dask needs Dask: pip install "fastkmeans[dask]" (dask[array] and distributed)'
    ) from exc

from ..coreset import Coreset
from ._image import segment_image
from ._kmeans import KMeans, cost, sensitivity_coreset

__all__ = ["Coreset", "KMeans", "cost", "segment_image", "sensitivity_coreset"]
