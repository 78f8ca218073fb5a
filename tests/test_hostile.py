"""Hostile input: magnitudes at the edges of the dtype, extreme weights, far outliers.

The rule under test: a right answer (exactly the answer on rescaled data, when the input is a
power-of-two rescaling of ordinary data) or a clear warning or error; never NaN, never a silent
wrong answer.
"""

import warnings

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

from fastkmeans import (
    KMeans,
    cost,
    kmeans_plusplus,
    lightweight_coreset,
    sensitivity_coreset,
    uniform_coreset,
)

# Exponents that keep every nonzero coordinate of the integer data below (|x| in [1, 20]) a
# normal number of its dtype, so that the rescaling is exact.
EXPONENTS = {np.float32: (-100, 100), np.float64: (-950, 950)}


@st.composite
def integer_data(draw, max_rows=30):
    n_rows = draw(st.integers(4, max_rows))
    n_features = draw(st.integers(1, 3))
    values = draw(
        st.lists(st.integers(-20, 20), min_size=n_rows * n_features, max_size=n_rows * n_features)
    )
    X = np.array(values, dtype=np.float64).reshape(n_rows, n_features)
    k = draw(st.integers(1, min(4, len(np.unique(X, axis=0)))))
    return X, k


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@given(data=integer_data(), exponent_fraction=st.floats(0, 1), seed=st.integers(0, 2**16))
def test_power_of_two_rescaling_gives_the_same_fit(dtype, data, exponent_fraction, seed):
    X, k = data
    low, high = EXPONENTS[dtype]
    e = int(round(low + exponent_fraction * (high - low)))
    X = X.astype(dtype)
    big = np.ldexp(X, e).astype(dtype)
    for algorithm in ("lloyd", "hamerly"):
        base = _quiet(KMeans(k, random_state=seed, algorithm=algorithm).fit, X)
        scaled = _quiet(KMeans(k, random_state=seed, algorithm=algorithm).fit, big)
        assert_array_equal(scaled.labels_, base.labels_)
        assert_array_equal(scaled.cluster_centers_, np.ldexp(base.cluster_centers_, e))
        assert scaled.n_iter_ == base.n_iter_
        with np.errstate(over="ignore", under="ignore"):
            expected = float(np.ldexp(base.inertia_, 2 * e))
        assert scaled.inertia_ == expected
        assert not np.isnan(scaled.transform(big)).any()
        assert_array_equal(scaled.predict(big), base.labels_)
    _, base_rows = _quiet(kmeans_plusplus, X, k, random_state=seed)
    centers, rows = _quiet(kmeans_plusplus, big, k, random_state=seed)
    assert_array_equal(rows, base_rows)
    assert_array_equal(centers, big[rows])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@given(data=integer_data(max_rows=60), exponent_fraction=st.floats(0, 1), seed=st.integers(0, 99))
