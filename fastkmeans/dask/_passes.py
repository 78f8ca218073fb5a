"""Dask input, and one pass over it: a task per chunk, partial results reduced in a fixed tree.

A pass runs a list of *parts* on every chunk (in one task per chunk, so the chunk is read once)
and reduces their results with :func:`fastkmeans._parallel.reduce_tree`: numbers and arrays
are added, objects with a ``combine`` method (a coreset, candidate points) combine themselves.
The tree's shape and order depend only on the number of chunks, so for a given chunking the
result is bitwise identical whatever the number of workers and wherever the tasks ran. Tasks
call the kernels on one Numba thread: a worker's thread does its own task's work, and workers
sharing a machine do not oversubscribe its cores.
"""

from __future__ import annotations

from typing import NamedTuple

import dask
import dask.array as da
import numpy as np

from .._parallel import block_bounds, reduce_tree, thread_limit
from .._scaling import data_exponent, max_abs, safe_range
from .._validation import Weights, check_array, check_sample_weight

# Weights are stored as given on the workers, so their sums stay in float64's range only
# within the in-memory code's unscaled range (see fastkmeans._validation.Weights).
_WEIGHT_RANGE = (2.0**-256, 2.0**256)


class ChunkInfo(NamedTuple):
    """Where a chunk lies: its index and its rows ``start:stop`` in the whole array."""

    index: int
    start: int
    stop: int

    def name(self, what: str = "X") -> str:
        return f"{what} (chunk {self.index}, rows {self.start} to {self.stop - 1})"


class Data(NamedTuple):
    """Validated Dask input: rows of one dtype chunked along rows only, and their weights."""

    X: da.Array  # (n, d) float32 or float64, one chunk along columns
    weights: da.Array | None  # (n,) float64 chunked like X's rows; None: every weight is 1

    @property
    def chunks(self) -> list[ChunkInfo]:
        stops = np.cumsum(self.X.chunks[0])
        return [
            ChunkInfo(i, int(stop - size), int(stop))
            for i, (stop, size) in enumerate(zip(stops, self.X.chunks[0], strict=True))
        ]


def check_dask_array(X, name: str = "X") -> da.Array:
    """A 2-D float32/float64 Dask array chunked along rows only (numpy input is wrapped).

    Values are checked chunk by chunk in the first pass over the data (:func:`chunk_input`).
    """
    if not isinstance(X, da.Array):
        X = check_array(X, name)
        return da.from_array(X, chunks=("auto", -1))
    if X.ndim != 2:
        hint = (
            f"; use {name}.reshape(-1, 1) for one feature or {name}.reshape(1, -1) for one sample"
            if X.ndim == 1
            else ""
        )
        raise ValueError(f"{name} must be 2-D, got a Dask array of shape {X.shape}{hint}")
    if any(np.isnan(size) for sizes in X.chunks for size in sizes):
        raise ValueError(
            f"{name} has unknown chunk sizes {X.chunks}; call {name}.compute_chunk_sizes() first"
        )
    if X.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {X.shape}")
    if len(X.chunks[1]) != 1:
        raise ValueError(
            f"{name} is chunked along columns (column chunks {X.chunks[1]}); every chunk must "
            f"hold whole rows: use {name}.rechunk({{1: -1}})"
        )
    if X.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must hold real numbers, got dtype {X.dtype}; "
            f"convert it first, e.g. {name}.astype(np.float64)"
        )
    if X.dtype not in (np.float32, np.float64):
        X = X.astype(np.float64)
    return X


def check_dask_weights(sample_weight, X: da.Array) -> da.Array | None:
    """Weights chunked like X's rows (None when every weight is 1); values checked per chunk."""
    if sample_weight is None:
        return None
    if not isinstance(sample_weight, da.Array):
        weights = check_sample_weight(sample_weight, X.shape[0])
        return None if weights.unit else da.from_array(weights.values, chunks=(X.chunks[0],))
    if sample_weight.ndim != 1 or sample_weight.shape[0] != X.shape[0]:
        raise ValueError(
            f"sample_weight must have shape ({X.shape[0]},) to match X, "
            f"got shape {sample_weight.shape}"
        )
    if any(np.isnan(size) for size in sample_weight.chunks[0]):
        raise ValueError(
            f"sample_weight has unknown chunk sizes {sample_weight.chunks}; call "
            f"sample_weight.compute_chunk_sizes() first"
        )
    if sample_weight.chunks[0] != X.chunks[0]:
        # One float per row: cheap to move to X's chunks (a numpy X was chunked here).
        sample_weight = sample_weight.rechunk((X.chunks[0],))
    if sample_weight.dtype.kind not in "biuf":
        raise TypeError(f"sample_weight must hold real numbers, got dtype {sample_weight.dtype}")
    return sample_weight.astype(np.float64)


def chunk_input(block, block_weights, info: ChunkInfo, dtype, check: bool):
    """A chunk's rows (C-contiguous, ``dtype``) and weights; values checked when ``check``."""
    if check and block.shape[0]:
        X = check_array(block, info.name(), dtype=dtype)
    else:
        X = np.ascontiguousarray(block, dtype=dtype)
    if block_weights is None:
        return X, Weights.ones(X.shape[0])
    if check:
        name = info.name("sample_weight")
        check_sample_weight(
            block_weights, X.shape[0], name=name, allow_all_zero=True, first_row=info.start
        )
    # As given: a chunk rescaling its own weights (as in memory) would add sums in other units.
    return X, Weights.unscaled(block_weights)


