"""Segmentations as files: indexed (palette) PNG, GIF and TIFF, or truecolour, via Pillow/imageio.

A segmentation with k <= 256 colours is stored as one index per pixel plus a palette: a PNG at
the smallest bit depth that holds k entries (1, 2, 4 or 8 bits per pixel), a GIF or a TIFF.
Alpha, which is not clustered, goes through the palette: each distinct (colour, alpha) pair is
a palette entry with its transparency (PNG's tRNS chunk; GIF holds only one fully transparent
entry). Where a palette cannot hold the segmentation (16-bit or float images, more than 256
pairs, alpha a GIF or TIFF palette cannot hold) the truecolour image is written instead.

A truecolour file is written by imageio, and a file must hold the image it was given: PNG (8-bit,
16-bit grey) and TIFF writers store every pixel or fail, and any other format's file is read back
and compared, because Pillow otherwise converts silently what the format cannot hold (16-bit or
float to 8 bits by clipping, more than 256 colours re-quantised in a GIF, alpha dropped in a
BMP). JPEG is lossy by design: its pixels may differ, its depth and channels may not.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
import warnings
import zlib
from pathlib import Path

import numpy as np

from ._imageread import tifffile_installed

PALETTE_FORMATS = {".png": "PNG", ".gif": "GIF", ".tif": "TIFF", ".tiff": "TIFF"}
# Truecolour writers that store every pixel exactly when they succeed: nothing to read back.
_EXACT_FORMATS = (".png", ".tif", ".tiff")
# Lossy by design: the pixels may differ from the image's (not its depth or channels).
LOSSY_FORMATS = (".jpg", ".jpeg", ".jpe", ".jfif")
# Options that make a format lossless where it has a lossy default.
_LOSSLESS_OPTIONS = {".webp": {"lossless": True}}


def png_bit_depth(n_entries: int) -> int:
    """The smallest PNG palette bit depth holding ``n_entries`` colours."""
    for bits in (1, 2, 4, 8):
        if n_entries <= 1 << bits:
            return bits
    raise ValueError(f"a palette holds at most 256 colours, got {n_entries}")


class PaletteCannotHold(ValueError):
    """A palette file cannot hold this segmentation (its alpha, or its (colour, alpha) pairs)."""


def encode_indexed(image, labels, palette, extension: str) -> tuple[bytes | None, str | None]:
    """The palette file's bytes and None; or None and why a palette of that format cannot
    hold the segmentation. ``extension`` must be one of :data:`PALETTE_FORMATS`."""
    try:
        return _encode_indexed(image, labels, palette, PALETTE_FORMATS[extension.lower()]), None
    except PaletteCannotHold as exc:
        return None, str(exc).split("; ")[0]  # the remedy names arguments the caller may lack


def encode(image, labels, palette, extension: str, *, indexed: bool) -> bytes:
    """The bytes of a file of format ``extension`` holding the segmented ``image``.

    ``indexed``: as ``labels`` (H, W) into ``palette`` (k, C) plus the image's alpha channel,
    where the format has a palette (PNG, GIF, TIFF) and the palette can hold it; else the
    truecolour image through imageio.
    """
    extension = extension.lower()
    why_not_indexed = None
    if indexed and extension in PALETTE_FORMATS:
        data, why_not_indexed = encode_indexed(image, labels, palette, extension)
        if data is not None:
            return data
    try:
        return encode_truecolour(image, extension)
    except ValueError as exc:
        message = cannot_write(image, extension, str(exc))
        if why_not_indexed is not None:
            message = f"{why_not_indexed}, and {message}"
        raise ValueError(message) from exc


def cannot_write(image: np.ndarray, extension: str, reason: str) -> str:
    """Why ``image`` is not written as ``extension``, and the formats that would hold it."""
    holders = [
        name for name in exact_formats(image) if name != {".tiff": ".tif"}.get(extension, extension)
    ]
    remedy = f"; try {' or '.join(holders)}" if holders else ""
    return f"cannot write {describe_image(image)} image as {extension} ({reason}){remedy}"


def encode_truecolour(image: np.ndarray, extension: str) -> bytes:
    """The bytes of a file of format ``extension`` (lower case, with its dot) holding ``image``
    (H, W) or (H, W, C), written by imageio; ``ValueError`` with the reason when the format
    cannot hold it (see the module docstring)."""
    import imageio.config
    import imageio.v3 as iio

    if extension not in imageio.config.known_extensions:
        raise ValueError("not an image format imageio knows")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[..., 0]  # codecs take greyscale as (H, W)
    if extension == ".png" and _deep_colour(image):
        raise ValueError("imageio's PNG writer keeps 16 bits only for greyscale")
    if extension in (".tif", ".tiff") and tifffile_installed():
        return _tiff_bytes(image)
    scratch_path = None
    try:
        # Through a scratch file rather than "<bytes>": some imageio backends (TIFF) only
        # write to files. The caller writes the result to its destination atomically.
        with tempfile.TemporaryDirectory(prefix="fastkmeans-") as scratch:
            scratch_path = os.path.join(scratch, "image" + extension)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                options = _LOSSLESS_OPTIONS.get(extension, {})
                iio.imwrite(scratch_path, image, extension=extension, **options)
            with open(scratch_path, "rb") as handle:
                data = handle.read()
    except Exception as exc:  # the format or its plugin cannot hold this image
        if extension in (".tif", ".tiff") and not tifffile_installed():
            # imageio's own (vendored) TIFF writer is deprecated and fails with numpy 2.
            raise ValueError("writing TIFF needs the tifffile package") from exc
        reason = (str(exc).strip() or type(exc).__name__).splitlines()[0]
        raise ValueError(reason.replace(scratch_path or "\0", "the file")) from exc
    if extension not in _EXACT_FORMATS:
        _check_read_back(data, image, extension)
    return data


def _tiff_bytes(image: np.ndarray) -> bytes:
    """One TIFF page holding ``image``, its channels declared (tifffile, through imageio,
    guesses them from the shape: (H, W, 2) became H pages of W x 2 grey)."""
    import tifffile

    channels = 1 if image.ndim == 2 else image.shape[2]
    if channels > 4:
        raise ValueError(f"an image has 1 to 4 channels, got {channels}")
    options = {"photometric": "minisblack" if channels <= 2 else "rgb"}
    if channels > 1:
        options["planarconfig"] = "contig"
    if channels in (2, 4):
        options["extrasamples"] = ["unassalpha"]
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, image, compression="zlib", **options)  # deflate, as Pillow's
    return buffer.getvalue()


def exact_formats(image: np.ndarray) -> list[str]:
    """The formats that hold every image like ``image`` (dtype and channels) exactly."""
    return [".png", ".tif"] if png_holds(image) else [".tif"]


def png_holds(image: np.ndarray) -> bool:
    """Whether imageio writes a PNG that reads back as ``image``'s depth (8-bit, 16-bit grey)."""
    return image.dtype.kind != "f" and not _deep_colour(image)


