"""The filtered nearest-centre search of wide rows (more than 16 features).

A matrix product proposes candidates, the exact distance decides: the labels must be those of
the exact distances (ties to the lowest index) whatever rounding the product had, and the
lower bounds handed to Hamerly's bounds must hold.
"""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

import fastkmeans
from fastkmeans._kernels.wide_rows import (
    SCAN_ROWS,
    decide_nearest,
    exact_sq_distance,
    shifted_rows,
    smallest_two_expansions,
)
from fastkmeans._wide_rows import filtered_nearest

from . import naive


@pytest.fixture
def product_search_always(monkeypatch):
    """Small fits take the product search too (by default it needs k d >= 16384, or 8192
    above 128 features)."""
    from fastkmeans import _wide_rows

    monkeypatch.setattr(_wide_rows, "PRODUCT_SEARCH_MIN_WORK", 0)


def _exact_oracle(X, centers):
    """Labels (lowest index on ties) and distances from exact_sq_distance itself, every
    centre tried."""
    dist = np.array(
        [[exact_sq_distance(X, i, centers, j) for j in range(len(centers))] for i in range(len(X))],
        dtype=X.dtype,
    )
    labels = np.argmin(dist, axis=1)
    return labels, dist[np.arange(len(X)), labels]


def _check_search(X, centers, rows=None):
    chosen = np.arange(len(X)) if rows is None else rows
    nearest = np.empty(len(chosen), dtype=np.int32)
    nearest_sq = np.empty(len(chosen), dtype=X.dtype)
    others_sq = np.empty(len(chosen))
    filtered_nearest(X, centers, rows, nearest, nearest_sq, others_sq)
    labels, dist = _exact_oracle(X[chosen], centers)
    assert_array_equal(nearest, labels)
    assert_array_equal(nearest_sq, dist)
    # The lower bound holds for the true distance to every other centre.
    true = naive.sq_distances(X[chosen], centers)
    true[np.arange(len(chosen)), labels] = np.inf
    assert np.all(others_sq <= true.min(axis=1) * (1 + 1e-12))
    # Hamerly's variant: the same labels, and instead of each exact distance a bound above it
    # by at most the expansion's error bound (and the outward rounding).
    bounded = np.empty(len(chosen), dtype=np.int32)
    upper_sq = np.empty(len(chosen))
    filtered_nearest(X, centers, rows, bounded, upper_sq, upper_bounds=True)
    assert_array_equal(bounded, labels)
    centers64 = centers.astype(np.float64)
    shift = centers64.mean(axis=0)
    reach = (
        np.linalg.norm(X[chosen] - shift, axis=1) + np.linalg.norm(centers64 - shift, axis=1).max()
    )
    slack = 4 * (X.shape[1] + 16) * np.finfo(X.dtype).eps * reach**2 + 2e-12 * dist
    assert np.all(upper_sq >= dist)
    assert np.all(upper_sq - dist <= slack)
    return nearest


def _integer_data(rng, n, d, k, dtype):
    # Small integers: many rows exactly midway between centres, and duplicate centres.
    X = rng.integers(-2, 3, size=(n, d)).astype(dtype)
    centers = X[rng.choice(n, k, replace=False)].copy()
    if k > 2:
        centers[2] = centers[0]
    return X, centers


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("n_features", "n_clusters"), [(17, 1), (17, 5), (33, 65), (130, 12)])
def test_matches_the_exact_search_with_ties(dtype, n_features, n_clusters):
    rng = np.random.default_rng(n_features + n_clusters)
    X, centers = _integer_data(rng, 700, n_features, n_clusters, dtype)
    nearest = _check_search(X, centers)
    # Exact ties go to the lowest index: the duplicate centre 2 of centre 0 never wins.
    if n_clusters > 2:
        assert not np.any(nearest == 2)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n_clusters", [1, 3, 4, 5, 8, 13])
