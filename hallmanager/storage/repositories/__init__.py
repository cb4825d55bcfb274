"""Every query the services run, as thin typed functions taking the session.

The services get a session from ``Database.read()`` / ``write()`` and work with the ORM model
classes, but the SQL (``select``, joins, counts, PRAGMAs) lives here, so ``hallmanager.storage``
stays the only package that imports SQLAlchemy. Adding, flushing and deleting rows stays on the
session (the unit of work is the service's). One module per area of the framework: ``users``, ``hall``
(hall settings and shifts), ``audit`` and ``maintenance``; a module's queries live in its own
slice (``storage/<module>/repository.py``).
"""
