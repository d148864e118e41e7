"The reproduce driver, as `make reproduce` calls it: keeps going past a broken notebook and names it."
import json, os, re, shutil, subprocess, sys

import pandas as pd
import pytest

from conftest import NBS, ROOT, TOGETHER, leading, notebooks
from seqrl.reproduce import _write_nb


def _run(args, env=None):
    return subprocess.run([sys.executable, "-m", "seqrl.reproduce", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def _break(src, dst):
    "A copy of notebook `src` with a failing cell after its parameters cell."
    nb = json.loads(src.read_text())
    i = next(i for i, c in enumerate(nb["cells"]) if "parameters" in c["metadata"].get("tags", []))
    nb["cells"].insert(i + 1, dict(cell_type="code", id="broken", metadata={}, execution_count=None, outputs=[],
                                   source='raise RuntimeError("deliberately broken notebook")'))
    dst.write_text(json.dumps(nb))


def test_broken_notebook_fails_the_run_and_others_still_run(isolated):
    nbs = isolated/"nbs"
    nbs.mkdir()
    shutil.copy(NBS/"experiments"/"example.ipynb", nbs/"example.ipynb")   # every experiment's smoke run is tested on its own
    _break(NBS/"experiments"/"example.ipynb", nbs/"aa_broken.ipynb")   # sorts first: the other runs after it
    p = _run(["--profile", "smoke", "--nbs-dir", str(nbs)])
    assert p.returncode == 1, p.stdout + p.stderr
    assert "FAILED aa_broken" in p.stderr and "RuntimeError: deliberately broken notebook" in p.stderr
    runs = (isolated/"runs"/"smoke"/"runs.md").read_text()
    assert "| aa_broken | failed |" in runs
    assert "| example | ok |" in runs
    assert (isolated/"figures"/"summary"/"smoke"/"summary.md").is_file()
    assert "| example | random | hopper |" in (isolated/"figures"/"summary"/"smoke"/"summary.md").read_text()


def test_unknown_notebook_is_refused_with_the_valid_names(isolated):
    p = _run(["--profile", "smoke", "--only", "no_such_experiment"])
    assert p.returncode == 2 and "no_such_experiment" in p.stderr and "example" in p.stderr.split("valid:")[1]


def test_status_line_shows_the_cell_and_its_loop_and_not_the_kernel(isolated):
    "While a notebook runs, the driver's output names the cell and the progress of the loop in it; what the kernel process writes itself goes to its log."
    nbs = isolated/"nbs"
    nbs.mkdir()
    _write_nb(nbs/"loop.ipynb", 'profile = "quick"', "import os, time\nfrom seqrl.core import progress_bar\nos.system('echo libEGL warning: egl: failed to create dri2 screen >&2')\n"
              "for i in progress_bar(range(30), desc='steps'): time.sleep(0.1)", tags={0: ["parameters"]})
    p = _run(["--profile", "smoke", "--nbs-dir", str(nbs), "--status-every", "0.5"])
    assert p.returncode == 0, p.stdout + p.stderr
    assert re.search(r"^\[1/1\] loop  cell 3/3  steps \d+/30 \(.+ it/s\)  elapsed \d+s  ~\d+s left$", p.stdout, re.M), p.stdout
    assert re.search(r"^\[1/1\] loop  ok  \d+s$", p.stdout, re.M), p.stdout
    for noise in ("without encryption", "libEGL"): assert noise not in p.stdout + p.stderr, p.stdout + p.stderr
    log = (isolated/"runs"/"smoke"/"loop.log").read_text()
    assert "without encryption" in log and "libEGL warning" in log   # kept for whoever looks for them


def test_make_reproduce_smoke(isolated):
    "`make reproduce PROFILE=smoke` from the README (one notebook: each experiment's smoke run is tested on its own), with its results kept out of the tracked figures/."
    p = subprocess.run(["make", "reproduce", "PROFILE=smoke", "ONLY=example"], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    assert "| example | ok |" in p.stdout
    assert (isolated/"runs"/"smoke"/"example.ipynb").is_file()


def _check_tt(root, isolated):
    runs = sorted(d.parent.name + "/" + d.name for d in (root/"runs"/"tt_locomotion"/"full").glob("*/*/seed*"))
    assert len(runs) == 9 * 3 * 3, runs                                # 9 datasets x TT, DT, BC x 3 seeds, as the paper
    assert {r.split("/")[0] for r in runs} == {"tt", "dt", "bc"}
    spec = json.loads((root/"runs"/"tt_locomotion"/"full"/"hopper-medium"/"tt"/"seed0"/"spec.json").read_text())
    assert (spec["args"]["config"]["n_layer"], spec["args"]["config"]["n_embd"], spec["args"]["config"]["K"]) == (4, 128, 10)   # the published TT
    assert not (isolated/"figures"/"tt_locomotion"/"full").exists()  # nothing outside the dry-run folder


def _check_ptgm(root, isolated):
    ptgm = root/"runs"/"ptgm_kitchen"/"full"
    runs = sorted(str(d.relative_to(ptgm)) for d in ptgm.glob("*/*/seed*"))
    assert runs == sorted(f"{v}/{m}/seed{s}" for s in range(3) for v, ms in
                          (("main", ["ptgm", "ptgm_nokl", "hl_sac", "sac"]), ("codes10", ["ptgm"]), ("all_state", ["ptgm"])) for m in ms), runs
    spec = json.loads((ptgm/"pretrain"/"main"/"spec.json").read_text())["args"]["config"]
    assert (spec["n_codes"], spec["goal_space"], spec["goal_horizon"], spec["hidden"], spec["n_layer"]) == (50, "ptgm", 10, 128, 5)   # the published PTGM
    sac = json.loads((ptgm/"main"/"ptgm"/"seed0"/"rows.json").read_text())["key"]["sac"]
    assert (sac["target_kl"], sac["batch_size"], sac["use_kl"], sac["init_from_prior"]) == (5.0, 256, True, True)


def _check_smart(root, isolated):
    smart = root/"runs"/"smart_dmc"/"full"
    assert sorted(d.name for d in (smart/"pretrain").iterdir()) == ["exploratory", "exploratory-forward", "exploratory-inverse", "exploratory-mhc", "random"]
    pre = json.loads((smart/"pretrain"/"exploratory"/"spec.json").read_text())["args"]
    c = pre["config"]
    assert (c["n_layer"], c["n_head"], c["n_embd"], c["K"], c["dropout"], c["obs_type"], c["tau"]) == (8, 8, 256, 30, 0.1, "pixels", 0.005)   # the published CT
    assert len(pre["datasets"]) == 5 and all(d.endswith("/exploratory-pixels-v0") for d in pre["datasets"])
    tuned = sorted(str(d.relative_to(smart/"dmc")) for d in (smart/"dmc").glob("*/*/*/seed0"))
    assert len({t.split("/")[0] for t in tuned}) == 10 and len(tuned) == 10 + 2 * 6 - 1, tuned   # every task once, every variant on the first task (one seed)
    assert {"/".join(t.split("/")[1:3]) for t in tuned} == {f"{s}/{i}" for s in ("bc", "rtg") for i in
                                                   ["scratch", "random", "exploratory", "exploratory-forward", "exploratory-inverse", "exploratory-mhc"]}


def _check_mddt(root, isolated):
    mddt = root/"runs"/"mddt_finetune"/"full"
    pre = json.loads((mddt/"pretrain"/"spec.json").read_text())["args"]
    c = pre["config"]
    assert (c["n_layer"], c["n_head"], c["n_embd"], c["K"], c["state_dim"], c["act_width"], c["n_bins"]) == (6, 12, 768, 5, 204, 6, 64)   # the paper's 40M MDDT
    assert len(pre["datasets"]) == 40 * 2 + 10 * 2                       # MT40 and DMC10, two data kinds each
    assert not any(f"/{t}/" in d for d in pre["datasets"] for t in ("hammer", "push-wall", "faucet-close", "shelf-place"))   # no CW10 task in MT40
    tuned = sorted(str(d.relative_to(mddt)) for d in mddt.glob("*/*/*/seed0"))   # <domain>/<task>-<kind>/<method>/seed0
    assert len(tuned) == 16 + 2 * 5, tuned                               # every downstream task with the first method, every method on each domain's first task
    assert {t.split("/")[2] for t in tuned} == {"full", "lora", "ia3", "prompt", "prefix", "adapter"}
    spec = json.loads(next(mddt.glob("*/*/lora/seed0/spec.json")).read_text())["args"]["config"]
    assert (spec["peft"], spec["init"].endswith("pretrain/ckpt.pt"), spec["steps"]) == ("lora", True, 100_000)


def _check_continual(root, isolated):
    cl = root/"runs"/"mddt_continual"/"full"
    specs = {str(p.parent.relative_to(cl)): json.loads(p.read_text()) for p in cl.glob("*/*/seed0/spec.json")}
    assert set(specs) == {f"cw10/{m}/seed0" for m in ("ft", "lora", "ewc", "l2", "packnet", "l2p", "l2m", "oracle")} | {"dmc6/l2m/seed0"}
    assert specs["cw10/ft/seed0"]["tasks"] == ["mw/hammer"] and specs["cw10/l2m/seed0"]["tasks"] == ["mw/hammer", "mw/push-wall"]   # the paper's order
    assert specs["dmc6/l2m/seed0"]["tasks"] == ["dmc/ball_in_cup-catch", "dmc/cartpole-swingup"]
    assert specs["cw10/ft/seed0"]["init"].endswith("runs/mddt_finetune/full/pretrain/ckpt.pt")   # the fine-tuning experiment's pretrained model
    assert specs["cw10/l2m/seed0"]["options"]["steps"] == 100_000 and specs["cw10/ewc/seed0"]["options"]["lam"] == 1e4
    assert specs["cw10/l2p/seed0"]["options"]["peft_options"] == {"size": 100, "length": 5, "top_k": 5}
    assert not list(cl.rglob("ckpt.pt")) and [p.parent.name for p in cl.glob("cw10/l2m/seed0/task*/after.pt")] == ["task1"]   # one state per run, no optimiser
    d = root/"figures"/"mddt_continual"/"full"
    params = json.loads((d/"provenance.json").read_text())["params"]
    assert len(params["sequences"]["cw10"]) == 10 and len(params["sequences"]["dmc6"]) == 6 and params["seeds"] == [0, 1, 2]   # the grid is the paper's
    df = pd.read_csv(d/"results.csv")
    assert {"mw/hammer", "mw/push-wall", "dmc/cartpole-swingup"} <= set(df["task"]) and set(df["method"]) >= {"ft", "ewc", "packnet", "oracle", "pretrained"}
    assert {t.split("/")[0] for t in df["task"] if t.endswith("-pretrain@cw10")} == {"mw", "dmc"}   # retention on both domains' pretraining tasks


CHECKS = {"tt_locomotion": _check_tt, "ptgm_kitchen": _check_ptgm, "smart_dmc": _check_smart, "mddt_finetune": _check_mddt,
          "mddt_continual": _check_continual}
SLOW_DRY_RUNS = {"mddt_finetune": 250, "tt_locomotion": 165}   # seconds each took in `make test` on 2 cores: behind `make test-slow`

@pytest.mark.parametrize("nb", [pytest.param(p, marks=pytest.mark.slow) if p.stem in SLOW_DRY_RUNS else p for p in leading(notebooks("experiments"))],
                         ids=lambda p: p.stem)
def test_full_profile_dry_run(nb, isolated):
    "The full profile builds: each experiment at its full configuration (full models, the published planner, every dataset and seed its grid lists), with each loop capped at a couple of steps."
    names = [nb.stem, *TOGETHER.get(nb.stem, [])]
    p = _run(["--profile", "full", "--dry-run", "--only", ",".join(names)])
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    for n in names:
        assert f"| {n} | ok |" in p.stdout
        if n in CHECKS: CHECKS[n](isolated/"runs"/"dry-run"/"full", isolated)
