"""File input and output: reading images and tables, encoding them, checking outputs, writing.

Nothing is written until a command has everything in memory; then :func:`write_files` replaces
each output atomically. Outputs are checked first (:func:`check_outputs`): an existing file is
kept unless ``--force`` is given, and an input is never overwritten.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import warnings
from collections.abc import Sequence

import imageio.v3 as iio
import numpy as np

from .errors import UserError, first_line

TABLE_EXTENSIONS = (".npy", ".csv", ".txt")

# Pillow modes imageio returns as more channels than colour + alpha.
_CONVERT_TO_RGB = ("CMYK", "YCbCr", "LAB", "HSV")


class OutputFormatWarning(UserWarning):
    """The output format cannot store the result exactly (depth or channels)."""


def extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


# -- checks --------------------------------------------------------------------------------


def check_input(path: str, what: str) -> None:
    if not os.path.exists(path):
        raise UserError(f"{what} {path!r} does not exist")
    if not os.path.isfile(path):
        raise UserError(f"{what} {path!r} is not a file")


def same_file(a: str, b: str) -> bool:
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.realpath(a) == os.path.realpath(b)


def check_outputs(outputs: dict[str, str | None], inputs: Sequence[str], force: bool) -> None:
    """Every output: a new file in an existing directory (or ``force``), never an input, and
    no two outputs the same file."""
    named = {option: path for option, path in outputs.items() if path is not None}
    seen: dict[str, str] = {}
    for option, path in named.items():
        for source in inputs:
            if same_file(path, source):
                raise UserError(
                    f"{option} {path!r} is the input file; the input is never overwritten, "
                    f"choose another name"
                )
        key = os.path.realpath(path)
        if key in seen:
            raise UserError(f"{seen[key]} and {option} name the same file {path!r}")
        seen[key] = option
        directory = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(directory):
            raise UserError(f"{option}: directory {os.path.dirname(path)!r} does not exist")
        if os.path.isdir(path):
            raise UserError(f"{option} {path!r} is a directory")
        if os.path.exists(path) and not force:
            raise UserError(f"{option} {path!r} exists; pass --force to replace it")


def write_files(files: dict[str, bytes]) -> None:
    """Write every file through a temporary file in its directory and an atomic rename."""
    for path, data in files.items():
        directory = os.path.dirname(os.path.abspath(path))
        temporary = os.path.join(
            directory, f".{os.path.basename(path)}.{os.getpid()}.fastkmeans-tmp"
        )
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(temporary)


# -- images --------------------------------------------------------------------------------


def read_image(path: str) -> np.ndarray:
    """Read the first frame of an image file as uint8, uint16 or float data."""
    check_input(path, "input image")
    try:
        mode = iio.immeta(path, index=0).get("mode")
        kwargs = {"mode": "RGB"} if mode in _CONVERT_TO_RGB else {}
        image = iio.imread(path, index=0, **kwargs)
    except Exception as exc:  # codecs raise many types for a file that is not a valid image
        raise UserError(
            f"cannot read {path!r} as an image ({first_line(exc)}); "
            f"is it a complete PNG, JPEG, TIFF, BMP, GIF or WebP file?"
        ) from None
    return _normalise(np.asarray(image))


def decode_png(data: bytes) -> np.ndarray:
    """An image from PNG bytes (the embedded demo photo)."""
    return np.asarray(iio.imread(data, extension=".png"))


def _normalise(image: np.ndarray) -> np.ndarray:
    """Booleans as 0/255 bytes, other integers as uint16 when they fit, one frame."""
    if image.dtype == np.bool_:
        image = image.astype(np.uint8) * np.uint8(255)
    elif image.dtype.kind in "iu" and image.dtype not in (np.uint8, np.uint16):
        if image.size and image.min() >= 0 and image.max() <= 65535:
            image = image.astype(np.uint16)
    if image.ndim == 4 and image.shape[0] == 1:
        image = image[0]
    return np.ascontiguousarray(image)


def encode_image(image: np.ndarray, path: str, option: str) -> bytes:
    """``image`` in the format named by ``path``'s extension; a UserError naming ``option``
    when the format is unknown or cannot hold the image."""
    suffix = extension(path)
    if not suffix:
        raise UserError(f"{option} {path!r} has no extension; name the format, e.g. {path}.png")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[..., 0]  # codecs take greyscale as (H, W)
    try:
        # Through a scratch file rather than "<bytes>": some imageio backends (TIFF) only
        # write to files. The result is written to its destination atomically later.
        with tempfile.TemporaryDirectory(prefix="fastkmeans-") as scratch:
            scratch_path = os.path.join(scratch, "image" + suffix)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                iio.imwrite(scratch_path, image, extension=suffix)
            with open(scratch_path, "rb") as handle:
                return handle.read()
    except Exception as exc:  # unknown format, or the format cannot hold this image
        remedy = "try .tif" if image.dtype == np.uint16 else "try .png or .tif"
        raise UserError(
            f"{option} {path!r}: cannot write {describe_image(image)} image as {suffix} "
            f"({first_line(exc)}); {remedy}"
        ) from None


def describe_image(image: np.ndarray) -> str:
    channels = 1 if image.ndim == 2 else image.shape[2]
    kind = {1: "grey", 2: "grey + alpha", 3: "RGB", 4: "RGBA"}.get(channels, f"{channels}-ch")
    depth = {np.dtype(np.uint8): "8-bit", np.dtype(np.uint16): "16-bit"}.get(
        image.dtype, str(image.dtype)
    )
    article = "an" if depth[0] in "8aeiou" else "a"
    return f"{article} {depth} {kind}"


def check_image_output(example: np.ndarray, path: str, option: str) -> None:
    """Fail now, before any work, when ``path``'s format cannot hold an image like
    ``example`` (same dtype and channels)."""
    encode_image(np.ascontiguousarray(example[:2, :2]), path, option)


def warn_if_inexact(example: np.ndarray, path: str, option: str) -> None:
    """Warn when ``path``'s format does not store an image like ``example`` exactly (it reads
    back with another depth or other channels)."""
    probe = np.ascontiguousarray(example[:2, :2])
    data = encode_image(probe, path, option)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            back = np.asarray(iio.imread(data, index=0, extension=extension(path)))
    except Exception:  # a format we can write but not read back: nothing more to check
        return
    if back.ndim == 4 and back.shape[0] == 1:
        back = back[0]
    if probe.ndim == 3 and probe.shape[2] == 1:
        probe = probe[..., 0]
    if back.dtype != probe.dtype or back.shape != probe.shape:
        warnings.warn(
            f"{extension(path)} cannot store {describe_image(probe)} image exactly "
            f"(it reads back as {describe_image(back)} image); {path!r} will differ from "
            f"the result",
            OutputFormatWarning,
            stacklevel=2,
        )


# -- tables --------------------------------------------------------------------------------


def encode_table(array: np.ndarray, path: str, option: str) -> bytes:
    """``.npy`` (exact) or ``.csv``/``.txt`` (comma-separated rows)."""
    suffix = extension(path)
    buffer = io.BytesIO()
    if suffix == ".npy":
        np.save(buffer, array, allow_pickle=False)
    elif suffix in (".csv", ".txt"):
        fmt = "%d" if array.dtype.kind in "iu" else "%.17g"
        np.savetxt(buffer, np.atleast_2d(array), fmt=fmt, delimiter=",")
    else:
        raise UserError(f"{option} {path!r}: unknown format {suffix!r}; use .npy or .csv")
    return buffer.getvalue()


def check_table_format(path: str, option: str) -> None:
    """Fail now if ``path`` does not name a table format."""
    encode_table(np.zeros((1, 1)), path, option)


def load_data(path: str) -> np.ndarray:
    """An array of numbers from ``.npy`` or ``.csv`` (comma-separated, optional header); a
    1-D array becomes one column. The library checks the rest (2-D, finite, not empty)."""
    check_input(path, "data file")
    suffix = extension(path)
    if suffix == ".npy":
        try:
            data = np.load(path, allow_pickle=False)
        except (ValueError, OSError, EOFError) as exc:
            raise UserError(f"cannot read {path!r} as a .npy array ({first_line(exc)})") from None
        if not isinstance(data, np.ndarray):
            data.close()
            raise UserError(f"{path!r} holds several arrays (.npz); save one array with np.save")
    elif suffix == ".csv":
        data = None
        for skip in (0, 1):
            try:
                data = np.loadtxt(path, delimiter=",", ndmin=2, skiprows=skip)
                break
            except ValueError as exc:
                error = exc
        if data is None:
            raise UserError(
                f"cannot read {path!r} as comma-separated numbers ({first_line(error)})"
            )
    else:
        raise UserError(
            f"data file {path!r}: unknown format {suffix or '(no extension)'!r}; use .npy or .csv"
        )
    if data.ndim == 1:
        data = data.reshape(-1, 1)
    return data
