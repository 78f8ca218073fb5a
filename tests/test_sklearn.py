"""fastkmeans.KMeans as a scikit-learn estimator (scikit-learn is optional: skipped without it)."""

import subprocess
import sys
import warnings

import numpy as np
import pytest

from fastkmeans import KMeans, NotFittedError

sklearn = pytest.importorskip("sklearn")
pd = pytest.importorskip("pandas")

from sklearn.base import clone  # noqa: E402
from sklearn.model_selection import GridSearchCV, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.utils.estimator_checks import (  # noqa: E402
    check_clusterer_compute_labels_predict,
    check_clustering,
    parametrize_with_checks,
)

# Why a check cannot pass; parametrize_with_checks marks these as expected failures.
EXPECTED_FAILED_CHECKS = {
    "check_sample_weight_equivalence_on_dense_data": (
        "the check shuffles the rows of the weighted data but not of the repeated data, so the "
        "k-means++ draws pick different points; fastkmeans' integer weights equal repeated rows "
        "for the same row order (tests/test_kmeans.py), as for scikit-learn's KMeans, which "
        "lists the same expected failure"
    ),
    "check_sample_weight_equivalence_on_sparse_data": "as on dense data",
}


def _expected_failed_checks(estimator):
    return EXPECTED_FAILED_CHECKS


with warnings.catch_warnings():
    # "does not inherit from BaseEstimator": by design, scikit-learn stays optional.
    warnings.filterwarnings("ignore", "Estimator KMeans does not inherit", UserWarning)
    _checks = parametrize_with_checks(
        [KMeans(n_clusters=3, n_init=1, max_iter=20)],
        expected_failed_checks=_expected_failed_checks,
    )


@_checks
def test_estimator_checks(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sklearn.exceptions.ConvergenceWarning)
        check(estimator)


@pytest.mark.parametrize("readonly_memmap", [False, True])
def test_clustering_checks(readonly_memmap):
    # scikit-learn runs these only for subclasses of its ClusterMixin.
    check_clustering("KMeans", KMeans(n_clusters=3, max_iter=20), readonly_memmap=readonly_memmap)
    check_clusterer_compute_labels_predict("KMeans", KMeans(n_clusters=3, max_iter=20))


