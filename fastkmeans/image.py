"""Images as points in colour space: the exact colour summary, colour spaces, segment_image.

An image is first reduced to its distinct colours with their pixel counts, a lossless weighted
summary: k-means on it with those counts as weights is k-means on every pixel. The clustering
runs on the summary (or on a coreset of it), and one fused parallel pass then labels every pixel
and writes its output colour.
"""

from __future__ import annotations

import functools
import os
import time
import warnings
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from ._colour import (
    ColourSummary,
    colour_summary,
    from_space,
    lab_to_rgb,
    max_value,
    n_colour_channels,
    rgb_to_lab,
    summarise_colours,
    to_space,
)
from ._image_quality import LazyQuality
from ._imageread import MAX_PIXELS, read_image
from ._kernels.image import dither_labels, paint
from ._palette_file import encode, write_atomically
from ._parallel import block_bounds, thread_limit
from ._validation import (
    check_n_threads,
    check_random_state,
)
from ._validation_image import check_colour_summary, check_image, check_segment_settings
from .exceptions import FewDistinctPointsWarning, as_emitted
from .kmeans import KMeans

__all__ = [
    "MAX_PIXELS",
    "ColourSummary",
    "Segmentation",
    "colour_summary",
    "elbow_index",
    "lab_to_rgb",
    "palette_image",
    "read_image",
    "rgb_to_lab",
    "segment_image",
    "side_by_side",
]


