"Sharded collection through torchrun: two ranks give exactly the dataset one process collects with the same seeds."
import json

import numpy as np
import pytest

from conftest import ROOT
from seqrl.core import set_env
from seqrl.suites import build_suite, collection_units, dataset_inventory, shards_root
from seqrl.trajectories import load_dataset

ENV = "dmc/cartpole-balance"
# 60-step episodes (action repeat 4) on two environments, 5 units per dataset: a few hundred steps per dataset,
# units split unevenly over two ranks (2 + 3), the zoo kind's two checkpoints split into two units each
RECIPE = dict(name="shards", envs=dict(smoke=[ENV]), steps=dict(smoke=300), units=dict(smoke=5), n_envs=2, seed=3,
              env_options=dict(action_repeat=4, max_episode_steps=60),
              kinds={"random": dict(policy="random"), "exploratory": dict(policy="zoo:exploratory", deterministic=False)})
FIELDS = ("actions", "rewards", "terminations", "truncations", "episode_starts", "observations", "last_observations")


@pytest.fixture
def data(tmp_path, monkeypatch):
    "Datasets and references under tmp_path; the committed zoo policies are read where they are."
    (tmp_path/"policies").symlink_to(ROOT/"data"/"policies")
    monkeypatch.setenv("SEQRL_DATA", str(tmp_path))
    return tmp_path


def _build(root, nproc):
    with set_env(MINARI_DATASETS_PATH=str(root)):
        rows = build_suite(RECIPE, "smoke", progress=False, nproc=nproc)
        return rows, {r["kind"]: load_dataset(r["dataset_id"]) for r in rows}, dataset_inventory(), list(shards_root().rglob("metadata.json"))


def test_two_ranks_match_one_process(data):
    rows1, one, _, _ = _build(data/"one", 1)
    rows2, two, inv, left = _build(data/"two", 2)
    assert [r["built"] for r in rows1 + rows2] == [True] * 4
    for kind in ("random", "exploratory"):
        a, b = one[kind], two[kind]
        assert a.n_episodes >= 8 and a.lengths.max() == 60, (kind, a.lengths)
        for k in FIELDS: np.testing.assert_array_equal(getattr(b, k), getattr(a, k), err_msg=f"{kind}: {k}")
        rec = json.loads(b.metadata["seqrl_recipe"])
        units = collection_units(RECIPE, "smoke", ENV, kind)
        assert [(u["unit"], u["seed"]) for u in rec["units"]] == [(u["unit"], u["seed"]) for u in units]   # the seeds, in unit order
        n = len(units)   # random: 5 units (2 + 3), exploratory: 2 checkpoints x 2 (2 + 2)
        assert [(s["rank"], s["units"]) for s in rec["shards"]] == [(0, [0, n // 2]), (1, [n // 2, n])]
        assert sum(s["episodes"] for s in rec["shards"]) == b.n_episodes and sum(s["steps"] for s in rec["shards"]) == len(b)
        assert json.loads(a.metadata["seqrl_recipe"])["shards"][0]["units"] == [0, n]
    assert [u["policy"] for u in json.loads(two["exploratory"].metadata["seqrl_recipe"])["units"]] == [0, 0, 1, 1]   # both checkpoints, two units each
    assert sorted(r["kind"] for r in inv) == ["exploratory", "random"] and left == []   # shards gone, only the datasets listed
    with set_env(MINARI_DATASETS_PATH=str(data/"two")):   # a second sharded build finds everything up to date, without torchrun
        assert [r["built"] for r in build_suite(RECIPE, "smoke", progress=False, nproc=2)] == [False, False]
