"""segment_image, the exact colour summary and colour spaces."""

import io
import warnings

import imageio.v3 as iio
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal

from fastkmeans import FewDistinctPointsWarning, KMeans, mse, psnr, segment_image, ssim
from fastkmeans._colour import summarise_colours
from fastkmeans.image import (
    colour_summary,
    elbow_index,
    lab_to_rgb,
    palette_image,
    rgb_to_lab,
    side_by_side,
)

from . import naive

REGION_COLOURS = np.array([[200, 30, 30], [20, 180, 40], [30, 40, 220], [240, 240, 240]])


def region_map(height=16, width=16):
    """Four quadrant regions, labelled 0..3."""
    regions = np.zeros((height, width), dtype=np.int64)
    regions[: height // 2, width // 2 :] = 1
    regions[height // 2 :, : width // 2] = 2
    regions[height // 2 :, width // 2 :] = 3
    return regions


def region_image(noise=0, dtype=np.uint8, scale=1, seed=0):
    """A 16 x 16 RGB image of the four quadrant regions, with uniform noise of +-``noise``."""
    rng = np.random.default_rng(seed)
    regions = region_map()
    image = REGION_COLOURS[regions] * scale
    if noise:
        image = image + rng.integers(-noise, noise + 1, size=image.shape)
    return image.astype(dtype), regions


def same_partition(labels, regions):
    """Labels equal to the regions up to a renaming of the clusters."""
    pairs = set(zip(labels.ravel().tolist(), regions.ravel().tolist(), strict=True))
    return len(pairs) == len(set(labels.ravel().tolist())) == len(set(regions.ravel().tolist()))


# -- colour summary ------------------------------------------------------------------------


@st.composite
def small_images(draw):
    dtype = draw(st.sampled_from([np.uint8, np.uint16, np.float32, np.float64]))
    channels = draw(st.sampled_from([None, 1, 2, 3, 4]))
    height, width = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    shape = (height, width) if channels is None else (height, width, channels)
    if np.dtype(dtype).kind == "u":
        # Few levels, so that colours repeat.
        top = np.iinfo(dtype).max
        elements = st.sampled_from([0, 1, 7, top - 1, top])
    else:
        elements = st.sampled_from([0.0, 0.25, 0.5, 1.0])
    return draw(arrays(dtype, shape, elements=elements))


@given(small_images())
def test_colour_summary_matches_unique_rows(image):
    summary = colour_summary(image)
    colours, counts, inverse = naive.colour_summary(image)
    assert summary.colours.dtype == image.dtype
    assert_array_equal(summary.colours, colours)
    assert_array_equal(summary.counts, counts)
    assert_array_equal(summary.inverse, inverse)


def test_colour_summary_with_many_colours_grows_its_table():
    # ~16000 distinct colours: the hash table (4096 slots at first) doubles several times.
    rng = np.random.default_rng(1)
    image = rng.integers(0, 256, size=(128, 128, 3), dtype=np.uint8)
    image[64:] = image[:64]  # and every colour repeats
    summary = colour_summary(image)
    colours, counts, inverse = naive.colour_summary(image)
    assert summary.colours.shape[0] > 8000
    assert_array_equal(summary.colours, colours)
    assert_array_equal(summary.counts, counts)
    assert_array_equal(summary.inverse, inverse)
    assert_array_equal(summary.colours[summary.inverse], image.reshape(-1, 3))


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])  # bitmap, hashed
@pytest.mark.parametrize("n_blocks", [2, 3, 7, 40])
def test_colour_summary_does_not_depend_on_its_blocks_of_rows(n_blocks, dtype):
    # Blocks are summarised separately and merged; colours shared across blocks, repeated
    # along rows and down columns (the hash's neighbour shortcuts), and more blocks than rows.
    rng = np.random.default_rng(3)
    image = (rng.integers(0, 3, size=(29, 17, 3)) * 100).astype(dtype)
    image[:, 5:9] = image[:, 4:5]
    image[10:15] = image[9]
    colours, counts, inverse = naive.colour_summary(image)
    summary = summarise_colours(image, n_blocks)
    assert_array_equal(summary.colours, colours)
    assert_array_equal(summary.counts, counts)
    assert_array_equal(summary.inverse, inverse)


@pytest.mark.parametrize("n_blocks", [2, 3])
def test_colour_summary_bitmaps_of_blocks_are_merged(n_blocks):
    # Each block marks a 2 MiB bitmap of its own only when the image has at least as many
    # bytes of inverse (2**20 pixels for 24-bit colours); grey images, whose bitmap has 256
    # bits, are marked in blocks from a few pixels up. Colours 0 and 2**24 - 1 included.
    rng = np.random.default_rng(4)
    image = rng.integers(0, 4, size=(1100, 1000, 3), dtype=np.uint8) * 85
    image[:550, :, 0] = rng.integers(0, 256, size=(550, 1000))  # colours only in block 0
    image[1000:, :, 1] = 1  # and only in the last block
    for picture in (image, image[:40, :30, 1]):
        colours, counts, inverse = naive.colour_summary(picture)
        summary = summarise_colours(picture, n_blocks)
        assert_array_equal(summary.colours, colours)
        assert_array_equal(summary.counts, counts)
        assert_array_equal(summary.inverse, inverse)


def test_colour_summary_of_16_bit_colours_uses_every_bit():
    # Colours that differ only in low bits of the last channel or high bits of the first one.
    image = np.array(
        [[[65535, 0, 1], [65535, 0, 0], [32768, 0, 1], [65535, 0, 1]]], dtype=np.uint16
    )
    summary = colour_summary(image)
    assert summary.colours.tolist() == [[32768, 0, 1], [65535, 0, 0], [65535, 0, 1]]
    assert summary.counts.tolist() == [1, 1, 2]
    assert summary.inverse.tolist() == [2, 1, 0, 2]


def test_weighted_summary_gives_the_same_clustering_as_all_pixels():
    rng = np.random.default_rng(2)
    image = (rng.integers(0, 6, size=(40, 30, 3)) * 40).astype(np.uint8)  # 216 colours, repeated
    pixels = image.reshape(-1, 3).astype(np.float64)
    summary = colour_summary(image)
    init = pixels[[0, 100, 500, 900, 1100]]
    full = KMeans(5, init=init, tol=0).fit(pixels)
    weighted = KMeans(5, init=init, tol=0).fit(
        summary.colours.astype(np.float64), sample_weight=summary.counts
    )
    assert_allclose(weighted.cluster_centers_, full.cluster_centers_, rtol=1e-12, atol=1e-9)
    assert_array_equal(weighted.labels_[summary.inverse], full.labels_)
    assert_allclose(weighted.inertia_, full.inertia_, rtol=1e-12)
    assert weighted.n_iter_ == full.n_iter_


def test_segment_image_equals_clustering_every_pixel():
    image, _ = region_image(noise=20, seed=3)
    seg = segment_image(image, 4, random_state=5)
    pixels = image.reshape(-1, 3).astype(np.float64)
    full = KMeans(4, init=seg.centers, tol=0).fit(pixels)  # every pixel, from the result
    assert_allclose(full.cluster_centers_, seg.centers, atol=1e-6)
    assert_array_equal(full.labels_.reshape(16, 16), seg.labels)
    # 8-bit colours are clustered as float32 points: the cost to float32's precision.
    assert_allclose(seg.inertia, naive.cost(pixels, seg.centers), rtol=1e-6)


# -- segmentation --------------------------------------------------------------------------


@pytest.mark.parametrize("n_clusters", [255, 256, 257, 300])
def test_more_clusters_than_a_byte_holds_label_every_pixel(n_clusters):
    # Pixels look their cluster up in a table of one byte per colour up to 256 clusters, of
    # four beyond.
    rng = np.random.default_rng(n_clusters)
    image = rng.integers(0, 256, size=(40, 30, 3), dtype=np.uint8)
    seg = segment_image(image, n_clusters, random_state=0)
    assert seg.labels.max() == n_clusters - 1
    assert_array_equal(seg.image, seg.palette[seg.labels])
    labels, _ = naive.nearest(image.reshape(-1, 3).astype(np.float64), seg.centers)
    assert_array_equal(seg.labels.ravel(), labels)


def test_exact_recovery_of_noisy_regions():
    image, regions = region_image(noise=6)
    seg = segment_image(image, 4, random_state=0)
    assert same_partition(seg.labels, regions)
    assert seg.image.shape == image.shape and seg.image.dtype == np.uint8
    # Each palette colour is its region's mean colour, rounded.
    for cluster in range(4):
        mean = image[seg.labels == cluster].astype(np.float64).mean(axis=0)
        assert_array_equal(seg.palette[cluster], np.rint(mean))
    assert_array_equal(seg.image, seg.palette[seg.labels])
    assert seg.labels.dtype == np.int32 and seg.labels.shape == (16, 16)
    assert seg.n_colors == seg.n_colours == len(naive.colour_summary(image)[0])
    assert seg.n_clusters == 4


def test_noise_free_regions_are_reproduced_exactly():
    image, regions = region_image()
    seg = segment_image(image, 4, random_state=1)
    assert_array_equal(seg.image, image)
    assert seg.mse == 0.0 and seg.psnr == float("inf") and seg.ssim == pytest.approx(1.0)
    assert seg.inertia == 0.0
    assert same_partition(seg.labels, regions)


def test_quality_figures_and_inertia_describe_the_result():
    image, _ = region_image(noise=30, seed=4)
    seg = segment_image(image, 3, random_state=2)
    # Quality is computed on first read, then kept.
    assert set(seg.timings) == {"summary", "fit", "assign"}
    assert seg.mse == pytest.approx(mse(image, seg.image), rel=1e-12)
    assert set(seg.timings) == {"summary", "fit", "assign", "quality"}
    assert seg.psnr == pytest.approx(psnr(image, seg.image), rel=1e-12)
    assert seg.ssim == pytest.approx(ssim(image, seg.image), rel=1e-12)
    pixels = image.reshape(-1, 3)
    labels, distances = naive.nearest(pixels, seg.centers)
    assert_array_equal(seg.labels.ravel(), labels)
    assert seg.inertia == pytest.approx(distances.sum(), rel=1e-6)  # float32 points
    assert seg.time == pytest.approx(
        seg.timings["summary"] + seg.timings["fit"] + seg.timings["assign"]
    )
    eager = segment_image(image, 3, random_state=2, quality=True)
    assert set(eager.timings) == {"summary", "fit", "assign", "quality"}
    assert (eager.mse, eager.psnr, eager.ssim) == (seg.mse, seg.psnr, seg.ssim)
    assert_array_equal(eager.image, seg.image)


@pytest.mark.parametrize("color_space", ["rgb", "lab"])
def test_dithering_diffuses_the_error_onto_the_palette(color_space):
    # A smooth horizontal ramp with two palette colours: nearest-colour mapping gives two
    # flat halves; Floyd-Steinberg mixes the two colours so that local means follow the ramp.
    ramp = np.tile(np.linspace(0, 255, 64).round().astype(np.uint8)[None, :, None], (32, 1, 3))
    flat = segment_image(ramp, 2, random_state=0, color_space=color_space)
    dithered = segment_image(ramp, 2, random_state=0, color_space=color_space, dither=True)
    assert dithered.dithered and not flat.dithered
    assert_array_equal(dithered.palette, flat.palette)
    assert dithered.inertia == flat.inertia  # the clustering is the same
    assert_array_equal(dithered.image, dithered.palette[dithered.labels])
    # Between the two palette colours (the only values a mix of them can reach), column
    # means follow the ramp much more closely with dithering.
    truth = ramp[0, :, 0].astype(float)
    low, high = np.sort(flat.palette[:, 0].astype(float))
    inside = (truth > low) & (truth < high)
    error_flat = np.abs(flat.image[..., 0].mean(axis=0) - truth)[inside].mean()
    error_dithered = np.abs(dithered.image[..., 0].mean(axis=0) - truth)[inside].mean()
    # In Lab the mix is made in Lab, not in the RGB of these means: a looser match.
    assert error_dithered < (0.3 if color_space == "rgb" else 0.5) * error_flat
    assert dithered.mse == pytest.approx(mse(ramp, dithered.image), rel=1e-12)
    assert dithered.ssim == pytest.approx(ssim(ramp, dithered.image), rel=1e-12)


def test_dithering_matches_the_oracle():
    rng = np.random.default_rng(3)
    image = rng.integers(0, 256, size=(9, 7, 3), dtype=np.uint8)
    seg = segment_image(image, 4, random_state=0, dither=True)
    expected = naive.floyd_steinberg(image.reshape(-1, 3).astype(float), seg.centers, 7)
    assert_array_equal(seg.labels.ravel(), expected)


def test_rgba_keeps_alpha_and_clusters_colour_only():
    image, regions = region_image()
    rng = np.random.default_rng(5)
    alpha = rng.integers(0, 256, size=(16, 16, 1), dtype=np.uint8)
    rgba = np.concatenate([image, alpha], axis=2)
    seg = segment_image(rgba, 4, random_state=0)
    assert seg.image.shape == rgba.shape
    assert_array_equal(seg.image[..., 3], rgba[..., 3])
    assert_array_equal(seg.image, rgba)  # colours recovered exactly, alpha untouched
    assert seg.palette.shape == (4, 3)
    assert seg.n_colors == 4  # random alpha does not split colours
    assert same_partition(seg.labels, regions)


def test_rgba_quality_ignores_alpha():
    image, _ = region_image(noise=25, seed=6)
    alpha = np.full((16, 16, 1), 255, np.uint8)
    rgba = np.concatenate([image, alpha], axis=2)
    with_alpha = segment_image(rgba, 3, random_state=0)
    without = segment_image(image, 3, random_state=0)
    assert with_alpha.mse == pytest.approx(without.mse, rel=1e-12)
    assert with_alpha.ssim == pytest.approx(without.ssim, rel=1e-12)
    assert_array_equal(with_alpha.image[..., :3], without.image)


@pytest.mark.parametrize("shape", [(16, 16), (16, 16, 1)])
def test_greyscale_round_trip(shape):
    regions = region_map()
    grey = np.array([10, 90, 170, 250])[regions].astype(np.uint8).reshape(shape)
    seg = segment_image(grey, 4, random_state=0)
    assert seg.image.shape == shape and seg.image.dtype == np.uint8
    assert_array_equal(seg.image, grey)
    assert seg.palette.shape == (4, 1)
    assert same_partition(seg.labels, regions)


def test_grey_with_alpha_keeps_alpha():
    regions = region_map()
    grey = np.array([10, 90, 170, 250])[regions].astype(np.uint8)
    alpha = np.arange(256, dtype=np.uint8).reshape(16, 16)
    image = np.stack([grey, alpha], axis=2)
    seg = segment_image(image, 2, random_state=0)
    assert_array_equal(seg.image[..., 1], alpha)
    assert seg.palette.shape == (2, 1)
    assert len(np.unique(seg.image[..., 0])) == 2


def test_16_bit_keeps_its_depth():
    image, regions = region_image(noise=3, dtype=np.uint16, scale=257)
    image[regions == 0] += np.uint16(12)  # values no 8-bit image can hold
    seg = segment_image(image, 4, random_state=0)
    assert seg.image.dtype == np.uint16 and seg.palette.dtype == np.uint16
    assert same_partition(seg.labels, regions)
    for cluster in range(4):
        mean = image[seg.labels == cluster].astype(np.float64).mean(axis=0)
        assert_array_equal(seg.palette[cluster], np.rint(mean))
    assert seg.palette.max() > 255 and (seg.palette % 257 != 0).any()
    exact, _ = region_image(dtype=np.uint16, scale=257)
    assert_array_equal(segment_image(exact, 4, random_state=0).image, exact)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_float_images(dtype):
    image, regions = region_image()
    image = (image / 255.0).astype(dtype)
    seg = segment_image(image, 4, random_state=0)
    assert seg.image.dtype == dtype
    assert_allclose(seg.image, image, atol=1e-6)
    assert same_partition(seg.labels, regions)


def test_more_clusters_than_colours_warns_and_uses_the_colours():
    image, regions = region_image()
    with pytest.warns(FewDistinctPointsWarning, match="only 4 distinct colour.*n_clusters=9"):
        seg = segment_image(image, 9, random_state=0)
    assert seg.n_clusters == 4 and seg.palette.shape == (4, 3)
    assert_array_equal(seg.image, image)
    assert same_partition(seg.labels, regions)


def test_lab_colour_space_recovers_regions_and_converts_the_palette_back():
    image, regions = region_image()
    seg = segment_image(image, 4, color_space="lab", random_state=0)
    assert seg.color_space == "lab"
    assert_array_equal(seg.image, image)
    assert same_partition(seg.labels, regions)
    # Centres are in Lab: L* of the near-white region is close to 100.
    white = seg.labels[15, 15]
    assert 90 < seg.centers[white, 0] <= 100
    assert_allclose(seg.centers, rgb_to_lab(seg.palette / 255.0), atol=1e-6)


def test_lab_on_noisy_regions_and_greyscale():
    image, regions = region_image(noise=8, seed=9)
    seg = segment_image(image, 4, color_space="lab", random_state=0)
    assert same_partition(seg.labels, regions)
    grey = np.array([10, 90, 170, 250])[region_map()].astype(np.uint16) * 257
    grey_seg = segment_image(grey, 4, color_space="lab", random_state=0)
    assert_array_equal(grey_seg.image, grey)
    assert grey_seg.centers.shape == (4, 1)


def test_same_seed_same_result_whatever_the_thread_count(pool_submissions):
    # 128 x 128 pixels: a 16 x 16 image is never split between threads.
    regions, _ = region_image(seed=7)
    image = np.repeat(np.repeat(regions.astype(np.int64), 8, axis=0), 8, axis=1)
    noise = np.random.default_rng(7).integers(-40, 41, size=image.shape)
    image = np.clip(image + noise, 0, 255).astype(np.uint8)
    # n_threads, not numba.set_num_threads: fastkmeans's pool does not read Numba's setting.
    single = segment_image(image, 5, random_state=11, n_threads=1, quality=True)
    several = segment_image(image, 5, random_state=11, quality=True)
    assert pool_submissions is None or pool_submissions  # the second one was split
    assert_array_equal(single.image, several.image)
    assert_array_equal(single.labels, several.labels)
    assert single.inertia == several.inertia and single.ssim == several.ssim


def test_pixel_order_does_not_change_the_clustering():
    # The summary is sorted, so a permutation of the pixels permutes the result only.
    image, _ = region_image(noise=40, seed=8)
    order = np.random.default_rng(0).permutation(256)
    shuffled = image.reshape(-1, 3)[order].reshape(16, 16, 3)
    a = segment_image(image, 5, random_state=3, quality=False)
    b = segment_image(shuffled, 5, random_state=3, quality=False)
    assert_array_equal(a.centers, b.centers)
    assert_array_equal(a.labels.ravel()[order], b.labels.ravel())


def test_coreset_path_measures_everything_on_all_pixels():
    rng = np.random.default_rng(10)
    image = rng.integers(0, 256, size=(24, 24, 3), dtype=np.uint8)  # ~576 distinct colours
    seg = segment_image(image, 4, coreset_size=60, random_state=0)
    assert seg.coreset_size == 60
    pixels = image.reshape(-1, 3)
    labels, distances = naive.nearest(pixels, seg.centers)
    assert_array_equal(seg.labels.ravel(), labels)
    assert seg.inertia == pytest.approx(distances.sum(), rel=1e-6)  # float32 points
    assert seg.mse == pytest.approx(mse(image, seg.image), rel=1e-12)
    again = segment_image(image, 4, coreset_size=60, random_state=0)
    assert_array_equal(again.image, seg.image)


def test_coreset_larger_than_the_summary_uses_the_summary():
    image, _ = region_image(noise=2)
    n_colours = len(naive.colour_summary(image)[0])
    seg = segment_image(image, 4, coreset_size=n_colours, random_state=0)
    full = segment_image(image, 4, random_state=0)
    assert seg.coreset_size is None
    assert_array_equal(seg.image, full.image)


@pytest.mark.parametrize(
    "settings",
    [{}, {"color_space": "lab"}, {"dither": True}, {"coreset_size": 60}],
    ids=["rgb", "lab", "dither", "coreset"],
)
def test_a_given_summary_gives_the_same_segmentation_and_is_kept(settings):
    image = np.random.default_rng(11).integers(0, 256, size=(24, 20, 4), dtype=np.uint8)
    summary = colour_summary(image)
    kept = [array.copy() for array in summary]
    for k in (2, 5):
        given = segment_image(image, k, random_state=3, summary=summary, **settings)
        own = segment_image(image, k, random_state=3, **settings)
        assert_array_equal(given.labels, own.labels)
        assert_array_equal(given.image, own.image)
        assert_array_equal(given.centers, own.centers)
        assert given.inertia == own.inertia and given.mse == own.mse
        for array, before in zip(summary, kept, strict=True):  # reusable: nothing written
            assert_array_equal(array, before)


def test_a_summary_of_another_image_is_refused():
    image, _ = region_image(noise=3)
    summary = colour_summary(image)
    edited = image.copy()
    edited[0, 0] = [1, 2, 3]
    with pytest.raises(ValueError, match="does not describe this image"):
        segment_image(edited, 2, summary=summary)
    with pytest.raises(ValueError, match="not a colour summary of this uint8 image"):
        segment_image(image[:8], 2, summary=summary)
    with pytest.raises(ValueError, match="not a colour summary of this uint16 image"):
        segment_image(image.astype(np.uint16), 2, summary=summary)
    with pytest.raises(TypeError, match="summary must be the ColourSummary"):
        segment_image(image, 2, summary=tuple(summary))


def test_tiny_images_use_a_smaller_ssim_window():
    image = np.array([[[0, 0, 0], [255, 255, 255], [0, 0, 0]]], dtype=np.uint8)  # 1 x 3
    seg = segment_image(image, 2, random_state=0)
    assert_array_equal(seg.image, image)
    assert seg.ssim == pytest.approx(1.0)


# -- colour spaces and helpers -------------------------------------------------------------


def test_rgb_to_lab_known_values():
    rgb = np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    # CIELAB (D65) of sRGB white, black, red and green, as published (e.g. by Lindbloom).
    expected = np.array(
        [[100.0, 0.0, 0.0], [0.0, 0.0, 0.0], [53.24, 80.09, 67.20], [87.73, -86.18, 83.18]]
    )
    assert_allclose(rgb_to_lab(rgb), expected, atol=0.02)
    assert_allclose(rgb_to_lab(np.array([[0.5]])), [[53.39]], atol=0.01)


@given(arrays(np.float64, (6, 3), elements=st.floats(0.0, 1.0)))
def test_lab_round_trip(rgb):
    # sRGB's two pieces meet only to ~1e-8 at the standard's thresholds; far below 1 / 65535.
    assert_allclose(lab_to_rgb(rgb_to_lab(rgb)), rgb, atol=1e-7)
    assert_allclose(lab_to_rgb(rgb_to_lab(rgb[:, :1])), rgb[:, :1], atol=1e-7)


def test_lab_to_rgb_clips_out_of_gamut_colours():
    rgb = lab_to_rgb(np.array([[50.0, 200.0, -200.0], [120.0, 0.0, 0.0]]))
    assert rgb.min() >= 0.0 and rgb.max() <= 1.0
    assert_allclose(rgb[1], [1.0, 1.0, 1.0])


def test_elbow_index():
    assert elbow_index([1, 2, 3, 4, 5], [100.0, 30.0, 20.0, 15.0, 12.0]) == 1
    assert elbow_index([2, 4, 8, 16, 32], [1000, 900, 200, 150, 120]) == 2
    assert elbow_index([1, 2, 3], [3.0, 2.0, 1.0]) is None  # a straight line
    assert elbow_index([1, 2], [3.0, 1.0]) is None
    with pytest.raises(ValueError, match="1-D of one length"):
        elbow_index([1, 2, 3], [1.0, 2.0])
    # Unsorted k gave None where the sorted curve has its elbow at k = 8: refused.
    with pytest.raises(ValueError, match=r"must be increasing, got \[8, 2, 4, 16\]"):
        elbow_index([8, 2, 4, 16], [10, 100, 40, 5])
    with pytest.raises(ValueError, match="must be finite"):
        elbow_index([1, 2, 3], [1.0, np.nan, 0.5])


def test_palette_image_and_side_by_side():
    palette = np.array([[255, 0, 0], [0, 0, 255]], dtype=np.uint8)
    strip = palette_image(palette, swatch=4)
    assert strip.shape == (4, 8, 3)
    assert_array_equal(strip[:, :4], 0 * strip[:, :4] + palette[0])
    assert_array_equal(strip[:, 4:], 0 * strip[:, 4:] + palette[1])
    joined = side_by_side([strip, strip], gap=2)
    assert joined.shape == (4, 18, 3)
    assert (joined[:, 8:10] == 255).all()
    assert_array_equal(joined[:, 10:], strip)
    with pytest.raises(ValueError, match="share their height"):
        side_by_side([strip, strip[:2]])


# -- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "image, error, message",
    [
        (np.zeros((4, 4), np.int64), TypeError, "image must have dtype uint8, uint16, float32"),
        (np.zeros((4, 4), bool), TypeError, "got bool"),
        (np.zeros(4, np.uint8), ValueError, r"image must be 2-D \(H, W\) or 3-D"),
        (np.zeros((4, 4, 5), np.uint8), ValueError, "1 \\(grey\\), 2 \\(grey \\+ alpha\\)"),
        (np.zeros((0, 4, 3), np.uint8), ValueError, "image must not be empty"),
        (np.full((4, 4), 2.0), ValueError, r"float image must lie in \[0, 1\], got values in"),
        (np.full((4, 4), np.nan), ValueError, "image must be finite"),
    ],
)
def test_bad_images(image, error, message):
    with pytest.raises(error, match=message):
        segment_image(image, 2)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"n_clusters": 0}, ValueError, "n_clusters=0 must be >= 1"),
        ({"n_clusters": 2.5}, TypeError, "n_clusters must be an integer, got 2.5"),
        ({"coreset_size": 1}, ValueError, "coreset_size=1 must be >= n_clusters=2"),
        ({"coreset_size": "big"}, TypeError, "coreset_size must be an integer"),
        ({"color_space": "hsv"}, ValueError, "color_space='hsv' must be 'rgb' or 'lab'"),
        ({"max_iter": 0}, ValueError, "max_iter=0 must be >= 1"),
        ({"tol": -1.0}, ValueError, "tol=-1.0 must be finite and >= 0"),
        ({"quality": "yes"}, TypeError, "quality must be True or False"),
        ({"random_state": -1}, ValueError, "random_state=-1 must be >= 0"),
    ],
)
def test_bad_parameters(kwargs, error, message):
    image, _ = region_image()
    kwargs = {"n_clusters": 2, **kwargs}
    n_clusters = kwargs.pop("n_clusters")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error, match=message):
            segment_image(image, n_clusters, **kwargs)


