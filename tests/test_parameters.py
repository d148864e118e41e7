"List, tuple, dict and bool parameters as papermill's `-p` passes them (text), read by `seqrl.core.configure`."
import dataclasses, importlib, json, pkgutil, subprocess

import pandas as pd
import pytest

from conftest import BIN, NBS, ROOT


def papermill(out, *args, timeout=300):
    "Run the example notebook through the papermill command line; return the finished process."
    cmd = [str(BIN/"papermill"), str(NBS/"experiments"/"example.ipynb"), str(out), "-p", "profile", "smoke", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_list_parameters_from_the_command_line(isolated):
    "`-p envs '[\"walker2d\"]' -p seeds '[3, 4]'` runs the smoke profile on exactly that environment and those seeds."
    r = papermill(isolated/"out.ipynb", "-p", "envs", '["walker2d"]', "-p", "seeds", "[3, 4]")
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    df = pd.read_csv(isolated/"figures"/"example"/"smoke"/"results.csv")
    assert set(df["task"]) == {"walker2d"}              # the smoke preset alone would run hopper, seed 0
    assert sorted(set(df["seed"])) == [3, 4]


def test_a_bare_word_for_a_list_fails_naming_the_parameter(isolated):
    r = papermill(isolated/"out.ipynb", "-p", "envs", "hopper", timeout=120)
    assert r.returncode != 0
    out = r.stdout + r.stderr
    assert "ExampleConfig: parameter 'envs' must be a list; got 'hopper'" in out, out[-4000:]
    assert "-p envs '[\"hopper\"]'" in out and "-y '{envs: [hopper]}'" in out      # the forms that work
    assert not (isolated/"figures"/"example").exists()                            # failed before running anything


def config_makers():
    "`(name, make(**overrides))` of every config: each dataclass with a `for_profile`, and each sweep experiment, at smoke."
    import seqrl
    out = []
    for m in pkgutil.walk_packages(seqrl.__path__, "seqrl."):
        try: mod = importlib.import_module(m.name)
        except ImportError: continue     # a module mid-move elsewhere in the checkout is not this test's business
        out += [(c.__name__, lambda c=c, **o: c.for_profile("smoke", **o)) for c in vars(mod).values()
                if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == mod.__name__ and hasattr(c, "for_profile")]
    from seqrl.sweep import experiments_dir, sweep_config
    from seqrl.skill_prior import hrl_config
    from seqrl.smart import smart_config
    from seqrl.mddt import mddt_config
    from seqrl.mddt_continual import continual_config
    makers = {"seqrl.mddt_continual.run_continual": ("continual", continual_config), "seqrl.sweep.run_sweep": ("sweep", sweep_config), "seqrl.skill_prior.run_hrl": ("hrl", hrl_config),
              "seqrl.smart.run_smart": ("smart", smart_config), "seqrl.mddt.run_mddt": ("mddt", mddt_config)}
    for f in sorted(experiments_dir().glob("*.json")):
        kind, maker = makers[json.loads(f.read_text())["runner"]]   # each experiment names the library call that runs its grid
        out.append((f"{kind} {f.stem}", lambda e=f.stem, maker=maker, **o: maker(e, "smoke", **o)))
    return out


def test_every_config_reads_its_own_values_as_text():
    "For every config and every list/tuple/dict/bool field, the smoke value given as JSON text gives the same config."
    from seqrl.core import param_kind
    makers, checked = config_makers(), set()
    assert {"ExampleConfig", "sweep tt_locomotion", "hrl ptgm_kitchen", "smart smart_dmc"} <= {n for n, _ in makers}
    for name, make in makers:
        cfg = make()
        for f in dataclasses.fields(cfg):
            if param_kind(f) is None or getattr(cfg, f.name) is None: continue
            text = json.dumps(getattr(cfg, f.name))
            assert make(**{f.name: text}) == cfg, (name, f.name, text)
            checked.add((name, param_kind(f)))
    assert {k for _, k in checked} == {list, tuple, dict, bool}      # every kind was met at least once


def test_the_documented_tt_locomotion_command():
    "The parameters of `papermill nbs/experiments/tt_locomotion.ipynb out.ipynb -p envs '[\"hopper\"]' ...`, as text."
    from seqrl.sweep import sweep_config
    cfg = sweep_config("tt_locomotion", "smoke", envs='["hopper"]', kinds="[medium]", methods='["bc"]', seeds="[0, 1]",
                       configs='{"bc": {"steps": 3}}')
    assert (cfg.envs, cfg.kinds, cfg.methods, cfg.seeds, cfg.configs) == (["hopper"], ["medium"], ["bc"], [0, 1], {"bc": {"steps": 3}})
    with pytest.raises(ValueError, match=r"SweepConfig: parameter 'kinds' must be a list; got 'medium'"):
        sweep_config("tt_locomotion", "smoke", kinds="medium")
