"""Sparse input: scipy.sparse matrices and arrays as validated CSR rows (:class:`SparseRows`).

scipy is never imported here unless the caller passed a sparse matrix (whose module is then
already loaded): :func:`fastkmeans._validation.is_sparse` asks scipy only in that case.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import (
    _as_real,
    check_array,
    check_finite,
    check_not_empty,
    finite_magnitude,
    is_sparse,
)


class SparseRows(NamedTuple):
    """A validated CSR matrix, as the sparse kernels take it.

    Canonical: column indices sorted within each row, no duplicates; explicit zeros may remain
    (they are harmless: every kernel treats them as the zeros they are). Quacks like an array
    where the drivers need it (``shape``, ``dtype``); centres stay dense.
    """

    data: np.ndarray  # (nnz,) float32 or float64, finite
    indices: np.ndarray  # (nnz,) int32: the column of each value
    indptr: np.ndarray  # (n_samples + 1,) int64: row i is data[indptr[i]:indptr[i + 1]]
    n_features: int

    @property
    def shape(self) -> tuple[int, int]:
        return (self.indptr.shape[0] - 1, self.n_features)

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    @property
    def nnz(self) -> int:
        return int(self.indptr[-1])

    def kernel_args(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The arrays that replace X in a sparse kernel's arguments."""
        return self.data, self.indices, self.indptr

    def dense_rows(self, rows) -> np.ndarray:
        """Rows ``rows`` (an int or an int array) as a dense array in X's dtype."""
        rows = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        out = np.zeros((rows.shape[0], self.n_features), dtype=self.dtype)
        for r, row in enumerate(rows):
            start, end = self.indptr[row], self.indptr[row + 1]
            out[r, self.indices[start:end]] = self.data[start:end]
        return out

    def to_scipy(self):
        """The rows as a ``scipy.sparse.csr_matrix`` sharing these arrays (scipy is loaded)."""
        import scipy.sparse

        return scipy.sparse.csr_matrix(
            (self.data, self.indices, self.indptr), shape=self.shape, copy=False
        )


def check_data(X, name: str = "X", *, dtype=None) -> np.ndarray | SparseRows:
    """A dense array as :func:`~fastkmeans._validation.check_array` returns it, or, for a
    scipy.sparse matrix or array of any format, its validated CSR rows."""
    if is_sparse(X):
        return check_sparse(X, name, dtype=dtype)
    return check_array(X, name, dtype=dtype)


def check_data_magnitude(X, name: str = "X") -> tuple[np.ndarray | SparseRows, float]:
    """:func:`check_data`, and the largest absolute value of X (of its stored values when
    sparse), found by the read that checks them finite (:func:`finite_magnitude`)."""
    if is_sparse(X):
        rows = check_sparse(X, name, finite=False)
        return rows, finite_magnitude(rows.data, name)
    array = check_array(X, name, finite=False)
    return array, finite_magnitude(array, name)


def _check_structure(csr, name: str) -> None:
    """Row pointers and column indices that stay inside the matrix: scipy does not check a CSR
    matrix built from arrays, and the kernels index by them (an index out of range crashed the
    process, a negative one was read from the row's end)."""
    n_rows, n_features = csr.shape
    indptr, indices = np.asarray(csr.indptr), np.asarray(csr.indices)
    stored = min(indices.shape[0], np.asarray(csr.data).shape[0])
    if (
        indptr.shape != (n_rows + 1,)
        or indptr[0] != 0
        or indptr[-1] > stored
        or (np.diff(indptr) < 0).any()
    ):
        raise ValueError(
            f"{name} is a malformed sparse matrix: its row pointers (indptr) must run from 0, "
            f"never decreasing, to at most its {stored} stored values, one per row and one more"
        )
    used = indices[: indptr[-1]]
    if used.size and (used.min() < 0 or used.max() >= n_features):
        raise ValueError(
            f"{name} is a malformed sparse matrix: its column indices must lie in "
            f"[0, {n_features}), got {int(used.min())} to {int(used.max())}"
        )


def check_sparse(X, name: str = "X", *, dtype=None, finite: bool = True) -> SparseRows:
    """A scipy.sparse matrix or array (any format) as canonical CSR rows (values checked finite
    unless ``finite`` is false).

    CSR input of float32/float64 with sorted, unique indices is used without copying its values;
    other formats (CSC, COO, ...) are converted to CSR once.
    """
    if len(X.shape) != 2:
        raise ValueError(f"{name} must be 2-D, got a sparse array of shape {X.shape}")
    csr = X.tocsr()
    _check_structure(csr, name)
    values = _as_real(csr.data, name)
    if dtype is None:
        dtype = values.dtype if values.dtype in (np.float32, np.float64) else np.float64
    check_not_empty(csr.shape, name)
    if not csr.has_canonical_format:
        csr = csr.copy() if csr is X else csr
        csr.sum_duplicates()  # sorts the indices too
        values = csr.data
    data = np.ascontiguousarray(values, dtype=dtype)
    if finite:
        check_finite(data, name)
    n_samples, n_features = csr.shape
    if n_features >= 2**31:
        raise ValueError(f"{name} has {n_features} features; at most 2**31 - 1 are supported")
    return SparseRows(
        data,
        np.ascontiguousarray(csr.indices, dtype=np.int32),
        np.ascontiguousarray(csr.indptr, dtype=np.int64),
        int(n_features),
    )
