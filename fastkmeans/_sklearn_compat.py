"""scikit-learn's estimator protocol, implemented without importing scikit-learn.

scikit-learn's developer guide lets an estimator be compatible without inheriting from
``BaseEstimator``: it must provide ``get_params``/``set_params``, ``__sklearn_tags__``,
``__sklearn_is_fitted__``, ``n_features_in_``, and, to be a full transformer,
``feature_names_in_``, ``get_feature_names_out`` and ``set_output``. :class:`EstimatorMixin`
provides all of them. scikit-learn (for the tags), pandas and polars (for ``set_output``) are
imported only inside the methods that need them, i.e. only when the caller uses them.
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
import sys
import warnings

import numpy as np

from .exceptions import NotFittedError

_OUTPUTS = ("default", "pandas", "polars")


# scikit-learn's "keep the current request" value (sklearn.utils.metadata_routing.UNCHANGED).
_UNCHANGED = "$UNCHANGED$"
# The methods that take sample_weight.
_ROUTED_METHODS = ("fit", "score")


class EstimatorMixin:
    """Parameters, tags, fitted state, feature names and output containers of an estimator.

    The estimator's ``__init__`` stores its parameters under their own names; ``fit`` calls
    :meth:`_set_feature_names`; the methods using a fitted model call :meth:`_check_fitted`
    and :meth:`_check_feature_names`, and ``transform`` returns :meth:`_wrap_output`.
    """

    # -- parameters ------------------------------------------------------------------------

    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [name for name in signature.parameters if name != "self"]

    def get_params(self, deep: bool = True) -> dict:
        """Parameters of this estimator, as passed to ``__init__`` (``deep`` is accepted for
        scikit-learn; no parameter is itself an estimator)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set parameters by name (checked when fitting); returns self."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"unknown parameter {name!r}; valid parameters are {valid}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = inspect.signature(type(self).__init__).parameters
        changed = []
        for name, value in self.get_params().items():
            default = defaults[name].default
            if hasattr(value, "__array__") and not np.isscalar(value):
                changed.append(f"{name}=array")  # an ndarray, a DataFrame, ...: no == to test
            elif value is not default and value != default:
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    # -- scikit-learn protocol ---------------------------------------------------------------

    def __sklearn_tags__(self):
        """scikit-learn's tags: a clusterer and transformer, no y; dense or sparse input,
        except with ``coreset_size`` (a coreset is built of dense rows: sparse X is refused)."""
        from sklearn.utils import InputTags, Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type="clusterer",
            target_tags=TargetTags(required=False),
            transformer_tags=TransformerTags(preserves_dtype=["float64", "float32"]),
            input_tags=InputTags(sparse=getattr(self, "coreset_size", None) is None),
        )

    # -- scikit-learn's metadata routing: sample_weight to fit and score ----------------------

    def get_metadata_routing(self):
        """What this estimator consumes under scikit-learn's metadata routing: ``sample_weight``
        in ``fit`` and ``score`` (as its KMeans), with the requests set by
        :meth:`set_fit_request` and :meth:`set_score_request`."""
        from sklearn.utils.metadata_routing import MetadataRequest, get_routing_for_object

        if hasattr(self, "_metadata_request"):  # copied by scikit-learn's clone
            return get_routing_for_object(self._metadata_request)
        requests = MetadataRequest(owner=self)
        for method in _ROUTED_METHODS:
            getattr(requests, method).add_request(param="sample_weight", alias=None)
        return requests

    def set_fit_request(self, *, sample_weight=_UNCHANGED):
        """Whether ``fit`` is to receive ``sample_weight`` when a scikit-learn meta-estimator
        routes metadata (``sklearn.set_config(enable_metadata_routing=True)``): True, False,
        None (an error if given) or the name it is passed under. Returns self."""
        return self._set_request("fit", sample_weight)

    def set_score_request(self, *, sample_weight=_UNCHANGED):
        """:meth:`set_fit_request` for ``score``."""
        return self._set_request("score", sample_weight)

    def _set_request(self, method: str, sample_weight):
        import sklearn

        if not sklearn.get_config().get("enable_metadata_routing", False):
            raise RuntimeError(
                f"set_{method}_request is only available when metadata routing is enabled: "
                f"sklearn.set_config(enable_metadata_routing=True)"
            )
        requests = self.get_metadata_routing()
        if not (isinstance(sample_weight, str) and sample_weight == _UNCHANGED):
            getattr(requests, method).add_request(param="sample_weight", alias=sample_weight)
        self._metadata_request = requests
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "cluster_centers_")

    def _check_fitted(self) -> None:
        if not self.__sklearn_is_fitted__():
            raise not_fitted_error()(
                f"this {type(self).__name__} instance is not fitted yet; call fit(X) first"
            )

    # -- feature names -------------------------------------------------------------------------

    def _set_feature_names(self, X, n_features: int) -> None:
        """Record ``n_features_in_`` and, for string-named columns, ``feature_names_in_``."""
        self.n_features_in_ = n_features
        names = feature_names_of(X)
        if names is not None:
            self.feature_names_in_ = names
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

    def _check_feature_names(self, X) -> None:
        """X's column names against those seen in fit: a warning when only one side has
        names, a ValueError when they differ (scikit-learn's rules and wording)."""
        fitted = getattr(self, "feature_names_in_", None)
        names = feature_names_of(X)
        owner = type(self).__name__
        if fitted is None and names is None:
            return
        if fitted is None:
            warnings.warn(
                f"X has feature names, but {owner} was fitted without feature names",
                UserWarning,
                stacklevel=4,
            )
            return
        if names is None:
            warnings.warn(
                f"X does not have valid feature names, but {owner} was fitted with feature names",
                UserWarning,
                stacklevel=4,
            )
            return
        if len(fitted) != len(names) or (fitted != names).any():
            raise ValueError(_names_mismatch(fitted, names))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the ``transform`` outputs: the class name lowercased, then the cluster index
        (``kmeans0``, ``kmeans1``, ...), as an object array.

        ``input_features``, if given, must match the features seen in ``fit``.
        """
        self._check_fitted()
        if input_features is not None:
            input_features = np.asarray(input_features, dtype=object)
            fitted = getattr(self, "feature_names_in_", None)
            if fitted is not None and not np.array_equal(input_features, fitted):
                raise ValueError(
                    f"input_features={list(input_features)} must equal feature_names_in_ "
                    f"{list(fitted)}"
                )
            if len(input_features) != self.n_features_in_:
                raise ValueError(
                    f"input_features has {len(input_features)} names, but the model was "
                    f"fitted with {self.n_features_in_} features"
                )
        prefix = type(self).__name__.lower()
        n_out = self.cluster_centers_.shape[0]
        return np.asarray([f"{prefix}{j}" for j in range(n_out)], dtype=object)

    # -- output containers ---------------------------------------------------------------------

    def set_output(self, *, transform=None):
        """Choose what ``transform`` and ``fit_transform`` return.

        Parameters
        ----------
        transform : {"default", "pandas", "polars"} or None
            "default": a NumPy array; "pandas" / "polars": a DataFrame with the columns of
            :meth:`get_feature_names_out` (pandas keeps the index of a DataFrame input);
            None: leave the setting unchanged. Without a setting, scikit-learn's global
            ``transform_output`` applies when scikit-learn is loaded.

        Returns
        -------
        self
        """
        if transform is None:
            return self
        if transform not in _OUTPUTS:
            raise ValueError(f"transform={transform!r} must be one of {_OUTPUTS} or None")
        if transform != "default" and importlib.util.find_spec(transform) is None:
            # Now, not after a whole fit in fit_transform (as scikit-learn does).
            raise ImportError(
                f"set_output(transform={transform!r}) needs {transform}: pip install {transform}"
            )
        # The attribute scikit-learn's clone() copies.
        self._sklearn_output_config = {"transform": transform}
        return self

    def _wrap_output(self, out: np.ndarray, X):
        """``out`` in the container chosen by :meth:`set_output` (``X``: the caller's input)."""
        config = getattr(self, "_sklearn_output_config", {}).get("transform")
        if config is None and "sklearn" in sys.modules:
            config = sys.modules["sklearn"].get_config().get("transform_output", "default")
        if config in (None, "default"):
            return out
        columns = self.get_feature_names_out()
        if config == "polars":
            import polars

            return polars.DataFrame(out, schema=columns.tolist(), orient="row")
        import pandas

        index = X.index if isinstance(X, pandas.DataFrame) else None
        return pandas.DataFrame(out, columns=columns, index=index, copy=False)


def not_fitted_error() -> type[NotFittedError]:
    """fastkmeans' NotFittedError; once scikit-learn is loaded, a subclass that is also
    scikit-learn's NotFittedError (which its checks and meta-estimators catch)."""
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    if sklearn_exceptions is None:
        return NotFittedError
    return _with_sklearn_base(sklearn_exceptions.NotFittedError)


@functools.cache
def _with_sklearn_base(sklearn_error: type) -> type[NotFittedError]:
    return type("NotFittedError", (NotFittedError, sklearn_error), {"__module__": __name__})


def feature_names_of(X) -> np.ndarray | None:
    """X's column names as an object array when they are all strings, else None.

    Mixed string and non-string names are an error (they cannot be checked reliably);
    non-string names (pandas' default integer columns) mean "no names".
    """
    columns = getattr(X, "columns", None)
    if columns is None or isinstance(X, np.ndarray):
        return None
    names = np.asarray(list(columns), dtype=object)
    types = sorted({type(name).__qualname__ for name in names})
    if len(types) > 1 and "str" in types:
        raise TypeError(
            f"feature names must all be strings to be kept, got column name types {types}; "
            f"convert them, e.g. X.columns = X.columns.astype(str), or drop the names"
        )
    if types == ["str"]:
        return names
    return None


def _names_mismatch(fitted: np.ndarray, names: np.ndarray, shown: int = 5) -> str:
    """scikit-learn's message (its checks match it) for names that differ from fit's."""
    unseen = sorted(set(names) - set(fitted))
    missing = sorted(set(fitted) - set(names))

    def listed(title: str, values: list) -> str:
        lines = [f"- {value}" for value in values[:shown]]
        if len(values) > shown:
            lines.append("- ...")
        return title + "\n" + "\n".join(lines) + "\n"

    message = "The feature names should match those that were passed during fit.\n"
    if unseen:
        message += listed("Feature names unseen at fit time:", unseen)
    if missing:
        message += listed("Feature names seen at fit time, yet now missing:", missing)
    if not unseen and not missing:
        message += "Feature names must be in the same order as they were in fit.\n"
    return message
