"""Two people of each side answer a scan round in Chromium; results show the radar and gaps."""
import json
from datetime import date, timedelta

from tests.e2e.conftest import SCREENSHOTS, log_in, screenshot
from tests.factories import PASSWORD, add_member, make_event, make_project, make_user
from tracker.domain import scan as domain
from tracker.domain.give_take import CATEGORIES
from tracker.domain.types import Side
from tracker.services.instruments import give_take, phases, scan

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 860}


def paper(project, round_name, people):
    """Import paper responses: (respondent, side, score for every statement)."""
    records, line = [], 1
    for respondent, side, score in people:
        for key in sorted(domain.STATEMENT_KEYS):
            line += 1
            records.append((line, {"respondent": respondent, "side": side, "statement": key,
                                   "score": str(score)}))
    scan.import_responses(project, round_name, records)


def answer_all(page, scores):
    """Click an answer for every statement; ``scores`` cycles over the statements."""
    for i, item in enumerate(domain.STATEMENTS):
        value = scores[i % len(scores)]
        page.locator(f"label:has(input[name='{item.key}'][value='{value}'])").click()


def log_out(page):
    page.click("text=Log out")
    page.wait_for_url("**/login")


def test_two_people_per_side_answer_and_see_the_radar(watched_page):
    page = watched_page
    project = make_project("N33", name="Verbreding N33")
    people = {}
    for name, side, role in (("Femke", "client", "manager"), ("Joost", "client", "member"),
                             ("Sanne", "contractor", "manager"), ("Ahmed", "contractor", "member")):
        people[name] = make_user(f"{name.lower()}@example.test", name=name)
        add_member(project, people[name], side, role)

    log_in(page, people["Femke"].email, PASSWORD)
    page.goto(page.base + "/projects/N33/scan/")
    page.get_by_role("link", name="Open the first round").click()
    page.fill("input[name=name]", "Spring 2025")
    page.click("button:has-text('Open the round')")
    page.wait_for_load_state()
    assert "Spring 2025" in page.content()
    paper(project, "Spring 2025", [("paper-c", "client", 4), ("paper-k", "contractor", 2)])
    log_out(page)

    answers = {"Femke": ["4", "5"], "Joost": ["4", "dk", "3"], "Sanne": ["2", "3"], "Ahmed": ["2"]}
    for name, scores in answers.items():
        log_in(page, people[name].email, PASSWORD)
        page.goto(page.base + "/projects/N33/scan/")
        page.get_by_role("link", name="Answer now").click()
        page.wait_for_selector("form.scan-form")
        assert page.inner_text(".scan-progress-count") == "0"
        answer_all(page, scores)
        assert page.inner_text(".scan-progress-count") == "32"
        if name == "Joost":
            screenshot(page, "scan-answer-laptop")
            page.set_viewport_size(PHONE)
            screenshot(page, "scan-answer-phone")
            page.locator("fieldset.scan-lens").first.screenshot(
                path=str(SCREENSHOTS / "scan-answer-lens-phone.png"))
            page.set_viewport_size(LAPTOP)
        page.click("button:has-text('Send my answers')")
        page.wait_for_load_state()
        assert "your answers are saved" in page.content()
        if name != "Ahmed":
            log_out(page)

    screenshot(page, "scan-index")
    assert "2 of 2 members answered" in page.content()
    page.get_by_role("link", name="Results", exact=True).click()
    page.wait_for_selector("#scan-radar svg.main-svg")
    body = page.inner_text("main")
    assert "too few responses" not in body
    assert "Per factor, largest gap first" in body
    # urgency: client 4,5 (Femke) + 4,4 (paper) + 4,dk (Joost) = 21/5 = 4.20; contractor
    # 2,3 (Sanne) + 2,2 (Ahmed) + 2,2 (paper) = 13/6 = 2.17; gap +2.03, the largest.
    assert "Felt urgency\tMotivation\t4.20\t2.17\t+2.03" in body
    assert page.locator("#scan-radar .scatterlayer .trace").count() == 2
    screenshot(page, "scan-results-laptop")
    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_selector("#scan-radar svg.main-svg")
    screenshot(page, "scan-results-phone")
    page.locator(".scan-results-grid .card").first.screenshot(path=str(SCREENSHOTS / "scan-radar-phone.png"))
    page.locator(".scan-table").last.screenshot(path=str(SCREENSHOTS / "scan-table-phone.png"))
    page.set_viewport_size(LAPTOP)

    # A later round with only two contractor respondents: that side shows no figures anywhere.
    autumn = scan.open_round(project, "Autumn 2025", date.today(), date.today() + timedelta(days=5), None)
    paper(project, "Autumn 2025", [("c1", "client", 3), ("c2", "client", 4), ("c3", "client", 5),
                                   ("k1", "contractor", 1), ("k2", "contractor", 5)])
    page.goto(page.base + f"/projects/N33/scan/{autumn.id}")
    page.wait_for_selector("#scan-radar svg.main-svg")
    assert "too few responses" in page.inner_text("main")
    assert page.locator("#scan-radar .scatterlayer .trace").count() == 1
    assert "compared with “Spring 2025”" in page.inner_text("main")
    screenshot(page, "scan-results-too-few")
    csv_text = page.request.get(page.base + f"/projects/N33/scan/{autumn.id}/results.csv").text()
    assert "too few responses" in csv_text.splitlines()[2]
    data = json.loads(page.request.get(page.base + f"/projects/N33/scan/{autumn.id}/results.json").text())
    assert data["respondents"] == {"client": 3, "contractor": 2}
    assert data["factors"]["urgency"]["contractor"] is None and data["factors"]["urgency"]["client"] == 4.0
    assert page.console_errors == []
    assert page.outside_requests == []


