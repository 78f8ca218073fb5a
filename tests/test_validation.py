"""Every user-input error path: the exception type and a message naming parameter and rule."""

import warnings

import numpy as np
import pytest

from fastkmeans import KMeans, cost, kmeans_plusplus

X = np.arange(24, dtype=np.float64).reshape(12, 2)


@pytest.mark.parametrize(
    "data, error, message",
    [
        (np.array([[1.0, np.nan], [0.0, 1.0]]), ValueError, "X must be finite: it holds 1 NaN"),
        (np.array([[1.0, np.inf], [0.0, 1.0]]), ValueError, "X must be finite"),
        (np.arange(5.0), ValueError, r"\(5,\)\. Reshape your data: use X.reshape\(-1, 1\)"),
        (np.zeros((2, 2, 2)), ValueError, r"X must be 2-D, got shape \(2, 2, 2\)"),
        (np.zeros((0, 3)), ValueError, r"X must not be empty, got shape \(0, 3\)"),
        (np.array([["a", "b"]]), TypeError, "X must hold real numbers, got dtype <U1"),
        (np.array([[1 + 2j]]), ValueError, "Complex data not supported"),
        (np.array([[1.0], [{"a": 1}]], dtype=object), TypeError, "X must hold real numbers"),
        (np.zeros((3, 0)), ValueError, r"found 0 feature\(s\) \(shape=\(3, 0\)\)"),
        ([[1.0], ["x"]], TypeError, "X must hold real numbers"),
        ([[1.0, 2.0], [3.0]], TypeError, "X must be array-like of numbers"),
    ],
)
def test_bad_data(data, error, message):
    with pytest.raises(error, match=message):
        KMeans(1).fit(data)
    with pytest.raises(error, match=message):
        kmeans_plusplus(data, 1)
    with pytest.raises(error, match=message):
        cost(data, np.zeros((1, 2)))


@pytest.mark.parametrize(
    "n_clusters, error, message",
    [
        (0, ValueError, "n_clusters=0 must be >= 1"),
        (-3, ValueError, "n_clusters=-3 must be >= 1"),
        (13, ValueError, "n_clusters=13 must be <= n_samples=12"),
        (2.5, TypeError, "n_clusters must be an integer, got 2.5"),
        (True, TypeError, "n_clusters must be an integer, got True"),
        ("4", TypeError, "n_clusters must be an integer, got '4'"),
    ],
)
def test_bad_n_clusters(n_clusters, error, message):
    with pytest.raises(error, match=message):
        KMeans(n_clusters).fit(X)
    with pytest.raises(error, match=message):
        kmeans_plusplus(X, n_clusters)


def test_n_clusters_counts_only_positive_weights():
    w = np.zeros(12)
    w[:3] = 1.0
    with pytest.raises(
        ValueError,
        match=r"n_clusters=4 must be <= the number of samples with positive weight \(3\)",
    ):
        KMeans(4).fit(X, sample_weight=w)


@pytest.mark.parametrize(
    "weights, error, message",
    [
        (
            np.ones(11),
            ValueError,
            r"sample_weight must have shape \(12,\) to match X, got shape \(11,\)",
        ),
        (np.ones((12, 1)), ValueError, r"sample_weight must have shape \(12,\)"),
        (-np.ones(12), ValueError, "sample_weight must be >= 0, got minimum -1.0 at index 0"),
        (np.zeros(12), ValueError, "sample_weight must have at least one positive entry"),
        (np.full(12, np.nan), ValueError, "sample_weight must be finite"),
        (np.full(12, np.inf), ValueError, "sample_weight must be finite"),
        (np.array(["a"] * 12), TypeError, "sample_weight must hold real numbers"),
    ],
)
def test_bad_sample_weight(weights, error, message):
    with pytest.raises(error, match=message):
        KMeans(2).fit(X, sample_weight=weights)
    with pytest.raises(error, match=message):
        kmeans_plusplus(X, 2, sample_weight=weights)
    with pytest.raises(error, match=message):
        cost(X, X[:2], sample_weight=weights)


