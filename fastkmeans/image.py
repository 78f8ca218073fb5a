"""Images as points in colour space: the exact colour summary, colour spaces, segment_image.

An image is first reduced to its distinct colours with their pixel counts, a lossless weighted
summary: k-means on it with those counts as weights is k-means on every pixel. The clustering
runs on the summary (or on a coreset of it), and one fused parallel pass then labels every pixel
and writes its output colour.
"""

from __future__ import annotations

import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple

import numba
import numpy as np

from ._kernels.assign import assign_labels
from ._kernels.histogram import renumber, unique_colours
from ._kernels.image import paint
from ._parallel import MIN_BLOCK_ROWS, block_bounds, thread_limit
from ._validation import (
    check_color_space,
    check_coreset_size,
    check_image,
    check_int,
    check_n_threads,
    check_random_state,
    check_tol,
)
from .exceptions import FewDistinctPointsWarning
from .kmeans import KMeans
from .metrics import _psnr, _ssim

__all__ = [
    "ColourSummary",
    "Segmentation",
    "colour_summary",
    "elbow_index",
    "lab_to_rgb",
    "palette_image",
    "rgb_to_lab",
    "segment_image",
    "side_by_side",
]


# -- channels ------------------------------------------------------------------------------


def _n_colour_channels(image: np.ndarray) -> int:
    """Channels clustered: grey (1), grey + alpha (1), RGB (3), RGBA (3)."""
    if image.ndim == 2:
        return 1
    n_channels = image.shape[2]
    return n_channels - 1 if n_channels in (2, 4) else n_channels


def _max_value(dtype) -> float:
    """The value of full intensity: 255, 65535, or 1.0 for float images."""
    dtype = np.dtype(dtype)
    return float(np.iinfo(dtype).max) if dtype.kind == "u" else 1.0


# -- exact colour summary ------------------------------------------------------------------


class ColourSummary(NamedTuple):
    """The distinct colours of an image with their pixel counts.

    Attributes
    ----------
    colours : ndarray of shape (n_colours, n_colour_channels), the image's dtype
        Distinct colours (alpha excluded) in lexicographic order.
    counts : ndarray of shape (n_colours,), int64
        Number of pixels of each colour.
    inverse : ndarray of shape (H * W,), int32
        Row of ``colours`` holding each pixel's colour (pixels in row-major order).
    """

    colours: np.ndarray
    counts: np.ndarray
    inverse: np.ndarray


def colour_summary(image) -> ColourSummary:
    """Exact colour summary of an image: distinct colours, counts and the pixel inverse.

    ``colours[inverse]`` rebuilds the colour channels pixel by pixel, and k-means on
    ``colours`` with ``sample_weight=counts`` is k-means on every pixel. Integer images are
    summarised in one hashed pass (each colour packed into a 64-bit key), one block of rows
    per Numba thread; float images by sorting. The result does not depend on the thread count.

    Parameters
    ----------
    image : array-like of shape (H, W) or (H, W, C)
        uint8, uint16, float32 or float64 (floats in [0, 1]); C = 1 grey, 2 grey + alpha,
        3 RGB, 4 RGBA. Alpha is not part of the colour.

    Returns
    -------
    ColourSummary

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans.image import colour_summary
    >>> image = np.array([[[9, 0, 0], [1, 2, 3]], [[9, 0, 0], [9, 0, 0]]], dtype=np.uint8)
    >>> summary = colour_summary(image)
    >>> summary.colours.tolist(), summary.counts.tolist(), summary.inverse.tolist()
    ([[1, 2, 3], [9, 0, 0]], [1, 3], [1, 0, 1, 1])
    """
    image = check_image(image)
    return _colour_summary(image)


def _colour_summary(image: np.ndarray, n_blocks: int | None = None) -> ColourSummary:
    """Colour summary of a validated image; integer images in ``n_blocks`` blocks of rows
    (default one per Numba thread). The result does not depend on ``n_blocks``."""
    n_colour = _n_colour_channels(image)
    if image.dtype.kind == "u":
        return _integer_colour_summary(image, n_colour, n_blocks)
    pixels = image.reshape(image.shape[0] * image.shape[1], -1)
    n_pixels = pixels.shape[0]
    colour = pixels[:, :n_colour]
    order = np.lexsort(colour.T[::-1])
    ordered = colour[order]
    starts = np.concatenate(([True], np.any(ordered[1:] != ordered[:-1], axis=1)))
    group = np.cumsum(starts, dtype=np.int64) - 1
    inverse = np.empty(n_pixels, dtype=np.int32)
    inverse[order] = group
    first_rows = np.flatnonzero(starts)
    counts = np.diff(np.append(first_rows, n_pixels)).astype(np.int64)
    return ColourSummary(np.ascontiguousarray(ordered[first_rows]), counts, inverse)