def describe_image(image: np.ndarray) -> str:
    """E.g. "an 8-bit RGB", "a 16-bit grey", "a float32 RGBA"."""
    channels = 1 if image.ndim == 2 else image.shape[2]
    kind = {1: "grey", 2: "grey + alpha", 3: "RGB", 4: "RGBA"}.get(channels, f"{channels}-ch")
    depth = {np.dtype(np.uint8): "8-bit", np.dtype(np.uint16): "16-bit"}.get(
        image.dtype, str(image.dtype)
    )
    article = "an" if depth[0] in "8aeiou" else "a"
    return f"{article} {depth} {kind}"


def _deep_colour(image: np.ndarray) -> bool:
    """16-bit with colour or alpha channels."""
    return image.dtype == np.uint16 and image.ndim == 3 and image.shape[2] > 1


def _check_read_back(data: bytes, image: np.ndarray, extension: str) -> None:
    """``ValueError`` unless ``data`` reads back as ``image`` (for a lossy format: as an
    image of its dtype and channels)."""
    import imageio.v3 as iio

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            back = np.asarray(iio.imread(data, index=0, extension=extension))
    except Exception as exc:
        raise ValueError("the file written could not be read back to check it") from exc
    if back.dtype != image.dtype:
        raise ValueError(f"it would read back as {describe_image(back)} image")
    back = _with_channels(back, image)
    if back is None:
        raise ValueError("it would lose channels: it reads back with other ones")
    if extension in LOSSY_FORMATS:
        return
    differ = int(
        np.count_nonzero((back != image).reshape(image.shape[0], image.shape[1], -1).any(axis=2))
    )
    if differ:
        n_pixels = image.shape[0] * image.shape[1]
        raise ValueError(
            f"{differ} of its {n_pixels} pixels would read back changed: the format cannot "
            f"hold these colours or this alpha channel exactly"
        )


