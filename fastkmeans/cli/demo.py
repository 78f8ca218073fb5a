"""``demo`` (the default command): segment a photo on all pixels and on a coreset, compare."""

from __future__ import annotations

import argparse
import importlib.resources
import os

import numpy as np

from .. import Segmentation
from ..image import palette_image, side_by_side
from . import files, images, parser
from .errors import UserError
from .output import json_text, quality_cells, segmentation_record, table
from .running import Segmenter

DEMO_DIR = "fastkmeans-demo"
DEMO_IMAGE = "coffee.png"
DEMO_CLUSTERS = 16
DEMO_CORESET = 1024
_STEMS = ("segmented_full", "segmented_coreset", "comparison", "palette")

NAME = "demo"
HELP = "segment the embedded photo on all pixels and on a coreset (the default)"
DESCRIPTION = (
    "Segment a photo into k colours on all pixels and on a coreset, write the segmented images, "
    "a side-by-side comparison and the palettes, and print a table."
)
EPILOG = """\
examples:
  python -m fastkmeans demo
  python -m fastkmeans demo -k 8 --coreset-size 512 --out /tmp/demo
  python -m fastkmeans demo --image photo.png --json

The files are PNG, or TIFF for a 16-bit colour or float image (PNG cannot hold those).
"""

_OPTIONS = parser.options()
_OPTIONS.add_argument(
    "-k",
    "--n-clusters",
    dest="k",
    type=parser.positive_int,
    default=DEMO_CLUSTERS,
    metavar="K",
    help=f"number of colours (default {DEMO_CLUSTERS})",
)
_OPTIONS.add_argument(
    "--coreset-size",
    type=parser.positive_int,
    default=DEMO_CORESET,
    metavar="M",
    help=f"coreset size (default {DEMO_CORESET})",
)
_OPTIONS.add_argument("--image", metavar="IN", help="use this image instead of the embedded photo")
_OPTIONS.add_argument(
    "--out",
    default=DEMO_DIR,
    metavar="DIR",
    help=f"output directory, created if needed; its demo files are replaced (default ./{DEMO_DIR})",
)

PARENTS = [_OPTIONS, parser.SEED, parser.JSON, parser.QUIET, parser.MAX_PIXELS]


def run(args: argparse.Namespace) -> None:
    image, name = _input_image(args.image, args.max_pixels)
    # PNG, or TIFF for an image PNG cannot hold (16-bit colour, float).
    suffix = ".png" if images.png_holds(image) else ".tif"
    paths = _output_paths(args.out, args.image, suffix)
    images.check_image_output(image, paths["segmented_full"], "--out")

    segmenter = Segmenter(seed=args.seed, quiet=args.quiet)
    segmenter.warm_up(image, args.k, args.coreset_size)  # the library checks the image first
    images.warn_if_inexact(image, paths["segmented_full"], "--out")
    full = segmenter.segment(image, args.k, None)
    small = segmenter.segment(image, args.k, args.coreset_size)

    outputs = {
        paths["segmented_full"]: full.image,
        paths["segmented_coreset"]: small.image,
        paths["comparison"]: side_by_side([image, full.image, small.image]),
        paths["palette"]: _palettes(image.dtype, full, small),
    }
    encoded = {path: images.encode_image(data, path, "--out") for path, data in outputs.items()}
    report = _report(args, name, image, full, small, list(outputs))  # before writing anything
    os.makedirs(args.out, exist_ok=True)
    files.write_files(encoded, force=True)  # the demo's own files are replaced
    print(report)


def _report(args, name: str, image, full: Segmentation, small: Segmentation, paths) -> str:
    rows = [("full", full), ("coreset", small)]
    if args.json:
        records = []
        for method, seg in rows:
            record = segmentation_record(seg, method)
            record["speed_up"] = full.time / seg.time
            records.append(record)
        return json_text(
            {
                "image": name,
                "shape": list(image.shape),
                "n_clusters": args.k,
                "coreset_size": args.coreset_size,
                "seed": args.seed,
                "results": records,
                "files": paths,
            }
        )
    height, width = image.shape[:2]
    header = ("method", "time (s)", "iterations", "inertia", "MSE", "PSNR (dB)", "SSIM", "speed-up")
    table_rows = []
    for method, seg in rows:
        note = "" if seg.coreset_size or method == "full" else " (exact summary)"
        inertia, mse, psnr, ssim = quality_cells(seg)
        speed_up = f"{full.time / seg.time:.2f}x"
        table_rows.append(
            (method + note, f"{seg.time:.3f}", str(seg.n_iter), inertia, mse, psnr, ssim, speed_up)
        )
    return (
        f"fastkmeans demo: {name}\n"
        f"{width}x{height} pixels, {full.n_colours:,} distinct colours, k={args.k}, "
        f"coreset of {args.coreset_size} colours, seed {args.seed}\n\n"
        f"{table(header, table_rows)}\n\n"
        f"wrote {', '.join(paths)}"
    )


def _input_image(path: str | None, max_pixels: int) -> tuple[np.ndarray, str]:
    """The image to segment and how to name it: ``path``'s, or the embedded photo."""
    if path is not None:
        return images.read_image(path, max_pixels), path
    resource = importlib.resources.files("fastkmeans").joinpath("data", DEMO_IMAGE)
    name = f"{DEMO_IMAGE} (embedded, CC0, photograph by Rachel Michetti)"
    return images.decode_png(resource.read_bytes()), name


def _output_paths(directory: str, source: str | None, suffix: str) -> dict[str, str]:
    """The demo's output files (``suffix`` files) in ``directory``, checked: none of them is
    the input."""
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise UserError(f"--out {directory!r} exists and is not a directory")
    parent = os.path.dirname(os.path.abspath(directory))
    if not os.path.isdir(parent):
        raise UserError(f"--out: directory {os.path.dirname(directory)!r} does not exist")
    paths = {stem: os.path.join(directory, stem + suffix) for stem in _STEMS}
    if source is not None and any(files.same_file(path, source) for path in paths.values()):
        raise UserError(
            f"--image {source!r} is one of the demo's outputs; the input is never "
            f"overwritten, choose another --out"
        )
    return paths


def _palettes(dtype: np.dtype, full: Segmentation, small: Segmentation) -> np.ndarray:
    """Both palettes as strips of swatches, largest cluster first, one above the other."""
    strip_full = palette_image(_by_size(full))
    strip_coreset = palette_image(_by_size(small))
    width = max(strip_full.shape[1], strip_coreset.shape[1])
    palettes = np.full(
        (2 * strip_full.shape[0] + 8, width) + strip_full.shape[2:],
        np.iinfo(dtype).max if dtype.kind == "u" else 1.0,
        dtype=dtype,
    )
    palettes[: strip_full.shape[0], : strip_full.shape[1]] = strip_full
    palettes[strip_full.shape[0] + 8 :, : strip_coreset.shape[1]] = strip_coreset
    return palettes


def _by_size(seg: Segmentation) -> np.ndarray:
    """The palette, its largest cluster (most pixels) first."""
    counts = np.bincount(seg.labels.ravel(), minlength=seg.palette.shape[0])
    return seg.palette[np.argsort(-counts, kind="stable")]
