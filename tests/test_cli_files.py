"""The command line's files under stress: outputs written all or none through exclusive
temporary files, data and image files that lie or are damaged, reports that cannot be printed.

Every case runs ``main`` in-process; the signals are in test_cli_process.py.
"""

import itertools
import json
import os
import struct
import tempfile
import zlib

import imageio.v3 as iio
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fastkmeans.cli import main, running
from fastkmeans.cli.files import TEMP_SUFFIX

pytestmark = pytest.mark.filterwarnings("ignore:ImageIO's vendored tifffile:DeprecationWarning")


def call(*args):
    """``main(args)``'s exit status and stderr lines (stdout is left to capsys)."""
    return main([str(arg) for arg in args])


def one_error_line(capsys, fragment=""):
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("fastkmeans: error: "), lines[0]
    assert fragment in lines[0], lines[0]
    assert out == ""
    return lines[0]


@pytest.fixture
def image(tmp_path):
    path = tmp_path / "in.png"
    rng = np.random.default_rng(0)
    iio.imwrite(path, rng.integers(0, 256, (16, 16, 3), dtype=np.uint8))
    return path


def leftovers(directory):
    return [path.name for path in directory.rglob("*") if path.name.endswith(TEMP_SUFFIX)]


# -- writing: exclusive temporary files, all or nothing --------------------------------------


