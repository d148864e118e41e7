"The house of DESIGN.md, checked from the source: no import cycles, lower floors never import higher ones, and the models, the buffer and the trainer never pull in a simulator."
import ast, subprocess, sys

import pytest

from conftest import ROOT

PKG = ROOT/"seqrl"

# the floors (../shared/DESIGN.md, "The house"): a module may import modules on its own floor or below, never above
FLOORS = {
    0: ["core", "safeio", "tokenizer", "transformer"],
    1: ["trajectories", "train", "envs"],
    2: ["buffer", "peft", "rollout", "objectives"],
    3: ["models", "models.common", "models.tt", "models.dt", "models.bc", "models.ptgm", "models.smart", "models.mddt", "formats", "zoo", "kitchen", "rl"],
    4: ["suites", "planner", "methods", "evaluate", "continual"],
    5: ["sweep", "report", "skill_prior", "smart", "mddt", "mddt_continual"],
    6: ["reproduce", "docs", "explore", "browser", "example", "bench", "bench.envs", "bench.data", "bench.buffer", "bench.train", "bench.planner", "bench.kitchen", "bench.hrl", "bench.pixels", "bench.mddt"],
}
FLOOR = {f"seqrl.{m}": f for f, ms in FLOORS.items() for m in ms} | {"seqrl": 0}
SIMULATORS = ("gymnasium", "mujoco", "dm_control", "metaworld", "gymnasium_robotics")


def modules() -> dict:
    out = {}
    for p in PKG.rglob("*.py"):
        if p.name == "_modidx.py": continue
        name = ".".join(p.relative_to(ROOT).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = p
    return out


def imports(name: str, path) -> set:
    "Every seqrl module `name` imports, at module level or inside a function (a lazy import is still an edge of the house)."
    mods, found = modules(), set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:   # relative: from the module's package (a package's __init__ is its own package)
                parts = name.split(".") + (["__init__"] if path.name == "__init__.py" else [])
                base = ".".join(parts[:-node.level] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in mods and m != name}


def graph() -> dict:
    return {n: imports(n, p) for n, p in modules().items()}


def test_no_import_cycles():
    g, state, cycles = graph(), {}, []
    def visit(u, path):
        state[u] = "open"
        for v in sorted(g[u]):
            if state.get(v) == "open": cycles.append(" -> ".join(path[path.index(v):] + [v]))
            elif v not in state: visit(v, path + [v])
        state[u] = "done"
    for u in sorted(g):
        if u not in state: visit(u, [u])
    assert not cycles, "import cycle(s) in seqrl:\n" + "\n".join(cycles)


def test_every_module_has_a_floor_and_lower_floors_never_import_higher_ones():
    g = graph()
    unplaced = sorted(set(g) - set(FLOOR))
    assert not unplaced, f"modules with no floor in tests/test_house.py: {unplaced} (place them in FLOORS, as in DESIGN.md)"
    up = [f"{a} (floor {FLOOR[a]}) imports {b} (floor {FLOOR[b]})" for a, bs in g.items() for b in bs if FLOOR[b] > FLOOR[a]]
    assert not up, "imports up the house:\n" + "\n".join(sorted(up))


def test_no_import_through_strings():
    "No module finds another through `importlib` to get around the floors (the trainer's spec builder is the one plugin point)."
    allowed = {"seqrl.train"}   # `build(spec)`: the spec names its builder, e.g. "seqrl.methods:build", for torchrun
    users = [n for n, p in modules().items() if "import_module(" in p.read_text() and n not in allowed]
    assert not users, f"modules importing through strings: {users}"


@pytest.mark.parametrize("mod", ["seqrl.models.common", "seqrl.models.tt", "seqrl.models.dt", "seqrl.models.bc", "seqrl.models.mddt", "seqrl.methods",
                                 "seqrl.buffer", "seqrl.tokenizer", "seqrl.transformer", "seqrl.train", "seqrl.trajectories", "seqrl.peft"])
def test_importing_a_model_or_the_core_imports_no_simulator(mod):
    code = f"import sys, {mod}; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({SIMULATORS!r})))"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.strip() == "[]", f"importing {mod} imports {p.stdout.strip()}"


def test_a_planted_lazy_upward_import_is_reported(tmp_path):
    "The checks fail when the house breaks: an import of a higher floor inside a function is an edge, and is reported."
    f = tmp_path/"trajectories.py"
    f.write_text("import numpy as np\n\ndef later():\n    from seqrl.suites import build_suite\n    return build_suite\n")
    g = graph() | {"seqrl.trajectories": imports("seqrl.trajectories", f)}
    assert g["seqrl.trajectories"] == {"seqrl.suites"}
    assert [a for a, bs in g.items() for b in bs if FLOOR[b] > FLOOR[a]] == ["seqrl.trajectories"]


def _name_tests(src: str, names) -> list[str]:
    "Comparisons (`==`, `!=`, `in`) of anything with a literal method name, in source `src`."
    out = []
    for n in ast.walk(ast.parse(src)):
        if isinstance(n, ast.Compare):
            lits = [c for c in [n.left, *n.comparators] for c in ([c] if not isinstance(c, (ast.Tuple, ast.List, ast.Set)) else c.elts)]
            hit = [c.value for c in lits if isinstance(c, ast.Constant) and c.value in names]
            if hit: out.append(f"line {n.lineno}: {ast.unparse(n)}")
    return out


def test_no_experiment_sweep_or_evaluation_code_branches_on_a_method_name():
    import json
    from seqrl.methods import METHODS
    sources = {f"seqrl/{m}.py": (PKG/f"{m}.py").read_text() for m in ("sweep", "evaluate", "rollout", "reproduce", "report", "explore")}
    for nb in sorted((ROOT/"nbs"/"experiments").glob("*.ipynb")):
        cells = json.loads(nb.read_text())["cells"]
        sources[str(nb.relative_to(ROOT))] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    found = {f: hits for f, s in sources.items() if (hits := _name_tests(s, set(METHODS)))}
    assert not found, f"code that decides by a method's name (look it up in seqrl.methods instead): {found}"
    assert _name_tests('if method == "tt": pass', {"tt"})   # the check sees one
