"""Response helpers: ETags from an event's version, and the If-Match precondition."""
from flask import Response, request
from flask_babel import gettext as _

from tracker.blueprints.api.problems import problem


def etag(version: int) -> str:
    """The strong ETag of a version."""
    return f'"{version}"'


def etagged(body: dict, version: int):
    """The body with its ETag, or 304 when the client's If-None-Match already has it."""
    if request.if_none_match.contains(str(version)):
        response = Response(status=304)
        response.set_etag(str(version))
        return response
    return body, 200, {"ETag": etag(version)}


class PreconditionFailed(Exception):
    """If-Match is missing (428) or stale (412)."""

    def __init__(self, status: int, current: int | None = None) -> None:
        super().__init__(status)
        self.status, self.current = status, current

    def response(self):
        if self.status == 428:
            return problem(428, _("Precondition required"),
                           _("Send the event's ETag as If-Match, so a change made in between is not overwritten."))
        return problem(412, _("Precondition failed"),
                       _("The event was changed since the version you sent. Read it again, then retry."),
                       headers={"ETag": etag(self.current)}, current_version=self.current)


def if_match_version(current: int) -> int:
    """The version the client based its change on (from If-Match; `*` means whatever is current)."""
    if request.if_match.star_tag:
        return current
    if not request.if_match:
        raise PreconditionFailed(428)
    for tag in request.if_match.as_set():
        if tag and tag.isdigit() and len(tag) < 10:
            return int(tag)
    raise PreconditionFailed(412, current)
