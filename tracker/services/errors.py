"""Errors services raise; blueprints turn them into responses."""


class ServiceError(Exception):
    """Base for expected failures with a message meant for the user."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class NotFound(ServiceError):
    """The object does not exist or is outside the user's projects (shown as 404)."""


class Forbidden(ServiceError):
    """The user may see the object but not do this with it (shown as 403)."""


class ValidationFailed(ServiceError):
    """Input broke a rule; `errors` maps a field (or row/column) to messages."""

    def __init__(self, errors: dict[str, list[str]] | list, message: str = "") -> None:
        super().__init__(message)
        self.errors = errors


class EditConflict(ServiceError):
    """Someone saved the record after the editor loaded it."""

    def __init__(self, current_version: int) -> None:
        super().__init__("edit conflict")
        self.current_version = current_version
