"The explorer notebooks run headless at the smoke profile through papermill, and show real content."
import json

import pytest

from conftest import notebooks
from seqrl.reproduce import run_notebook

EXPLORERS = notebooks("explore")


def test_there_are_the_three_explorers():
    assert {p.stem for p in EXPLORERS} >= {"datasets", "rollouts", "attention"}


@pytest.mark.parametrize("nb", EXPLORERS, ids=lambda p: p.stem)
def test_explorer_smoke(nb, isolated):
    r = run_notebook(nb, "smoke", isolated/"out")
    assert r.status == "ok", f"{nb.name} failed at profile=smoke: {r.error} (executed copy: {r.output})"
    out = json.loads((isolated/"out"/nb.name).read_text())
    last = out["cells"][-1]["outputs"]
    views = [o for o in last if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert views, f"{nb.name}: its last cell shows no widget"
    state = out["metadata"].get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    images = [m for m in state.values() if m.get("model_name") == "ImageModel"]
    assert images, f"{nb.name}: no image widgets in the saved widget state"