def chunk_bounds(X: np.ndarray, n_clusters: int) -> np.ndarray:
    """The chunk's own fixed blocks (as the in-memory drivers would split it)."""
    return block_bounds(X.shape[0], n_clusters * (X.shape[1] + 1))


class Largest(NamedTuple):
    """A largest value over the chunks (combines by max)."""

    value: float

    def combine(self, other: Largest, node: int) -> Largest:
        return Largest(max(self.value, other.value))


def _tally(X: np.ndarray, weights: Weights, info: ChunkInfo) -> dict:
    """What the first pass learns: the weights' total, the rows carrying some, and the
    largest weight and coordinate (whose range the client checks)."""
    largest_weight = 1.0 if weights.unit else float(weights.values.max(initial=0.0))
    return {
        "total": weights.total,
        "n_positive": weights.n_positive,
        "largest_weight": Largest(largest_weight),
        "magnitude": Largest(max_abs(X) if X.size else 0.0),
    }


def _chunk_task(block, block_weights, info: ChunkInfo, dtype, check: bool, parts) -> dict:
    with thread_limit(1):
        X, weights = chunk_input(block, block_weights, info, dtype, check)
        result = {}
        for part, args in parts:
            result.update(part(X, weights, info, *args))
        return result


def _combine(left: dict, right: dict, node: int) -> dict:
    with thread_limit(1):
        return {key: _combine_value(value, right[key], node) for key, value in left.items()}


def _combine_value(left, right, node: int):
    """Numbers and arrays add up; other results (coresets, candidates) combine themselves."""
    return left.combine(right, node) if hasattr(left, "combine") else left + right


class PassRunner:
    """Runs passes over one Data on the active scheduler; counts them; the first one validates.

    A *part* is ``(function, args)``: ``function(X, weights, info, *args) -> dict`` runs on
    every validated chunk. The first pass also totals the weights and checks every value.
    """

    def __init__(self, data: Data, n_clusters: int = 1, centers: np.ndarray | None = None):
        self.data = data
        self.n_clusters = n_clusters  # at most the rows of positive weight
        # Given centres' magnitude counts in the range check as the data's does.
        self.centers_magnitude = 0.0 if centers is None else max_abs(centers)
        self.n_passes = 0
        self.total: float | None = None  # sum of the weights, after the first pass
        self.n_positive: int | None = None
        self._blocks = data.X.to_delayed().ravel().tolist()
        if data.weights is None:
            self._weight_blocks = [None] * len(self._blocks)
        else:
            self._weight_blocks = data.weights.to_delayed().ravel().tolist()

    def run(self, *parts) -> dict:
        """One pass: every part on every chunk, reduced in the fixed tree."""
        check = self.n_passes == 0
        if check:
            parts = ((_tally, ()), *parts)
        task = dask.delayed(_chunk_task, pure=True)
        combine = dask.delayed(_combine, pure=True)
        leaves = [
            task(block, weights, info, self.data.X.dtype, check, parts)
            for block, weights, info in zip(
                self._blocks, self._weight_blocks, self.data.chunks, strict=True
            )
        ]
        root = reduce_tree(leaves, lambda left, right, node: combine(left, right, node))
        (result,) = dask.compute(root)
        self.n_passes += 1
        if check:
            self.total, self.n_positive = float(result["total"]), int(result["n_positive"])
            if self.n_positive == 0:
                raise ValueError(
                    "sample_weight must have at least one positive entry, got all zeros"
                )
            if self.n_positive < self.n_clusters:
                raise ValueError(
                    f"n_clusters={self.n_clusters} must be <= the number of samples with "
                    f"positive weight ({self.n_positive})"
                )
            magnitude = max(result["magnitude"].value, self.centers_magnitude)
            self._check_ranges(result["largest_weight"].value, magnitude)
        return result

    def _check_ranges(self, largest_weight: float, magnitude: float) -> None:
        """Refuse what only the in-memory code rescales (see fastkmeans._scaling): its chunks
        would compute squared distances that overflow or underflow, or sums that do."""
        low, high = _WEIGHT_RANGE
        if not low <= largest_weight <= high:
            raise ValueError(
                f"sample_weight's largest value {largest_weight:.6g} lies outside "
                f"[2**-256, 2**256], which fastkmeans.dask does not rescale; multiply the "
                f"weights by a power of two (results do not change), or fit in memory"
            )
        X = self.data.X
        lower, upper = safe_range(X.dtype, X.shape[1], self.total)
        if magnitude > upper or 0.0 < magnitude < lower:
            exponent = data_exponent(magnitude, X.dtype, X.shape[1], self.total)
            raise ValueError(
                f"the largest magnitude of X (and of the centres given) {magnitude:.6g} lies "
                f"outside [{lower:.3g}, {upper:.3g}], "
                f"where squared distances in {X.dtype} neither overflow nor lose their "
                f"precision, and fastkmeans.dask does not rescale; fit X * 2.0**{exponent} "
                f"(exact) and divide the centres by 2.0**{exponent}, or fit in memory"
            )
