"""Sparse input: the sparse kernels give the dense results (scipy is optional: skipped without)."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from fastkmeans import ConvergenceWarning, KMeans, cost, kmeans_plusplus, sensitivity_coreset

from . import naive

sp = pytest.importorskip("scipy.sparse")


def as_sparse(X, extra_zeros, unsorted=False):
    """X as CSR storing its non-zeros and, explicitly, the zeros where ``extra_zeros``."""
    stored = (X != 0) | extra_zeros
    rows, cols = np.nonzero(stored)
    matrix = sp.csr_matrix((X[rows, cols], (rows, cols)), shape=X.shape)
    if unsorted:
        # Reverse the column order within every row: valid CSR without sorted indices.
        for i in range(X.shape[0]):
            start, end = matrix.indptr[i], matrix.indptr[i + 1]
            matrix.indices[start:end] = matrix.indices[start:end][::-1].copy()
            matrix.data[start:end] = matrix.data[start:end][::-1].copy()
        matrix.has_sorted_indices = False
    return matrix


@st.composite
def sparse_problems(draw):
    """Small mostly-zero integer data (empty and duplicate rows likely), integer weights."""
    n_features = draw(st.integers(1, 6))
    n_rows = draw(st.integers(2, 16))
    values = st.sampled_from([0.0, 0.0, 0.0, 1.0, -2.0, 3.0, 0.5])
    X = draw(arrays(np.float64, (n_rows, n_features), elements=values))
    extra_zeros = draw(arrays(np.bool_, (n_rows, n_features)))
    weights = draw(st.none() | arrays(np.float64, n_rows, elements=st.integers(0, 3).map(float)))
    if weights is not None and not (weights > 0).any():
        weights[0] = 1.0
    n_positive = n_rows if weights is None else int((weights > 0).sum())
    n_clusters = draw(st.integers(1, min(4, n_positive)))
    positive = np.arange(n_rows) if weights is None else np.flatnonzero(weights > 0)
    init = X[draw(st.permutations(positive))[:n_clusters]]
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    return X.astype(dtype), extra_zeros, weights, init.astype(dtype), draw(st.booleans())


def fit(X, init, weights, algorithm, max_iter):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", UserWarning)  # few distinct points
        km = KMeans(len(init), init=init, algorithm=algorithm, tol=0, max_iter=max_iter)
        return km.fit(X, sample_weight=weights)


@pytest.mark.parametrize("algorithm", ["lloyd", "hamerly"])
@given(problem=sparse_problems())
def test_same_labels_as_dense_fit(algorithm, problem):
    X, extra_zeros, weights, init, unsorted = problem
    S = as_sparse(X, extra_zeros, unsorted)
    dense = fit(X, init, weights, algorithm, 50)
    sparse = fit(S, init, weights, algorithm, 50)
    if np.array_equal(dense.labels_, sparse.labels_):
        # Same labels every iteration give the same sums: zeros add nothing.
        np.testing.assert_array_equal(dense.cluster_centers_, sparse.cluster_centers_)
        assert dense.n_iter_ == sparse.n_iter_
        np.testing.assert_allclose(dense.inertia_, sparse.inertia_, rtol=1e-5, atol=1e-6)
        return
    # Labels may differ only at an exact tie, which rounding breaks differently: find the first
    # iteration whose labels differ; its centres agree, and every differing row is at a tie.
    for max_iter in range(1, dense.n_iter_ + 1):
        dense = fit(X, init, weights, algorithm, max_iter)
        sparse = fit(S, init, weights, algorithm, max_iter)
        if not np.array_equal(dense.labels_, sparse.labels_):
            break
    np.testing.assert_array_equal(dense.cluster_centers_, sparse.cluster_centers_)
    distances = naive.sq_distances(X, dense.cluster_centers_)
    rows = np.flatnonzero(dense.labels_ != sparse.labels_)
    gap = distances[rows, dense.labels_[rows]] - distances[rows, sparse.labels_[rows]]
    scale = (X[rows].astype(np.float64) ** 2).sum(axis=1) + distances.max() + 1.0
    assert (np.abs(gap) <= 1e-5 * scale).all()


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("weighted", [False, True])
def test_seeding_cost_predict_transform_match_dense(seed, weighted):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(300, 12)) * (rng.random((300, 12)) < 0.3)
    weights = rng.integers(0, 4, size=300).astype(float) if weighted else None
    for fmt in ("csr", "csc", "coo"):
        S = sp.csr_matrix(X).asformat(fmt)
        centers, indices = kmeans_plusplus(S, 5, sample_weight=weights, random_state=seed)
        expected = kmeans_plusplus(X, 5, sample_weight=weights, random_state=seed)
        np.testing.assert_array_equal(indices, expected[1])
        np.testing.assert_array_equal(centers, expected[0])
        km = KMeans(5, random_state=seed).fit(S, sample_weight=weights)
        ref = KMeans(5, random_state=seed).fit(X, sample_weight=weights)
        np.testing.assert_array_equal(km.labels_, ref.labels_)
        np.testing.assert_array_equal(km.predict(S), ref.predict(X))
        np.testing.assert_allclose(km.transform(S), ref.transform(X), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(km.score(S), ref.score(X), rtol=1e-10)
        np.testing.assert_allclose(
            cost(S, ref.cluster_centers_, weights), naive.cost(X, ref.cluster_centers_, weights)
        )


def test_sparse_arrays_float32_and_no_copy_of_user_data():
    rng = np.random.default_rng(5)
    X = (rng.random((200, 30)) < 0.1) * rng.random((200, 30))
    S = sp.csr_array(X.astype(np.float32))
    before = S.copy()
    km = KMeans(4, random_state=0).fit(S)
    assert km.cluster_centers_.dtype == np.float32
    assert km.transform(S).dtype == np.float32
    assert (S != before).nnz == 0


def test_empty_clusters_are_relocated_on_sparse_rows():
    # Two clusters start on the same point: one empties and takes the farthest point.
    X = np.array([[0.0, 0.0], [0.0, 0.0], [0.0, 5.0], [4.0, 0.0], [4.0, 0.0]])
    init = np.array([[0.0, 0.0], [0.0, 0.0], [4.0, 0.0]])
    dense = KMeans(3, init=init, tol=0).fit(X)
    sparse = KMeans(3, init=init, tol=0).fit(sp.csr_matrix(X))
    np.testing.assert_array_equal(sparse.labels_, dense.labels_)
    np.testing.assert_array_equal(sparse.cluster_centers_, dense.cluster_centers_)


def test_callable_init_sees_the_sparse_matrix():
    seen = {}

    def first_rows(X, n_clusters, random_state):
        seen["type"] = type(X)
        return X[:n_clusters].toarray()

    S = sp.csr_matrix(np.eye(6))
    KMeans(3, init=first_rows).fit(S)
    assert seen["type"] is sp.csr_matrix


def test_coresets_of_sparse_data_are_refused_with_a_remedy():
    S = sp.random(50, 10, density=0.2, format="csr", random_state=0)
    with pytest.raises(TypeError, match=r"coreset_size=20 needs dense X.*X.toarray\(\)"):
        KMeans(2, coreset_size=20).fit(S)
    with pytest.raises(TypeError, match=r"scipy.sparse matrix.*X.toarray\(\)"):
        sensitivity_coreset(S, 2, 20)


@pytest.mark.parametrize(
    "data, error, message",
    [
        (sp.csr_matrix(np.array([[np.nan, 1.0]])), ValueError, "X must be finite"),
        (sp.csr_matrix((0, 3)), ValueError, "X must not be empty"),
        (sp.csr_matrix(np.array([[1j, 0]])), ValueError, "Complex data not supported"),
    ],
)
def test_bad_sparse_data(data, error, message):
    with pytest.raises(error, match=message):
        KMeans(1).fit(data)


def test_hamerly_equals_lloyd_on_sparse_rows():
    rng = np.random.default_rng(3)
    S = sp.random(3000, 40, density=0.1, format="csr", random_state=rng)
    init = S[:8].toarray()
    lloyd = KMeans(8, init=init, algorithm="lloyd", tol=0, max_iter=100).fit(S)
    hamerly = KMeans(8, init=init, algorithm="hamerly", tol=0, max_iter=100).fit(S)
    np.testing.assert_array_equal(lloyd.labels_, hamerly.labels_)
    np.testing.assert_array_equal(lloyd.cluster_centers_, hamerly.cluster_centers_)
    assert lloyd.n_iter_ == hamerly.n_iter_ > 2
    assert lloyd.inertia_ == hamerly.inertia_


@pytest.mark.parametrize(
    ("indices", "indptr", "message"),
    [
        (
            [0, 1, 7_000_000, 2],
            [0, 2, 3, 4],
            r"column indices must lie in \[0, 3\), got 0 to 7000000",
        ),
        ([0, 1, -1, 2], [0, 2, 3, 4], r"column indices must lie in \[0, 3\), got -1 to 2"),
        ([0, 1, 2, 2], [0, 3, 2, 4], r"row pointers \(indptr\) must run from 0, never decreasing"),
    ],
)
def test_a_malformed_csr_matrix_is_refused_not_read_out_of_bounds(indices, indptr, message):
    # scipy does not check a CSR matrix built from arrays; an index out of range crashed the
    # process in the kernels, a negative one was read from the end of the row.
    scipy_sparse = pytest.importorskip("scipy.sparse")
    bad = scipy_sparse.csr_matrix(
        (np.array([1.0, 2.0, 3.0, 4.0]), np.array(indices), np.array(indptr)), shape=(3, 3)
    )
    model = KMeans(2, random_state=0).fit(np.eye(3))
    for call in (lambda: model.predict(bad), lambda: KMeans(2, random_state=0).fit(bad)):
        with pytest.raises(ValueError, match="X is a malformed sparse matrix: .*" + message):
            call()


def scoring_problem(n_features, nnz_per_row, point_features, seed):
    """CSR rows with ``nnz_per_row`` non-zeros each, and 5 point rows (the pending centre and 4
    candidates) whose non-zeros lie below ``point_features``; the other rows reach every
    feature, so some of their non-zeros lie past the points' largest."""
    rng = np.random.default_rng(seed)
    n_rows = 377
    X = np.zeros((n_rows, n_features))
    for i in range(n_rows):
        limit = point_features if i < 5 else n_features
        X[i, rng.choice(limit, size=nnz_per_row, replace=False)] = rng.normal(size=nnz_per_row)
    X[-1, -1] = 2.5  # past every point's features, for sure
    return X, np.arange(5)


