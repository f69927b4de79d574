"""The plain-SQL reads: named queries run on a bare DB-API connection, no ORM.

They load before SQLAlchemy does (the app's first frame reads through them)
and the store runs the same text through its session, so each read is
written once.
"""
