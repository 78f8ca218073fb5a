"""fastkmeans: fast, exact, Numba-compiled k-means with D² seeding."""

from ._validation import ConvergenceWarning, FewDistinctPointsWarning
from .kmeans import KMeans
from .metrics import cost
from .seeding import kmeans_plusplus

__version__ = "0.1.0"

__all__ = [
    "ConvergenceWarning",
    "FewDistinctPointsWarning",
    "KMeans",
    "cost",
    "kmeans_plusplus",
    "__version__",
]
