"""``segment`` as a compressor (palette files, sizes, dithering) and ``sweep --select``."""

import json

import imageio.v3 as iio
import numpy as np
import pytest
from numpy.testing import assert_array_equal

from fastkmeans import (
    calinski_harabasz_score,
    davies_bouldin_score,
    segment_image,
    silhouette_score,
)
from fastkmeans.image import elbow_index, read_image


@pytest.fixture(scope="session")
def photo(tmp_path_factory):
    """A small smooth image with many colours, as a PNG and as a JPEG."""
    folder = tmp_path_factory.mktemp("compression")
    y, x = np.mgrid[0:48, 0:64]
    image = np.stack([x * 4, y * 5, (x + y) * 2], axis=-1).clip(0, 255).astype(np.uint8)
    iio.imwrite(folder / "photo.png", image)
    iio.imwrite(folder / "photo.jpg", image, quality=95)
    return image, folder / "photo.png", folder / "photo.jpg"


def _ihdr(path) -> tuple[int, int]:
    data = path.read_bytes()
    return data[24], data[25]  # bit depth, colour type (3: indexed, 2: RGB)


@pytest.mark.parametrize("k, bits", [(2, 1), (4, 2), (16, 4), (40, 8)])
def test_segment_writes_a_palette_png_at_the_bit_depth_k_needs(run, tmp_path, photo, k, bits):
    image, png, _ = photo
    result = run("segment", png, "-k", k, "-o", tmp_path / "out.png", "--json", "-q")
    assert result.returncode == 0, result.stderr
    assert _ihdr(tmp_path / "out.png") == (bits, 3)
    expected = segment_image(image, k, random_state=0)
    assert_array_equal(read_image(tmp_path / "out.png"), expected.image)
    record = json.loads(result.stdout)
    size = (tmp_path / "out.png").stat().st_size
    assert record["output_bytes"] == size and record["indexed"] is True
    assert record["input_bytes"] == png.stat().st_size == record["png_bytes"]
    assert record["bits_per_pixel"] == pytest.approx(8 * size / (48 * 64))
    assert record["compression_ratio"] == pytest.approx(png.stat().st_size / size)


def test_truecolor_and_the_lossless_png_baseline_of_a_jpeg(run, tmp_path, photo):
    image, _, jpg = photo
    result = run("segment", jpg, "-k", 8, "-o", tmp_path / "out.png", "--truecolor", "--json")
    assert result.returncode == 0, result.stderr
    assert _ihdr(tmp_path / "out.png") == (8, 2)
    record = json.loads(result.stdout)
    assert record["indexed"] is False
    lossless = len(iio.imwrite("<bytes>", iio.imread(jpg), extension=".png"))
    assert record["png_bytes"] == lossless
    assert record["compression_ratio_png"] == pytest.approx(lossless / record["output_bytes"])
    text = run("segment", jpg, "-k", 8, "-o", tmp_path / "b.png", "-q")
    assert "bits/pixel" in text.stdout and "lossless PNG" in text.stdout


@pytest.mark.parametrize("suffix", [".gif", ".tif"])
def test_segment_writes_palette_gif_and_tiff(run, tmp_path, photo, suffix):
    from PIL import Image

    image, png, _ = photo
    assert run("segment", png, "-k", 6, "-o", tmp_path / f"out{suffix}", "-q").returncode == 0
    with Image.open(tmp_path / f"out{suffix}") as reopened:
        assert reopened.mode == "P"
        expected = segment_image(image, 6, random_state=0).image
        assert_array_equal(np.asarray(reopened.convert("RGB")), expected)


