"""Collaboration scan rounds: opening, answering, results, and the counts for reminders."""
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tracker.database import write_transaction
from tracker.domain import scan as domain
from tracker.domain.text import small_int
from tracker.domain.types import Side
from tracker.extensions import db
from tracker.i18n import format_day
from tracker.models import Membership, MemberSide, Project, ScanAnswer, ScanResponse, ScanRound, User
from tracker.models.base import utcnow
from tracker.services.errors import NotFound, ValidationFailed
from tracker.services.events.transfer import RowError

NAME_MAX = 120
SIDES = (Side.CLIENT, Side.CONTRACTOR)


def scan_settings() -> domain.ScanSettings:
    """The deployment's scan settings: defaults overridden by the SCAN_SETTINGS config."""
    return domain.ScanSettings.from_mapping(current_app.config.get("SCAN_SETTINGS") or {})


def rounds(project: Project) -> list[ScanRound]:
    """The project's rounds, newest first."""
    return list(db.session.scalars(select(ScanRound).where(ScanRound.project_id == project.id)
                                   .order_by(ScanRound.opens_on.desc(), ScanRound.id.desc())))


def project_round(project: Project, round_id: int) -> ScanRound:
    """A round of this project; NotFound for any other round id."""
    found = db.session.scalar(select(ScanRound).where(ScanRound.id == round_id,
                                                      ScanRound.project_id == project.id))
    if found is None:
        raise NotFound()
    return found


def round_named(project: Project, name: str | None) -> ScanRound | None:
    """The round with this name, or the newest round when no name is given."""
    if name is None:
        found = rounds(project)
        return found[0] if found else None
    return db.session.scalar(select(ScanRound).where(ScanRound.project_id == project.id,
                                                     ScanRound.name == name))


def check_round(project: Project, name: str, opens_on: date | None,
                closes_on: date | None) -> dict[str, list[str]]:
    """Problems with a new round's name and dates, by field."""
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [str(_l("Give the round a name."))]
    elif len(name) > NAME_MAX:
        errors["name"] = [str(_l("Keep the name under %(n)d characters.", n=NAME_MAX))]
    elif round_named(project, name) is not None:
        errors["name"] = [str(_l("This project already has a round with that name."))]
    if opens_on is None:
        errors["opens_on"] = [str(_l("Give the date the round opens."))]
    if closes_on is None:
        errors["closes_on"] = [str(_l("Give the date the round closes."))]
    elif opens_on is not None and closes_on < opens_on:
        errors["closes_on"] = [str(_l("The round cannot close before it opens."))]
    return errors


def short_sides(project: Project) -> dict[str, int]:
    """Side → number of seated members, for the sides with too few people for their results to show."""
    counts = dict(db.session.execute(
        select(Membership.side, func.count()).where(Membership.project_id == project.id,
                                                    Membership.side.in_([MemberSide.CLIENT, MemberSide.CONTRACTOR]))
        .group_by(Membership.side)).all())
    needed = scan_settings().min_respondents
    return {side.value: counts.get(side, 0) for side in (MemberSide.CLIENT, MemberSide.CONTRACTOR)
            if counts.get(side, 0) < needed}


def open_round(project: Project, name: str, opens_on: date | None, closes_on: date | None,
               author: User | None) -> ScanRound:
    """Create a scan round; ValidationFailed on a bad name or dates."""
    errors = check_round(project, name, opens_on, closes_on)
    if errors:
        raise ValidationFailed(errors)
    try:
        with write_transaction():
            new = ScanRound(project_id=project.id, name=name.strip(), opens_on=opens_on,
                            closes_on=closes_on, created_by_id=author.id if author else None)
            db.session.add(new)
    except IntegrityError:  # the same name, saved by someone else a moment ago
        raise ValidationFailed({"name": [str(_l(
            "This project already has a round with that name."))]}) from None
    return new


def user_response(scan_round: ScanRound, user: User) -> ScanResponse | None:
    """The user's response in this round, if any."""
    return db.session.scalar(select(ScanResponse).where(ScanResponse.round_id == scan_round.id,
                                                        ScanResponse.user_id == user.id))


def check_answers(answers: dict, *, complete: bool = True) -> dict[str, list[str]]:
    """Problems per statement: unknown keys, scores outside 1–5, and (if complete) gaps."""
    errors: dict[str, list[str]] = {}
    for key, value in answers.items():
        if key not in domain.STATEMENT_KEYS:
            errors[key] = [str(_l("“%(key)s” is not a statement of the scan.", key=key))]
        elif value is not None and (isinstance(value, bool) or value not in domain.SCORES):
            errors[key] = [str(_l("Choose a score from 1 to 5, or “don't know”."))]
    if complete:
        for key in sorted(domain.STATEMENT_KEYS - set(answers)):
            errors[key] = [str(_l("Choose a score from 1 to 5, or “don't know”."))]
    return errors


def _check_open(scan_round: ScanRound, today: date) -> None:
    """ValidationFailed unless the round accepts answers today."""
    if today < scan_round.opens_on:
        raise ValidationFailed({"round": [str(_l("This round opens on %(day)s.",
                                                 day=format_day(scan_round.opens_on)))]})
    if today > scan_round.closes_on:
        raise ValidationFailed({"round": [str(_l(
            "This round closed on %(day)s; answers can no longer be given or changed.",
            day=format_day(scan_round.closes_on)))]})


