"`make docs` builds the site offline, with a page for every notebook."
import json, re

from conftest import NBS, ROOT
from seqrl.docs import build_docs, page_path


def test_site_has_a_page_for_every_notebook(isolated):
    index = build_docs(ROOT, isolated/"site", force=True)
    site = index.parent
    assert index.is_file() and "make reproduce" in index.read_text()
    nbs = [p for p in NBS.rglob("*.ipynb") if not any(s.startswith(("_", ".")) for s in p.relative_to(NBS).parts)]
    assert len(nbs) >= 5
    for nb in nbs:
        page = site/page_path(nb, NBS).with_suffix(".html")
        assert page.is_file(), f"no page for {nb.relative_to(ROOT)}"
        title = next(("".join(c["source"]).splitlines()[0][2:] for c in json.loads(nb.read_text())["cells"]
                      if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("# ")), None)
        assert title and title.split(":")[0] in page.read_text(), f"{page} lacks its title {title!r}"
    core = (site/"core.html").read_text()
    for name in ("seed_everything", "atomic_write", "provenance"):
        assert f'id="{name}"' in core, f"core.html has no API entry for {name}"
    # no request leaves the machine when a page is opened: no web fonts, no CDN scripts
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r'src="https?://|<link[^>]*href="https?://', html), f"{page} loads a remote resource"