# -- palette files ------------------------------------------------------------------------------


def _png_bit_depth_and_colour_type(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return data[24], data[25]


def _reopened_rgba(data: bytes) -> np.ndarray:

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))


@pytest.mark.parametrize("k, bits", [(2, 1), (3, 2), (4, 2), (9, 4), (16, 4), (17, 8), (40, 8)])
def test_palette_png_has_the_smallest_bit_depth_and_the_segmentation_pixels(k, bits, tmp_path):
    rng = np.random.default_rng(k)
    image = rng.integers(0, 256, size=(24, 30, 3), dtype=np.uint8)
    seg = segment_image(image, k, random_state=0)
    path = tmp_path / "out.png"
    size = seg.save(path)
    data = path.read_bytes()
    assert size == len(data)
    assert _png_bit_depth_and_colour_type(data) == (bits, 3)  # colour type 3: indexed
    assert_array_equal(_reopened_rgba(data)[..., :3], seg.image)
    truecolour = seg.encode(".png", palette=False)
    assert _png_bit_depth_and_colour_type(truecolour) == (8, 2)  # 8-bit RGB
    assert_array_equal(iio.imread(truecolour), seg.image)


def test_palette_png_keeps_alpha_through_the_palette_transparency(tmp_path):
    image, _ = region_image()
    alpha = np.where(np.arange(image.shape[1]) < 5, 0, 255).astype(np.uint8)
    alpha = np.broadcast_to(alpha, image.shape[:2]).copy()
    alpha[0, :] = 128
    rgba = np.dstack([image, alpha])
    seg = segment_image(rgba, 4, random_state=0)
    data = seg.encode(".png")
    assert _png_bit_depth_and_colour_type(data)[1] == 3
    assert_array_equal(_reopened_rgba(data), seg.image)