# -- segmentation --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Segmentation:
    """The result of :func:`segment_image`.

    Attributes
    ----------
    image : ndarray
        The segmented image: the input's shape and dtype, each pixel's colour replaced by its
        cluster's palette colour; alpha copied unchanged.
    labels : ndarray of shape (H, W), int32
        Cluster of every pixel.
    palette : ndarray of shape (n_clusters, n_colour_channels), the input's dtype
        Cluster colours (in RGB or grey, whatever the clustering space).
    centers : ndarray of shape (n_clusters, n_colour_channels), float64
        Cluster centres in the clustering space (RGB/grey values, or CIELAB).
    inertia : float
        Sum over all pixels of the squared distance to the nearest centre, in the clustering
        space (for ``coreset_size``, measured on all pixels, not on the coreset). The colours
        of integer images are clustered as float32 points: centres and inertia carry float32's
        precision (about 1e-7 relative), far below the palette's rounding.
    n_clusters : int
        Clusters used (fewer than requested when the image has fewer distinct colours).
    n_colors : int
        Distinct colours in the image (also readable as ``n_colours``).
    n_iter : int
        Lloyd iterations.
    converged : bool
        Whether the iterations met their tolerance.
    color_space : str
        "rgb" or "lab".
    coreset_size : int or None
        Size of the coreset clustered, or None when the exact colour summary was clustered.
    dithered : bool
        Whether the pixels were mapped to the palette by error diffusion (``dither=True``);
        ``labels`` and ``image`` then follow the dithering, ``inertia`` the clustering.
    mse, psnr, ssim : float
        Quality of ``image`` against the input over the colour channels; PSNR in dB, ``inf``
        when nothing changed. Computed on first read (or by ``segment_image(quality=True)``),
        then kept: against the input as it was when segmented (a copy is kept until then, so
        its buffer may be reused), and against ``image`` as it is then (read them before
        writing into ``image``).
    timings : dict
        Seconds spent in "summary" (near 0 when the summary was given), "fit", "assign", and
        "quality" once it is computed.
    """

    image: np.ndarray
    labels: np.ndarray
    palette: np.ndarray
    centers: np.ndarray
    inertia: float
    n_clusters: int
    n_colors: int
    n_iter: int
    converged: bool
    color_space: str
    coreset_size: int | None
    dithered: bool
    timings: dict
    _quality: LazyQuality = field(repr=False)

    @property
    def mse(self) -> float:
        """Mean squared error against the input, colour channels (computed on first read)."""
        return self._quality.values()[0]

    @property
    def psnr(self) -> float:
        """Peak signal-to-noise ratio in dB (``inf`` when nothing changed)."""
        return self._quality.values()[1]

    @property
    def ssim(self) -> float:
        """Mean structural similarity against the input (11 x 11 Gaussian window)."""
        return self._quality.values()[2]

    def encode(self, extension: str, *, palette: bool = True) -> bytes:
        """The segmented image as the bytes of a file of format ``extension``.

        Parameters
        ----------
        extension : str
            ".png", ".gif", ".tif"/".tiff", or any format imageio writes (".jpg", ".bmp", ...).
        palette : bool, default=True
            Store an indexed (palette) image where the format has one and the segmentation
            fits it (8-bit, at most 256 colour and alpha pairs): a PNG at 1, 2, 4 or 8 bits
            per pixel as the palette needs, with alpha through the palette's transparency, a
            GIF or a TIFF. Otherwise, or with ``palette=False``, the truecolour image.

        Returns
        -------
        bytes
        """
        extension = extension if extension.startswith(".") else "." + extension
        indexed = palette and self.image.dtype == np.uint8 and self.n_clusters <= 256
        return encode(self.image, self.labels, self.palette, extension, indexed=indexed)

    def save(self, path, *, palette: bool = True, overwrite: bool = False) -> int:
        """Write the segmented image to ``path`` (format from its extension); returns its size.

        The file is written to a temporary file beside it and renamed: it appears whole or not
        at all. See :meth:`encode` for ``palette``.

        Parameters
        ----------
        path : str or os.PathLike
        palette : bool, default=True
        overwrite : bool, default=False
            Replace an existing file (else ``FileExistsError``).

        Returns
        -------
        int
            Bytes written.

        Examples
        --------
        >>> import numpy as np, tempfile, os
        >>> from fastkmeans import segment_image
        >>> image = np.random.default_rng(0).integers(0, 256, (32, 32, 3), dtype=np.uint8)
        >>> seg = segment_image(image, 4, random_state=0)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     size = seg.save(os.path.join(folder, "out.png"))  # a 2-bit palette PNG
        >>> size < seg.encode(".png", palette=False).__len__()
        True
        """
        extension = os.path.splitext(os.fspath(path))[1]
        if not extension:
            raise ValueError(f"path {os.fspath(path)!r} has no extension to choose a format by")
        data = self.encode(extension, palette=palette)
        write_atomically(path, data, overwrite=overwrite)
        return len(data)

    @property
    def n_colours(self) -> int:
        """The same as :attr:`n_colors` (the spelling of the project's prose)."""
        return self.n_colors

    @property
    def time(self) -> float:
        """Seconds of the segmentation itself: summary + fit + final pass (quality excluded)."""
        return self.timings["summary"] + self.timings["fit"] + self.timings["assign"]