def test_power_of_two_rescaling_gives_the_same_coresets(dtype, data, exponent_fraction, seed):
    X, k = data
    low, high = EXPONENTS[dtype]
    e = int(round(low + exponent_fraction * (high - low)))
    X = X.astype(dtype)
    big = np.ldexp(X, e).astype(dtype)
    size = max(k, len(X) // 3)  # below the row count: the sampling path
    for build in (
        lambda data: sensitivity_coreset(data, k, size, random_state=seed),
        lambda data: lightweight_coreset(data, size, random_state=seed),
        lambda data: uniform_coreset(data, size, random_state=seed),
    ):
        base, scaled = _quiet(build, X), _quiet(build, big)
        assert_array_equal(scaled.indices, base.indices)
        assert_array_equal(scaled.weights, base.weights)
        assert_array_equal(scaled.points, np.ldexp(base.points, e).astype(dtype))


@given(data=integer_data(), weight_exponent=st.integers(-1070, 1020), seed=st.integers(0, 99))
@example(data=(np.array([[0.0], [0.0], [0.0], [1.0]]), 1), weight_exponent=-1022, seed=0)
def test_extreme_weights_give_the_same_fit_and_an_exact_or_flagged_inertia(
    data, weight_exponent, seed
):
    X, k = data
    w = np.random.default_rng(seed).integers(1, 4, size=len(X)).astype(np.float64)
    base = _quiet(KMeans(k, random_state=seed).fit, X, sample_weight=w)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        km = KMeans(k, random_state=seed).fit(X, sample_weight=np.ldexp(w, weight_exponent))
    assert_array_equal(km.labels_, base.labels_)
    assert_array_equal(km.cluster_centers_, base.cluster_centers_)
    with np.errstate(over="ignore", under="ignore"):
        expected = float(np.ldexp(base.inertia_, weight_exponent))
    # Computed on weights scaled into range and scaled back by one ldexp: the same rounding as
    # scaling the exact inertia; beyond float64's range, inf or 0 with a warning.
    assert km.inertia_ == expected
    if base.inertia_ > 0 and (np.isinf(expected) or expected == 0):
        assert any("float64 range" in str(w.message) for w in caught)


def test_weights_near_the_largest_float_give_finite_centres_and_a_flagged_inertia():
    X = np.random.default_rng(0).normal(size=(200, 2))
    base = KMeans(3, random_state=0).fit(X)
    with pytest.warns(RuntimeWarning, match="above the float64 range and is reported as inf"):
        km = KMeans(3, random_state=0).fit(X, sample_weight=np.full(200, 1e308))
    assert np.isfinite(km.cluster_centers_).all()
    assert_array_equal(km.labels_, base.labels_)
    assert km.inertia_ == np.inf


@pytest.mark.parametrize(
    "dtype, factor", [(np.float32, 1e19), (np.float32, 1e-30), (np.float64, 1e155)]
)
def test_data_at_the_edge_of_its_dtype_clusters_like_the_unscaled_data(dtype, factor):
    # The reproduction: before, inertia inf after one iteration (x1e19, x1e155) or
    # one cluster with a false "only 1 distinct point" warning (x1e-30).
    Z = np.random.default_rng(0).normal(size=(2000, 3)).astype(np.float32)
    base = KMeans(3, random_state=0).fit(Z)
    X = (Z.astype(dtype) * dtype(factor)).astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # no false few-distinct-points warning
        warnings.simplefilter("ignore", RuntimeWarning)  # x1e155: the cost is beyond float64
        km = KMeans(3, random_state=0).fit(X)
    assert_array_equal(km.labels_, base.labels_)
    assert km.n_iter_ == base.n_iter_
    assert np.isfinite(km.cluster_centers_).all()
    assert km.inertia_ > 0 and not np.isnan(km.inertia_)


def test_one_far_row_keeps_a_finite_threshold_and_the_blobs_apart():
    rng = np.random.default_rng(1)
    blobs = [rng.normal(loc=(40 * c, 0), size=(500, 2)) for c in range(20)]
    X = np.concatenate(blobs + [np.array([[1e160, 0.0]])])
    km = KMeans(21, random_state=0).fit(X)
    exact = KMeans(21, random_state=0, tol=0).fit(X)
    assert np.isfinite(km.cluster_centers_).all() and np.isfinite(km.inertia_)
    # The far row is its own cluster, and every blob keeps its points together.
    assert np.bincount(km.labels_).min() == 1
    assert km.inertia_ <= 1.05 * exact.inertia_


@pytest.mark.parametrize("build", ["lightweight", "sensitivity", "uniform"])
def test_coresets_of_data_with_a_huge_outlier_keep_their_mass(build):
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(size=(999, 2)), [[1e200, 0.0]]])
    if build == "lightweight":
        cs = lightweight_coreset(X, 120, random_state=0)
    elif build == "sensitivity":
        cs = sensitivity_coreset(X, 3, 120, random_state=0)
    else:
        cs = uniform_coreset(X, 120, random_state=0)
    assert len(cs.points) > 3
    assert np.isfinite(cs.weights).all() and (cs.weights > 0).all()
    assert np.isfinite(cs.points).all()
    # Weights estimate the total weight (exactly for sensitivity and uniform).
    assert 0.5 * len(X) < cs.total_weight < 2 * len(X)
    if build != "uniform":
        # The outlier carries most of any cost: it is in the coreset (drawn, or as the
        # bicriteria centre standing exactly for its zero-cost cluster).
        assert (cs.points == X[-1]).all(axis=1).any()


