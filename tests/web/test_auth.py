"""Logging in and out, session revocation, throttling, language."""
from tests.factories import PASSWORD, csrf_token, login, make_user


def test_login_page_renders(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert b"csrf_token" in response.data


def test_login_and_logout(app, client):
    user = make_user(name="Anna")
    response = login(client, user)
    assert response.status_code == 302
    assert b"Anna" in client.get("/").data
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get("/").status_code == 302


def test_wrong_password_is_rejected(app, client):
    user = make_user()
    response = login(client, user, password="not the password")
    assert response.status_code == 401
    assert b"not correct" in response.data


def test_stolen_cookie_stops_working_after_logout(app, client):
    user = make_user()
    login(client, user)
    cookie = client.get_cookie("session").value
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/").status_code == 302  # sent to the login page


def test_password_change_revokes_other_sessions(app, client):
    user = make_user()
    login(client, user)
    other = app.test_client()
    login(other, user)
    token = csrf_token(client, "/account")
    response = client.post("/account", data={"csrf_token": token, "current_password": PASSWORD,
                                             "password": "a brand new secret", "confirm": "a brand new secret"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_repeated_failures_slow_down(app, client):
    user = make_user()
    for _ in range(5):  # LOGIN_FAILURE_LIMIT: 5 per 15 minutes
        login(client, user, password="wrong wrong")
    response = login(client, user)  # even the right password must wait now
    assert response.status_code == 401
    assert b"Too many failed attempts" in response.data


def test_next_redirect_stays_on_site(app, client):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "next": "https://evil.example/", "csrf_token": csrf_token(client, "/login")})
    assert response.headers["Location"] == "/"


def test_login_without_csrf_is_refused(app, client):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code in (400, 401)
    assert client.get("/").status_code == 302


def test_an_empty_login_names_each_missing_field(client):
    token = csrf_token(client, "/login")
    text = client.post("/login", data={"csrf_token": token, "email": "", "password": ""}).get_data(as_text=True)
    assert "Fill in your e-mail address." in text and "Fill in your password." in text
    assert "This field is required" not in text
