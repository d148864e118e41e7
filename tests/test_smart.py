"SMART end to end on pixels at the smoke scale: the pixel datasets from the recipe, a pixel CT pretrained and fine-tuned, evaluated in rendering environments."
import json

from seqrl.smart import run_smart, smart_config
from seqrl.suites import read_recipe


def test_smart_pixels_smoke(isolated):
    recipe = read_recipe("dmc")
    recipe["env_options"]["max_episode_steps"] = 20   # short episodes: 20 rendered frames each, in the data and the evaluation
    (isolated/"dmc.json").write_text(json.dumps(recipe))
    cfg = smart_config("smart_dmc", "smoke", suite=str(isolated/"dmc.json"), obs_type="pixels", pretrain_tasks='["dmc/cartpole-swingup"]', seen='["dmc/cartpole-swingup"]',
                       unseen="[]", sources='["random"]', settings='["bc"]', ablation="[]", episodes=1, max_episode_steps=20, references="[]")
    rows = run_smart(cfg, progress=False)
    scored = {(r["method"], r["task"]) for r in rows if r["metric"] == "return"}
    assert scored == {("bc/scratch", "dmc/cartpole-swingup-exploratory-pixels"), ("bc/random", "dmc/cartpole-swingup-exploratory-pixels")}, scored
    assert all(r["value"] <= 20 for r in rows if r["metric"] == "episode_length")
    runs = isolated/"runs"/"smart_dmc"/"smoke"
    pre = json.loads((runs/"pretrain"/"random"/"spec.json").read_text())["args"]
    assert pre["config"]["obs_type"] == "pixels" and pre["datasets"] == ["seqrl/dmc/cartpole-swingup/random-pixels-smoke-v0"]
    tuned = json.loads((runs/"dmc"/"cartpole-swingup-exploratory-pixels"/"bc"/"random"/"seed0"/"spec.json").read_text())["args"]
    assert tuned["config"]["obs_type"] == "pixels" and tuned["config"]["init"].endswith("pretrain/random/ckpt.pt")
    assert any("pretrain_forward" == r["metric"] for r in rows)   # the pretraining's objectives come back as rows