def _with_channels(back: np.ndarray, image: np.ndarray) -> np.ndarray | None:
    """``back`` (a decoded file) with ``image``'s channels where they are the same picture:
    grey stored as equal R, G and B, an opaque alpha channel added or left out by the codec.
    None where it cannot be (or the sizes differ)."""
    height, width = image.shape[:2]
    if back.ndim == 4 and back.shape[0] == 1:  # a one-frame stack (GIF)
        back = back[0]
    if back.shape[:2] != (height, width):
        return None
    back = back.reshape(height, width, -1)
    opaque = np.iinfo(back.dtype).max if back.dtype.kind in "ui" else 1.0
    wanted = 1 if image.ndim == 2 else image.shape[2]
    colour, alpha = (
        back[..., : 3 if back.shape[2] >= 3 else 1],
        back[..., 3 if back.shape[2] >= 3 else 1 :],
    )
    if wanted <= 2 and colour.shape[2] == 3:
        if not ((colour[..., :1] == colour).all()):
            return None
        colour = colour[..., :1]
    elif wanted >= 3 and colour.shape[2] == 1:
        colour = np.repeat(colour, 3, axis=2)
    if wanted in (1, 3):  # no alpha wanted: one stored must be opaque
        if alpha.size and not (alpha == opaque).all():
            return None
        alpha = alpha[..., :0]
    elif not alpha.size:
        alpha = np.full((height, width, 1), opaque, dtype=back.dtype)
    result = np.concatenate([colour, alpha], axis=2)
    if result.shape[2] != wanted:
        return None
    return result[..., 0] if image.ndim == 2 else result