@pytest.mark.parametrize("extension", [".gif", ".tif"])
def test_palette_gif_and_tiff_hold_the_segmentation(extension, tmp_path):
    from PIL import Image

    image, _ = region_image(noise=20)
    seg = segment_image(image, 6, random_state=0)
    path = tmp_path / f"out{extension}"
    seg.save(path)
    with Image.open(path) as reopened:
        assert reopened.mode == "P"
        assert_array_equal(np.asarray(reopened.convert("RGB")), seg.image)


def test_palette_entries_are_stored_darkest_first_and_smaller_for_it():
    from PIL import Image

    image, _ = region_image(noise=30)
    seg = segment_image(image, 8, random_state=0)
    data = seg.encode(".png")
    with Image.open(io.BytesIO(data)) as reopened:
        entries = np.asarray(reopened.getpalette()[: 3 * 8]).reshape(8, 3)
        indices = np.asarray(reopened)
    luma = entries @ np.array([0.299, 0.587, 0.114])
    assert (np.diff(luma) >= 0).all()
    assert_array_equal(entries[indices], seg.image)
    # The same labels in the clustering's own order deflate worse (or no better).
    picture = Image.frombytes("P", indices.shape[::-1], seg.labels.astype(np.uint8).tobytes())
    picture.putpalette(seg.palette.astype(np.uint8).ravel().tolist())
    unordered = io.BytesIO()
    picture.save(unordered, format="PNG", optimize=True)
    assert len(data) <= len(unordered.getvalue())


