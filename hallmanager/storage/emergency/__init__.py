"""Storage of the emergency module (应急预案)."""
