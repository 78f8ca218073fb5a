"""Reading image files safely: the declared size is checked before anything is decoded.

A small compressed file can declare an enormous image (a "decompression bomb": a 17 KB PNG
of 12000 x 12000 pixels, a 334 KB TIFF of 15000 x 15000). :func:`read_image` reads the width
and height from the file's header (PNG's IHDR, TIFF's first image directory, Pillow's lazy
open for the other formats) and refuses an image of more than ``max_pixels`` pixels before
decoding it. Pixels are decoded by imageio (Pillow, or tifffile for TIFF); palette and
colour-key transparency becomes an alpha channel through Pillow. Pillow reads a 16-bit colour
PNG as 8 bits per channel: the header says so before decoding, and :func:`read_image` warns.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import struct
import threading
import warnings
from typing import NamedTuple

import numpy as np

from .exceptions import ImageDepthWarning

# 2**27 = 134,217,728 pixels (11585 x 11585): decoded, 384 MiB as 8-bit RGB and 1 GiB as
# 16-bit RGBA; segmenting needs about 20 bytes more per pixel (labels, output, colour summary),
# so about 3-4 GiB at the limit. Larger than any camera's photo but the 150-200 megapixel
# sensors; refuses the 12000^2 and 15000^2 bombs above.
MAX_PIXELS = 2**27

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# PNG colour types: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA.
_PNG_COLOUR_TYPES = (0, 2, 3, 4, 6)
_TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
# First bytes -> format name, for messages (and PNG and TIFF, whose headers are read here).
_MAGIC = (
    (_PNG_SIGNATURE, "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    *((magic, "TIFF") for magic in _TIFF_MAGIC),
)
_EXTENSION_FORMAT = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".bmp": "BMP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".webp": "WebP",
}
# Pillow modes imageio returns as more channels than colour + alpha.
_CONVERT_TO_RGB = ("CMYK", "YCbCr", "LAB", "HSV")
_PILLOW_LIMIT = threading.Lock()
TIFF_EXTRA = "pip install 'fastkmeans[tiff]'"


class PngHeader(NamedTuple):
    """The IHDR chunk of a PNG file: what it declares, read before any pixel is decoded."""

    width: int
    height: int
    bit_depth: int
    colour_type: int

    @property
    def deep_colour(self) -> bool:
        """16 bits per channel with colour or alpha, which Pillow reads as 8 bits."""
        return self.bit_depth == 16 and self.colour_type in (2, 4, 6)


def tifffile_installed() -> bool:
    """Whether the ``tifffile`` package (the ``tiff`` extra) can be imported; not imported."""
    return importlib.util.find_spec("tifffile") is not None


def read_image(path, *, max_pixels: int | None = MAX_PIXELS) -> np.ndarray:
    """Read the first frame of an image file, refusing a too large image before decoding it.

    Parameters
    ----------
    path : str or os.PathLike
        A PNG, JPEG, TIFF, BMP, GIF or WebP file (or another format Pillow reads).
    max_pixels : int or None, default=2**27 (134,217,728)
        Largest width x height accepted, checked on the size the file declares before it is
        decoded; None: no limit.

    Returns
    -------
    ndarray of shape (H, W) or (H, W, C)
        uint8, uint16 or float (as stored); C = 2 grey + alpha, 3 RGB, 4 RGBA. 16-bit TIFFs and
        16-bit grey PNGs keep 16 bits; 16-bit colour PNGs are read as 8 bits per channel (the
        high byte; see Warns); palette or colour-key transparency becomes alpha; 1-bit images
        are 0 or 255.

    Raises
    ------
    ValueError
        For an empty, truncated or corrupt file, a file that is not an image, or an image of
        more than ``max_pixels`` pixels (the message gives its size and the limit).

    Warns
    -----
    ImageDepthWarning
        (a UserWarning) For a 16-bit colour PNG, read as 8 bits per channel because imageio's
        PNG reader (Pillow) keeps 8; a 16-bit TIFF keeps the depth. Also when a 16-bit PNG's
        transparent colour (tRNS) cannot be read as alpha.

    Examples
    --------
    >>> import os, tempfile
    >>> import numpy as np, imageio.v3 as iio
    >>> from fastkmeans.image import read_image
    >>> path = os.path.join(tempfile.mkdtemp(), "grey.png")
    >>> iio.imwrite(path, np.zeros((30, 40), np.uint8))
    >>> read_image(path).shape
    (30, 40)
    >>> read_image(path, max_pixels=1000)
    Traceback (most recent call last):
    ...
    ValueError: image '...grey.png' is 40 x 30 = 1,200 pixels, more than max_pixels=1,000; ...
    """
    path = os.fspath(path)
    if max_pixels is not None:
        from ._validation import check_int

        max_pixels = check_int(max_pixels, "max_pixels", minimum=1)
    with open(path, "rb") as handle:
        head = handle.read(64)
    if not head:
        raise ValueError(f"cannot read {path!r} as an image: the file is empty")
    kind = next((name for magic, name in _MAGIC if head.startswith(magic)), None)
    with _pillow_limit_lifted():  # the limit is checked here, on the declared size
        declared = _declared(path, head, kind)
        if max_pixels is not None and declared.width * declared.height > max_pixels:
            width, height = declared.width, declared.height
            raise ValueError(
                f"image {path!r} is {width} x {height} = {width * height:,} pixels, more than "
                f"max_pixels={max_pixels:,}; raise the limit (--max-pixels on the command "
                f"line) if the memory is available"
            )
        image = _normalise(_decode(path, kind, declared.mode))
        if declared.grey_palette and image.ndim == 3 and image.shape[2] in (3, 4):
            # Every entry grey, so every pixel: grey (and alpha), as the palette's colours.
            channels = [0, 3] if image.shape[2] == 4 else 0
            image = np.ascontiguousarray(image[..., channels])
        if declared.grey_key is not None and image.ndim == 2:
            alpha = np.where(image == declared.grey_key, 0, 255).astype(np.uint8)
            image = np.ascontiguousarray(np.stack([image, alpha], axis=2))
    if declared.loss is not None:  # said once the file has been read (no warning, then error)
        warnings.warn(declared.loss, ImageDepthWarning, stacklevel=2)
    return image


class _Declared(NamedTuple):
    """What a file's header says, before its pixels are decoded."""

    width: int
    height: int
    mode: str | None  # the Pillow mode to convert to while decoding (None: as stored)
    loss: str | None = None  # what decoding through Pillow loses, for a warning
    grey_key: int | None = None  # a 1-4 bit grey PNG's transparent level, scaled to 8 bits
    grey_palette: bool = False  # a palette image whose every entry is grey: read as grey