def segment_image(
    image,
    n_clusters: int,
    *,
    coreset_size: int | None = None,
    color_space: str = "rgb",
    random_state=None,
    max_iter: int = 300,
    tol: float = 1e-4,
    n_threads: int | None = None,
    dither: bool = False,
    quality: bool = False,
    summary: ColourSummary | None = None,
) -> Segmentation:
    """Segment an image into ``n_clusters`` colour regions with k-means.

    The image is reduced to its exact colour summary (distinct colours weighted by their pixel
    counts), which is clustered with :class:`fastkmeans.KMeans` (identical to clustering every
    pixel), or, with ``coreset_size``, a sensitivity coreset of that summary is clustered
    instead. One fused parallel pass then labels every pixel and writes its palette colour.

    Parameters
    ----------
    image : array-like of shape (H, W) or (H, W, C)
        uint8, uint16, float32 or float64 (floats in [0, 1]); C = 1 grey, 2 grey + alpha,
        3 RGB, 4 RGBA. Alpha is kept as it is and not clustered; 16-bit images stay 16-bit.
    n_clusters : int
        Number of colour regions. When the image has fewer distinct colours, a
        :class:`~fastkmeans.FewDistinctPointsWarning` is issued and each colour is its own
        cluster.
    coreset_size : int, optional
        Cluster a :func:`fastkmeans.sensitivity_coreset` of this many weighted colours instead
        of the exact summary (must be >= ``n_clusters``). Ignored, the exact summary being
        used, when the image has no more distinct colours than this. Labels, inertia and
        quality are always measured on all pixels.
    color_space : {"rgb", "lab"}, default="rgb"
        Cluster in the image's own values, or in CIELAB (D65, sRGB input assumed); Lab
        centres are converted back for the palette.
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Seeds the coreset and the k-means initialisation.
    max_iter : int, default=300
        Lloyd iterations at most.
    tol : float, default=1e-4
        Stopping tolerance of :class:`fastkmeans.KMeans`.
    n_threads : int, optional
        Threads for this call (default: ``NUMBA_NUM_THREADS``, the cores).
    dither : bool, default=False
        Map the pixels to the palette by Floyd–Steinberg error diffusion (in the clustering
        colour space) instead of each to its nearest entry: gradients lose their banding, at
        a lower PSNR. A sequential pass over the pixels.
    quality : bool, default=False
        Compute MSE, PSNR and SSIM (11 x 11 Gaussian window, or the largest odd window that
        fits a smaller image) against the input now; by default they are computed when
        first read (on 8.6 MP photos the SSIM takes 0.8-3.5 times a segmentation's time).
    summary : ColourSummary, optional
        The image's colour summary from :func:`colour_summary`, to segment one image for
        several ``n_clusters`` without summarising it each time (a sixth to a half of a
        segmentation's time on a large photo). Checked against the image (shapes, counts and
        an evenly spaced sample of pixels); recompute it after changing the image.

    Returns
    -------
    Segmentation

    Warns
    -----
    FewDistinctPointsWarning
        When the image has fewer distinct colours than ``n_clusters``.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import segment_image
    >>> image = np.zeros((4, 6, 3), dtype=np.uint8)
    >>> image[:, 3:] = [200, 10, 10]
    >>> image[0, 0] = [4, 0, 0]
    >>> seg = segment_image(image, 2, random_state=0)
    >>> sorted(seg.palette.tolist())
    [[0, 0, 0], [200, 10, 10]]
    >>> bool(seg.labels[0, 0] == seg.labels[3, 2] != seg.labels[0, 5])
    True
    """
    image = check_image(image)
    n_clusters, color_space, coreset_size, max_iter, tol = check_segment_settings(
        n_clusters, color_space, coreset_size, max_iter, tol, dither=dither, quality=quality
    )
    n_threads = check_n_threads(n_threads)
    rng = check_random_state(random_state)
    if summary is not None:
        summary = check_colour_summary(summary, image, n_colour_channels(image))

    # The final pass turns the summary's pixel inverse into the labels, in place: a given
    # summary, which the caller reuses, keeps its own.
    pixel_colours = None if summary is None or dither else summary.inverse.copy()

    timings = {}
    with thread_limit(n_threads):
        start = time.perf_counter()
        if summary is None:
            summary = summarise_colours(image)
            pixel_colours = summary.inverse
        n_colours = summary.colours.shape[0]
        timings["summary"] = time.perf_counter() - start

        start = time.perf_counter()
        clustering = cluster_colours(
            summary, n_clusters, color_space, coreset_size, max_iter, tol, rng, stacklevel=3
        )
        model, n_clusters, colour_labels = clustering
        centers, inertia = model.cluster_centers_, model.inertia_
        timings["fit"] = time.perf_counter() - start

        start = time.perf_counter()
        palette = from_space(centers, color_space, image.dtype)
        if dither:
            points = to_space(summary.colours, color_space)
            pixel_labels = _dither(summary, points, centers, image.shape[1])
            out, labels = _paint(image, pixel_labels, np.arange(n_clusters), palette)
            mse = None  # per pixel: the errors no longer follow the colours
        else:
            out, labels = _paint(image, pixel_colours, colour_labels, palette)
            mse = functools.partial(_summary_mse, summary, palette, colour_labels)
        timings["assign"] = time.perf_counter() - start
    # With quality=True the figures are computed now: the input needs no copy.
    quality_of = LazyQuality(
        image, out, palette.shape[1], timings, n_threads, mse, copy_reference=not quality
    )
    if quality:
        quality_of.values()

    return Segmentation(
        image=out,
        labels=labels,
        palette=palette,
        centers=np.array(centers, dtype=np.float64),
        inertia=float(inertia),
        n_clusters=int(n_clusters),
        n_colors=int(n_colours),
        n_iter=int(model.n_iter_),
        converged=bool(model.converged_),
        color_space=color_space,
        coreset_size=coreset_size if model._fitted_on_coreset else None,
        dithered=bool(dither),
        timings=timings,
        _quality=quality_of,
    )


