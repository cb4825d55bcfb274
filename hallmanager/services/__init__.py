"""Use cases. One transaction per user action; permission checks live here."""
