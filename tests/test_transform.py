"""The transform package: every topic module's public names re-exported, each defined once, and
every ``transform.X`` the notebooks call still there (the topic tests live in test_transform_<topic>.py)."""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re

import nbformat

from analysis import transform
from analysis.build import numbered_notebooks


def topic_modules():
    return [importlib.import_module(f"analysis.transform.{m.name}")
            for m in pkgutil.iter_modules(transform.__path__)]


def public_names(module):
    """Functions and constants defined at the top of ``module`` itself (not those it imports)."""
    tree = ast.parse(inspect.getsource(module))
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    names |= {target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets}
    return {name for name in names if not name.startswith("_")}


def test_every_public_name_of_every_topic_module_is_re_exported_once():
    seen = {}
    for module in topic_modules():
        for name in public_names(module):
            assert name not in seen, f"{name} defined in both {seen[name]} and {module.__name__}"
            seen[name] = module.__name__
            assert getattr(transform, name) is getattr(module, name), name
            assert name in transform.__all__, name
    # cite_publishers is the one name kept for old code: it lives in analysis.credit (the source line)
    assert len(seen) > 40 and set(transform.__all__) == set(seen) | {"cite_publishers"}
    assert transform.cite_publishers is importlib.import_module("analysis.credit").cite_publishers


def test_every_transform_name_the_notebooks_call_exists():
    called = set()
    for path in numbered_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                called |= set(re.findall(r"\btransform\.([A-Za-z_]\w*)", cell.source))
    assert {"select_events", "with_implied_values", "russia_share_by_year"} <= called  # the scan works
    assert sorted(name for name in called if not hasattr(transform, name)) == []
