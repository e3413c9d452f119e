"""The plan page: the SPMP as a form, Save, Export PDF, and a supervisor's sign-off."""

from __future__ import annotations

import base64
import html
import json
import logging
from urllib.parse import quote

import ipywidgets as w

from ..errors import ConflictError, SpmpError, ValidationFailed
from ..model import PlanDocument, format_uk
from ..services.plans import export_file, next_review_due, save_plan, sign_off
from ..services.users import Role
from ..widgets import ModelForm, list_choices
from ..widgets.base import close_all
from .autosave import Autosaver
from .chrome import message, page
from .context import AppContext
from .history_view import history_widget

__all__ = ["PlanPage", "PLAN_LAYOUT"]

log = logging.getLogger(__name__)

PLAN_LAYOUT = [
    ("Subject and orders", ["subject", "protected_persons", "orders", "classification", "next_review_due"]),
    ("Part 1: Offending and safeguarding", ["part1"]),
    ("Part 2: Investigations and management", ["part2"]),
    ("Part 3: Risk assessment", ["part3"]),
    ("Relationships", ["relationships"]),
]


class PlanPage:
    """One subject's plan; ``.widget`` is what the notebook displays."""

    def __init__(self, ctx: AppContext, subject_id: str) -> None:
        self.ctx = ctx
        self.subject_id = subject_id
        self.document, self.info = ctx.store.load(subject_id)
        self.history = ctx.store.history(subject_id)
        self.can_edit = ctx.user.can("plan.edit")

        self.header = w.HTML()
        self.messages = w.VBox()
        self.messages.add_class("spmp-messages")
        self.form = ModelForm(self.document, layout=PLAN_LAYOUT,
                              context={"protected_persons": list_choices("protected_persons", _person_label)})
        self.form.read_only = not self.can_edit
        self.save_button = w.Button(description="Save", button_style="primary", icon="save",
                                    tooltip="Store these changes as a new version",
                                    disabled=not self.can_edit)
        self.save_button.add_class("spmp-save")
        self.save_button.on_click(self._guard(self.save))
        self.revert_button = w.Button(description="Undo changes", icon="undo",
                                      tooltip="Go back to the saved version", disabled=not self.can_edit)
        self.revert_button.add_class("spmp-revert")
        self.revert_button.on_click(self._guard(self.revert))
        self.pdf_button = w.Button(description="Export PDF", icon="file-pdf-o",
                                   tooltip="The saved version as a PDF for the records system")
        self.pdf_button.add_class("spmp-export-pdf")
        self.pdf_button.on_click(self._guard(self.export_pdf))
        self.download = w.HTML()
        self.download.add_class("spmp-download")
        self.draft_status = w.HTML()
        self.draft_status.add_class("spmp-draft-status")
        actions = w.HBox([self.save_button, self.revert_button, self.pdf_button, self.download,
                          self.draft_status])
        actions.add_class("spmp-actions")

        self.sign_user = w.Text(description="Supervisor user name",
                                value=ctx.user.username if ctx.user.role is Role.SUPERVISOR else "",
                                style={"description_width": "200px"}, layout=w.Layout(width="480px"))
        self.sign_password = w.Password(description="Password", style={"description_width": "200px"},
                                        layout=w.Layout(width="480px"))
        self.sign_rationale = w.Textarea(description="Rationale", placeholder="Why the plan is approved",
                                         style={"description_width": "200px"},
                                         layout=w.Layout(width="720px", height="70px"))
        self.sign_button = w.Button(description="Sign off", button_style="success", icon="check")
        self.sign_button.add_class("spmp-sign-off")
        self.sign_button.on_click(self._guard(self.sign_off))
        self.sign_messages = w.VBox()
        self.sign_box = w.VBox([w.HTML("<h2>Supervisor sign-off</h2><p>A supervisor who did not write this "
                                       "version signs it off by entering their own password.</p>"),
                                self.sign_user, self.sign_password, self.sign_rationale, self.sign_button,
                                self.sign_messages])
        self.sign_box.add_class("spmp-sign-box")

        history = w.VBox([w.HTML("<h2>Reviews, visits and breaches</h2>"),
                          history_widget(self.history, self.document)])
        self.draft_offer = w.VBox()
        self.draft_offer.add_class("spmp-draft-offer")
        self.widget = page(self.header, self.messages, self.draft_offer, actions, self.form,
                           self.sign_box, history,
                           user_line=f"{ctx.user.display_name} ({ctx.user.role.value})")
        self._refresh_header()
        self.form.on_change(self._mark_dirty)
        self.autosaver: Autosaver | None = None
        if self.can_edit:
            self.autosaver = Autosaver(self.form, ctx.store, subject_id, ctx.user.username,
                                       lambda: self.info.version, on_saved=self._draft_saved)
            self._offer_draft()

    # -- helpers ----------------------------------------------------------------------------
    def _guard(self, action):
        """Run a button's action; anything unexpected becomes a plain message, never a traceback."""
        def handler(_button: w.Button) -> None:
            try:
                action()
            except SpmpError as e:
                self.say(str(e), "error")
            except Exception:  # noqa: BLE001
                log.exception("action failed")
                self.say("Something went wrong; nothing was changed. Your typing is still in the form.",
                         "error")
        return handler

    def say(self, text: str, kind: str = "info", *, where: w.VBox | None = None) -> None:
        box = where or self.messages
        old, box.children = box.children, [message(text, kind)]
        close_all(old)

    def close(self) -> None:
        """Close the page and every widget it made (the form's list items included).

        A draft write still pending is done first, so closing never loses the last typing.
        """
        if self.autosaver is not None:
            if self.autosaver.pending:
                self.autosaver.flush()
            self.autosaver.cancel()
        self.form.close()
        close_all(self.widget)

    def _refresh_header(self) -> None:
        d, i = self.document, self.info
        orders = ", ".join(o.order_type.value for o in d.orders if o.status.in_force) or "none in force"
        status = f"Version {i.version}: {i.status.label}, saved {format_uk(i.saved_at)} by {i.author_name}"
        versions = self.ctx.store.versions(self.subject_id)
        # as the caseload shows it: from the document and the history as they stand now
        review = next_review_due(d, self.history, versions[0].saved_at.date())
        signed = ""
        if i.sign_off:
            signed = (f"Signed off by {i.sign_off.display_name} ({i.sign_off.role}) on "
                      f"{format_uk(i.sign_off.signed_at)}. Saving changes starts version {i.version + 1} as a draft.")
        else:
            earlier = [v for v in versions if v.sign_off]
            if earlier:
                signed = f"Version {earlier[-1].version} is the signed-off plan until this draft is signed off."
        self.header.value = (
            f'<div class="spmp-header"><p><a href="?">← Back to the caseload</a></p>'
            f"<h1>{html.escape(d.subject.display_name)}</h1>"
            f"<p>{html.escape(d.subject.id)} · Orders: {html.escape(orders)} · "
            f"Risk: {html.escape(d.risk_level.label)} · Next review due: "
            f"{html.escape(format_uk(review))}</p>"
            f'<p class="spmp-version">{html.escape(status)}</p>'
            + (f'<p class="spmp-signed">{html.escape(signed)}</p>' if signed else "") + "</div>")
        self.sign_box.layout.display = "none" if i.sign_off else None
        self.sign_button.description = f"Sign off version {i.version}"

    def _mark_dirty(self, _change=None) -> None:  # noqa: ANN001
        """``spmp-dirty`` on the page makes the browser ask before leaving it (see spmp.js)."""
        (self.widget.add_class if self.form.dirty else self.widget.remove_class)("spmp-dirty")

    # -- drafts -----------------------------------------------------------------------------
    def _draft_saved(self, draft) -> None:  # noqa: ANN001 - a Draft or None
        self.draft_status.value = ("" if draft is None else
                                   f'<span role="status">Draft kept at {format_uk(draft.saved_at)[-5:]}'
                                   f":{draft.saved_at.second:02d}</span>")

    def _offer_draft(self) -> None:
        """Unsaved typing from an earlier page (tab) of this user: offer Restore or Discard
        before any editing. Each page keeps its own draft, newest offered first."""
        drafts = [d for d in self.ctx.store.get_drafts(self.subject_id, self.ctx.user.username)
                  if d.page_id != self.autosaver.page_id]
        if not drafts:
            return
        draft = drafts[0]
        try:
            snapshot = json.loads(draft.state)
        except ValueError:
            self.ctx.store.delete_draft(self.subject_id, self.ctx.user.username, draft.page_id)
            self._offer_draft()
            return
        newer = draft.saved_at > self.info.saved_at
        stale = draft.based_on_version != self.info.version
        text = (f"You have changes you did not save, kept at {format_uk(draft.saved_at)} "
                f"(started from version {draft.based_on_version}).")
        if stale:
            text += (f" Version {self.info.version} has been saved since: if you restore, check "
                     "its changes are not lost before you save.")
        elif not newer:
            text += " They are older than the saved version."
        if len(drafts) > 1:
            text += f" ({len(drafts) - 1} older set{'s' if len(drafts) > 2 else ''} of unsaved changes follow.)"
        restore = w.Button(description="Restore my changes", button_style="primary")
        restore.add_class("spmp-draft-restore")
        discard = w.Button(description="Discard them")
        discard.add_class("spmp-draft-discard")
        restore.on_click(self._guard(lambda: self._resolve_draft(draft, snapshot)))
        discard.on_click(self._guard(lambda: self._resolve_draft(draft, None)))
        self.form.read_only = True
        self.autosaver.paused = True
        self.draft_offer.children = [message(text, "warning"), w.HBox([restore, discard])]

    def _resolve_draft(self, draft, snapshot: dict | None) -> None:  # noqa: ANN001 - a Draft
        offer, self.draft_offer.children = self.draft_offer.children, []
        close_all(*offer)
        self.form.read_only = False
        self.autosaver.paused = False
        self.ctx.store.delete_draft(self.subject_id, self.ctx.user.username, draft.page_id)
        if snapshot is None:
            self.say("Those unsaved changes were discarded.", "info")
            self._offer_draft()  # the next older set, if any
            return
        try:
            self.form.restore(snapshot)
        except ValueError:
            self.say("Those unsaved changes could not be restored; they were discarded.", "error")
            return
        self.autosaver.flush()  # now this page's draft, counted from this version
        self._mark_dirty()
        self.say("Your unsaved changes are back in the form. Save them when they are ready.", "success")

    # -- actions ----------------------------------------------------------------------------
    def save(self) -> None:
        """Validate, then store a new version; on any problem nothing is saved and the typing stays."""
        try:
            document: PlanDocument = self.form.value
        except ValidationFailed as e:
            n = len(e.problems)
            self.say(f"Nothing was saved: {n} problem{'s' if n != 1 else ''} to fix, shown next to "
                     "the fields and listed at the top of the form.", "error")
            return
        try:
            info = save_plan(self.ctx.store, document, user=self.ctx.user, based_on=self.info.version)
        except ValidationFailed as e:
            self.form.set_errors([(_loc(path), msg) for path, msg in e.problems])
            self.say("Nothing was saved: the store found problems, shown next to the fields.", "error")
            return
        except ConflictError as e:
            latest = self.ctx.store.version_info(self.subject_id, e.current_version)
            self.say(f"Nothing was saved: version {latest.version} was saved by {latest.author_name} at "
                     f"{format_uk(latest.saved_at)}, after you opened this page (perhaps in another tab). "
                     "Your changes are still in the form and kept as a draft: reload the page, choose "
                     "Restore, and check the other changes before saving.", "error")
            return
        unchanged = info.version == self.info.version
        self.document, self.info = document, info
        if self.autosaver is not None:
            self.autosaver.discard()
            self._draft_saved(None)
        self.form.load(document)
        self._mark_dirty()
        self._refresh_header()
        if unchanged:
            self.say("There were no changes to save.", "info")
        else:
            self.say(f"Saved as version {info.version} ({info.status.label.lower()}).", "success")

    def revert(self) -> None:
        self.form.revert()
        self._mark_dirty()
        self.say(f"Changes undone: the form shows version {self.info.version} again.", "info")

    def export_pdf(self) -> None:
        from ..exports import render_plan_pdf

        file, info = export_file(self.ctx.store, self.subject_id, self.info.version)
        data = render_plan_pdf(file, info)
        name = f"{self.subject_id}-v{info.version}{'' if info.sign_off else '-DRAFT'}.pdf"
        href = "data:application/pdf;base64," + base64.b64encode(data).decode("ascii")
        self.download.value = (f'<a download="{quote(name)}" href="{href}" class="spmp-pdf-link">'
                               f"Download {html.escape(name)} ({len(data) // 1024 + 1} KB)</a>")
        note = " It shows the saved version: save first to include changes in the form." if self.form.dirty else ""
        self.say(f"PDF of version {info.version} ready.{note}", "success")

    def sign_off(self) -> None:
        where = self.sign_messages
        password, self.sign_password.value = self.sign_password.value, ""
        if self.form.dirty:
            self.say(f"Save or undo the changes in the form first: sign-off applies to the saved "
                     f"version {self.info.version}.", "error", where=where)
            return
        try:
            info = sign_off(self.ctx.store, self.subject_id, self.info.version,
                            username=self.sign_user.value.strip(), password=password,
                            rationale=self.sign_rationale.value)
        except SpmpError as e:
            self.say(str(e), "error", where=where)
            return
        self.info = info
        self._refresh_header()
        self.say(f"Version {info.version} signed off by {info.sign_off.display_name}.", "success")


def _person_label(person) -> str:  # noqa: ANN001 - a ProtectedPerson as currently typed
    name = getattr(person, "name", None) or (person.get("name") if isinstance(person, dict) else "")
    pid = getattr(person, "id", None) or (person.get("id") if isinstance(person, dict) else "")
    return f"{name or 'Unnamed'} ({pid})"


def _loc(path: str) -> tuple[str | int, ...]:
    """``orders[0].end_date`` -> ``("orders", 0, "end_date")``."""
    out: list[str | int] = []
    for part in path.replace("[", ".").replace("]", "").split("."):
        if part:
            out.append(int(part) if part.isdigit() else part)
    return tuple(out)
