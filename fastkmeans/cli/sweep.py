"""``sweep``: segment an image for several k, print a table and recommend k by a rule."""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import os
from typing import NamedTuple

import numpy as np

from .. import (
    Segmentation,
    calinski_harabasz_score,
    davies_bouldin_score,
    silhouette_score,
    simplified_silhouette,
)
from .._parallel import max_threads
from ..image import colour_summary, elbow_index, rgb_to_lab
from . import files, images, parser
from .errors import UserError, first_line
from .output import (
    Progress,
    StepProgress,
    json_text,
    quality_cells,
    segmentation_record,
    table,
)
from .running import Segmenter

NAME = "sweep"
HELP = "segment an image for several k and recommend one"
DESCRIPTION = (
    "Segment an image for each k; print inertia, MSE, PSNR, SSIM, silhouettes, Davies-Bouldin "
    "and Calinski-Harabasz indices, palette-PNG size and time, and recommend k by a rule."
)
EPILOG = """\
One row per k: inertia, MSE, PSNR, SSIM, the exact silhouette, the Davies-Bouldin (DB) and
Calinski-Harabasz (CH) indices of a sample of 10,000 pixels, the simplified silhouette of every
colour (against the centres), the size of the palette PNG and the time. --select picks k:
"elbow" (of the inertia curve, the default), "silhouette" or "calinski-harabasz" (the
highest), "davies-bouldin" (the lowest), "psnr:32" or "ssim:0.95" (the smallest k that reaches
it), "size:200KB" (the best PSNR whose palette PNG fits). --plot needs matplotlib
(pip install 'fastkmeans[plot]').

examples:
  python -m fastkmeans sweep photo.jpg --k 2,4,8,16,32
  python -m fastkmeans sweep photo.jpg --k 2,4,8,16,32,64 --select psnr:32
  python -m fastkmeans sweep photo.jpg --select size:200KB --plot elbow.png --json
"""
# Pixels in the exact silhouette's sample: its cost grows with the square of it.
SILHOUETTE_SAMPLE = 10_000

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