@pytest.mark.parametrize(
    "params, error, message",
    [
        (
            {"init": "kmeans++"},
            ValueError,
            "init='kmeans\\+\\+' must be 'k-means\\+\\+', 'random', a callable or an array",
        ),
        (
            {"init": np.zeros((3, 2))},
            ValueError,
            r"init must have shape \(n_clusters, n_features\) = \(2, 2\), got \(3, 2\)",
        ),
        ({"init": np.zeros((2, 3))}, ValueError, r"got \(2, 3\)"),
        ({"init": np.full((2, 2), np.nan)}, ValueError, "init must be finite"),
        ({"tol": -1.0}, ValueError, "tol=-1.0 must be finite and >= 0"),
        ({"tol": float("nan")}, ValueError, "tol=nan must be finite and >= 0"),
        ({"tol": "small"}, TypeError, "tol must be a real number, got 'small'"),
        ({"max_iter": 0}, ValueError, "max_iter=0 must be >= 1"),
        ({"max_iter": 1.5}, TypeError, "max_iter must be an integer, got 1.5"),
        ({"n_init": 0}, ValueError, "n_init=0 must be >= 1"),
        ({"n_init": None}, TypeError, "n_init must be an integer, got None"),
        ({"n_init": "best"}, ValueError, "n_init='best' must be a positive integer or 'auto'"),
        ({"algorithm": "elkan2"}, ValueError, "algorithm='elkan2' must be"),
        ({"n_threads": 0}, ValueError, r"n_threads=0 must be >= 1 \(or None"),
        ({"n_threads": "2"}, TypeError, "n_threads must be None or an integer"),
        ({"random_state": -1}, ValueError, "random_state=-1 must be >= 0"),
        ({"random_state": "seed"}, TypeError, "random_state must be None, a non-negative int"),
    ],
)
def test_bad_estimator_parameters(params, error, message):
    with pytest.raises(error, match=message):
        KMeans(2, **params).fit(X)


def test_cost_centres_must_match_features():
    # cost() has no fitted model: the message speaks of the centres it was given.
    with pytest.raises(ValueError, match=r"centers has 3 features, but X has 2; pass centres"):
        cost(X, np.zeros((2, 3)))


def test_thread_setting_is_restored_even_after_an_error():
    from fastkmeans._kernels._config import current_threads
    from fastkmeans._parallel import thread_limit

    before = current_threads()
    KMeans(2, n_threads=1, random_state=0).fit(X)
    assert current_threads() == before
    with pytest.raises(ValueError):
        KMeans(2, n_threads=1, init=np.zeros((3, 2))).fit(X)
    assert current_threads() == before
    with thread_limit(1):  # nested settings unwind in order
        with pytest.raises(ValueError):
            KMeans(2, n_threads=2, init=np.zeros((3, 2))).fit(X)
        assert current_threads() == 1
    assert current_threads() == before


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_finiteness_check_tells_overflowing_sums_from_non_finite_values(dtype):
    # The check sums the values first: finite values whose sum overflows must still pass, and
    # an infinity cancelled by another (a NaN sum) or alone must still be found.
    from fastkmeans._validation import check_finite

    big = np.finfo(dtype).max
    check_finite(np.array([[big, big], [big, big]], dtype=dtype))
    check_finite(np.array([[big, -big], [big, -big]], dtype=dtype))
    for bad, count in (([np.inf, -np.inf], 2), ([big, np.inf], 1), ([np.nan, 1.0], 1)):
        with pytest.raises(ValueError, match=f"X must be finite: it holds {count} NaN"):
            check_finite(np.array([bad, [1.0, 2.0]], dtype=dtype))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_magnitude_read_checks_every_step(dtype, monkeypatch):
    # The magnitude is read in steps (fastkmeans._scaling.max_abs): the largest |value| and a
    # non-finite value must be found in any step, the last (partial) one included, as
    # check_finite finds them.
    from fastkmeans import _scaling, _validation

    monkeypatch.setattr(_scaling, "MAGNITUDE_STEP", 7)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(10, 5)).astype(dtype)  # 50 values: 7 full steps and one of 1
    big = np.finfo(dtype).max
    for position in (0, 6, 7, 27, 49):
        Y = X.copy()
        Y.flat[position] = -big
        assert _validation.finite_magnitude(Y) == float(big)
        for bad in (np.nan, np.inf, -np.inf):
            Y.flat[position] = bad
            with pytest.raises(ValueError, match="X must be finite: it holds 1 NaN"):
                _validation.finite_magnitude(Y)
    assert _validation.finite_magnitude(X) == float(np.abs(X).max())
    assert _validation.finite_magnitude(np.empty(0, dtype=dtype)) == 0.0


