"""segment_image on a Dask image: per-chunk exact colour summaries merged exactly."""

from __future__ import annotations

import time

import dask
import dask.array as da
import numpy as np

from .._colour import ColourSummary, from_space, max_value, summarise_colours, to_space
from .._image_quality import KnownQuality
from .._parallel import reduce_tree, thread_limit
from .._steps import labels_and_inertia
from .._validation import (
    Weights,
    check_random_state,
)
from .._validation_image import check_image, check_segment_settings
from ..image import Segmentation, _summary_mse, cluster_colours
from ..metrics import _psnr


def segment_image(
    image,
    n_clusters: int,
    *,
    coreset_size: int | None = None,
    color_space: str = "rgb",
    random_state=None,
    max_iter: int = 300,
    tol: float = 1e-4,
    quality: bool = True,
) -> Segmentation:
    """Segment a Dask image (e.g. a gigapixel scan in a zarr store) into colour regions.

    Each chunk is reduced to its exact colour summary (distinct colours with pixel counts) on
    the workers; the summaries are merged exactly (equal colours' counts added) in the fixed
    tree, which gives the whole image's summary, a lossless weighted coreset. It is clustered
    in the client exactly as :func:`fastkmeans.segment_image` clusters it, so palette,
    centres, inertia and labels are those of the in-memory function on the same pixels with
    the same ``random_state``. The segmented image and the labels come out lazy.

    Parameters
    ----------
    image : dask array (or array-like) of shape (H, W) or (H, W, C)
        uint8, uint16, float32 or float64 (floats in [0, 1]); C = 1 grey, 2 grey + alpha,
        3 RGB, 4 RGBA; the channel axis in one chunk. Chunks are checked as they are read.
    n_clusters, coreset_size, color_space, random_state, max_iter, tol
        As :func:`fastkmeans.segment_image`.
    quality : bool, default=True
        MSE and PSNR of the segmented image, computed from the colour summary (no pass over
        the pixels); SSIM, which needs pixel neighbourhoods, is not computed (None).

    Returns
    -------
    Segmentation
        ``image`` (the input's shape, dtype and chunks) and ``labels`` ((H, W) int32) are dask
        arrays; ``timings["assign"]`` is 0 (nothing is painted until they are computed).

    Examples
    --------
    >>> import dask.array as da
    >>> import numpy as np
    >>> from fastkmeans.dask import segment_image
    >>> image = np.zeros((4, 6, 3), dtype=np.uint8)
    >>> image[:, 3:] = [200, 10, 10]
    >>> seg = segment_image(da.from_array(image, chunks=(2, 3, 3)), 2, random_state=0)
    >>> sorted(seg.palette.tolist())
    [[0, 0, 0], [200, 10, 10]]
    >>> seg.labels.compute()[0].tolist() == [seg.labels[0, 0].compute()] * 3 + [
    ...     seg.labels[0, 5].compute()] * 3
    True
    """
    image = _check_dask_image(image)
    n_clusters, color_space, coreset_size, max_iter, tol = check_segment_settings(
        n_clusters, color_space, coreset_size, max_iter, tol, quality=quality
    )
    rng = check_random_state(random_state)

    start = time.perf_counter()
    summary = _merged_summary(image)
    summary_time = time.perf_counter() - start
    start = time.perf_counter()
    clustering = cluster_colours(
        summary, n_clusters, color_space, coreset_size, max_iter, tol, rng, stacklevel=3
    )
    model = clustering.model
    palette = from_space(model.cluster_centers_, color_space, image.dtype)
    fit_time = time.perf_counter() - start
    centers = np.ascontiguousarray(model.cluster_centers_, dtype=np.float64)
    labels = image.map_blocks(
        _labels_block,
        centers,
        color_space,
        dtype=np.int32,
        drop_axis=2 if image.ndim == 3 else None,
    )
    if image.ndim == 3:
        segmented = image.map_blocks(_palette_block, labels[..., None], palette, dtype=image.dtype)
    else:
        segmented = image.map_blocks(_palette_block, labels, palette, dtype=image.dtype)
    start = time.perf_counter()
    mse_value = psnr_value = None
    if quality:
        mse_value = _summary_mse(summary, palette, clustering.colour_labels)
        psnr_value = _psnr(mse_value, max_value(image.dtype))
    return Segmentation(
        image=segmented,
        labels=labels,
        palette=palette,
        centers=centers,
        inertia=float(model.inertia_),
        n_clusters=int(clustering.n_clusters),
        n_colors=int(summary.colours.shape[0]),
        n_iter=int(model.n_iter_),
        converged=bool(model.converged_),
        color_space=color_space,
        coreset_size=coreset_size if model._fitted_on_coreset else None,
        dithered=False,
        timings={
            "summary": summary_time,
            "fit": fit_time,
            "assign": 0.0,
            "quality": time.perf_counter() - start,
        },
        _quality=KnownQuality(mse_value, psnr_value, None),
    )