def _declared(path: str, head: bytes, kind: str | None) -> _Declared:
    """Width, height and (for files Pillow opens) Pillow's mode, without decoding pixels."""
    if kind == "PNG":
        return _png_declared(path, head)
    if kind == "TIFF":
        return _Declared(*_tiff_size(path), None)
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                width, height = image.size
                return _Declared(width, height, _mode_to_read(image), None, None, _is_grey(image))
    except UnidentifiedImageError:
        expected = _EXTENSION_FORMAT.get(os.path.splitext(path)[1].lower())
        what = f"not a {expected} file" if expected else "not an image file this can read"
        raise ValueError(
            f"cannot read {path!r} as an image: {what} (it starts with {head[:8]!r}); "
            f"is it a PNG, JPEG, TIFF, BMP, GIF or WebP file?"
        ) from None
    except Exception as exc:  # Pillow raises many types for a corrupt header
        raise _cannot_read(path, exc) from None


def png_header(head: bytes) -> PngHeader:
    """The IHDR of a PNG file from its first 33 bytes (which start with the PNG signature)."""
    if len(head) < 33 or head[12:16] != b"IHDR" or head[8:12] != b"\x00\x00\x00\x0d":
        raise ValueError("corrupt PNG file: no image header (IHDR) after the signature")
    width, height, depth, colour = struct.unpack(">IIBB", head[16:26])
    if width == 0 or height == 0 or colour not in _PNG_COLOUR_TYPES:
        raise ValueError(f"corrupt PNG file: header declares {width}x{height}, colour {colour}")
    return PngHeader(width, height, depth, colour)


