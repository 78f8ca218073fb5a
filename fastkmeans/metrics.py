"""Clustering cost, scores for choosing k (silhouettes, Davies–Bouldin, Calinski–Harabasz) and
image quality (MSE, PSNR, SSIM)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._kernels.image import sq_error_sums, ssim_row_sums
from ._kernels.silhouette import silhouette_sums, simplified_silhouette_sums
from ._parallel import block_bounds
from ._scaling import data_exponent, max_abs, scaled, scaled_pair, unscaled_cost
from ._steps import labels_and_inertia
from ._validation import (
    Weights,
    check_array,
    check_centers,
    check_int,
    check_random_state,
    check_real,
    check_sample_weight,
)
from ._validation_image import check_data_range, check_image_pair, check_ssim_window
from ._validation_sparse import check_data


def cost(X, centers, sample_weight=None) -> float:
    """Weighted k-means cost: ``sum_i w_i * min_j ||x_i - c_j||^2``.

    Computed as the sum of squared differences (not through the norm expansion), accumulated in
    float64 over a fixed chunking, so the value does not depend on the thread count.

    Parameters
    ----------
    X : array-like or scipy.sparse matrix of shape (n_samples, n_features)
    centers : array-like of shape (n_clusters, n_features)
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import cost
    >>> cost(np.array([[0.0], [2.0]]), np.array([[1.0]]))
    2.0
    """
    X = check_data(X)
    centers = check_centers(centers, X.shape[1], X.dtype)
    weights = check_sample_weight(sample_weight, X.shape[0])
    # Rescaled exactly when the magnitudes need it (see fastkmeans._scaling).
    X, centers, exponent = scaled_pair(X, centers, weights.total)
    _, inertia = labels_and_inertia(X, weights, centers, with_labels=False)
    return unscaled_cost(inertia, exponent, weights.exponent)


# -- choosing k ------------------------------------------------------------------------------


def silhouette_score(
    X, labels, *, sample_weight=None, sample_size: int | None = None, random_state=None
) -> float:
    """Mean silhouette coefficient of a clustering (Rousseeuw 1987), exact, O(n^2 d).

    For row ``i`` of cluster ``A``, ``a`` is its mean distance to the other points of ``A``
    and ``b`` the smallest mean distance to the points of another cluster;
    ``s = (b - a) / max(a, b)``, 0 for a cluster of one point. The score is the (weighted)
    mean of ``s``: from -1 (wrong clusters) to 1 (compact, well separated). Unweighted, it equals
    scikit-learn's ``silhouette_score`` on the same points. Weights act as repeated rows (a row
    of weight 3 is three coincident points); a cluster of total weight at most 1 scores 0.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Cluster of every row (any integers); between 2 and n_samples - 1 distinct labels.
    sample_weight : array-like of shape (n_samples,), optional
    sample_size : int, optional
        Score a uniform sample of this many rows (drawn without replacement) instead of all:
        the cost is quadratic in the rows scored.
    random_state : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Draws the sample.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import silhouette_score
    >>> X = np.array([[0.0], [1.0], [10.0], [11.0]])
    >>> round(silhouette_score(X, [0, 0, 1, 1]), 6)
    0.899749
    """
    X = check_array(X)
    labels = _check_labels(labels, X.shape[0])
    weights = check_sample_weight(sample_weight, X.shape[0])
    described = "rows"
    if sample_size is not None:
        described = "sampled rows"
        sample_size = check_int(sample_size, "sample_size", minimum=2, maximum=X.shape[0])
        rows = np.sort(check_random_state(random_state).permutation(X.shape[0])[:sample_size])
        X, labels = X[rows], labels[rows]
        if weights.unit:
            weights = Weights.ones(sample_size)
        elif not (weights.values[rows] > 0).any():
            raise ValueError("every sampled row has weight 0; pass a larger sample_size")
        else:
            weights = Weights.of(np.ldexp(weights.values[rows], -weights.exponent))
    if weights.n_positive < X.shape[0]:
        # A row of weight 0 is absent (weights act as repeated rows): neither its label nor
        # its distances count.
        rows = weights.positive_rows()
        X, labels = X[rows], labels[rows]
        weights = Weights.of(np.ldexp(weights.values[rows], -weights.exponent))
        described += " of positive weight"
    _, labels = np.unique(labels, return_inverse=True)
    n_labels = int(labels.max()) + 1
    if not 2 <= n_labels <= X.shape[0] - 1:
        raise ValueError(
            f"the silhouette needs between 2 and n - 1 = {X.shape[0] - 1} distinct labels "
            f"among the n = {X.shape[0]} {described}, got {n_labels}"
        )
    # The silhouette is scale-free: data at the edge of its dtype is rescaled exactly.
    X = scaled(X, data_exponent(max_abs(X), X.dtype, X.shape[1], weights.total))
    cluster_weight = np.bincount(labels, weights=weights.array(), minlength=n_labels)
    # Rows grouped by cluster (a stable order), as the columns of a (d, n) array: see the kernel.
    order = np.argsort(labels, kind="stable")
    starts = np.searchsorted(labels[order], np.arange(n_labels + 1)).astype(np.int64)
    bounds = block_bounds(X.shape[0])
    block_sums = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    # One unit of weight (the row itself, as a repeated row) in the stored weights' units.
    unit_mass = float(np.ldexp(1.0, weights.exponent))
    silhouette_sums(
        *(np.ascontiguousarray(X[order].T), weights.array()[order], starts),
        *(cluster_weight, unit_mass, bounds, block_sums),
    )
    return float(block_sums.sum() / weights.total)


def simplified_silhouette(X, centers, *, sample_weight=None) -> float:
    """Silhouette against centres, O(n k d): usable on millions of rows or a colour summary.

    Each row belongs to its nearest centre; ``a`` is the distance to it and ``b`` to the second
    nearest, ``s = (b - a) / max(a, b)``; the score is the weighted mean of ``s`` (Hruschka et
    al. 2004). It ranks clusterings much like the exact :func:`silhouette_score` at a fraction
    of the cost.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centers : array-like of shape (n_clusters, n_features), n_clusters >= 2
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import simplified_silhouette
    >>> X = np.array([[0.0], [1.0], [10.0], [11.0]])
    >>> round(simplified_silhouette(X, np.array([[0.5], [10.5]])), 6)
    0.949875
    """
    X = check_array(X)
    centers = check_centers(centers, X.shape[1], X.dtype)
    if centers.shape[0] < 2:
        raise ValueError(
            f"the simplified silhouette needs at least 2 centres, got {centers.shape[0]}"
        )
    weights = check_sample_weight(sample_weight, X.shape[0])
    X, centers, _ = scaled_pair(X, centers, weights.total)
    bounds = block_bounds(X.shape[0])
    block_sums = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    simplified_silhouette_sums(X, weights.values, weights.unit, centers, bounds, block_sums)
    return float(block_sums.sum() / weights.total)


def davies_bouldin_score(X, labels, *, sample_weight=None) -> float:
    """Davies–Bouldin index of a clustering (Davies and Bouldin 1979), O(n d + k^2 d).

    For each cluster ``i``, ``s_i`` is the mean distance of its points to their centroid; the
    index is the mean over clusters of ``max_{j != i} (s_i + s_j) / ||c_i - c_j||``. Lower is
    better (0: every cluster a point). Unweighted, it equals scikit-learn's
    ``davies_bouldin_score`` on the same points; weights act as repeated rows (rows of weight
    0 are left out). Scale-free: where scikit-learn returns 0 when every ``s_i`` is within
    1e-8 of 0 (a tolerance in the data's units), this returns 0 only when every ``s_i`` (or
    every distance between centroids) is exactly 0.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Cluster of every row (any integers); between 2 and n - 1 distinct labels, n being
        the number of rows (or their total weight).
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import davies_bouldin_score
    >>> X = np.array([[0.0], [1.0], [10.0], [11.0]])
    >>> round(davies_bouldin_score(X, [0, 0, 1, 1]), 6)
    0.1
    """
    clusters = _labelled_clusters(X, labels, sample_weight, "Davies–Bouldin index")
    spreads = clusters.mean_distances
    gaps = np.sqrt(_sq_distances_between(clusters.centroids))
    if not spreads.any() or not gaps.any():
        return 0.0
    gaps[gaps == 0.0] = np.inf  # the diagonal, and coincident centroids, never the max
    return float(np.mean(np.max((spreads[:, None] + spreads[None, :]) / gaps, axis=1)))


def calinski_harabasz_score(X, labels, *, sample_weight=None) -> float:
    """Calinski–Harabasz index (variance ratio criterion, Calinski and Harabasz 1974), O(n d).

    The between-cluster dispersion ``sum_i n_i ||c_i - c||^2`` over the within-cluster
    dispersion ``sum_x ||x - c_label(x)||^2``, times ``(n - k) / (k - 1)``; higher is better,
    1.0 when every cluster is a single point repeated. Unweighted, it equals scikit-learn's
    ``calinski_harabasz_score`` on the same points; weights act as repeated rows (``n`` is
    their total; rows of weight 0 are left out).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Cluster of every row (any integers); between 2 and n - 1 distinct labels, n being
        the number of rows (or their total weight).
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import calinski_harabasz_score
    >>> X = np.array([[0.0], [1.0], [10.0], [11.0]])
    >>> round(calinski_harabasz_score(X, [0, 0, 1, 1]), 6)
    200.0
    """
    clusters = _labelled_clusters(X, labels, sample_weight, "Calinski–Harabasz index")
    if clusters.within == 0.0:
        return 1.0
    mean = clusters.cluster_weight @ clusters.centroids / clusters.cluster_weight.sum()
    deviations = clusters.centroids - mean
    between = float(clusters.cluster_weight @ np.einsum("ij,ij->i", deviations, deviations))
    n_clusters = clusters.centroids.shape[0]
    # (n - k) in the stored weights' units, and back at the end: n (a total weight) may lie
    # beyond float64 where the index does not.
    exponent = clusters.weight_exponent
    excess = clusters.stored_total - float(np.ldexp(float(n_clusters), exponent))
    with np.errstate(over="ignore"):
        index = np.ldexp(between * excess / (clusters.within * (n_clusters - 1.0)), -exponent)
    return float(index)


class _Clusters(NamedTuple):
    """Per-cluster figures of a labelled data set, in float64 (data scaled by a power of 2,
    weights as stored: both scores are ratios, unchanged by either)."""

    centroids: np.ndarray  # (k, d)
    cluster_weight: np.ndarray  # (k,)
    mean_distances: np.ndarray  # (k,) weighted mean distance of a cluster's rows to its centroid
    within: float  # weighted sum of squared distances to the centroids
    stored_total: float  # the total weight as stored: the user's times 2^weight_exponent
    weight_exponent: int


def _labelled_clusters(X, labels, sample_weight, name: str) -> _Clusters:
    """Validate ``X, labels, sample_weight`` and reduce them to :class:`_Clusters` (``name``:
    the score's, for errors)."""
    X = check_array(X)
    labels = _check_labels(labels, X.shape[0])
    weights = check_sample_weight(sample_weight, X.shape[0])
    if not weights.unit and weights.n_positive < weights.n_samples:
        rows = weights.positive_rows()
        X, labels = X[rows], labels[rows]
    w = weights.array() if weights.unit else weights.values[weights.values > 0]
    _, labels = np.unique(labels, return_inverse=True)
    n_labels = int(labels.max()) + 1
    # n: the rows, or their total weight (weights as repeated rows).
    with np.errstate(over="ignore"):
        total = float(np.ldexp(weights.total, -weights.exponent))
    if not (n_labels >= 2 and n_labels < total):
        raise ValueError(
            f"the {name} needs between 2 and n - 1 distinct labels, where n = {total:g} is "
            f"the number of rows (or their total weight), got {n_labels}"
        )
    X = np.asarray(X, dtype=np.float64)
    X = scaled(X, data_exponent(max_abs(X), X.dtype, X.shape[1], weights.total))
    order = np.argsort(labels, kind="stable")
    X, w, labels = X[order], w[order], labels[order]
    starts = np.searchsorted(labels, np.arange(n_labels))
    cluster_weight = np.add.reduceat(w, starts)
    centroids = np.add.reduceat(X * w[:, None], starts, axis=0) / cluster_weight[:, None]
    deviations = X - centroids[labels]
    sq_distances = np.einsum("ij,ij->i", deviations, deviations)
    mean_distances = np.add.reduceat(w * np.sqrt(sq_distances), starts) / cluster_weight
    within = float(w @ sq_distances)
    return _Clusters(
        centroids, cluster_weight, mean_distances, within, weights.total, weights.exponent
    )


def _sq_distances_between(points: np.ndarray) -> np.ndarray:
    """(k, k) squared distances between the rows of ``points``, from their differences (exact
    0 for equal rows, which the norm expansion does not promise), one row at a time."""
    out = np.empty((points.shape[0], points.shape[0]))
    for i in range(points.shape[0]):
        differences = points - points[i]
        out[i] = np.einsum("jf,jf->j", differences, differences)
    return out


def _check_labels(labels, n_samples: int) -> np.ndarray:
    """Integer labels, one per row."""
    labels = np.asarray(labels)
    if labels.dtype.kind not in "biu" or labels.shape != (n_samples,):
        raise ValueError(
            f"labels must be {n_samples} integers, one per row of X, got dtype {labels.dtype} "
            f"and shape {labels.shape}"
        )
    return labels


# -- image quality -------------------------------------------------------------------------


def mse(reference, image) -> float:
    """Mean squared error between two images of one shape, over every pixel and channel.

    Parameters
    ----------
    reference, image : array-like of shape (H, W) or (H, W, C)
        Numeric images; differences are taken in float64 in the images' own units.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import mse
    >>> mse(np.array([[0, 10]], dtype=np.uint8), np.array([[0, 13]], dtype=np.uint8))
    4.5
    """
    reference, image = check_image_pair(reference, image)
    return _mse(reference, image, reference.shape[2])


def psnr(reference, image, *, data_range=None) -> float:
    """Peak signal-to-noise ratio in decibels: ``10 log10(data_range^2 / MSE)``.

    Parameters
    ----------
    reference, image : array-like of shape (H, W) or (H, W, C)
    data_range : float, optional
        The span of possible values; default 255 for uint8, 65535 for uint16 and 1.0 for
        float images in [0, 1]. Required for images of two dtypes, floats outside [0, 1] and
        other integer dtypes (a ValueError says so).

    Returns
    -------
    float
        ``inf`` when the images are identical.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import psnr
    >>> round(psnr(np.zeros((2, 2), np.uint8), np.full((2, 2), 255, np.uint8)), 6)
    0.0
    """
    checked = check_image_pair(reference, image)
    data_range = check_data_range(data_range, reference, image)  # from the dtypes as given
    reference, image = checked
    return _psnr(_mse(reference, image, reference.shape[2]), data_range)


def ssim(
    reference,
    image,
    *,
    data_range=None,
    win_size: int = 11,
    sigma: float = 1.5,
    k1: float = 0.01,
    k2: float = 0.03,
) -> float:
    """Mean structural similarity (Wang, Bovik, Sheikh & Simoncelli, 2004).

    Local means, variances and the covariance are weighted by a ``win_size`` x ``win_size``
    Gaussian window of standard deviation ``sigma`` (normalised to sum 1); at each window
    position inside the image ('valid' positions, as in the authors' reference code)

    ``SSIM = (2 mx my + C1)(2 sxy + C2) / ((mx^2 + my^2 + C1)(sx^2 + sy^2 + C2))``

    with ``C1 = (k1 L)^2``, ``C2 = (k2 L)^2`` and ``L = data_range``. The map is averaged over
    positions, per channel, and the channel means are averaged.

    Parameters
    ----------
    reference, image : array-like of shape (H, W) or (H, W, C)
        Images of one shape, each side at least ``win_size``.
    data_range : float, optional
        ``L``; default 255 for uint8, 65535 for uint16 and 1.0 for float images in [0, 1].
        Required for images of two dtypes, floats outside [0, 1] and other integer dtypes.
    win_size : int, default=11
        Odd side of the Gaussian window.
    sigma : float, default=1.5
        Standard deviation of the Gaussian window, in pixels.
    k1, k2 : float, default=0.01, 0.03
        Stabilising constants.

    Returns
    -------
    float
        1.0 for identical images; symmetric in its two arguments; at most 1.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import ssim
    >>> x = np.arange(144, dtype=np.uint8).reshape(12, 12)
    >>> ssim(x, x)
    1.0
    """
    checked = check_image_pair(reference, image)
    data_range = check_data_range(data_range, reference, image)  # from the dtypes as given
    reference, image = checked
    win_size, sigma = check_ssim_window(win_size, sigma, reference.shape)
    k1 = check_real(k1, "k1", positive=True)
    k2 = check_real(k2, "k2", positive=True)
    return _ssim(reference, image, reference.shape[2], data_range, win_size, sigma, k1, k2)


def _mse(reference: np.ndarray, image: np.ndarray, n_channels: int) -> float:
    """MSE over the first ``n_channels`` channels of validated (H, W, C) images."""
    a = reference.reshape(-1, reference.shape[-1])
    b = image.reshape(-1, image.shape[-1])
    bounds = block_bounds(a.shape[0])
    block_sums = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    sq_error_sums(a, b, n_channels, bounds, block_sums)
    return float(block_sums.sum() / (a.shape[0] * n_channels))


def _psnr(mse_value: float, data_range: float) -> float:
    """PSNR in dB from an MSE; ``inf`` for an MSE of zero."""
    if mse_value == 0.0:
        return float("inf")
    return float(10.0 * np.log10(data_range * data_range / mse_value))


def gaussian_window(win_size: int, sigma: float) -> np.ndarray:
    """The normalised 1-D Gaussian of odd length ``win_size``, centred, float64."""
    offsets = np.arange(win_size, dtype=np.float64) - (win_size - 1) / 2
    window = np.exp(-(offsets**2) / (2.0 * sigma * sigma))
    return window / window.sum()


def _ssim(
    reference: np.ndarray,
    image: np.ndarray,
    n_channels: int,
    data_range: float,
    win_size: int,
    sigma: float,
    k1: float,
    k2: float,
) -> float:
    """Mean SSIM over the first ``n_channels`` channels of validated (H, W, C) images."""
    n_rows = reference.shape[0] - win_size + 1
    n_cols = reference.shape[1] - win_size + 1
    window = gaussian_window(win_size, sigma)
    c1 = (k1 * data_range) ** 2
    c2 = (k2 * data_range) ** 2
    # Blocks of whole output rows: at most as many as the fixed blocks of the output pixels,
    # and at least 4 * win_size rows each, since a block filters win_size - 1 extra input rows.
    # Each row's sum is computed alone, so the result does not depend on the blocks.
    n_blocks = max(1, min(block_bounds(n_rows * n_cols).shape[0] - 1, n_rows // (4 * win_size)))
    row_bounds = np.linspace(0, n_rows, n_blocks + 1).round().astype(np.int64)
    row_sums = np.empty((n_rows, n_channels), dtype=np.float64)
    ssim_row_sums(reference, image, n_channels, window, c1, c2, row_bounds, row_sums)
    per_channel = row_sums.sum(axis=0) / (n_rows * n_cols)
    return float(per_channel.mean())
