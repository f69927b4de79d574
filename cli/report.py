"""`ladder report`: how the ladder moved in a period, as text, JSON or a PDF for
the co-op's annual meeting (the same figures as the app's insights screen)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from functools import partial

from cli.common import Commands, Misuse, day_of, deliver, reads
from data import service
from ladder import format_date
from ladder.insights import Insights, Period
from present.formats import format_names
from present.i18n import t
from present.report import REPORT_FORMATS
from present.settings import Settings


def add_commands(c: Commands) -> None:
    report = c.command(
        "report",
        c.w("cli.how_the_ladder_moved_in_a_period_text_json_or_a"),
    )
    report.add_argument(
        "--from",
        dest="start",
        metavar=c.date_arg,
        help=c.w("cli.first_day_default_last_year_if_it_has_events_els"),
    )
    report.add_argument(
        "--to",
        dest="end",
        metavar=c.date_arg,
        help=c.w("cli.last_day_default_today"),
    )
    report.add_argument(
        "--format",
        choices=format_names(REPORT_FORMATS),
        help=c.w("cli.the_form_default_text"),
    )
    report.add_argument("--output", metavar=c.file_arg, help=c.w("cli.save_to_a_file"))
    c.replace_option(report)
    c.json_option(report)
    report.set_defaults(run=run_report)


def _reported(settled, args, settings: Settings) -> None:
    start, end = _period(args, settings, settled.default_period)
    _deliver(settled.insights(Period(start, end)), args, settings)


@reads(_reported)  # through plain SQL when the database is as the store leaves it
def run_report(store: service.Store, args, settings: Settings) -> None:
    start, end = _period(args, settings, partial(service.default_period, store, settings.today))
    _deliver(service.insights(store, Period(start, end), settings.today), args, settings)


def _period(
    args, settings: Settings, default: Callable[[], tuple[Period, str]]
) -> tuple[date, date]:
    """The period asked for, or the default one (said on stderr)."""
    today = settings.today
    if args.start or args.end:
        start = day_of(args.start, settings) or Period.last_calendar_year(today).start
        end = day_of(args.end, settings) or today
    else:
        period, which = default()
        start, end = period.start, period.end
        said = t(f"report.{which}", settings.lang, start=format_date(start), end=format_date(end))
        print(f"ladder: {said}", file=sys.stderr)
    if end < start:
        raise Misuse("report_backwards")
    return start, end


def _deliver(found: Insights, args, settings: Settings) -> None:
    fmt = args.format or ("json" if args.json else "text")
    content = REPORT_FORMATS[fmt](found, settings.rules, settings.lang)
    deliver(content, fmt, args, settings)
