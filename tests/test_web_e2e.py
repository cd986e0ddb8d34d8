"""The web pages end to end, in a real browser: the system's headless Chromium driven by
Playwright (no browser download), against the application served by uvicorn on a SQLite store of
the sample articles and of the articles of ``test_api.py`` (a hostile one among them), extracted
by the real model.

An analyst searches for a service, opens its page, reads its relations with their sources, opens
its network graph and clicks a node, shares a filtered graph by its address, follows an evidence
sentence to its article, where the sentence is highlighted, grades a claim, reads a contested
claim with both its sides, is refused a merge of a person with a service, and uploads an
article; the hostile article's scripts never run. The store also holds the hand-written corpus
of ``test_queries.py`` and an article in which one of its people denies a meeting another
outlet reported (``test_claims.denial``). Each page is saved as a screenshot in ``test-artifacts/`` (and in the folder named by
``VEILLE_SCREENSHOTS`` when set: ``VEILLE_SCREENSHOTS=docs/screenshots`` refreshes the README's).
"""

import copy
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests import test_queries
from tests.test_api import ARTICLES, UPLOADED, write_articles
from tests.test_claims import MEETS, denial
from veille.prepare.read import read_paths
from veille.pipeline import Pipeline, Report
from veille.settings import Settings
from veille.store import Store
from veille.store.ingest import ingest, store_document

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
uvicorn = pytest.importorskip("uvicorn")
if not CHROMIUM.exists():
    pytest.skip("no system Chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.model


# ---------------------------------------------------------------- the server and the browser

@pytest.fixture(scope="module")
def store_url(nlp_model, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("articles")
    write_articles(folder, ARTICLES)
    report = Report()
    pipeline = Pipeline(Settings(), model=nlp_model)
    docs = list(pipeline.extract(read_paths([str(REPO / "samples"), str(folder)], Settings()), report))
    assert not report.failures
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.db'}"
    with Store.open(url) as store:
        ingest(store, copy.deepcopy(docs))
        for doc in [*test_queries.corpus(), denial("X", "Jeune Afrique")]:     # built by hand: a contested claim
            store_document(store, doc)
    return url


@pytest.fixture(scope="module")
def base_url(store_url, nlp_model):
    """The application served by uvicorn in a thread, on a free port of the loopback."""
    from veille.web import create_app
    app = create_app(store_url, token="", pipeline=lambda settings: Pipeline(settings, model=nlp_model))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page that records dialogs and script errors, and fails the test on either."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    opened.dialogs, opened.errors = [], []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()
    assert not opened.dialogs, f"a dialog opened: {opened.dialogs}"
    assert not opened.errors, f"script errors: {opened.errors}"


def screenshot(page, name: str) -> None:
    """Save the whole page as test-artifacts/<name>.png (and in $VEILLE_SCREENSHOTS)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    extra = os.environ.get("VEILLE_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / path.name)


def open_service(page, name: str = test_queries.OFFICIAL_DGSE) -> str:
    """Search for a service from the home page and open its page; its canonical id."""
    page.goto("/")
    screenshot(page, "home")
    page.fill(".big-search input[name=q]", name)
    page.press(".big-search input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    result = page.locator(".entity-result .chip.k-intelligence_service", has_text=name).first
    result.wait_for()
    screenshot(page, "search")
    result.click()
    page.wait_for_url("**/entities/*")
    return page.url.rsplit("/", 1)[-1]


# ---------------------------------------------------------------- the analyst's path

def test_search_a_service_and_read_its_relations_with_their_sources(page):
    canonical = open_service(page)
    assert test_queries.OFFICIAL_DGSE in page.locator("h1.entity-name").inner_text()
    assert page.locator(".type-label").first.inner_text().lower().startswith("org")
    statements = page.locator(".relation-group .statement")
    assert statements.count() >= 3
    first = statements.first
    assert first.locator(".outlet").inner_text()                       # an outlet, or "unknown outlet"
    assert first.locator(".said").first.inner_text()                   # who says so
    assert first.locator(".evidence a").inner_text().strip()           # the sentence
    assert page.locator(".grade").count() >= 1                          # each link with its grade
    assert canonical.startswith("org-")
    screenshot(page, "entity")


def test_the_graph_shows_the_neighbourhood_and_a_node_opens_its_page(page):
    open_service(page)
    page.click("text=Network graph")
    page.wait_for_url("**/graph")
    page.wait_for_function("() => window.veilleGraph && window.veilleGraph.nodes().length > 1")
    nodes = page.evaluate("window.veilleGraph.nodes().length")
    edges = page.evaluate("window.veilleGraph.edges().length")
    assert nodes >= 3 and edges >= 2
    assert page.locator("#graph canvas").count() >= 1
    page.select_option("select[name=depth]", "2")                        # two links away
    page.click("#graph-filters button[type=submit]")
    page.wait_for_function(f"() => window.veilleGraph.nodes().length > {nodes}")
    screenshot(page, "graph")

    page.uncheck("input[name=type][value=part_of]")                    # filters ask the API again
    page.select_option("select[name=min_grade]", "3")
    page.click("#graph-filters button[type=submit]")
    page.wait_for_function("() => document.getElementById('graph-status').textContent.includes('entities')")
    kept = page.evaluate("window.veilleGraph.edges().map(e => e.data('id').split(':')[0])")
    assert "part_of" not in kept

    target = page.evaluate("""() => {
        const node = window.veilleGraph.nodes().filter(n => !n.hasClass('centre'))[0];
        const box = document.getElementById('graph').getBoundingClientRect();
        const at = node.renderedPosition();
        return {id: node.id(), x: box.left + at.x, y: box.top + at.y};
    }""")
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(f"**/entities/{target['id']}")
    assert page.locator("h1.entity-name").inner_text()


def test_an_evidence_sentence_opens_its_article_highlighted(page):
    open_service(page)
    told = page.locator(".relation-group .statement", has_text="Maghreb Veille Hebdo").first
    evidence = told.locator(".evidence a")
    sentence = " ".join(evidence.inner_text().replace("↗", "").split())
    evidence.click()
    page.wait_for_url("**/documents/*")
    mark = page.locator("mark#hl")
    mark.wait_for()
    assert mark.is_visible()
    highlighted = page.evaluate("Array.from(document.querySelectorAll('mark.hl'), m => m.textContent).join('')")
    assert " ".join(highlighted.split()) == sentence
    assert page.locator(".fact.selected").count() == 1                  # the fact, beside the text
    assert page.locator("#text .mention").count() >= 3                   # entity mentions highlighted
    screenshot(page, "document")


def test_a_hostile_article_is_shown_and_never_run(page):
    page.goto("/?q=alerte")
    page.locator(".doc-title", has_text="Alerte").click()
    page.wait_for_url("**/documents/*")
    text = page.locator("#text").inner_text()
    assert '<script>window.__pwned = true; alert("xss")</script>' in text
    assert '<img src=x onerror="window.__pwned=true;alert(2)">' in text
    assert page.locator(".article-title").inner_text().startswith("Alerte <script>")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#text img, #text script, .article-title script").count() == 0
    screenshot(page, "hostile")
    page.locator("#text a.mention", has_text="Hervé Lambert").first.click()      # where the evidence shows too
    page.wait_for_url("**/entities/*")
    page.locator(".evidence", has_text="onerror").first.wait_for()
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_timeline_and_claims_with_a_grade_override(page):
    page.goto("/timeline")
    assert page.locator(".timeline .event").count() >= 3
    screenshot(page, "timeline")
    page.goto("/claims")
    rows = page.locator(".claim-table tbody tr")
    assert rows.count() >= 5
    screenshot(page, "claims")
    page.locator(".claim-table a", has_text="the tellings").first.click()
    page.wait_for_url("**/claims/*")
    page.select_option("#grade-form select[name=grade]", "4")
    page.fill("#grade-form input[name=by]", "Inès Morel")
    page.fill("#grade-form input[name=note]", "une seule source indépendante")
    page.click("#grade-form button[type=submit]")
    page.locator(".form-result.ok", has_text="Recorded").wait_for()
    page.wait_for_load_state("load")
    page.locator("text=Grade set to 4 by").wait_for()
    assert "4 · doubtful" in page.locator(".corroboration").inner_text()
    screenshot(page, "claim")


def test_an_analyst_merges_two_entities_from_the_page(page):
    page.goto("/?q=Garnier")
    page.locator(".entity-result .chip", has_text="Philippe Garnier").first.click()
    page.wait_for_url("**/entities/*")
    page.fill("#judgement-form input[name=other]", "Abdelilah")
    page.wait_for_function("() => document.querySelectorAll('#entity-options option').length > 0")
    other = page.evaluate("document.querySelector('#entity-options option').value")
    page.fill("#judgement-form input[name=other]", other)
    page.fill("#judgement-form input[name=by]", "Inès Morel")
    page.click("#judgement-form button[value=merge]")
    result = page.locator("#judgement-form .form-result.ok, #judgement-form .form-result.bad")
    result.wait_for()
    assert result.inner_text().startswith("Recorded: one entity"), result.inner_text()
    page.wait_for_url(lambda url: "merged=" in url)                      # the merged entity's page
    page.locator(".aliases").wait_for()
    names = page.locator("h1.entity-name").inner_text() + " " + page.locator(".aliases").inner_text()
    assert "Philippe Garnier" in names and "Abdelilah Tahiri" in names
    merged = page.url.rsplit("/", 1)[-1].split("?")[0]
    screenshot(page, "merged")

    page.click("#undo-merge")                                            # and undo it
    page.locator("#judgement-form .form-result.ok", has_text="two entities again").wait_for()
    page.wait_for_url(lambda url: "merged=" not in url)
    apart = page.request.get(f"/api/entities/{merged}").json()
    assert not {"Philippe Garnier", "Abdelilah Tahiri"} <= {apart["name"], *apart["aliases"]}


def test_an_article_is_uploaded_from_the_documents_page(page, tmp_path):
    article = tmp_path / "tunis.txt"
    article.write_text(UPLOADED, encoding="utf-8")
    page.goto("/documents")
    screenshot(page, "documents")
    page.set_input_files("#upload-form input[type=file]", str(article))
    page.click("#upload-form button[type=submit]")
    page.locator("#upload-form .form-result a").first.wait_for(timeout=60_000)
    assert "1 stored" in page.locator("#upload-form .form-result").first.inner_text()
    page.locator("#upload-form .form-result a").first.click()
    page.wait_for_url("**/documents/*")
    assert page.locator("#text .mention", has_text="Hervé Lambert").count() == 1


def test_a_contested_claim_shows_both_sides_on_the_claims_claim_and_entity_pages(page):
    page.goto(f"/claims?entity={test_queries.FERRAND}")
    row = page.locator(".claim-table tbody tr", has=page.locator(".flag-contested")).first
    row.wait_for()
    assert "Le360" in row.locator(".side-asserted").inner_text()
    assert "Jeune Afrique" in row.locator(".side-denied").inner_text()
    assert "doubtful" in row.locator(".grade").inner_text()
    screenshot(page, "claims-contested")
    row.locator("a", has_text="the tellings").click()
    page.wait_for_url(f"**/claims/{MEETS}")
    assert page.locator(".flag-contested").first.is_visible()
    assert "Jeune Afrique" in page.locator(".sides .side-denied").inner_text()
    assert page.locator(".tellings .statement.negated").count() == 1
    assert page.locator(".tellings .statement:not(.negated)").count() >= 1
    screenshot(page, "claim-contested")
    page.goto(f"/entities/{test_queries.FERRAND}")
    link = page.locator(".relation-group .link", has=page.locator(".flag-contested")).first
    assert "Omar Tazi" in link.locator(".link-head").inner_text()
    assert "Jeune Afrique" in link.locator(".side-denied").inner_text()
    kinds = page.locator(".said").all_inner_texts()
    assert "named_person" in kinds and not any("own word" in k for k in kinds)


def test_a_merge_of_a_person_with_a_service_is_refused_on_the_page(page):
    before = page.request.get(f"/api/entities/{test_queries.TAZI}").json()
    page.goto(f"/entities/{test_queries.TAZI}")
    page.fill("#judgement-form input[name=other]", test_queries.DGSE)
    page.fill("#judgement-form input[name=by]", "Inès Morel")
    page.click("#judgement-form button[value=merge]")
    refused = page.locator("#judgement-form .form-result.bad")
    refused.wait_for()
    assert "different types" in refused.inner_text() and "nothing was recorded" in refused.inner_text()
    screenshot(page, "merge-refused")
    page.wait_for_timeout(1000)                                          # no navigation follows
    assert page.url.endswith(f"/entities/{test_queries.TAZI}")
    assert page.request.get(f"/api/entities/{test_queries.TAZI}").json() == before


def test_a_filtered_graph_is_shared_by_its_address(page, browser, base_url):
    page.goto(f"/entities/{test_queries.OUALI}/graph")
    page.wait_for_function("() => window.veilleGraph && window.veilleGraph.nodes().length > 1")
    page.select_option("select[name=depth]", "2")
    page.uncheck("input[name=type][value=head_of]")
    page.click("#graph-filters button[type=submit]")
    page.wait_for_function("() => location.search.includes('depth=2')")
    shared = page.url
    assert "type=meets" in shared and "type=head_of" not in shared
    drawn = page.evaluate("window.veilleGraph.nodes().map(n => n.id()).sort()")
    other = browser.new_context(base_url=base_url).new_page()            # another analyst opens the link
    other.goto(shared)
    other.wait_for_function("() => window.veilleGraph && window.veilleGraph.nodes().length > 1")
    assert other.evaluate("window.veilleGraph.nodes().map(n => n.id()).sort()") == drawn
    assert other.locator("select[name=depth]").input_value() == "2"
    assert not other.locator("input[name=type][value=head_of]").is_checked()
    assert "head_of" not in other.evaluate("window.veilleGraph.edges().map(e => e.data('id').split(':')[0])")
    other.context.close()
