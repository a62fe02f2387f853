"""Request parameters and JSON bodies arrive cleaned: no hidden control or direction characters.

Cleaning where the request is parsed means every form, filter and API handler validates the
text that will be stored (a title of only U+202E is an empty title, and says so), with no field
able to forget it. Password fields are the exception: a password is checked exactly as typed
(it is only ever hashed, never shown).
"""
from flask import Flask, Request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict

from tracker.domain.text import clean_value

# The forms' password fields (login, account, admin); their values pass untouched.
PASSWORD_FIELDS = frozenset({"password", "current_password", "confirm"})


class CleanMultiDict(ImmutableMultiDict):
    """Query string and form fields, each key and text value passed through `clean_value`."""

    def __init__(self, mapping=None) -> None:
        if mapping is None:
            super().__init__()
            return
        pairs = MultiDict(mapping).items(multi=True) if isinstance(mapping, dict) else mapping
        super().__init__([(clean_value(key), value if key in PASSWORD_FIELDS else clean_value(value))
                          for key, value in pairs])


class CleanRequest(Request):
    """Flask's request with cleaned parameters and JSON."""

    parameter_storage_class = CleanMultiDict

    def get_json(self, *args, **kwargs):
        """The parsed JSON body with every string cleaned."""
        return clean_value(super().get_json(*args, **kwargs))


def init_clean_request(app: Flask) -> None:
    """Make every request of the app a CleanRequest."""
    app.request_class = CleanRequest
