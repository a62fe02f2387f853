"""How long a failed login takes for an existing and for an unknown address, with real argon2 cost.

    .venv/bin/python bench/login_timing.py [--runs 20]

Runs `authenticate` directly (no HTTP) on a fresh SQLite database, alternating a wrong password for
a real account and any password for an unknown address, and prints the medians and their ratio.
Before the dummy hash was made once per process, the unknown address cost two argon2 runs (ratio
about 2). Not part of the test suite's pass/fail (timings depend on the machine).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from flask_migrate import upgrade

    from tracker import create_app
    from tracker.services.accounts import users

    with tempfile.TemporaryDirectory() as folder:
        app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
                                     "PASSWORD_HASH_FAST": False, "LOGIN_FAILURE_LIMIT": "100000 per minute",
                                     "LOGIN_BURST_LIMIT": "100000 per minute"})
        with app.app_context(), app.test_request_context():
            upgrade()
            user = users.create_user("timed@bench.example", "Timed Person", "paarse tulpen langs de dijk")
            users.authenticate("warm@bench.example", "x" * 12, "192.0.2.1")
            known, unknown = [], []
            for _ in range(args.runs):
                for email, bucket in ((user.email, known), ("nobody@bench.example", unknown)):
                    start = time.perf_counter()
                    users.authenticate(email, "not the password", "192.0.2.1")
                    bucket.append(time.perf_counter() - start)
    k, u = statistics.median(known) * 1000, statistics.median(unknown) * 1000
    print(f"failed login, existing account: median {k:.1f} ms over {args.runs}")
    print(f"failed login, unknown address:  median {u:.1f} ms over {args.runs}")
    print(f"ratio unknown / existing: {u / k:.2f}")


if __name__ == "__main__":
    main()
