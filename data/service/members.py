"""Members who sign in from a browser (`ladder serve`): their passwords, kept only as
argon2id hashes (argon2-cffi), checked the same way whether the member exists or not."""

from __future__ import annotations

import secrets
from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlmodel import Session, col

from data.errors import NotFound, StoreError
from data.store import Store, audit, rows
from data.store.tables import MemberRow, MetaRow
from ladder.contact import check_name
from ladder.text import member_key

HASHER = PasswordHasher()  # argon2id with the library's current parameters
SIGNING_KEY = "seat_signing_key"  # the meta row: the key that signs seats' session cookies
SHORTEST_PASSWORD = 8
# A hash of no one's password, verified when the name is unknown, so that a wrong
# name takes as long to refuse as a wrong password (nobody learns who is a member).
_NOBODY = HASHER.hash(secrets.token_hex(16))


class Member(NamedTuple):
    name: str
    signs_in: bool  # has a password


def set_password(store: Store, name: str, password: str, *, member: str) -> str:
    """Give `name` (a new member, or one already there) a password; returns the name
    as the co-op spells it."""
    if len(password) < SHORTEST_PASSWORD:
        raise StoreError(
            "password_short",
            count=SHORTEST_PASSWORD,
        )
    hashed = HASHER.hash(password)
    with store.write() as session:
        spelt = rows.ensure_member(session, check_name(name, "member"))
        row = session.execute(select(MemberRow).where(col(MemberRow.name) == spelt)).scalar_one()
        row.password_hash = hashed
        audit.record(session, rows.ensure_member(session, member), "member_password", None, spelt)
    return spelt


def remove_password(store: Store, name: str, *, member: str) -> str:
    """`name` can no longer sign in (what they did stays theirs, on record)."""
    with store.write() as session:
        row = _member(session, name)
        row.password_hash = None
        audit.record(session, rows.ensure_member(session, member), "member_remove", None, row.name)
        return row.name


def list_members(store: Store) -> list[Member]:
    with store.read() as session:
        found = session.execute(
            select(col(MemberRow.name), col(MemberRow.password_hash)).order_by(col(MemberRow.key))
        ).all()
    return [Member(name, hashed is not None) for name, hashed in found]


def anyone_signs_in(store: Store) -> bool:
    with store.read() as session:
        return (
            session.execute(
                select(col(MemberRow.id)).where(col(MemberRow.password_hash).is_not(None)).limit(1)
            ).first()
            is not None
        )


def check_password(store: Store, name: str, password: str) -> str | None:
    """The member's name if `password` is theirs, else None; a hash made with older
    parameters is made again with today's."""
    with store.read() as session:
        found = session.execute(
            select(col(MemberRow.name), col(MemberRow.password_hash)).where(
                col(MemberRow.key) == member_key(name)
            )
        ).first()
    spelt, hashed = found if found is not None else ("", None)
    try:
        HASHER.verify(hashed or _NOBODY, password)
    except (VerificationError, InvalidHashError):
        return None
    if hashed is None:
        return None
    if HASHER.check_needs_rehash(hashed):
        with store.write() as session:
            row = _member(session, spelt)
            row.password_hash = HASHER.hash(password)
    return spelt


def signing_key(store: Store) -> bytes:
    """The key seats' session cookies are signed with: made once, kept in the database
    (so every server on it agrees, and it is as private as the customers)."""
    with store.write() as session:
        row = session.get(MetaRow, SIGNING_KEY)
        if row is None:
            row = MetaRow(key=SIGNING_KEY, value=secrets.token_hex(32))
            session.add(row)
        return bytes.fromhex(row.value)


def _member(session: Session, name: str) -> MemberRow:
    row: MemberRow | None = session.execute(
        select(MemberRow).where(col(MemberRow.key) == member_key(name))
    ).scalar_one_or_none()
    if row is None:
        raise NotFound("no_member", name=name)
    return row
