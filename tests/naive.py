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


# -- images --------------------------------------------------------------------------------


def colour_summary(image):
    """Distinct colours (alpha excluded), counts and inverse via np.unique over rows."""
    image = np.asarray(image)
    pixels = image.reshape(image.shape[0] * image.shape[1], -1)
    n_colour = pixels.shape[1] - 1 if pixels.shape[1] in (2, 4) else pixels.shape[1]
    colours, inverse, counts = np.unique(
        pixels[:, :n_colour], axis=0, return_inverse=True, return_counts=True
    )
    return colours, counts, inverse.reshape(-1)


def mse(a, b):
    """Mean of (a - b)^2 over every element, in float64."""
    return float(((np.asarray(a, np.float64) - np.asarray(b, np.float64)) ** 2).mean())


def ssim(x, y, data_range, win_size=11, sigma=1.5, k1=0.01, k2=0.03):
    """Mean SSIM by explicit loops over every valid window position, per channel, averaged.

    The window is the 2-D Gaussian exp(-(i^2 + j^2) / (2 sigma^2)) normalised to sum 1.
    """
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    if x.ndim == 2:
        x, y = x[:, :, None], y[:, :, None]
    half = (win_size - 1) / 2
    offsets = np.arange(win_size) - half
    window = np.exp(-(offsets[:, None] ** 2 + offsets[None, :] ** 2) / (2 * sigma**2))
    window /= window.sum()
    c1 = (k1 * data_range) ** 2
    c2 = (k2 * data_range) ** 2
    means = []
    for c in range(x.shape[2]):
        values = []
        for r in range(x.shape[0] - win_size + 1):
            for col in range(x.shape[1] - win_size + 1):
                px = x[r : r + win_size, col : col + win_size, c]
                py = y[r : r + win_size, col : col + win_size, c]
                mx = (window * px).sum()
                my = (window * py).sum()
                vx = (window * (px - mx) ** 2).sum()
                vy = (window * (py - my) ** 2).sum()
                cov = (window * (px - mx) * (py - my)).sum()
                values.append(
                    (2 * mx * my + c1) * (2 * cov + c2) / ((mx**2 + my**2 + c1) * (vx + vy + c2))
                )
        means.append(np.mean(values))
    return float(np.mean(means))


# -- coresets -----------------------------------------------------------------------------------


def sensitivity_probabilities(X, centers, sample_weight=None):
    """Sensitivity sampling distribution for the cells of ``centers``, as documented.

    Cells: rows nearest to each centre (lowest index on ties), of mass W_j and cost C_j;
    s = w * (d(x, c_j)^2 / C_j + 1 / W_j), zero in cells of zero cost.
    Returns (q, labels, cell masses); q is all zeros when every cell has zero cost.
    """
    X = np.asarray(X, dtype=np.float64)
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    labels, d = nearest(X, centers)
    k = len(centers)
    mass = np.array([w[labels == j].sum() for j in range(k)])
    cell_cost = np.array([(w * d)[labels == j].sum() for j in range(k)])
    s = np.zeros(len(X))
    for i in range(len(X)):
        j = labels[i]
        if cell_cost[j] > 0:
            s[i] = w[i] * (d[i] / cell_cost[j] + 1.0 / mass[j])
    q = s / s.sum() if s.sum() > 0 else s
    return q, labels, mass


def lightweight_probabilities(X, sample_weight=None):
    """q = w / (2W) + w d(x, mean)^2 / (2 sum w d^2); q = w / W when every row is the mean."""
    X = np.asarray(X, dtype=np.float64)
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    mean = (w[:, None] * X).sum(axis=0) / w.sum()
    d = ((X - mean) ** 2).sum(axis=1)
    spread = (w * d).sum()
    if spread == 0:
        return w / w.sum()
    return 0.5 * w / w.sum() + 0.5 * w * d / spread


def uniform_probabilities(sample_weight):
    """q = w / W."""
    w = np.asarray(sample_weight, dtype=np.float64)
    return w / w.sum()


def bernstein_deviation(values, probabilities, n_draws, delta):
    """t with P(|sum of n_draws draws - n_draws * mean| >= t) <= delta.

    The draws are independent; each takes ``values[i]`` with probability ``probabilities[i]``
    on average over the draws (i.i.d., or stratified along the mass axis, whose summed variance
    is at most the i.i.d. one). Bernstein's inequality with the exact variance of the i.i.d.
    distribution and the range of the values as the bound on each centred draw.
    """
    p = np.asarray(probabilities, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)[p > 0]
    p = p[p > 0] / p[p > 0].sum()
    mean = (p * v).sum()
    variance = max((p * (v - mean) ** 2).sum(), 0.0)
    spread = v.max() - v.min()
    log_term = np.log(2.0 / delta)
    bound = spread * log_term / 3
    return bound + np.sqrt(bound**2 + 2 * n_draws * variance * log_term)


