"""Clustering cost and image quality measures (MSE, PSNR, SSIM)."""

from __future__ import annotations

import numpy as np

from ._kernels.image import sq_error_sums, ssim_row_sums
from ._parallel import block_bounds
from ._steps import labels_and_inertia
from ._validation import check_centers, check_real, check_sample_weight
from ._validation_image import check_data_range, check_image_pair, check_ssim_window
from ._validation_sparse import check_data


def cost(X, centers, sample_weight=None) -> float:
    """Weighted k-means cost: ``sum_i w_i * min_j ||x_i - c_j||^2``.

    Computed as the sum of squared differences (not through the norm expansion), accumulated in
    float64 over a fixed chunking, so the value does not depend on the thread count.

    Parameters
    ----------
    X : array-like or scipy.sparse matrix of shape (n_samples, n_features)
    centers : array-like of shape (n_clusters, n_features)
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import cost
    >>> cost(np.array([[0.0], [2.0]]), np.array([[1.0]]))
    2.0
    """
    X = check_data(X)
    centers = check_centers(centers, X.shape[1], X.dtype)
    weights = check_sample_weight(sample_weight, X.shape[0])
    return labels_and_inertia(X, weights, centers, with_labels=False)[1]


# -- image quality -------------------------------------------------------------------------


def mse(reference, image) -> float:
    """Mean squared error between two images of one shape, over every pixel and channel.

    Parameters
    ----------
    reference, image : array-like of shape (H, W) or (H, W, C)
        Numeric images; differences are taken in float64 in the images' own units.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import mse
    >>> mse(np.array([[0, 10]], dtype=np.uint8), np.array([[0, 13]], dtype=np.uint8))
    4.5
    """
    reference, image = check_image_pair(reference, image)
    return _mse(reference, image, reference.shape[2])


def psnr(reference, image, *, data_range=None) -> float:
    """Peak signal-to-noise ratio in decibels: ``10 log10(data_range^2 / MSE)``.

    Parameters
    ----------
    reference, image : array-like of shape (H, W) or (H, W, C)
    data_range : float, optional
        The span of possible values; default the range of ``reference``'s integer dtype
        (255 for uint8, 65535 for uint16) or 1.0 for float images.

    Returns
    -------
    float
        ``inf`` when the images are identical.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import psnr
    >>> round(psnr(np.zeros((2, 2), np.uint8), np.full((2, 2), 255, np.uint8)), 6)
    0.0
    """
    data_range = check_data_range(data_range, np.asarray(reference).dtype)
    reference, image = check_image_pair(reference, image)
    return _psnr(_mse(reference, image, reference.shape[2]), data_range)


def ssim(
    reference,
    image,
    *,
    data_range=None,
    win_size: int = 11,
    sigma: float = 1.5,
    k1: float = 0.01,
    k2: float = 0.03,
) -> float:
    """Mean structural similarity (Wang, Bovik, Sheikh & Simoncelli, 2004).

    Local means, variances and the covariance are weighted by a ``win_size`` x ``win_size``
    Gaussian window of standard deviation ``sigma`` (normalised to sum 1); at each window
    position inside the image ('valid' positions, as in the authors' reference code)

    ``SSIM = (2 mx my + C1)(2 sxy + C2) / ((mx^2 + my^2 + C1)(sx^2 + sy^2 + C2))``

    with ``C1 = (k1 L)^2``, ``C2 = (k2 L)^2`` and ``L = data_range``. The map is averaged over
    positions, per channel, and the channel means are averaged.

    Parameters
    ----------
    reference, image : array-like of shape (H, W) or (H, W, C)
        Images of one shape, each side at least ``win_size``.
    data_range : float, optional
        ``L``; default the range of ``reference``'s integer dtype (255 for uint8, 65535 for
        uint16) or 1.0 for float images.
    win_size : int, default=11
        Odd side of the Gaussian window.
    sigma : float, default=1.5
        Standard deviation of the Gaussian window, in pixels.
    k1, k2 : float, default=0.01, 0.03
        Stabilising constants.

    Returns
    -------
    float
        1.0 for identical images; symmetric in its two arguments; at most 1.

    Examples
    --------
    >>> import numpy as np
    >>> from fastkmeans import ssim
    >>> x = np.arange(144, dtype=np.uint8).reshape(12, 12)
    >>> ssim(x, x)
    1.0
    """
    data_range = check_data_range(data_range, np.asarray(reference).dtype)
    reference, image = check_image_pair(reference, image)
    win_size, sigma = check_ssim_window(win_size, sigma, reference.shape)
    k1 = check_real(k1, "k1", positive=True)
    k2 = check_real(k2, "k2", positive=True)
    return _ssim(reference, image, reference.shape[2], data_range, win_size, sigma, k1, k2)


def _mse(reference: np.ndarray, image: np.ndarray, n_channels: int) -> float:
    """MSE over the first ``n_channels`` channels of validated (H, W, C) images."""
    a = reference.reshape(-1, reference.shape[-1])
    b = image.reshape(-1, image.shape[-1])
    bounds = block_bounds(a.shape[0])
    block_sums = np.empty(bounds.shape[0] - 1, dtype=np.float64)
    sq_error_sums(a, b, n_channels, bounds, block_sums)
    return float(block_sums.sum() / (a.shape[0] * n_channels))


def _psnr(mse_value: float, data_range: float) -> float:
    """PSNR in dB from an MSE; ``inf`` for an MSE of zero."""
    if mse_value == 0.0:
        return float("inf")
    return float(10.0 * np.log10(data_range * data_range / mse_value))


def gaussian_window(win_size: int, sigma: float) -> np.ndarray:
    """The normalised 1-D Gaussian of odd length ``win_size``, centred, float64."""
    offsets = np.arange(win_size, dtype=np.float64) - (win_size - 1) / 2
    window = np.exp(-(offsets**2) / (2.0 * sigma * sigma))
    return window / window.sum()


def _ssim(
    reference: np.ndarray,
    image: np.ndarray,
    n_channels: int,
    data_range: float,
    win_size: int,
    sigma: float,
    k1: float,
    k2: float,
) -> float:
    """Mean SSIM over the first ``n_channels`` channels of validated (H, W, C) images."""
    n_rows = reference.shape[0] - win_size + 1
    n_cols = reference.shape[1] - win_size + 1
    window = gaussian_window(win_size, sigma)
    c1 = (k1 * data_range) ** 2
    c2 = (k2 * data_range) ** 2
    # Blocks of whole output rows: at most as many as the fixed blocks of the output pixels,
    # and at least 4 * win_size rows each, since a block filters win_size - 1 extra input rows.
    # Each row's sum is computed alone, so the result does not depend on the blocks.
    n_blocks = max(1, min(block_bounds(n_rows * n_cols).shape[0] - 1, n_rows // (4 * win_size)))
    row_bounds = np.linspace(0, n_rows, n_blocks + 1).round().astype(np.int64)
    row_sums = np.empty((n_rows, n_channels), dtype=np.float64)
    ssim_row_sums(reference, image, n_channels, window, c1, c2, row_bounds, row_sums)
    per_channel = row_sums.sum(axis=0) / (n_rows * n_cols)
    return float(per_channel.mean())