def test_what_a_palette_cannot_hold_is_written_truecolour_as_documented():
    # encode's palette=True: "an indexed image where the format has one and the segmentation
    # fits it ... Otherwise the truecolour image". It raised instead, so sweep reported no
    # size and --select size: could never pick a k for such an image.
    from PIL import Image

    image, _ = region_image()
    rgba = np.dstack([image, np.full(image.shape[:2], 128, np.uint8)])
    seg = segment_image(rgba, 3, random_state=0)
    with Image.open(io.BytesIO(seg.encode(".tif"))) as reopened:
        assert reopened.mode == "RGBA"  # partial alpha: no palette TIFF holds it
    assert_array_equal(iio.imread(seg.encode(".tif")), seg.image)
    # A GIF holds it in neither form: one error with both reasons.
    with pytest.raises(
        ValueError, match=r"a palette GIF cannot hold this alpha channel .*, and cannot write"
    ):
        seg.encode(".gif")
    # More than 256 (colour, alpha) pairs: a truecolour PNG with its alpha.
    ramp = np.dstack([np.tile(np.arange(300) % 200, (20, 1)), np.zeros((20, 300, 2))])
    ramp = np.dstack([ramp, np.tile(np.arange(300) % 256, (20, 1))]).astype(np.uint8)
    pairs = segment_image(ramp, 2, random_state=0)
    data = pairs.encode(".png")
    with Image.open(io.BytesIO(data)) as reopened:
        assert reopened.mode == "RGBA"
    assert_array_equal(iio.imread(data), pairs.image)
    # 16-bit: no palette holds it, so truecolour; Pillow (imageio's PNG writer) has no 16-bit
    # RGB, which must be said, not written as 8 bits.
    deep = segment_image(image.astype(np.uint16) * 257, 3, random_state=0)
    with pytest.raises(
        ValueError, match=r"cannot write a 16-bit RGB image as \.png .* 16 bits only for grey"
    ):
        deep.encode(".png")
    grey = segment_image(image[..., 0].astype(np.uint16) * 257, 3, random_state=0)
    assert_array_equal(iio.imread(grey.encode(".png")), grey.image)  # 16-bit grey is fine