_SELECT = parser.options()
_SELECT.add_argument(
    "--select",
    type=parser.select_rule,
    default=("elbow", None),
    metavar="RULE",
    help=(
        "how to recommend k: elbow, silhouette, davies-bouldin, calinski-harabasz, psnr:DB, "
        "ssim:S or size:BYTES"
    ),
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
    _SELECT,
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
    with Progress("summarising the colours", enabled=not args.quiet):
        summary = colour_summary(image)
    scores = _Scores(image, args.color_space, args.seed, summary)
    n_ks = len(args.ks)
    results, rows, sizes = [None] * n_ks, [None] * n_ks, [None] * n_ks
    # The palette PNGs are encoded on worker threads (the encoder releases the GIL) while the
    # next k is segmented and scored: the encodes are the sweep's longest part. The largest k
    # goes first, so that its encode (the longest) overlaps the most work; each k's figures do
    # not depend on the order.
    # Only a few segmentations are held at a time (those being encoded, and the current one);
    # each k keeps its figures (_Figures), not its images.
    order = sorted(range(n_ks), key=lambda index: args.ks[index], reverse=True)
    progress = StepProgress("sweep", n_ks, enabled=not args.quiet)
    with _Encoders() as encoders:
        for index in order:
            k = args.ks[index]
            encoders.wait_for_room()
            seg = segmenter.segment(image, k, args.coreset_size, summary)
            sizes[index] = encoders.submit(_png_bytes, seg)
            rows[index] = scores.of(seg)
            results[index] = _Figures.of(seg)
            del seg
            progress.step_done(f"k={k}")
        with Progress("encoding the palette PNGs", enabled=not args.quiet):
            for row, size in zip(rows, sizes, strict=True):
                row["png_bytes"] = size.result()
    elbow = elbow_index(args.ks, [seg.inertia for seg in results])
    selected = select(args.select, args.ks, results, rows, elbow)
    report = _report(args, image, results, rows, elbow, selected)  # before writing anything
    if args.plot is not None:
        title = os.path.basename(args.input)
        plot = _elbow_plot(args.ks, [seg.inertia for seg in results], elbow, selected, title, args)
        files.write_files({args.plot: plot}, force=args.force)
    print(report)


class _Scores:
    """The per-k figures beyond the segmentation's own: the silhouettes (the palette-PNG
    size is measured apart, see ``run``)."""

    def __init__(self, image: np.ndarray, color_space: str, seed: int, summary):
        channels = image.reshape(image.shape[0] * image.shape[1], -1)
        n_colour = 1 if channels.shape[1] in (1, 2) else 3  # alpha is not clustered
        n_pixels = channels.shape[0]
        # A uniform sample without replacement, drawn without permuting every pixel (0.1 s on
        # 8.6 MP).
        self.sample = np.random.default_rng(seed).choice(
            n_pixels, min(n_pixels, SILHOUETTE_SAMPLE), replace=False
        )
        self.sampled = self._in_space(channels[self.sample, :n_colour], color_space)
        self.colours = self._in_space(summary.colours, color_space)
        self.counts = summary.counts.astype(np.float64)

    @staticmethod
    def _in_space(colours: np.ndarray, color_space: str) -> np.ndarray:
        """Colours as points of the clustering space (as segment_image clusters them)."""
        if color_space == "rgb":
            return colours.astype(np.float64)
        top = float(np.iinfo(colours.dtype).max) if colours.dtype.kind == "u" else 1.0
        return np.ascontiguousarray(rgb_to_lab(colours / top))

    def of(self, seg: Segmentation) -> dict:
        labels = seg.labels.reshape(-1)[self.sample]
        few = len(np.unique(labels)) < 2 or len(np.unique(labels)) >= len(labels)
        return {
            "silhouette": None if few else silhouette_score(self.sampled, labels),
            "davies_bouldin": None if few else davies_bouldin_score(self.sampled, labels),
            "calinski_harabasz": None if few else calinski_harabasz_score(self.sampled, labels),
            "simplified_silhouette": (
                simplified_silhouette(self.colours, seg.centers, sample_weight=self.counts)
                if seg.n_clusters >= 2
                else None
            ),
        }


class _Figures(NamedTuple):
    """What the report needs of one k's segmentation (its attributes' names), without its
    images: a sweep of a large photo would otherwise hold every k's labels and image."""

    n_clusters: int
    n_colours: int
    coreset_size: int | None
    color_space: str
    time: float
    n_iter: int
    converged: bool
    inertia: float
    mse: float
    psnr: float
    ssim: float

    @classmethod
    def of(cls, seg: Segmentation) -> _Figures:
        return cls(*(getattr(seg, name) for name in cls._fields))


class _Encoders(concurrent.futures.ThreadPoolExecutor):
    """One encoding thread per thread of the library's passes, at most four (each queued or
    running encode holds a segmentation: about 7 bytes per pixel); leaving on an error (or
    Ctrl-C) drops the encodes not yet started instead of waiting for them."""

    MAX_WORKERS = 4

    def __init__(self):
        self._workers = max(1, min(max_threads(), self.MAX_WORKERS))
        self._pending: list[concurrent.futures.Future] = []
        super().__init__(max_workers=self._workers, thread_name_prefix="fastkmeans-png")

    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        self._pending.append(future)
        return future

    def wait_for_room(self) -> None:
        """Wait until fewer encodes than workers are queued or running (each holds its
        segmentation)."""
        self._pending = [future for future in self._pending if not future.done()]
        while len(self._pending) >= self._workers:
            concurrent.futures.wait(self._pending, return_when=concurrent.futures.FIRST_COMPLETED)
            self._pending = [future for future in self._pending if not future.done()]

    def __exit__(self, exc_type, exc_value, traceback):
        self.shutdown(wait=True, cancel_futures=exc_type is not None)
        return False


def _png_bytes(seg: Segmentation) -> int | None:
    try:
        return len(seg.encode(".png"))
    except ValueError:  # a 16-bit colour segmentation: no PNG holds it
        return None


def select(rule, ks: list[int], results: list, rows: list[dict], elbow: int | None):
    """Index of the k the rule recommends, or None when no k meets it."""
    name, threshold = rule
    candidates = range(len(ks))
    if name == "elbow":
        return elbow
    if name in ("silhouette", "davies-bouldin", "calinski-harabasz"):
        key = name.replace("-", "_")
        scored = [i for i in candidates if rows[i][key] is not None]
        best = min if name == "davies-bouldin" else max  # Davies-Bouldin: lower is better
        return best(scored, key=lambda i: rows[i][key]) if scored else None
    if name in ("psnr", "ssim"):
        met = [i for i in candidates if getattr(results[i], name) >= threshold]
        return min(met, key=lambda i: ks[i]) if met else None
    fitting = [i for i in candidates if (rows[i]["png_bytes"] or np.inf) <= threshold]
    return max(fitting, key=lambda i: results[i].psnr) if fitting else None


def _rule_text(rule) -> str:
    name, threshold = rule
    if threshold is None:
        return name
    if name == "size":  # in bytes, whole: 1MiB is size:1048576, not size:1.04858e+06
        return f"size:{threshold:.0f}" if threshold == round(threshold) else f"size:{threshold}"
    return f"{name}:{threshold:g}"


def _report(args, image, results: list, rows: list, elbow: int | None, selected: int | None):
    rule = _rule_text(args.select)
    if args.json:
        records = []
        for k, seg, row in zip(args.ks, results, rows, strict=True):
            # k as asked: n_clusters is what the image allowed (fewer for few colours).
            records.append({"k": k, **segmentation_record(seg), **row})
        return json_text(
            {
                "input": args.input,
                "shape": list(image.shape),
                "elbow_k": None if elbow is None else args.ks[elbow],
                "select": rule,
                "selected_k": None if selected is None else args.ks[selected],
                "results": records,
                "plot": args.plot,
            }
        )
    header = (
        "k",
        "inertia",
        "MSE",
        "PSNR (dB)",
        "SSIM",
        "silh.",
        "DB",
        "CH",
        "simpl.",
        "PNG B",
        "time (s)",
        "",
    )
    table_rows = []
    for index, (k, seg, row) in enumerate(zip(args.ks, results, rows, strict=True)):
        marks = [m for m, i in (("elbow", elbow), ("selected", selected)) if i == index]
        if args.select[0] == "elbow":
            marks = marks[:1]  # the elbow is the selection
        table_rows.append(
            (
                str(k),
                *quality_cells(seg),
                _cell(row["silhouette"], "{:.4f}"),
                _cell(row["davies_bouldin"], "{:.4f}"),
                _cell(row["calinski_harabasz"], "{:,.0f}"),
                _cell(row["simplified_silhouette"], "{:.4f}"),
                _cell(row["png_bytes"], "{:,}"),
                f"{seg.time:.3f}",
                "<- " + ", ".join(marks) if marks else "",
            )
        )
    lines = [table(header, table_rows)]
    if elbow is None:
        lines.append("no elbow: give at least three values of k on a curve that bends")
    if selected is None:
        lines.append(f"no k meets --select {rule}")
    else:
        lines.append(f"selected k={args.ks[selected]} by --select {rule}")
    if args.plot is not None:
        lines.append(f"wrote {args.plot}")
    return "\n".join(lines)


def _cell(value, template: str) -> str:
    return "-" if value is None else template.format(value)


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
    # Some formats need more than matplotlib (.pgf runs LaTeX): draw a tiny figure now rather
    # than fail after the sweep.
    _saved_figure(_figure_class()(figsize=(1, 1)), path)


def _saved_figure(figure, path: str) -> bytes:
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format=files.extension(path).lstrip("."), bbox_inches="tight")
    except Exception as exc:  # matplotlib's backends raise many types (LaTeX missing, ...)
        raise UserError(
            f"--plot {path!r}: matplotlib cannot write {files.extension(path)} here "
            f"({first_line(exc)}); use .png or .svg"
        ) from None
    return buffer.getvalue()


def _elbow_plot(ks, inertias, elbow, selected, title: str, args) -> bytes:
    """The inertia curve with its elbow circled and the selected k marked, as the bytes of a
    file in ``--plot``'s format."""
    path = args.plot
    figure = _figure_class()(figsize=(6, 4))
    axis = figure.subplots()
    axis.plot(ks, inertias, marker="o")
    if elbow is not None:
        axis.plot([ks[elbow]], [inertias[elbow]], "o", color="red", ms=10, mfc="none")
        axis.annotate(f"elbow k={ks[elbow]}", (ks[elbow], inertias[elbow]))
    if selected is not None:
        axis.axvline(ks[selected], color="green", linestyle="--")
        axis.annotate(
            f"selected k={ks[selected]} ({_rule_text(args.select)})",
            (ks[selected], max(inertias)),
            color="green",
        )
    axis.set_xlabel("k (clusters)")
    axis.set_ylabel("inertia")
    axis.set_title(title)
    return _saved_figure(figure, path)
