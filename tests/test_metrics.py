"""Image quality measures: MSE, PSNR and SSIM on cases with known answers and against oracles."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal

from fastkmeans import (
    KMeans,
    calinski_harabasz_score,
    davies_bouldin_score,
    mse,
    psnr,
    silhouette_score,
    simplified_silhouette,
    ssim,
)
from fastkmeans._kernels.image import SSIM_STRIP
from fastkmeans._parallel import thread_limit

from . import naive

C1_UINT8 = (0.01 * 255) ** 2
C2_UINT8 = (0.03 * 255) ** 2


def gaussian_1d(win_size=11, sigma=1.5):
    """The normalised 1-D Gaussian written out from its definition (not the library's)."""
    values = [math.exp(-((i - (win_size - 1) / 2) ** 2) / (2 * sigma**2)) for i in range(win_size)]
    return np.array(values) / sum(values)


@st.composite
def image_pairs(draw, dtype=np.uint8):
    height = draw(st.integers(11, 16))
    width = draw(st.integers(11, 16))
    shape = draw(st.sampled_from([(height, width), (height, width, 1), (height, width, 3)]))
    if np.dtype(dtype).kind == "u":
        elements = st.integers(0, np.iinfo(dtype).max)
    else:
        elements = st.floats(0.0, 1.0, width=np.dtype(dtype).itemsize * 8)
    x = draw(arrays(dtype, shape, elements=elements))
    y = draw(arrays(dtype, shape, elements=elements))
    return x, y


# -- MSE and PSNR --------------------------------------------------------------------------


def test_mse_known_values_without_integer_overflow():
    assert mse(np.array([[0, 10]], np.uint8), np.array([[0, 13]], np.uint8)) == 4.5
    # uint8 arithmetic would wrap: 0 - 255 must give 255^2, not 1.
    assert mse(np.zeros((2, 2), np.uint8), np.full((2, 2), 255, np.uint8)) == 255.0**2
    assert mse(np.zeros((3, 3, 3), np.uint16), np.full((3, 3, 3), 65535, np.uint16)) == 65535.0**2


@given(image_pairs())
def test_mse_matches_naive(pair):
    x, y = pair
    assert_allclose(mse(x, y), naive.mse(x, y), rtol=1e-12)


def test_mse_over_several_blocks_matches_naive():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, size=(300, 200, 3), dtype=np.uint8)  # 60000 pixels, many blocks
    y = rng.integers(0, 256, size=(300, 200, 3), dtype=np.uint8)
    assert_allclose(mse(x, y), naive.mse(x, y), rtol=1e-12)


def test_psnr_known_values():
    zeros = np.zeros((4, 4), np.uint8)
    assert psnr(zeros, zeros) == math.inf
    assert psnr(zeros, np.full((4, 4), 255, np.uint8)) == pytest.approx(0.0, abs=1e-12)
    one_off = zeros.copy()
    one_off[:, :2] = 2  # MSE = 2
    assert psnr(zeros, one_off) == pytest.approx(10 * math.log10(255**2 / 2), rel=1e-12)
    # uint16 images use the 16-bit range; floats use 1.0; data_range overrides.
    assert psnr(np.zeros((2, 2), np.uint16), np.ones((2, 2), np.uint16)) == pytest.approx(
        20 * math.log10(65535), rel=1e-12
    )
    assert psnr(np.zeros((2, 2)), np.full((2, 2), 0.1)) == pytest.approx(20.0, rel=1e-12)
    assert psnr(zeros, one_off, data_range=100) == pytest.approx(
        10 * math.log10(100**2 / 2), rel=1e-12
    )