def write_atomically(path: str | os.PathLike, data: bytes, *, overwrite: bool) -> None:
    """Write ``data`` to ``path`` through an exclusively created temporary file beside it.

    The file appears whole or not at all; an existing ``path`` is replaced only with
    ``overwrite`` (else ``FileExistsError``).
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{str(path)!r} exists; pass overwrite=True to replace it")
    if not path.parent.is_dir():  # else the error would name the temporary file
        raise FileNotFoundError(f"cannot write {str(path)!r}: no folder {str(path.parent)!r}")
    if path.is_dir():  # the same: replacing it would fail naming the temporary file
        raise IsADirectoryError(f"cannot write {str(path)!r}: it is a folder")
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        try:
            publish(temporary, path, overwrite=overwrite)
        except FileExistsError:
            raise FileExistsError(
                f"{str(path)!r} exists; pass overwrite=True to replace it"
            ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def publish(temporary: str | os.PathLike, path: str | os.PathLike, *, overwrite: bool) -> None:
    """Move the finished file ``temporary`` to ``path``.

    Without ``overwrite``, a file at ``path`` is never replaced, even one created after the
    caller checked the name (by another process): a hard link fails where a rename would
    replace it (``FileExistsError``). On a file system without hard links the name is checked
    once more and the file renamed.
    """
    if overwrite:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temporary, path)
    else:
        os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _encode_indexed(image: np.ndarray, labels: np.ndarray, palette: np.ndarray, fmt: str):
    from PIL import Image

    if image.dtype != np.uint8:
        raise ValueError(
            f"a palette {fmt} holds 8-bit colours, and this segmentation is {image.dtype}; "
            f"write it with palette=False (truecolour), or segment an 8-bit image"
        )
    n_colour = palette.shape[1]
    alpha = image.reshape(image.shape[0], image.shape[1], -1)[..., n_colour:]
    indices, entries, transparency = _entries(
        labels, palette, alpha[..., 0] if alpha.size else None
    )
    if transparency is not None and fmt != "PNG":
        transparency = _single_transparent_entry(transparency, fmt)
    picture = Image.frombytes("P", (labels.shape[1], labels.shape[0]), indices.tobytes())
    picture.putpalette(entries.ravel().tolist())
    options = {}
    if fmt == "PNG":
        bits = png_bit_depth(len(entries))
        options = {"bits": bits}
        if transparency is not None:
            options["transparency"] = transparency.tobytes()
        return _smallest_png(picture, bits, options)
    if fmt == "GIF" and transparency is not None:
        options["transparency"] = transparency
    elif fmt == "TIFF":
        options = {"compression": "tiff_deflate"}
    return _saved(picture, fmt, options)


# The palette PNG's zlib settings (see _smallest_png).
_PNG_LEVEL_FEW_BITS = 6  # 1-4 bit indices (k <= 16)
_PNG_LEVEL_8_BITS = 7
# Indices that deflate to less than 1/_COMPRESSIBLE of their raw size are also tried at level 9.
_COMPRESSIBLE = 32


def _smallest_png(picture, bits: int, options: dict) -> bytes:
    """The smallest of the palette PNGs written with a few zlib settings.

    Pillow's own strategy and run-length coding are both tried. Pillow's finds the long matches
    that 8-bit indices need (k > 16: 1.3-1.9x smaller files than run-length coding on the photo
    panel); on the 1-4 bit indices of k <= 16 run-length coding is mostly the smaller, and takes
    0.02-0.09 s on 8.6 MP.

    The level is the fastest that gives most of level 9's gain. 1-4 bits: level 6 costs 3-10x
    less than level 9 (0.06-0.56 s against 0.2-4.6 s) for files at most 7% larger on the
    panel's photos. 8 bits: on the panel at k = 32, 64 and 256, level 7 files are at most 11%
    larger than level 9's (astronaut at k = 32) and 1.3% in all; level 9 took up to 5x as
    long (hubble at k = 32: 5.5 s against 1.1 s), 2.1x in all.

    Level 9 pays on indices that deflate very well, and costs little there: it makes the flat
    illustration's files 8-24% smaller in 0.1 s. So it is tried as well where the smaller file
    is under 1/32 of the raw indices: the illustration's are 1/100 to 1/335 of them; the
    photos' 1/2 to 1/22, but for retina at k = 2 (1/73: its black frame).
    """
    level = _PNG_LEVEL_FEW_BITS if bits < 8 else _PNG_LEVEL_8_BITS
    candidates = [
        _saved(picture, "PNG", {**options, "compress_level": level}),
        _saved(picture, "PNG", {**options, "compress_level": level, "compress_type": zlib.Z_RLE}),
    ]
    raw_bytes = picture.height * -(-picture.width * bits // 8)
    if min(len(data) for data in candidates) * _COMPRESSIBLE < raw_bytes:
        candidates.append(_saved(picture, "PNG", {**options, "compress_level": 9}))
    return min(candidates, key=len)


def _saved(picture, fmt: str, options: dict) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _entries(labels: np.ndarray, palette: np.ndarray, alpha: np.ndarray | None):
    """Per-pixel entry indices (uint8), the RGB entries and their alpha (or None).

    The entries are stored darkest first (by luma, then alpha). PNG filters each row against
    its left and upper neighbours before deflating; with entries in order of brightness, the
    differences between neighbouring regions' indices are small numbers, which deflate codes
    in fewer bits than the arbitrary differences of the clustering's own order (the palette
    PNGs of the benchmark panel are 10-30% smaller).
    """
    rgb = palette if palette.shape[1] == 3 else np.repeat(palette[:, :1], 3, axis=1)
    if alpha is None:
        if len(rgb) > 256:
            raise ValueError(f"a palette holds at most 256 colours, got {len(rgb)}")
        order = _darkest_first(rgb, None)
        rank = np.empty(len(rgb), dtype=np.uint8)
        rank[order] = np.arange(len(rgb))
        return rank[labels], rgb[order].astype(np.uint8), None
    pairs = labels.astype(np.int64) * 256 + alpha
    unique, inverse = np.unique(pairs, return_inverse=True)
    if len(unique) > 256:
        raise PaletteCannotHold(
            f"the segmentation has {len(unique)} distinct (colour, alpha) pairs, more than a "
            f"palette's 256; write it with palette=False (truecolour with alpha)"
        )
    entries, transparency = rgb[unique // 256], unique % 256
    order = _darkest_first(entries, transparency)
    rank = np.empty(len(unique), dtype=np.uint8)
    rank[order] = np.arange(len(unique))
    return (
        rank[inverse.reshape(labels.shape)],
        entries[order].astype(np.uint8),
        transparency[order].astype(np.uint8),
    )


def _darkest_first(rgb: np.ndarray, alpha: np.ndarray | None) -> np.ndarray:
    """The order of the entries by luma (Rec. 601 weights), then alpha, then index."""
    luma = rgb.astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    keys = (luma,) if alpha is None else (alpha, luma)
    return np.lexsort(keys)


def _single_transparent_entry(transparency: np.ndarray, fmt: str) -> int | None:
    """GIF: every entry opaque but at most one fully transparent one; palette TIFF: all opaque.

    Returns the transparent entry's index, or None.
    """
    clear = np.flatnonzero(transparency == 0)
    allowed = 0 if fmt == "TIFF" else 1
    if ((transparency != 0) & (transparency != 255)).any() or len(clear) > allowed:
        raise PaletteCannotHold(
            f"a palette {fmt} cannot hold this alpha channel (a palette PNG can: it keeps "
            f"partial transparency); write a .png, or use palette=False"
        )
    return int(clear[0]) if len(clear) else None
