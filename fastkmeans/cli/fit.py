"""``fit``: cluster the rows of a data file and print (or save) the centres."""

from __future__ import annotations

import argparse
import time

from .. import KMeans
from . import files, parser, tables
from .output import Progress, json_text
from .running import warm_up_kmeans

NAME = "fit"
HELP = "cluster points from a .npy or .csv file"
DESCRIPTION = "Cluster the rows of DATA with k-means and print the result."
EPILOG = """\
DATA is a .npy array or a .csv file of numbers (one row per sample; the first line is a header
when every cell of it is a name; a missing value is an error naming its line).

examples:
  python -m fastkmeans fit points.csv -k 5
  python -m fastkmeans fit points.npy -k 50 --coreset-size 2000 -o centers.npy --json
"""

_OPTIONS = parser.options()
_OPTIONS.add_argument(
    "--coreset-size",
    type=parser.positive_int,
    metavar="M",
    help="fit on a sensitivity coreset of M points (the cost is still measured on all)",
)
_OPTIONS.add_argument(
    "-o", "--output", metavar="FILE", help="write the centres (.npy, .csv or .txt)"
)
_OPTIONS.add_argument("--force", action="store_true", help="replace an existing output")

PARENTS = [
    parser.INPUT_DATA,
    parser.N_CLUSTERS,
    parser.SEED,
    parser.ITERATIONS,
    parser.JSON,
    parser.QUIET,
    _OPTIONS,
]


def run(args: argparse.Namespace) -> None:
    files.check_input(args.data, "data file")
    if args.output is not None:
        files.check_outputs({"-o": args.output}, [args.data], args.force)
        tables.check_table_format(args.output, "-o")
    X = tables.load_data(args.data)

    def estimator() -> KMeans:
        # With coreset_size, KMeans fits a sensitivity coreset of X and then labels and costs
        # every row: inertia_ is the cost on all rows.
        return KMeans(
            args.k,
            coreset_size=args.coreset_size,
            max_iter=args.max_iter,
            tol=args.tol,
            random_state=args.seed,
        )

    warm_up_kmeans(estimator, X, args.quiet)  # the library checks X and the settings first
    message = f"fitting k={args.k} on {X.shape[0]} x {X.shape[1]} data"
    with Progress(message, enabled=not args.quiet):
        start = time.perf_counter()
        model = estimator().fit(X)
        elapsed = time.perf_counter() - start
    centers = model.cluster_centers_
    report = _report(args, X, model, elapsed)  # before writing: a report that fails writes nothing
    if args.output is not None:
        encoded = tables.encode_table(centers, args.output, "-o")
        files.write_files({args.output: encoded}, force=args.force)
    print(report)


def _report(args: argparse.Namespace, X, model: KMeans, elapsed: float) -> str:
    centers = model.cluster_centers_
    if args.json:
        return json_text(
            {
                "data": args.data,
                "n_samples": X.shape[0],
                "n_features": X.shape[1],
                "k": args.k,
                "n_clusters": args.k,
                "coreset_size": args.coreset_size,
                "time_s": elapsed,
                "n_iter": model.n_iter_,
                "converged": model.converged_,
                "inertia": model.inertia_,
                "centers": centers.tolist(),
                "output": args.output,
            }
        )
    where = f"a coreset of {args.coreset_size}" if args.coreset_size else "all rows"
    lines = [
        f"{args.data}: {X.shape[0]} x {X.shape[1]}, k={args.k} fitted on {where} in "
        f"{elapsed:.3f} s, {model.n_iter_} iterations"
        f"{'' if model.converged_ else ' (not converged)'}",
        f"inertia (all rows) {model.inertia_:.8g}",
    ]
    if centers.size <= 200:
        lines.append("centres:")
        lines.extend("  " + "  ".join(f"{value:.6g}" for value in row) for row in centers)
    if args.output is not None:
        lines.append(f"wrote {args.output}")
    return "\n".join(lines)
