"""What every screen of the app shares: the app typed as itself, keys described in
the member's language, and for a full screen its help title and `reload`.

A screen's contract with the app is these classes, not attributes looked up
by name: the help asks `HELP_TITLE`, and `DataChanged` reaches `reload`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import on
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from tui.bindings import translated
from tui.messages import DataChanged

if TYPE_CHECKING:
    from tui.app import LadderApp

    _Screen = Screen[Any]
else:
    _Screen = object  # a plain mixin: Textual takes a screen's CSS from its first screen base

Result = TypeVar("Result")


class InTheApp(_Screen):
    """Mixed into a screen before its Textual class."""

    @property
    def ladder_app(self) -> LadderApp:
        """The app, typed: every screen here runs inside a `LadderApp`."""
        return cast("LadderApp", self.app)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys as Textual shows them (the footer), described in the member's
        language; the bindings themselves keep their i18n keys (`tui.bindings`)."""
        lang = self.ladder_app.lang
        return {
            key: active._replace(binding=translated(active.binding, lang))
            for key, active in super().active_bindings.items()
        }


class LadderScreen(InTheApp, Screen[Result]):
    """A full screen: the help names it, and it reads again when the data changes."""

    HELP_TITLE: ClassVar[str] = "app.title"  # an i18n key
    # The keys the footer leaves out first when they do not fit (`FittingFooter`)
    FOOTER_SPARE: ClassVar[tuple[str, ...]] = ()

    def reload(self, colleague: bool = False) -> None:
        """Read again what the screen shows (`colleague`: someone else wrote);
        a screen that shows nothing from the database has nothing to read."""

    @on(DataChanged)
    def read_again(self, message: DataChanged) -> None:
        self.reload(colleague=message.colleague)


class LadderModal(InTheApp, ModalScreen[Result]):
    """A dialog over a screen."""
