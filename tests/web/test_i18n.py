"""Dutch and English: a complete catalogue and pages that switch language."""
from pathlib import Path

from babel.messages.pofile import read_po

from tests.factories import add_member, csrf_token, login, make_project, make_user

CATALOGUE = Path(__file__).resolve().parents[2] / "tracker/translations/nl/LC_MESSAGES/messages.po"


def test_every_message_has_a_dutch_translation():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    missing = [m.id for m in catalogue if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert missing == [] and fuzzy == []


def test_browser_language_decides_until_the_user_chooses(app, client):
    assert "Inloggen" in client.get("/login", headers={"Accept-Language": "nl-NL,nl;q=0.9"}).get_data(as_text=True)
    assert "Log in" in client.get("/login", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)


def test_language_switch_is_remembered_on_the_account(app, client):
    user = make_user()
    add_member(make_project(), user, "client", "manager")
    login(client, user)
    client.post("/language", data={"locale": "nl", "next": "/", "csrf_token": csrf_token(client, "/")})
    page = client.get("/").get_data(as_text=True)
    assert 'lang="nl"' in page and "Uitloggen" in page
    other = app.test_client()  # a new browser with an English preference
    login(other, user)
    assert 'lang="nl"' in other.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
