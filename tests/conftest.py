import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT/"nbs"
BIN = Path(sys.executable).parent


def notebooks(folder: str) -> list[Path]:
    "The runnable notebooks of `nbs/<folder>` (as the reproduce driver sees them)."
    d = NBS/folder
    return sorted(p for p in d.glob("*.ipynb") if not p.name.startswith(("_", "."))) if d.is_dir() else []


TOGETHER = {"mddt_finetune": ["mddt_continual"]}   # experiments run in one root with the first: they share its datasets and pretrained model


def leading(nbs: list[Path]) -> list[Path]:
    "`nbs` less those that run in the root of another (`TOGETHER`)."
    return [p for p in nbs if not any(p.stem in v for v in TOGETHER.values())]


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    "Send results, executed notebooks and datasets to a temporary folder, so tests never touch figures/ or data/."
    monkeypatch.setenv("SEQRL_FIGURES", str(tmp_path/"figures"))
    monkeypatch.setenv("SEQRL_RUNS", str(tmp_path/"runs"))
    monkeypatch.setenv("MINARI_DATASETS_PATH", str(tmp_path/"minari"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return tmp_path


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory):
    """The docs site, built once per test run from the real notebooks and figures (one library notebook executed, so
    a page shows executed outputs), shared by tests/test_docs.py and tests/test_browser.py. Under xdist the first
    worker to need it builds it and the others wait for it (a file lock in the run's shared temporary folder)."""
    import os, types
    from filelock import FileLock
    from seqrl.docs import build_docs
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = shared/"docs_site"
    site = types.SimpleNamespace(site=out/"site", build=out/"build", executed=["02_trajectories"])
    with FileLock(str(shared/"docs_site.lock")):
        if (out/"failed").is_file(): pytest.fail("the docs build failed (in another worker):\n" + (out/"failed").read_text())
        if not (out/"built").is_file():
            try:
                build_docs(ROOT, site.site, force=True, execute=site.executed, build_dir=site.build, figures=ROOT/"figures")
            except Exception as e:
                out.mkdir(parents=True, exist_ok=True); (out/"failed").write_text(f"{type(e).__name__}: {e}")
                raise
            (out/"built").write_text("ok")
    return site