def test_a_symlink_planted_at_a_temporary_name_is_never_followed(tmp_path, image, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    output = tmp_path / "out.png"
    # The name older versions used, and the first names the temporary-file generator will try.
    planted = [tmp_path / f".out.png.{os.getpid()}{TEMP_SUFFIX}"]
    random_names = tempfile._get_candidate_names
    monkeypatch.setattr(
        tempfile,
        "_get_candidate_names",
        lambda: itertools.chain(["aaaaaaaa", "bbbbbbbb"], random_names()),
    )
    planted += [tmp_path / f".out.png.{name}{TEMP_SUFFIX}" for name in ("aaaaaaaa", "bbbbbbbb")]
    for link in planted:
        link.symlink_to(victim)
    assert call("segment", image, "-k", 2, "-o", output, "-q") == 0
    assert victim.read_bytes() == b"precious"
    assert iio.imread(output).shape == (16, 16, 3)
    assert all(link.is_symlink() for link in planted)


def test_outputs_are_committed_together_or_not_at_all(tmp_path, image, monkeypatch, capsys):
    existing = tmp_path / "exist.png"
    existing.write_bytes(b"precious")
    labels_dir = tmp_path / "labels"
    labels_dir.mkdir()
    segment = running.segment_image

    def segment_then_lose_the_directory(*args, **kwargs):
        if labels_dir.exists():  # after the early checks, before the writes
            labels_dir.rmdir()
        return segment(*args, **kwargs)

    assert call("segment", image, "-k", 2, "-o", existing, "-q", "--force") == 0
    capsys.readouterr()
    existing.write_bytes(b"precious")
    monkeypatch.setattr(running, "segment_image", segment_then_lose_the_directory)
    labels = labels_dir / "l.npy"
    status = call("segment", image, "-k", 4, "-o", existing, "--force", "--labels", labels, "-q")
    assert status == 2
    line = one_error_line(capsys, str(labels))
    assert TEMP_SUFFIX not in line
    assert existing.read_bytes() == b"precious"
    assert leftovers(tmp_path) == []


def test_an_output_created_by_another_process_meanwhile_is_kept(tmp_path, image, monkeypatch):
    from fastkmeans.cli import files

    output = tmp_path / "out.png"
    hold_signals = files._signals_held

    def another_process_writes_first():  # after the last check of the name, before the move
        output.write_bytes(b"theirs")
        return hold_signals()

    monkeypatch.setattr(files, "_signals_held", another_process_writes_first)
    assert call("segment", image, "-k", 2, "-o", output, "-q") == 2
    assert output.read_bytes() == b"theirs"
    assert leftovers(tmp_path) == []


def test_missing_labels_directory_leaves_the_existing_output(tmp_path, image, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "exist.png"
    existing.write_bytes(b"precious")
    args = ["segment", image, "-k", 4, "-o", "exist.png", "--force", "--labels", "nodir/l.npy"]
    assert call(*args) == 2
    one_error_line(capsys, "'nodir' does not exist")
    assert existing.read_bytes() == b"precious"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["exist.png", "in.png"]


def test_outputs_get_a_new_files_permissions(tmp_path, image):
    mask = os.umask(0o027)
    try:
        assert call("segment", image, "-k", 2, "-o", tmp_path / "out.png", "-q") == 0
    finally:
        os.umask(mask)
    assert (tmp_path / "out.png").stat().st_mode & 0o777 == 0o640


def test_an_unknown_image_format_names_the_users_file(tmp_path, image, capsys):
    assert call("segment", image, "-k", 2, "-o", tmp_path / "x.xyz") == 2
    line = one_error_line(capsys, f"-o '{tmp_path / 'x.xyz'}': cannot write an 8-bit RGB")
    assert "fastkmeans-" not in line and "try .png or .tif" in line


# -- reports: rendered before anything is written --------------------------------------------


def test_json_with_an_infinite_cost_prints_null_and_writes(tmp_path, capsys):
    data = np.random.default_rng(0).normal(size=(60, 3)) * 1e300
    np.save(tmp_path / "scaled.npy", data)
    output = tmp_path / "c.npy"
    assert call("fit", tmp_path / "scaled.npy", "-k", 3, "--json", "-o", output, "-q") == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["inertia"] is None  # beyond float64: JSON has no infinity
    assert np.load(output).shape == (3, 3)


def test_a_report_that_fails_writes_nothing(tmp_path, image, monkeypatch, capsys):
    from fastkmeans.cli import segment

    def broken(*args):
        raise ValueError("Out of range float values are not JSON compliant: inf")

    monkeypatch.setattr(segment, "json_text", broken)
    assert call("segment", image, "-k", 2, "-o", tmp_path / "o.png", "--json", "-q") == 2
    one_error_line(capsys, "not JSON compliant")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.png"]


# -- .npy and .csv data ----------------------------------------------------------------------


def npy_header(shape, descr="<f8") -> bytes:
    import io

    buffer = io.BytesIO()
    header = {"descr": descr, "fortran_order": False, "shape": shape}
    np.lib.format.write_array_header_1_0(buffer, header)
    return buffer.getvalue()


def test_npy_header_larger_than_the_file_is_refused(tmp_path, capsys):
    path = tmp_path / "lie.npy"
    path.write_bytes(npy_header((10**11, 2)) + bytes(16))
    assert path.stat().st_size < 250
    assert call("fit", path, "-k", 2) == 2
    one_error_line(capsys, "header declares shape (100000000000, 2) of float64")


def test_npy_of_objects_is_refused(tmp_path, capsys):
    path = tmp_path / "objects.npy"
    np.save(path, np.array([[1, "a"]], dtype=object), allow_pickle=True)
    assert call("fit", path, "-k", 1) == 2
    one_error_line(capsys, "Python objects")


def fit_rows(tmp_path, capsys, text, encoding="utf-8"):
    path = tmp_path / "data.csv"
    path.write_text(text, encoding=encoding)
    status = call("fit", path, "-k", 1, "--json", "-q")
    out, err = capsys.readouterr()
    return status, (json.loads(out) if status == 0 else err)


@pytest.mark.parametrize(
    "text, encoding, rows",
    [
        ("1,2\n3,4\n5,6\n", "utf-8-sig", 3),  # a byte-order mark is not a header
        ("x,y\n1,2\n3,4\n", "utf-8-sig", 2),
        ("x,y\n1,2\n3,4\n", "utf-8", 2),
        ("# comment\n\n1,2\n\n3,4\n", "utf-8", 2),
        ("1,2\n", "utf-8", 1),
    ],
)
def test_csv_rows_are_never_lost(tmp_path, capsys, text, encoding, rows):
    status, payload = fit_rows(tmp_path, capsys, text, encoding)
    assert status == 0, payload
    assert payload["n_samples"] == rows


@pytest.mark.parametrize(
    "text, message",
    [
        ("1.5,NA\n3,4\n5,6\n", "data.csv:1: column 2 is 'NA': a missing value"),
        ("1.5,\n3,4\n", "data.csv:1: column 2 is an empty cell: a missing value"),
        ("x,y\n1,2\n\n3,oops\n", "data.csv:4: column 2 is 'oops', not a number"),
        ("# c\nx,y\n1,2\n3,NA\n", "data.csv:4: column 2 is 'NA'"),
        ("name,1.5\n3,4\n", "data.csv:1: column 1 is 'name', not a number"),
        ("1,2\n3,4,5\n", "data.csv:2: 3 values, but the first data line has 2"),
        ("x,y\n", "holds a header line and no numbers"),
    ],
)
def test_csv_errors_name_the_line_and_column(tmp_path, capsys, text, message):
    status, err = fit_rows(tmp_path, capsys, text)
    assert status == 2
    assert len(err.strip().splitlines()) == 1 and message in err, err


# -- images ----------------------------------------------------------------------------------


def test_16_bit_colour_png_is_read_as_8_bits_with_one_warning(tmp_path, capsys):
    from fastkmeans import segment_image

    from .test_imageread import png_16_bit

    source = np.random.default_rng(1).integers(0, 65536, (12, 12, 3)).astype(np.uint16)
    path = tmp_path / "in.png"
    path.write_bytes(png_16_bit(source))
    assert call("segment", path, "-k", 3, "-o", tmp_path / "out.png", "-q") == 0
    out, err = capsys.readouterr()
    assert err == (
        f"fastkmeans: warning: {str(path)!r} is a 16-bit colour PNG; read as 8 bits per channel "
        f"(imageio's PNG reader keeps 8); save it as 16-bit TIFF to keep the depth\n"
    )
    written = iio.imread(tmp_path / "out.png")
    assert written.dtype == np.uint8
    expected = segment_image((source >> 8).astype(np.uint8), 3, random_state=0).image
    np.testing.assert_array_equal(written, expected)


@pytest.mark.parametrize("option", ["-o", "--palette"])
def test_16_bit_colour_to_png_is_refused_before_any_work(tmp_path, capsys, monkeypatch, option):
    source = tmp_path / "in.tif"
    iio.imwrite(source, np.full((8, 8, 3), 40000, np.uint16))
    output = tmp_path / ("out.png" if option == "-o" else "out.tif")
    extra = [] if option == "-o" else ["--palette", tmp_path / "palette.png"]

    def no_work(*args, **kwargs):
        raise AssertionError("segmented")

    monkeypatch.setattr(running, "segment_image", no_work)
    assert call("segment", source, "-k", 2, "-o", output, *extra) == 2
    path = output if option == "-o" else tmp_path / "palette.png"
    one_error_line(
        capsys,
        f"fastkmeans: error: {option} {str(path)!r}: cannot write a 16-bit RGB image as .png "
        f"(imageio's PNG writer keeps 16 bits only for greyscale); try .tif",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.tif"]


def test_16_bit_colour_round_trip_through_tif(tmp_path, capsys):
    from fastkmeans import segment_image
    from fastkmeans.image import read_image

    source = np.random.default_rng(2).integers(0, 65536, (12, 12, 3)).astype(np.uint16)
    iio.imwrite(tmp_path / "in.tif", source)
    assert call("segment", tmp_path / "in.tif", "-k", 3, "-o", tmp_path / "out.tif", "-q") == 0
    assert capsys.readouterr().err == ""  # no warning
    written = read_image(tmp_path / "out.tif")
    assert written.dtype == np.uint16
    np.testing.assert_array_equal(written, segment_image(source, 3, random_state=0).image)


def test_writing_tiff_without_tifffile_says_what_to_install(tmp_path, image, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "tifffile", None)  # as if it were not installed
    write = iio.imwrite

    def vendored_failure(uri, *args, **kwargs):  # how imageio's own TIFF codec fails on numpy 2
        if str(uri).endswith(".tif"):
            raise AttributeError("'numpy.ndarray' object has no attribute 'tostring'")
        return write(uri, *args, **kwargs)

    monkeypatch.setattr(iio, "imwrite", vendored_failure)
    output = tmp_path / "out.tif"
    # A palette TIFF is Pillow's (no tifffile needed); a truecolour one needs tifffile.
    assert call("segment", image, "-k", 2, "-o", output, "--truecolor") == 2
    one_error_line(
        capsys,
        f"-o {str(output)!r}: writing TIFF needs the tifffile package: "
        f"pip install 'fastkmeans[tiff]'",
    )
    assert not output.exists()


def test_max_pixels_option(tmp_path, image, capsys):
    output = tmp_path / "out.png"
    assert call("segment", image, "-k", 2, "-o", output, "--max-pixels", 255) == 2
    one_error_line(capsys, "is 16 x 16 = 256 pixels, more than max_pixels=255")
    assert not output.exists()
    assert call("segment", image, "-k", 2, "-o", output, "--max-pixels", 256, "-q") == 0
    capsys.readouterr()
    for args in (["sweep", image, "--k", "2,3"], ["demo", "--image", image, "--out", "d"]):
        assert call(*args, "--max-pixels", 10) == 2
        one_error_line(capsys, "more than max_pixels=10")


def test_a_bomb_is_refused_at_the_default_limit(tmp_path, capsys):
    from .test_imageread import png_bomb

    png_bomb(tmp_path / "bomb.png", 12000)
    assert call("segment", tmp_path / "bomb.png", "-k", 2, "-o", tmp_path / "o.png") == 2
    one_error_line(capsys, "12000 x 12000 = 144,000,000 pixels, more than max_pixels=134,217,728")


@pytest.mark.parametrize(
    "content, message", [(b"", "the file is empty"), (b"hello\n", "not a PNG file")]
)
def test_empty_or_text_file_named_png(tmp_path, capsys, content, message):
    (tmp_path / "in.png").write_bytes(content)
    assert call("segment", tmp_path / "in.png", "-k", 2, "-o", tmp_path / "o.png") == 2
    line = one_error_line(capsys, message)
    assert "backend" not in line


# -- fuzzing the readers ---------------------------------------------------------------------


def _valid_files() -> dict[str, bytes]:
    import io

    rng = np.random.default_rng(5)
    pixels = rng.integers(0, 256, (10, 12, 3), dtype=np.uint8)
    files = {".png": iio.imwrite("<bytes>", pixels, extension=".png")}
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "x.tif")
        iio.imwrite(path, pixels.astype(np.uint16) * 250)
        with open(path, "rb") as handle:
            files[".tif"] = handle.read()
    buffer = io.BytesIO()
    np.save(buffer, rng.normal(size=(30, 2)))
    files[".npy"] = buffer.getvalue()
    files[".csv"] = "x,y\n" + "".join(f"{a:.3f},{b:.3f}\n" for a, b in rng.normal(size=(30, 2)))
    files[".csv"] = files[".csv"].encode()
    return files


VALID = _valid_files()


@st.composite
def damaged(draw):
    suffix = draw(st.sampled_from(sorted(VALID)))
    data = bytearray(VALID[suffix])
    how = draw(st.sampled_from(["truncate", "flip", "lie"]))
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif how == "flip":
        for _ in range(draw(st.integers(1, 4))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    elif suffix == ".png":  # a header declaring another size (checksum fixed up)
        size = struct.pack(">II", draw(st.integers(1, 2**31 - 1)), draw(st.integers(1, 2**16)))
        data[16:24] = size
        data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    elif suffix == ".npy":
        shape = (draw(st.integers(0, 10**12)), draw(st.integers(0, 5)))
        data = bytearray(npy_header(shape) + bytes(data[128:]))
    else:  # a field of a header or row replaced by something long
        start = draw(st.integers(0, len(data) - 1))
        data[start : start + 4] = draw(st.binary(min_size=1, max_size=12))
    return suffix, bytes(data)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(case=damaged())
def test_damaged_files_give_one_line_and_write_nothing(tmp_path_factory, capsys, case):
    suffix, data = case
    directory = tmp_path_factory.mktemp("fuzz")
    source = directory / f"in{suffix}"
    source.write_bytes(data)
    output = directory / {".png": "out.png", ".tif": "out.tif"}.get(suffix, "out.npy")
    if suffix in (".png", ".tif"):
        args = ["segment", source, "-k", 2, "-o", output, "-q", "--max-pixels", 10**6]
    else:
        args = ["fit", source, "-k", 2, "-o", output, "-q"]
    status = call(*args)
    out, err = capsys.readouterr()
    assert status in (0, 2), err
    if status == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("fastkmeans: error: "), err
        assert not output.exists()
    else:
        assert output.exists()
    assert leftovers(directory) == []