def test_give_take_and_phase_pages_render(watched_page):
    page = watched_page
    project = make_project("A12", name="Knooppunt A12", start_date=date.today() - timedelta(days=300))
    manager = make_user("mara@example.test", name="Mara")
    add_member(project, manager, "client", "manager")
    def rows(bring, get):
        return {c: (b, g, "Twee ploegen gedetacheerd" if c == "people" else "")
                for c, b, g in zip(CATEGORIES, bring, get)}
    give_take.record(project, Side.CLIENT, "2025 Q2", date.today(), rows([5, 5, 2, 3, 2, 4], [1, 2, 1, 2, 1, 2]), manager)
    give_take.record(project, Side.CONTRACTOR, "2025 Q2", date.today(), rows([1, 2, 0, 1, 1, 1], [4, 3, 2, 3, 2, 2]), None)
    phases.change_phase(project, "working", date.today() - timedelta(days=200), "Contract getekend", manager)
    for n in range(6):
        make_event(project, manager, occurred_on=date.today() - timedelta(days=n + 1), kind="moment",
                   scores={"p_openness": 1, "p_integrity": 1 if n % 3 else -1})
    log_in(page, manager.email, PASSWORD)
    page.goto(page.base + "/projects/A12/partnership/give-take")
    assert "Give and take is out of balance" in page.content()
    screenshot(page, "give-take-laptop")
    page.set_viewport_size(PHONE)
    screenshot(page, "give-take-phone")
    page.locator("form.give-take-form").screenshot(path=str(SCREENSHOTS / "give-take-form-phone.png"))
    page.set_viewport_size(LAPTOP)
    page.goto(page.base + "/projects/A12/partnership/phase")
    page.check("input[name=goals][value=concrete]")
    page.click("button:has-text('Save'):not(:has-text('review'))")
    page.wait_for_load_state()
    assert "Catalysing" in page.inner_text(".leadership")
    page.select_option("select[name=phase]", "letting_go")
    page.click("button:has-text('Change phase')")
    page.wait_for_url("**/close-out")
    page.fill("textarea[name=went_well]", "De duo's over de partijen heen losten de lastigste punten op.")
    page.click("button:has-text('Save the review')")
    page.wait_for_load_state()
    screenshot(page, "closeout-laptop")
    page.goto(page.base + "/projects/A12/partnership/phase")
    assert "Letting go" in page.content()
    screenshot(page, "phase-laptop")
    page.set_viewport_size(PHONE)
    screenshot(page, "phase-phone")
    assert page.console_errors == []
    assert page.outside_requests == []