def _integer_colour_summary(image: np.ndarray, n_colour: int, n_blocks: int | None):
    """Hashed colour summary of a uint8/uint16 image, its blocks of rows hashed in parallel.

    Each block builds its own table in a thread of its own (the kernel releases the GIL); the
    blocks' distinct keys are then merged and sorted, and one parallel pass maps every pixel's
    block-local id to the rank of its key, i.e. its colour's row in lexicographic order.
    """
    height, width = image.shape[:2]
    pixels = image.reshape(height * width, -1)
    bits = 8 * image.dtype.itemsize
    if n_blocks is None:
        n_blocks = min(numba.get_num_threads(), pixels.shape[0] // MIN_BLOCK_ROWS)
    n_blocks = max(1, min(n_blocks, height))
    bounds = np.linspace(0, height, n_blocks + 1).round().astype(np.int64) * width
    inverse = np.empty(pixels.shape[0], dtype=np.int32)

    def summarise_block(b):
        rows = slice(bounds[b], bounds[b + 1])
        return unique_colours(pixels[rows], n_colour, np.uint64(bits), width, inverse[rows])

    if n_blocks == 1:
        blocks = [summarise_block(0)]
    else:
        with ThreadPoolExecutor(n_blocks) as pool:
            blocks = list(pool.map(summarise_block, range(n_blocks)))
    block_keys = [keys for keys, _ in blocks]
    id_offsets = np.cumsum([0] + [keys.shape[0] for keys in block_keys[:-1]], dtype=np.int64)
    keys, new_ids = np.unique(np.concatenate(block_keys), return_inverse=True)
    # float64 weights add pixel counts exactly (far below 2**53).
    counts = np.bincount(
        new_ids, weights=np.concatenate([c for _, c in blocks]), minlength=keys.shape[0]
    ).astype(np.int64)
    renumber(inverse, new_ids.astype(np.int32), id_offsets, bounds)
    colours = np.empty((keys.shape[0], n_colour), dtype=image.dtype)
    mask = np.uint64((1 << bits) - 1)
    for f in range(n_colour):
        colours[:, f] = (keys >> np.uint64(bits * (n_colour - 1 - f))) & mask
    return ColourSummary(colours, counts, inverse)


# -- colour spaces -------------------------------------------------------------------------

# Linear sRGB -> CIE XYZ, D65 white (IEC 61966-2-1).
_RGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
_XYZ_TO_RGB = np.linalg.inv(_RGB_TO_XYZ)
# The white point is the image of RGB white, so white and greys get a* = b* = 0 exactly.
_WHITE = _RGB_TO_XYZ.sum(axis=1)
_DELTA = 6.0 / 29.0


def _srgb_to_linear(values: np.ndarray) -> np.ndarray:
    return np.where(values <= 0.04045, values / 12.92, ((values + 0.055) / 1.055) ** 2.4)


def _linear_to_srgb(values: np.ndarray) -> np.ndarray:
    values = np.clip(values, 0.0, 1.0)
    return np.where(
        values <= 0.0031308, 12.92 * values, 1.055 * values ** (1.0 / 2.4) - 0.055
    ).clip(0.0, 1.0)


def _lab_f(t: np.ndarray) -> np.ndarray:
    return np.where(t > _DELTA**3, np.cbrt(t), t / (3.0 * _DELTA**2) + 4.0 / 29.0)


def _lab_f_inverse(t: np.ndarray) -> np.ndarray:
    return np.where(t > _DELTA, t**3, 3.0 * _DELTA**2 * (t - 4.0 / 29.0))


def rgb_to_lab(rgb) -> np.ndarray:
    """sRGB in [0, 1] to CIELAB (D65), float64.

    Parameters
    ----------
    rgb : array-like of shape (..., 3) or (..., 1)
        sRGB values in [0, 1]; one channel is grey, and gives L* only (shape (..., 1)).

    Returns
    -------
    ndarray of the input's shape
        L* in [0, 100]; a*, b* roughly in [-128, 128].

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans.image import rgb_to_lab
    >>> np.round(rgb_to_lab(np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])), 6).tolist()
    [[100.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    rgb = np.asarray(rgb, dtype=np.float64)
    linear = _srgb_to_linear(rgb)
    if rgb.shape[-1] == 1:
        return 116.0 * _lab_f(linear) - 16.0
    xyz = linear @ _RGB_TO_XYZ.T / _WHITE
    f = _lab_f(xyz)
    lightness = 116.0 * f[..., 1] - 16.0
    a = 500.0 * (f[..., 0] - f[..., 1])
    b = 200.0 * (f[..., 1] - f[..., 2])
    return np.stack([lightness, a, b], axis=-1)


def lab_to_rgb(lab) -> np.ndarray:
    """CIELAB (D65) to sRGB in [0, 1] (out-of-gamut colours clipped), float64.

    The inverse of :func:`rgb_to_lab`; shape (..., 1) is L* only and gives grey.
    """
    lab = np.asarray(lab, dtype=np.float64)
    fy = (lab[..., :1] + 16.0) / 116.0
    if lab.shape[-1] == 1:
        return _linear_to_srgb(_lab_f_inverse(fy))
    f = np.concatenate([fy + lab[..., 1:2] / 500.0, fy, fy - lab[..., 2:3] / 200.0], axis=-1)
    xyz = _lab_f_inverse(f) * _WHITE
    return _linear_to_srgb(xyz @ _XYZ_TO_RGB.T)


def _to_space(colours: np.ndarray, color_space: str) -> np.ndarray:
    """Colours of the image's dtype to float64 points of the clustering space."""
    if color_space == "rgb":
        return colours.astype(np.float64)
    return np.ascontiguousarray(rgb_to_lab(colours / _max_value(colours.dtype)))


def _from_space(centers: np.ndarray, color_space: str, dtype) -> np.ndarray:
    """Centres of the clustering space to palette colours of ``dtype`` (rounded, clipped)."""
    top = _max_value(dtype)
    values = centers if color_space == "rgb" else lab_to_rgb(centers) * top
    values = np.clip(values, 0.0, top)
    if np.dtype(dtype).kind == "u":
        values = np.rint(values)
    return np.ascontiguousarray(values.astype(dtype))


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
        space (for ``coreset_size``, measured on all pixels, not on the coreset).
    n_clusters : int
        Clusters used (fewer than requested when the image has fewer distinct colours).
    n_colours : int
        Distinct colours in the image.
    n_iter : int
        Lloyd iterations.
    converged : bool
        Whether the iterations met their tolerance.
    color_space : str
        "rgb" or "lab".
    coreset_size : int or None
        Size of the coreset clustered, or None when the exact colour summary was clustered.
    mse, psnr, ssim : float or None
        Quality of ``image`` against the input over the colour channels (None when
        ``quality=False``); PSNR in dB, ``inf`` when nothing changed.
    timings : dict
        Seconds spent in "summary", "fit", "assign" and "quality".
    """

    image: np.ndarray
    labels: np.ndarray
    palette: np.ndarray
    centers: np.ndarray
    inertia: float
    n_clusters: int
    n_colours: int
    n_iter: int
    converged: bool
    color_space: str
    coreset_size: int | None
    mse: float | None
    psnr: float | None
    ssim: float | None
    timings: dict = field(default_factory=dict)

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
    quality: bool = True,
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
        Numba threads for this call.
    quality : bool, default=True
        Compute MSE, PSNR and SSIM (11 x 11 Gaussian window, or the largest odd window that
        fits a smaller image) of the segmented image against the input, on colour channels.

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
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    color_space = check_color_space(color_space)
    if coreset_size is not None:
        coreset_size = check_coreset_size(coreset_size, n_clusters)
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    tol = check_tol(tol)
    n_threads = check_n_threads(n_threads)
    if not isinstance(quality, bool | np.bool_):
        raise TypeError(f"quality must be True or False, got {quality!r}")
    rng = check_random_state(random_state)

    timings = {}
    with thread_limit(n_threads):
        start = time.perf_counter()
        summary = _colour_summary(image)
        points = _to_space(summary.colours, color_space)
        weights = summary.counts.astype(np.float64)
        n_colours = points.shape[0]
        timings["summary"] = time.perf_counter() - start

        start = time.perf_counter()
        if n_clusters > n_colours:
            warnings.warn(
                f"the image has only {n_colours} distinct colour(s), fewer than "
                f"n_clusters={n_clusters}: using {n_colours} clusters",
                FewDistinctPointsWarning,
                stacklevel=2,
            )
            n_clusters = n_colours
        use_coreset = coreset_size is not None and coreset_size < n_colours
        model = KMeans(n_clusters, max_iter=max_iter, tol=tol, random_state=rng)
        if use_coreset:
            from .coreset import sensitivity_coreset

            coreset = sensitivity_coreset(
                points, n_clusters, coreset_size, sample_weight=weights, random_state=rng
            )
            use_coreset = coreset.points.shape[0] >= n_clusters
        if use_coreset:
            model.fit(coreset.points, sample_weight=coreset.weights)
            centers = np.ascontiguousarray(model.cluster_centers_, dtype=np.float64)
            colour_labels, inertia = _assign(points, weights, centers)
        else:
            model.fit(points, sample_weight=weights)
            centers = model.cluster_centers_
            colour_labels, inertia = model.labels_, model.inertia_
        timings["fit"] = time.perf_counter() - start

        start = time.perf_counter()
        palette = _from_space(centers, color_space, image.dtype)
        pixels = image.reshape(image.shape[0] * image.shape[1], -1)
        out = np.empty_like(image)
        labels = summary.inverse  # rewritten in place: colour index -> cluster
        paint(
            pixels,
            palette.shape[1],
            labels,
            np.ascontiguousarray(colour_labels, dtype=np.int32),
            palette,
            block_bounds(pixels.shape[0]),
            out.reshape(pixels.shape),
        )
        timings["assign"] = time.perf_counter() - start

        start = time.perf_counter()
        mse_value = psnr_value = ssim_value = None
        if quality:
            mse_value = _summary_mse(summary, palette, colour_labels)
            psnr_value, ssim_value = _psnr_and_ssim(image, out, palette.shape[1], mse_value)
        timings["quality"] = time.perf_counter() - start

    return Segmentation(
        image=out,
        labels=labels.reshape(image.shape[:2]),
        palette=palette,
        centers=np.array(centers, dtype=np.float64),
        inertia=float(inertia),
        n_clusters=int(n_clusters),
        n_colours=int(n_colours),
        n_iter=int(model.n_iter_),
        converged=bool(model.converged_),
        color_space=color_space,
        coreset_size=coreset_size if use_coreset else None,
        mse=mse_value,
        psnr=psnr_value,
        ssim=ssim_value,
        timings=timings,
    )


def _assign(points: np.ndarray, weights: np.ndarray, centers: np.ndarray):
    """Nearest-centre labels of ``points`` and their weighted cost."""
    labels = np.empty(points.shape[0], dtype=np.int32)
    bounds = block_bounds(points.shape[0])
    block_cost = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    assign_labels(points, weights, centers, bounds, labels, block_cost)
    return labels, float(block_cost.sum())


def _summary_mse(summary: ColourSummary, palette: np.ndarray, colour_labels) -> float:
    """MSE of the segmented image over the colour channels, from the colour summary.

    Every pixel of one colour has the same error, so this is a weighted sum over the distinct
    colours instead of a pass over the pixels. For 8-bit images every term and partial sum is
    an integer below 2**53, so it equals the per-pixel sum of :func:`fastkmeans.mse` exactly.
    """
    errors = summary.colours.astype(np.float64) - palette[colour_labels].astype(np.float64)
    per_colour = np.einsum("ij,ij->i", errors, errors)
    n_values = summary.inverse.shape[0] * summary.colours.shape[1]
    return float(summary.counts.astype(np.float64) @ per_colour / n_values)


def _psnr_and_ssim(reference: np.ndarray, image: np.ndarray, n_colour: int, mse_value: float):
    """PSNR from the MSE, and SSIM over the colour channels (the largest odd window <= 11)."""
    reference = reference.reshape(reference.shape[0], reference.shape[1], -1)
    image = image.reshape(reference.shape)
    data_range = _max_value(reference.dtype)
    smaller_side = min(reference.shape[0], reference.shape[1])
    win_size = min(11, smaller_side if smaller_side % 2 else smaller_side - 1)
    ssim_value = _ssim(reference, image, n_colour, data_range, win_size, 1.5, 0.01, 0.03)
    return _psnr(mse_value, data_range), ssim_value


# -- choosing k and showing results --------------------------------------------------------


def elbow_index(n_clusters, inertias) -> int | None:
    """Index of the elbow of an inertia curve (the point farthest below the chord).

    Both axes are scaled to [0, 1]; the elbow is the point of greatest distance below the
    straight line from the first point to the last ("kneedle"). ``None`` for fewer than three
    points or a curve with no point below the chord.

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
    if k.shape[0] < 3 or k[-1] == k[0] or y.max() == y.min():
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
        (first.shape[0], gap) + first.shape[2:], _max_value(first.dtype), dtype=first.dtype
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
