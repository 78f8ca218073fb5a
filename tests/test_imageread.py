"""Reading image files: the pixel limit checked before decoding, what 16-bit PNGs become, alpha.

``fastkmeans.image.read_image`` decodes through imageio (Pillow; tifffile or imageio's own
reader for TIFF). The files are built here: 16-bit PNGs from rows with filter type 0 (Pillow
cannot write a 16-bit colour PNG), bombs from zlib streams of zeros.
"""

import struct
import sys
import warnings
import zlib

import imageio.v3 as iio
import numpy as np
import pytest
from numpy.testing import assert_array_equal
from PIL import Image

from fastkmeans import ImageDepthWarning
from fastkmeans._imageread import tifffile_installed
from fastkmeans._palette_file import encode_truecolour
from fastkmeans.image import MAX_PIXELS, read_image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# colour type of a PNG with this many channels: grey, grey + alpha, RGB, RGBA
COLOUR_TYPE = {1: 0, 2: 4, 3: 2, 4: 6}
TIFF_HINT = "needs the tifffile package: pip install 'fastkmeans[tiff]'"

pytestmark = pytest.mark.filterwarnings("ignore:ImageIO's vendored tifffile:DeprecationWarning")


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_16_bit(image: np.ndarray, extra: bytes = b"") -> bytes:
    """A 16-bit PNG of ``image`` (uint16, (H, W) or (H, W, C)), every row unfiltered."""
    height, width = image.shape[:2]
    channels = 1 if image.ndim == 2 else image.shape[2]
    rows = np.ascontiguousarray(image, ">u2").reshape(height, -1).view(np.uint8)
    raw = np.concatenate([np.zeros((height, 1), np.uint8), rows], axis=1)  # filter type 0
    header = struct.pack(">IIBBBBB", width, height, 16, COLOUR_TYPE[channels], 0, 0, 0)
    return (
        SIGNATURE
        + chunk(b"IHDR", header)
        + extra
        + chunk(b"IDAT", zlib.compress(raw.tobytes()))
        + chunk(b"IEND", b"")
    )


def depth_warning(path) -> str:
    return (
        f"{str(path)!r} is a 16-bit colour PNG; read as 8 bits per channel (imageio's PNG "
        f"reader keeps 8); save it as 16-bit TIFF to keep the depth"
    )