def test_psnr_default_range_comes_from_the_dtype_and_is_never_guessed():
    reference = np.zeros((2, 2), np.uint8)
    assert psnr(reference, np.ones((2, 2), np.uint8)) == pytest.approx(
        20 * math.log10(255), rel=1e-12
    )
    assert psnr(reference, np.ones((2, 2)), data_range=255) == pytest.approx(
        20 * math.log10(255), rel=1e-12
    )
    a = np.random.default_rng(0).integers(0, 256, (16, 16), dtype=np.uint8)
    b = np.random.default_rng(1).integers(0, 256, (16, 16), dtype=np.uint8)
    for metric in (psnr, ssim):
        # Two dtypes (0-1 floats against 8-bit values: -43 dB before), floats on 0-255, and a
        # list (int64, whose range would be 2^64).
        with pytest.raises(ValueError, match="reference is float64 and image uint8: .* pass"):
            metric(a / 255, b)
        with pytest.raises(ValueError, match=r"holds values in \[0, 255\]; pass data_range"):
            metric(a.astype(float), b.astype(float))
        with pytest.raises(ValueError, match="dtype int64 have no default data range"):
            metric(a.astype(np.int64).tolist(), b.astype(np.int64).tolist())
        assert metric(a / 255, b / 255) == pytest.approx(metric(a, b), rel=1e-9)


# -- SSIM ----------------------------------------------------------------------------------


@given(image_pairs())
def test_ssim_of_an_image_with_itself_is_one(pair):
    x, _ = pair
    assert ssim(x, x) == pytest.approx(1.0, abs=1e-12)


@given(image_pairs())
def test_ssim_is_symmetric_and_at_most_one(pair):
    x, y = pair
    forward = ssim(x, y)
    assert forward == pytest.approx(ssim(y, x), abs=1e-12)
    assert forward <= 1.0 + 1e-12


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.float32, np.float64])
def test_ssim_matches_naive_windows(dtype):
    rng = np.random.default_rng(7)
    top = np.iinfo(dtype).max if np.dtype(dtype).kind == "u" else 1.0
    x = (rng.random((17, 14, 3)) * top).astype(dtype)
    y = np.clip(x + rng.normal(scale=0.1 * top, size=x.shape), 0, top).astype(dtype)
    assert_allclose(ssim(x, y), naive.ssim(x, y, top), rtol=1e-10)


@pytest.mark.parametrize(
    "win_size, sigma, k1, k2, data_range",
    [(7, 1.0, 0.01, 0.03, None), (11, 2.5, 0.05, 0.1, None), (3, 0.8, 0.01, 0.03, 100.0)],
)
def test_ssim_parameters_match_naive(win_size, sigma, k1, k2, data_range):
    rng = np.random.default_rng(8)
    x = rng.integers(0, 256, (13, 15), dtype=np.uint8)
    y = rng.integers(0, 256, (13, 15), dtype=np.uint8)
    got = ssim(x, y, win_size=win_size, sigma=sigma, k1=k1, k2=k2, data_range=data_range)
    expected = naive.ssim(x, y, data_range or 255, win_size, sigma, k1, k2)
    assert_allclose(got, expected, rtol=1e-10)


@pytest.mark.parametrize("win_size", [11, 7])
def test_ssim_matches_naive_across_column_strips(win_size):
    # Two full strips of output columns and a partial third: the strips must add up to the
    # naive map. 11 takes the written-out filter, 7 the general one.
    rng = np.random.default_rng(9)
    width = 2 * SSIM_STRIP + 37 + win_size - 1
    x = rng.integers(0, 256, (win_size + 3, width), dtype=np.uint8)
    y = np.clip(x + rng.normal(scale=20, size=x.shape), 0, 255).astype(np.uint8)
    got = ssim(x, y, win_size=win_size)
    assert_allclose(got, naive.ssim(x, y, 255, win_size), rtol=1e-10)


def test_ssim_of_constant_images():
    # Constant images: only the luminance term remains, (2ab + C1) / (a^2 + b^2 + C1).
    black = np.zeros((16, 16, 3), np.uint8)
    white = np.full((16, 16, 3), 255, np.uint8)
    assert ssim(black, white) == pytest.approx(C1_UINT8 / (255**2 + C1_UINT8), rel=1e-12)
    grey = np.full((12, 12), 0.25)
    light = np.full((12, 12), 0.75)
    c1 = 0.01**2
    expected = (2 * 0.25 * 0.75 + c1) / (0.25**2 + 0.75**2 + c1)
    assert ssim(grey, light) == pytest.approx(expected, rel=1e-12)


