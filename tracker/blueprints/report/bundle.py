"""A coach's reports in one zip: every coached project's PDF, printed by one browser, streamed."""
import zipfile
from collections.abc import Iterator

from tracker.blueprints.report.present import filename, render
from tracker.models import User
from tracker.services.access import project_access
from tracker.services.report import pdf
from tracker.services.report.period import Period


class _Sink:
    """A write-only stream that hands out what was written since the last call (zipfile streams
    into it: it can tell its position but not seek)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def portfolio_zip(user: User, codes: list[str], period: Period, lang: str) -> Iterator[bytes]:
    """The zip's bytes, a project at a time: each report is checked against the user's access
    (the same lookup the page uses); the next report is rendered while the print thread prints
    the one before (two cores: the app and Chromium work side by side)."""
    sink, pending = _Sink(), None
    with pdf.printer() as printer, zipfile.ZipFile(sink, "w", zipfile.ZIP_STORED) as archive:
        for code in codes:
            project = project_access(user, code).project
            printing = (filename(project, period, lang),
                        printer.submit(render(project, period, lang, for_pdf=True)))
            if pending:
                archive.writestr(pending[0], pending[1].result(timeout=pdf.JOB_SECONDS))
                yield sink.take()
            pending = printing
        if pending:
            archive.writestr(pending[0], pending[1].result(timeout=pdf.JOB_SECONDS))
    yield sink.take()