def test_segment_dither(run, tmp_path, photo):
    image, png, _ = photo
    result = run("segment", png, "-k", 4, "-o", tmp_path / "out.png", "--dither", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["dithered"] is True
    expected = segment_image(image, 4, random_state=0, dither=True)
    assert_array_equal(read_image(tmp_path / "out.png"), expected.image)


def test_sweep_selects_k_by_each_rule(run, photo):
    image, png, _ = photo
    ks = [2, 4, 8, 16]
    segs = [segment_image(image, k, random_state=0) for k in ks]

    def selected(rule):
        result = run("sweep", png, "--k", "2,4,8,16", "--select", rule, "--json", "-q")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    target = float(np.floor(segs[2].psnr * 100) / 100)  # k=8 reaches it, maybe a smaller k
    payload = selected(f"psnr:{target}")
    assert payload["select"] == f"psnr:{target:g}"
    assert payload["selected_k"] == min(
        k for k, s in zip(ks, segs, strict=True) if s.psnr >= target
    )
    records = payload["results"]
    assert [r["png_bytes"] for r in records] == [len(s.encode(".png")) for s in segs]
    budget = records[2]["png_bytes"]  # the k=8 file fits exactly
    fitting = [k for k, r in zip(ks, records, strict=True) if r["png_bytes"] <= budget]
    best = max(fitting, key=lambda k: segs[ks.index(k)].psnr)
    assert selected(f"size:{budget}")["selected_k"] == best
    assert selected("ssim:0.999999")["selected_k"] is None
    # ssim: as psnr:, the smallest k that reaches it.
    ssim_target = float(np.floor(segs[2].ssim * 1e4) / 1e4)
    assert selected(f"ssim:{ssim_target}")["selected_k"] == min(
        k for k, s in zip(ks, segs, strict=True) if s.ssim >= ssim_target
    )
    # elbow (the default rule): the k the table marks as the elbow.
    elbow_k = ks[elbow_index(ks, [s.inertia for s in segs])]
    for payload in (
        selected("elbow"),
        json.loads(run("sweep", png, "--k", "2,4,8,16", "--json", "-q").stdout),
    ):
        assert payload["select"] == "elbow"
        assert payload["selected_k"] == payload["elbow_k"] == elbow_k
    by_silhouette = selected("silhouette")
    scores = [r["silhouette"] for r in by_silhouette["results"]]
    assert by_silhouette["selected_k"] == ks[int(np.argmax(scores))]
    # The silhouette is the exact one of the sampled pixels (all 3,072 here).
    pixels = image.reshape(-1, 3).astype(np.float64)
    rows = np.random.default_rng(0).choice(len(pixels), len(pixels), replace=False)
    expected = silhouette_score(pixels[rows], segs[1].labels.reshape(-1)[rows])
    assert scores[1] == pytest.approx(expected, rel=1e-12)
    # Davies-Bouldin (lowest wins) and Calinski-Harabasz (highest wins), of the same sample.
    for rule, score, best in (
        ("davies-bouldin", davies_bouldin_score, np.argmin),
        ("calinski-harabasz", calinski_harabasz_score, np.argmax),
    ):
        payload = selected(rule)
        key = rule.replace("-", "_")
        scores = [r[key] for r in payload["results"]]
        assert payload["selected_k"] == ks[int(best(scores))]
        expected = score(pixels[rows], segs[2].labels.reshape(-1)[rows])
        assert scores[2] == pytest.approx(expected, rel=1e-12)


def test_sweep_sizes_an_image_no_palette_holds(run, tmp_path):
    # More than 256 (colour, alpha) pairs: segment writes a truecolour PNG; sweep reported no
    # size ("-"), so --select size: never picked a k, whatever the budget.
    x = np.arange(300)
    ramp = np.zeros((20, 300, 4), np.uint8)
    ramp[..., 0] = x % 200
    ramp[..., 3] = x % 256
    iio.imwrite(tmp_path / "ramp.png", ramp)
    result = run("sweep", "ramp.png", "--k", "2,3", "--select", "size:1MiB", "--json", "-q")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    sizes = [record["png_bytes"] for record in payload["results"]]
    assert sizes == [len(segment_image(ramp, k, random_state=0).encode(".png")) for k in (2, 3)]
    assert payload["selected_k"] is not None
    assert payload["select"] == "size:1048576"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("psnr", "must be elbow, silhouette, "),
        ("knee", "must be elbow, silhouette, "),
        ("size:lots", "size: takes a size of at least 1 byte (units B, KB, MB, KiB, MiB)"),
        ("size:0.5B", "size: takes a size of at least 1 byte"),
        ("ssim:-1", "ssim: takes an SSIM in (0, 1]"),
        ("ssim:2", "ssim: takes an SSIM in (0, 1]"),  # never met: a silent "no k meets"
        ("psnr:30KB", "psnr: takes a PSNR in dB above 0, e.g. psnr:32; got 'psnr:30KB' (unit"),
    ],
)
def test_sweep_rejects_a_bad_rule(run, photo, rule, message):
    result = run("sweep", photo[1], "--select", rule)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--select" in lines[0] and message in lines[0], lines


def test_sweep_takes_a_psnr_in_db():
    from fastkmeans.cli.parser import select_rule

    assert select_rule("psnr:32dB") == select_rule("psnr:32") == ("psnr", 32.0)
    assert select_rule("size:1.5KiB") == ("size", 1536.0)
    assert select_rule("size:200KB") == ("size", 200_000.0)
    assert select_rule("size:2MB") == ("size", 2_000_000.0)
    assert select_rule("size:3MiB") == ("size", 3 * 2.0**20)