def _truecolour_cases():
    rgb = np.random.default_rng(0).integers(0, 256, (30, 40, 3), dtype=np.uint8)
    ramp = (np.arange(30 * 40).reshape(30, 40) * 50).astype(np.uint16)
    half_alpha = np.dstack([rgb, np.full((30, 40), 128, np.uint8)])
    return {
        "16-bit grey": segment_image(ramp, 4, random_state=0),
        "float grey": segment_image(ramp / 65535.0, 4, random_state=0),
        "300 colours": segment_image(rgb, 300, random_state=0),
        "half alpha": segment_image(half_alpha, 4, random_state=0),
        "(H, W, 1)": segment_image(rgb[..., :1], 4, random_state=0),
    }


# (segmentation, extension): what Pillow would otherwise write silently, and what it loses.
REFUSED = [
    ("16-bit grey", ".gif", "read back as an 8-bit"),  # clipped to one flat colour
    ("16-bit grey", ".webp", "read back as an 8-bit"),
    ("float grey", ".gif", "read back as an 8-bit"),  # every pixel 0
    ("300 colours", ".gif", r"\d+ of its 1200 pixels would read back changed"),  # re-quantised
    ("half alpha", ".gif", "of its 1200 pixels would read back changed"),  # alpha dropped
    ("half alpha", ".bmp", "of its 1200 pixels would read back changed"),
    ("half alpha", ".xyz", "not an image format imageio knows"),
]
HELD = [
    ("300 colours", ".bmp"),
    ("300 colours", ".webp"),  # written lossless (Pillow's default is lossy)
    ("half alpha", ".webp"),
    ("16-bit grey", ".tif"),
    ("float grey", ".tif"),
    ("(H, W, 1)", ".png"),  # squeezed: codecs take greyscale as (H, W)
    ("(H, W, 1)", ".gif"),
    ("(H, W, 1)", ".bmp"),
]