def test_cost_of_rescaled_data_is_rescaled_exactly():
    rng = np.random.default_rng(0)
    X = rng.integers(-20, 21, size=(50, 2)).astype(np.float64)
    C = rng.integers(-20, 21, size=(3, 2)).astype(np.float64)
    for e in (-500, -100, 0, 100, 500):
        assert cost(np.ldexp(X, e), np.ldexp(C, e)) == np.ldexp(cost(X, C), 2 * e)
    with pytest.warns(RuntimeWarning, match="above the float64 range"):
        assert cost(np.ldexp(X, 900), np.ldexp(C, 900)) == np.inf
    with pytest.warns(RuntimeWarning, match="below the float64 range"):
        assert cost(np.ldexp(X, -900), np.ldexp(C, -900)) == 0.0


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@given(
    magnitudes=st.lists(st.integers(-30, 30), min_size=8, max_size=40),
    seed=st.integers(0, 2**16),
    weighted=st.booleans(),
)
def test_mixed_magnitudes_never_give_nan(dtype, magnitudes, seed, weighted):
    # Rows spread over many orders of magnitude (up to the dtype's range): whatever the
    # precision left to the small ones, the results are finite and never NaN.
    rng = np.random.default_rng(seed)
    top = 36 if dtype == np.float32 else 300
    scale = 10.0 ** (np.array(magnitudes) * top / 30)
    X = (rng.normal(size=(len(magnitudes), 2)) * scale[:, None]).astype(dtype)
    w = rng.uniform(0.1, 10.0, size=len(X)) if weighted else None
    k = min(3, len(np.unique(X, axis=0)))
    km = _quiet(KMeans(k, random_state=seed).fit, X, sample_weight=w)
    assert np.isfinite(km.cluster_centers_).all()
    assert not np.isnan(km.inertia_) and km.inertia_ >= 0
    assert ((km.labels_ >= 0) & (km.labels_ < k)).all()
    assert not np.isnan(_quiet(cost, X, km.cluster_centers_, sample_weight=w))
    for cs in (
        _quiet(sensitivity_coreset, X, k, max(k, len(X) // 2), sample_weight=w, random_state=0),
        _quiet(lightweight_coreset, X, len(X) // 2, sample_weight=w, random_state=0),
    ):
        assert np.isfinite(cs.points).all() and np.isfinite(cs.weights).all()
        assert (cs.weights > 0).all()


def test_sparse_data_at_the_edge_of_its_dtype_is_rescaled_like_dense_data():
    sparse = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(0)
    X = rng.integers(-20, 21, size=(200, 5)).astype(np.float64) * (rng.random((200, 5)) < 0.4)
    init = X[:3]
    for e in (-900, 0, 900):
        big = np.ldexp(X, e)
        dense = _quiet(KMeans(3, init=np.ldexp(init, e), tol=0, algorithm="lloyd").fit, big)
        sparse_fit = _quiet(
            KMeans(3, init=np.ldexp(init, e), tol=0, algorithm="lloyd").fit, sparse.csr_matrix(big)
        )
        assert_array_equal(sparse_fit.labels_, dense.labels_)
        assert np.isfinite(sparse_fit.cluster_centers_).all()
        assert_array_equal(sparse_fit.predict(sparse.csr_matrix(big)), dense.labels_)


def test_hamerly_memory_stays_linear_in_the_centres():
    # The issue's case: k=1500 centres of 32 features. The bounds' separations used to build a
    # k x k x d float64 array every iteration (576 MB here); now O(k) per iteration.
    import tracemalloc

    X = np.random.default_rng(0).normal(size=(3000, 32))
    _quiet(KMeans(8, random_state=0, max_iter=2).fit, X[:100])  # load the kernels first
    tracemalloc.start()
    try:
        _quiet(KMeans(1500, random_state=0, max_iter=3).fit, X)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 576 MiB with the k x k x d array; what remains is O(n k) at most (labels, bounds, the
    # seeding's distances) and small.
    assert peak < 48 * 2**20, f"peak {peak / 2**20:.1f} MiB"
