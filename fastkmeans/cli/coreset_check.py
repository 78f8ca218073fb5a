"""``coreset-check``: build a coreset of a data file and print its distortion."""

from __future__ import annotations

import argparse
import time

import numpy as np

from .. import KMeans, lightweight_coreset, sensitivity_coreset, uniform_coreset
from ..testing import coreset_distortion
from . import parser, tables
from .output import Progress, json_number, number, print_json
from .running import warm_up_kmeans

NAME = "coreset-check"
HELP = "build a coreset of a data file and print its distortion"
DESCRIPTION = "Build a coreset of DATA and print its distortion."
EPILOG = """\
Builds a coreset of DATA and prints its distortion: the worst ratio, either way round, between
the coreset's cost and the data's cost over k-means solutions (fastkmeans.testing).

examples:
  python -m fastkmeans coreset-check points.npy -k 5 -m 400
  python -m fastkmeans coreset-check points.csv -k 10 -m 1000 --method uniform --json
"""

_OPTIONS = parser.options()
_OPTIONS.add_argument(
    "-m", "--size", type=parser.positive_int, required=True, metavar="M", help="coreset size"
)
_OPTIONS.add_argument(
    "--method",
    choices=("sensitivity", "lightweight", "uniform"),
    default="sensitivity",
    help="coreset construction (default sensitivity)",
)

PARENTS = [parser.INPUT_DATA, parser.N_CLUSTERS, parser.SEED, parser.JSON, parser.QUIET, _OPTIONS]


def run(args: argparse.Namespace) -> None:
    X = tables.load_data(args.data)
    # The measurement fits k-means on the coreset: compile that first, which also has the
    # library check X and k before the coreset is built.
    warm_up_kmeans(lambda: KMeans(args.k, random_state=args.seed), X, args.quiet)
    # One generator for the construction and the measurement, as a user's test would do.
    rng = np.random.default_rng(args.seed)
    message = f"building a {args.method} coreset of {args.size} points and measuring it"
    with Progress(message, enabled=not args.quiet):
        start = time.perf_counter()
        if args.method == "sensitivity":
            coreset = sensitivity_coreset(X, args.k, args.size, random_state=rng)
        elif args.method == "lightweight":
            coreset = lightweight_coreset(X, args.size, random_state=rng)
        else:
            coreset = uniform_coreset(X, args.size, random_state=rng)
        built = time.perf_counter() - start
        report = coreset_distortion(X, coreset, args.k, random_state=rng, details=True)
    distortion = float(report.distortion)
    size = int(coreset.points.shape[0])
    if args.json:
        print_json(
            {
                "data": args.data,
                "n_samples": X.shape[0],
                "n_features": X.shape[1],
                "k": args.k,
                "n_clusters": args.k,
                "method": args.method,
                "size": size,
                "requested_size": args.size,
                "build_time_s": built,
                "distortion": json_number(distortion),
                "worst_solution": report.solution,
                "cost_data": report.cost_data,
                "cost_coreset": report.cost_coreset,
                "n_solutions": report.n_solutions,
            }
        )
        return
    print(
        f"{args.data}: {X.shape[0]} x {X.shape[1]}, {args.method} coreset of "
        f"{size} points (asked {args.size}) for k={args.k}, built in {built:.3f} s"
    )
    print(
        f"distortion {number(distortion, 6)} (worst of {report.n_solutions} solutions: "
        f"{report.solution}; cost on data {report.cost_data:.6g}, on coreset "
        f"{report.cost_coreset:.6g})"
    )