@pytest.mark.parametrize(("name", "extension", "message"), REFUSED)
def test_truecolour_files_that_would_lose_pixels_are_refused(name, extension, message, tmp_path):
    seg = _truecolour_cases()[name]
    with pytest.raises(ValueError, match=message):
        seg.save(tmp_path / f"out{extension}", palette=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "extension"), HELD)
def test_truecolour_files_hold_the_segmented_image(name, extension, tmp_path):
    seg = _truecolour_cases()[name]
    path = tmp_path / f"out{extension}"
    seg.save(path, palette=False)
    expected = seg.image[..., 0] if seg.image.shape[-1:] == (1,) else seg.image
    mode = {".gif": "L", ".webp": "RGBA" if expected.shape[-1:] == (4,) else "RGB"}
    options = {"mode": mode[extension]} if extension in mode else {}
    back = np.asarray(iio.imread(path, index=0, **options))
    assert back.dtype == expected.dtype
    assert_array_equal(back, expected)


def test_jpeg_may_change_pixels_but_not_channels(tmp_path):
    seg = _truecolour_cases()["300 colours"]
    seg.save(tmp_path / "out.jpg")
    assert np.asarray(iio.imread(tmp_path / "out.jpg")).shape == seg.image.shape
    with pytest.raises(ValueError, match="RGBA image as .jpg"):
        _truecolour_cases()["half alpha"].save(tmp_path / "alpha.jpg")


