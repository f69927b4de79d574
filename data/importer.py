"""Importing contacts: what is new, what is already there, and what is wrong.

A file with any bad row imports nothing. A contact with the e-mail address or
phone number of a customer already there (or of an earlier row) is a
duplicate: skipped, or with `merge` its details fill in what the customer lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from data.formats.contacts import BadRow, Contact, ContactFile
from data.records import CustomerInfo, NewCustomer
from data.store import Store


@dataclass(frozen=True)
class Duplicate:
    contact: Contact
    of: str  # who it duplicates: "#12 Anna Virtanen" or "line 4"
    customer_id: int | None
    by: str  # "email" or "phone"


@dataclass
class ImportPlan:
    new: list[Contact] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


def phone_key(phone: str) -> str:
    """A phone number reduced to compare: +358 40 123 4567 and 040-1234567 match."""
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[3:] if digits.startswith("358") else digits


def plan_import(found: ContactFile, existing: list[CustomerInfo]) -> ImportPlan:
    plan = ImportPlan(bad=list(found.bad))
    by_email = {c.email.casefold(): c for c in existing if c.email}
    by_phone = {phone_key(c.phone): c for c in existing if c.phone}
    seen_email: dict[str, Contact] = {}
    seen_phone: dict[str, Contact] = {}
    for contact in found.contacts:
        email, phone = contact.email.casefold(), phone_key(contact.phone)
        match = None
        if email and email in by_email:
            match = Duplicate(contact, _who(by_email[email]), by_email[email].id, "email")
        elif phone and phone in by_phone:
            match = Duplicate(contact, _who(by_phone[phone]), by_phone[phone].id, "phone")
        elif email and email in seen_email:
            match = Duplicate(contact, f"line {seen_email[email].line}", None, "email")
        elif phone and phone in seen_phone:
            match = Duplicate(contact, f"line {seen_phone[phone].line}", None, "phone")
        if match:
            plan.duplicates.append(match)
            continue
        plan.new.append(contact)
        if email:
            seen_email[email] = contact
        if phone:
            seen_phone[phone] = contact
    return plan


def apply_import(
    store: Store, plan: ImportPlan, *, merge: bool, today: date, member: str
) -> tuple[int, int]:
    """Import the new contacts (and merge duplicates if asked) in one transaction."""
    if plan.bad:
        raise ValueError("the file has bad rows; nothing was imported")
    merges = [
        (d.customer_id, d.contact.details())
        for d in plan.duplicates
        if merge and d.customer_id is not None
    ]
    added = store.add_histories(
        [NewCustomer(details=c.details()) for c in plan.new],
        today,
        member=member,
        merges=merges,
    )
    return len(added), len(merges)


def _who(customer: CustomerInfo) -> str:
    return f"#{customer.id} {customer.name}"
