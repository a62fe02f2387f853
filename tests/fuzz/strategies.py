"""Hypothesis strategies for hostile form input, and the shared settings of the fuzz tests."""
from datetime import date

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Each test builds its world once (function-scoped fixtures) and every example runs against
# it; the checks compare counts before and after each example, so examples need no reset.
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

NASTY = ["", " ", "\t", "\x00", "null", "None", "0", "-1", "<script>alert(1)</script>",
         "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "' OR 1=1 --", "../../etc/passwd",
         "%00", "\u202etxt.exe", "😀" * 5, "a" * 201, "b" * 2_001, "c" * 10_001,
         # shapes that once gave a 500 or stored disguised text
         "²", "٣", "9" * 5_000, "-" + "1" * 4_301, "/x\r\nSet-Cookie: a=b", "\r", "\n", "\u2028",
         "a\u2066b\u2069c", "\u200fname", "\x1b[31mred", "\x7f", "\x85"]
HIDDEN = st.text(st.sampled_from("\x00\x01\x07\x1b\x7f\x85\u061c\u200e\u200f\u202a\u202b\u202c\u202d"
                                 "\u202e\u2066\u2067\u2068\u2069\u2028\u2029\r"), min_size=1, max_size=4)

junk = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
text = st.one_of(junk, st.sampled_from(NASTY))
integer_text = st.one_of(st.integers(-10**6, 10**6).map(str), text,
                         st.sampled_from(["1e3", "0x10", "99999999999999999999999", "7.5", " 3 ", "²", "³",
                                          "١", "9" * 5_000, "+" + "0" * 4_400 + "1", "\u22122"]))
# Ordinary words with hidden characters mixed in: stored text must come out without them.
disguised = st.builds(lambda a, hidden, b: f"{a}{hidden}{b}",
                      st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12), HIDDEN,
                      st.text(st.characters(categories=("L", "N")), max_size=12))
date_text = st.one_of(
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)).map(date.isoformat),
    st.dates(min_value=date(2020, 1, 1), max_value=date.today()).map(date.isoformat),
    text, st.sampled_from(["2025-02-30", "0000-00-00", "9999-12-31", "2025-13-01", "01-02-2025"]))


def choice(*valid: str):
    """Mostly a valid option, sometimes anything at all."""
    return st.one_of(st.sampled_from(valid), text)


def form(**fields) -> st.SearchStrategy[dict]:
    """A form dict in which any field may also be missing."""
    return st.fixed_dictionaries({}, optional=fields)


def checkbox():
    """A checkbox: absent, ticked, or something odd."""
    return st.sampled_from(["y", "on", "", "false", "0", "\x00"])


def _overlay(parts: tuple) -> dict:
    """A valid form with one field (chosen by index) taken from a chaotic form."""
    valid, chaos, index = parts
    items = list(chaos.items())
    return {**valid, **dict([items[index % len(items)]])} if items else valid


def mixed(valid: st.SearchStrategy[dict], chaos: st.SearchStrategy[dict]) -> st.SearchStrategy[dict]:
    """Valid forms (the saving path), chaotic ones, and valid ones with one field spoiled."""
    return st.one_of(valid, chaos, st.tuples(valid, chaos, st.integers(0, 50)).map(_overlay))


emails = st.from_regex(r"[a-z][a-z0-9.]{0,12}@[a-z]{1,10}\.(org|nl|test)", fullmatch=True)
names = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip)
passwords = st.text(st.characters(exclude_categories=("Cs",)), min_size=10, max_size=40).filter(
    lambda p: len(set(p)) > 4)