def test_save_into_a_missing_folder_names_the_destination(tmp_path):
    seg = _truecolour_cases()["300 colours"]
    target = tmp_path / "missing" / "out.png"
    with pytest.raises(FileNotFoundError, match="cannot write .*out.png.*: no folder .*missing"):
        seg.save(target)
    assert list(tmp_path.iterdir()) == []
    # A folder in the way, even with overwrite=True: named (the error named the temporary file).
    (tmp_path / "folder.png").mkdir()
    with pytest.raises(IsADirectoryError, match="cannot write .*folder.png.*: it is a folder"):
        seg.save(tmp_path / "folder.png", overwrite=True)
    assert [p.name for p in tmp_path.iterdir()] == ["folder.png"]


def test_save_never_replaces_a_file_unless_asked(tmp_path):
    image, _ = region_image()
    seg = segment_image(image, 3, random_state=0)
    path = tmp_path / "out.png"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError, match="pass overwrite=True"):
        seg.save(path)
    assert path.read_bytes() == b"precious"
    seg.save(path, overwrite=True)
    assert_array_equal(_reopened_rgba(path.read_bytes())[..., :3], seg.image)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]  # no temporary left
    with pytest.raises(ValueError, match="has no extension"):
        seg.save(tmp_path / "noextension")


