"""fastkmeans: fast, exact, Numba-compiled k-means with D² seeding."""

from .coreset import Coreset, lightweight_coreset, sensitivity_coreset, uniform_coreset
from .exceptions import (
    ConvergenceWarning,
    FewDistinctPointsWarning,
    ImageDepthWarning,
    NotFittedError,
)
from .image import Segmentation, segment_image
from .kmeans import KMeans
from .metrics import (
    calinski_harabasz_score,
    cost,
    davies_bouldin_score,
    mse,
    psnr,
    silhouette_score,
    simplified_silhouette,
    ssim,
)
from .seeding import kmeans_plusplus

__version__ = "0.1.0"

__all__ = [
    "ConvergenceWarning",
    "Coreset",
    "FewDistinctPointsWarning",
    "ImageDepthWarning",
    "KMeans",
    "NotFittedError",
    "Segmentation",
    "calinski_harabasz_score",
    "cost",
    "davies_bouldin_score",
    "kmeans_plusplus",
    "lightweight_coreset",
    "mse",
    "psnr",
    "segment_image",
    "sensitivity_coreset",
    "silhouette_score",
    "simplified_silhouette",
    "ssim",
    "uniform_coreset",
    "__version__",
]
