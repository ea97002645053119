"""End to end, as readers meet the package: JupyterLab and the HTML editions in a real browser.

Run with ``make e2e`` (it installs Debian's ``chromium`` and a CJK font first). The file is not
named ``test_*.py`` so the default test run (``make test``) does not collect it: it needs the
system browser, which a developer's machine may not have.

JupyterLab runs from this environment on 127.0.0.1 (a free port, a random token, no browser),
on a copy of ``notebooks/`` with its own settings, figures and runtime folders, so nothing in the
working tree changes. Headless Chromium (the system one, driven by Playwright: no browser is
downloaded) opens every notebook, runs all cells through the menu and checks what a reader sees.
Screenshots go to ``tests/e2e/screenshots/`` (git-ignored).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import sync_playwright

from analysis.build import numbered_notebooks
from analysis.paths import FIGURES_DIR_ENV, NOTEBOOKS_DIR
from analysis.publish import PLACEHOLDER, SOLUTION_TAG, student_version

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
NOTEBOOKS = [p.name for p in numbered_notebooks()]
LAB_START_S, NOTEBOOK_RUN_S = 90, 240
# JupyterLab settings for the test: every cell in the DOM (no windowing, so all outputs can be
# checked) and no news or update checks (no network, no pop-up over the notebook).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}
TRUNCATED = ("...", "…")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stored(name: str):
    return nbformat.read(NOTEBOOKS_DIR / name, as_version=4)


def image_count(nb) -> int:
    return sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def title_of(nb) -> str:
    """The notebook's title: the text of its first level-1 heading."""
    for cell in nb.cells:
        heading = re.search(r"^# (.+)$", cell.source, re.M) if cell.cell_type == "markdown" else None
        if heading:
            return heading.group(1).strip()
    raise AssertionError("the notebook has no level-1 heading")


def fonts_covering(char: str) -> set[str]:
    """Every family name (all languages' spellings) of the installed fonts that have ``char``."""
    listing = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True,
                             check=True).stdout
    return {name.strip() for line in listing.splitlines() for name in line.split(",") if name.strip()}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``(base url, token)`` of a JupyterLab serving a copy of the notebooks; stopped afterwards."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(NOTEBOOKS_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for relative, values in LAB_SETTINGS.items():
        (root / "settings" / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / "settings" / relative).write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"), "JUPYTER_CONFIG_DIR": str(root / "config"),
           "JUPYTER_RUNTIME_DIR": str(root / "runtime"), FIGURES_DIR_ENV: str(root / "figures")}
    log = open(root / "lab.log", "wb")  # noqa: SIM115 (closed below, after the server stops)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", "--allow-root",
         f"--ServerApp.root_dir={root / 'notebooks'}"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/api/status?token={token}", server, root / "lab.log")
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_for(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + LAB_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"JupyterLab exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"JupyterLab did not answer within {LAB_START_S} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The HTML export and the student edition, made by the package's own commands."""
    out = tmp_path_factory.mktemp("editions")
    for command in ("html", "student"):
        subprocess.run([sys.executable, "-m", "analysis", command, "--out", str(out / command)], check=True,
                       capture_output=True)
    return out


def run_all_cells(page, nb) -> None:
    """Run > Run All Cells, then wait until every code cell has run or one shows an error."""
    # The status bar says "Python 3 (ipykernel) | Idle" once the kernel is connected (the
    # toolbar's indicator already says idle before a kernel exists, and cells run then are lost).
    page.wait_for_function("() => /\\) \\| Idle/.test(document.querySelector('.jp-StatusBar-Widget')?.innerText)",
                           timeout=LAB_START_S * 1000)
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    code_cells = sum(c.cell_type == "code" for c in nb.cells)
    deadline = time.monotonic() + NOTEBOOK_RUN_S
    while time.monotonic() < deadline:
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        done = sum(bool(re.fullmatch(r"\[\d+\]:", p.strip())) for p in prompts)
        if done == code_cells or errors_shown(page):
            return
        time.sleep(0.5)
    raise AssertionError(f"{done} of {code_cells} code cells ran within {NOTEBOOK_RUN_S} s")


def errors_shown(page) -> list[str]:
    """Text of every error or stderr output; the notebooks write neither when they work."""
    return page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()


def loaded_images(page, selector: str) -> tuple[int, int]:
    """(images found, images that loaded and have a size)."""
    return tuple(page.evaluate("""selector => {
        const images = [...document.querySelectorAll(selector)];
        return [images.length, images.filter(i => i.complete && i.naturalWidth > 0).length];
    }""", selector))


def rendering_fonts(page, text: str) -> set[str]:
    """Families Chromium actually used to draw the first table cell containing ``text``."""
    found = page.evaluate("""text => {
        const cell = [...document.querySelectorAll('.jp-Notebook td')].find(td => td.textContent.includes(text));
        if (cell) cell.setAttribute('data-e2e-font-probe', text);
        return Boolean(cell);
    }""", text)
    assert found, f"no table cell shows {text!r}"
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    document = cdp.send("DOM.getDocument", {"depth": -1})
    node = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"],
                                          "selector": f"[data-e2e-font-probe='{text}']"})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    cdp.detach()
    return {font["familyName"] for font in fonts if font["glyphCount"] > 0}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(lab, page, name):
    base, token = lab
    nb = stored(name)
    page.goto(f"{base}/lab/tree/{name}?token={token}&reset")
    run_all_cells(page, nb)
    SCREENSHOTS.mkdir(exist_ok=True)
    figures = page.locator(".jp-Notebook .jp-RenderedImage img")
    if figures.count():
        figures.first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"{Path(name).stem}.png"))

    errors = errors_shown(page)
    assert not errors, f"{name} shows an error: {errors[0][:2000]}"
    assert loaded_images(page, ".jp-Notebook .jp-RenderedImage img") == (image_count(nb),) * 2, \
        "every figure of the stored notebook is displayed"
    if name.startswith("02_"):
        check_scripts_render(page)
        check_full_positions_text(page, nb)


