"""Public warnings and errors of fastkmeans (re-exported from the package's top level)."""

from __future__ import annotations

import functools
import sys
import warnings


class FewDistinctPointsWarning(UserWarning):
    """Fewer distinct points (with positive weight) than clusters: some centres coincide."""


class ImageDepthWarning(UserWarning):
    """An image file is read with less than it stores: a 16-bit colour PNG as 8 bits per
    channel (imageio's PNG reader keeps 8), or a transparency it cannot apply."""


class ConvergenceWarning(UserWarning):
    """An iterative method stopped at its iteration budget before meeting its tolerance."""


class NotFittedError(RuntimeError, ValueError, AttributeError):
    """A model was used before ``fit``.

    A ValueError and an AttributeError, like scikit-learn's ``NotFittedError`` (which its
    checks and meta-estimators expect), and a RuntimeError as fastkmeans raised before.
    """

    def __reduce__(self):
        # Rebuilt where it is unpickled: scikit-learn's subclass there when scikit-learn is
        # loaded (the class made for it cannot be found by name, so did not pickle).
        return (_rebuilt_not_fitted_error, self.args)


def _rebuilt_not_fitted_error(*args) -> NotFittedError:
    from ._sklearn_compat import not_fitted_error

    return not_fitted_error()(*args)


def warn_few_distinct(n_distinct: int, n_clusters: int, stacklevel: int) -> None:
    """Warn that only ``n_distinct`` distinct points back ``n_clusters`` clusters."""
    warnings.warn(
        f"only {n_distinct} distinct point(s) with positive weight for n_clusters={n_clusters}: "
        f"some centres coincide",
        as_emitted(FewDistinctPointsWarning),
        stacklevel=stacklevel + 1,
    )


def as_emitted(category: type[Warning]) -> type[Warning]:
    """The class a fit's warning of ``category`` is raised as: ``category`` itself, or, once
    scikit-learn is loaded, a subclass that is also scikit-learn's ConvergenceWarning (which
    its KMeans raises in the same cases), so that a filter on either class catches it."""
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    if sklearn_exceptions is None:
        return category
    return _with_sklearn_base(category, sklearn_exceptions.ConvergenceWarning)


@functools.cache
def _with_sklearn_base(category: type[Warning], sklearn_warning: type) -> type[Warning]:
    namespace = {"__module__": category.__module__, "__doc__": category.__doc__}
    return type(category.__name__, (category, sklearn_warning), namespace)