def test_kmeans_rescales_by_the_magnitude_of_its_validating_read():
    # The fit takes X's magnitude from the read that checks it finite: data near float32's
    # limit is rescaled (else every squared distance would be inf) and the fit stays exact.
    X = np.array([[0.0], [1.0], [10.0], [11.0]], dtype=np.float32)
    scale = np.float32(2.0**100)
    small = KMeans(2, random_state=0).fit(X)
    large = KMeans(2, random_state=0).fit(X * scale)
    np.testing.assert_array_equal(large.cluster_centers_, small.cluster_centers_ * scale)
    assert large.inertia_ == small.inertia_ * float(scale) ** 2


def test_centres_beyond_the_datas_dtype_are_named_not_called_infinite():
    X = np.random.default_rng(0).normal(size=(50, 3)).astype(np.float32)
    huge = np.array([[1e39, 0.0, 0.0]])  # finite in float64, beyond float32
    message = r"holds values beyond the range of float32 .* largest 1e\+39"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no overflow warning from the cast
        with pytest.raises(ValueError, match="centers " + message):
            cost(X, huge)
        with pytest.raises(ValueError, match="init " + message):
            KMeans(1, init=huge, n_init=1).fit(X)
    with pytest.raises(ValueError, match="centers must be finite"):
        cost(X, np.array([[np.inf, 0.0, 0.0]]))


def test_a_callable_init_returning_one_dimension_gets_no_reshape_hint():
    X = np.random.default_rng(0).normal(size=(50, 3))
    with pytest.raises(ValueError, match=r"returned by init must be 2-D, got shape \(6,\)$"):
        KMeans(2, init=lambda X, k, random_state: np.zeros(6), n_init=1).fit(X)


def test_float32_rows_against_float64_centres_beyond_float32_are_computed_in_float64():
    X = np.r_[np.random.default_rng(0).normal(size=(50, 3)), [[1e100, 0.0, 0.0]]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the fit's own cost is fine; its range
        model = KMeans(2, random_state=0).fit(X)
    rows = X[:2].astype(np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "overflow encountered in cast"
        distances = model.transform(rows)
        labels = model.predict(rows)
    assert np.isfinite(distances).all() and distances.dtype == np.float64
    np.testing.assert_allclose(distances, model.transform(rows.astype(np.float64)), rtol=1e-12)
    np.testing.assert_array_equal(labels, model.predict(rows.astype(np.float64)))


def test_random_state_and_init_messages_say_what_to_pass():
    X = np.random.default_rng(0).normal(size=(20, 2))
    with pytest.raises(TypeError, match=r"got RandomState.*; pass an int seed"):
        KMeans(2, random_state=np.random.RandomState(0)).fit(X)
    scipy_sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(TypeError, match="returned by init must be a dense array of centres"):
        KMeans(2, n_init=1, init=lambda X, k, random_state: scipy_sparse.csr_matrix(X[:k])).fit(X)


def test_sample_weight_of_numbers_held_as_objects_is_taken_like_x():
    X = np.random.default_rng(0).normal(size=(20, 2))
    w = np.arange(1, 21)
    expected = KMeans(2, random_state=0).fit(X, sample_weight=w.astype(float))
    as_objects = KMeans(2, random_state=0).fit(X, sample_weight=w.astype(object))
    np.testing.assert_array_equal(as_objects.cluster_centers_, expected.cluster_centers_)
    with pytest.raises(ValueError, match="sample_weight must be finite"):  # None: NaN
        KMeans(2).fit(X, sample_weight=np.array([None] + [1.0] * 19, dtype=object))
    scipy_sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(TypeError, match="sample_weight must be a dense 1-D array, got a scipy"):
        KMeans(2).fit(X, sample_weight=scipy_sparse.csr_matrix(w.astype(float)))
