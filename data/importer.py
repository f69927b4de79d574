"""Planning a contacts import: what is new, what is already there, and what is wrong.

A file with any bad row imports nothing. A contact is a duplicate of a
customer already there (or of an earlier row) with the same e-mail address,
else the same phone number (`040 123 4567` is `+358 40 1234567`), else the
same name: skipped, or with `merge` its details fill in the fields the
customer has empty, and the plan says which. A name alone is no proof of one
person: a name-only match is merged only when asked (`by_name`), never a
stranger's notes or birthday copied onto a namesake. `service.import_contacts` writes the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from data.formats.contact_file import BadRow, Contact, ContactFile
from data.records import CustomerInfo
from ladder.text import search_key

MERGED_FIELDS = ("organisation", "email", "phone", "address", "birthday", "tags", "notes")


@dataclass(frozen=True)
class Duplicate:
    contact: Contact
    of: str  # who it duplicates: "#12 Anna Virtanen" or "line 4"
    customer_id: int | None
    by: str  # "email", "phone" or "name"
    fills: tuple[str, ...] = ()  # the customer's empty fields a merge would fill

    def merged(self, merge: bool, by_name: bool = False) -> bool:
        """Whether an import asked to `merge` (and `by_name`) fills this customer in."""
        return merge and self.customer_id is not None and (self.by != "name" or by_name)


@dataclass
class ImportPlan:
    new: list[Contact] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


def plan_import(found: ContactFile, existing: list[CustomerInfo]) -> ImportPlan:
    plan = ImportPlan(bad=list(found.bad))
    known: dict[str, dict[str, CustomerInfo]] = {
        "email": {c.email.casefold(): c for c in existing if c.email},
        "phone": {c.phone: c for c in existing if c.phone},  # each in its one form
        "name": {search_key(c.name): c for c in existing},
    }
    seen: dict[str, dict[str, Contact]] = {"email": {}, "phone": {}, "name": {}}
    for contact in found.contacts:
        keys = {
            "email": contact.email.casefold(),
            "phone": contact.phone,
            "name": search_key(contact.name),
        }
        match = None
        for by in ("email", "phone", "name"):
            key = keys[by]
            if key and key in known[by]:
                customer = known[by][key]
                fills = tuple(
                    f for f in MERGED_FIELDS if getattr(contact, f) and not getattr(customer, f)
                )
                match = Duplicate(contact, _who(customer), customer.id, by, fills)
            elif key and key in seen[by]:
                match = Duplicate(contact, f"line {seen[by][key].line}", None, by)
            if match:
                break
        if match:
            plan.duplicates.append(match)
            continue
        plan.new.append(contact)
        for by, key in keys.items():
            if key:
                seen[by].setdefault(key, contact)
    return plan


def _who(customer: CustomerInfo) -> str:
    return f"#{customer.id} {customer.name}"