@pytest.mark.parametrize("n_rows", [1, 37, SCAN_ROWS])
def test_candidate_scan_keeps_the_two_smallest_expansions(dtype, n_clusters, n_rows):
    # The scan takes the centres four at a time, then one at a time: every count of centres
    # around those steps, with exact ties (small integers) that must go to the lowest index and
    # leave the tied value as the second smallest.
    rng = np.random.default_rng(100 * n_clusters + n_rows)
    start = 3
    products = rng.integers(-3, 4, size=(n_clusters, start + n_rows)).astype(dtype)
    center_sq = rng.integers(0, 4, size=n_clusters).astype(dtype)
    best = np.full(n_rows, -7, dtype=np.int32)
    smallest = np.full(n_rows, np.nan, dtype=dtype)
    second = np.full(n_rows, np.nan, dtype=dtype)
    smallest_two_expansions(products, start, n_rows, center_sq, best, smallest, second)
    expansions = center_sq[:, None] - 2 * products[:, start:]
    ordered = np.sort(expansions, axis=0)
    assert_array_equal(best, np.argmin(expansions, axis=0))
    assert_array_equal(smallest, ordered[0])
    assert_array_equal(second, ordered[1] if n_clusters > 1 else np.full(n_rows, np.inf))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_data_far_from_the_origin(dtype):
    # Coordinates near 1e4 with spreads near 1: unshifted, the expansion would cancel every
    # significant digit of a float32 distance.
    rng = np.random.default_rng(1)
    X = (1e4 + rng.normal(size=(3000, 24))).astype(dtype)
    centers = X[:40].copy()
    _check_search(X, centers)


def test_gathered_rows_and_chunks():
    # A subset of rows, in more chunks than one (the chunk is at most 4096 rows).
    rng = np.random.default_rng(2)
    X = rng.normal(size=(9000, 20)).astype(np.float32)
    centers = X[:7].copy()
    rows = np.sort(rng.choice(len(X), 6000, replace=False))
    _check_search(X, centers, rows)


def test_all_centres_equidistant():
    # Every row at the origin, the centres at +-e_f: all 2d distances are exactly 1, so every
    # centre is a candidate and the lowest index wins.
    d = 20
    centers = np.concatenate([np.eye(d), -np.eye(d)]).astype(np.float32)
    X = np.zeros((50, d), dtype=np.float32)
    assert_array_equal(_check_search(X, centers), np.zeros(50))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_decisions_do_not_depend_on_the_products_rounding(dtype):
    # The products are perturbed by up to the worst rounding error a dot product of d terms can
    # have (d u |x| |c|), in either direction: the decisions must not change.
    rng = np.random.default_rng(3)
    n, d, k = 2000, 64, 50
    X = rng.normal(size=(n, d)).astype(dtype)
    # Centres two by two almost equidistant from many rows.
    centers = np.repeat(X[:25], 2, axis=0) + rng.normal(scale=1e-3, size=(k, d)).astype(dtype)
    centers = centers.astype(dtype)
    labels, dist = _exact_oracle(X, centers)
    shift = centers.mean(axis=0).astype(dtype)
    shifted_centers = centers - shift
    shifted = np.empty((n, d), dtype=dtype)
    row_sq = np.empty(n)
    shifted_rows(X, np.arange(n), shift, shifted, row_sq)
    exact_products = shifted_centers.astype(np.float64) @ shifted.astype(np.float64).T
    u = np.finfo(dtype).eps / 2
    worst = d * u * np.outer(np.linalg.norm(shifted_centers, axis=1), np.sqrt(row_sq))
    center_sq = np.einsum("ij,ij->i", shifted_centers, shifted_centers, dtype=np.float64)
    eps = np.finfo(dtype).eps
    for sign in (-1.0, 1.0, None):
        noise = rng.uniform(-1, 1, size=worst.shape) if sign is None else sign
        products = (exact_products + noise * worst).astype(dtype)
        nearest = np.empty(n, dtype=np.int32)
        nearest_sq = np.empty(n, dtype=dtype)
        others_sq = np.empty(n)
        decide_nearest(
            X, np.arange(n), centers, products, center_sq.astype(dtype), row_sq,
            float(np.sqrt(center_sq.max())), (d + 16) * eps, (d + 4) * eps,
            nearest, nearest_sq, others_sq, False,
        )  # fmt: skip
        assert_array_equal(nearest, labels)
        assert_array_equal(nearest_sq, dist)


