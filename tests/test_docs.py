"`make docs` builds the site offline: a page for every notebook with its examples' outputs, each experiment's and benchmark's results with their parameters, a short results summary, the front page's results."
import html, json, re

from conftest import NBS, ROOT
from seqrl.docs import RESULT_PROFILES, api_anchors, page_path, readme_text, result_folders, run_provenance

FIGURES = ROOT/"figures"


def _text(page) -> str:
    "What a reader sees of an HTML page: tags dropped, entities decoded."
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text()))


def test_site_has_a_page_for_every_notebook(docs_site):
    site = docs_site.site
    assert "make reproduce" in (site/"index.html").read_text()
    nbs = [p for p in NBS.rglob("*.ipynb") if not any(s.startswith(("_", ".")) for s in p.relative_to(NBS).parts)]
    assert len(nbs) >= 5
    for nb in nbs:
        page = site/page_path(nb, NBS).with_suffix(".html")
        assert page.is_file(), f"no page for {nb.relative_to(ROOT)}"
        title = next(("".join(c["source"]).splitlines()[0][2:] for c in json.loads(nb.read_text())["cells"]
                      if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("# ")), None)
        assert title and title.split(":")[0] in page.read_text(), f"{page} lacks its title {title!r}"
    # every exported function and class has its API entry on its page
    for page, ids in api_anchors(ROOT).items():
        text = (site/page).read_text()
        missing = [i for i in ids if f'id="{i}"' not in text]
        assert not missing, f"{page} has no API entry for {missing}"
    # no request leaves the machine when a page is opened: no web fonts, no CDN scripts
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert not re.search(r'src="https?://|<link[^>]*href="https?://', text), f"{page} loads a remote resource"


def test_library_page_shows_the_outputs_of_its_executed_examples(docs_site):
    "The notebook the site build executed (02_trajectories): outputs its committed copy lacks are on its page."
    (name,) = docs_site.executed
    committed = json.loads((NBS/f"{name}.ipynb").read_text())
    ran = [json.loads(p.read_text()) for p in (docs_site.build/"executed").glob(f"{name}.*.ipynb")]
    assert len(ran) == 1, f"the executed copy of {name} is not in the build's cache"
    before = {c["id"]: c.get("outputs") for c in committed["cells"] if c["cell_type"] == "code"}
    new = []
    for c in ran[0]["cells"]:
        if c["cell_type"] != "code" or before.get(c["id"]): continue
        for o in c.get("outputs", []):
            t = "".join(o.get("text") or o.get("data", {}).get("text/plain") or "")
            new += [ln.strip() for ln in t.splitlines() if len(ln.strip()) > 3][:1]
    assert new, f"executing {name} gave no output its committed notebook lacks"
    page = _text(docs_site.site/page_path(NBS/f"{name}.ipynb", NBS).with_suffix(".html"))
    missing = [ln for ln in new if ln not in page]
    assert not missing, f"the page of {name} lacks executed outputs {missing[:3]}"


def test_result_pages_show_tables_figures_and_parameters(docs_site):
    "Each experiment and benchmark page shows, per profile with results, its run's commit, parameters, tables and figures; no image is swallowed by a table."
    checked = 0
    for nb in sorted((NBS/"experiments").glob("*.ipynb")) + sorted((NBS/"benchmarks").glob("*.ipynb")):
        page = docs_site.site/page_path(nb, NBS).with_suffix(".html")
        text = page.read_text()
        for table in re.findall(r"<table.*?</table>", text, re.S):
            assert "<img" not in table, f"{page.name}: an image inside a table"
        for folder in result_folders(nb, NBS):
            for profile in RESULT_PROFILES:
                d = FIGURES/folder/profile
                if not d.is_dir(): continue
                checked += 1
                prov = run_provenance(d)
                assert prov.get("git_sha", "")[:10] in text, f"{page.name}: no commit of {d.relative_to(ROOT)}"
                for k in (prov.get("params") or {}):
                    assert k in text, f"{page.name}: parameter {k!r} of {d.relative_to(ROOT)} not shown"
                for png in d.glob("*.png"):
                    name = f"{folder.replace('/', '_')}_{profile}_{png.name}"
                    assert f'src="{page.stem}_files/{name}"' in text, f"{page.name}: figure {png.name} of {d.relative_to(ROOT)} not shown"
                for md in d.glob("*.md"):
                    head = next(ln for ln in md.read_text().splitlines() if ln.startswith("|"))
                    cells = [c.strip() for c in head.strip("|").split("|")]
                    assert all(html.escape(c, quote=False) in text for c in cells), f"{page.name}: table {md.name} of {d.relative_to(ROOT)} not shown"
    assert checked >= 3, "fewer than three result folders were checked: are figures/ there?"
    tt = (docs_site.site/"experiments"/"tt_locomotion.html").read_text()
    assert "beam_width" in tt and "All parameters" in tt


def test_results_summary_is_short_and_says_where_each_result_comes_from(docs_site):
    text = (docs_site.site/"summary.html").read_text()
    assert len(re.findall(r"<tr>", text)) < 200, "the results summary is a dump, not a summary"
    assert "commit unknown" not in text and "run ?" not in text
    for d in sorted(p for p in FIGURES.iterdir() if p.is_dir() and p.name not in ("summary", "benchmarks", "docs")):
        best = next((d/p for p in RESULT_PROFILES if (d/p/"results.csv").is_file()), None)
        if best is None: continue
        assert f'id="{d.name}"' in text, f"the summary has no section for {d.name}"
        assert run_provenance(best)["git_sha"][:10] in text, f"the summary's {d.name} does not name its commit"
    assert "return_mean" not in text, "dataset statistics belong on the datasets page"


def test_front_page_results_replace_the_marker(docs_site):
    index = json.loads((NBS/"index.ipynb").read_text())
    if not any("seqrl:results" in "".join(c["source"]) for c in index["cells"]): return
    text = (docs_site.site/"index.html").read_text()
    assert "seqrl:results" not in text
    from seqrl.report import front_page
    for src in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", front_page("quick", FIGURES)):
        name = re.sub(r"[^\w.-]", "_", src)
        assert f'src="index_files/{name}"' in text, f"index.html does not show the front page's image {src}"


def test_readme_fills_the_results_marker(tmp_path, monkeypatch):
    import seqrl.report
    monkeypatch.setattr(seqrl.report, "front_page", lambda profile="quick", figures=None: f"| results at {profile} |\n|---|\n", raising=False)
    nb = tmp_path/"index.ipynb"
    nb.write_text(json.dumps(dict(cells=[dict(cell_type="markdown", source="# T\n\n<!-- seqrl:results cpu -->\n\nAfter.")])))
    text = readme_text(nb)
    assert "| results at cpu |" in text and "seqrl:results" not in text and "After." in text
