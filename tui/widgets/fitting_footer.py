"""The footer, fitted to the terminal: at 80 columns its keys were cut off at the
right (the morning's `n` and `c`, the card's from `m` on, more so in Finnish)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Footer


class FittingFooter(Footer):
    """Textual's footer that, while its keys are wider than the screen, leaves out
    the keys its screen can spare most (`FOOTER_SPARE`: actions, the first spared
    first). A key left out still works, and the help lists every key."""

    def on_resize(self) -> None:
        self._fit()

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def _fit(self) -> None:
        if not self.is_attached:  # its dialog closed while the keys were being remade
            return
        keys = list(self.query("FooterKey"))  # the type is not exported by Textual
        for key in keys:
            key.display = True
        spare: tuple[str, ...] = getattr(self.screen, "FOOTER_SPARE", ())
        needed = sum(_width(key) for key in keys)
        for action in spare:
            if needed <= self.size.width:
                return
            for key in keys:
                if getattr(key, "action", None) == action and key.display:
                    key.display = False
                    needed -= _width(key)


def _width(key: Widget) -> int:
    """The columns a key takes in the footer: its text and the space after it."""
    drawn = key.render()  # a footer key draws itself as one Text
    text = drawn.cell_len if isinstance(drawn, Text) else key.outer_size.width
    return text + key.styles.margin.right