_DISTANCE_COMPILED_ALONE_FIRST = """
import numpy as np
import fastkmeans
from fastkmeans._kernels.wide_rows import exact_sq_distance
from fastkmeans._wide_rows import filtered_nearest

rng = np.random.default_rng(725)
n, k = 3 * 701 + 2500, 701
X = (rng.normal(size=(n, 24)) + rng.integers(0, 4, size=(n, 1)) * 3).astype(np.float32)
init = X[:k].copy()
alone = exact_sq_distance(X, 0, init, 1)  # compiled from Python first: int64 indices
nearest = np.empty(n, np.int32)
nearest_sq = np.empty(n, np.float32)
filtered_nearest(X, init, None, nearest, nearest_sq, np.empty(n))
assert nearest_sq[0] == min(exact_sq_distance(X, 0, init, j) for j in range(k))
assert all(nearest_sq[i] == exact_sq_distance(X, i, init, nearest[i]) for i in range(0, n, 7))
fits = [
    fastkmeans.KMeans(k, init=init, tol=0, max_iter=4, algorithm=algorithm).fit(X)
    for algorithm in ("lloyd", "hamerly")
]
assert np.array_equal(fits[0].labels_, fits[1].labels_)
assert fits[0].inertia_ == fits[1].inertia_, (fits[0].inertia_, fits[1].inertia_)
print("same bits")
"""


