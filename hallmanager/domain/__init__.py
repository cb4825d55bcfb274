"""Pure business rules: no Qt, no SQLAlchemy. Most logic and tests live here."""
