"""`flask tracker demo`: fills an empty database and prints the logins; refuses otherwise."""
from sqlalchemy import func, select

from tests.factories import make_project
from tracker.extensions import db
from tracker.models import Project
from tracker.services.demo.load import DEMO_PASSWORD


def test_demo_fills_an_empty_database_and_prints_logins(runner):
    result = runner.invoke(args=["tracker", "demo"])
    assert result.exit_code == 0, result.output
    assert "Demo data created: 5 projects" in result.output
    for email in ("marieke.devries@noordholt.example", "jeroen.bakker@deltaveld.example",
                  "ingrid.bos@samenspel.example", "pieter.vandam@noordholt.example", "beheer@tracker.example"):
        assert email in result.output
    assert "E-MAIL" in result.output and "process coach" in result.output
    assert f"Password for every demo login: {DEMO_PASSWORD}" in result.output
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Project)) == 5

    again = runner.invoke(args=["tracker", "demo"])
    assert again.exit_code == 1 and "already has projects" in again.output


def test_demo_refuses_a_database_with_projects(runner):
    make_project("EXISTING")
    result = runner.invoke(args=["tracker", "demo"])
    assert result.exit_code == 1
    assert "Error: The database already has projects" in result.output
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Project)) == 1


def test_if_empty_skips_quietly_when_projects_exist(runner):
    make_project("EXISTING")
    result = runner.invoke(args=["tracker", "demo", "--if-empty"])
    assert result.exit_code == 0 and "no demo data added" in result.output
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Project)) == 1


def test_if_empty_fills_an_empty_database(runner):
    result = runner.invoke(args=["tracker", "demo", "--if-empty"])
    assert result.exit_code == 0 and "Demo data created" in result.output


def test_if_empty_on_a_demo_database_prints_the_logins_again(runner):
    first = runner.invoke(args=["tracker", "demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(args=["tracker", "demo", "--if-empty"])
    assert again.exit_code == 0
    assert "no demo data added" in again.output
    assert "ingrid.bos@samenspel.example" in again.output and "demo-partnership" in again.output