def test_save_never_replaces_a_file_that_appears_while_writing(tmp_path, monkeypatch):
    # Another process creates the name after save() checked it: that file is kept.
    import fastkmeans._palette_file as palette_file

    image, _ = region_image()
    seg = segment_image(image, 3, random_state=0)
    path = tmp_path / "out.png"
    make_temporary = palette_file.tempfile.mkstemp

    def mkstemp_then_race(*args, **kwargs):
        made = make_temporary(*args, **kwargs)
        path.write_bytes(b"written meanwhile")
        return made

    monkeypatch.setattr(palette_file.tempfile, "mkstemp", mkstemp_then_race)
    with pytest.raises(FileExistsError, match="pass overwrite=True"):
        seg.save(path)
    assert path.read_bytes() == b"written meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]


@pytest.mark.parametrize("k", [3, 4, 40])
def test_palette_png_is_no_larger_than_either_zlib_strategy(k):
    # Pillow's own zlib strategy (at level 6 for 1-4 bit indices, 7 for 8-bit ones) or
    # run-length coding gives the smaller file; the file written is no larger than either.
    import zlib
    from pathlib import Path

    from PIL import Image

    photo = iio.imread(Path(segment_image.__code__.co_filename).parent / "data" / "coffee.png")
    photo = photo[:200, :300]
    seg = segment_image(photo, k, random_state=0)
    data = seg.encode(".png")
    with Image.open(io.BytesIO(data)) as reopened:
        sizes = []
        for strategy in ({}, {"compress_type": zlib.Z_RLE}):
            other = io.BytesIO()
            level = 7 if k > 16 else 6
            reopened.save(other, format="PNG", compress_level=level, **strategy)
            sizes.append(len(other.getvalue()))
    assert len(data) <= min(sizes), (len(data), sizes)
    assert_array_equal(_reopened_rgba(data)[..., :3], seg.image)


def test_palette_png_tries_level_9_only_where_the_indices_deflate_well(monkeypatch):
    # Level 9 costs photos up to 5x the time for a few percent, flat images little for much.
    from pathlib import Path

    from PIL import Image

    import fastkmeans._palette_file as palette_file

    levels = []
    saved = palette_file._saved

    def recording(picture, fmt, options):
        levels.append(options.get("compress_level"))
        return saved(picture, fmt, options)

    monkeypatch.setattr(palette_file, "_saved", recording)
    photo = iio.imread(Path(segment_image.__code__.co_filename).parent / "data" / "coffee.png")
    segment_image(photo[:200, :300], 40, random_state=0).encode(".png")
    assert levels == [7, 7], levels  # Pillow's strategy and run-length coding
    levels.clear()
    colours = np.arange(40 * 3, dtype=np.uint8).reshape(40, 3) * 2
    bands = np.ascontiguousarray(np.repeat(colours, 8, axis=0)[:, None, :].repeat(256, axis=1))
    seg = segment_image(bands, 40, random_state=0)
    data = seg.encode(".png")
    assert levels == [7, 7, 9], levels
    with Image.open(io.BytesIO(data)) as reopened:
        at_level_9 = io.BytesIO()
        reopened.save(at_level_9, format="PNG", compress_level=9)
    assert len(data) <= len(at_level_9.getvalue())
    assert_array_equal(_reopened_rgba(data)[..., :3], seg.image)


@pytest.mark.parametrize("channels", [3, 4])
@pytest.mark.parametrize("dither", [False, True])
def test_lazy_quality_describes_the_input_as_it_was(dither, channels):
    # The figures are computed on first read; they were computed from the caller's array as
    # it was then: after the buffer was reused (the next video frame), SSIM 8.6e-06 instead
    # of 0.68, and with dithering a wrong MSE too. The copy kept until then holds the colour
    # channels alone: alpha is not measured.
    image = np.random.default_rng(3).integers(0, 256, (60, 80, channels)).astype(np.uint8)
    original = image.copy()
    seg = segment_image(image, 4, random_state=0, dither=dither)
    assert seg._quality._inputs[0].nbytes == 60 * 80 * 3
    image[:] = 0
    expected = segment_image(original, 4, random_state=0, dither=dither, quality=True)
    assert_array_equal(seg.image, expected.image)
    assert (seg.mse, seg.psnr, seg.ssim) == (expected.mse, expected.psnr, expected.ssim)
    assert seg.ssim == ssim(original[..., :3], seg.image[..., :3])