def test_import_does_not_load_optional_dependencies():
    # numba itself may import the top-level scipy package; fastkmeans must add nothing.
    code = (
        "import sys, numba, numpy, imageio\n"
        "before = set(sys.modules)\n"
        "import fastkmeans\n"
        "new = set(sys.modules) - before\n"
        "bad = sorted(m for m in new if m.split('.')[0] in ('sklearn', 'scipy', 'pandas'))\n"
        "bad += [m for m in ('sklearn', 'pandas', 'scipy.sparse') if m in sys.modules]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_pipeline_grid_search_cross_val_clone(blobs):
    pipe = make_pipeline(StandardScaler(), KMeans(4, random_state=0))
    labels = pipe.fit_predict(blobs)
    assert labels.shape == (blobs.shape[0],)
    assert len(np.unique(labels)) == 4
    assert pipe.transform(blobs).shape == (blobs.shape[0], 4)

    search = GridSearchCV(KMeans(random_state=0), {"n_clusters": [2, 4]}, cv=3).fit(blobs)
    # score is -cost: more clusters never cost more on held-out data of this shape.
    assert search.best_params_ == {"n_clusters": 4}
    scores = cross_val_score(KMeans(4, random_state=0), blobs, cv=3)
    assert scores.shape == (3,) and (scores < 0).all()

    km = KMeans(5, init="random", max_iter=7, random_state=3)
    copy = clone(km)
    assert copy is not km and copy.get_params() == km.get_params()


def test_set_output_pandas(blobs):
    df = pd.DataFrame(blobs, columns=["x", "y"], index=[f"r{i}" for i in range(len(blobs))])
    km = KMeans(4, random_state=0).set_output(transform="pandas")
    out = km.fit_transform(df)
    assert list(out.columns) == ["kmeans0", "kmeans1", "kmeans2", "kmeans3"]
    assert (out.index == df.index).all()
    np.testing.assert_array_equal(out.to_numpy(), KMeans(4, random_state=0).fit_transform(blobs))
    assert list(km.feature_names_in_) == ["x", "y"]
    assert isinstance(clone(km).fit(blobs).transform(blobs), pd.DataFrame)
    with sklearn.config_context(transform_output="pandas"):
        assert isinstance(KMeans(4, random_state=0).fit_transform(blobs), pd.DataFrame)
    with pytest.raises(ValueError, match="transform='xml' must be one of"):
        km.set_output(transform="xml")


def test_feature_names(blobs):
    df = pd.DataFrame(blobs, columns=["a", "b"])
    km = KMeans(3, random_state=0).fit(df)
    assert km.feature_names_in_.dtype == object
    np.testing.assert_array_equal(km.get_feature_names_out(), ["kmeans0", "kmeans1", "kmeans2"])
    np.testing.assert_array_equal(km.predict(df), km.labels_)
    with pytest.warns(UserWarning, match="X does not have valid feature names"):
        km.predict(blobs)
    with pytest.raises(ValueError, match="Feature names unseen at fit time:\n- c"):
        km.predict(df.rename(columns={"b": "c"}))
    with pytest.raises(ValueError, match="must be in the same order"):
        km.transform(df[["b", "a"]])
    # Integer column names (pandas' default) are no names; mixed ones are an error.
    assert not hasattr(KMeans(3).fit(pd.DataFrame(blobs)), "feature_names_in_")
    with pytest.raises(TypeError, match="feature names must all be strings"):
        KMeans(3).fit(pd.DataFrame(blobs, columns=["a", 1]))
    # Refitting on an array forgets the names.
    assert not hasattr(km.fit(blobs), "feature_names_in_")
    with pytest.warns(UserWarning, match="X has feature names, but KMeans was fitted without"):
        km.predict(df)


def test_not_fitted_is_sklearns_error():
    with pytest.raises(sklearn.exceptions.NotFittedError, match="not fitted yet"):
        KMeans().predict(np.zeros((2, 2)))
    with pytest.raises(NotFittedError):
        KMeans().get_feature_names_out()


def test_tags():
    tags = sklearn.utils.get_tags(KMeans())
    assert tags.estimator_type == "clusterer"
    assert tags.input_tags.sparse and not tags.target_tags.required
    # With coreset_size, sparse X is refused: the tag says so (check_estimator's sparse-tag
    # check failed).
    assert not sklearn.utils.get_tags(KMeans(3, coreset_size=10)).input_tags.sparse


def test_not_fitted_error_pickles_to_scikit_learns_class():
    # Across processes (joblib, a process pool): the class made for scikit-learn could not be
    # found by name, so the worker's error became a PicklingError.
    import pickle

    from sklearn.exceptions import NotFittedError as SklearnNotFittedError

    with pytest.raises(NotFittedError) as raised:
        KMeans().predict(np.zeros((2, 2)))
    back = pickle.loads(pickle.dumps(raised.value))
    assert isinstance(back, NotFittedError) and isinstance(back, SklearnNotFittedError)
    assert str(back) == str(raised.value)


def test_repr_set_output_and_missing_values_of_pandas_users():
    assert (
        repr(KMeans(3, init=pd.DataFrame(np.zeros((3, 2))))) == "KMeans(n_clusters=3, init=array)"
    )
    frame = pd.DataFrame({"a": pd.array([1, None, 3, 4], dtype="Int64"), "b": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(ValueError, match=r"X holds missing values \(None or pandas.NA\)"):
        KMeans(2).fit(frame)
    import importlib.util

    if importlib.util.find_spec("polars") is None:
        with pytest.raises(ImportError, match=r"set_output\(transform='polars'\) needs polars"):
            KMeans(2).set_output(transform="polars")


def test_fit_warnings_are_scikit_learns_convergence_warnings_too():
    # A scikit-learn user's filter on its ConvergenceWarning (what its KMeans raises for too
    # few distinct points) did not catch fastkmeans' warnings.
    from sklearn.exceptions import ConvergenceWarning as SklearnConvergenceWarning

    import fastkmeans

    X = np.random.default_rng(0).normal(size=(200, 2))
    image = np.zeros((4, 4, 3), np.uint8)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=SklearnConvergenceWarning)
        KMeans(8, max_iter=1, random_state=0).fit(X)
        KMeans(3, random_state=0).fit(np.zeros((10, 2)))
        fastkmeans.segment_image(image, 2, random_state=0)
    # Still fastkmeans' own classes, for filters on those.
    with pytest.warns(fastkmeans.ConvergenceWarning):
        KMeans(8, max_iter=1, random_state=0).fit(X)
    with pytest.warns(fastkmeans.FewDistinctPointsWarning):
        fastkmeans.segment_image(image, 2, random_state=0)


def test_metadata_routing_passes_sample_weight_to_fit_and_score():
    # Under scikit-learn's metadata routing, KMeans had no set_fit_request, so no pipeline or
    # search could pass it weights.
    X = np.random.default_rng(0).normal(size=(300, 2))
    w = np.random.default_rng(1).uniform(0.5, 2.0, 300)
    scaled = StandardScaler().fit_transform(X)
    expected = KMeans(3, random_state=0).fit(scaled, sample_weight=w)
    with sklearn.config_context(enable_metadata_routing=True):
        scaler = StandardScaler().set_fit_request(sample_weight=False)
        model = KMeans(3, random_state=0).set_fit_request(sample_weight=True)
        pipe = make_pipeline(scaler, model).fit(X, sample_weight=w)
        np.testing.assert_array_equal(pipe[-1].cluster_centers_, expected.cluster_centers_)
        # clone keeps the requests; score takes the weights once asked for them.
        weighted = clone(model).set_score_request(sample_weight=True)
        scores = cross_val_score(weighted, scaled, params={"sample_weight": w}, cv=3)
        folds = np.array_split(np.arange(300), 3)
        for fold, score in zip(folds, scores, strict=True):
            train = np.setdiff1d(np.arange(300), fold)
            fitted = KMeans(3, random_state=0).fit(scaled[train], sample_weight=w[train])
            assert score == pytest.approx(fitted.score(scaled[fold], sample_weight=w[fold]))
    with pytest.raises(RuntimeError, match="only available when metadata routing is enabled"):
        KMeans().set_fit_request(sample_weight=True)


def test_a_column_that_is_not_numbers_is_named():
    # "X must hold real numbers, got an object array with an entry that is not one (could not
    # convert string to float: 'x')" named neither the column nor its dtype.
    X = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "colour": pd.Categorical(list("xyxy"))})
    with pytest.raises(TypeError, match=r"X column 'colour' \(dtype category\) does not hold"):
        KMeans(2).fit(X)
    numeric = KMeans(2, random_state=0).fit(X[["a"]])
    with pytest.raises(TypeError, match=r"X column 'a' \(dtype category\)"):
        numeric.predict(pd.DataFrame({"a": pd.Categorical(list("xyxy"))}))
    # Categories that are numbers are numbers.
    X["colour"] = pd.Categorical([1, 2, 1, 2])
    assert KMeans(2, random_state=0).fit(X).cluster_centers_.shape == (2, 2)
