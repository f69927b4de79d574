"""The shipped rulebook holds the defaults of docs/rules.md; a user's file is checked whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from ladder import (
    RulebookError,
    Rung,
    default_rulebook,
    default_rules_text,
    load_rulebook,
    parse_rulebook,
)

DEFAULT_TEXT = default_rules_text()


def test_default_kinds_and_weights_match_the_domain():
    book = default_rulebook()
    weights = {k.id: k.weight for k in book.kinds.values()}
    assert weights == {
        "purchase": 1,
        "positive_feedback": 2,
        "wow": 3,
        "referral": 5,
        "complaint_resolved": 4,
        "aftermarketing_call": 1,
        "christmas_card": 1,
        "contact": 0,
        "complaint": -3,
        "bad_experience": -3,
        "negative_feedback": -2,
        "unanswered": -2,
    }
    assert [k.id for k in book.kinds.values() if k.emotional] == ["wow"]
    assert book.kinds["unanswered"].label_fi == "Vastaamaton yhteydenotto"


def test_default_gates_and_windows_match_the_domain():
    book = default_rulebook()
    gates = {
        r: (g.score, g.positives, g.emotional_positives, g.referrals) for r, g in book.gates.items()
    }
    assert gates == {
        Rung.KOKEILIJA: (1, 1, 0, 0),
        Rung.ASIAKAS: (4, 2, 0, 0),
        Rung.LOJALISTI: (10, 4, 0, 0),
        Rung.SANANSAATTAJA: (20, 6, 2, 1),
    }
    assert book.floor(Rung.LOJALISTI) == pytest.approx(8.0)
    assert book.fragile == {Rung.KULUTTAJA, Rung.KOKEILIJA, Rung.ASIAKAS}
    assert book.resilient == {Rung.LOJALISTI, Rung.SANANSAATTAJA}
    assert (book.emotional_multiplier, book.half_life_days) == (2, 365)
    assert (book.recovery_window_days, book.grace_days, book.at_risk_after_days) == (30, 180, 120)
    assert set(book.followups) == {
        "aftermarketing",
        "complaint",
        "recovery",
        "thank_you",
        "christmas_card",
        "keep_in_touch",
        "birthday",
    }


def test_a_bad_file_reports_every_problem_with_its_key_path():
    text = (
        DEFAULT_TEXT.replace("weight = 1\n", 'weight = "yksi"\n', 1)
        .replace("[demotion]", "[demotion]\nspeed = 3")
        .replace('rungs = ["lojalisti", "sanansaattaja"]', 'rungs = ["lojalisti", "guru"]')
    )
    with pytest.raises(RulebookError) as caught:
        parse_rulebook(text)
    assert caught.value.problems == [
        'kinds.purchase.weight: expected a number, got "yksi"',
        "demotion.speed: unknown key",
        'resilient.rungs[1]: unknown rung "guru" (one of: kuluttaja, kokeilija, asiakas, '
        "lojalisti, sanansaattaja)",
    ]


def test_unknown_top_level_keys_and_missing_tables_are_errors():
    text = DEFAULT_TEXT.replace("[scoring]", "colour = 'red'\n[scoring]")
    text = text.replace("[lapsing]\nat_risk_after_days = 120", "[lapsing]")
    with pytest.raises(RulebookError) as caught:
        parse_rulebook(text)
    assert "colour: unknown key" in caught.value.problems
    assert "lapsing.at_risk_after_days: missing" in caught.value.problems


def test_a_number_below_its_least_is_refused_not_dropped():
    """`due_days = -3` once dropped the whole follow-up rule without a word."""
    text = DEFAULT_TEXT.replace("due_days = 0", "due_days = -3", 1)
    text = text.replace("at_risk_after_days = 120", "at_risk_after_days = 0")
    with pytest.raises(RulebookError) as caught:
        parse_rulebook(text)
    assert caught.value.problems == [
        "lapsing.at_risk_after_days: must be at least 1, got 0",
        "followups.keep_in_touch.due_days: must be at least 0, got -3",
    ]


def test_every_problem_is_said_in_finnish_with_the_same_values():
    from string import Formatter

    from ladder.rulebook import PROBLEMS
    from present.i18n import RULEBOOK_PROBLEMS_FI

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(template) if name}

    assert RULEBOOK_PROBLEMS_FI.keys() == PROBLEMS.keys()
    for what, english in PROBLEMS.items():
        assert fields(RULEBOOK_PROBLEMS_FI[what]) == fields(english), what


def test_references_to_unknown_kinds_are_caught():
    text = DEFAULT_TEXT.replace('closed_by = ["aftermarketing_call"]', 'closed_by = ["soitto"]')
    with pytest.raises(RulebookError, match=r"followups.aftermarketing.closed_by\[0\]"):
        parse_rulebook(text)


def test_broken_toml_is_one_clear_problem():
    with pytest.raises(RulebookError, match="not valid TOML"):
        parse_rulebook("[kinds\nweight = ")


def test_a_user_file_can_change_numbers_and_add_kinds(tmp_path: Path):
    path = tmp_path / "rules.toml"
    path.write_text(
        DEFAULT_TEXT.replace("half_life_days = 365", "half_life_days = 180")
        + '\n[kinds.workshop]\nlabel_fi = "Työpaja"\nlabel_en = "Workshop"\nweight = 2\n',
        "utf-8",
    )
    book = load_rulebook(path)
    assert book.half_life_days == 180
    assert book.kinds["workshop"].weight == 2
    assert book.fingerprint != default_rulebook().fingerprint


def test_a_missing_file_is_a_rulebook_error(tmp_path: Path):
    with pytest.raises(RulebookError, match="cannot read"):
        load_rulebook(tmp_path / "nope.toml")