class ColourClustering(NamedTuple):
    """k-means of a colour summary: the fitted model, the clusters used, each colour's cluster."""

    model: KMeans
    n_clusters: int
    colour_labels: np.ndarray  # (n_colours,) int32


def cluster_colours(
    summary: ColourSummary,
    n_clusters: int,
    color_space: str,
    coreset_size: int | None,
    max_iter: int,
    tol: float,
    rng: np.random.Generator,
    stacklevel: int,
) -> ColourClustering:
    """Cluster the distinct colours weighted by their counts (so every pixel), as
    :func:`segment_image` does; fewer clusters, with a warning, when there are fewer colours.

    Only ``summary.colours`` and ``summary.counts`` are read (a merged summary has no
    ``inverse``). ``stacklevel`` points the warning at the user's call.
    """
    points = to_space(summary.colours, color_space)
    n_colours = points.shape[0]
    if n_clusters > n_colours:
        warnings.warn(
            f"the image has only {n_colours} distinct colour(s), fewer than "
            f"n_clusters={n_clusters}: using {n_colours} clusters",
            as_emitted(FewDistinctPointsWarning),
            stacklevel=stacklevel,
        )
        n_clusters = n_colours
    # The estimator's own path: fit on a coreset of the summary when asked, then label and
    # cost every colour (so every pixel).
    model = KMeans(
        n_clusters, max_iter=max_iter, tol=tol, random_state=rng, coreset_size=coreset_size
    ).fit(points, sample_weight=summary.counts.astype(np.float64))
    return ColourClustering(model, n_clusters, model.labels_)


def _paint(image: np.ndarray, labels: np.ndarray, colour_labels, palette: np.ndarray):
    """The segmented image and the (H, W) labels, in one parallel pass over the pixels.

    ``labels`` (one per pixel) index ``colour_labels``; they are rewritten in place into the
    pixels' clusters.
    """
    pixels = image.reshape(image.shape[0] * image.shape[1], -1)
    out = np.empty_like(image)
    # One byte per colour where the clusters fit in it: the table each pixel looks its cluster
    # up in then takes a quarter of the cache (paint of an 8.6 MP photo with 689k colours:
    # 12 ms against 18 ms).
    label_type = np.uint8 if palette.shape[0] <= 256 else np.int32
    paint(
        pixels,
        palette.shape[1],
        labels,
        np.ascontiguousarray(colour_labels, dtype=label_type),
        palette,
        block_bounds(pixels.shape[0]),
        out.reshape(pixels.shape),
    )
    return out, labels.reshape(image.shape[:2])


def _summary_mse(summary: ColourSummary, palette: np.ndarray, colour_labels) -> float:
    """MSE of the segmented image over the colour channels, from the colour summary.

    Every pixel of one colour has the same error, so this is a weighted sum over the distinct
    colours instead of a pass over the pixels. For 8-bit images every term and partial sum is
    an integer below 2**53, so it equals the per-pixel sum of :func:`fastkmeans.mse` exactly.
    """
    errors = summary.colours.astype(np.float64) - palette[colour_labels].astype(np.float64)
    per_colour = np.einsum("ij,ij->i", errors, errors)
    n_values = int(summary.counts.sum()) * summary.colours.shape[1]
    return float(summary.counts.astype(np.float64) @ per_colour / n_values)


