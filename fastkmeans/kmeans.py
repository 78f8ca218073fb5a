"""The KMeans estimator: Lloyd iterations with residual-threshold stopping."""

from __future__ import annotations

import inspect
import warnings

import numpy as np

from ._kernels.assign import assign_labels, assigned_sq_distances, center_distances, lloyd_step
from ._kernels.bounds import hamerly_step
from ._kernels.update import weighted_sq_deviations, weighted_sums
from ._parallel import block_bounds, thread_limit
from ._validation import (
    check_algorithm,
    check_array,
    check_coreset_size,
    check_features,
    check_init,
    check_int,
    check_n_clusters,
    check_n_threads,
    check_random_state,
    check_sample_weight,
    check_tol,
)
from .coreset import _sensitivity_coreset
from .exceptions import ConvergenceWarning, warn_few_distinct
from .metrics import _cost
from .seeding import _kmeans_plusplus


class KMeans:
    """K-means clustering: D² seeding, then Lloyd iterations until the centres settle.

    Each iteration is one fused parallel pass over the data (assign every point to its nearest
    centre and accumulate the weighted per-cluster sums and cost), then a centre update.
    Iterations stop when the summed movement of the centres,
    ``E = sum_j ||c_j(t) - c_j(t-1)||``, falls to ``T = sqrt(tol * v)``, where ``v`` is the
    mean over features of the data's weighted variance. ``T`` scales with the data, so
    ``fit(a * X)`` gives the same labels as ``fit(X)`` for any ``a > 0``. Because
    ``sum_j ||dc_j||^2 <= E^2``, stopping here implies scikit-learn's criterion
    ``sum_j ||dc_j||^2 <= tol * v`` at the same ``tol``: fastkmeans never stops earlier.
    ``tol=0`` iterates until no assignment changes.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters.
    init : {"k-means++", "random"} or array-like of shape (n_clusters, n_features)
        "k-means++": greedy D² seeding (:func:`fastkmeans.kmeans_plusplus`); "random":
        ``n_clusters`` distinct rows drawn with probability proportional to their weight; an
        array: the initial centres themselves (then ``n_init`` must be 1).
    n_init : int, default=1
        Number of runs from different seeds; the run of lowest cost is kept.
    max_iter : int, default=300
        Maximum number of Lloyd iterations per run.
    tol : float, default=1e-4
        Stopping tolerance relative to the data's variance (see above); 0 means "until no
        assignment changes".
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Seeds the initialisation. The same seed gives bitwise-identical results whatever the
        number of threads.
    algorithm : {"auto", "lloyd", "hamerly"}, default="auto"
        Assignment strategy. "lloyd" computes every point-centre distance each iteration;
        "hamerly" keeps triangle-inequality bounds per point and skips points that cannot
        change cluster; "auto" picks "hamerly". Every strategy returns bitwise the same labels
        and centres as plain Lloyd from the same initial centres.
    coreset_size : int, optional
        Fit on a sensitivity coreset of this many points
        (:func:`fastkmeans.sensitivity_coreset`) instead of on all the data, then label every
        point with the resulting centres in one final pass; ``inertia_`` is the cost on all the
        data. Much faster on large inputs, at a small cost in quality. Must be
        ``>= n_clusters``; a size at least the number of samples fits on the data itself.
    n_threads : int, optional
        Numba threads used during calls on this estimator (the previous setting is restored
        afterwards); default: Numba's current setting.
    verbose : bool, default=False
        Print the cost and centre movement of every iteration.

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
        n_init: int = 1,
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

    # -- scikit-learn-style parameter access ------------------------------------------------

    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [name for name in signature.parameters if name != "self"]

    def get_params(self, deep: bool = True) -> dict:
        """Parameters of this estimator, as passed to ``__init__``."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params) -> KMeans:
        """Set parameters by name; returns self."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"unknown parameter {name!r}; valid parameters are {valid}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = inspect.signature(type(self).__init__).parameters
        changed = []
        for name, value in self.get_params().items():
            default = defaults[name].default
            if isinstance(value, np.ndarray) or value is not default and value != default:
                shown = "array" if isinstance(value, np.ndarray) else repr(value)
                changed.append(f"{name}={shown}")
        return f"{type(self).__name__}({', '.join(changed)})"

    # -- fitting ---------------------------------------------------------------------------

    def fit(self, X, y=None, sample_weight=None) -> KMeans:
        """Compute the clustering.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data. float32 and float64 are used in place when C-contiguous; other
            numeric types are converted to float64.
        y : ignored
            Accepted for pipeline compatibility.
        sample_weight : array-like of shape (n_samples,), optional
            Non-negative weights; integer weights act exactly like repeated rows.

        Returns
        -------
        self : KMeans
        """
        X = check_array(X)
        n_samples, n_features = X.shape
        if sample_weight is None:
            # Unit weights as an empty array, the kernels' convention: no n-sized array of
            # ones to allocate, validate and read.
            sample_weight = np.empty(0)
            n_clusters = check_n_clusters(self.n_clusters, n_samples)
        else:
            sample_weight = check_sample_weight(sample_weight, n_samples)
            n_clusters = check_n_clusters(self.n_clusters, n_samples, sample_weight)
        init = check_init(self.init, n_clusters, n_features, X.dtype)
        n_init = check_int(self.n_init, "n_init", minimum=1)
        max_iter = check_int(self.max_iter, "max_iter", minimum=1)
        tol = check_tol(self.tol)
        use_bounds = check_algorithm(self.algorithm) == "hamerly"
        n_threads = check_n_threads(self.n_threads)
        coreset_size = self.coreset_size
        if coreset_size is not None:
            coreset_size = check_coreset_size(coreset_size, n_clusters)
        if isinstance(init, np.ndarray) and n_init != 1:
            warnings.warn(
                f"n_init={n_init} is ignored when init is an array of centres; running once",
                RuntimeWarning,
                stacklevel=2,
            )
            n_init = 1
        rng = check_random_state(self.random_state)

        with thread_limit(n_threads):
            full_X, full_weight = X, sample_weight
            if coreset_size is not None and coreset_size < n_samples:
                coreset = _sensitivity_coreset(
                    X, n_clusters, coreset_size, _full_weights(sample_weight, n_samples), None, rng
                )
                if coreset.points.shape[0] >= n_clusters:
                    X = np.ascontiguousarray(coreset.points, dtype=full_X.dtype)
                    sample_weight = np.ascontiguousarray(coreset.weights, dtype=np.float64)
                    n_samples = X.shape[0]
                # Otherwise the data has fewer distinct points than clusters: fit the data
                # itself, and the few-distinct-points warning below says so.
            bounds = block_bounds(n_samples, n_clusters * (n_features + 1))
            threshold = _threshold(X, sample_weight, bounds, tol)
            best = None
            fewest_distinct = n_clusters
            for run in range(n_init):
                if isinstance(init, np.ndarray):
                    centers = init.copy()
                elif init == "random":
                    # Drawn with explicit probabilities even for unit weights, so that
                    # sample_weight=None and all ones draw the same rows.
                    weights = _full_weights(sample_weight, n_samples)
                    rows = rng.choice(
                        n_samples, size=n_clusters, replace=False, p=weights / weights.sum()
                    )
                    centers = X[np.sort(rows)]
                else:
                    centers, _, n_distinct = _kmeans_plusplus(
                        X, n_clusters, sample_weight, rng, None
                    )
                    fewest_distinct = min(fewest_distinct, n_distinct)
                if self.verbose and n_init > 1:
                    print(f"Run {run + 1}/{n_init}")
                result = _lloyd(
                    X, sample_weight, centers, bounds, max_iter, threshold, self.verbose, use_bounds
                )
                if best is None or result.inertia < best.inertia:
                    best = result
            if X is not full_X:
                # Label and cost every point with the centres fitted on the coreset.
                full_bounds = block_bounds(full_X.shape[0])
                best.labels = np.empty(full_X.shape[0], dtype=np.int32)
                block_cost = np.empty(full_bounds.shape[0] - 1, dtype=np.float64)
                assign_labels(
                    full_X, full_weight, best.centers, full_bounds, best.labels, block_cost
                )
                best.inertia = float(block_cost.sum())

        if fewest_distinct < n_clusters:
            warn_few_distinct(fewest_distinct, n_clusters, stacklevel=2)
        elif best.inertia == 0.0 and best.n_occupied is not None and best.n_occupied < n_clusters:
            warn_few_distinct(best.n_occupied, n_clusters, stacklevel=2)
        if not best.converged and tol > 0:
            warnings.warn(
                f"KMeans stopped at max_iter={max_iter} before the centre movement fell to "
                f"tol={tol:g}; raise max_iter or tol",
                ConvergenceWarning,
                stacklevel=2,
            )
        self.cluster_centers_ = best.centers
        self.labels_ = best.labels
        self.inertia_ = best.inertia
        self.n_iter_ = best.n_iter
        self.converged_ = best.converged
        self.n_features_in_ = n_features
        return self

    def fit_predict(self, X, y=None, sample_weight=None) -> np.ndarray:
        """Fit, then return ``labels_``."""
        return self.fit(X, sample_weight=sample_weight).labels_

    def fit_transform(self, X, y=None, sample_weight=None) -> np.ndarray:
        """Fit, then return the distances of X to the centres (see :meth:`transform`)."""
        return self.fit(X, sample_weight=sample_weight).transform(X)

    # -- using a fitted model --------------------------------------------------------------

    def _fitted_input(self, X) -> tuple[np.ndarray, np.ndarray]:
        if not hasattr(self, "cluster_centers_"):
            raise RuntimeError(
                f"this {type(self).__name__} instance is not fitted yet; call fit(X) first"
            )
        X = check_array(X)
        check_features(X, self.n_features_in_)
        return X, np.ascontiguousarray(self.cluster_centers_, dtype=X.dtype)

    def predict(self, X) -> np.ndarray:
        """Index of the nearest centre for every row of X.

        Returns
        -------
        labels : ndarray of shape (n_samples,), int32
        """
        X, centers = self._fitted_input(X)
        n_threads = check_n_threads(self.n_threads)
        labels = np.empty(X.shape[0], dtype=np.int32)
        bounds = block_bounds(X.shape[0])
        block_cost = np.empty(bounds.shape[0] - 1)
        with thread_limit(n_threads):
            assign_labels(X, np.empty(0), centers, bounds, labels, block_cost)  # unit weights
        return labels

    def transform(self, X) -> np.ndarray:
        """Euclidean distance of every row of X to every centre.

        Returns
        -------
        distances : ndarray of shape (n_samples, n_clusters), dtype of X
        """
        X, centers = self._fitted_input(X)
        out = np.empty((X.shape[0], centers.shape[0]), dtype=X.dtype)
        with thread_limit(check_n_threads(self.n_threads)):
            center_distances(X, centers, out)
        return out

    def score(self, X, y=None, sample_weight=None) -> float:
        """Opposite of the weighted cost of X against the centres (higher is better)."""
        X, centers = self._fitted_input(X)
        sample_weight = check_sample_weight(sample_weight, X.shape[0])
        with thread_limit(check_n_threads(self.n_threads)):
            return -_cost(X, centers, sample_weight)


class _LloydResult:
    """One Lloyd run. ``n_occupied`` (clusters holding weight) is None unless the cost is 0."""

    __slots__ = ("centers", "labels", "inertia", "n_iter", "converged", "n_occupied")

    def __init__(self, centers, labels, inertia, n_iter, converged, n_occupied):
        self.centers = centers
        self.labels = labels
        self.inertia = inertia
        self.n_iter = n_iter
        self.converged = converged
        self.n_occupied = n_occupied


def _threshold(X: np.ndarray, sample_weight: np.ndarray, bounds: np.ndarray, tol: float) -> float:
    """The residual threshold ``T = sqrt(tol * mean_f Var_w(X[:, f]))`` (two passes over X).

    An empty ``sample_weight`` means unit weights, here and in the functions below.
    """
    if tol == 0.0:
        return 0.0
    n_blocks = bounds.shape[0] - 1
    total_weight = sample_weight.sum() if sample_weight.shape[0] else float(X.shape[0])
    block_sums = np.empty((n_blocks, X.shape[1]), dtype=np.float64)
    weighted_sums(X, sample_weight, bounds, block_sums)
    mean = (block_sums.sum(axis=0) / total_weight).astype(X.dtype)
    block_deviation = np.empty(n_blocks, dtype=np.float64)
    weighted_sq_deviations(X, sample_weight, mean, bounds, block_deviation)
    mean_variance = block_deviation.sum() / total_weight / X.shape[1]
    return float(np.sqrt(tol * mean_variance))


def _full_weights(sample_weight: np.ndarray, n_samples: int) -> np.ndarray:
    """``sample_weight``, or n_samples ones when it is empty (unit weights)."""
    return sample_weight if sample_weight.shape[0] else np.ones(n_samples)


def _bound_margin(X: np.ndarray) -> float:
    """Relative slack that makes Hamerly's skip test exact despite rounding.

    Squared distances computed in X's dtype are within ``(d + 4) * eps`` of the true value
    (relative), the float64 centre shifts and separations within a few ``1e-16``. The margin
    covers both with a factor 2 to spare, so a skipped point is one plain Lloyd would not move.
    (The stored bounds themselves are rounded outwards, so they need no slack here.)
    """
    return 2.0 * (X.shape[1] + 4) * float(np.finfo(X.dtype).eps) + 1e-13


def _half_separation(centers: np.ndarray) -> np.ndarray:
    """Half the distance from each centre to its nearest other centre (inf when k = 1)."""
    c = centers.astype(np.float64)
    gaps = np.sqrt(((c[:, None, :] - c[None, :, :]) ** 2).sum(axis=2))
    np.fill_diagonal(gaps, np.inf)
    return 0.5 * gaps.min(axis=1)


def _lloyd(
    X: np.ndarray,
    sample_weight: np.ndarray,
    centers: np.ndarray,
    bounds: np.ndarray,
    max_iter: int,
    threshold: float,
    verbose: bool,
    use_bounds: bool = False,
) -> _LloydResult:
    """Lloyd iterations from ``centers`` on validated input; stops when E <= threshold.

    With ``use_bounds`` each iteration runs Hamerly's kernel instead of the plain fused pass;
    labels, centres, iteration count and inertia are the same, only fewer distances are computed.
    """
    n_samples = X.shape[0]
    n_clusters, n_features = centers.shape
    n_blocks = bounds.shape[0] - 1
    labels = np.full(n_samples, -1, dtype=np.int32)
    block_sums = np.empty((n_blocks, n_clusters, n_features), dtype=np.float64)
    block_weights = np.empty((n_blocks, n_clusters), dtype=np.float64)
    block_cost = np.empty(n_blocks, dtype=np.float64)
    if use_bounds:
        # Bounds in X's dtype (half the memory traffic for float32), stored rounded outwards,
        # relative to the cumulative shifts (see _kernels.bounds).
        upper = np.empty(n_samples, dtype=X.dtype)
        lower = np.empty(n_samples, dtype=X.dtype)
        round_eps = 2.0 * float(np.finfo(X.dtype).eps)
        block_scanned = np.empty(n_blocks, dtype=np.int64)
        cum_shift = np.zeros(n_clusters, dtype=np.float64)
        cum_max_shift = 0.0
        margin = _bound_margin(X)
    # The kernels read no weights when all are one (an empty array is always all ones).
    kernel_weight = np.empty(0) if (sample_weight == 1.0).all() else sample_weight

    centers = np.ascontiguousarray(centers, dtype=X.dtype)
    converged = False
    shift = np.inf
    cost = np.nan
    n_iter = 0
    for n_iter in range(1, max_iter + 1):
        if use_bounds:
            n_changed = hamerly_step(
                X,
                kernel_weight,
                centers,
                cum_shift,
                cum_max_shift,
                _half_separation(centers),
                margin,
                round_eps,
                n_iter == 1,
                bounds,
                labels,
                upper,
                lower,
                block_sums,
                block_weights,
                block_scanned,
            )
        else:
            n_changed = lloyd_step(
                X, kernel_weight, centers, bounds, labels, block_sums, block_weights, block_cost
            )
            cost = block_cost.sum()
        weights = block_weights.sum(axis=0)
        if n_changed == 0:
            # Same assignment as the last pass: the update would reproduce these centres.
            shift = 0.0
        else:
            sums = block_sums.sum(axis=0)
            new_centers, relocated = _update_centers(
                X, sample_weight, centers, labels, sums, weights
            )
            new_centers = new_centers.astype(X.dtype)
            # Movement of the stored centres (in X's dtype), which the bounds refer to.
            moved = np.sqrt(((new_centers.astype(np.float64) - centers) ** 2).sum(axis=1))
            shift = float(moved.sum())
            centers = new_centers
            if use_bounds:
                # Rounded up: the bounds must move at least as far as the centres did.
                cum_shift += moved * (1.0 + 1e-12)
                cum_max_shift += float(moved.max()) * (1.0 + 1e-12)
                upper[relocated] = np.inf
                lower[relocated] = 0.0
        if verbose:
            if use_bounds:
                scanned = int(block_scanned.sum())
                print(
                    f"Iteration {n_iter}: centre shift {shift:.6g}, "
                    f"{scanned} of {n_samples} points rescanned"
                )
            else:
                print(f"Iteration {n_iter}: cost {cost:.8g}, centre shift {shift:.6g}")
        if shift <= threshold:
            converged = True
            break

    if shift != 0.0 or use_bounds:
        # Label and cost the returned centres (the bounds kernel computes no cost).
        assign_labels(X, kernel_weight, centers, bounds, labels, block_cost)
        cost = block_cost.sum()
        if cost == 0.0:
            weights = np.bincount(
                labels, weights=_full_weights(sample_weight, n_samples), minlength=n_clusters
            )
    # Only a zero cost reads the occupancy (to warn of few distinct points); counting it for
    # the final labels is a pass over them, so it is skipped otherwise.
    n_occupied = int(np.count_nonzero(weights > 0)) if cost == 0.0 else None
    return _LloydResult(centers, labels, float(cost), n_iter, converged, n_occupied)


def _update_centers(X, sample_weight, centers, labels, sums, weights):
    """New centres (float64) as weighted means and the rows moved into empty clusters.

    Each empty cluster is moved onto the point of positive weight farthest from its assigned
    centre (ties: the point of the lowest row first), and takes every row at that point: one
    extra pass per empty cluster, only when a cluster is empty. Those rows leave their old
    cluster, whose sums are corrected. Moving a point rather than a row keeps integer weights
    exactly equivalent to repeated rows, and sends two empty clusters to two different points.
    A cluster that stays empty keeps its previous centre, so no centre is ever NaN.
    """
    empty = np.flatnonzero(weights <= 0)
    relocated = []
    if empty.size:
        distances = np.empty(X.shape[0], dtype=np.float64)
        assigned_sq_distances(X, centers, labels, distances)
        if sample_weight.shape[0]:
            distances[sample_weight <= 0] = -1.0
        for cluster in empty:
            row = int(np.argmax(distances))  # the lowest row among equally far ones
            if distances[row] <= 0.0:
                break
            rows = np.flatnonzero((X == X[row]).all(axis=1))
            # Rows at one point share their label: the assignment computed the same distances.
            old = labels[row]
            w = float(sample_weight[rows].sum()) if sample_weight.shape[0] else float(rows.shape[0])
            point = X[row].astype(np.float64)
            sums[old] -= w * point
            weights[old] -= w
            sums[cluster] = w * point
            weights[cluster] = w
            labels[rows] = cluster
            distances[rows] = -1.0
            relocated.append(rows)
    new_centers = centers.astype(np.float64)
    occupied = weights > 0
    new_centers[occupied] = sums[occupied] / weights[occupied, None]
    relocated = np.concatenate(relocated) if relocated else np.empty(0, dtype=np.int64)
    return new_centers, relocated.astype(np.int64)
