"""The KMeans estimator: parameters, validation, initialisation, restarts; the drivers iterate."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from ._colour import integer_row_summary
from ._hamerly import hamerly
from ._kernels.distances import NARROW_MAX_FEATURES
from ._kernels.duplicates import distinct_rows
from ._kernels.histogram import renumber
from ._layout import dense_rows, kernel_args, kernels_for
from ._lloyd import lloyd
from ._parallel import block_bounds, thread_limit, threads_for_size
from ._scaling import data_exponent, max_abs, scaled, scaled_pair, unscaled_cost
from ._sklearn_compat import EstimatorMixin, feature_names_of
from ._steps import Problem, RunResult, labels_and_inertia, run_blocks, stopping_threshold
from ._validation import (
    Weights,
    check_choice,
    check_coreset_size,
    check_features,
    check_init,
    check_init_centers,
    check_int,
    check_n_clusters,
    check_n_threads,
    check_random_state,
    check_real,
    check_sample_weight,
)
from ._validation_sparse import SparseRows, check_data, check_data_magnitude
from .coreset import _sensitivity_coreset
from .exceptions import ConvergenceWarning, as_emitted, warn_few_distinct
from .seeding import _kmeans_plusplus

# One driver per algorithm, picked once per fit.
_DRIVERS = {"lloyd": lloyd, "hamerly": hamerly}


# Dense rows run Hamerly where k d reaches this many terms (see auto_algorithm).
HAMERLY_MIN_WORK = 512
# Rows of more than NARROW_MAX_FEATURES features run Hamerly below HAMERLY_MIN_WORK too, once
# the data hold this many values (rows x features).
HAMERLY_WIDE_MIN_VALUES = 1 << 21


def auto_algorithm(X, n_clusters: int) -> str:
    """What ``algorithm="auto"`` runs on ``X`` with ``n_clusters`` centres: "hamerly" on dense
    rows where k d >= 512, and on dense rows of more than 16 features that hold at least 2^21
    values (n d); "lloyd" on the other dense rows and on sparse rows.

    Hamerly's bound test costs a few nanoseconds per row, and spares the rows it settles a
    search of k d terms; where that search is short, skipping does not pay. Whole default fits
    (k-means++, default tol, seeds 0-1), 200,000 rows of overlapping Gaussian clusters / uniform
    noise, Hamerly's time against Lloyd's: k d = 48-192 (d = 3 to 12, k = 16 to 64): 1.04-1.47 /
    1.17-1.58, except d = 2, k = 64: 0.97 / 0.90; k d = 256-384 (d = 4 to 16): 0.71-1.23 /
    0.86-1.10; k d = 512-4096 (d = 3 to 16, k = 32 to 256): 0.42-0.90 / 0.46-0.80. On 8.6 MP
    photos (their distinct colours): k = 16, 0.88-1.42; k = 64, 0.99-1.06; k = 256, 0.72-0.92.
    Wider rows are searched through a matrix product where k d >= 16384 (8192 above 128 features;
    :mod:`fastkmeans._wide_rows`), and in tiles below; Hamerly's skips spare most rows either
    search: 0.66-0.93 / 0.47-0.88 at 24 to 128 features, k = 16 to 256 (200,000 x 128, k = 256, 10
    iterations from the same centres: 0.75 s against Lloyd's 1.47 s). Where k d < 512 on wide rows,
    Hamerly's fixed costs per iteration (the centres' separations, the bounds) pay only on long runs
    over many rows. Default fits (max_iter=100 at 200,000 rows), float32, medians of 4-6 alternating
    fits, 24 to 128 features, k = 4 to 20: below 2^21 values (5,000 to 60,000 rows of 24 or 32
    features), 1.02-1.35 on Gaussians and 0.89-1.37 on uniform noise (median 1.06; 10 cases each);
    from 2^21 values on (70,000 to 200,000 rows), 0.92-1.26 on Gaussians (2-7 iterations, 15-160 ms)
    but 0.78-1.18 on uniform noise (median 0.88; 14 cases; 100-265 iterations, 0.3-1.5 s), where the
    saving is counted in tenths of a second. Float64, 5,000 to 200,000 rows: 0.89-1.12 below 2^21
    values (8 cases), 0.77-0.94 from it on (4). Sparse rows are not worth it: each Lloyd pass reads
    a row's non-zeros once for all the centres (through the transposed centres), while Hamerly's
    rescans read them again per row rescanned, and its bounds need every centre's shift. Whole
    default fits, same seeds and iterations: Hamerly took 0.94-1.04x Lloyd's time on TF-IDF of
    22,851 real documents (k = 20), 1.24x at k = 100, and 1.18-1.26x on bench_sparse's synthetic
    TF-IDF (k = 20).
    """
    if not isinstance(X, np.ndarray):
        return "lloyd"
    n_rows, n_features = X.shape
    if n_clusters * n_features >= HAMERLY_MIN_WORK:
        return "hamerly"
    if n_features > NARROW_MAX_FEATURES and n_rows * n_features >= HAMERLY_WIDE_MIN_VALUES:
        return "hamerly"
    return "lloyd"


class KMeans(EstimatorMixin):
    """K-means clustering: D² seeding, then Lloyd iterations until the centres settle.

    Each iteration is one fused parallel pass over the data (assign every point to its nearest
    centre and accumulate the weighted per-cluster sums and cost), then a centre update.
    Iterations stop when the summed movement of the centres,
    ``E = sum_j ||c_j(t) - c_j(t-1)||``, falls to ``T = sqrt(k^(3/4) * tol * v)``, where ``v``
    is the mean over features of the data's weighted variance. ``T`` scales with the data, so
    ``fit(a * X)`` gives the same labels as ``fit(X)`` for any ``a > 0``. scikit-learn's
    criterion at the same ``tol``, ``sum_j ||dc_j||^2 <= tol * v``, is the same where the
    movement is shared by k^(3/4) centres, about as many as measured where it stops (see the
    README's stopping rule). ``tol=0`` iterates until no assignment changes.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters.
    init : {"k-means++", "random"}, callable or array-like of shape (n_clusters, n_features)
        "k-means++": greedy D² seeding (:func:`fastkmeans.kmeans_plusplus`); "random":
        ``n_clusters`` distinct rows drawn with probability proportional to their weight; an
        array: the initial centres themselves (then ``n_init`` must be 1); a callable
        ``init(X, n_clusters, random_state)`` returning such an array, called once per run, as
        in scikit-learn: ``X`` is the validated data (a C-contiguous float32/float64 array, or a
        ``scipy.sparse.csr_matrix`` for sparse input) and ``random_state`` a
        ``numpy.random.RandomState`` seeded from this fit's random generator (deterministic for
        a fixed ``random_state``, different for every run).
    n_init : int or "auto", default="auto"
        Number of runs from different seeds; the run of lowest cost is kept. "auto": with
        ``init="random"`` or a callable, 10 runs (as scikit-learn's "auto"); with k-means++,
        one run on the data itself, CORESET_RUNS (8) on a coreset (``coreset_size``), where a run
        costs milliseconds beside the coreset's construction and the final labelling, and
        restarts remove most of the seeding's spread (8.6 MP photos, k = 16, coresets of 4,096
        points, mean cost over 8 seeds against the full fit's: 1.017-1.023 with one run,
        0.991-1.010 with eight, 0.03 s more).
    max_iter : int, default=300
        Maximum number of Lloyd iterations per run.
    tol : float, default=1e-4
        Stopping tolerance relative to the data's variance, as scikit-learn's (see above); 0
        means "until no assignment changes".
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Seeds the initialisation. The same seed gives bitwise-identical results whatever the
        number of threads.
    algorithm : {"auto", "lloyd", "hamerly"}, default="auto"
        Assignment strategy. "lloyd" computes every point-centre distance each iteration;
        "hamerly" keeps triangle-inequality bounds per point and skips points that cannot
        change cluster; "auto" picks "hamerly" for dense data with
        ``n_clusters * n_features >= 512``, or of more than 16 features and at least 2^21
        values, "lloyd" for other dense data (where a point's search over the centres, or a
        short run, costs about what the bounds do) and for sparse data (where the rescans cost
        more than the skips save); see :func:`fastkmeans.kmeans.auto_algorithm`.
        Every strategy returns bitwise the same labels and centres as plain Lloyd from the same
        initial centres.
    coreset_size : int, optional
        Fit on a sensitivity coreset of this many points
        (:func:`fastkmeans.sensitivity_coreset`) instead of on all the data, then label every
        point with the resulting centres in one final pass; ``inertia_`` is the cost on all the
        data. Much faster on large inputs without repeated rows, at a small cost in quality.
        Must be ``>= n_clusters``; a size at least the number of samples fits on the data
        itself. Repeated rows of small non-negative integers (a photo's pixels held as
        floats; see the Notes) are reduced to their distinct rows first, and the coreset is
        built from those: a size at least their number fits on them exactly.
    n_threads : int, optional
        Threads of fastkmeans's own pool used during calls on this estimator (the previous
        setting is restored afterwards); default: ``NUMBA_NUM_THREADS`` (the cores;
        ``numba.set_num_threads`` does not change it). Runs on at most 2^18 dense values
        (rows x max(features, 8)) use one thread whatever this says: sharing so little work
        costs more than it saves. The matrix products of wide rows (more than 16 features,
        k d >= 16384, or 8192 above 128 features) run on numpy's BLAS: with threadpoolctl
        installed (``pip install fastkmeans[blas]``), held to one thread and spread over these
        threads; without it, or in a call from another thread than the main one, on BLAS's own
        threads, which this does not limit.
    verbose : bool, default=False
        Print every iteration's centre movement, and its cost (Lloyd) or the number of
        points rescanned (Hamerly).

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        Final centres, in the dtype of the fitted data.
    labels_ : ndarray of shape (n_samples,), int32
        Index of the nearest returned centre for every training row.
    inertia_ : float
        Weighted sum of squared distances of the rows to their nearest returned centre.
    n_iter_ : int
        Lloyd iterations run by the kept run.
    converged_ : bool
        Whether the kept run met the stopping threshold before ``max_iter``.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (n_features_in_,), object
        Column names seen in ``fit``, when X had string column names (a pandas DataFrame);
        ``predict``, ``transform`` and ``score`` check them.

    Notes
    -----
    X may be any array-like (a pandas DataFrame, an object with ``__array__``) or a
    scipy.sparse matrix or array of any format (read as CSR rows, with sparse kernels: exact
    Lloyd and Hamerly iterations and k-means++ seeding costing ``O(nnz * k)`` per pass; the
    centres are dense). ``coreset_size`` needs dense X. With scikit-learn installed the estimator
    follows its protocol (tags, ``clone``, ``Pipeline``, ``GridSearchCV``, ``set_output``)
    without scikit-learn being imported by fastkmeans.

    Unit-weight dense data of at most 4 features and at least 65,536 rows (the pixels of a
    photo) whose distinct rows are at most a quarter of all is fitted on those distinct rows
    weighted by their counts: the same k-means problem at a fraction of the cost per
    iteration. The labels and inertia still describe every row; the k-means++ draws differ
    from those of a fit on the repeated rows. The distinct rows come in lexicographic order
    when every value is an integer in [0, 2^(24/d)) (pixels held as floats), else in the
    order first seen. A callable ``init`` always receives all rows.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import KMeans
    >>> X = np.array([[1.0, 2.0], [1.0, 4.0], [1.0, 0.0], [10.0, 2.0], [10.0, 4.0], [10.0, 0.0]])
    >>> km = KMeans(n_clusters=2, random_state=0).fit(X)
    >>> sorted(km.cluster_centers_.tolist())
    [[1.0, 2.0], [10.0, 2.0]]
    >>> km.predict(np.array([[0.0, 0.0], [12.0, 3.0]])).tolist() == km.labels_[[2, 3]].tolist()
    True
    """

    def __init__(
        self,
        n_clusters: int = 8,
        *,
        init="k-means++",
        n_init: int | str = "auto",
        max_iter: int = 300,
        tol: float = 1e-4,
        random_state=None,
        algorithm: str = "auto",
        coreset_size: int | None = None,
        n_threads: int | None = None,
        verbose: bool = False,
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.algorithm = algorithm
        self.coreset_size = coreset_size
        self.n_threads = n_threads
        self.verbose = verbose

    # -- fitting ---------------------------------------------------------------------------

    def fit(self, X, y=None, sample_weight=None) -> KMeans:
        """Compute the clustering.

        Parameters
        ----------
        X : array-like or scipy.sparse matrix of shape (n_samples, n_features)
            Training data. float32 and float64 are used in place when C-contiguous (CSR for
            sparse input); other numeric types are converted to float64.
        y : ignored
            Accepted for pipeline compatibility.
        sample_weight : array-like of shape (n_samples,), optional
            Non-negative weights; integer weights act exactly like repeated rows.

        Returns
        -------
        self : KMeans
        """
        fit = self._validated_fit(X, sample_weight)
        with thread_limit(fit.n_threads):
            fit = _in_safe_range(fit)
            # The data as distinct rows with their counts, where that pays (a coreset is
            # then built from them: only where the bitmap finds them, as the hash costs more
            # than it saves there).
            data, weights, distinct = fit.X, fit.weights, None
            if not callable(fit.init):
                no_coreset = fit.coreset_size is None or fit.coreset_size >= fit.X.shape[0]
                distinct = _distinct_points(fit.X, fit.weights, hashed=no_coreset)
            if distinct is not None:
                data, weights, inverse = distinct
            points, point_weights = _fitting_points(fit, data, weights)
            on_coreset = points is not data
            if distinct is not None and self.verbose:
                what = "a coreset of the" if on_coreset else "the"
                print(f"Fitting {what} {data.shape[0]} distinct rows of {fit.X.shape[0]}")
            fit = fit._replace(n_init=_runs_for(fit, on_coreset=on_coreset))
            best, n_distinct = _run_restarts(fit, points, point_weights, self.verbose)
            if on_coreset:
                # Fitted on a coreset: label and cost every point with its centres.
                labels, inertia = labels_and_inertia(data, weights, best.centers)
                best = best._replace(labels=labels, inertia=inertia)
            if distinct is not None:
                # The same weighted problem: its cost is the cost of every row.
                best = best._replace(labels=_gathered_in_place(best.labels, inverse))
            n_distinct = _distinct_behind_zero_cost(best, n_distinct, fit, data, weights, distinct)
            returned = scaled(best.centers, -fit.exponent)
            if fit.exponent and not np.array_equal(scaled(returned, fit.exponent), best.centers):
                # Scaled back into subnormal range, the centres were rounded: label and cost
                # every row against the centres returned (scaling them up again is exact), so
                # that labels_ and inertia_ describe them.
                centers = scaled(returned, fit.exponent)
                labels, inertia = labels_and_inertia(fit.X, fit.weights, centers)
                best = best._replace(centers=centers, labels=labels, inertia=inertia)
        _warn_about_run(best, n_distinct, fit.n_clusters, fit.max_iter, fit.tol)
        self.cluster_centers_ = scaled(best.centers, -fit.exponent)
        self.labels_ = best.labels
        self.inertia_ = unscaled_cost(best.inertia, fit.exponent, weights.exponent)
        self.n_iter_ = best.n_iter
        self.converged_ = best.converged
        self._set_feature_names(X, fit.X.shape[1])
        # Whether coreset_size applied (it does not on inputs that fit within it, or when the
        # coreset has fewer points than clusters); segment_image reports it.
        self._fitted_on_coreset = on_coreset
        return self

    def _validated_fit(self, X, sample_weight) -> _Fit:
        """Every parameter and input checked once, before any work."""
        feature_names_of(X)  # mixed column name types are an error before any work
        X, magnitude = check_data_magnitude(X)
        n_samples, n_features = X.shape
        weights = check_sample_weight(sample_weight, n_samples)
        n_clusters = check_n_clusters(self.n_clusters, n_samples, weights)
        init = check_init(self.init, n_clusters, n_features, X.dtype)
        n_init = self.n_init
        if isinstance(n_init, str):
            if n_init != "auto":
                raise ValueError(f"n_init={n_init!r} must be a positive integer or 'auto'")
        else:
            n_init = check_int(n_init, "n_init", minimum=1)
        if isinstance(init, np.ndarray) and n_init not in (1, "auto"):
            warnings.warn(
                f"n_init={n_init} is ignored when init is an array of centres; running once",
                RuntimeWarning,
                stacklevel=3,
            )
            n_init = 1
        algorithm = check_choice(self.algorithm, "algorithm", ("auto", "lloyd", "hamerly"))
        coreset_size = self.coreset_size
        if coreset_size is not None:
            coreset_size = check_coreset_size(coreset_size, n_clusters)
            if isinstance(X, SparseRows):
                raise TypeError(
                    f"coreset_size={coreset_size} needs dense X, got a scipy.sparse matrix; "
                    f"fit the sparse matrix without coreset_size (each iteration costs "
                    f"O(nnz * n_clusters)), or pass X.toarray() if it fits in memory"
                )
        return _Fit(
            X=X,
            weights=weights,
            n_clusters=n_clusters,
            init=init,
            n_init=n_init,
            max_iter=check_int(self.max_iter, "max_iter", minimum=1),
            tol=check_real(self.tol, "tol"),
            driver=_DRIVERS[auto_algorithm(X, n_clusters) if algorithm == "auto" else algorithm],
            coreset_size=coreset_size,
            n_threads=check_n_threads(self.n_threads),
            rng=check_random_state(self.random_state),
            magnitude=magnitude,
        )

    def fit_predict(self, X, y=None, sample_weight=None) -> np.ndarray:
        """Fit, then return ``labels_``."""
        return self.fit(X, sample_weight=sample_weight).labels_

    def fit_transform(self, X, y=None, sample_weight=None):
        """Fit, then return the distances of X to the centres (see :meth:`transform`)."""
        return self.fit(X, sample_weight=sample_weight).transform(X)

    # -- using a fitted model --------------------------------------------------------------

    def _fitted_input(self, X) -> tuple[np.ndarray | SparseRows, np.ndarray]:
        self._check_fitted()
        self._check_feature_names(X)
        X = check_data(X)
        check_features(X, self.n_features_in_, type(self).__name__)
        centers = self.cluster_centers_
        if X.dtype != centers.dtype and max_abs(centers) > float(np.finfo(X.dtype).max):
            # float32 rows against float64 centres beyond float32's range (which the cast
            # would make inf): computed in float64.
            if isinstance(X, np.ndarray):
                X = X.astype(np.float64)
            else:  # sparse rows: their stored values
                X = X._replace(data=X.data.astype(np.float64))
        return X, np.ascontiguousarray(centers, dtype=X.dtype)

    def predict(self, X) -> np.ndarray:
        """Index of the nearest centre for every row of X (array-like or sparse).

        Returns
        -------
        labels : ndarray of shape (n_samples,), int32
        """
        X, centers = self._fitted_input(X)
        with thread_limit(check_n_threads(self.n_threads)):
            # Rescaled exactly when the magnitude needs it (see fastkmeans._scaling).
            X, centers, _ = scaled_pair(X, centers, X.shape[0])
            labels, _ = labels_and_inertia(X, Weights.ones(X.shape[0]), centers)
        return labels

    def transform(self, X):
        """Euclidean distance of every row of X (array-like or sparse) to every centre.

        Returns
        -------
        distances : ndarray of shape (n_samples, n_clusters), dtype of X
            (float64 for float32 X against float64 centres beyond float32's range)
            Or a DataFrame with columns :meth:`get_feature_names_out`, see :meth:`set_output`.
        """
        data, centers = self._fitted_input(X)
        with thread_limit(check_n_threads(self.n_threads)):
            # Rescaled exactly when the magnitude needs it (see fastkmeans._scaling).
            data, centers, exponent = scaled_pair(data, centers, data.shape[0])
            out = np.empty((data.shape[0], centers.shape[0]), dtype=data.dtype)
            kernels_for(data).center_distances(*kernel_args(data), centers, out)
        with np.errstate(over="ignore"):  # a distance beyond the dtype's range is inf
            out = scaled(out, -exponent)
        return self._wrap_output(out, X)

    def score(self, X, y=None, sample_weight=None) -> float:
        """Opposite of the weighted cost of X against the centres (higher is better)."""
        X, centers = self._fitted_input(X)
        weights = check_sample_weight(sample_weight, X.shape[0])
        with thread_limit(check_n_threads(self.n_threads)):
            X, centers, exponent = scaled_pair(X, centers, weights.total)
            _, inertia = labels_and_inertia(X, weights, centers, with_labels=False)
        return -unscaled_cost(inertia, exponent, weights.exponent)


class _Fit(NamedTuple):
    """A fit's validated input and parameters."""

    X: np.ndarray | SparseRows
    weights: Weights
    n_clusters: int
    init: str | np.ndarray | Callable
    n_init: int | str  # "auto": resolved by _runs_for once the fitting points are known
    max_iter: int
    tol: float
    driver: Callable[..., RunResult]
    coreset_size: int | None
    n_threads: int | None
    rng: np.random.Generator
    magnitude: float  # the largest absolute value in X, as given
    exponent: int = 0  # X and an init array are stored multiplied by 2^exponent


def _in_safe_range(fit: _Fit) -> _Fit:
    """The fit on data rescaled exactly into range, if its magnitude needs it."""
    magnitude = fit.magnitude
    if isinstance(fit.init, np.ndarray):
        magnitude = max(magnitude, max_abs(fit.init))
    exponent = data_exponent(magnitude, fit.X.dtype, fit.X.shape[1], fit.weights.total)
    if exponent == 0:
        return fit
    init = scaled(fit.init, exponent) if isinstance(fit.init, np.ndarray) else fit.init
    return fit._replace(X=scaled(fit.X, exponent), init=init, exponent=exponent)


# Runs of n_init="auto" on a coreset (see the KMeans docstring for the measurements).
CORESET_RUNS = 8
# Runs of n_init="auto" from init="random" or a callable (scikit-learn's number).
RANDOM_INIT_RUNS = 10


def _runs_for(fit: _Fit, *, on_coreset: bool) -> int:
    """The number of runs: ``n_init``, or for "auto": an array ``init`` once; "random" or a
    callable RANDOM_INIT_RUNS times, as scikit-learn's "auto" (one such start is much worse
    than k-means++'s); k-means++ once on the data and CORESET_RUNS times on a coreset."""
    if fit.n_init != "auto":
        return fit.n_init
    if isinstance(fit.init, np.ndarray):
        return 1
    if callable(fit.init) or fit.init == "random":
        return RANDOM_INIT_RUNS
    return CORESET_RUNS if on_coreset else 1


def _fitting_points(fit: _Fit, data, weights: Weights) -> tuple[np.ndarray, Weights]:
    """The points the runs iterate on: a sensitivity coreset of the data (X, or its distinct
    rows with their counts) with ``coreset_size``, else the data itself."""
    if fit.coreset_size is None or fit.coreset_size >= data.shape[0]:
        return data, weights
    coreset = _sensitivity_coreset(data, fit.n_clusters, fit.coreset_size, weights, None, fit.rng)
    if coreset.points.shape[0] < fit.n_clusters:
        # Fewer distinct points than clusters: fit the data itself, and the few-distinct-points
        # warning says so.
        return data, weights
    points = np.ascontiguousarray(coreset.points, dtype=fit.X.dtype)
    return points, Weights.of(coreset.weights)


# Unit-weight dense data of at most this many features and at least this many rows is looked
# over for repeated rows (images: an 8.6 MP photo holds 3-8% distinct colours), and fitted on
# its distinct rows weighted by their counts when they are at most a quarter of the rows.
DISTINCT_MAX_FEATURES = 4
DISTINCT_MIN_ROWS = 1 << 16
# The look stops early on data whose first rows are nearly all distinct (most float data);
# its memory is a constant, about 40 bytes per probed row.
DISTINCT_PROBE_ROWS = 1 << 15


def _distinct_points(
    X, weights: Weights, *, hashed: bool = True
) -> tuple[np.ndarray, Weights, np.ndarray] | None:
    """X's distinct rows, their counts as weights and each row's distinct row, or None when
    X is not a case for it (see DISTINCT_MAX_FEATURES) or has too few repeated rows (or, with
    ``hashed=False``, when its rows are not small non-negative integers).

    k-means on the distinct rows weighted by their counts is k-means on X: the same cost for
    any centres, the same means. Iterations then cost in proportion to the distinct rows
    (measured on 8.6 MP photos as float32: 0.05-0.10 s to find them through the bitmap,
    0.2-0.4 s hashed, then every pass ~20x cheaper). Rows of small non-negative integers take
    the bitmap (:func:`~fastkmeans._colour.integer_row_summary`), other rows the hash.
    """
    if not (
        isinstance(X, np.ndarray)
        and weights.unit
        and X.shape[0] >= DISTINCT_MIN_ROWS
        and X.shape[1] <= DISTINCT_MAX_FEATURES
    ):
        return None
    # Small non-negative integers (pixels held as floats): the bitmap of every possible row.
    found = integer_row_summary(X, X.shape[0] // 4)
    if found is not None:
        rows, counts, inverse = found
        if rows.shape[0] == 0:
            return None
        return rows, Weights.of(counts.astype(np.float64)), inverse
    if not hashed:
        return None
    bits = X.view(np.uint32 if X.dtype == np.float32 else np.uint64)
    n_probe = min(X.shape[0], DISTINCT_PROBE_ROWS)
    probe = np.empty(n_probe, dtype=np.int32)
    if distinct_rows(bits[:n_probe], n_probe * 9 // 10, probe)[0].shape[0] == 0:
        return None
    del probe
    inverse = np.empty(X.shape[0], dtype=np.int32)
    first_rows, counts = distinct_rows(bits, X.shape[0] // 4, inverse)
    if first_rows.shape[0] == 0:
        return None
    return X[first_rows], Weights.of(counts.astype(np.float64)), inverse


def _gathered_in_place(values: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """``values[indices]`` written into ``indices`` (int32 both), in parallel blocks: 5-9 ms
    for an 8.6 MP photo's 8.6 M labels on 2 threads, against 15-21 ms for numpy's gather
    (which would also hold a 64-bit copy of the indices)."""
    bounds = block_bounds(indices.shape[0])
    renumber(indices, values, np.zeros(bounds.shape[0] - 1, dtype=np.int64), bounds)
    return indices


def _initial_centers(
    fit: _Fit, X: np.ndarray | SparseRows, weights: Weights
) -> tuple[np.ndarray, int]:
    """One run's initial centres and how many distinct ones the seeding found."""
    if isinstance(fit.init, np.ndarray):
        return fit.init.copy(), fit.n_clusters
    if callable(fit.init):
        # scikit-learn's convention: the data as validated and a RandomState.
        data = X.to_scipy() if isinstance(X, SparseRows) else X
        random_state = np.random.RandomState(fit.rng.integers(2**32, dtype=np.uint64))
        centers = fit.init(data, fit.n_clusters, random_state=random_state)
        centers = check_init_centers(
            centers, fit.n_clusters, X.shape[1], X.dtype, "the centres returned by init"
        )
        return centers, fit.n_clusters
    if fit.init == "random":
        # Drawn with explicit probabilities even for unit weights, so that
        # sample_weight=None and all ones draw the same rows.
        w = weights.array()
        rows = fit.rng.choice(X.shape[0], size=fit.n_clusters, replace=False, p=w / w.sum())
        return dense_rows(X, np.sort(rows)), fit.n_clusters
    centers, _, n_distinct = _kmeans_plusplus(X, fit.n_clusters, weights, fit.rng, None)
    return centers, n_distinct


def _run_restarts(
    fit: _Fit, X: np.ndarray | SparseRows, weights: Weights, verbose: bool
) -> tuple[RunResult, int]:
    """``n_init`` runs of the driver; the one of lowest inertia, and the fewest distinct seeds."""
    with thread_limit(threads_for_size(X)):
        return _runs(fit, X, weights, verbose)


def _runs(
    fit: _Fit, X: np.ndarray | SparseRows, weights: Weights, verbose: bool
) -> tuple[RunResult, int]:
    bounds = run_blocks(X, fit.n_clusters)
    threshold = stopping_threshold(X, weights, bounds, fit.tol, fit.n_clusters)
    problem = Problem(X, weights, bounds, fit.max_iter, threshold, verbose)
    best = None
    fewest_distinct = fit.n_clusters
    for run in range(fit.n_init):
        centers, n_distinct = _initial_centers(fit, X, weights)
        fewest_distinct = min(fewest_distinct, n_distinct)
        if verbose and fit.n_init > 1:
            print(f"Run {run + 1}/{fit.n_init}")
        result = fit.driver(problem, centers)
        if best is None or result.inertia < best.inertia:
            best = result
    return best, fewest_distinct


def _distinct_behind_zero_cost(
    best: RunResult, n_distinct: int, fit: _Fit, data, weights: Weights, distinct
) -> int:
    """The number of distinct rows of positive weight, where fewer than ``n_clusters`` may
    be what a zero cost means; ``n_distinct`` (the seeding's count) otherwise.

    Only k-means++ counts distinct rows; a random or given ``init`` leaves the count unknown.
    With fewer distinct rows than clusters every row ends on a centre of its own, but a mean of
    equal rows need not be the row to the last bit, so the cost is a rounding error rather than
    0. Such a cost (at most what rounding each coordinate by 4 eps of the largest value gives)
    is the cue to count the rows, on fits that ended there (the duplicate-row search, which
    stops at ``n_clusters`` distinct rows).
    """
    if n_distinct < fit.n_clusters or not isinstance(data, np.ndarray):
        return n_distinct
    if distinct is not None:  # the data are already their distinct rows
        return min(n_distinct, weights.n_positive)
    largest = math.ldexp(fit.magnitude, fit.exponent)
    eps = float(np.finfo(data.dtype).eps)
    rounding_cost = weights.total * data.shape[1] * (4.0 * eps * largest) ** 2
    if best.inertia > rounding_cost:
        return n_distinct
    rows = data if weights.unit else np.ascontiguousarray(data[weights.values > 0])
    inverse = np.empty(rows.shape[0], dtype=np.int32)
    bits = rows.view(np.uint32 if rows.dtype == np.float32 else np.uint64)
    first_rows, _ = distinct_rows(bits, fit.n_clusters - 1, inverse)
    # No rows back: the search gave up, finding more than n_clusters - 1 distinct rows.
    return min(n_distinct, first_rows.shape[0]) if first_rows.shape[0] else n_distinct


def _warn_about_run(
    best: RunResult, n_distinct: int, n_clusters: int, max_iter: int, tol: float
) -> None:
    """Few distinct points (seen by the seeding or by a zero cost); no convergence."""
    # stacklevel 3: this helper, then fit, then the user's call.
    if n_distinct < n_clusters:
        warn_few_distinct(n_distinct, n_clusters, stacklevel=3)
    elif best.inertia == 0.0 and best.n_occupied is not None and best.n_occupied < n_clusters:
        warn_few_distinct(best.n_occupied, n_clusters, stacklevel=3)
    if not best.converged:
        goal = (
            "labels stopped changing (tol=0); raise max_iter"
            if tol == 0
            else f"centre movement fell to tol={tol:g}; raise max_iter or tol"
        )
        warnings.warn(
            f"KMeans stopped at max_iter={max_iter} before the {goal}",
            as_emitted(ConvergenceWarning),
            stacklevel=3,
        )
