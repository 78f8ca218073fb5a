"""Image files for the commands: reading (through the library's size-checked reader), encoding
into the output's format, and checking that format early."""

from __future__ import annotations

import re
import warnings
from typing import NamedTuple

import numpy as np

from .. import Segmentation
from .._imageread import TIFF_EXTRA, tifffile_installed
from .._imageread import read_image as _read_image
from .._palette_file import (
    LOSSY_FORMATS,
    PALETTE_FORMATS,
    cannot_write,
    encode_indexed,
    encode_truecolour,
)
from .errors import UserError, first_line
from .files import check_input, extension


def read_image(path: str, max_pixels: int) -> np.ndarray:
    """The first frame of an image file (see :func:`fastkmeans.image.read_image`)."""
    check_input(path, "input image")
    try:
        return _read_image(path, max_pixels=max_pixels)
    except ValueError as exc:
        raise UserError(first_line(exc)) from None


def decode_png(data: bytes) -> np.ndarray:
    """An image from PNG bytes (the embedded demo photo)."""
    import imageio.v3 as iio

    return np.asarray(iio.imread(data, extension=".png"))


def encode_image(image: np.ndarray, path: str, option: str) -> bytes:
    """``image`` in the format named by ``path``'s extension; a UserError naming ``option``
    and ``path`` when the format is unknown or cannot hold the image exactly (see
    :func:`fastkmeans._palette_file.encode_truecolour`)."""
    suffix = extension(path)
    if not suffix:
        raise UserError(f"{option} {path!r} has no extension; name the format, e.g. {path}.png")
    try:
        return encode_truecolour(image, suffix)
    except ValueError as exc:
        if suffix in (".tif", ".tiff") and not tifffile_installed():
            raise UserError(
                f"{option} {path!r}: writing TIFF needs the tifffile package: {TIFF_EXTRA}"
            ) from None
        _cannot_write(image, path, option, first_line(exc))


def indexed(seg: Segmentation, path: str, truecolor: bool = False) -> bool:
    """Whether ``seg`` is written to ``path`` as an indexed image: not refused with
    ``truecolor``, and the format and the segmentation allow it (8-bit, k <= 256)."""
    return will_be_indexed(seg.image, seg.n_clusters, path, truecolor)


class TruecolourFallbackWarning(UserWarning):
    """A palette image could not hold the segmentation: it was written truecolour."""


class EncodedSegmentation(NamedTuple):
    data: bytes
    indexed: bool  # a palette image (else truecolour)


def encode_segmentation(
    seg: Segmentation, path: str, option: str, truecolor: bool = False
) -> EncodedSegmentation:
    """The segmented image as the bytes of ``path``'s format: indexed where :func:`indexed`
    allows, else truecolour; truecolour too, with a warning, where the palette cannot hold the
    alpha channel (a palette GIF or TIFF) or the (colour, alpha) pairs (more than 256)."""
    if not indexed(seg, path, truecolor):
        return EncodedSegmentation(encode_image(seg.image, path, option), False)
    data, why = encode_indexed(seg.image, seg.labels, seg.palette, extension(path))
    if data is not None:
        return EncodedSegmentation(data, True)
    try:
        data = encode_image(seg.image, path, option)
    except UserError as exc:
        truecolour_reason = str(exc).removeprefix(f"{option} {path!r}: ")
        raise UserError(f"{option} {path!r}: {why}, and {truecolour_reason}") from None
    warnings.warn(f"{path!r} is written truecolour: {why}", TruecolourFallbackWarning, stacklevel=2)
    return EncodedSegmentation(data, False)


def will_be_indexed(image: np.ndarray, n_clusters: int, path: str, truecolor: bool) -> bool:
    """Before segmenting: whether ``path`` is to get an indexed image (see :func:`indexed`)."""
    return (
        not truecolor
        and extension(path) in PALETTE_FORMATS
        and image.dtype == np.uint8
        and n_clusters <= 256
    )


def check_exact_output(path: str, option: str) -> None:
    """Refuse a lossy format for an output that must be exact (labels, palette colours)."""
    if extension(path) in LOSSY_FORMATS:
        raise UserError(
            f"{option} {path!r}: {extension(path)} is lossy and would change the values; "
            f"write .png, .tif, .npy or .csv"
        )


def size_record(input_bytes: int, input_is_png: bool, image: np.ndarray, output_bytes: int):
    """Input and output sizes, bits per pixel, and the ratios to the input and to a lossless
    PNG of it (the input's own size when it is a PNG; else ``image`` is encoded here, once;
    None where PNG cannot hold it losslessly)."""
    png_bytes = input_bytes if input_is_png else _png_size(image)
    n_pixels = image.shape[0] * image.shape[1]
    return {
        "input_bytes": input_bytes,
        "output_bytes": output_bytes,
        "bits_per_pixel": 8.0 * output_bytes / n_pixels,
        "compression_ratio": input_bytes / output_bytes,
        "png_bytes": png_bytes,
        "compression_ratio_png": None if png_bytes is None else png_bytes / output_bytes,
    }


def _png_size(image: np.ndarray) -> int | None:
    try:
        return len(encode_image(image, "original.png", "-o"))
    except UserError:
        return None


def _deep_colour(image: np.ndarray) -> bool:
    """16-bit with colour or alpha channels."""
    return image.dtype == np.uint16 and image.ndim == 3 and image.shape[2] > 1


def _cannot_write(image: np.ndarray, path: str, option: str, reason: str):
    raise UserError(f"{option} {path!r}: {cannot_write(image, extension(path), reason)}")


def check_image_output(example: np.ndarray, path: str, option: str) -> None:
    """Fail now, before any work, when ``path``'s format cannot hold an image like
    ``example`` (same dtype and channels), as a 2 x 2 corner of it shows."""
    try:
        encode_image(np.ascontiguousarray(example[:2, :2]), path, option)
    except UserError as exc:  # the corner's pixel count says nothing of the image's
        raise UserError(
            re.sub(r"\d+ of its \d+ pixels would", "its pixels would", str(exc))
        ) from None


def colour_channels(image: np.ndarray) -> np.ndarray:
    """``image`` without its alpha channel (what a palette strip of it holds)."""
    if image.ndim == 3 and image.shape[2] in (2, 4):
        return image[..., : image.shape[2] - 1]
    return image