@pytest.mark.parametrize("unit_weights", [True, False])
@pytest.mark.parametrize(
    ("n_features", "nnz_per_row", "point_features", "reads_slot_zero"),
    [
        (3000, 6, 1500, False),  # points' features few among those up to their largest
        (24, 8, 20, True),  # a good part: every non-zero reads the table
        (30, 0, 30, True),  # points without non-zeros: a table of slot 0 only
    ],
)
def test_sparse_scoring_pass_matches_numpy(
    n_features, nnz_per_row, point_features, reads_slot_zero, unit_weights
):
    # The sparse scoring pass reads the pending centre and the candidates as rows of X, from
    # a table of their features' slots: both ways of reading it, rows with features past the
    # points', blocks that end anywhere.
    from fastkmeans._kernels.sparse import fold_and_score

    X, point_rows = scoring_problem(n_features, nnz_per_row, point_features, seed=n_features)
    if nnz_per_row == 0:
        X[5:] = np.random.default_rng(0).normal(size=(X.shape[0] - 5, n_features))
    S = sp.csr_matrix(X)
    union = np.flatnonzero((X[point_rows] != 0).any(axis=0))
    span = union.max() + 1 if union.size else 0
    assert (8 * (union.size + 1) > span) == reads_slot_zero

    rng = np.random.default_rng(1)
    weights = rng.uniform(0.5, 2.0, size=X.shape[0])
    closest = rng.uniform(0.0, 6.0, size=X.shape[0])
    bounds = np.array([0, 130, 300, 377])
    pending, candidates = X[point_rows[0]], X[point_rows[1:]]
    expected_closest = np.minimum(closest, ((X - pending) ** 2).sum(axis=1))
    w = np.ones(X.shape[0]) if unit_weights else weights
    to_candidates = ((X[:, None, :] - candidates[None]) ** 2).sum(axis=2)
    masses = w[:, None] * np.minimum(expected_closest[:, None], to_candidates)
    expected_scores = np.stack([masses[bounds[b] : bounds[b + 1]].sum(axis=0) for b in range(3)])

    scores = np.empty((3, 4))
    fold_and_score(
        S.data, S.indices, S.indptr, weights, unit_weights, point_rows, bounds, closest, scores
    )
    np.testing.assert_allclose(closest, expected_closest, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(scores, expected_scores, rtol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_seeding_many_sparse_columns_matches_dense(seed):
    # Few features per row among many: the scoring pass's other way of reading its points,
    # and blocks of 128 rows where the dense seeding has one of 2,048 (the same draws).
    X, _ = scoring_problem(2000, 4, 2000, seed)
    weights = np.random.default_rng(seed).integers(0, 3, size=X.shape[0]).astype(float)
    for sample_weight in (None, weights):
        centers, indices = kmeans_plusplus(
            sp.csr_matrix(X), 12, sample_weight=sample_weight, random_state=seed
        )
        expected = kmeans_plusplus(X, 12, sample_weight=sample_weight, random_state=seed)
        np.testing.assert_array_equal(indices, expected[1])
        np.testing.assert_array_equal(centers, expected[0])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("weighted", [False, True])
def test_one_block_lloyd_pass_split_in_two_gives_the_same_bits(monkeypatch, dtype, weighted):
    # Where the rows form one block, the sparse Lloyd pass runs as two parallel passes (rows,
    # then clusters): the labels, the count of changes, the sums, weights and cost of the
    # one-block kernel, bit for bit. Empty rows and explicit zeros included.
    from fastkmeans import _layout
    from fastkmeans._kernels import sparse as sparse_kernels

    rng = np.random.default_rng(5)
    X = rng.normal(size=(900, 40)) * (rng.random((900, 40)) < 0.15)
    X[::50] = 0.0
    S = as_sparse(X.astype(dtype), rng.random(X.shape) < 0.02)
    S.sort_indices()
    data, indices, indptr = S.data, S.indices.astype(np.int32), S.indptr.astype(np.int64)
    weights = rng.uniform(0.0, 3.0, size=900) if weighted else np.empty(0)
    centers = rng.normal(size=(9, 40)).astype(dtype)
    bounds = np.array([0, 900])
    start_labels = rng.integers(0, 9, size=900).astype(np.int32)
    results = []
    for split in (False, True):
        monkeypatch.setattr(_layout, "SPLIT_MIN_ROWS", 0 if split else 10**9)
        labels = start_labels.copy()
        sums, cluster_weights, cost = np.empty((1, 9, 40)), np.empty((1, 9)), np.empty(1)
        changed = _layout.sparse_lloyd_step(
            data, indices, indptr, weights, not weighted, centers, bounds, labels, sums,
            cluster_weights, cost,
        )  # fmt: skip
        results.append((changed, labels, sums, cluster_weights, cost))
    assert sparse_kernels.CHUNK_ROWS < 900 and sparse_kernels.CHUNK_CLUSTERS < 9
    (changed, *arrays), (split_changed, *split_arrays) = results
    assert changed == split_changed > 0
    for one, two in zip(arrays, split_arrays, strict=True):
        np.testing.assert_array_equal(one.view(np.uint8), two.view(np.uint8))


def test_lloyd_on_many_sparse_columns_and_centres_equals_hamerly():
    from fastkmeans import _layout
    from fastkmeans._parallel import block_bounds

    # k (d + 1) above 2^21: one block, so Lloyd's passes are split in two (Hamerly's are
    # not); the fits agree bit for bit, and with one thread or two.
    rng = np.random.default_rng(8)
    n, d = 4200, 100_000
    rows = np.repeat(np.arange(n), 3)
    topic = rng.integers(0, 21, size=n)
    cols = (rng.integers(0, 40, size=3 * n) + topic[rows] * 4000) % d
    S = sp.csr_matrix((rng.uniform(0.5, 1.5, size=3 * n), (rows, cols)), shape=(n, d))
    weights = rng.integers(1, 4, size=n).astype(float)
    assert block_bounds(n, 21 * (d + 1)).shape[0] == 2 and n >= _layout.SPLIT_MIN_ROWS
    lloyd = KMeans(21, algorithm="lloyd", random_state=0).fit(S, sample_weight=weights)
    hamerly = KMeans(21, algorithm="hamerly", random_state=0).fit(S, sample_weight=weights)
    assert lloyd.n_iter_ == hamerly.n_iter_ > 2
    np.testing.assert_array_equal(lloyd.labels_, hamerly.labels_)
    np.testing.assert_array_equal(lloyd.cluster_centers_, hamerly.cluster_centers_)
    assert lloyd.inertia_ == hamerly.inertia_
    serial = KMeans(21, algorithm="lloyd", random_state=0, n_threads=1)
    serial.fit(S, sample_weight=weights)
    np.testing.assert_array_equal(serial.labels_, lloyd.labels_)
    np.testing.assert_array_equal(serial.cluster_centers_, lloyd.cluster_centers_)
    assert serial.inertia_ == lloyd.inertia_
