"""Add or edit a customer, with each field checked as it is typed."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from data.records import CustomerInfo
from ladder import DateError, format_date
from ladder.contact import (
    MAX_NAME,
    ContactError,
    check_birthday,
    check_email,
    check_name,
    check_phone,
)
from ladder.phones import shown
from tui.screens.form import FormModal, Submit
from tui.widgets.date_field import DateField
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.in_order import FieldButton, FieldInput

TEXT_FIELDS = ("name", "organisation", "email", "phone", "address", "tags", "notes")


class CustomerFormModal(FormModal[dict[str, Any]]):
    """Returns the checked values; nothing is saved while a field is invalid."""

    BINDINGS = [Binding("enter", "enter", "key.save")]

    def __init__(
        self, customer: CustomerInfo | None = None, submit: Submit | None = None, name: str = ""
    ) -> None:
        super().__init__(submit)
        self.customer = customer
        self.name_given = name  # a new customer's name as typed elsewhere (the log dialog)

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        current = self.customer
        title = "customer.edit_title" if current else "customer.add_title"
        with Vertical(classes="dialog", id="customer-dialog"):
            with VerticalScroll(classes="dialog-fields"):
                yield Label(app.tr(title), classes="dialog-title")
                yield Static("", id="form-problem", classes="field-error")
                for field in ("name", "organisation", "email", "phone", "address"):
                    yield Label(app.tr(f"field.{field}"))
                    value = getattr(current, field, "") or (
                        self.name_given if field == "name" else ""
                    )
                    shown_value = shown(value) if field == "phone" else value
                    # a name brought from the log dialog is finished, not typed over
                    yield FieldInput(value=shown_value, id=field, select_on_focus=False)
                    yield Static("", id=f"{field}-error", classes="field-error")
                yield Label(app.tr("field.birthday"))
                birthday = current.birthday if current else None
                yield DateField(
                    app.settings.today,
                    app.lang,
                    id="birthday",
                    value=format_date(birthday) if birthday else "",
                    hint="date.birthday_hint",
                )
                yield Static("", id="birthday-error", classes="field-error")
                for field in ("tags", "notes"):
                    yield Label(app.tr(f"field.{field}"))
                    yield FieldInput(value=getattr(current, field, "") or "", id=field)
            with Horizontal(classes="buttons"):
                yield FieldButton(app.tr("key.save"), variant="primary", id="save", disabled=True)
                yield FieldButton(app.tr("key.cancel"), id="cancel")
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.validate()

    @on(Input.Changed)
    def changed(self) -> None:
        self.validate()

    def validate(self) -> dict[str, Any] | None:
        """The checked values, with each problem shown under its field."""
        values: dict[str, Any] = {f: self.query_one(f"#{f}", Input).value for f in TEXT_FIELDS}
        ok = True
        for field, check in (("name", check_name), ("email", check_email), ("phone", check_phone)):
            error = self.query_one(f"#{field}-error", Static)
            try:
                values[field] = check(values[field])
                error.update("")
            except ContactError as exc:
                ok = False
                shown = values[field].strip() or field == "name"
                error.update(
                    self.ladder_app.tr(f"problem.{exc.problem}", limit=MAX_NAME) if shown else ""
                )
        birthday_error = self.query_one("#birthday-error", Static)
        birthday_error.update("")
        try:
            values["birthday"] = check_birthday(
                self.query_one("#birthday", DateField).value(), self.ladder_app.settings.today
            )
        except DateError:  # the field itself says what is wrong
            ok = False
        except ContactError as exc:
            ok = False
            birthday_error.update(self.ladder_app.tr(f"problem.{exc.problem}"))
        for error in self.query(".field-error").results(Static):
            error.display = bool(str(error.content))  # an empty line would only push Save down
        self.query_one("#save", FieldButton).disabled = not ok
        return values if ok else None

    def action_save(self) -> None:
        values = self.validate()
        if values is not None:
            self.finish(values)
