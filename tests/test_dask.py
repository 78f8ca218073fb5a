"""fastkmeans.dask on the local threaded and synchronous schedulers (no distributed Client).

The distributed cluster's tests are in test_dask_distributed.py.
"""

import subprocess
import sys

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")

import fastkmeans  # noqa: E402
from fastkmeans.coreset import merge_and_reduce  # noqa: E402
from fastkmeans.dask import KMeans, cost, segment_image, sensitivity_coreset  # noqa: E402


def blob_data(n_per=600, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0, 0.0], [6.0, 0.0, 1.0], [0.0, 7.0, 2.0], [9.0, 9.0, 9.0]])
    X = np.concatenate([c + rng.normal(size=(n_per, 3)) for c in centres])
    rng.shuffle(X)
    return X.astype(dtype)


@pytest.fixture(autouse=True)
def threads():
    with dask.config.set(scheduler="threads"):
        yield


def test_import_fastkmeans_does_not_import_dask():
    code = (
        "import sys, fastkmeans; print(any(m.split('.')[0] in ('dask', 'distributed') "
        "for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("tol", [0.0, 1e-4, 1e-2])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_exact_lloyd_matches_in_memory(tol, dtype):
    X = blob_data(dtype=dtype)
    init = X[:4].copy()
    km = KMeans(4, init=init, tol=tol).fit(da.from_array(X, chunks=(700, 3)))
    ref = fastkmeans.KMeans(4, init=init, tol=tol, algorithm="lloyd").fit(X)
    np.testing.assert_array_equal(km.labels_.compute(), ref.labels_)
    np.testing.assert_allclose(
        km.cluster_centers_, ref.cluster_centers_, rtol=1e-9 if dtype == np.float64 else 1e-6
    )
    assert km.cluster_centers_.dtype == dtype
    assert (km.n_iter_, km.converged_) == (ref.n_iter_, ref.converged_)
    np.testing.assert_allclose(km.inertia_, fastkmeans.cost(X, km.cluster_centers_), rtol=1e-12)
    # One pass per iteration, plus one to cost centres that stopped on tol with labels moving.
    assert km.n_passes_ in (km.n_iter_, km.n_iter_ + 1)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_wide_rows_match_in_memory(dtype, monkeypatch):
    from fastkmeans import _wide_rows

    monkeypatch.setattr(_wide_rows, "PRODUCT_SEARCH_MIN_WORK", 0)  # by default k d >= 16384
    # More than 16 features: the chunks take the filtered search (a matrix product proposes,
    # the exact distance decides), as the in-memory Lloyd and Hamerly runs do.
    rng = np.random.default_rng(5)
    X = (rng.normal(size=(1500, 24)) + rng.integers(0, 4, size=(1500, 1)) * 3).astype(dtype)
    init = X[:6].copy()
    km = KMeans(6, init=init, tol=0).fit(da.from_array(X, chunks=(400, 24)))
    for algorithm in ("lloyd", "hamerly"):
        ref = fastkmeans.KMeans(6, init=init, tol=0, algorithm=algorithm).fit(X)
        np.testing.assert_array_equal(km.labels_.compute(), ref.labels_)
        assert (km.n_iter_, km.converged_) == (ref.n_iter_, ref.converged_)
        np.testing.assert_allclose(
            km.cluster_centers_, ref.cluster_centers_, rtol=1e-9 if dtype == np.float64 else 1e-5
        )


def test_max_iter_and_convergence_warning():
    X = blob_data()
    init = X[:4].copy()
    with pytest.warns(fastkmeans.ConvergenceWarning):
        km = KMeans(4, init=init, max_iter=1).fit(da.from_array(X, chunks=(700, 3)))
    ref = fastkmeans.KMeans(4, init=init, max_iter=1, algorithm="lloyd")
    with pytest.warns(fastkmeans.ConvergenceWarning):
        ref.fit(X)
    np.testing.assert_allclose(km.cluster_centers_, ref.cluster_centers_, rtol=1e-12)
    np.testing.assert_allclose(km.inertia_, ref.inertia_, rtol=1e-12)
    assert (km.n_iter_, km.converged_, km.n_passes_) == (1, False, 2)


def test_weights_match_in_memory_and_repeated_rows():
    X = blob_data(n_per=200)
    weights = np.random.default_rng(1).integers(0, 4, size=X.shape[0]).astype(np.float64)
    init = X[weights > 0][:4].copy()
    dX = da.from_array(X, chunks=(300, 3))
    km = KMeans(4, init=init, tol=0).fit(dX, sample_weight=da.from_array(weights, chunks=300))
    ref = fastkmeans.KMeans(4, init=init, tol=0, algorithm="lloyd").fit(X, sample_weight=weights)
    np.testing.assert_array_equal(km.labels_.compute(), ref.labels_)
    np.testing.assert_allclose(km.cluster_centers_, ref.cluster_centers_, rtol=1e-9)
    np.testing.assert_allclose(km.inertia_, ref.inertia_, rtol=1e-12)
    repeated = np.repeat(X, weights.astype(int), axis=0)
    on_rows = KMeans(4, init=init, tol=0).fit(da.from_array(repeated, chunks=(500, 3)))
    np.testing.assert_allclose(on_rows.cluster_centers_, km.cluster_centers_, rtol=1e-9)
    np.testing.assert_allclose(on_rows.inertia_, km.inertia_, rtol=1e-9)


def test_empty_cluster_relocated_as_in_memory():
    X = blob_data(n_per=150)
    weights = np.random.default_rng(2).uniform(0.5, 2.0, size=X.shape[0])
    weights[np.argmax(np.linalg.norm(X, axis=1))] = 0.0  # the farthest row carries no weight
    init = np.concatenate([X[:3], [[100.0, 100.0, 100.0]], [[-100.0, 0.0, 0.0]]])
    km = KMeans(5, init=init, tol=0).fit(da.from_array(X, chunks=(130, 3)), sample_weight=weights)
    ref = fastkmeans.KMeans(5, init=init, tol=0, algorithm="lloyd").fit(X, sample_weight=weights)
    np.testing.assert_array_equal(km.labels_.compute(), ref.labels_)
    np.testing.assert_allclose(km.cluster_centers_, ref.cluster_centers_, rtol=1e-9)
    assert np.isfinite(km.cluster_centers_).all()


def test_bitwise_identical_across_schedulers_and_threads():
    X = da.from_array(blob_data(), chunks=(500, 3))
    results = []
    for scheduler in ("sync", "threads"):
        with dask.config.set(scheduler=scheduler):
            km = KMeans(4, random_state=3).fit(X)
            results.append((km.cluster_centers_.tobytes(), km.inertia_, km.n_iter_))
    assert results[0] == results[1]


def test_default_fit_and_coreset_size():
    X = blob_data()
    dX = da.from_array(X, chunks=(600, 3))
    km = KMeans(4, random_state=0).fit(dX)
    ref = fastkmeans.KMeans(4, random_state=0).fit(X)
    assert km.inertia_ <= ref.inertia_ * (1 + 1e-9)
    np.testing.assert_allclose(km.inertia_, fastkmeans.cost(X, km.cluster_centers_), rtol=1e-12)
    small = KMeans(4, random_state=0, coreset_size=100).fit(dX)
    assert small.n_passes_ == 2
    np.testing.assert_allclose(
        small.inertia_, fastkmeans.cost(X, small.cluster_centers_), rtol=1e-12
    )
    assert small.inertia_ <= 1.05 * km.inertia_
    np.testing.assert_array_equal(small.labels_.compute(), small.predict(X).compute())


def test_predict_transform_score_are_consistent():
    X = blob_data(n_per=100)
    dX = da.from_array(X, chunks=(150, 3))
    km = KMeans(4, random_state=1).fit(dX)
    ref = fastkmeans.KMeans(4, init=km.cluster_centers_).fit(X[:4])  # only for its predict
    ref.cluster_centers_ = km.cluster_centers_
    labels = km.predict(dX)
    assert isinstance(labels, da.Array) and labels.chunks == (dX.chunks[0],)
    np.testing.assert_array_equal(labels.compute(), ref.predict(X))
    distances = km.transform(dX)
    assert distances.chunks == (dX.chunks[0], (4,))
    np.testing.assert_allclose(distances.compute(), ref.transform(X), rtol=1e-12)
    np.testing.assert_allclose(-km.score(dX), fastkmeans.cost(X, km.cluster_centers_), rtol=1e-12)
    np.testing.assert_allclose(cost(dX, km.cluster_centers_), -km.score(X), rtol=1e-12)


@pytest.mark.parametrize("weighted", [False, True])
def test_sensitivity_coreset_total_weight_and_tree_parity(weighted):
    X = blob_data(n_per=500)
    weights = np.random.default_rng(4).uniform(0, 3, size=X.shape[0]) if weighted else None
    chunks = 400
    dw = None if weights is None else da.from_array(weights, chunks=chunks)
    cs = sensitivity_coreset(
        da.from_array(X, chunks=(chunks, 3)), 4, 120, sample_weight=dw, random_state=7
    )
    total = X.shape[0] if weights is None else weights.sum()
    assert len(cs.points) <= 120
    np.testing.assert_allclose(cs.total_weight, total, rtol=1e-9)
    rows = cs.indices >= 0
    np.testing.assert_array_equal(cs.points[rows], X[cs.indices[rows]])
    parts = [
        X[i : i + chunks] if weights is None else (X[i : i + chunks], weights[i : i + chunks])
        for i in range(0, X.shape[0], chunks)
    ]
    same = merge_and_reduce(parts, 4, 120, random_state=7)
    for a, b in zip(cs, same, strict=True):
        np.testing.assert_array_equal(a, b)


def test_bad_input_is_named():
    X = blob_data(n_per=50)
    with pytest.raises(ValueError, match=r"chunked along columns.*rechunk\(\{1: -1\}\)"):
        KMeans(2).fit(da.from_array(X, chunks=(50, 2)))
    bad = X.copy()
    bad[130, 1] = np.nan
    with pytest.raises(ValueError, match=r"X \(chunk 2, rows 120 to 179\) must be finite"):
        KMeans(2, random_state=0).fit(da.from_array(bad, chunks=(60, 3)))
    bad[130, 1] = np.inf
    with pytest.raises(ValueError, match=r"chunk 2, rows 120 to 179\) must be finite"):
        cost(da.from_array(bad, chunks=(60, 3)), X[:2])
    # Weights chunked otherwise are moved to X's chunks (a numpy X is chunked by fit itself).
    w = np.arange(1.0, 201.0)
    chunked_otherwise = KMeans(2, init=X[:2], tol=0).fit(
        da.from_array(X, chunks=(60, 3)), sample_weight=da.from_array(w, chunks=100)
    )
    alike = KMeans(2, init=X[:2], tol=0).fit(
        da.from_array(X, chunks=(60, 3)), sample_weight=da.from_array(w, chunks=60)
    )
    np.testing.assert_array_equal(chunked_otherwise.cluster_centers_, alike.cluster_centers_)
    with pytest.raises(ValueError, match=r"must be 2-D, .* use X.reshape\(-1, 1\)"):
        KMeans(2).fit(da.from_array(X[:, 0], chunks=60))
    negative = np.ones(200)
    negative[70] = -1.0
    with pytest.raises(
        ValueError, match=r"sample_weight \(chunk 1, rows 60 to 119\) must be >= 0, .* index 70$"
    ):
        KMeans(2).fit(
            da.from_array(X, chunks=(60, 3)), sample_weight=da.from_array(negative, chunks=60)
        )
    with pytest.raises(ValueError, match=r"n_clusters=201 must be <= n_samples=200"):
        KMeans(201).fit(da.from_array(X, chunks=(60, 3)))
    with pytest.raises(ValueError, match="at least one positive entry"):
        KMeans(2).fit(da.from_array(X, chunks=(60, 3)), sample_weight=da.zeros(200, chunks=60))
    unknown = da.from_array(X, chunks=(60, 3))
    unknown = unknown[unknown[:, 0] > -1e9]
    with pytest.raises(ValueError, match=r"unknown chunk sizes.*compute_chunk_sizes"):
        KMeans(2).fit(unknown)
    km = KMeans(2, random_state=0)
    with pytest.raises(RuntimeError, match="not fitted"):
        km.predict(X)


def test_failed_fit_leaves_no_half_fitted_model():
    X = blob_data(n_per=50)
    km = KMeans(2, random_state=0).fit(X)
    centres = km.cluster_centers_.copy()
    bad = X.copy()
    bad[-1, 0] = np.nan
    with pytest.raises(ValueError, match="must be finite"):
        km.fit(da.from_array(bad, chunks=(60, 3)))
    np.testing.assert_array_equal(km.cluster_centers_, centres)


@pytest.mark.parametrize(
    ("channels", "color_space"), [(3, "rgb"), (4, "rgb"), (3, "lab"), (1, "rgb")]
)
def test_segment_image_matches_in_memory(channels, color_space):
    import imageio.v3 as iio

    path = fastkmeans.__file__.replace("__init__.py", "data/coffee.png")
    photo = iio.imread(path)[:160, :240, :3]
    if channels == 4:
        alpha = np.arange(photo.shape[0] * photo.shape[1], dtype=np.uint8)
        photo = np.dstack([photo, alpha.reshape(photo.shape[:2])])
    elif channels == 1:
        photo = photo[..., 0]
    chunks = (70, 100, channels)[: photo.ndim]
    seg = segment_image(
        da.from_array(photo, chunks=chunks), 6, color_space=color_space, random_state=0
    )
    ref = fastkmeans.segment_image(photo, 6, color_space=color_space, random_state=0)
    np.testing.assert_array_equal(seg.palette, ref.palette)
    np.testing.assert_array_equal(seg.labels.compute(), ref.labels)
    np.testing.assert_array_equal(seg.image.compute(), ref.image)
    assert seg.image.chunks == da.from_array(photo, chunks=chunks).chunks
    assert (seg.inertia, seg.n_colors, seg.mse) == (ref.inertia, ref.n_colors, ref.mse)
    assert seg.ssim is None


def test_segment_image_bad_chunks():
    image = np.zeros((20, 20, 3), dtype=np.uint8)
    with pytest.raises(ValueError, match=r"chunked along its channels.*rechunk\(\{2: -1\}\)"):
        segment_image(da.from_array(image, chunks=(10, 10, 1)), 2)
    bad = np.zeros((20, 20, 3))
    bad[15, 3] = 2.0
    with pytest.raises(ValueError, match=r"image \(chunk at rows 10 to 19, columns 0 to 9\)"):
        segment_image(da.from_array(bad, chunks=(10, 10, 3)), 2)


# -- what the chunks cannot rescale is refused; degenerate data stops -------------------------


def _chunked(X, rows=100):
    return da.from_array(X, chunks=(rows, X.shape[1]))


@pytest.mark.parametrize("factor", [2e19, 1e-30])
def test_float32_data_at_the_edge_of_its_range_is_refused_not_mislabelled(factor):
    # In memory the data would be rescaled by a power of two; per chunk, squared distances
    # overflowed (or underflowed) and the labels came out nearly arbitrary, silently.
    X = (blob_data() * factor).astype(np.float32)
    with pytest.raises(ValueError, match=r"largest magnitude of X .* fit X \* 2\.0\*\*-?\d+"):
        KMeans(3, init=X[:3].copy(), tol=0, max_iter=5).fit(_chunked(X))
    with pytest.raises(ValueError, match="does not rescale"):
        cost(_chunked(X), X[:3])


def test_weights_beyond_the_unscaled_range_are_refused_and_small_ones_in_one_chunk_kept():
    X = blob_data()
    init = X[:3].copy()
    w = np.ones(len(X))
    w[-100:] = 1e100
    with pytest.raises(ValueError, match=r"sample_weight's largest value 1e\+100 lies outside"):
        KMeans(3, init=init).fit(_chunked(X), sample_weight=da.from_array(w, chunks=100))
    # Tiny weights in one chunk only: that chunk used to rescale them on its own, its sums
    # then added to the others' in other units.
    w[-100:] = 1e-100
    km = KMeans(3, init=init, tol=0, max_iter=30).fit(_chunked(X), sample_weight=w)
    expected = fastkmeans.KMeans(3, init=init, algorithm="lloyd", tol=0, max_iter=30).fit(
        X, sample_weight=w
    )
    np.testing.assert_array_equal(km.labels_.compute(), expected.labels_)
    assert km.inertia_ == pytest.approx(expected.inertia_, rel=1e-12)


def test_predict_and_transform_rescale_each_chunk_like_the_in_memory_model():
    X = blob_data() * 1e300  # squared distances overflow float64 unscaled
    with pytest.warns(RuntimeWarning, match="the cost lies above the float64 range"):
        model = fastkmeans.KMeans(3, random_state=0).fit(X)
    km = KMeans(3, init=model.cluster_centers_ / 1e300).fit(_chunked(X / 1e300))
    km.cluster_centers_ = model.cluster_centers_
    with pytest.raises(ValueError, match=r"of the centres given\) \d\.\d+e\+300 lies outside"):
        cost(_chunked(X / 1e300), model.cluster_centers_)
    np.testing.assert_array_equal(km.predict(_chunked(X)).compute(), model.predict(X))
    np.testing.assert_allclose(km.transform(_chunked(X)).compute(), model.transform(X), rtol=1e-12)


def test_fewer_distinct_points_than_clusters_stop_instead_of_cycling():
    # Two distinct points, three clusters: the empty cluster went back and forth between a
    # point and a centre a rounding error away, for max_iter iterations.
    X = np.repeat(blob_data()[:2], 300, axis=0)
    with pytest.warns(fastkmeans.FewDistinctPointsWarning):
        km = KMeans(3, random_state=0).fit(_chunked(X))
    assert km.converged_ and km.n_iter_ < 20
    assert km.inertia_ < 1e-20


def test_parameters_only_memory_takes_are_refused():
    X = blob_data()
    with pytest.raises(fastkmeans.NotFittedError, match="not fitted yet"):
        KMeans(3).predict(_chunked(X))
    with pytest.raises(TypeError, match="not a callable"):
        KMeans(3, init=lambda X, k, random_state: X[:k]).fit(_chunked(X))
    with pytest.raises(ValueError, match="n_init=0 must be >= 1"):
        KMeans(3, init=X[:3], n_init=0).fit(_chunked(X))
    w = np.zeros(len(X))
    w[[5, 905]] = 1.0
    with pytest.raises(ValueError, match=r"n_clusters=3 must be <= .* positive weight \(2\)"):
        KMeans(3, init=X[:3]).fit(_chunked(X), sample_weight=w)


def test_segment_image_skips_empty_chunks():
    image = np.random.default_rng(3).integers(0, 256, (64, 48, 3), dtype=np.uint8)
    chunked = da.from_array(image, chunks=((20, 0, 44), 16, 3))
    seg = segment_image(chunked, 3, random_state=0)
    whole = segment_image(da.from_array(image, chunks=(64, 48, 3)), 3, random_state=0)
    np.testing.assert_array_equal(np.asarray(seg.image), np.asarray(whole.image))
    with pytest.raises(ValueError, match="image must not be empty"):
        segment_image(da.zeros((0, 10, 3), dtype=np.uint8, chunks=(5, 5, 3)), 2)
