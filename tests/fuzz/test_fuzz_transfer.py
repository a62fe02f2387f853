"""Random CSV files at the import: never a 500; all rows or none, and only valid events stored."""
import io
import re
from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.conftest import assert_no_server_error, count
from tests.fuzz.strategies import FUZZ, date_text, integer_text, text
from tests.fuzz.test_fuzz_events import assert_events_valid
from tracker.models import Event

HEADER = ["occurred_on", "side", "kind", "steering", "escalation_level", "planned", "title",
          "description", "p_openness"]
GOOD_ROW = ["2025-02-03", "client", "moment", "relational", "", "planned", "Bouwteamoverleg", "", "2"]
cell = st.one_of(text, date_text, integer_text,
                 st.sampled_from(["client", "contractor", "issue", "escalation", "moment", "agreement",
                                  "relational", "contractual", "mixed", "planned", "unplanned", "-2", "2"]))
row = st.one_of(st.just(GOOD_ROW), st.lists(cell, min_size=0, max_size=11),
                st.tuples(st.just(GOOD_ROW), st.integers(0, 8), cell).map(
                    lambda t: t[0][:t[1]] + [t[2]] + t[0][t[1] + 1:]))
header = st.one_of(st.just(HEADER), st.lists(st.one_of(st.sampled_from(HEADER + ["id", "links_to", ""]), text),
                                            max_size=10))


def _csv(lines: list[list[str]], newline: str) -> bytes:
    """Join cells naively (quotes and commas inside cells are part of the chaos)."""
    return newline.join(",".join(cells) for cells in lines).encode("utf-8", "surrogatepass")


plain = st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=30).filter(str.strip)
valid_row = st.builds(lambda day, kind, title: [day, "client", kind, "relational", "",
                                                 "planned" if kind == "moment" else "", title, "", "1"],
                      st.dates(min_value=date(1990, 1, 1), max_value=date.today()).map(date.isoformat),
                      st.sampled_from(["moment", "issue", "agreement"]), plain)
files = st.one_of(
    st.lists(valid_row, min_size=1, max_size=5).map(lambda rows: _csv([HEADER] + rows, "\n")),
    st.binary(max_size=400),
    st.builds(lambda h, rows, nl, bom: (b"\xef\xbb\xbf" if bom else b"") + _csv([h] + rows, nl),
              header, st.lists(row, max_size=6), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans()))


def upload(browser, content: bytes, filename: str = "events.csv"):
    """POST the file through the real upload form."""
    return browser.post("/projects/FUZZ/transfer/import", {"file": (io.BytesIO(content), filename)},
                        content_type="multipart/form-data")


@FUZZ
@given(content=files, filename=st.sampled_from(["events.csv"] * 6 + ["x.exe", "", "../../etc/passwd", "ü.csv"]))
@example(content=b"occurred_on,side\x00,kind\n", filename="events.csv")
@example(content=b"\xff\xfe\x00\x00", filename="events.csv")
def test_csv_import(manager, world, content, filename):
    before = count(Event)
    response = upload(manager, content, filename)
    assert_no_server_error(response, {200, 400, 422})
    assert count(Event) == before  # the upload only previews; nothing is stored before the confirmation
    staged = re.search(r'name="token" type="hidden" value="([^"]+)"', response.get_data(as_text=True))
    if response.status_code == 200 and staged:
        confirmed = manager.post("/projects/FUZZ/transfer/import/confirm", {"token": staged.group(1)})
        assert_no_server_error(confirmed, {302})
        assert count(Event) > before
        assert_events_valid(world.project.id)


@FUZZ
@given(args=st.dictionaries(text, text, max_size=3))
def test_export_ignores_odd_query_strings(manager, world, args):
    response = manager.client.get("/projects/FUZZ/transfer/export", query_string=args)
    assert_no_server_error(response, {200})
    assert response.mimetype == "text/csv"
