"""Reading image files: the pixel limit checked before decoding, 16-bit colour PNGs, alpha.

``fastkmeans.image.read_image`` against files built here byte by byte (a pure-Python PNG
encoder using every row filter and Adam7 interlacing is the oracle for the decoder).
"""

import struct
import zlib

import imageio.v3 as iio
import numpy as np
import pytest
from numpy.testing import assert_array_equal
from PIL import Image

from fastkmeans._png import SIGNATURE, encode_png
from fastkmeans.image import MAX_PIXELS, read_image

ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2))
ADAM7 += ((0, 1, 1, 2),)


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def reference_png(image: np.ndarray, interlaced: bool, extra: bytes = b"") -> bytes:
    """A 16-bit PNG of ``image`` (uint16, (H, W, C)), row filters cycling through all five
    types, written the slow obvious way."""
    height, width, channels = image.shape
    bpp = 2 * channels
    raw = bytearray()
    row_number = 0
    for x0, y0, dx, dy in ADAM7 if interlaced else ((0, 0, 1, 1),):
        sub = image[y0::dy, x0::dx]
        if sub.size == 0:
            continue
        rows = sub.astype(">u2").reshape(sub.shape[0], -1).view(np.uint8)
        previous = [0] * rows.shape[1]
        for row in rows.tolist():
            kind = row_number % 5
            row_number += 1
            out = [kind]
            for x, value in enumerate(row):
                a = row[x - bpp] if x >= bpp else 0
                b = previous[x]
                c = previous[x - bpp] if x >= bpp else 0
                predictor = (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]
                out.append((value - predictor) % 256)
            raw += bytes(out)
            previous = row
    colour = {2: 4, 3: 2, 4: 6}[channels]
    header = struct.pack(">IIBBBBB", width, height, 16, colour, 0, 0, int(interlaced))
    idat = zlib.compress(bytes(raw))
    return (
        SIGNATURE
        + chunk(b"IHDR", header)
        + extra
        + chunk(b"IDAT", idat[:7])  # pixel data split over two chunks
        + chunk(b"IDAT", idat[7:])
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("interlaced", [False, True])
@pytest.mark.parametrize("shape", [(7, 5, 3), (1, 1, 4), (9, 13, 2), (3, 17, 3)])
def test_16_bit_colour_png_decoding_undoes_every_filter(tmp_path, shape, interlaced):
    image = np.random.default_rng(sum(shape)).integers(0, 65536, shape).astype(np.uint16)
    image[:, : shape[1] // 2] = 40000  # flat parts, so that predictions matter
    path = tmp_path / "deep.png"
    path.write_bytes(reference_png(image, interlaced))
    back = read_image(path)
    assert back.dtype == np.uint16
    assert_array_equal(back, image)


@pytest.mark.parametrize("channels", [2, 3, 4])
def test_16_bit_colour_png_round_trip(tmp_path, channels):
    image = np.random.default_rng(channels).integers(0, 65536, (6, 11, channels))
    path = tmp_path / "deep.png"
    path.write_bytes(encode_png(image.astype(np.uint16)))
    back = read_image(path)
    assert back.dtype == np.uint16
    assert_array_equal(back, image)


def test_8_bit_png_written_here_reads_back_exactly(tmp_path):
    image = np.random.default_rng(0).integers(0, 256, (5, 9, 3)).astype(np.uint8)
    path = tmp_path / "plain.png"
    path.write_bytes(encode_png(image))
    assert_array_equal(iio.imread(path), image)


def test_colour_key_of_a_16_bit_png_becomes_alpha(tmp_path):
    image = np.full((4, 4, 3), 1000, np.uint16)
    image[0, 0] = (1, 2, 3)
    key = chunk(b"tRNS", struct.pack(">HHH", 1, 2, 3))
    path = tmp_path / "key.png"
    path.write_bytes(reference_png(image, False, extra=key))
    back = read_image(path)
    assert back.shape == (4, 4, 4)
    assert back[0, 0, 3] == 0 and (back[..., 3].ravel()[1:] == 65535).all()


def test_palette_transparency_becomes_alpha(tmp_path):
    palette = Image.new("P", (4, 3))
    palette.putpalette([255, 0, 0, 0, 255, 0])
    palette.putpixel((0, 0), 1)
    path = tmp_path / "palette.png"
    palette.save(path, transparency=1)
    back = read_image(path)
    assert back.shape == (3, 4, 4) and back.dtype == np.uint8
    assert_array_equal(back[0, 0], [0, 255, 0, 0])
    assert_array_equal(back[1, 1], [255, 0, 0, 255])


def png_bomb(path, side: int) -> None:
    """A 1-bit ``side`` x ``side`` PNG of zeros, compressed row by row (a few KB)."""
    compressor = zlib.compressobj(9)
    row = bytes(1 + (side + 7) // 8)
    parts = [compressor.compress(row) for _ in range(side)]
    idat = b"".join(parts) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(
        SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def tiff_bomb(path, side: int) -> None:
    """A deflate-compressed 8-bit grey TIFF of ``side`` x ``side`` zeros in one strip."""
    compressor = zlib.compressobj(9)
    row = bytes(side)
    strip = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    tags = [  # tag, type (3 SHORT, 4 LONG), value
        (256, 4, side),
        (257, 4, side),
        (258, 3, 8),
        (259, 3, 8),  # deflate
        (262, 3, 1),
        (273, 4, 8),  # the strip follows the 8-byte header
        (277, 3, 1),
        (278, 4, side),
        (279, 4, len(strip)),
    ]
    ifd = struct.pack("<H", len(tags))
    for tag, kind, value in tags:
        packed = struct.pack("<HI", value, 0)[:4] if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, 1) + packed
    ifd += struct.pack("<I", 0)
    path.write_bytes(b"II*\x00" + struct.pack("<I", 8 + len(strip)) + strip + ifd)


@pytest.mark.parametrize("make, name", [(png_bomb, "bomb.png"), (tiff_bomb, "bomb.tif")])
def test_decompression_bomb_is_refused_before_decoding(tmp_path, monkeypatch, make, name):
    path = tmp_path / name
    make(path, 12000)
    assert path.stat().st_size < 400_000  # a small file declaring 144 million pixels

    def no_decoding(*args, **kwargs):
        raise AssertionError("decoded")

    monkeypatch.setattr(iio, "imread", no_decoding)
    with pytest.raises(ValueError, match=r"is 12000 x 12000 = 144,000,000 pixels, more than "):
        read_image(path)
    assert 12000 * 12000 > MAX_PIXELS


def test_max_pixels_is_the_largest_accepted_size(tmp_path):
    path = tmp_path / "small.tif"
    iio.imwrite(path, np.zeros((30, 40), np.uint8))
    assert read_image(path, max_pixels=1200).shape == (30, 40)
    assert read_image(path, max_pixels=None).shape == (30, 40)
    with pytest.raises(ValueError, match=r"40 x 30 = 1,200 pixels, more than max_pixels=1,199"):
        read_image(path, max_pixels=1199)
    with pytest.raises(ValueError, match="max_pixels"):
        read_image(path, max_pixels=0)


def test_a_raised_limit_lets_a_large_image_through(tmp_path):
    # 2**27 + 1 pixels of a 1-bit PNG: refused by default, read (131 MB) with a raised limit
    # would cost too much memory here; a bomb just above a tiny limit shows the same path.
    path = tmp_path / "wide.png"
    png_bomb(path, 64)
    with pytest.raises(ValueError, match="64 x 64 = 4,096 pixels"):
        read_image(path, max_pixels=4095)
    assert_array_equal(read_image(path, max_pixels=4096), np.zeros((64, 64), np.uint8))


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"this is not an image\n", "not a PNG file"),
        (SIGNATURE + b"\x00\x00", "no image header"),
    ],
)
def test_unreadable_files_say_why(tmp_path, content, message):
    path = tmp_path / "picture.png"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        read_image(path)


def test_truncated_16_bit_png(tmp_path):
    data = encode_png(np.zeros((20, 20, 3), np.uint16) + 7)
    path = tmp_path / "cut.png"
    path.write_bytes(data[: len(data) - 20])
    with pytest.raises(ValueError, match="truncated"):
        read_image(path)


def test_docstring_examples():
    import doctest

    import fastkmeans._imageread as module

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
