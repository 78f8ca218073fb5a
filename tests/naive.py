"""Slow, obviously correct NumPy oracles. Tests compare the engine against these."""

import itertools

import numpy as np


def sq_distances(X, centers):
    """(n, k) squared Euclidean distances in float64, as sum of squared differences."""
    X = np.asarray(X, dtype=np.float64)
    centers = np.asarray(centers, dtype=np.float64)
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


def nearest(X, centers):
    """Labels (lowest index on ties) and squared distance to the nearest centre."""
    d = sq_distances(X, centers)
    labels = np.argmin(d, axis=1)
    return labels, d[np.arange(len(labels)), labels]


def cost(X, centers, sample_weight=None):
    """Weighted k-means cost."""
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    return float((w * nearest(X, centers)[1]).sum())


def lloyd(X, centers, sample_weight=None, max_iter=1000):
    """Plain Lloyd until no assignment changes. Returns centres, labels, iterations.

    Asserts that no cluster ever empties (the oracle does not define re-seeding).
    """
    X = np.asarray(X, dtype=np.float64)
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    centers = np.array(centers, dtype=np.float64)
    labels = None
    for n_iter in range(1, max_iter + 1):
        new_labels, _ = nearest(X, centers)
        if labels is not None and np.array_equal(new_labels, labels):
            return centers, labels, n_iter - 1
        labels = new_labels
        for j in range(len(centers)):
            mask = labels == j
            assert w[mask].sum() > 0, "naive.lloyd: a cluster emptied"
            centers[j] = (w[mask, None] * X[mask]).sum(axis=0) / w[mask].sum()
    return centers, labels, max_iter


def optimal_cost(X, n_clusters, sample_weight=None):
    """Exact optimum of the weighted k-means cost by enumerating every labelling (tiny n)."""
    X = np.asarray(X, dtype=np.float64)
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    best = np.inf
    for labels in itertools.product(range(n_clusters), repeat=len(X)):
        labels = np.array(labels)
        total = 0.0
        for j in range(n_clusters):
            mask = (labels == j) & (w > 0)
            if mask.any():
                mean = (w[mask, None] * X[mask]).sum(axis=0) / w[mask].sum()
                total += (w[mask] * ((X[mask] - mean) ** 2).sum(axis=1)).sum()
        best = min(best, total)
    return best


def d2_seeding_cost_distribution(X, n_clusters, sample_weight=None):
    """Exact (cost, probability) pairs of plain D² seeding, by enumerating every draw sequence.

    First centre with probability proportional to w, each next one proportional to w * D².
    When the potential is zero the next centre is drawn proportional to w (as the engine does).
    """
    X = np.asarray(X, dtype=np.float64)
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    out = []

    def recurse(chosen, prob):
        closest = sq_distances(X, X[chosen]).min(axis=1)
        if len(chosen) == n_clusters:
            out.append(((w * closest).sum(), prob))
            return
        mass = w * closest
        if mass.sum() <= 0:
            mass = w
        p = mass / mass.sum()
        for i in np.flatnonzero(p > 0):
            recurse(chosen + [i], prob * p[i])

    p0 = w / w.sum()
    for i in np.flatnonzero(p0 > 0):
        recurse([i], p0[i])
    return out