def check_full_positions_text(page, nb) -> None:
    """The positions side by side: long statements shown whole, not cut with an ellipsis."""
    cells = page.locator(".jp-Notebook .jp-Cell")
    positions = [i for i, c in enumerate(nb.cells) if "positions_side_by_side(" in c.source and c.cell_type == "code"]
    assert positions, "02 has no positions table"
    for index in positions:
        texts = [t.strip() for t in cells.nth(index).locator("td").all_inner_texts()]
        assert texts, f"cell {index} shows no table"
        cut = [t for t in texts if t.endswith(TRUNCATED)]
        assert not cut, f"positions table (cell {index}) cuts text: {cut[:2]}"


def check_scripts_render(page) -> None:
    """Japanese and Russian names are drawn with fonts that have their glyphs (no empty boxes)."""
    for sample in ("択捉島", "Итуруп"):
        used = rendering_fonts(page, sample)
        covering = fonts_covering(sample[0])
        assert used & covering, f"{sample} drawn with {used}, none of which has it (fonts with it: {covering})"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_html_export_shows_figures_and_title(editions, page, name):
    nb = stored(name)
    page.goto((editions / "html" / f"{Path(name).stem}.html").as_uri())
    assert loaded_images(page, "img") == (image_count(nb),) * 2
    assert_title(page, nb)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_student_edition_has_no_solutions(editions, page, name):
    nb = stored(name)
    solutions = [c.source.strip() for c in nb.cells if SOLUTION_TAG in c.metadata.get("tags", [])]
    page.goto((editions / "student" / f"{Path(name).stem}.html").as_uri())
    student_code = code_shown(page)
    shown = [s for s in solutions if s in student_code]
    assert not shown, f"the student edition shows a solution: {shown[0][:200]!r}"
    assert student_code.count(PLACEHOLDER.strip()) == len(solutions)
    assert loaded_images(page, "img") == (image_count(student_version(nb)),) * 2
    assert_title(page, nb)
    page.goto((editions / "html" / f"{Path(name).stem}.html").as_uri())
    teacher_code = code_shown(page)
    assert all(s in teacher_code for s in solutions), \
        "the teacher edition shows its solutions (so their absence above means something)"


def code_shown(page) -> str:
    """The code of every code cell on an exported page, as the reader sees it."""
    return "\n".join(t.strip() for t in page.locator(".jp-CodeCell .jp-InputArea-editor").all_inner_texts())


def assert_title(page, nb) -> None:
    """The page is titled by the notebook's heading (its number, "01 · ", may be left out)."""
    title, heading = page.title().strip(), title_of(nb)
    assert re.sub(r"^\d+\s*·\s*", "", heading) in title, f"page title {title!r}, notebook title {heading!r}"
