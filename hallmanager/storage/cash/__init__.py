"""Storage of the cash module (现金交接): till counts, lines, movements, day closes, invoices."""
