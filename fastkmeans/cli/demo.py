"""``demo`` (the default command): segment a photo on all pixels and on a coreset, compare."""

from __future__ import annotations

import argparse
import importlib.resources
import os

import numpy as np

from .. import Segmentation
from .._palette_file import png_holds
from ..image import palette_image
from . import files, images, parser
from .errors import UserError
from .output import decibels, json_text, quality_cells, segmentation_record, table
from .pictures import captioned_side_by_side
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
    image, name, input_bytes = _input_image(args.image, args.max_pixels)
    # PNG, or TIFF for an image PNG cannot hold (16-bit colour, float).
    suffix = ".png" if png_holds(image) else ".tif"
    paths = _output_paths(args.out, args.image, suffix)
    images.check_image_output(image, paths["segmented_full"], "--out")

    segmenter = Segmenter(seed=args.seed, quiet=args.quiet)
    segmenter.warm_up(image, args.k, args.coreset_size)  # the library checks the image first
    runs = {
        "full": segmenter.segment(image, args.k, None),
        "coreset": segmenter.segment(image, args.k, args.coreset_size),
    }

    stems = {"full": "segmented_full", "coreset": "segmented_coreset"}
    written = {
        method: images.encode_segmentation(seg, paths[stems[method]], "--out")
        for method, seg in runs.items()
    }
    encoded = {paths[stems[method]]: result.data for method, result in written.items()}
    input_is_png = args.image is None or files.extension(args.image) == ".png"
    sizes = {
        method: images.size_record(
            input_bytes, input_is_png, image, len(encoded[paths[stems[method]]])
        )
        for method in runs
    }
    captions = [_input_caption(image, input_bytes, name)] + [
        _caption(method, seg, sizes[method]) for method, seg in runs.items()
    ]
    pictures = {
        paths["comparison"]: captioned_side_by_side(
            [image, runs["full"].image, runs["coreset"].image], captions
        ),
        paths["palette"]: _palettes(image.dtype, runs["full"], runs["coreset"]),
    }
    for path, picture in pictures.items():
        encoded[path] = images.encode_image(picture, path, "--out")
    kind = "palette" if written["full"].indexed else "truecolour"
    # Rendered before anything is written: a report that fails writes nothing.
    report = _report(args, name, image, runs, sizes, kind, list(paths.values()))
    os.makedirs(args.out, exist_ok=True)
    files.write_files(encoded, force=True)  # the demo's own files are replaced
    print(report)


def _input_caption(image: np.ndarray, input_bytes: int, name: str) -> str:
    height, width = image.shape[:2]
    file_name = os.path.basename(name.split(" (")[0])
    return f"original: {file_name}\n{width} x {height}, {_kilobytes(input_bytes)}"


def _caption(method: str, seg: Segmentation, sizes: dict) -> str:
    where = "all pixels" if method == "full" else f"coreset of {seg.coreset_size}"
    return (
        f"k-means on {where}, k={seg.n_clusters}\n"
        f"PSNR {decibels(seg.psnr)} dB, {_kilobytes(sizes['output_bytes'])}"
    )


def _kilobytes(n_bytes: int) -> str:
    return f"{n_bytes:,} B" if n_bytes < 10_000 else f"{n_bytes / 1000:,.1f} kB"


def _report(args, name: str, image, runs: dict, sizes: dict, kind: str, paths) -> str:
    full = runs["full"]
    if args.json:
        records = []
        for method, seg in runs.items():
            record = segmentation_record(seg, method)
            record["speed_up"] = full.time / seg.time
            record.update(sizes[method])
            records.append(record)
        return json_text(
            {
                "image": name,
                "shape": list(image.shape),
                "k": args.k,
                "n_clusters": args.k,  # as asked, as before "k" existed (results: as found)
                "coreset_size": args.coreset_size,
                "seed": args.seed,
                "results": records,
                "files": paths,
            }
        )
    height, width = image.shape[:2]
    header = (
        "method",
        "time (s)",
        "iterations",
        "inertia",
        "MSE",
        "PSNR (dB)",
        "SSIM",
        "bytes",
        "bits/pixel",
        "speed-up",
    )
    table_rows = []
    for method, seg in runs.items():
        note = "" if seg.coreset_size or method == "full" else " (exact summary)"
        inertia, mse, psnr, ssim = quality_cells(seg)
        size = sizes[method]
        table_rows.append(
            (
                method + note,
                f"{seg.time:.3f}",
                str(seg.n_iter),
                inertia,
                mse,
                psnr,
                ssim,
                f"{size['output_bytes']:,}",
                f"{size['bits_per_pixel']:.2f}",
                f"{full.time / seg.time:.2f}x",
            )
        )
    size = sizes["full"]
    against_png = (
        ""
        if size["png_bytes"] is None or size["png_bytes"] == size["input_bytes"]
        else f", lossless PNG {size['png_bytes']:,} B"
    )
    ratio = size["compression_ratio"]
    versus = f"{ratio:.1f}x smaller than" if ratio >= 1 else f"{1 / ratio:.1f}x the size of"
    return (
        f"fastkmeans demo: {name}\n"
        f"{width}x{height} pixels, {full.n_colours:,} distinct colours, k={args.k}, "
        f"coreset of {args.coreset_size} colours, seed {args.seed}\n\n"
        f"{table(header, table_rows)}\n\n"
        f"sizes: input {size['input_bytes']:,} B{against_png}; the segmented images are "
        f"{kind} files, {versus} the input (all pixels)\n"
        f"wrote {', '.join(paths)}"
    )


def _input_image(path: str | None, max_pixels: int) -> tuple[np.ndarray, str, int]:
    """The image to segment, how to name it, and its file's size: ``path``'s, or the
    embedded photo's."""
    if path is not None:
        return images.read_image(path, max_pixels), path, os.path.getsize(path)
    resource = importlib.resources.files("fastkmeans").joinpath("data", DEMO_IMAGE)
    name = f"{DEMO_IMAGE} (embedded, CC0, photograph by Rachel Michetti)"
    data = resource.read_bytes()
    return images.decode_png(data), name, len(data)


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