def mass_correction(X, rows, weights, labels, dist, centers, mass):
    """The documented step 4, row by row: (points, weights, indices) arrays.

    ``rows``/``weights``: raw draws (with repetition). A cell whose sampled mass falls short
    gets its centre with the missing mass (a shortfall within 64 eps of the cell's mass is
    rounding, not a shortfall); an over-full cell loses its excess from its
    sampled rows nearest to the centre (ties: lower row first).
    """
    merged = {}
    for r, v in zip(rows, weights, strict=True):
        merged[int(r)] = merged.get(int(r), 0.0) + float(v)
    out_points, out_weights, out_indices = [], [], []
    carriers = []
    for j in range(len(mass)):
        members = sorted((dist[r], r) for r in merged if labels[r] == j)
        sampled = sum(merged[r] for _, r in members)
        excess = sampled - mass[j]
        for _, r in members:
            take = min(max(excess, 0.0), merged[r])
            excess -= take
            merged[r] -= take
        if mass[j] - sampled > 64 * np.finfo(np.float64).eps * mass[j]:  # beyond rounding
            carriers.append((j, mass[j] - sampled))
    for r in sorted(merged):
        if merged[r] > 1e-12 * max(mass.max(), 1.0):
            out_points.append(X[r])
            out_weights.append(merged[r])
            out_indices.append(r)
    for j, v in carriers:
        out_points.append(centers[j])
        out_weights.append(v)
        out_indices.append(-1)
    return np.array(out_points), np.array(out_weights), np.array(out_indices)


def silhouette(X, labels, sample_weight=None):
    """Exact weighted silhouette; weights as repeated rows (a row of weight w is w points)."""
    X = np.asarray(X, dtype=np.float64)
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    d = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    mass = np.array([w[labels == c].sum() for c in clusters])
    scores = np.zeros(len(X))
    for i in range(len(X)):
        own = int(np.flatnonzero(clusters == labels[i])[0])
        if mass[own] <= 1.0:
            continue
        means = np.array([(w * d[i])[labels == c].sum() for c in clusters])
        a = means[own] / (mass[own] - 1.0)
        b = min(means[c] / mass[c] for c in range(len(clusters)) if c != own)
        scores[i] = (b - a) / max(a, b) if max(a, b) > 0 else 0.0
    return float((w * scores).sum() / w.sum())


def simplified_silhouette(X, centers, sample_weight=None):
    """Silhouette against centres: a, b the nearest and second-nearest centre distances."""
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    d = np.sort(np.sqrt(sq_distances(X, centers)), axis=1)
    a, b = d[:, 0], d[:, 1]
    largest = np.maximum(a, b)
    s = np.divide(b - a, largest, out=np.zeros_like(a), where=largest > 0)
    return float((w * s).sum() / w.sum())


def _clusters_of(X, labels, w):
    """Each cluster's (weight, centroid, rows) for the rows of positive weight."""
    keep = w > 0
    X, labels, w = np.asarray(X, dtype=np.float64)[keep], np.asarray(labels)[keep], w[keep]
    out = []
    for c in np.unique(labels):
        rows = labels == c
        mass = w[rows].sum()
        out.append((mass, (w[rows, None] * X[rows]).sum(axis=0) / mass, X[rows], w[rows]))
    return out


def davies_bouldin(X, labels, sample_weight=None):
    """Davies-Bouldin: mean over clusters of the worst (s_i + s_j) / |c_i - c_j|."""
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    clusters = _clusters_of(X, labels, w)
    spread = [
        (cw * np.sqrt(((rows - c) ** 2).sum(axis=1))).sum() / m for m, c, rows, cw in clusters
    ]
    worst = []
    for i, (_, ci, _, _) in enumerate(clusters):
        ratios = [
            (spread[i] + spread[j]) / np.sqrt(((ci - cj) ** 2).sum())
            for j, (_, cj, _, _) in enumerate(clusters)
            if j != i and ((ci - cj) ** 2).sum() > 0
        ]
        worst.append(max(ratios, default=0.0))
    return float(np.mean(worst))


def calinski_harabasz(X, labels, sample_weight=None):
    """Calinski-Harabasz: between- over within-cluster dispersion, times (n - k) / (k - 1)."""
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    clusters = _clusters_of(X, labels, w)
    n, k = w.sum(), len(clusters)
    mean = sum(m * c for m, c, _, _ in clusters) / n
    between = sum(m * ((c - mean) ** 2).sum() for m, c, _, _ in clusters)
    within = sum((cw * ((rows - c) ** 2).sum(axis=1)).sum() for _, c, rows, cw in clusters)
    return 1.0 if within == 0 else float(between * (n - k) / (within * (k - 1)))


def floyd_steinberg(points, centers, width):
    """Labels of raster-ordered ``points`` by Floyd-Steinberg error diffusion onto ``centers``,
    each value clamped to the centres' range per channel before it is mapped."""
    height = len(points) // width
    values = np.asarray(points, dtype=np.float64).reshape(height, width, -1).copy()
    low, high = np.min(centers, axis=0), np.max(centers, axis=0)
    labels = np.empty((height, width), dtype=np.int64)
    for y in range(height):
        for x in range(width):
            values[y, x] = np.clip(values[y, x], low, high)
            d = ((centers - values[y, x]) ** 2).sum(axis=1)
            best = int(np.argmin(d))
            labels[y, x] = best
            error = values[y, x] - centers[best]
            for dy, dx, share in ((0, 1, 7), (1, -1, 3), (1, 0, 5), (1, 1, 1)):
                if 0 <= y + dy < height and 0 <= x + dx < width:
                    values[y + dy, x + dx] += error * share / 16
    return labels.ravel()
