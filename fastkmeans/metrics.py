"""Clustering cost."""

from __future__ import annotations

import numpy as np

from ._kernels.assign import assign_labels
from ._parallel import block_bounds
from ._validation import check_array, check_features, check_sample_weight


def cost(X, centers, sample_weight=None) -> float:
    """Weighted k-means cost: ``sum_i w_i * min_j ||x_i - c_j||^2``.

    Computed as the sum of squared differences (not through the norm expansion), accumulated in
    float64 over a fixed chunking, so the value does not depend on the thread count.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
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
    X = check_array(X)
    centers = check_array(centers, "centers", dtype=X.dtype)
    check_features(X, centers.shape[1], "X")
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    return _cost(X, centers, sample_weight)


def _cost(X: np.ndarray, centers: np.ndarray, sample_weight: np.ndarray) -> float:
    """Cost on validated input of one dtype."""
    bounds = block_bounds(X.shape[0])
    block_cost = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    assign_labels(X, sample_weight, centers, bounds, np.empty(0, np.int32), block_cost)
    return float(block_cost.sum())
