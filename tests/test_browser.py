"The docs site and the explorer notebooks in a real browser (headless Chromium over the DevTools protocol): every page loads with its images, links and API entries and no script error; the checker sees planted faults; each explorer runs in JupyterLab and shows its widgets. Screenshots go to figures/docs/."
import re, shutil

import pytest

from conftest import NBS, ROOT, notebooks
from seqrl.browser import Chromium, check_site, ensure_chromium, jupyter_lab, run_in_lab
from seqrl.docs import api_anchors

SHOTS = ROOT/"figures"/"docs"


@pytest.fixture(scope="session")
def chromium():
    "Debian's chromium, installed first when it is missing and we may (root with apt-get); else the browser tests skip."
    path = ensure_chromium()
    if not path: pytest.skip("no Chromium: run `apt-get install -y chromium` as root (or set $SEQRL_CHROMIUM to a Chromium binary)")
    return path


def test_every_docs_page_loads_clean_in_chromium(docs_site, chromium):
    shots = {"index.html": SHOTS/"docs_index.png", "experiments/tt_locomotion.html#results": SHOTS/"docs_tt_locomotion.png",
             "planner.html": SHOTS/"docs_planner.png"}
    problems = check_site(docs_site.site, expect_ids=api_anchors(ROOT), screenshots=shots)
    assert not problems, f"{len(problems)} problem(s) on the docs site:\n" + "\n".join(problems[:40])
    for png in shots.values():
        assert png.stat().st_size > 30_000, f"{png} looks empty"


def test_the_checker_reports_a_broken_image_and_a_broken_link(docs_site, chromium, tmp_path):
    site = tmp_path/"site"
    shutil.copytree(docs_site.site, site)
    page = site/"experiments"/"tt_locomotion.html"
    img = re.search(r'<img[^>]*src="(tt_locomotion_files/[^"]+\.png)"', page.read_text()).group(1)
    (page.parent/img).unlink()
    core = site/"core.html"
    core.write_text(core.read_text().replace('href="tokenizer.html"', 'href="tokeniser.html"', 1))
    problems = check_site(site, pages=["experiments/tt_locomotion.html", "core.html"])
    assert any(p.startswith("experiments/tt_locomotion.html: image did not load") and img in p for p in problems), problems
    assert any(p.startswith("core.html: broken link tokeniser.html (HTTP 404)") for p in problems), problems
    assert all(img in p or "tokeniser.html" in p for p in problems), f"unexpected problems: {problems}"


def test_explorer_notebooks_run_in_jupyterlab(chromium, tmp_path):
    "Each explorer, as committed (profile quick), opened in JupyterLab and run: no cell fails and its widgets render. The results and data folders are empty temporary ones, so the explorers make the smoke example first, as on a fresh clone."
    explorers = notebooks("explore")
    assert explorers, "no explorer notebooks in nbs/explore"
    env = dict(SEQRL_RUNS=str(tmp_path/"runs"), SEQRL_FIGURES=str(tmp_path/"figures"), MINARI_DATASETS_PATH=str(tmp_path/"minari"), OMP_NUM_THREADS="1")
    with jupyter_lab(NBS, env=env) as lab, Chromium(height=1100) as b:
        for nb in explorers:
            errors = run_in_lab(b, lab, nb.relative_to(NBS).as_posix(), wait=".jupyter-widgets", timeout=180)
            assert b.scroll_to(".jp-OutputArea-output .jupyter-widgets"), f"{nb.name}: no widget in its outputs"
            b.screenshot(SHOTS/f"lab_{nb.stem}.png")
            assert not errors, f"{nb.name} failed in JupyterLab:\n" + "\n---\n".join(errors)
            assert b.eval("document.querySelectorAll('.jp-OutputArea-output img, .jupyter-widgets img').length") > 0, f"{nb.name}: shows no image"
