"""The command line, in-process: every sub-command and every bad-input case through ``main``.

What only a real process shows (``python -m fastkmeans``, Ctrl-C, the environment, what
``import fastkmeans`` loads) is in test_cli_process.py.
"""

import importlib.util
import json
import os
import signal
import sys
import time
import warnings
from pathlib import Path

import imageio.v3 as iio
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from PIL import Image

from fastkmeans import KMeans, cost, mse, psnr, segment_image, ssim
from fastkmeans.cli.output import Progress
from fastkmeans.cli.pictures import captioned_side_by_side
from fastkmeans.image import elbow_index, palette_image, read_image

HAVE_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None

# imageio's TIFF writer announces its own deprecation; not this package's concern.
pytestmark = pytest.mark.filterwarnings("ignore:ImageIO's vendored tifffile:DeprecationWarning")

REGION_COLOURS = np.array([[200, 30, 30], [20, 180, 40], [30, 40, 220], [240, 240, 240]])


@pytest.fixture(autouse=True)
def main_restores_global_state():
    """``main`` changes warning filters and ``warnings.showwarning`` while it runs; they (and
    the kernels' thread count) are as before once it returns."""
    from fastkmeans._kernels._config import current_threads

    filters = list(warnings.filters)
    show = warnings.showwarning
    threads = current_threads()
    yield
    assert warnings.filters == filters
    assert warnings.showwarning is show
    assert current_threads() == threads


def assert_one_line_error(result, fragment):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("fastkmeans: error: "), lines[0]
    assert fragment in lines[0], lines[0]
    assert result.stdout == ""


def regions_image(noise=6, seed=0):
    rng = np.random.default_rng(seed)
    regions = np.zeros((16, 16), dtype=np.int64)
    regions[:8, 8:] = 1
    regions[8:, :8] = 2
    regions[8:, 8:] = 3
    image = REGION_COLOURS[regions] + rng.integers(-noise, noise + 1, size=(16, 16, 3))
    return image.astype(np.uint8)


@pytest.fixture(scope="session")
def files(tmp_path_factory):
    """Small input files shared by every test (tests write their outputs elsewhere)."""
    directory = tmp_path_factory.mktemp("inputs")
    rng = np.random.default_rng(1)
    paths = {}

    image = regions_image()
    paths["rgb"] = directory / "regions.png"
    iio.imwrite(paths["rgb"], image)

    alpha = rng.integers(0, 256, size=(16, 16, 1), dtype=np.uint8)
    paths["rgba"] = directory / "regions-alpha.png"
    iio.imwrite(paths["rgba"], np.concatenate([regions_image(noise=0), alpha], axis=2))

    paths["rgb16"] = directory / "regions16.tif"
    iio.imwrite(paths["rgb16"], image.astype(np.uint16) * 257 + 3)

    paths["grey16"] = directory / "grey16.png"
    iio.imwrite(paths["grey16"], (image[..., 0].astype(np.uint16) * 250))

    paths["noisy"] = directory / "noisy.png"
    iio.imwrite(paths["noisy"], rng.integers(0, 256, size=(24, 24, 3), dtype=np.uint8))

    paths["not_image"] = directory / "notes.png"
    paths["not_image"].write_text("this is not an image\n")

    png = paths["rgb"].read_bytes()
    paths["truncated"] = directory / "truncated.png"
    paths["truncated"].write_bytes(png[: len(png) // 2])

    points = np.concatenate(
        [rng.normal(center, 0.5, size=(60, 2)) for center in ([0, 0], [8, 0], [0, 8])]
    )
    paths["npy"] = directory / "points.npy"
    np.save(paths["npy"], points)
    paths["csv"] = directory / "points.csv"
    np.savetxt(paths["csv"], points, delimiter=",", header="x,y", comments="", fmt="%.17g")
    paths["bad_csv"] = directory / "bad.csv"
    paths["bad_csv"].write_text("1,2\n3,oops\n")
    paths["dat"] = directory / "points.dat"
    paths["dat"].write_text("1 2\n")

    # Refused by the library, which first sees a part (the first k rows, a 32 x 32 crop): the
    # message describes the whole input.
    nan = points.copy()
    nan[0, 0] = nan[150, 1] = np.nan
    paths["nan_npy"] = directory / "nan.npy"
    np.save(paths["nan_npy"], nan)
    paths["scalar_npy"] = directory / "scalar.npy"
    np.save(paths["scalar_npy"], np.array(3.0))
    bright = rng.random((40, 40, 3)).astype(np.float32)
    bright[0, 0, 0] = 2.0
    bright[35, 35, 1] = 3.0
    paths["bright_tif"] = directory / "bright.tif"
    iio.imwrite(paths["bright_tif"], bright)
    return {name: Path(path) for name, path in paths.items()}


# -- demo ----------------------------------------------------------------------------------


def test_demo_without_arguments(run, tmp_path, monkeypatch):
    import fastkmeans.cli.demo

    caption_texts = []

    def recording(images, texts):
        caption_texts.extend(texts)
        return captioned_side_by_side(images, texts)

    monkeypatch.setattr(fastkmeans.cli.demo, "captioned_side_by_side", recording)
    result = run()
    assert result.returncode == 0, result.stderr
    out = tmp_path / "fastkmeans-demo"
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "comparison.png",
        "palette.png",
        "segmented_coreset.png",
        "segmented_full.png",
    ]
    full = iio.imread(out / "segmented_full.png")
    coreset = iio.imread(out / "segmented_coreset.png")
    comparison = iio.imread(out / "comparison.png")
    assert full.shape == coreset.shape == (400, 600, 3)
    # The segmented images are 4-bit palette PNGs.
    for name in ("segmented_full.png", "segmented_coreset.png"):
        with Image.open(out / name) as picture:
            assert picture.mode == "P"
        assert _png_bit_depth(out / name) == 4
    # Panels on top (original, full, coreset), captions under them.
    assert comparison.shape[0] > 400 and comparison.shape[1] == 3 * 600 + 2 * 8
    original = comparison[:400, :600]
    assert_array_equal(comparison[:400, 608:1208], full)
    assert_array_equal(comparison[:400, 1216:], coreset)
    captions = comparison[400:]
    for left in (0, 608, 1216):  # every caption has dark text on white
        strip = captions[:, left : left + 600]
        assert (strip == 255).mean() > 0.8 and (strip < 64).any()
    assert len(np.unique(full.reshape(-1, 3), axis=0)) <= 16
    # The printed table: one row per method, figures that describe the written images.
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line}
    assert rows["method"][:3] == ["method", "time", "(s)"]
    for method, image, name in (
        ("full", full, "segmented_full.png"),
        ("coreset", coreset, "segmented_coreset.png"),
    ):
        _, _, n_iter, _, table_mse, table_psnr, table_ssim, size, bits, speed_up = rows[method]
        assert int(n_iter) >= 1
        assert float(table_mse) == pytest.approx(mse(original, image), abs=0.006)
        assert float(table_psnr) == pytest.approx(psnr(original, image), abs=0.006)
        assert float(table_ssim) == pytest.approx(ssim(original, image), abs=6e-5)
        assert int(size.replace(",", "")) == (out / name).stat().st_size
        assert float(bits) == pytest.approx(
            8 * (out / name).stat().st_size / (400 * 600), abs=0.006
        )
        assert speed_up.endswith("x")
    assert rows["full"][-1] == "1.00x"
    assert "segmented_full.png" in result.stdout
    # The captions under the panels: the input's name, size and bytes; each method, k, PSNR
    # and bytes as the table gives them.
    input_file = (Path(fastkmeans.cli.demo.__file__).parents[1] / "data" / "coffee.png").stat()
    assert (
        caption_texts[0] == f"original: coffee.png\n600 x 400, {input_file.st_size / 1000:,.1f} kB"
    )
    for caption, method, where in zip(
        caption_texts[1:], ("full", "coreset"), ("all pixels", "coreset of "), strict=True
    ):
        first, second = caption.split("\n")
        assert first.startswith(f"k-means on {where}") and first.endswith(", k=16")
        size = int(rows[method][7].replace(",", ""))
        assert second == f"PSNR {rows[method][5]} dB, {size / 1000:,.1f} kB"


