"""The stopping rule's derivation, reproduced (README, "Stopping rule").

fastkmeans stops when the centres' summed movement ``E = sum_j |dc_j|`` is at most
``T = sqrt(k^(3/4) tol v)``; scikit-learn when ``S = sum_j |dc_j|^2 <= tol v``. With
``E^2 = k_e S`` (``k_e`` in [1, k]: how many centres share the movement), the two rules stop
together where ``k_e = k^(3/4)``. For every photo of the panel and k in (4, 16, 64), on the
photo's distinct colours weighted by their pixel counts (the problem a photo fit solves), from
each seed's k-means++ centres (fastkmeans's):

- ``k_e`` at the first Lloyd update where scikit-learn's rule holds (one step at a time, the
  same steps for both rules), as ``log_k k_e``: the median over seeds and its range;
- both libraries' default fits from those same centres: fastkmeans's iterations over
  scikit-learn's and its cost over scikit-learn's (medians and ranges over seeds).

scikit-learn's tolerance is ``tol`` times the unweighted variance of the rows it is given, so
it gets ``tol`` times the pixels' variance over the colours': the same absolute threshold as on
the pixels. Costs are ``fastkmeans.cost`` on the weighted colours.

Run: python benchmarks/run.py --only bench_stopping; or python benchmarks/bench_stopping.py
[--seeds N] [--ks 4,16,64] [--photos coffee,hubble] [--quick]
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from _common import machine, print_table
from _panel import panel

import fastkmeans
from fastkmeans._steps import SHARING_CENTRES_POWER
from fastkmeans.image import colour_summary

TOL = 1e-4


def weighted_colours(image: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """The photo's distinct colours, their counts, and the pixels' mean variance."""
    summary = colour_summary(image)
    colours = summary.colours.astype(np.float64)
    counts = summary.counts.astype(np.float64)
    mean = counts @ colours / counts.sum()
    variance = float((counts @ (colours - mean) ** 2).mean() / counts.sum())
    return colours, counts, variance


def sharing_at_sklearns_stop(colours, counts, variance, init) -> tuple[float, int]:
    """``k_e = E^2 / S`` at the first Lloyd update with ``S <= tol v``, and that update's
    number (Lloyd one step at a time: fastkmeans with ``max_iter=1, tol=0``)."""
    k = init.shape[0]
    centers = init
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # each single step "reaches max_iter"
        for step in range(1, 1000):
            model = fastkmeans.KMeans(k, init=centers, max_iter=1, tol=0, algorithm="lloyd")
            moved = model.fit(colours, sample_weight=counts).cluster_centers_
            shifts = np.sqrt(((moved - centers) ** 2).sum(axis=1))
            centers = moved
            sum_sq = float((shifts**2).sum())
            if sum_sq <= TOL * variance:
                return (float(shifts.sum()) ** 2 / sum_sq if sum_sq > 0 else float("nan")), step
    return float("nan"), 1000


def paired_fits(colours, counts, tol_sklearn, init) -> tuple[float, float]:
    """fastkmeans's iterations and cost over scikit-learn's, both default fits from ``init``."""
    from sklearn.cluster import KMeans as SKKMeans

    ours = fastkmeans.KMeans(init.shape[0], init=init).fit(colours, sample_weight=counts)
    theirs = SKKMeans(init.shape[0], init=init, n_init=1, tol=tol_sklearn)
    theirs.fit(colours, sample_weight=counts)

    def cost(centers):
        return fastkmeans.cost(colours, centers, sample_weight=counts)

    return (
        ours.n_iter_ / theirs.n_iter_,
        cost(ours.cluster_centers_) / cost(theirs.cluster_centers_),
    )


def spread(values) -> str:
    """The range, ignoring NaN (k_e where no centre moved: both rules stop there), or "-"."""
    values = np.asarray(values, dtype=np.float64)
    if np.isnan(values).all():
        return "-"
    return f"{np.nanmin(values):.3f}-{np.nanmax(values):.3f}"


def nan_median(values) -> float | str:
    """The median ignoring NaN, or "-" when every value is NaN."""
    values = np.asarray(values, dtype=np.float64)
    return "-" if np.isnan(values).all() else float(np.nanmedian(values))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="0.5 MP photos, 2 seeds, k=4,16")
    parser.add_argument("--seeds", type=int, default=4, help="seeds per photo and k (default 4)")
    parser.add_argument("--ks", default="4,16,64", help="comma-separated k (default 4,16,64)")
    parser.add_argument("--photos", help="comma-separated photo names (default: all)")
    args = parser.parse_args(argv)
    print(machine())
    photos = panel(quick=args.quick)
    if args.photos:
        photos = {name: photos[name] for name in args.photos.split(",")}
    ks = [4, 16] if args.quick else [int(k) for k in args.ks.split(",")]
    seeds = range(2 if args.quick else args.seeds)
    rows, all_powers = [], []
    for name, image in photos.items():
        colours, counts, variance = weighted_colours(image)
        tol_sklearn = TOL * variance / float(np.mean(np.var(colours, axis=0)))
        for k in ks:
            if colours.shape[0] < 4 * k:
                continue  # too few colours for a long run at this k
            powers, steps, iterations, costs = [], [], [], []
            for seed in seeds:
                init, _ = fastkmeans.kmeans_plusplus(
                    colours, k, sample_weight=counts, random_state=seed
                )
                sharing, step = sharing_at_sklearns_stop(colours, counts, variance, init)
                powers.append(np.log(sharing) / np.log(k))
                steps.append(step)
                iteration_ratio, cost_ratio = paired_fits(colours, counts, tol_sklearn, init)
                iterations.append(iteration_ratio)
                costs.append(cost_ratio)
            if not np.isnan(powers).all():
                all_powers.append(float(np.nanmedian(powers)))
            rows.append(
                [
                    name,
                    k,
                    float(np.median(steps)),
                    nan_median(powers),
                    spread(powers),
                    float(np.median(iterations)),
                    spread(iterations),
                    float(np.median(costs)),
                    spread(costs),
                ]
            )
        print(f"  {name} done", flush=True)
    print_table(
        f"Stopping rules from the same k-means++ centres, seeds 0-{seeds[-1]} (fastkmeans's "
        f"threshold assumes k_e = k^{SHARING_CENTRES_POWER})",
        [
            "photo",
            "k",
            "sklearn stop step",
            "log_k k_e",
            "log_k k_e range",
            "iterations / sklearn's",
            "range",
            "cost / sklearn's",
            "range",
        ],
        rows,
    )
    print(
        f"  log_k k_e over photos and k (medians of seeds): {min(all_powers):.2f} to "
        f"{max(all_powers):.2f}, median {float(np.median(all_powers)):.2f} ('-': no centre "
        "moved at that update, as on gravel's 237 colours: both rules stop there)"
    )


if __name__ == "__main__":
    main()
