"""Reading and writing the PNG files Pillow cannot hold exactly: 16-bit colour.

Pillow (imageio's PNG plugin) reads a 16-bit RGB, RGBA or grey + alpha PNG as 8 bits per
channel and cannot write one. This module parses a PNG's header (for the pixel limit, before
anything is decoded), decodes 16-bit colour PNGs (interlaced or not, with a colour-key
``tRNS`` chunk as alpha) and encodes 8- or 16-bit images of 1 to 4 channels.
"""

from __future__ import annotations

import struct
import zlib
from typing import NamedTuple

import numpy as np

from ._kernels.png import unfilter

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Colour type -> channels (0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA).
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_COLOUR_TYPE = {1: 0, 2: 4, 3: 2, 4: 6}
# Adam7 passes: first column, first row, column step, row step.
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2))
_ADAM7 += ((0, 1, 1, 2),)
_IDAT_CHUNK = 1 << 23


class PngHeader(NamedTuple):
    """The IHDR chunk of a PNG file."""

    width: int
    height: int
    bit_depth: int
    colour_type: int
    interlaced: bool

    @property
    def deep_colour(self) -> bool:
        """16 bits per channel with colour or alpha: Pillow would reduce it to 8 bits."""
        return self.bit_depth == 16 and self.colour_type in (2, 4, 6)


def png_header(head: bytes) -> PngHeader:
    """The header of a PNG file from its first 33 bytes (which start with :data:`SIGNATURE`)."""
    if len(head) < 33 or head[12:16] != b"IHDR" or head[8:12] != b"\x00\x00\x00\x0d":
        raise ValueError("corrupt PNG file: no image header (IHDR) after the signature")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", head[16:29])
    if width == 0 or height == 0 or colour not in _CHANNELS:
        raise ValueError(f"corrupt PNG file: header declares {width}x{height}, colour {colour}")
    return PngHeader(width, height, depth, colour, interlace == 1)


def _chunks(data: bytes):
    """(type, body) of every chunk up to IEND; a ValueError for a truncated or corrupt file."""
    position = len(SIGNATURE)
    while True:
        if position + 8 > len(data):
            raise ValueError("image file is truncated (no IEND chunk)")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 8 + length
        if end + 4 > len(data):
            raise ValueError(f"image file is truncated (in a {kind!r} chunk)")
        body = data[position + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"corrupt PNG file: bad checksum of a {kind!r} chunk")
        if kind == b"IEND":
            return
        yield kind, body
        position = end + 4


def _passes(header: PngHeader):
    """(first column, first row, column step, row step, width, height) of each non-empty pass."""
    for x0, y0, dx, dy in _ADAM7 if header.interlaced else ((0, 0, 1, 1),):
        width = (header.width - x0 + dx - 1) // dx
        height = (header.height - y0 + dy - 1) // dy
        if width > 0 and height > 0:
            yield x0, y0, dx, dy, width, height


def decode_deep_colour(data: bytes, header: PngHeader) -> np.ndarray:
    """The uint16 (H, W, C) image of a 16-bit colour PNG (``header.deep_colour``); a colour
    key (``tRNS``) becomes an alpha channel."""
    channels = _CHANNELS[header.colour_type]
    bpp = 2 * channels
    idat, key = [], None
    for kind, body in _chunks(data):
        if kind == b"IDAT":
            idat.append(body)
        elif kind == b"tRNS" and header.colour_type == 2 and len(body) == 6:
            key = np.frombuffer(body, ">u2").astype(np.uint16)
    expected = sum(h * (1 + w * bpp) for *_, w, h in _passes(header))
    try:
        raw = zlib.decompressobj().decompress(b"".join(idat), expected)
    except zlib.error as exc:
        raise ValueError(f"corrupt PNG file: pixel data cannot be decompressed ({exc})") from None
    if len(raw) < expected:
        raise ValueError("image file is truncated (pixel data ends early)")
    raw = np.frombuffer(raw, np.uint8)
    image = np.empty((header.height, header.width, channels), np.uint16)
    start = 0
    for x0, y0, dx, dy, width, height in _passes(header):
        rows = np.empty((height, width * bpp), np.uint8)
        size = height * (1 + width * bpp)
        if unfilter(raw[start : start + size], height, width * bpp, bpp, rows) >= 0:
            raise ValueError("corrupt PNG file: unknown row filter type")
        image[y0::dy, x0::dx] = rows.view(">u2").reshape(height, width, channels)
        start += size
    if key is not None:
        alpha = np.where((image == key).all(axis=2), 0, 65535).astype(np.uint16)
        image = np.concatenate([image, alpha[..., None]], axis=2)
    return image


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def encode_png(image: np.ndarray) -> bytes:
    """PNG bytes of a uint8 or uint16 image of shape (H, W) or (H, W, C), C = 1 to 4 (grey,
    grey + alpha, RGB, RGBA): exact, every row "Sub"-filtered, deflate level 6."""
    image = image.reshape(image.shape[0], image.shape[1], -1)
    height, width, channels = image.shape
    depth = 16 if image.dtype == np.uint16 else 8
    big_endian = np.ascontiguousarray(image, dtype=">u2" if depth == 16 else np.uint8)
    rows = big_endian.reshape(height, -1).view(np.uint8)
    bpp = channels * depth // 8
    filtered = np.empty((height, rows.shape[1] + 1), np.uint8)
    filtered[:, 0] = 1  # Sub: each byte minus the byte one pixel to its left
    filtered[:, 1 : 1 + bpp] = rows[:, :bpp]
    np.subtract(rows[:, bpp:], rows[:, :-bpp], out=filtered[:, 1 + bpp :])
    compressed = zlib.compress(filtered.tobytes(), 6)
    header = struct.pack(">IIBBBBB", width, height, depth, _COLOUR_TYPE[channels], 0, 0, 0)
    parts = [SIGNATURE, _chunk(b"IHDR", header)]
    for start in range(0, len(compressed), _IDAT_CHUNK):
        parts.append(_chunk(b"IDAT", compressed[start : start + _IDAT_CHUNK]))
    parts.append(_chunk(b"IEND", b""))
    return b"".join(parts)
