"Every experiment and benchmark notebook runs end to end at the smoke profile through papermill."
import pandas as pd
import pytest

from conftest import TOGETHER, leading, notebooks
from seqrl.report import RESULT_COLUMNS
from seqrl.reproduce import run_notebook

EXPERIMENTS = notebooks("experiments")


def test_there_are_experiments():
    assert EXPERIMENTS, "nbs/experiments/ has no notebooks"


@pytest.mark.parametrize("nb", leading(EXPERIMENTS), ids=lambda p: p.stem)
def test_experiment_smoke(nb, isolated):
    for n in [nb, *[nb.with_name(f"{f}.ipynb") for f in TOGETHER.get(nb.stem, [])]]:   # with those that share its data, in one root
        r = run_notebook(n, "smoke", isolated/"out")
        assert r.status == "ok", f"{n.name} failed at profile=smoke: {r.error} (executed copy: {r.output})"
        d = isolated/"figures"/n.stem/"smoke"
        df = pd.read_csv(d/"results.csv")
        assert list(df.columns) == list(RESULT_COLUMNS) and len(df) > 0
        assert set(df["profile"]) == {"smoke"}
        assert (d/"provenance.json").is_file()
        assert list(d.glob("*.png")) and list(d.glob("*.md")), "an experiment renders at least one figure and one table"


@pytest.mark.parametrize("nb", notebooks("benchmarks"), ids=lambda p: p.stem)
def test_benchmark_smoke(nb, isolated):
    r = run_notebook(nb, "smoke", isolated/"out")
    assert r.status == "ok", f"{nb.name} failed at profile=smoke: {r.error} (executed copy: {r.output})"