def test_ssim_of_a_single_bright_pixel_against_black():
    # One window covers the 11 x 11 image. With centre weight g, x = 255 at the centre only:
    # mx = 255 g, sx^2 = 255^2 g (1 - g); y = 0 everywhere: my = sy = sxy = 0.
    x = np.zeros((11, 11), np.uint8)
    x[5, 5] = 255
    y = np.zeros((11, 11), np.uint8)
    g = gaussian_1d()[5] ** 2
    mx = 255 * g
    vx = 255**2 * g * (1 - g)
    expected = C1_UINT8 / (mx**2 + C1_UINT8) * C2_UINT8 / (vx + C2_UINT8)
    assert ssim(x, y) == pytest.approx(expected, rel=1e-12)


def test_ssim_of_a_shifted_image_is_its_luminance_term():
    # y = x + c: equal variances and covariance, so SSIM = mean of (2 mx my + C1)/(mx^2+my^2+C1).
    x = np.zeros((11, 11), np.uint8)
    x[::2, ::2] = 100
    y = x + np.uint8(50)
    window = np.outer(gaussian_1d(), gaussian_1d())
    mx = (window * x).sum()
    my = mx + 50
    expected = (2 * mx * my + C1_UINT8) / (mx**2 + my**2 + C1_UINT8)
    assert ssim(x, y) == pytest.approx(expected, rel=1e-12)


def test_ssim_averages_channels():
    rng = np.random.default_rng(3)
    x = rng.integers(0, 256, (12, 12, 3), dtype=np.uint8)
    y = rng.integers(0, 256, (12, 12, 3), dtype=np.uint8)
    per_channel = [ssim(x[..., c], y[..., c]) for c in range(3)]
    assert ssim(x, y) == pytest.approx(np.mean(per_channel), rel=1e-12)


def test_ssim_falls_as_noise_grows():
    rng = np.random.default_rng(4)
    x = np.repeat(np.linspace(0, 255, 32), 32).reshape(32, 32).astype(np.uint8)
    values = []
    for scale in (2.0, 10.0, 40.0):
        noisy = np.clip(x + rng.normal(scale=scale, size=x.shape), 0, 255).astype(np.uint8)
        values.append(ssim(x, noisy))
    assert values[0] > values[1] > values[2]


def test_ssim_over_several_row_blocks_matches_naive():
    # 190 output rows of 20 columns: the rows are split into blocks, each with its own ring of
    # filtered input rows.
    rng = np.random.default_rng(6)
    x = rng.integers(0, 256, (200, 30, 2), dtype=np.uint8)
    y = np.clip(x + rng.normal(scale=20, size=x.shape), 0, 255).astype(np.uint8)
    assert_allclose(ssim(x, y), naive.ssim(x, y, 255), rtol=1e-10)


def test_ssim_rows_do_not_depend_on_the_blocks():
    from fastkmeans._kernels.image import ssim_row_sums
    from fastkmeans.metrics import gaussian_window

    rng = np.random.default_rng(7)
    x = rng.integers(0, 256, (60, 25, 3), dtype=np.uint8)
    y = rng.integers(0, 256, (60, 25, 3), dtype=np.uint8)
    window = gaussian_window(11, 1.5)
    results = []
    for bounds in ([0, 50], [0, 1, 2, 30, 50], [0, 11, 22, 33, 44, 50]):
        row_sums = np.empty((50, 3))
        ssim_row_sums(x, y, 3, window, 6.5, 58.5, np.array(bounds, dtype=np.int64), row_sums)
        results.append(row_sums)
    assert_array_equal(results[0], results[1])
    assert_array_equal(results[0], results[2])