def _png_declared(path: str, head: bytes) -> _Declared:
    """A PNG's size from its IHDR; its mode from Pillow; what Pillow will lose of it."""
    from PIL import Image

    try:
        header = png_header(head)
        with Image.open(path) as image:
            mode, keyed = _mode_to_read(image), "transparency" in image.info
            raw_key = image.info.get("transparency")
            grey_palette = _is_grey(image)
    except Exception as exc:  # a corrupt PNG: Pillow raises many types
        raise _cannot_read(path, exc) from None
    loss = None
    if header.deep_colour:
        # Pillow reads each 16-bit sample as its high byte, grey + alpha as RGBA (grey thrice):
        # ask for LA. It would compare a 16-bit colour key with 8-bit pixels: no conversion.
        mode = "LA" if header.colour_type == 4 else None
        loss = (
            f"{path!r} is a 16-bit colour PNG; read as 8 bits per channel (imageio's PNG "
            f"reader keeps 8); save it as 16-bit TIFF to keep the depth"
        )
        if keyed:
            loss += "; its transparent colour (tRNS) is not read as alpha"
    elif header.bit_depth == 16 and keyed:  # 16-bit grey with a transparent grey level
        loss = (
            f"{path!r}: the transparent grey level (tRNS) of this 16-bit grey PNG is not read "
            f"as alpha (imageio's PNG reader applies it only to 8-bit grey); save it with an "
            f"alpha channel to keep the transparency"
        )
    if header.colour_type == 0 and header.bit_depth < 8 and isinstance(raw_key, int):
        # Pillow scales 1, 2 and 4 bit grey to 0-255, but keeps a 2 or 4 bit transparent
        # level unscaled (a 1-bit one it reports as 255), and applies none of them: decode
        # as grey and apply the level, scaled, here.
        if header.bit_depth == 1:
            scaled_key = 255 if raw_key else 0
        else:
            scaled_key = raw_key * (255 // ((1 << header.bit_depth) - 1))
        return _Declared(header.width, header.height, "L", loss, scaled_key)
    return _Declared(header.width, header.height, mode, loss, None, grey_palette)


def _is_grey(image) -> bool:
    """Whether a Pillow image is a palette image whose every entry is grey (R = G = B): its
    pixels are then grey, and are read as such (fastkmeans's palette files of grey
    segmentations among them; a palette holds RGB entries only)."""
    if image.mode != "P":
        return False
    palette = image.getpalette()
    if not palette:
        return False
    entries = np.asarray(palette).reshape(-1, 3)
    return bool((entries == entries[:, :1]).all())


def _mode_to_read(image) -> str | None:
    """The Pillow mode to convert to while reading: transparency as alpha, odd modes as RGB."""
    if image.mode in _CONVERT_TO_RGB:
        return "RGB"
    if "transparency" in image.info and image.mode in ("P", "RGB"):
        return "RGBA"
    if "transparency" in image.info and image.mode == "L":
        return "LA"
    if image.mode == "PA":
        return "RGBA"
    return None


def _tiff_size(path: str) -> tuple[int, int]:
    """Width and length of the first image directory of a classic or big TIFF file (whose
    samples per pixel are checked too: they multiply the memory as the pixels do)."""
    try:
        found = _tiff_tags(path, (256, 257, 277))
    except (struct.error, OSError, ValueError):
        found = {}
    if 256 not in found or 257 not in found:
        raise ValueError(
            f"cannot read {path!r} as an image: corrupt or truncated TIFF file (its first image "
            f"directory gives no width and height)"
        )
    samples = found.get(277, 1)
    if not 1 <= samples <= 4:
        raise ValueError(
            f"cannot read {path!r} as an image: its first page declares {samples} samples per "
            f"pixel; an image has 1 to 4 (grey, grey + alpha, RGB, RGBA)"
        )
    return found[256], found[257]


def _tiff_tags(path: str, tags: tuple[int, ...]) -> dict[int, int]:
    """The integer values of ``tags`` in the first image directory (IFD) of a TIFF file."""
    with open(path, "rb") as handle:
        head = handle.read(16)
        order = "<" if head[:2] == b"II" else ">"
        if head[2:4] in (b"+\x00", b"\x00+"):  # BigTIFF: 8-byte offsets and counts
            (offset,) = struct.unpack(order + "Q", head[8:16])
            count_format, entry_size, value_format = "Q", 20, "Q"
        else:
            (offset,) = struct.unpack(order + "I", head[4:8])
            count_format, entry_size, value_format = "H", 12, "I"
        handle.seek(offset)
        (count,) = struct.unpack(order + count_format, handle.read(struct.calcsize(count_format)))
        entries = handle.read(entry_size * min(count, 4096))
    value_size = struct.calcsize(value_format)
    found = {}
    for start in range(0, len(entries) - entry_size + 1, entry_size):
        tag, kind = struct.unpack(order + "HH", entries[start : start + 4])
        if tag in tags:
            value = entries[start + entry_size - value_size : start + entry_size]
            if kind in (3, 4):  # SHORT or LONG, left-justified in the value field
                short_or_long = order + ("H" if kind == 3 else "I")
                (found[tag],) = struct.unpack_from(short_or_long, value)
            else:
                (found[tag],) = struct.unpack(order + value_format, value)
    return found


def _decode(path: str, kind: str | None, mode: str | None) -> np.ndarray:
    import imageio.v3 as iio

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if kind == "TIFF" and tifffile_installed():
                decoded = _decode_tiff_page(path)
                if decoded is not None:
                    return decoded
                plugin = {"plugin": "pillow"}  # its first frame; colour models converted
            elif kind == "TIFF":
                plugin = {}
            if kind == "TIFF":
                meta_mode = iio.immeta(path, index=0, **plugin).get("mode")
                kwargs = {"mode": "RGB"} if meta_mode in _CONVERT_TO_RGB else {}
                return np.asarray(iio.imread(path, index=0, **plugin, **kwargs))
            kwargs = {} if mode is None else {"mode": mode}
            # rotate: as viewers show it, by its EXIF orientation (phone photos are stored
            # sideways with a tag saying so).
            return np.asarray(iio.imread(path, index=0, plugin="pillow", rotate=True, **kwargs))
    except MemoryError:
        raise  # the machine's limit, not the file's fault
    except Exception as exc:  # codecs raise many types for a file that is not a valid image
        if kind == "TIFF" and not tifffile_installed():
            # imageio's own (vendored) TIFF reader is deprecated and fails on some files.
            text = _first_line(exc)
            raise ValueError(
                f"cannot read {path!r} as an image ({text}); if it is a valid TIFF file, "
                f"reading TIFF needs the tifffile package: {TIFF_EXTRA}"
            ) from None
        raise _cannot_read(path, exc) from None


# TIFF photometric interpretations (tag 262) tifffile returns as stored, not as colours.
_TIFF_MIN_IS_WHITE, _TIFF_PALETTE = 0, 3
_TIFF_AS_STORED = (1, 2)  # BlackIsZero grey, RGB
_TIFF_PLANAR_SEPARATE = 2


def _decode_tiff_page(path: str) -> np.ndarray | None:
    """The first page of a TIFF file as (H, W) or (H, W, C) colours; None for a colour model
    that Pillow should convert (CMYK, YCbCr stored uncompressed, CIELab, ...) or a compression
    tifffile decodes only with the imagecodecs package (LZW, JPEG), which Pillow reads.

    Only the first page: imageio's ``index=0`` is the first *series*, which for a stack of
    pages is all of them (a small file of many compressed pages would decode to gigabytes past
    the pixel limit, which the first page's size is checked against). A palette page becomes
    its colours (fastkmeans's own palette TIFFs among them), planar samples become
    interleaved, and WhiteIsZero grey is inverted.
    """
    import tifffile

    with tifffile.TiffFile(path) as tiff:
        page = tiff.pages[0]
        photometric = int(page.photometric)
        if photometric not in (_TIFF_MIN_IS_WHITE, _TIFF_PALETTE, *_TIFF_AS_STORED):
            return None
        try:
            data = page.asarray()
        except ValueError as exc:  # LZW, JPEG, ... without the imagecodecs package: Pillow
            if "imagecodecs" in str(exc):
                return None
            raise
        if int(page.planarconfig) == _TIFF_PLANAR_SEPARATE and data.ndim == 3:
            data = np.moveaxis(data, 0, -1)
        size = (int(page.imagelength), int(page.imagewidth))
        if data.ndim not in (2, 3) or data.shape[:2] != size or data.shape[2:] > (4,):
            raise ValueError(f"its first page decodes to shape {data.shape}, not an image")
        if photometric == _TIFF_PALETTE:
            colours = _palette_colours(page.colormap)
            if (colours == colours[:, :1]).all():  # every entry grey: a grey image
                colours = colours[:, 0]
            data = colours[data]
        elif photometric == _TIFF_MIN_IS_WHITE and data.dtype.kind == "u":
            data = np.iinfo(data.dtype).max - data
    return np.ascontiguousarray(data)


def _palette_colours(colormap: np.ndarray) -> np.ndarray:
    """A TIFF colour map (3, entries) of 16-bit values as (entries, 3) colours: 8-bit where
    every value is an 8-bit one scaled by 257 or 256 (as Pillow and most writers store them)."""
    colours = np.ascontiguousarray(colormap.T)
    for scale in (257, 256):
        if not (colours % scale).any():
            return (colours // scale).astype(np.uint8)
    return colours.astype(np.uint16)


def _first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type's name when it has none)."""
    return (str(exc).strip() or type(exc).__name__).splitlines()[0]


def _cannot_read(path: str, exc: BaseException) -> ValueError:
    return ValueError(
        f"cannot read {path!r} as an image ({_first_line(exc)}); "
        f"is it a complete PNG, JPEG, TIFF, BMP, GIF or WebP file?"
    )


@contextlib.contextmanager
def _pillow_limit_lifted():
    """Pillow's own pixel limit off while reading: :func:`read_image` checks ``max_pixels``."""
    from PIL import Image

    with _PILLOW_LIMIT:
        saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = saved


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
