"""Form fields that take keys in the order they were typed, however fast.

Textual hands a printable key to the focused widget's own queue, but lets
every other key (enter, tab, backspace, the arrows) travel up to the app,
which then acts on whatever has the focus *by then*. A line typed in one
burst (`Anna Laine⏎soitto⏎`) was therefore taken apart: `soitto` landed in
the customer field before the first enter moved on, and a highlight from the
first letter chose a kind after the last. A field here handles every key
itself, in its own queue, in order: the form's moves (tab, enter) through the
form (`OrderedForm.key_in_order`), its own bindings and then the form's
(escape, ctrl+s) at once, and a key that reaches it after the focus has moved
on is passed, still in order, to the field that has the focus now.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, OptionList


@runtime_checkable
class OrderedForm(Protocol):
    """A screen whose fields take keys in order (see `tui.screens.form.FormModal`)."""

    closed: bool

    def key_in_order(self, field: Widget, key: str) -> bool:
        """Act on a key that moves through the form (tab, enter) at once; True if it did."""
        ...


# The mixin is a plain class (Textual takes a widget's CSS and parts from its first
# widget base), typed as the widget it is mixed into.
if TYPE_CHECKING:
    _Field = Widget
else:
    _Field = object


class InOrder(_Field):
    """Mixed into a form field before the widget class: see the module's docstring."""

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        if not isinstance(screen, OrderedForm):
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        if screen.closed:  # typed after the form was saved or cancelled: it was meant here
            return
        focused = screen.focused
        if focused is not self:
            if focused is not None:
                focused.post_message(events.Key(event.key, event.character))
            return
        if screen.key_in_order(self, event.key):
            return
        # The field's own key, else the form's (escape, ctrl+s): the binding Textual
        # would run, unless it is a container's between them (a scroll's arrows).
        active = screen.active_bindings.get(event.key)
        if (
            active is not None
            and active.node in (self, screen)
            and not active.binding.priority
            and await self.app.run_action(active.binding.action, active.node)
        ):
            return
        if event.is_printable:
            await super()._on_key(event)


def _without_enter(bindings: list[BindingType]) -> list[BindingType]:
    """A widget's own bindings less enter, which in a form is the form's: the
    footer then says what enter does there (save, done), not "select"."""
    kept: list[BindingType] = []
    for binding in bindings:
        assert isinstance(binding, Binding)
        keys = [key for key in binding.key.split(",") if key != "enter"]
        if keys:
            kept.append(replace(binding, key=",".join(keys)))
    return kept


class FieldInput(InOrder, Input, inherit_bindings=False):
    """A text field of a form."""

    BINDINGS = _without_enter(Input.BINDINGS)


class FieldCheckbox(InOrder, Checkbox, inherit_bindings=False):
    """A checkbox of a form: space ticks it."""

    BINDINGS = _without_enter(Checkbox.BINDINGS)


class FieldOptionList(InOrder, OptionList, inherit_bindings=False):
    """A list to choose from in a form: the arrows move."""

    BINDINGS = _without_enter(OptionList.BINDINGS)


class FieldButton(InOrder, Button, inherit_bindings=False):
    """A button of a form: enter presses it, through the form."""
