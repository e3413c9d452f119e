"""The officer briefing: one page (two at most) for response and neighbourhood officers.

How to recognise the subject, the orders and their conditions in plain words, vehicles, the main
risks and what to do on contact. It is built from ``Briefing``, a model that has no field for a
victim's or partner's identity, address or workplace, and every piece of free text copied into
it passes through ``Redactor``, which replaces the names of protected persons with "the
protected person" and of partners (and those a disclosure was made to) with "the partner".

    briefing = build_briefing(file, info)
    html = render_briefing_html(briefing)
    pdf = render_briefing_pdf(briefing)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from ..errors import ExportError
from ..model import SubjectFile, VersionInfo, enums, format_uk
from ..model.rules import format_vrm, today_london
from ..model.text import fold as _fold
from ..model.text import fold_with_map as _fold_with_map

__all__ = ["Briefing", "BriefingCondition", "BriefingOrder", "BriefingRisk", "BriefingVehicle",
           "Redactor", "build_briefing", "render_briefing_html", "render_briefing_pdf"]

PROTECTED = "the protected person"
PARTNER = "the partner"
_PARTICLES = {"ap", "ab", "ferch", "verch", "o", "ó", "ní", "nic", "mac", "mc", "ua", "de", "da",
              "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den",
              "al", "el", "bin", "bint", "ibn", "abu", "y", "e", "i"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BriefingCondition(_Strict):
    kind: str  # "Prohibition" / "Requirement"
    category: str
    wording: str  # redacted
    dates: str  # "As the order" or "From ... to ..."


class BriefingOrder(_Strict):
    title: str  # "Stalking Protection Order (SPO)"
    made: dt.date
    ends: dt.date | None
    status: str
    conditions: list[BriefingCondition]


class BriefingVehicle(_Strict):
    vrm: str
    description: str  # make, model, colour
    relation: str
    anpr_marker: bool


class BriefingRisk(_Strict):
    who: str  # the group's label; never a person's name
    level: str
    level_code: str
    imminence: str
    scenario: str  # redacted


class Briefing(_Strict):
    """Everything an officer briefing shows. No victim, partner, address of theirs or workplace:
    there is no field to put one in (``extra="forbid"``)."""

    classification: enums.Classification
    reference: str  # the subject id, for the page margins
    subject_id: str
    surname: str
    forenames: str
    aliases: list[str]
    date_of_birth: dt.date
    age: int
    gender: str
    description: str  # redacted
    warning_markers: list[str]
    pnc_id: str
    home_addresses: list[str]  # the subject's own current addresses
    lead_officer: str
    overall_risk: str
    overall_risk_code: str
    orders: list[BriefingOrder]
    vehicles: list[BriefingVehicle]
    risks: list[BriefingRisk]
    on_contact: list[str]  # what to do on contact, redacted
    plan_version: int
    plan_status: str
    made_on: dt.date


class Redactor:
    """Replaces the names of protected persons and partners in free text.

    Whole names first, then each part of a name (forename, surname) on its own, as a whole word,
    so "Layla's car" becomes "the protected person's car". Parts that are also part of the
    subject's own names are left alone (a family member can share the subject's surname), and so
    are particles such as "ap" or "Ó".
    """

    def __init__(self, protected: Iterable[str], partners: Iterable[str] = (),
                 keep: Iterable[str] = ()) -> None:
        keep_words = {_fold(w) for name in keep for w in _words(name)}
        pairs: list[tuple[str, str]] = []
        for names, replacement in ((protected, PROTECTED), (partners, PARTNER)):
            for name in names:
                name = " ".join(name.split())
                if not name:
                    continue
                pairs.append((name, replacement))
                for part in _words(name):
                    if _fold(part) in {_fold(p) for p in _PARTICLES} or _fold(part) in keep_words:
                        continue
                    if len(part) < 2:
                        continue
                    pairs.append((part, replacement))
        # longest first, so a full name is replaced before its parts
        seen: dict[str, str] = {}
        for text, replacement in sorted(pairs, key=lambda p: -len(p[0])):
            seen.setdefault(text, replacement)
        self.names = list(seen)
        # Names are matched without regard to case or accents: court wording is often in
        # capitals ("ÖZLEM ÇELIK"), and people type "Ozlem Celik" without the accents.
        folded: dict[str, str] = {}
        for t, r in seen.items():
            folded.setdefault(_fold(t), r)
        self._patterns = [(re.compile(rf"(?<![\w-]){re.escape(t)}(?![\w])"), r)
                          for t, r in sorted(folded.items(), key=lambda p: -len(p[0])) if t]

    def _replace_names(self, text: str) -> str:
        folded, owner = _fold_with_map(text)
        spans: list[tuple[int, int, str]] = []
        taken = [False] * len(folded)
        for pattern, replacement in self._patterns:  # longest names first
            for m in pattern.finditer(folded):
                if any(taken[m.start():m.end()]):
                    continue
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
                start, end = owner[m.start()], owner[m.end() - 1] + 1
                # an initial just before the name goes too: "Ö. Çelik" -> "the protected person"
                initial = re.search(r"(?<![\w-])\w\.\s*$", text[:start])
                if initial:
                    start = initial.start()
                spans.append((start, end, replacement))
        for start, end, replacement in sorted(spans, reverse=True):
            text = text[:start] + replacement + text[end:]
        return text

    def __call__(self, text: str) -> str:
        if not text:
            return text
        text = self._replace_names(text)
        # "the protected person or the protected person" -> "any of the protected persons"
        text = re.sub(rf"{PROTECTED}(?:(?:, | or ){PROTECTED})+", "any of the protected persons",
                      text)
        text = re.sub(rf"{PROTECTED}(?:(?:, | and ){PROTECTED})+", "the protected persons", text)
        # a sentence that now starts with "the ..." starts with a capital
        return re.sub(r"(^|[.!?]\s+)(the (?:protected person|partner))",
                      lambda m: m.group(1) + m.group(2)[0].upper() + m.group(2)[1:], text)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", name) if w]


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def build_briefing(file: SubjectFile, info: VersionInfo, *, today: dt.date | None = None) -> Briefing:
    """The briefing for a stored plan version (usually the signed-off one)."""
    if not isinstance(file, SubjectFile) or not isinstance(info, VersionInfo):
        raise ExportError("build_briefing needs a SubjectFile and its VersionInfo.")
    plan = file.plan
    subject = plan.subject
    today = today or today_london()
    protected = [p.name for p in plan.protected_persons]
    partners = [n for r in plan.relationships for n in (r.partner_name, r.disclosed_to) if n]
    redact = Redactor(protected, partners,
                      keep=[subject.surname, subject.forenames, *(a.name for a in subject.aliases)])

    orders = []
    for o in plan.orders:
        if not o.status.in_force:
            continue
        conditions = []
        for c in o.conditions:
            if c.end_date and c.end_date < today:
                continue
            if c.start_date or c.end_date:
                dates = (f"From {format_uk(c.start_date) or 'the order'} to "
                         f"{format_uk(c.end_date) or 'the end of the order'}")
            else:
                dates = "As the order"
            conditions.append(BriefingCondition(kind=c.kind.label, category=c.category.label,
                                                wording=redact(c.wording), dates=dates))
        orders.append(BriefingOrder(title=f"{o.order_type.label} ({o.order_type.value})",
                                    made=o.date_made, ends=o.end_date, status=o.status.label,
                                    conditions=conditions))

    vehicles = [BriefingVehicle(
        vrm=format_vrm(v.vrm), relation=v.relation.label, anpr_marker=v.anpr_marker,
        description=" ".join(x for x in (v.colour, v.make, v.model) if x))
        for v in plan.part2.vehicles]

    ranked = sorted(plan.part3.risks, key=lambda r: -r.level.rank)
    risks = [BriefingRisk(who=r.group.label, level=r.level.label, level_code=r.level.value,
                          imminence=r.imminence.label, scenario=redact(r.scenario))
             for r in ranked[:3]]

    on_contact = _on_contact(plan, redact)
    addresses = [", ".join(x for x in (a.line1, a.line2, a.town, a.postcode) if x)
                 for a in subject.addresses
                 if a.to_date is None and a.address_type is not enums.AddressType.NO_FIXED_ABODE]
    return Briefing(
        classification=plan.classification, reference=subject.id, subject_id=subject.id,
        surname=subject.surname, forenames=subject.forenames,
        aliases=[a.name for a in subject.aliases], date_of_birth=subject.date_of_birth,
        age=_age(subject.date_of_birth, today), gender=subject.gender.label,
        description=redact(subject.description),
        warning_markers=[redact(w) for w in subject.warning_markers], pnc_id=subject.pnc_id,
        home_addresses=addresses, lead_officer=subject.lead_officer,
        overall_risk=plan.risk_level.label, overall_risk_code=plan.risk_level.value,
        orders=orders, vehicles=vehicles, risks=risks, on_contact=on_contact,
        plan_version=info.version, plan_status=info.status.label, made_on=today)


def _on_contact(plan, redact: Redactor) -> list[str]:  # noqa: ANN001
    """What an officer does on meeting the subject: the plan's contingency options, then the
    standing instructions."""
    steps = []
    for t in plan.part3.tactical_options.contingency:
        detail = redact(t.detail) if t.detail else ""
        steps.append(f"{t.option.label}{': ' + detail if detail else ''}")
    in_force = [o for o in plan.orders if o.status.in_force]
    if any(v.anpr_marker for v in plan.part2.vehicles):
        steps.append("An ANPR marker is set on the vehicle(s) above: record every sighting.")
    steps += [
        "Check the conditions above: being somewhere, or contacting someone, the order forbids "
        "may be a criminal offence. A breach of "
        + ("these orders" if len(in_force) > 1 else "this order")
        + " without reasonable excuse is an arrestable offence: use your powers if necessary "
        "and proportionate.",
        "Do not tell the subject where the protected person lives, works or is staying, and do "
        "not discuss the protected person with the subject.",
        "Record the time, place, who the subject was with, and any vehicle or device seen, and "
        "submit an intelligence report the same day.",
        f"Tell the lead officer{(' (' + plan.subject.lead_officer + ')') if plan.subject.lead_officer else ''}"
        " or the ancillary order unit as soon as possible.",
    ]
    return steps


def briefing_notebook(briefing: Briefing):  # noqa: ANN201
    from .notebook import document_notebook

    return document_notebook("briefing", briefing,
                             f"Officer briefing {briefing.subject_id}")


def render_briefing_html(briefing: Briefing) -> str:
    """The briefing as a standalone HTML page."""
    from .exporter import render_notebook

    return render_notebook(briefing_notebook(briefing))[0]


def render_briefing_pdf(briefing: Briefing) -> bytes:
    """The briefing as A4 PDF/A-3b bytes (one page, two at most)."""
    from .exporter import html_to_pdf, pdf_options, render_notebook

    html, resources = render_notebook(briefing_notebook(briefing))
    return html_to_pdf(html, **pdf_options(resources))
