"""CLI: import-scan (all-or-nothing, every bad row reported) and scan-results JSON (docs/contracts.md)."""
import json
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import make_project
from tracker.domain import scan as domain
from tracker.extensions import db
from tracker.models import ScanResponse, ScanRound


@pytest.fixture
def project(app):
    return make_project("N33")


def paper(path, rows, header="respondent,side,statement,score"):
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def everyone(respondent, side, score):
    return [f"{respondent},{side},{key},{score}" for key in sorted(domain.STATEMENT_KEYS)]


def test_import_then_results(runner, project, tmp_path):
    rows = (everyone("c1", "client", 4) + everyone("c2", "client", 5) + everyone("c3", "client", "")
            + everyone("k1", "contractor", 2) + everyone("k2", "contractor", 3))
    result = runner.invoke(args=["tracker", "import-scan", "N33", paper(tmp_path / "s.csv", rows),
                                 "--round", "Spring 2025"])
    assert result.exit_code == 0, result.output
    assert "client 3, contractor 2" in result.output
    out = runner.invoke(args=["tracker", "scan-results", "N33"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert set(data) == {"project", "round", "respondents", "factors", "lenses"}
    assert data["project"] == "N33" and data["round"] == "Spring 2025"
    assert data["respondents"] == {"client": 3, "contractor": 2}
    # c3 answered "don't know" everywhere: only two people scored → hidden per factor
    assert data["factors"]["team"] == {"lens": "interaction", "client": None, "contractor": None,
                                       "gap": None}
    assert data["lenses"]["realisation"] == {"client": None, "contractor": None, "gap": None}


def test_results_with_figures_and_a_named_round(runner, project, tmp_path):
    rows = sum((everyone(f"c{i}", "client", 4) for i in range(3)), []) + \
        sum((everyone(f"k{i}", "contractor", s) for i, s in enumerate((2, 3, 3))), [])
    assert runner.invoke(args=["tracker", "import-scan", "N33", paper(tmp_path / "s.csv", rows),
                               "--round", "R1"]).exit_code == 0
    data = json.loads(runner.invoke(args=["tracker", "scan-results", "N33", "--round", "R1"]).output)
    assert data["factors"]["urgency"] == {"lens": "motivation", "client": 4.0, "contractor": 2.67,
                                          "gap": 1.33}
    assert data["lenses"]["motivation"]["gap"] == 1.33


def test_every_bad_row_on_stderr_and_nothing_stored(runner, project, tmp_path):
    rows = ["c1,client,urgency_1,4", "c1,client,urgency_1,5", ",client,team_1,3",
            "c2,coach,team_1,3", "c3,client,bogus_1,3", "c4,client,team_1,6", "c5,client,team_1,x"]
    result = runner.invoke(args=["tracker", "import-scan", "N33", paper(tmp_path / "s.csv", rows)])
    assert result.exit_code == 1
    err = result.stderr
    for expected in ("line 3, column statement", "line 4, column respondent", "line 5, column side",
                     "line 6, column statement", "line 7, column score", "line 8, column score"):
        assert expected in err, expected
    assert "Nothing imported: 6 problem(s)" in err
    assert db.session.scalar(select(func.count()).select_from(ScanResponse)) == 0
    assert db.session.scalar(select(func.count()).select_from(ScanRound)) == 0


def test_bad_header_and_bad_file(runner, project, tmp_path):
    result = runner.invoke(args=["tracker", "import-scan", "N33",
                                 paper(tmp_path / "h.csv", ["a,client,team_1,3"],
                                       header="person,side,statement,score")])
    assert result.exit_code == 1
    assert "line 1, column person: unknown column" in result.stderr
    assert "line 1, column respondent: missing column" in result.stderr
    short = runner.invoke(args=["tracker", "import-scan", "N33",
                                paper(tmp_path / "c.csv", ["a,client,team_1"])])
    assert short.exit_code == 1 and "line 2: 3 cells" in short.stderr
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"respondent,side,statement,score\n\xff\xfe,client,team_1,3\n")
    assert runner.invoke(args=["tracker", "import-scan", "N33", str(binary)]).exit_code == 1


def test_unknown_project_or_round(runner, project, tmp_path):
    assert runner.invoke(args=["tracker", "scan-results", "NOPE"]).exit_code == 1
    missing = runner.invoke(args=["tracker", "scan-results", "N33"])
    assert missing.exit_code == 1 and "no scan round" in missing.output
    assert runner.invoke(args=["tracker", "scan-results", "N33", "--round", "X"]).exit_code == 1


def test_import_without_round_uses_the_newest(runner, project, tmp_path):
    first = runner.invoke(args=["tracker", "import-scan", "N33",
                                paper(tmp_path / "a.csv", ["p1,client,team_1,3"])])
    assert first.exit_code == 0 and f"Import {date.today().isoformat()}" in first.output
    second = runner.invoke(args=["tracker", "import-scan", "N33",
                                 paper(tmp_path / "b.csv", ["p2,contractor,team_1,4"])])
    assert second.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(ScanRound)) == 1
    again = runner.invoke(args=["tracker", "import-scan", "N33",
                                paper(tmp_path / "c.csv", ["p2,contractor,team_2,4"])])
    assert again.exit_code == 1 and "already has a response" in again.stderr
