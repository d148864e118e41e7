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


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    "Send results, executed notebooks and datasets to a temporary folder, so tests never touch figures/ or data/."
    monkeypatch.setenv("SEQRL_FIGURES", str(tmp_path/"figures"))
    monkeypatch.setenv("SEQRL_RUNS", str(tmp_path/"runs"))
    monkeypatch.setenv("MINARI_DATASETS_PATH", str(tmp_path/"minari"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return tmp_path