def test_ssim_does_not_depend_on_the_thread_count(pool_submissions):
    rng = np.random.default_rng(5)
    # 160 x 140: 80 x 70 was never split between threads.
    x = rng.integers(0, 256, (160, 140, 3), dtype=np.uint8)
    y = rng.integers(0, 256, (160, 140, 3), dtype=np.uint8)
    with thread_limit(1):  # fastkmeans's own setting: numba.set_num_threads is not read
        single = ssim(x, y)
    several = ssim(x, y)
    assert pool_submissions is None or pool_submissions  # the second one was split
    assert single == several


# -- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize("metric", [mse, psnr, ssim])
@pytest.mark.parametrize(
    "a, b, error, message",
    [
        (np.zeros((12, 12)), np.zeros((12, 13)), ValueError, "must have the same shape"),
        (np.zeros(12), np.zeros(12), ValueError, r"reference must be 2-D .* got shape \(12,\)"),
        (np.zeros((0, 12)), np.zeros((0, 12)), ValueError, "reference must not be empty"),
        (np.zeros((12, 12), "U1"), np.zeros((12, 12)), TypeError, "reference must hold real"),
        (np.zeros((12, 12)), np.full((12, 12), np.nan), ValueError, "image must be finite"),
    ],
)
def test_bad_images(metric, a, b, error, message):
    with pytest.raises(error, match=message):
        metric(a, b)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"data_range": 0}, ValueError, "data_range=0.0 must be finite and > 0"),
        ({"data_range": "255"}, TypeError, "data_range must be a positive number"),
        ({"win_size": 8}, ValueError, "win_size=8 must be odd"),
        ({"win_size": 13}, ValueError, r"win_size=13 must be <= the image's smaller side \(12"),
        ({"win_size": 0}, ValueError, "win_size=0 must be >= 1"),
        ({"sigma": -1.0}, ValueError, "sigma=-1.0 must be finite and > 0"),
        ({"k1": 0.0}, ValueError, "k1=0.0 must be finite and > 0"),
        ({"k2": None}, TypeError, "k2 must be a positive number"),
    ],
)
def test_bad_ssim_parameters(kwargs, error, message):
    x = np.zeros((12, 20), np.uint8)
    with pytest.raises(error, match=message):
        ssim(x, x, **kwargs)


def test_bad_psnr_data_range():
    with pytest.raises(ValueError, match=r"data_range=-1.0 must be finite and > 0"):
        psnr(np.zeros((2, 2)), np.zeros((2, 2)), data_range=-1)


# -- silhouettes ------------------------------------------------------------------------------


@st.composite
def labelled_points(draw, max_rows=25):
    n_rows = draw(st.integers(3, max_rows))
    n_features = draw(st.integers(1, 3))
    X = draw(arrays(np.float64, (n_rows, n_features), elements=st.integers(-20, 20)))
    labels = draw(arrays(np.int64, n_rows, elements=st.integers(0, 3)))
    if len(np.unique(labels)) < 2:
        labels[0] = (labels[1] + 1) % 4  # at least two clusters
    if len(np.unique(labels)) >= n_rows:
        labels[1] = labels[0]  # at most n_rows - 1 clusters
    return X, labels


@given(data=labelled_points(), weights=st.lists(st.integers(1, 3), min_size=25, max_size=25))
def test_silhouette_matches_the_oracle_and_weights_equal_repeated_rows(data, weights):
    X, labels = data
    assert_allclose(silhouette_score(X, labels), naive.silhouette(X, labels), atol=1e-12)
    w = np.array(weights[: len(X)])
    weighted = silhouette_score(X, labels, sample_weight=w)
    repeated = silhouette_score(np.repeat(X, w, axis=0), np.repeat(labels, w))
    assert_allclose(weighted, repeated, atol=1e-12)
    assert_allclose(weighted, naive.silhouette(X, labels, w), atol=1e-12)


