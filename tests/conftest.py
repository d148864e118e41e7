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