def _check_dask_image(image) -> da.Array:
    """A 2-D or 3-D Dask image of a supported dtype, its channels in one chunk."""
    if not isinstance(image, da.Array):
        image = check_image(image)
        return da.from_array(image, chunks=("auto", "auto", -1)[: image.ndim])
    if image.ndim not in (2, 3):
        raise ValueError(f"image must be 2-D or 3-D, got a Dask array of shape {image.shape}")
    if image.shape[0] == 0 or image.shape[1] == 0:
        raise ValueError(f"image must not be empty, got shape {image.shape}")
    if image.ndim == 3 and len(image.chunks[2]) != 1:
        raise ValueError(
            f"image is chunked along its channels ({image.chunks[2]}); every chunk must hold "
            f"whole pixels: use image.rechunk({{2: -1}})"
        )
    # The dtype, channel count and value range are checked per chunk (check_image) on a
    # zero-size sample here, and on every chunk when it is read.
    check_image(np.zeros((1, 1, *image.shape[2:]), dtype=image.dtype))
    return image


def _chunk_name(rows: tuple[int, int], columns: tuple[int, int]) -> str:
    return (
        f"image (chunk at rows {rows[0]} to {rows[1] - 1}, "
        f"columns {columns[0]} to {columns[1] - 1})"
    )


def _chunk_summary(block, name: str) -> ColourSummary:
    with thread_limit(1):
        summary = summarise_colours(check_image(block, name), n_blocks=1)
    return ColourSummary(summary.colours, summary.counts, None)


def _merge_summaries(left: ColourSummary, right: ColourSummary, node: int) -> ColourSummary:
    """The exact union of two colour summaries: counts of equal colours added, colours sorted."""
    colours = np.concatenate([left.colours, right.colours])
    counts = np.concatenate([left.counts, right.counts])
    unique, inverse = np.unique(colours, axis=0, return_inverse=True)
    merged = np.bincount(inverse.reshape(-1), weights=counts, minlength=unique.shape[0])
    return ColourSummary(np.ascontiguousarray(unique), merged.astype(np.int64), None)


def _merged_summary(image: da.Array) -> ColourSummary:
    """The whole image's colour summary (without ``inverse``): one pass, merged in the tree."""
    blocks = image.to_delayed().reshape(len(image.chunks[0]), len(image.chunks[1]))
    row_edges, column_edges = (np.cumsum((0, *sizes)).tolist() for sizes in image.chunks[:2])
    leaves = [
        dask.delayed(_chunk_summary, pure=True)(
            blocks[i, j], _chunk_name(row_edges[i : i + 2], column_edges[j : j + 2])
        )
        for i in range(blocks.shape[0])
        for j in range(blocks.shape[1])
        if image.chunks[0][i] and image.chunks[1][j]  # an empty chunk has no colours
    ]
    merge = dask.delayed(_merge_summaries, pure=True)
    (summary,) = dask.compute(reduce_tree(leaves, lambda a, b, node: merge(a, b, node)))
    return summary


def _labels_block(block, centers, color_space, block_info=None) -> np.ndarray:
    """Each pixel's cluster: the nearest centre of its colour (as the in-memory labels)."""
    if block.shape[0] == 0 or block.shape[1] == 0:
        return np.zeros(block.shape[:2], dtype=np.int32)
    with thread_limit(1):
        rows, columns = block_info[0]["array-location"][:2]
        summary = summarise_colours(check_image(block, _chunk_name(rows, columns)), n_blocks=1)
        points = to_space(summary.colours, color_space)
        colour_labels, _ = labels_and_inertia(
            points, Weights.ones(points.shape[0]), centers.astype(points.dtype)
        )
    return colour_labels[summary.inverse].reshape(block.shape[:2])


def _palette_block(block, labels, palette) -> np.ndarray:
    """The segmented chunk: palette colours on the colour channels, alpha copied."""
    out = np.array(block, copy=True)
    if block.ndim == 2:
        out[...] = palette[labels, 0]
    else:
        out[..., : palette.shape[1]] = palette[labels[..., 0]]
    return out