def test_silhouette_equals_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(c, 1.0, size=(150, 4)) for c in (0.0, 3.0, 9.0)])
    labels = KMeans(3, random_state=0).fit_predict(X)
    assert_allclose(silhouette_score(X, labels), metrics.silhouette_score(X, labels), rtol=1e-9)
    X32 = X.astype(np.float32)
    assert_allclose(silhouette_score(X32, labels), metrics.silhouette_score(X32, labels), rtol=1e-6)


def test_silhouette_sample_scores_the_sampled_rows():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(300, 2))
    labels = (X[:, 0] > 0).astype(int)
    rows = np.sort(np.random.default_rng(5).permutation(300)[:80])
    assert silhouette_score(X, labels, sample_size=80, random_state=5) == silhouette_score(
        X[rows], labels[rows]
    )
    assert silhouette_score(X, labels, sample_size=300) == silhouette_score(X, labels)


@given(data=labelled_points(), weights=st.lists(st.integers(1, 3), min_size=25, max_size=25))
def test_simplified_silhouette_matches_the_oracle(data, weights):
    X, labels = data
    centers = np.unique(X, axis=0)[:3]
    if len(centers) < 2:
        centers = np.array([[0.0] * X.shape[1], [1.0] * X.shape[1]])
    w = np.array(weights[: len(X)], dtype=np.float64)
    expected = naive.simplified_silhouette(X, centers, w)
    assert_allclose(simplified_silhouette(X, centers, sample_weight=w), expected, atol=1e-12)


def test_silhouette_bad_input():
    X = np.arange(8.0).reshape(4, 2)
    with pytest.raises(
        ValueError, match="between 2 and n - 1 = 3 distinct labels among the n = 4 rows, got 1"
    ):
        silhouette_score(X, [0, 0, 0, 0])
    # Rows of weight 0 are absent: their labels do not count.
    with pytest.raises(
        ValueError, match="n - 1 = 1 distinct labels among the n = 2 rows of positive weight, got 1"
    ):
        silhouette_score(X, [0, 0, 1, 1], sample_weight=[1, 1, 0, 0])
    with pytest.raises(ValueError, match="n = 3 sampled rows of positive weight, got 3"):
        silhouette_score(
            np.arange(10.0)[:, None],
            [0, 0, 1, 1, 2] * 2,
            sample_weight=[1, 0] * 5,
            sample_size=6,
            random_state=0,
        )
    with pytest.raises(ValueError, match="labels must be 4 integers"):
        silhouette_score(X, [0, 1])
    with pytest.raises(ValueError, match="sample_size=5 must be <= 4"):
        silhouette_score(X, [0, 0, 1, 1], sample_size=5)
    with pytest.raises(ValueError, match="at least 2 centres, got 1"):
        simplified_silhouette(X, X[:1])


# -- Davies-Bouldin and Calinski-Harabasz ------------------------------------------------

SCORES = [
    (davies_bouldin_score, naive.davies_bouldin),
    (calinski_harabasz_score, naive.calinski_harabasz),
]