def _dither(summary: ColourSummary, points: np.ndarray, centers: np.ndarray, width: int):
    """Each pixel's palette entry by Floyd–Steinberg error diffusion in the clustering space."""
    labels = np.empty(summary.inverse.shape[0], dtype=np.int32)
    points = np.ascontiguousarray(points, dtype=np.float64)
    centers = np.ascontiguousarray(centers, dtype=np.float64)
    # Clamped to the palette's box, not the image's range: error beyond every entry cannot be
    # paid back by any mix of them and only spreads as noise (measured, PSNR at k = 16 on the
    # 8-12 MP panel: ihc 27.25 -> 28.12 dB, coffee 23.77 -> 24.55 dB).
    low, high = centers.min(axis=0), centers.max(axis=0)
    dither_labels(summary.inverse, points, centers, low, high, width, labels)
    return labels


# -- choosing k and showing results --------------------------------------------------------


def elbow_index(n_clusters, inertias) -> int | None:
    """Index of the elbow of an inertia curve (the point farthest below the chord).

    Both axes are scaled to [0, 1]; the elbow is the point of greatest distance below the
    straight line from the first point to the last ("kneedle"), so ``n_clusters`` must be
    increasing. ``None`` for fewer than three points or a curve with no point below the chord.

    Examples
    --------
    >>> from fastkmeans.image import elbow_index
    >>> elbow_index([1, 2, 3, 4, 5], [100.0, 30.0, 20.0, 15.0, 12.0])
    1
    """
    k = np.asarray(n_clusters, dtype=np.float64)
    y = np.asarray(inertias, dtype=np.float64)
    if k.ndim != 1 or k.shape != y.shape:
        raise ValueError(
            f"n_clusters and inertias must be 1-D of one length, got shapes {k.shape} and {y.shape}"
        )
    if not (np.isfinite(k).all() and np.isfinite(y).all()):
        raise ValueError("n_clusters and inertias must be finite")
    if (np.diff(k) <= 0).any():
        # The chord runs from the first point to the last: unsorted, it means nothing.
        raise ValueError(f"n_clusters must be increasing, got {np.asarray(n_clusters).tolist()}")
    if k.shape[0] < 3 or y.max() == y.min():
        return None
    x = (k - k[0]) / (k[-1] - k[0])
    y = (y - y.min()) / (y.max() - y.min())
    chord = y[0] + (y[-1] - y[0]) * x
    below = chord - y
    best = int(np.argmax(below))
    return best if below[best] > 0 else None


def palette_image(palette, swatch: int = 32) -> np.ndarray:
    """A strip of ``swatch`` x ``swatch`` squares, one per palette colour, in order.

    Parameters
    ----------
    palette : ndarray of shape (k, C)
        Colours (C = 1 grey or 3 RGB).
    swatch : int
        Side of each square, in pixels.

    Returns
    -------
    ndarray of shape (swatch, k * swatch, C), the palette's dtype
    """
    palette = np.asarray(palette)
    strip = np.repeat(palette[None, :, :], swatch, axis=0)
    return np.repeat(strip, swatch, axis=1)


def side_by_side(images, gap: int = 8) -> np.ndarray:
    """Images of one height, dtype and channel count next to each other, ``gap`` white pixels
    apart."""
    images = [np.asarray(image) for image in images]
    first = images[0]
    white = np.full(
        (first.shape[0], gap) + first.shape[2:], max_value(first.dtype), dtype=first.dtype
    )
    parts = []
    for index, image in enumerate(images):
        if image.shape[0] != first.shape[0] or image.shape[2:] != first.shape[2:]:
            raise ValueError(
                f"images must share their height and channels, got {first.shape} and {image.shape}"
            )
        if index:
            parts.append(white)
        parts.append(image.astype(first.dtype, copy=False))
    return np.concatenate(parts, axis=1)