def _store(response: ScanResponse, answers: dict) -> None:
    """Replace the response's answers."""
    response.answers.clear()
    db.session.flush()
    response.answers.extend(ScanAnswer(statement=k, score=v) for k, v in sorted(answers.items()))
    response.updated_at = utcnow()


def submit_response(scan_round: ScanRound, user: User, side: Side, answers: dict,
                    today: date | None = None) -> ScanResponse:
    """A member's first response to a round (all 32 statements); a second one is refused."""
    _check_open(scan_round, today or date.today())
    errors = check_answers(answers)
    if errors:
        raise ValidationFailed(errors)
    if user_response(scan_round, user) is not None:
        raise ValidationFailed({"response": [str(_l(
            "You have already answered this round; change your answers instead."))]})
    try:
        with write_transaction():
            response = ScanResponse(round_id=scan_round.id, user_id=user.id, side=Side(side))
            db.session.add(response)
            _store(response, answers)
    except IntegrityError:
        raise ValidationFailed({"response": [str(_l(
            "You have already answered this round; change your answers instead."))]}) from None
    return response


def update_response(response: ScanResponse, answers: dict, today: date | None = None) -> ScanResponse:
    """Change a response while its round is open."""
    _check_open(response.round, today or date.today())
    errors = check_answers(answers)
    if errors:
        raise ValidationFailed(errors)
    with write_transaction():
        _store(response, answers)
    return response


def save_answers(scan_round: ScanRound, user: User, side: Side, answers: dict,
                 mine: ScanResponse | None = None) -> ScanResponse:
    """The member's first response to the round, or a change to ``mine`` while the round is open."""
    return submit_response(scan_round, user, side, answers) if mine is None else update_response(mine, answers)


def round_results(scan_round: ScanRound | None) -> domain.ScanResult | None:
    """The domain results of a round (None for no round)."""
    if scan_round is None:
        return None
    rows = db.session.execute(
        select(ScanResponse.id, ScanResponse.side, ScanAnswer.statement, ScanAnswer.score)
        .join(ScanAnswer, ScanAnswer.response_id == ScanResponse.id, isouter=True)
        .where(ScanResponse.round_id == scan_round.id))
    people: dict[int, tuple[Side, dict]] = {}
    for response_id, side, key, score in rows:
        answers = people.setdefault(response_id, (side, {}))[1]
        if key is not None:
            answers[key] = score
    return domain.results([domain.Response(str(rid), side, answers)
                           for rid, (side, answers) in people.items()], scan_settings())


def previous_round(scan_round: ScanRound) -> ScanRound | None:
    """The project's round before this one (by opening date, then id)."""
    return db.session.scalar(
        select(ScanRound).where(ScanRound.project_id == scan_round.project_id,
                                (ScanRound.opens_on < scan_round.opens_on)
                                | ((ScanRound.opens_on == scan_round.opens_on)
                                   & (ScanRound.id < scan_round.id)))
        .order_by(ScanRound.opens_on.desc(), ScanRound.id.desc()).limit(1))


def answer_counts(scan_round: ScanRound) -> dict[Side, dict[str, int]]:
    """Per side: members, members who answered, and all respondents (imports included)."""
    members = dict(db.session.execute(
        select(Membership.side, func.count()).where(Membership.project_id == scan_round.project_id)
        .group_by(Membership.side)).all())
    answered = dict(db.session.execute(
        select(Membership.side, func.count()).join(
            ScanResponse, (ScanResponse.user_id == Membership.user_id)
            & (ScanResponse.round_id == scan_round.id))
        .where(Membership.project_id == scan_round.project_id).group_by(Membership.side)).all())
    total = dict(db.session.execute(
        select(ScanResponse.side, func.count()).where(ScanResponse.round_id == scan_round.id)
        .group_by(ScanResponse.side)).all())
    return {side: {"members": members.get(MemberSide(side.value), 0),
                   "answered": answered.get(MemberSide(side.value), 0),
                   "respondents": total.get(side, 0)} for side in SIDES}


def results_json(project: Project, scan_round: ScanRound) -> dict:
    """The scan-results JSON (docs/contracts.md) of a round."""
    return domain.scan_json(project.code, scan_round.name, round_results(scan_round))


TOO_FEW = "too few responses"