@pytest.mark.parametrize(("score", "oracle"), SCORES)
@given(data=labelled_points(), weights=st.lists(st.integers(0, 3), min_size=25, max_size=25))
def test_cluster_scores_match_the_oracle_and_weights_equal_repeated_rows(
    score, oracle, data, weights
):
    X, labels = data
    assert_allclose(score(X, labels), oracle(X, labels), rtol=1e-12, atol=1e-12)
    w = np.array(weights[: len(X)])
    repeated_labels = np.repeat(labels, w)
    if w.sum() == 0:
        with pytest.raises(ValueError, match="sample_weight"):
            score(X, labels, sample_weight=w)
        return
    if not 2 <= len(np.unique(repeated_labels)) <= len(repeated_labels) - 1:
        with pytest.raises(ValueError, match="between 2 and n - 1 distinct labels"):
            score(X, labels, sample_weight=w)
        return
    weighted = score(X, labels, sample_weight=w)
    repeated = score(np.repeat(X, w, axis=0), repeated_labels)  # weight 0: the row left out
    assert_allclose(weighted, repeated, rtol=1e-12, atol=1e-12)
    assert_allclose(weighted, oracle(X, labels, w), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", ["davies_bouldin_score", "calinski_harabasz_score"])
def test_cluster_scores_equal_scikit_learn(name):
    metrics = pytest.importorskip("sklearn.metrics")
    ours, theirs = globals()[name], getattr(metrics, name)
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(c, 1.0, size=(150, 4)) for c in (0.0, 3.0, 9.0)])
    for labels in (KMeans(3, random_state=0).fit_predict(X), rng.integers(0, 5, len(X))):
        assert_allclose(ours(X, labels), theirs(X, labels), rtol=1e-9)
    # Two clusters with one centroid (a distance of 0, left out of the maxima), and clusters
    # that are single repeated points (no spread: DB 0, CH 1).
    tied = np.array([[0.0, 0], [2, 0], [1, 1], [1, -1], [5, 5], [6, 5]])
    for labels in ([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 3]):
        assert_allclose(ours(tied, labels), theirs(tied, labels), rtol=1e-9)
    points = np.array([[0.0, 1], [0, 1], [4, 4], [4, 4]])
    assert ours(points, [0, 0, 1, 1]) == theirs(points, [0, 0, 1, 1])


@pytest.mark.parametrize("score", [davies_bouldin_score, calinski_harabasz_score])
def test_cluster_scores_are_scale_free_at_the_edges_of_float64(score):
    rng = np.random.default_rng(2)
    X = rng.normal(size=(60, 3))
    labels = rng.integers(0, 3, 60)
    expected = score(X, labels)
    for factor in (2.0**1000, 2.0**-1000):  # squares overflow / underflow unscaled
        assert score(X * factor, labels) == pytest.approx(expected, rel=1e-12)
    assert score(X.astype(np.float32), labels) == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("score", [davies_bouldin_score, calinski_harabasz_score])
def test_cluster_scores_bad_input(score):
    X = np.arange(8.0).reshape(4, 2)
    with pytest.raises(ValueError, match="2 and n - 1 distinct labels, where n = 4 is .*, got 1"):
        score(X, [0, 0, 0, 0])
    with pytest.raises(ValueError, match="2 and n - 1 distinct labels, where n = 4 is .*, got 4"):
        score(X, [0, 1, 2, 3])
    with pytest.raises(ValueError, match="where n = 2.5 is .*, got 3"):
        score(X, [0, 1, 2, 2], sample_weight=[1.0, 0.5, 1.0, 0.0])
    with pytest.raises(ValueError, match="labels must be 4 integers"):
        score(X, [0, 1])
    with pytest.raises(ValueError, match="sample_weight"):
        score(X, [0, 0, 1, 1], sample_weight=[1.0, -1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="NaN|finite"):
        score(np.array([[0.0], [np.nan], [1.0]]), [0, 0, 1])


def test_silhouette_rows_of_weight_zero_are_absent():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 2))
    labels = rng.integers(0, 3, size=40)
    w = rng.integers(0, 3, size=40).astype(np.float64)
    kept = w > 0
    expected = silhouette_score(X[kept], labels[kept], sample_weight=w[kept])
    assert_allclose(silhouette_score(X, labels, sample_weight=w), expected, rtol=1e-12)


def test_calinski_harabasz_with_a_total_weight_beyond_float64():
    # n - k, with n = 300 * 2^1016, lies beyond float64; the index, (B / W) (n - k) / (k - 1),
    # does not.
    rng = np.random.default_rng(4)
    X = rng.normal(size=(300, 2))
    labels = (X[:, 0] > 0).astype(int)
    unweighted = calinski_harabasz_score(X, labels)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        index = calinski_harabasz_score(X, labels, sample_weight=np.full(300, 2.0**1016))
    expected = unweighted / (300 - 2) * 300 * 2.0**1016  # n - k = n in float64
    assert np.isfinite(index)
    assert index == pytest.approx(expected, rel=1e-12)
