"""How the signals behave on the partnership stories: raises, switches per year, weeks shown.

    .venv/bin/python bench/signal_stories.py                  # this checkout's trust model
    .venv/bin/python bench/signal_stories.py --tracker DIR    # the model in DIR/tracker (e.g. an
                                                              # older commit: git archive REV tracker)

For every story of tests/domain/partnerships.py it runs the weekly checks from the first event to
the as-of date and prints, per flag, how often it was raised, how often it switched (raised or
cleared between two consecutive weekly checks), the switches per year and the weeks it was shown.
Not part of the test suite: the story tests assert what a coach expects; this prints the numbers.
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Print one table per story."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracker", help="directory holding the tracker package to measure")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.tracker:
        sys.path.insert(0, str(Path(args.tracker).resolve()))
    from tests.domain import partnerships
    from tracker.domain.trust import weekly

    for build in partnerships.ALL:
        story = build()
        series = weekly(story.events, story.as_of, active=True)
        years = max(1e-9, (series[-1].as_of - series[0].as_of).days / 365.25) if series else 1
        codes = sorted({c for a in series for c in a.codes})
        n_events = len(story.events)
        print(f"\n{story.name} ({story.summary}): {n_events} events, {len(series)} weekly checks, "
              f"{years:.2f} years")
        print(f"  {'flag':18} {'raised':>6} {'switches':>8} {'per year':>8} {'weeks':>5}  first raised")
        for code in codes:
            shown = [code in a.codes for a in series]
            raises = sum(1 for a, b in zip([False] + shown, shown) if b and not a)
            switches = sum(1 for a, b in zip(shown, shown[1:]) if a != b) + (1 if shown[0] else 0)
            first = next(a.as_of for a in series if code in a.codes)
            offset = (first - partnerships.day(0)).days
            print(f"  {code:18} {raises:6} {switches:8} {switches / years:8.1f} {sum(shown):5}  "
                  f"{first} (day {offset})")
        if not codes:
            print("  (no flag raised)")


if __name__ == "__main__":
    main()