def results_csv(scan_round: ScanRound) -> list[list[str]]:
    """Rows of the results CSV: respondents, then one row per factor and per lens.

    A side with too few respondents reads "too few responses" instead of figures.
    """
    result = round_results(scan_round)
    before = round_results(previous_round(scan_round))
    delta = domain.changes(result, before)

    def cell(side: Side, value: float | None) -> str:
        if not result.enough(side):
            return TOO_FEW
        return "" if value is None else f"{value:.2f}"

    def row(kind: str, key: str, lens: str, item) -> list[str]:
        return [kind, key, lens, cell(Side.CLIENT, item.client),
                cell(Side.CONTRACTOR, item.contractor),
                "" if item.gap is None else f"{item.gap:.2f}",
                *("" if (d := delta[key][s.value]) is None else f"{d:.2f}" for s in SIDES)]

    rows = [["type", "key", "lens", "client", "contractor", "gap", "client_change",
             "contractor_change"],
            ["respondents", "", "", str(result.respondents[Side.CLIENT]),
             str(result.respondents[Side.CONTRACTOR]), "", "", ""]]
    rows += [row("factor", f.key, f.lens.value, f) for f in result.factors]
    rows += [row("lens", r.lens.value, r.lens.value, r) for r in result.lenses]
    return rows


def dashboard_summary(project: Project, as_of: date | None = None) -> dict | None:
    """The newest round (opened by ``as_of``, when given) with its results, for the project
    dashboard and the report (None without such a round)."""
    latest = round_named(project, None) if as_of is None else \
        next((r for r in rounds(project) if r.opens_on <= as_of), None)
    if latest is None:
        return None
    result = round_results(latest)
    return {"round": latest, "result": result, "weakest": result.weakest(),
            "changes": domain.changes(result, round_results(previous_round(latest)))}


# ---------------------------------------------------------------------------- paper scans
IMPORT_COLUMNS = ("respondent", "side", "statement", "score")
RESPONDENT_MAX = 64


def _import_row(line: int, cells: dict[str, str], errors: list, seen: dict) -> tuple | None:
    """Check one CSV row; returns (respondent, side, statement, score) or None on errors."""
    before = len(errors)
    respondent, side_text = cells["respondent"].strip(), cells["side"].strip().lower()
    key, score_text = cells["statement"].strip(), cells["score"].strip()
    if not respondent or len(respondent) > RESPONDENT_MAX:
        errors.append(RowError(line, "respondent", str(_l(
            "Give a respondent id of at most %(n)d characters.", n=RESPONDENT_MAX))))
    if side_text not in (Side.CLIENT.value, Side.CONTRACTOR.value):
        errors.append(RowError(line, "side", str(_l("Use client or contractor."))))
    elif respondent and seen.setdefault(("side", respondent), (side_text, line))[0] != side_text:
        errors.append(RowError(line, "side", str(_l(
            "This respondent was on the other side on line %(line)d.",
            line=seen[("side", respondent)][1]))))
    if key not in domain.STATEMENT_KEYS:
        errors.append(RowError(line, "statement", str(_l("“%(key)s” is not a statement of the scan.",
                                                         key=key))))
    elif (first := seen.setdefault((respondent, key), line)) != line:
        errors.append(RowError(line, "statement", str(_l(
            "This respondent already answered this statement on line %(line)d.", line=first))))
    score = None
    if score_text:
        score = small_int(score_text)
        if score not in domain.SCORES:
            errors.append(RowError(line, "score", str(_l(
                "Use a score from 1 to 5, or leave the cell empty for “don't know”."))))
    return None if len(errors) > before else (respondent, Side(side_text), key, score)


def _known(target: ScanRound | None, records: list[tuple[int, dict[str, str]]]) -> list[RowError]:
    """Errors for rows of respondents who already answered this round."""
    if target is None:
        return []
    existing = set(db.session.scalars(select(ScanResponse.respondent).where(
        ScanResponse.round_id == target.id, ScanResponse.respondent.is_not(None))))
    errors = [RowError(line, "respondent", str(_l(
        "Respondent “%(id)s” already has a response in this round.", id=cells["respondent"].strip())))
        for line, cells in records if cells["respondent"].strip() in existing]
    return errors


def import_responses(project: Project, round_name: str | None,
                     records: list[tuple[int, dict[str, str]]], today: date | None = None) -> ScanRound:
    """Store a paper scan (rows of IMPORT_COLUMNS) in one transaction: every row, or none.

    The round is found by name (default: the newest); a name not yet used creates a round
    that opens and closes today. Import ignores the round's dates (paper arrives late), but
    a respondent who already has a response in the round is refused.
    """
    today = today or date.today()
    errors: list = []
    seen: dict = {}
    parsed = [p for line, cells in records if (p := _import_row(line, cells, errors, seen))]
    if not records:
        errors.append(RowError(1, None, str(_l("The file has a header but no answers."))))
    errors += _known(round_named(project, round_name), records)
    if errors:
        raise ValidationFailed(sorted(errors, key=lambda e: e.line))
    with write_transaction():  # look the round up inside: no stale read, no race
        target = round_named(project, round_name)
        if target is None:
            target = ScanRound(project_id=project.id, name=round_name or f"Import {today.isoformat()}",
                               opens_on=today, closes_on=today)
            db.session.add(target)
        elif errors := _known(target, records):  # answered meanwhile: checked again under the lock
            raise ValidationFailed(errors)
        responses: dict[str, ScanResponse] = {}
        for respondent, side, key, score in parsed:
            if respondent not in responses:
                responses[respondent] = ScanResponse(round=target, respondent=respondent, side=side)
                db.session.add(responses[respondent])
            responses[respondent].answers.append(ScanAnswer(statement=key, score=score))
    return target