def _png_bit_depth(path) -> int:
    """The bit depth in a PNG's IHDR chunk."""
    return Path(path).read_bytes()[24]


def test_the_demos_options_without_a_command_run_the_demo(run, tmp_path, files):
    args = ("--image", files["noisy"], "-k", 3, "--coreset-size", 40, "--json")
    result = run(*args, "--out", tmp_path / "d")
    assert result.returncode == 0, result.stderr
    assert [r["method"] for r in json.loads(result.stdout)["results"]] == ["full", "coreset"]
    assert (tmp_path / "d" / "segmented_full.png").exists()
    unknown = run("--no-such-option")
    assert unknown.returncode == 2 and "--no-such-option" in unknown.stderr


def test_demo_json_on_another_image(run, tmp_path, files):
    result = run(
        "demo",
        "--image",
        files["noisy"],
        "-k",
        3,
        "--coreset-size",
        40,
        "--json",
        "--out",
        tmp_path / "d",
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    methods = [record["method"] for record in payload["results"]]
    assert methods == ["full", "coreset"]
    full = payload["results"][0]
    expected = segment_image(iio.imread(files["noisy"]), 3, random_state=0)
    assert full["inertia"] == pytest.approx(expected.inertia, rel=1e-12)
    assert payload["results"][1]["coreset_size"] == 40
    written = tmp_path / "d" / "segmented_full.png"
    assert_array_equal(iio.imread(written), expected.image)
    assert _png_bit_depth(written) == 2  # 3 colours: a 2-bit palette
    # Sizes: the input file's, the written file's, and their ratio.
    assert full["input_bytes"] == Path(files["noisy"]).stat().st_size
    assert full["output_bytes"] == written.stat().st_size
    height, width = expected.labels.shape
    assert full["bits_per_pixel"] == pytest.approx(8 * written.stat().st_size / (height * width))
    assert full["compression_ratio"] == pytest.approx(full["input_bytes"] / full["output_bytes"])


@pytest.mark.parametrize(
    "shape, dtype, top",
    [
        ((40, 50), np.uint8, 255),
        ((40, 50, 2), np.uint8, 255),
        ((40, 50, 4), np.uint16, 65535),
        ((40, 50, 3), np.float32, 1.0),
    ],
)
def test_captioned_pictures_keep_the_images_dtype_and_channels(shape, dtype, top):
    from fastkmeans.cli.pictures import GAP, captioned_side_by_side

    panel = np.zeros(shape, dtype)  # black panels: the caption text is the only dark part below
    wide = np.zeros((40, 90) + shape[2:], dtype)
    picture = captioned_side_by_side([panel, wide], ["one", "two lines\nk=16"])
    assert picture.dtype == dtype and picture.shape[2:] == shape[2:]
    assert picture.shape[1] == 50 + GAP + 90 and picture.shape[0] > 40
    assert (picture[:40, :50] == 0).all() and (picture[:40, 50 + GAP :] == 0).all()
    assert (picture[:40, 50 : 50 + GAP] == top).all()
    below = picture[40:]
    if len(shape) == 3 and shape[2] in (2, 4):
        assert (below[..., -1] == top).all()  # captions are opaque
        below = below[..., :-1]
    for left, width in ((0, 50), (50 + GAP, 90)):
        strip = below[:, left : left + width]
        assert (strip < top / 4).any() and (strip == top).mean() > 0.5
    with pytest.raises(ValueError, match="2 images but 1 captions"):
        captioned_side_by_side([panel, panel], ["one"])


# -- segment -------------------------------------------------------------------------------


def test_segment_writes_image_labels_and_palette(run, tmp_path, files):
    result = run(
        "segment",
        files["rgb"],
        "-k",
        4,
        "-o",
        tmp_path / "out.png",
        "--seed",
        3,
        "--labels",
        tmp_path / "labels.npy",
        "--palette",
        tmp_path / "palette.csv",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    expected = segment_image(iio.imread(files["rgb"]), 4, random_state=3)
    assert_array_equal(iio.imread(tmp_path / "out.png"), expected.image)
    assert_array_equal(np.load(tmp_path / "labels.npy"), expected.labels)
    palette = np.loadtxt(tmp_path / "palette.csv", delimiter=",", ndmin=2)
    assert_array_equal(palette, expected.palette)
    payload = json.loads(result.stdout)
    assert payload["n_clusters"] == 4
    for key in ("inertia", "mse", "psnr", "ssim"):
        assert payload[key] == pytest.approx(getattr(expected, key), rel=1e-12)
    assert payload["time_s"] > 0 and payload["n_iter"] == expected.n_iter


def test_segment_prints_quality_figures(run, tmp_path, files):
    result = run("segment", files["rgb"], "-k", 2, "-o", tmp_path / "out.jpg")
    assert result.returncode == 0, result.stderr
    expected = segment_image(iio.imread(files["rgb"]), 2, random_state=0)
    lines = dict(line.split(maxsplit=1) for line in result.stdout.splitlines()[1:])
    assert float(lines["MSE"]) == pytest.approx(expected.mse, abs=1e-4)
    assert float(lines["PSNR"].split()[0]) == pytest.approx(expected.psnr, abs=0.006)
    assert float(lines["SSIM"]) == pytest.approx(expected.ssim, abs=6e-5)
    assert iio.imread(tmp_path / "out.jpg").shape == (16, 16, 3)


def test_segment_label_and_palette_images_and_lab(run, tmp_path, files):
    result = run(
        "segment",
        files["rgb"],
        "-k",
        4,
        "-o",
        tmp_path / "out.bmp",
        "--color-space",
        "lab",
        "--labels",
        tmp_path / "labels.png",
        "--palette",
        tmp_path / "palette.png",
    )
    assert result.returncode == 0, result.stderr
    expected = segment_image(iio.imread(files["rgb"]), 4, color_space="lab", random_state=0)
    assert_array_equal(iio.imread(tmp_path / "out.bmp"), expected.image)
    assert_array_equal(iio.imread(tmp_path / "labels.png"), expected.labels)
    assert iio.imread(tmp_path / "palette.png").shape == (32, 4 * 32, 3)


def test_segment_keeps_alpha(run, tmp_path, files):
    result = run("segment", files["rgba"], "-k", 4, "-o", tmp_path / "out.png")
    assert result.returncode == 0, result.stderr
    # A palette PNG: alpha through the palette's transparency, which read_image turns back
    # into an alpha channel (imageio's default reader drops it).
    assert_array_equal(read_image(tmp_path / "out.png"), iio.imread(files["rgba"]))


@pytest.mark.parametrize(
    "name, suffix", [("rgb16", ".tif"), ("grey16", ".png"), ("grey16", ".tif")]
)
def test_segment_keeps_16_bit_depth(run, tmp_path, files, name, suffix):
    output = tmp_path / f"out{suffix}"
    result = run("segment", files[name], "-k", 4, "-o", output)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    written = read_image(output)
    assert written.dtype == np.uint16
    assert_array_equal(written, segment_image(iio.imread(files[name]), 4, random_state=0).image)


def test_segment_refuses_16_bit_colour_png_output(run, tmp_path, files):
    result = run("segment", files["rgb16"], "-k", 4, "-o", "out.png")
    assert_one_line_error(
        result,
        "-o 'out.png': cannot write a 16-bit RGB image as .png (imageio's PNG writer keeps 16 "
        "bits only for greyscale); try .tif",
    )
    assert not (tmp_path / "out.png").exists()


def test_demo_on_a_16_bit_colour_image_writes_tiff(run, tmp_path, files):
    result = run("demo", "--image", files["rgb16"], "-k", 3, "--coreset-size", 40, "-q")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "fastkmeans-demo"
    names = ["comparison", "palette", "segmented_coreset", "segmented_full"]
    assert sorted(path.name for path in out.iterdir()) == [name + ".tif" for name in names]
    written = read_image(out / "segmented_full.tif")
    expected = segment_image(iio.imread(files["rgb16"]), 3, random_state=0).image
    assert written.dtype == np.uint16
    assert_array_equal(written, expected)


def test_segment_on_a_coreset(run, tmp_path, files):
    result = run(
        "segment",
        files["noisy"],
        "-k",
        4,
        "-o",
        tmp_path / "out.png",
        "--coreset-size",
        50,
        "--json",
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["coreset_size"] == 50
    expected = segment_image(iio.imread(files["noisy"]), 4, coreset_size=50, random_state=0)
    assert_array_equal(iio.imread(tmp_path / "out.png"), expected.image)


def test_more_clusters_than_colours_warns_and_uses_the_colours(run, tmp_path, files):
    result = run("segment", files["rgba"], "-k", 9, "-o", tmp_path / "out.png")
    assert result.returncode == 0, result.stderr
    assert "fastkmeans: warning: the image has only 4 distinct colour(s)" in result.stderr
    assert "Traceback" not in result.stderr
    # A palette PNG: alpha through the palette's transparency, which read_image turns back
    # into an alpha channel (imageio's default reader drops it).
    assert_array_equal(read_image(tmp_path / "out.png"), iio.imread(files["rgba"]))


def test_an_output_format_that_would_change_the_pixels_is_refused(run, tmp_path, files):
    # Pillow would write 16-bit grey into an 8-bit WebP by clipping: one flat colour.
    output = tmp_path / "out.webp"
    result = run("segment", files["grey16"], "-k", 2, "-o", output)
    assert_one_line_error(
        result,
        f"-o {str(output)!r}: cannot write a 16-bit grey image as .webp (it would read back as "
        f"an 8-bit RGB image); try .png or .tif",
    )
    assert not output.exists()


# -- never lose anything -------------------------------------------------------------------


def test_existing_output_needs_force(run, tmp_path, files):
    output = tmp_path / "out.png"
    output.write_bytes(b"precious")
    result = run("segment", files["rgb"], "-k", 2, "-o", output)
    assert_one_line_error(result, "exists; pass --force to replace it")
    assert output.read_bytes() == b"precious"
    result = run("segment", files["rgb"], "-k", 2, "-o", output, "--force")
    assert result.returncode == 0, result.stderr
    assert iio.imread(output).shape == (16, 16, 3)


def test_existing_labels_file_needs_force_and_nothing_is_written(run, tmp_path, files):
    labels = tmp_path / "labels.npy"
    labels.write_bytes(b"precious")
    result = run(
        "segment",
        files["rgb"],
        "-k",
        2,
        "-o",
        tmp_path / "out.png",
        "--labels",
        labels,
    )
    assert_one_line_error(result, "--labels")
    assert labels.read_bytes() == b"precious"
    assert not (tmp_path / "out.png").exists()


def test_input_is_never_overwritten(run, tmp_path, files):
    source = tmp_path / "in.png"
    source.write_bytes(files["rgb"].read_bytes())
    before = source.read_bytes()
    for extra in ([], ["--force"]):
        result = run("segment", source, "-k", 2, "-o", source, *extra)
        assert_one_line_error(result, "is the input file")
        # Also through another spelling of the same path.
        result = run("segment", "in.png", "-k", 2, "-o", f"./{source.name}", *extra)
        assert_one_line_error(result, "is the input file")
    result = run(
        "segment",
        source,
        "-k",
        2,
        "-o",
        tmp_path / "out.png",
        "--labels",
        source,
        "--force",
    )
    assert_one_line_error(result, "is the input file")
    assert source.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.png"]


# -- bad input: one line on stderr, exit status 2, nothing written --------------------------


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["segment", "{missing}", "-k", "2", "-o", "out.png"], "does not exist"),
        (["segment", "{not_image}", "-k", "2", "-o", "out.png"], "cannot read"),
        (["segment", "{truncated}", "-k", "2", "-o", "out.png"], "image file is truncated"),
        (["segment", "{rgb}", "-k", "0", "-o", "out.png"], "must be a positive integer, got '0'"),
        (["segment", "{rgb}", "-k", "-3", "-o", "out.png"], "must be a positive integer"),
        (["segment", "{rgb}", "-k", "two", "-o", "out.png"], "positive integer, got 'two'"),
        (["segment", "{rgb}", "-k", "2.5", "-o", "out.png"], "positive integer, got '2.5'"),
        (["segment", "{rgb}", "-k", "2", "-o", "nowhere/out.png"], "'nowhere' does not exist"),
        (["segment", "{rgb}", "-k", "2", "-o", "out.xyz"], "cannot write an 8-bit RGB"),
        (["segment", "{rgb}", "-k", "2", "-o", "out"], "has no extension"),
        (["segment", "{rgba}", "-k", "2", "-o", "out.jpg"], "cannot write an 8-bit RGBA"),
        # A float image fits in no PNG: the remedy names another format.
        (["segment", "{bright_tif}", "-k", "2", "-o", "out.png"], "as .png (Cannot handle"),
        (["segment", "{bright_tif}", "-k", "2", "-o", "out.png"], "); try .tif"),
        (["segment", "{rgb}", "-k", "2", "-o", "out.png", "--labels", "l.xyz"], "--labels"),
        (
            ["segment", "{rgb}", "-k", "4", "-o", "out.png", "--coreset-size", "3"],
            "--coreset-size 3 must be at least -k 4",
        ),
        (
            ["segment", "{rgb}", "-k", "2", "-o", "out.png", "--color-space", "hsv"],
            "invalid choice: 'hsv'",
        ),
        (["segment", "{rgb}", "-k", "2", "-o", "out.png", "--tol", "-1"], "number >= 0"),
        (["segment", "{rgb}", "-k", "2"], "required: -o/--output"),
        (["segment", "{rgb}", "-o", "out.png"], "required: -k"),
        (["sweep", "{rgb}", "--k", "2,x"], "positive integers separated by commas"),
        (["sweep", "{missing}", "--k", "2,3"], "does not exist"),
        pytest.param(
            ["sweep", "{rgb}", "--k", "2,3", "--plot", "plot.xyz"],
            "unknown format '.xyz'",
            # Without matplotlib the command stops earlier, at "--plot needs matplotlib" (tested
            # below); the plot formats are matplotlib's to list.
            marks=pytest.mark.skipif(not HAVE_MATPLOTLIB, reason="needs the plot extra"),
        ),
        (["fit", "{missing_csv}", "-k", "2"], "does not exist"),
        (["fit", "{dat}", "-k", "2"], "unknown format '.dat'; use .npy or .csv"),
        (["fit", "{bad_csv}", "-k", "2"], "bad.csv:2: column 2 is 'oops', not a number"),
        (["fit", "{rgb}", "-k", "2"], "unknown format '.png'"),
        (["fit", "{csv}", "-k", "500"], "n_clusters=500 must be <= n_samples=180"),
        (["fit", "{csv}", "-k", "2", "-o", "centers.xyz"], "unknown format '.xyz'"),
        (["coreset-check", "{npy}", "-k", "2", "-m", "0"], "must be a positive integer"),
        (["coreset-check", "{dat}", "-k", "2", "-m", "10"], "unknown format '.dat'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["fit", "{nan_npy}", "-k", "2"], "X must be finite: it holds 2 NaN or infinite value(s)"),
        (["fit", "{scalar_npy}", "-k", "1"], "X must be 2-D, got shape ()"),
        (["coreset-check", "{nan_npy}", "-k", "2", "-m", "20"], "it holds 2 NaN"),
        (
            ["coreset-check", "{csv}", "-k", "500", "-m", "20", "--method", "uniform"],
            "<= n_samples",
        ),
        # The crop holds values up to 2, the image up to 3: the message gives the image's range.
        (["segment", "{bright_tif}", "-k", "2", "-o", "out.tif"], "must lie in [0, 1], got value"),
        (["segment", "{bright_tif}", "-k", "2", "-o", "out.tif"], ", 3]; divide by its maximum"),
        (["sweep", "{rgb}", "--k", "2,8", "--coreset-size", "5"], "coreset_size=5 must be >= n_c"),
        (
            ["demo", "--image", "{rgb}", "-k", "4", "--coreset-size", "3", "--out", "d"],
            "--coreset-size 3 must be at least -k 4",
        ),
    ],
)
def test_bad_input(run, tmp_path, files, args, fragment):
    names = {name: str(path) for name, path in files.items()}
    names["missing"] = str(tmp_path / "missing.png")
    names["missing_csv"] = str(tmp_path / "missing.csv")
    result = run(*[arg.format(**names) for arg in args])
    assert_one_line_error(result, fragment)
    assert list(tmp_path.iterdir()) == []


# -- sweep ---------------------------------------------------------------------------------


def test_sweep_table_marks_the_elbow(run, tmp_path, files):
    result = run("sweep", files["rgb"], "--k", "2,3,4,6,8")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["k", "inertia"]
    rows = [line.split() for line in lines[2:7]]
    assert [row[0] for row in rows] == ["2", "3", "4", "6", "8"]
    image = iio.imread(files["rgb"])
    inertias = []
    for row in rows:
        expected = segment_image(image, int(row[0]), random_state=0)
        assert float(row[1]) == pytest.approx(expected.inertia, rel=1e-4)
        assert float(row[4]) == pytest.approx(expected.ssim, abs=6e-5)
        inertias.append(expected.inertia)
    marked = [row[0] for row in rows if row[-1] == "elbow"]
    # Four colour regions: the inertia curve bends at k = 4.
    assert marked == ["4"] == [str([2, 3, 4, 6, 8][elbow_index([2, 3, 4, 6, 8], inertias)])]


def test_sweep_json_and_plot(run, tmp_path, files):
    pytest.importorskip("matplotlib")
    plot = tmp_path / "elbow.png"
    result = run("sweep", files["rgb"], "--k", "2,4,8", "--plot", plot, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert [record["n_clusters"] for record in payload["results"]] == [2, 4, 8]
    assert payload["elbow_k"] == 4
    assert all(
        set(record) >= {"inertia", "mse", "psnr", "ssim", "time_s"} for record in payload["results"]
    )
    assert iio.imread(plot).ndim == 3
    again = run("sweep", files["rgb"], "--k", "2,4,8", "--plot", plot)
    assert_one_line_error(again, "exists; pass --force")


def test_sweep_plot_marks_the_elbow_and_the_selected_k(run, tmp_path, files, monkeypatch):
    matplotlib = pytest.importorskip("matplotlib")
    monkeypatch.setitem(matplotlib.rcParams, "svg.fonttype", "none")  # text as text
    plot = tmp_path / "elbow.svg"
    result = run("sweep", files["rgb"], "--k", "2,4,8", "--plot", plot, "--select", "silhouette")
    assert result.returncode == 0, result.stderr
    payload = json.loads(
        run("sweep", files["rgb"], "--k", "2,4,8", "--select", "silhouette", "--json", "-q").stdout
    )
    svg = plot.read_text()
    assert f">elbow k={payload['elbow_k']}<" in svg
    assert f">selected k={payload['selected_k']} (silhouette)<" in svg
    assert ">k (clusters)<" in svg and ">inertia<" in svg


def test_sweep_plot_without_matplotlib(run, tmp_path, files, monkeypatch):
    for name in ["matplotlib", *(name for name in sys.modules if name.startswith("matplotlib."))]:
        monkeypatch.setitem(sys.modules, name, None)  # as if it were not installed
    result = run("sweep", files["rgb"], "--k", "2,4", "--plot", tmp_path / "elbow.png")
    assert_one_line_error(result, "--plot needs matplotlib")
    assert "pip install 'fastkmeans[plot]'" in result.stderr
    assert list(tmp_path.iterdir()) == []


# -- fit and coreset-check -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["csv", "npy"])
def test_fit(run, tmp_path, files, name):
    output = tmp_path / "centers.npy"
    result = run("fit", files[name], "-k", 3, "--seed", 2, "-o", output, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    expected = KMeans(3, random_state=2).fit(np.load(files["npy"]))
    assert_allclose(np.load(output), expected.cluster_centers_, rtol=1e-12)
    assert_allclose(payload["centers"], expected.cluster_centers_, rtol=1e-12)
    assert payload["inertia"] == pytest.approx(expected.inertia_, rel=1e-12)
    assert payload["n_samples"] == 180 and payload["n_features"] == 2


def test_fit_text_output_and_csv_centres(run, tmp_path, files):
    result = run("fit", files["npy"], "-k", 3, "-o", tmp_path / "c.csv")
    assert result.returncode == 0, result.stderr
    expected = KMeans(3, random_state=0).fit(np.load(files["npy"]))
    assert f"inertia (all rows) {expected.inertia_:.8g}" in result.stdout
    assert_allclose(np.loadtxt(tmp_path / "c.csv", delimiter=","), expected.cluster_centers_)


def test_fit_on_a_coreset(run, tmp_path, files):
    result = run("fit", files["npy"], "-k", 3, "--coreset-size", 60, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["coreset_size"] == 60
    centres = np.array(payload["centers"])
    assert payload["inertia"] == pytest.approx(cost(np.load(files["npy"]), centres), rel=1e-12)
    # That is KMeans(coreset_size=...): fitted on a sensitivity coreset, costed on all rows.
    expected = KMeans(3, coreset_size=60, random_state=0).fit(np.load(files["npy"]))
    assert_array_equal(centres, expected.cluster_centers_)
    assert payload["inertia"] == expected.inertia_


@pytest.mark.parametrize("method", ["sensitivity", "lightweight", "uniform"])
def test_coreset_check(run, tmp_path, files, method):
    result = run("coreset-check", files["npy"], "-k", 3, "-m", 60, "--method", method, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["method"] == method and payload["size"] <= 60
    assert 1.0 <= payload["distortion"] < 2.0
    ratio = max(
        payload["cost_data"] / payload["cost_coreset"],
        payload["cost_coreset"] / payload["cost_data"],
    )
    assert payload["distortion"] == pytest.approx(ratio, rel=1e-12)


def test_coreset_check_text(run, tmp_path, files):
    result = run("coreset-check", files["csv"], "-k", 3, "-m", 180)
    assert result.returncode == 0, result.stderr
    # A coreset as large as the data is the data itself: no distortion.
    assert "distortion 1 " in result.stdout


# -- help ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["demo", "segment", "sweep", "fit", "coreset-check"])
def test_help_has_examples(run, tmp_path, command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert f"python -m fastkmeans {command}" in result.stdout.split("examples:")[1]


def test_version(run):
    from fastkmeans import __version__

    assert run("--version") == (0, f"fastkmeans {__version__}\n", "")


# -- progress notices ----------------------------------------------------------------------


def test_progress_notice_only_for_slow_steps(capsys):
    with Progress("quick step", delay=0.5):
        pass
    with Progress("slow step", delay=0.05):
        time.sleep(0.3)
    with Progress("silent step", enabled=False, delay=0.0):
        time.sleep(0.1)
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0] == "fastkmeans: slow step..."
    assert lines[1].startswith("fastkmeans: slow step: done in ")
    assert len(lines) == 2


def test_sweep_reports_each_k_once_it_has_run_a_while(run, files, monkeypatch):
    # A sweep of many quick k shows where it is: past the delay (0 here), a line per k as it
    # ends, largest k first (the order it runs them in); nothing under --quiet.
    import fastkmeans.cli.output

    monkeypatch.setattr(fastkmeans.cli.output, "STEP_PROGRESS_DELAY", 0.0)
    result = run("sweep", files["rgb"], "--k", "2,4,8")
    assert result.returncode == 0, result.stderr
    steps = [line for line in result.stderr.splitlines() if line.startswith("fastkmeans: sweep:")]
    assert [line.split(" (")[0] for line in steps] == [
        "fastkmeans: sweep: k=8 done",
        "fastkmeans: sweep: k=4 done",
        "fastkmeans: sweep: k=2 done",
    ]
    assert [line.split(" (")[1].split(",")[0] for line in steps] == ["1 of 3", "2 of 3", "3 of 3"]
    quiet = run("sweep", files["rgb"], "--k", "2,4,8", "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""


# -- palette where it can, truecolour where it must, never a lossy label map ------------------


def test_alpha_a_palette_gif_holds_is_written_as_one(run, tmp_path):
    # Opaque colours and one fully transparent one: a palette GIF holds them (its truecolour
    # form would not), so the early format check must not refuse it.
    image = np.zeros((8, 10, 4), np.uint8)
    image[..., :3] = REGION_COLOURS[np.arange(80).reshape(8, 10) % 3]
    image[..., 3] = 255
    image[:2, :, 3] = 0
    image[:2, :, :3] = 0
    iio.imwrite(tmp_path / "in.png", image)
    result = run("segment", "in.png", "-k", 4, "-o", "out.gif", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["indexed"] is True
    assert_array_equal(read_image(tmp_path / "out.gif"), image)


def test_alpha_no_palette_holds_is_written_truecolour_with_a_warning(run, tmp_path, files):
    # Partial alpha in a palette TIFF: impossible; the truecolour TIFF holds it.
    result = run("segment", files["rgba"], "-k", 3, "-o", "out.tif", "--json")
    assert result.returncode == 0, result.stderr
    warning = "fastkmeans: warning: 'out.tif' is written truecolour: a palette TIFF cannot hold"
    assert warning in result.stderr
    assert json.loads(result.stdout)["indexed"] is False
    expected = segment_image(iio.imread(files["rgba"]), 3, random_state=0).image
    assert_array_equal(read_image(tmp_path / "out.tif"), expected)
    # A GIF holds it in neither form: one error naming both reasons, nothing written.
    result = run("segment", files["rgba"], "-k", 3, "-o", "out.gif")
    assert_one_line_error(
        result, "-o 'out.gif': a palette GIF cannot hold this alpha channel (a palette PNG can"
    )
    assert "and cannot write an 8-bit RGBA image as .gif" in result.stderr
    assert not (tmp_path / "out.gif").exists()


def test_alpha_does_not_decide_the_palette_strip_format(run, tmp_path, files):
    # The strip of palette colours has no alpha: --palette p.bmp was refused for an RGBA
    # input ("cannot write an 8-bit RGBA image as .bmp").
    result = run("segment", files["rgba"], "-k", 3, "-o", "out.png", "--palette", "p.bmp")
    assert result.returncode == 0, result.stderr
    palette = segment_image(iio.imread(files["rgba"]), 3, random_state=0).palette
    assert_array_equal(read_image(tmp_path / "p.bmp"), palette_image(palette))
    # Refused before any work, an output's message counts no pixels of the 2 x 2 corner it
    # tried ("4 of its 4 pixels would read back changed", for an image of thousands).
    result = run("segment", files["rgba"], "-k", 3, "-o", "out.bmp")
    assert_one_line_error(result, "cannot write an 8-bit RGBA image as .bmp (its pixels would")
    assert "of its 4 pixels" not in result.stderr


def test_label_maps_are_refused_in_lossy_or_too_shallow_formats_before_any_work(
    run, tmp_path, files, monkeypatch
):
    from fastkmeans.cli import running

    def no_work(*args, **kwargs):
        raise AssertionError("segmented although an output was refused")

    monkeypatch.setattr(running, "segment_image", no_work)
    result = run("segment", files["rgb"], "-k", 4, "-o", "out.png", "--labels", "labels.jpg")
    assert_one_line_error(result, "--labels 'labels.jpg': .jpg is lossy and would change")
    result = run("segment", files["rgb"], "-k", 300, "-o", "out.png", "--labels", "labels.gif")
    assert_one_line_error(result, "--labels 'labels.gif': cannot write a 16-bit grey image as .gif")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_plot_format_matplotlib_cannot_write_here_is_refused_before_the_sweep(
    run, tmp_path, files, monkeypatch
):
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    from fastkmeans.cli import running

    def no_latex(self, *args, **kwargs):  # as .pgf fails on a machine without LaTeX
        raise RuntimeError("'xelatex' not found")

    def no_work(*args, **kwargs):
        raise AssertionError("swept although the plot could not be written")

    monkeypatch.setattr(Figure, "savefig", no_latex)
    monkeypatch.setattr(running, "segment_image", no_work)
    result = run("sweep", files["rgb"], "--k", "2,3", "--plot", "elbow.pgf")
    assert_one_line_error(
        result, "--plot 'elbow.pgf': matplotlib cannot write .pgf here ('xelatex' not found)"
    )


def test_running_out_of_memory_is_one_line_not_a_traceback(run, tmp_path, files, monkeypatch):
    from fastkmeans.cli import running

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(running, "segment_image", exhausted)
    result = run("segment", files["rgb"], "-k", 4, "-o", "out.png")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "fastkmeans: error: out of memory; try a smaller input (for images --max-pixels, or "
        "--coreset-size where the command has it)"
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("x,y\n1,2\n3,nan\n", "data.csv:3: column 2 is 'nan'"),
        ("1,2\n1e400,3\n", "data.csv:2: column 1 is '1e400'"),  # beyond float64: inf
        ("1,2\n# note\n3,4\n-inf,5\n", "data.csv:4: column 1 is '-inf'"),
    ],
)
def test_a_csv_cell_that_is_not_finite_is_named_by_line_and_column(run, tmp_path, text, where):
    (tmp_path / "data.csv").write_text(text)
    result = run("fit", "data.csv", "-k", 1)
    assert_one_line_error(result, f"{where}, not a finite number; fix it or drop the row")


def test_json_carries_the_k_asked_for_and_every_output(run, tmp_path):
    # One colour: every k gives one cluster (n_clusters 1); "k" says which record is which.
    iio.imwrite(tmp_path / "flat.png", np.full((6, 7, 3), 90, np.uint8))
    result = run("sweep", "flat.png", "--k", "1,2,3", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)["results"]
    assert [r["k"] for r in records] == [1, 2, 3]
    assert [r["n_clusters"] for r in records] == [1, 1, 1]
    result = run(
        "segment",
        "flat.png",
        "-k",
        2,
        "-o",
        "out.png",
        "--labels",
        "l.npy",
        "--palette",
        "p.csv",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["k"], record["n_clusters"]) == (2, 1)
    assert (record["output"], record["labels"], record["palette"]) == ("out.png", "l.npy", "p.csv")


def test_every_json_report_says_the_k_asked_for(run, files):
    # "k" is the -k asked everywhere; "n_clusters" is what a result has (test above).
    reports = {
        "fit": run("fit", files["npy"], "-k", 3, "--json"),
        "coreset-check": run("coreset-check", files["npy"], "-k", 3, "-m", 40, "--json"),
        "demo": run("demo", "--image", files["rgb"], "-k", 3, "--coreset-size", 40, "--json"),
    }
    for command, result in reports.items():
        assert result.returncode == 0, (command, result.stderr)
        assert json.loads(result.stdout)["k"] == 3, command


def test_a_coreset_smaller_than_k_is_refused_in_the_options_words(run, files):
    # segment and demo: test_bad_input.
    result = run("fit", files["npy"], "-k", 4, "--coreset-size", 3)
    assert_one_line_error(result, "--coreset-size 3 must be at least -k 4")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_parallel_pass_stops_the_command_once_the_pass_ends(
    monkeypatch, request, signum
):
    # Raised inside the pass, the interrupt could land in Numba between taking a lock and
    # releasing it while another slice waited for that lock: a hang. It is deferred to the
    # end of the pass instead, after every slice has finished. Ctrl-C as in a terminal: a test
    # run started in the background (nohup, `&`) inherits SIGINT ignored, which the command
    # rightly leaves ignored.
    previous_sigint = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous_sigint))
    from fastkmeans._kernels import _config
    from fastkmeans.cli import _sigterm_as_interrupt
    from fastkmeans.cli.errors import Terminated

    real_wait = _config.wait_for_slices
    events = []

    def signalled_wait(futures):
        if not events:
            os.kill(os.getpid(), signum)
            events.append("signalled")
        real_wait(futures)
        events.append("slices finished")

    monkeypatch.setattr(_config, "wait_for_slices", signalled_wait)
    # 50,000 rows: up to 32,768 are fitted on one thread (_parallel.SERIAL_MAX_VALUES), no pool.
    X = np.random.default_rng(0).normal(size=(50_000, 3))
    expected = Terminated if signum == signal.SIGTERM else KeyboardInterrupt
    with _sigterm_as_interrupt(), pytest.raises(expected) as raised:
        with _config.threads_for(2):
            KMeans(4, random_state=0).fit(X)
    assert type(raised.value) is expected
    assert events[:2] == ["signalled", "slices finished"]
    assert _config._deferral.depth == 0 and _config._deferral.pending is None


def test_demo_says_when_its_files_are_larger_than_the_input(run, tmp_path):
    # A small, very lossy JPEG of noise: the 16-colour PNG of it is larger than the input.
    from PIL import Image

    noise = np.random.default_rng(0).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    Image.fromarray(noise).save(tmp_path / "tiny.jpg", quality=5)
    result = run("demo", "--image", "tiny.jpg", "-k", 16, "--coreset-size", 64, "--out", "d")
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "d" / "segmented_full.png").stat().st_size
    input_bytes = (tmp_path / "tiny.jpg").stat().st_size
    assert written > input_bytes
    assert f"{written / input_bytes:.1f}x the size of the input (all pixels)" in result.stdout
    assert "smaller than the input" not in result.stdout
