"The notebooks are the source of truth: the package, the clean notebooks and the README must agree with them."
import shutil, subprocess

from conftest import BIN, NBS, ROOT, notebooks
from seqrl.docs import readme_text
from seqrl.reproduce import check_parameters

SKIP = {"__pycache__", ".ipynb_checkpoints"}


def _snapshot(root):
    files = [root/"pyproject.toml", root/"README.md"]
    for d in ("nbs", "seqrl"):
        files += [p for p in (root/d).rglob("*") if p.is_file() and not SKIP & set(p.parts)]
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def test_export_and_clean_change_nothing(tmp_path):
    proj = tmp_path/"proj"
    proj.mkdir()
    for f in ("pyproject.toml", "README.md"): shutil.copy(ROOT/f, proj/f)
    for d in ("nbs", "seqrl"): shutil.copytree(ROOT/d, proj/d, ignore=shutil.ignore_patterns(*SKIP))
    before = _snapshot(proj)
    for cmd in ("nbdev-export", "nbdev-clean"):
        subprocess.run([str(BIN/cmd)], cwd=proj, check=True, capture_output=True)
    after = _snapshot(proj)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"nbdev-export / nbdev-clean changed {changed}: run `make export` and commit"
    # the `parameters` tag of every experiment notebook survived nbdev-clean
    for nb in notebooks("experiments") + notebooks("benchmarks"):
        assert check_parameters(proj/nb.relative_to(ROOT))["profile"] in ("smoke", "quick", "cpu", "full")


def test_readme_is_rendered_from_index():
    assert (ROOT/"README.md").read_text() == readme_text(NBS/"index.ipynb"), "README.md is stale: run `make readme`"


def test_nbdev3_layout():
    assert not (ROOT/"settings.ini").exists(), "nbdev 3 refuses to run beside a settings.ini"
    text = (ROOT/"pyproject.toml").read_text()
    assert 'allowed_cell_metadata_keys = ["tags"]' in text and "slow" in text and "gpu" in text
