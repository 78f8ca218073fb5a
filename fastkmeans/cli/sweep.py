"""``sweep``: segment an image for several k, print a table and find the elbow."""

from __future__ import annotations

import argparse
import io
import os

from ..image import elbow_index
from . import files, images, parser
from .errors import UserError
from .output import json_text, quality_cells, segmentation_record, table
from .running import Segmenter

NAME = "sweep"
HELP = "segment an image for several k and find the elbow"
DESCRIPTION = (
    "Segment an image for each k and print inertia, MSE, PSNR, SSIM and time, marking the elbow "
    "of the inertia curve."
)
EPILOG = """\
One row per k with inertia, MSE, PSNR, SSIM and time; the elbow of the inertia curve is
marked. --plot needs matplotlib (pip install 'fastkmeans[plot]').

examples:
  python -m fastkmeans sweep photo.jpg --k 2,4,8,16,32
  python -m fastkmeans sweep photo.jpg --k 2,3,4,5,6,8 --plot elbow.png --json
"""

_VALUES_OF_K = parser.options()
_VALUES_OF_K.add_argument(
    "--k",
    dest="ks",
    type=parser.k_list,
    default=[2, 4, 8, 16, 32],
    metavar="K1,K2,...",
    help="values of k (default 2,4,8,16,32)",
)

_CORESET = parser.options()
_CORESET.add_argument(
    "--coreset-size",
    type=parser.positive_int,
    metavar="M",
    help="cluster sensitivity coresets of M weighted colours",
)

_PLOT = parser.options()
_PLOT.add_argument("--plot", metavar="FILE", help="save an elbow plot (needs matplotlib)")
_PLOT.add_argument("--force", action="store_true", help="replace an existing plot")

PARENTS = [
    parser.INPUT_IMAGE,
    _VALUES_OF_K,
    parser.SEED,
    parser.ITERATIONS,
    parser.JSON,
    parser.QUIET,
    _CORESET,
    parser.COLOR_SPACE,
    _PLOT,
    parser.MAX_PIXELS,
]


def run(args: argparse.Namespace) -> None:
    files.check_input(args.input, "input image")
    if args.plot is not None:
        files.check_outputs({"--plot": args.plot}, [args.input], args.force)
        _check_plot_format(args.plot)
    image = images.read_image(args.input, args.max_pixels)
    segmenter = Segmenter(
        color_space=args.color_space,
        seed=args.seed,
        max_iter=args.max_iter,
        tol=args.tol,
        quiet=args.quiet,
    )
    segmenter.warm_up(image, max(args.ks), args.coreset_size)
    results = [segmenter.segment(image, k, args.coreset_size) for k in args.ks]
    inertias = [seg.inertia for seg in results]
    elbow = elbow_index(args.ks, inertias)
    report = _report(args, image, results, elbow)  # before writing: a failing report writes nothing
    if args.plot is not None:
        title = os.path.basename(args.input)
        plot = _elbow_plot(args.ks, inertias, elbow, title, args.plot)
        files.write_files({args.plot: plot}, force=args.force)
    print(report)


def _report(args: argparse.Namespace, image, results: list, elbow: int | None) -> str:
    if args.json:
        return json_text(
            {
                "input": args.input,
                "shape": list(image.shape),
                "elbow_k": None if elbow is None else args.ks[elbow],
                "results": [segmentation_record(seg) for seg in results],
                "plot": args.plot,
            }
        )
    header = ("k", "inertia", "MSE", "PSNR (dB)", "SSIM", "time (s)", "")
    rows = [
        (str(k), *quality_cells(seg), f"{seg.time:.3f}", "<- elbow" if index == elbow else "")
        for index, (k, seg) in enumerate(zip(args.ks, results, strict=True))
    ]
    lines = [table(header, rows)]
    if elbow is None:
        lines.append("no elbow: give at least three values of k on a curve that bends")
    if args.plot is not None:
        lines.append(f"wrote {args.plot}")
    return "\n".join(lines)


# matplotlib is optional (the "plot" extra), so it is imported only when a plot is asked for.
# Figures are made without pyplot: no backend to select, no global figure registry.


def _figure_class():
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise UserError(
            "--plot needs matplotlib, which is not installed; "
            "install it with: pip install 'fastkmeans[plot]'"
        ) from None
    return Figure


def _check_plot_format(path: str) -> None:
    supported = _figure_class()().canvas.get_supported_filetypes()
    suffix = files.extension(path)
    if suffix.lstrip(".") not in supported:
        raise UserError(
            f"--plot {path!r}: unknown format {suffix!r}; "
            f"use one of {', '.join('.' + ext for ext in sorted(supported))}"
        )


def _elbow_plot(ks: list[int], inertias: list[float], elbow: int | None, title: str, path: str):
    """The inertia curve with its elbow circled, as the bytes of a file in ``path``'s format."""
    figure = _figure_class()(figsize=(6, 4))
    axis = figure.subplots()
    axis.plot(ks, inertias, marker="o")
    if elbow is not None:
        axis.plot([ks[elbow]], [inertias[elbow]], "o", color="red", ms=10, mfc="none")
        axis.annotate(f"elbow k={ks[elbow]}", (ks[elbow], inertias[elbow]))
    axis.set_xlabel("k (clusters)")
    axis.set_ylabel("inertia")
    axis.set_title(title)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=files.extension(path).lstrip("."), bbox_inches="tight")
    return buffer.getvalue()