def read_without_warnings(path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read_image(path, **kwargs)


@pytest.mark.parametrize("channels", [3, 4, 2])
def test_16_bit_colour_png_is_read_as_8_bits_with_a_warning(tmp_path, channels):
    image = np.random.default_rng(channels).integers(0, 65536, (6, 11, channels), np.uint16)
    path = tmp_path / "deep.png"
    path.write_bytes(png_16_bit(image))
    with pytest.warns(ImageDepthWarning) as record:
        back = read_image(path)
    assert [str(warning.message) for warning in record] == [depth_warning(path)]
    assert issubclass(ImageDepthWarning, UserWarning)
    assert record[0].filename == __file__  # points at the caller
    # Pillow keeps the high byte of every sample (grey + alpha stays 2 channels).
    assert back.dtype == np.uint8 and back.shape == image.shape
    assert_array_equal(back, image >> 8)


def test_colour_key_of_a_16_bit_colour_png_is_not_applied_and_said(tmp_path):
    image = np.full((4, 4, 3), 1000, np.uint16)
    image[0, 0] = (256, 512, 768)  # high bytes 1, 2, 3: Pillow would key them on (1, 2, 3)
    key = chunk(b"tRNS", struct.pack(">HHH", 1, 2, 3))
    path = tmp_path / "key.png"
    path.write_bytes(png_16_bit(image, extra=key))
    with pytest.warns(ImageDepthWarning) as record:
        back = read_image(path)
    assert [str(warning.message) for warning in record] == [
        depth_warning(path) + "; its transparent colour (tRNS) is not read as alpha"
    ]
    assert_array_equal(back, image >> 8)


@pytest.mark.parametrize("suffix", [".png", ".tif"])
def test_16_bit_grey_keeps_16_bits(tmp_path, suffix):
    image = np.random.default_rng(2).integers(0, 65536, (7, 9), np.uint16)
    path = tmp_path / f"grey{suffix}"
    iio.imwrite(path, image)
    back = read_without_warnings(path)
    assert back.dtype == np.uint16
    assert_array_equal(back, image)


def test_16_bit_grey_png_read_from_rows_keeps_16_bits(tmp_path):
    image = np.random.default_rng(3).integers(0, 65536, (5, 4), np.uint16)
    path = tmp_path / "grey.png"
    path.write_bytes(png_16_bit(image))
    assert_array_equal(read_without_warnings(path), image)


def test_transparent_grey_level_of_a_16_bit_grey_png_is_said(tmp_path):
    image = np.array([[1234, 7]], np.uint16)
    path = tmp_path / "key.png"
    path.write_bytes(png_16_bit(image, extra=chunk(b"tRNS", struct.pack(">H", 7))))
    with pytest.warns(ImageDepthWarning, match=r"transparent grey level \(tRNS\)") as record:
        back = read_image(path)
    assert len(record) == 1
    assert_array_equal(back, image)


@pytest.mark.parametrize("channels", [2, 3, 4])
def test_16_bit_tiff_round_trip(tmp_path, channels):
    image = np.random.default_rng(channels).integers(0, 65536, (6, 11, channels), np.uint16)
    path = tmp_path / "deep.tif"
    try:
        path.write_bytes(encode_truecolour(image, ".tif"))  # fastkmeans's own TIFF writer
    except ValueError as exc:
        assert not tifffile_installed() and "needs the tifffile package" in str(exc)
        return
    back = read_without_warnings(path)
    assert back.dtype == np.uint16
    assert_array_equal(back, image)


def test_16_bit_tiff_written_by_tifffile(tmp_path):
    tifffile = pytest.importorskip("tifffile")
    image = np.random.default_rng(9).integers(0, 65536, (8, 5, 3), np.uint16)
    path = tmp_path / "deep.tif"
    tifffile.imwrite(path, image, photometric="rgb", compression="zlib")
    assert_array_equal(read_without_warnings(path), image)


def test_tiff_that_cannot_be_read_without_tifffile_says_what_to_install(tmp_path, monkeypatch):
    path = tmp_path / "x.tif"
    iio.imwrite(path, np.zeros((4, 4), np.uint8))
    monkeypatch.setitem(sys.modules, "tifffile", None)  # as if it were not installed
    assert not tifffile_installed()

    def vendored_failure(*args, **kwargs):  # how imageio's own TIFF codec fails on numpy 2
        raise AttributeError("'numpy.ndarray' object has no attribute 'tostring'")

    monkeypatch.setattr(iio, "imread", vendored_failure)
    with pytest.raises(ValueError, match="reading TIFF " + TIFF_HINT.replace("[", r"\[")):
        read_image(path)


def test_palette_transparency_becomes_alpha(tmp_path):
    palette = Image.new("P", (4, 3))
    palette.putpalette([255, 0, 0, 0, 255, 0])
    palette.putpixel((0, 0), 1)
    path = tmp_path / "palette.png"
    palette.save(path, transparency=1)
    back = read_without_warnings(path)
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


def test_truncated_16_bit_colour_png_is_an_error_without_a_warning(tmp_path):
    data = png_16_bit(np.random.default_rng(4).integers(0, 65536, (20, 20, 3), np.uint16))
    path = tmp_path / "cut.png"
    path.write_bytes(data[: len(data) - 40])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the depth warning comes only with an image
        with pytest.raises(ValueError, match="truncated"):
            read_image(path)


def test_docstring_examples():
    import doctest

    import fastkmeans._imageread as module

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# -- TIFF: the first page, as colours ----------------------------------------------------------


def _tifffile():
    if not tifffile_installed():
        pytest.skip("tifffile is not installed")
    import tifffile

    return tifffile


def test_a_stack_of_tiff_pages_reads_its_first_page_only(tmp_path):
    # 64 compressed pages of 1024 x 1024 in a small file: imageio's index=0 (the first series)
    # would decode all 64 MiB although the size checked is one page's.
    import tracemalloc

    tifffile = _tifffile()
    path = tmp_path / "stack.tif"
    pages = np.zeros((64, 1024, 1024), np.uint8)
    pages[0, :10] = 7
    tifffile.imwrite(path, pages, compression="zlib")
    tracemalloc.start()
    try:
        image = read_image(path, max_pixels=1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert image.shape == (1024, 1024)
    assert_array_equal(image, pages[0])
    assert peak < 16 * 2**20
    with tifffile.TiffWriter(tmp_path / "series.tif") as writer:  # one series per page
        rgb = np.random.default_rng(0).integers(0, 256, (2, 30, 40, 3), dtype=np.uint8)
        for page in rgb:
            writer.write(page)
    assert_array_equal(read_image(tmp_path / "series.tif"), rgb[0])


def test_tiff_palette_planar_and_white_is_zero_pages_read_as_colours(tmp_path):
    tifffile = _tifffile()
    from fastkmeans import segment_image

    rgb = np.random.default_rng(1).integers(0, 256, (30, 40, 3), dtype=np.uint8)
    seg = segment_image(rgb, 4, random_state=0)
    seg.save(tmp_path / "palette.tif")  # fastkmeans's own palette TIFF
    with Image.open(tmp_path / "palette.tif") as written:
        assert written.mode == "P"
    assert_array_equal(read_image(tmp_path / "palette.tif"), seg.image)
    planes = np.moveaxis(rgb, -1, 0)
    tifffile.imwrite(tmp_path / "planar.tif", planes, photometric="rgb", planarconfig="separate")
    assert_array_equal(read_image(tmp_path / "planar.tif"), rgb)
    tifffile.imwrite(tmp_path / "white.tif", rgb[..., 0], photometric="miniswhite")
    assert_array_equal(read_image(tmp_path / "white.tif"), 255 - rgb[..., 0])


def test_tiff_with_more_samples_than_an_image_is_refused_before_decoding(tmp_path):
    tifffile = _tifffile()
    six = np.zeros((4, 4, 6), np.uint8)
    tifffile.imwrite(
        tmp_path / "six.tif", six, photometric="rgb", planarconfig="contig", extrasamples=[0] * 3
    )
    with pytest.raises(ValueError, match="declares 6 samples per pixel; an image has 1 to 4"):
        read_image(tmp_path / "six.tif")


def test_running_out_of_memory_while_decoding_is_not_blamed_on_the_file(tmp_path, monkeypatch):
    path = tmp_path / "fine.png"
    iio.imwrite(path, np.zeros((4, 4, 3), np.uint8))

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(iio, "imread", exhausted)
    with pytest.raises(MemoryError):
        read_image(path)


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_exif_orientation_is_applied_as_viewers_show_the_photo(tmp_path, orientation):
    # Phone photos are stored sideways with a tag saying how to turn them.
    from PIL import ImageOps

    image = np.random.default_rng(orientation).integers(0, 256, (40, 60, 3), dtype=np.uint8)
    picture = Image.fromarray(image)
    exif = picture.getexif()
    exif[0x0112] = orientation
    path = tmp_path / "phone.jpg"
    picture.save(path, exif=exif, quality=95)
    with Image.open(path) as stored:
        shown = np.asarray(ImageOps.exif_transpose(stored))
    back = read_image(path)
    assert back.shape == shown.shape == ((40, 60, 3) if orientation == 3 else (60, 40, 3))
    assert_array_equal(back, shown)


@pytest.mark.parametrize("compression", ["tiff_lzw", "jpeg"])
def test_tiff_compressions_tifffile_needs_imagecodecs_for_are_read_by_pillow(tmp_path, compression):
    image = np.random.default_rng(0).integers(0, 256, (30, 40, 3), dtype=np.uint8)
    path = tmp_path / "compressed.tif"
    Image.fromarray(image).save(path, compression=compression)
    with Image.open(path) as stored:
        expected = np.asarray(stored.convert("RGB"))
    assert_array_equal(read_image(path), expected)


@pytest.mark.parametrize("depth", [1, 2, 4])
def test_a_low_bit_grey_pngs_transparent_level_becomes_alpha(tmp_path, depth):
    # Pillow scales 1-4 bit grey to 0-255 but applied no transparent level to it: the
    # transparency was dropped without a word (8-bit grey keys were already read as alpha).
    levels = np.array([[0, 1, 2, 3], [3, 2, 1, 0]]) % (1 << depth)
    per_byte = 8 // depth
    rows = []
    for row in levels:
        packed = bytearray()
        for start in range(0, len(row), per_byte):
            value = 0
            for level in row[start : start + per_byte]:
                value = (value << depth) | int(level)
            value <<= depth * (per_byte - len(row[start : start + per_byte]))
            packed.append(value)
        rows.append(b"\x00" + bytes(packed))
    key = (1 << depth) - 1
    header = struct.pack(">IIBBBBB", 4, 2, depth, 0, 0, 0, 0)
    path = tmp_path / "grey.png"
    path.write_bytes(
        SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"tRNS", struct.pack(">H", key))
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )
    image = read_image(path)
    scale = 255 // key
    assert image.shape == (2, 4, 2)
    assert_array_equal(image[..., 0], levels * scale)
    assert_array_equal(image[..., 1], np.where(levels == key, 0, 255))


def test_a_grey_segmentation_reads_back_grey_from_its_palette_file(tmp_path):
    # A palette holds RGB entries only: a grey segmentation's palette PNG, GIF or TIFF read
    # back as (H, W, 3), so segmenting it again clustered three equal channels.
    from fastkmeans import segment_image

    grey = (np.arange(16 * 64).reshape(16, 64) % 251).astype(np.uint8)
    with_alpha = np.dstack([grey, np.where(grey > 100, 255, 128).astype(np.uint8)])
    for image, extensions in ((grey, (".png", ".gif", ".tif")), (with_alpha, (".png", ".tif"))):
        seg = segment_image(image, 4, random_state=0)
        for extension in extensions:
            path = tmp_path / f"seg{image.ndim}{extension}"
            seg.save(path)
            assert_array_equal(read_image(path), seg.image)
    # A palette with one colour entry is read as colour.
    from PIL import Image

    picture = Image.frombytes("P", (2, 1), bytes([0, 1]))
    picture.putpalette([7, 7, 7, 7, 8, 7])
    picture.save(tmp_path / "colour.png")
    assert_array_equal(read_image(tmp_path / "colour.png"), [[[7, 7, 7], [7, 8, 7]]])
