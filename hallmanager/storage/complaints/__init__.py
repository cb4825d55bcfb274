"""Storage of the complaints module (投诉登记): models and queries."""