def test_the_exact_distance_is_the_same_code_whoever_compiles_it_first(tmp_path):
    # In a fresh kernel cache, the distance compiled by a call from Python before any kernel
    # calls it: the search's distances must still be its bits, and Lloyd's inertia Hamerly's
    # (Numba handed a fast-math caller's flags to this callee when it set none, so which
    # compiled first decided its rounding, for every later process sharing the cache).
    import os
    import subprocess
    import sys
    import warnings

    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = subprocess.run(
            [sys.executable, "-W", "ignore", "-c", _DISTANCE_COMPILED_ALONE_FIRST],
            env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "same bits"


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("tighten_min_clusters", [0, 10**9])
def test_fits_on_wide_rows_match_the_oracle_and_each_other(
    dtype, tighten_min_clusters, product_search_always, monkeypatch
):
    # Hamerly's bound test, with and without the exact distance to the row's own centre.
    from fastkmeans import _wide_rows

    monkeypatch.setattr(_wide_rows, "TIGHTEN_MIN_CLUSTERS", tighten_min_clusters)
    rng = np.random.default_rng(4)
    X = (rng.normal(size=(2500, 40)) * 10 + 300).astype(dtype)
    init = X[:30].copy()
    runs = {
        algorithm: fastkmeans.KMeans(30, init=init, tol=0, max_iter=4, algorithm=algorithm).fit(X)
        for algorithm in ("lloyd", "hamerly")
    }
    lloyd, hamerly = runs["lloyd"], runs["hamerly"]
    assert_array_equal(lloyd.cluster_centers_, hamerly.cluster_centers_)
    assert_array_equal(lloyd.labels_, hamerly.labels_)
    # Hamerly labels the final centres through its bounds, Lloyd with a full search.
    labels, _ = _exact_oracle(X, lloyd.cluster_centers_)
    assert_array_equal(lloyd.labels_, labels)
    assert_array_equal(lloyd.predict(X), labels)
    cost = naive.cost(X, lloyd.cluster_centers_)
    np.testing.assert_allclose([lloyd.inertia_, hamerly.inertia_], cost, rtol=1e-6)


def test_steps_decide_the_rows_in_pieces(monkeypatch, product_search_always):
    # The steps decide 65,536 rows at a time; with pieces of 700 rows, 2,500 rows take four
    # (the last one short), and Hamerly's rescanned rows are split the same way.
    from fastkmeans import _wide_rows

    rng = np.random.default_rng(6)
    X = (rng.normal(size=(2500, 24)) + rng.integers(0, 5, size=(2500, 1)) * 2).astype(np.float32)
    init = X[:9].copy()
    whole = fastkmeans.KMeans(9, init=init, tol=0, max_iter=6, algorithm="lloyd").fit(X)
    monkeypatch.setattr(_wide_rows, "_PIECE_ROWS", 700)
    for algorithm in ("lloyd", "hamerly"):
        km = fastkmeans.KMeans(9, init=init, tol=0, max_iter=6, algorithm=algorithm).fit(X)
        assert_array_equal(km.cluster_centers_, whole.cluster_centers_)
        assert_array_equal(km.labels_, whole.labels_)
        assert_array_equal(km.labels_, _exact_oracle(X, km.cluster_centers_)[0])


@pytest.mark.parametrize(
    ("n_features", "n_clusters", "expected"),
    # More than 16 features and k d >= 16384, or 8192 above 128 features: 17 * 963 = 16371,
    # 17 * 964 = 16388; 128 * 127 = 16256, 128 * 128 = 16384; 129 * 63 = 8127, 129 * 64 = 8256.
    [
        (16, 1024, False),
        (17, 963, False),
        (17, 964, True),
        (128, 127, False),
        (128, 128, True),
        (129, 63, False),
        (129, 64, True),
    ],
)
def test_which_rows_take_the_product_search(n_features, n_clusters, expected, monkeypatch):
    from fastkmeans import _wide_rows
    from fastkmeans._kernels import wide_rows

    rows, centers = np.empty((1, n_features)), np.empty((n_clusters, n_features))
    assert _wide_rows.takes_product_search(rows, centers) is expected
    # A fit of such data searches through the product exactly when expected.
    calls = []
    decide = wide_rows.decide_nearest
    monkeypatch.setattr(_wide_rows, "decide_nearest", lambda *a: calls.append(1) or decide(*a))
    rng = np.random.default_rng(7)
    X = rng.normal(size=(max(2 * n_clusters, 600), n_features)).astype(np.float32)
    fastkmeans.KMeans(n_clusters, init=X[:n_clusters], max_iter=2, tol=0).fit(X)
    assert bool(calls) is expected


@pytest.mark.parametrize("exponent", [100, -100])
def test_scaled_data_gives_the_same_labels(exponent, product_search_always):
    # The drivers rescale data near float32's edges by a power of two; the bound is relative,
    # so the search decides the same way at any scale.
    rng = np.random.default_rng(8)
    X = rng.normal(size=(3000, 40)).astype(np.float32)
    init = X[:7].copy()
    ref = fastkmeans.KMeans(7, init=init, tol=0).fit(X)
    scale = np.float32(2.0**exponent)
    km = fastkmeans.KMeans(7, init=init * scale, tol=0).fit(X * scale)
    assert_array_equal(km.labels_, ref.labels_)
    assert_array_equal(km.cluster_centers_, ref.cluster_centers_ * scale)


def _block_sums(X, bounds, labels, n_clusters, accumulated=None, partials=None, weights=None):
    from fastkmeans._kernels.wide_rows import accumulate_blocks

    n_blocks = len(bounds) - 1
    if partials is None:
        partials = (np.empty((n_blocks, n_clusters, X.shape[1])), np.empty((n_blocks, n_clusters)))
    unit = weights is None
    accumulate_blocks(
        X, np.empty(0) if unit else weights, unit, bounds, labels,
        np.empty(0, np.int32) if accumulated is None else accumulated,
        np.empty(0, X.dtype), *partials, np.empty(n_blocks),
    )  # fmt: skip
    return partials


@pytest.mark.parametrize("weighted", [False, True])
def test_carried_sums_equal_a_full_pass(weighted):
    # Only the slots of clusters whose rows changed are summed again, and they come out bit
    # for bit as a full pass sums them (from zero, in row order).
    rng = np.random.default_rng(9)
    X = rng.normal(size=(4000, 20)).astype(np.float32)
    weights = rng.uniform(0.5, 2.0, size=4000) if weighted else None
    bounds = np.array([0, 1000, 2000, 3000, 4000])
    labels = rng.integers(0, 6, size=4000).astype(np.int32)
    accumulated = np.full(4000, -1, dtype=np.int32)
    carried = _block_sums(X, bounds, labels, 6, accumulated, weights=weights)
    full = _block_sums(X, bounds, labels, 6, weights=weights)
    assert_array_equal(carried[0], full[0])
    assert_array_equal(carried[1], full[1])
    assert_array_equal(accumulated, labels)
    # Block 0: two rows move from cluster 1 to 2; block 2: one row from 4 to 0; block 3 is
    # marked as never summed. A slot of block 1 (untouched) is poisoned: it must not be read
    # again, while block 3's poisoned slot must be.
    new = labels.copy()
    moved = [int(i) for i in np.flatnonzero(labels[:1000] == 1)[:2]]
    new[moved] = 2
    row = int(np.flatnonzero(labels[2000:3000] == 4)[0]) + 2000
    new[row] = 0
    accumulated[3500] = -1
    carried[0][1, 3] = carried[1][1, 3] = carried[0][3, 5] = np.nan
    _block_sums(X, bounds, new, 6, accumulated, partials=carried, weights=weights)
    full = _block_sums(X, bounds, new, 6, weights=weights)
    assert np.isnan(carried[0][1, 3]).all() and np.isnan(carried[1][1, 3])
    carried[0][1, 3], carried[1][1, 3] = full[0][1, 3], full[1][1, 3]
    assert_array_equal(carried[0], full[0])
    assert_array_equal(carried[1], full[1])
    assert_array_equal(accumulated, new)


@pytest.mark.parametrize(
    ("algorithm", "tighten_min_clusters"), [("lloyd", 0), ("hamerly", 0), ("hamerly", 10**9)]
)
def test_fits_carrying_the_sums_equal_fits_summing_every_row(
    algorithm, tighten_min_clusters, product_search_always, monkeypatch
):
    # Two clusters start empty and are relocated (labels changed outside the steps).
    from fastkmeans import _hamerly, _lloyd, _wide_rows

    monkeypatch.setattr(_wide_rows, "TIGHTEN_MIN_CLUSTERS", tighten_min_clusters)

    rng = np.random.default_rng(10)
    X = (rng.normal(size=(3000, 24)) + rng.integers(0, 4, size=(3000, 1)) * 3).astype(np.float32)
    init = X[:6].copy()
    init[4:] = 1e4
    km = fastkmeans.KMeans(6, init=init, tol=0, max_iter=8, algorithm=algorithm).fit(X)
    for module in (_hamerly, _lloyd):
        monkeypatch.setattr(module, "carried_sums", lambda X, centers: None)
    every_row = fastkmeans.KMeans(6, init=init, tol=0, max_iter=8, algorithm=algorithm).fit(X)
    assert_array_equal(km.cluster_centers_, every_row.cluster_centers_)
    assert_array_equal(km.labels_, every_row.labels_)
    assert km.n_iter_ == every_row.n_iter_
    assert len(np.unique(km.labels_)) == 6  # the empty clusters took points


def _blas_threads():
    """Thread counts of the BLAS libraries fastkmeans holds (those loaded when it first
    looked: numpy's among them; others loaded later do not run numpy's products)."""
    from fastkmeans._blas import _controller

    controller = _controller()
    return (
        [] if controller is None else [lib.get_num_threads() for lib in controller.lib_controllers]
    )


def test_chunks_searched_on_several_threads_give_the_same_bits(monkeypatch):
    # With BLAS held to one thread, fastkmeans's threads each search every n-th chunk.
    from fastkmeans import _blas, _wide_rows
    from fastkmeans._kernels._config import thread_pool
    from fastkmeans._parallel import thread_limit

    threadpoolctl = pytest.importorskip("threadpoolctl")
    monkeypatch.setattr(_wide_rows, "_MAX_CHUNK_ROWS", 256)  # 9 chunks
    submitted = []
    monkeypatch.setattr(_wide_rows, "thread_pool", lambda: submitted.append(1) or thread_pool())
    rng = np.random.default_rng(8)
    X = rng.normal(size=(3000, 40)).astype(np.float32)
    centers = X[rng.choice(3000, 48, replace=False)]
    rows = np.sort(rng.choice(3000, 2100, replace=False))

    def search(n_threads):
        out = (np.empty(2100, np.int32), np.empty(2100, np.float32), np.empty(2100))
        with thread_limit(n_threads):
            filtered_nearest(X, centers, rows, *out)
        return out

    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        if not _blas_threads():
            pytest.skip("no BLAS library that threadpoolctl controls")
        results = [search(1), search(2)]
        assert len(submitted) == 1  # only the second spread its chunks
        assert set(_blas_threads()) == {2}  # restored
        monkeypatch.setattr(_blas, "_controller", lambda: None)  # no threadpoolctl
        results.append(search(2))
        assert len(submitted) == 1
    for other in results[1:]:
        for array, array_too in zip(results[0], other, strict=True):
            assert_array_equal(array, array_too)
    labels, distances = _exact_oracle(X[rows], centers)
    assert_array_equal(results[0][0], labels)
    assert_array_equal(results[0][1], distances)


def test_blas_is_held_from_the_main_thread_only_and_restored():
    import threading

    from fastkmeans._blas import single_threaded_blas

    threadpoolctl = pytest.importorskip("threadpoolctl")
    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        if not _blas_threads():
            pytest.skip("no BLAS library that threadpoolctl controls")
        with single_threaded_blas() as held:
            assert held
            assert set(_blas_threads()) == {1}
        assert set(_blas_threads()) == {2}
        # From another thread: threadpoolctl would ignore or keep its limits, so none is set.
        seen = []

        def other_thread():
            with single_threaded_blas() as held_there:
                seen.append((held_there, set(_blas_threads())))

        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join(30)
        assert seen == [(False, {2})]


class _FakeBlas:
    """A threadpoolctl library controller as _blas reads it."""

    def __init__(self, filepath, threading_layer):
        self.filepath = filepath
        self.threading_layer = threading_layer
        self.threads = 2

    def get_num_threads(self):
        return self.threads


class _FakeController:
    def __init__(self, *libs):
        self.lib_controllers = list(libs)

    def limit(self, limits):
        before = [lib.threads for lib in self.lib_controllers]
        for lib in self.lib_controllers:
            lib.threads = limits
        controller = self

        class Limiter:
            def restore_original_limits(self):
                for lib, threads in zip(controller.lib_controllers, before, strict=True):
                    lib.threads = threads

        return Limiter()


def test_only_numpys_own_blas_decides_whether_the_chunks_spread(monkeypatch):
    # faiss-cpu loads an OpenBLAS built with OpenMP (a per-thread count): beside numpy's own
    # BLAS it must not stop the chunks spreading (it did: the benchmarks, which import faiss,
    # ran fastkmeans without the hold); numpy's own BLAS built so must.
    import os

    from fastkmeans import _blas

    numpy_libs = os.path.dirname(os.path.realpath(np.__file__)) + ".libs"
    numpys = _FakeBlas(os.path.join(numpy_libs, "libscipy_openblas64_.so"), "pthreads")
    faiss = _FakeBlas("/site-packages/faiss_cpu.libs/libopenblaso.so", "openmp")
    assert _blas.numpy_blas([faiss, numpys]) == [numpys]
    assert _blas.numpy_blas([faiss]) == [faiss]  # numpy on a system BLAS: every one counts
    for libs, spreads in (
        ((numpys, faiss), True),
        ((faiss,), False),
        ((_FakeBlas(numpys.filepath, "openmp"), faiss), False),
    ):
        monkeypatch.setattr(_blas, "_controller", lambda libs=libs: _FakeController(*libs))
        with _blas.single_threaded_blas() as held:
            assert held == spreads
            assert all(lib.threads == 1 for lib in libs)  # every BLAS is held
        assert all(lib.threads == 2 for lib in libs)  # and restored
