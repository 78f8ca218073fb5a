"""Colours: an image's exact colour summary, and the colour spaces it is clustered in.

An image is reduced to its distinct colours with their pixel counts, a lossless weighted
summary: k-means on it with those counts as weights is k-means on every pixel. Public names are
re-exported by :mod:`fastkmeans.image`. The same bitmap finds the distinct rows of float data
whose values are small non-negative integers (pixels held as floats) for ``KMeans.fit``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np

from ._kernels._config import current_threads
from ._kernels.histogram import (
    BITMAP_MAX_BITS,
    locate_colours,
    mark_colours,
    mark_integer_rows,
    rank_colours,
    renumber,
    unique_colours,
)
from ._parallel import MIN_BLOCK_ROWS
from ._validation_image import check_image

# -- channels ------------------------------------------------------------------------------


def n_colour_channels(image: np.ndarray) -> int:
    """Channels clustered: grey (1), grey + alpha (1), RGB (3), RGBA (3)."""
    if image.ndim == 2:
        return 1
    n_channels = image.shape[2]
    return n_channels - 1 if n_channels in (2, 4) else n_channels


def max_value(dtype) -> float:
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
    summarised one block of rows per Numba thread: colours of at most 24 bits (8-bit images,
    16-bit grey) in two passes over a bitmap of all possible colours, wider ones (16-bit
    colour) in one hashed pass; float images by sorting. The result does not depend on the
    thread count.

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
    return summarise_colours(image)


def summarise_colours(image: np.ndarray, n_blocks: int | None = None) -> ColourSummary:
    """Colour summary of a validated image; integer images in ``n_blocks`` blocks of rows
    (default one per Numba thread). The result does not depend on ``n_blocks``."""
    n_colour = n_colour_channels(image)
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
    """Colour summary of a uint8/uint16 image, its blocks of rows summarised in parallel.

    Colours of at most 24 bits go through a bitmap of all possible colours; wider ones are
    hashed. Either way a colour's id is its row in lexicographic order, whatever the blocks.
    """
    height, width = image.shape[:2]
    pixels = image.reshape(height * width, -1)
    bits = 8 * image.dtype.itemsize
    if n_blocks is None:
        n_blocks = min(current_threads(), pixels.shape[0] // MIN_BLOCK_ROWS)
    n_blocks = max(1, min(n_blocks, height))
    if n_colour * bits <= BITMAP_MAX_BITS:
        keys, counts, inverse = _bitmap_summary(pixels, n_colour, bits, height, n_blocks)
    else:
        keys, counts, inverse = _hashed_summary(pixels, n_colour, bits, height, n_blocks)
    return ColourSummary(_unpacked(keys, n_colour, bits, image.dtype), counts, inverse)


def integer_row_summary(X: np.ndarray, max_rows: int):
    """The distinct rows of float X whose every value is an integer in [0, 2^(24 // d))
    (an image's pixels held as floats), or None when a value is not.

    Returns the distinct rows in lexicographic order (X's dtype), their counts (int64) and
    each row's distinct row (int32); no rows (and no counts or inverse) when there are more
    than ``max_rows``. Through the bitmap of every possible row (2 MiB) that summarises
    images: two reads of X, in parallel blocks, whose values are checked as they are marked
    (data that is not such integers usually stops at its first row).
    """
    n_values = X.shape[1]
    bits = BITMAP_MAX_BITS // n_values
    first = X[0]
    if not np.all((first >= 0) & (first < (1 << bits)) & (first == np.floor(first))):
        return None  # most float data: known from its first row, before any bitmap is made
    n_blocks = max(1, min(current_threads(), X.shape[0] // MIN_BLOCK_ROWS))
    found = _bitmap_summary(X, n_values, bits, X.shape[0], n_blocks, max_colours=max_rows)
    if found is None:
        return None
    keys, counts, inverse = found
    return _unpacked(keys, n_values, bits, X.dtype), counts, inverse


def _unpacked(keys: np.ndarray, n_values: int, bits: int, dtype) -> np.ndarray:
    """The rows whose values, ``bits`` bits each, the keys pack (first value highest)."""
    rows = np.empty((keys.shape[0], n_values), dtype=dtype)
    mask = np.uint64((1 << bits) - 1)
    for f in range(n_values):
        rows[:, f] = (keys >> np.uint64(bits * (n_values - 1 - f))) & mask
    return rows


def _row_bounds(height: int, width: int, n_blocks: int) -> np.ndarray:
    """First pixel of each of ``n_blocks`` blocks of whole rows, and the end."""
    return np.linspace(0, height, n_blocks + 1).round().astype(np.int64) * width


def _for_each_block(function, n_blocks: int) -> list:
    """``[function(b) for b in range(n_blocks)]``, the blocks on threads of their own (the
    kernels release the GIL)."""
    if n_blocks == 1:
        return [function(0)]
    with ThreadPoolExecutor(n_blocks) as pool:
        return list(pool.map(function, range(n_blocks)))


def _bitmap_summary(
    pixels: np.ndarray,
    n_colour: int,
    bits: int,
    height: int,
    n_blocks: int,
    *,
    max_colours: int | None = None,
):
    """Keys, counts and inverse of colours of at most 24 bits, through a bitmap of them all.

    Each block marks its pixels' colours in a bitmap of its own (2 MiB for 24 bits); the
    bitmaps are OR-ed, ranked, and each block then gives its pixels their colours' ranks and
    counts them. Per-block bitmaps and counts take at most the inverse's size in all.

    Float ``pixels`` (rows of ``n_colour`` values) are checked as they are marked: None when a
    value is not an integer of ``bits`` bits. With more colours than ``max_colours``, no keys
    (and None for the counts and inverse), without the second read.
    """
    n_pixels = pixels.shape[0]
    width = n_pixels // height
    n_words = max(1, (1 << (n_colour * bits)) // 64)
    n_mark = max(1, min(n_blocks, n_pixels // (2 * n_words)))
    bounds = _row_bounds(height, width, n_mark)
    bitmaps = np.zeros((n_mark, n_words), dtype=np.uint64)

    def mark_block(b):
        rows = slice(bounds[b], bounds[b + 1])
        if pixels.dtype.kind == "f":
            return mark_integer_rows(pixels[rows], np.uint64(bits), bitmaps[b])
        mark_colours(pixels[rows], n_colour, np.uint64(bits), bitmaps[b])
        return True

    if not all(_for_each_block(mark_block, n_mark)):
        return None
    bitmap = np.bitwise_or.reduce(bitmaps, axis=0) if n_mark > 1 else bitmaps[0]
    ranks = np.empty(n_words, dtype=np.int64)
    keys = rank_colours(bitmap, ranks, n_pixels if max_colours is None else max_colours)
    n_colours = keys.shape[0]
    if n_colours == 0:  # more colours than max_colours (a pixel has one)
        return keys, None, None

    inverse = np.empty(n_pixels, dtype=np.int32)
    n_locate = max(1, min(n_blocks, n_pixels // n_colours))
    bounds = _row_bounds(height, width, n_locate)
    # int32 counts unless a block could overflow them: half the cache footprint of int64.
    longest = int(np.diff(bounds).max())
    count_type = np.int32 if longest <= np.iinfo(np.int32).max else np.int64
    block_counts = np.zeros((n_locate, n_colours), dtype=count_type)

    def locate_block(b):
        rows = slice(bounds[b], bounds[b + 1])
        locate_colours(
            pixels[rows], n_colour, np.uint64(bits), bitmap, ranks, inverse[rows], block_counts[b]
        )

    _for_each_block(locate_block, n_locate)
    counts = block_counts.sum(axis=0, dtype=np.int64)
    return keys, counts, inverse


def _hashed_summary(pixels: np.ndarray, n_colour: int, bits: int, height: int, n_blocks: int):
    """Keys, counts and inverse of wider colours, hashed.

    Each block builds its own table in a thread of its own; the blocks' distinct keys are then
    merged and sorted, and one parallel pass maps every pixel's block-local id to the rank of
    its key, i.e. its colour's row in lexicographic order.
    """
    width = pixels.shape[0] // height
    bounds = _row_bounds(height, width, n_blocks)
    inverse = np.empty(pixels.shape[0], dtype=np.int32)

    def summarise_block(b):
        rows = slice(bounds[b], bounds[b + 1])
        return unique_colours(pixels[rows], n_colour, np.uint64(bits), width, inverse[rows])

    blocks = _for_each_block(summarise_block, n_blocks)
    block_keys = [keys for keys, _ in blocks]
    id_offsets = np.cumsum([0] + [keys.shape[0] for keys in block_keys[:-1]], dtype=np.int64)
    keys, new_ids = np.unique(np.concatenate(block_keys), return_inverse=True)
    # float64 weights add pixel counts exactly (far below 2**53).
    counts = np.bincount(
        new_ids, weights=np.concatenate([c for _, c in blocks]), minlength=keys.shape[0]
    ).astype(np.int64)
    renumber(inverse, new_ids.astype(np.int32), id_offsets, bounds)
    return keys, counts, inverse


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


def to_space(colours: np.ndarray, color_space: str) -> np.ndarray:
    """Colours of the image's dtype to points of the clustering space: float32 for integer
    colours, float64 for float ones.

    float32 holds 16-bit channels exactly and Lab within 1e-5 (the palette is rounded to
    integers anyway), and halves the memory the fit's passes over a colour summary read:
    those passes are memory bound, and a fit on 689k colours ran 20-30% faster.
    """
    dtype = np.float32 if colours.dtype.kind == "u" else np.float64
    if color_space == "rgb":
        return colours.astype(dtype)
    return np.ascontiguousarray(rgb_to_lab(colours / max_value(colours.dtype)), dtype=dtype)


def from_space(centers: np.ndarray, color_space: str, dtype) -> np.ndarray:
    """Centres of the clustering space to palette colours of ``dtype`` (rounded, clipped)."""
    top = max_value(dtype)
    values = centers if color_space == "rgb" else lab_to_rgb(centers) * top
    values = np.clip(values, 0.0, top)
    if np.dtype(dtype).kind == "u":
        values = np.rint(values)
    return np.ascontiguousarray(values.astype(dtype))
