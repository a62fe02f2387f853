"""How fast the outbox drains into a real SMTP server, with one sender and with two at once.

    .venv/bin/python bench/mail_outbox.py [--mails 2000] [--url sqlite:///bench/out/mail.sqlite]

Builds a fresh database (SQLite by default; any TRACKER_DATABASE_URL-style URL works), queues
N mails, starts aiosmtpd on a free port and times `deliver()`: once with one sender, once with
two senders in threads. Prints mails per second and checks every mail arrived exactly once.
"""
import argparse
import os
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiosmtpd.controller import Controller  # noqa: E402


class Count:
    """Counts accepted messages by Message-ID."""

    def __init__(self) -> None:
        self.ids, self.lock = [], threading.Lock()

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802
        line = next((l for l in envelope.content.split(b"\r\n") if l.lower().startswith(b"message-id")), b"")
        with self.lock:
            self.ids.append(line)
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--url", default="sqlite:///" + str(Path(__file__).parent / "out" / "mail.sqlite"))
    args = parser.parse_args()
    if args.url.startswith("sqlite:///"):
        path = Path(args.url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    from flask_migrate import upgrade

    from tracker import create_app
    from tracker.database import write_transaction
    from tracker.services.notify.outbox import deliver, queue_mail

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": args.url, "SMTP_URL": f"smtp://127.0.0.1:{port}"})
    handler = Count()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    with app.app_context():
        upgrade()
        for senders in (1, 2):
            handler.ids.clear()
            with write_transaction():
                for i in range(args.mails):
                    queue_mail(f"p{i}@example.test", "bench", f"Mail {i}", "Body " * 40, "<p>Body</p>" * 40)

            def run():
                with app.app_context():
                    deliver(limit=args.mails)

            started = time.perf_counter()
            threads = [threading.Thread(target=run) for _ in range(senders)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            took = time.perf_counter() - started
            ok = len(handler.ids) == args.mails and len(set(handler.ids)) == args.mails
            print(f"{senders} sender(s): {args.mails} mails in {took:.2f} s = {args.mails / took:.0f} mails/s; "
                  f"each exactly once: {ok}")
    controller.stop()
    os.environ.pop("TRACKER_DATABASE_URL", None)


if __name__ == "__main__":
    main()
