"""File writers for printouts and reports (PDF, Excel).

Qt-free and storage-free on purpose: writers take the plain dataclasses of
``hallmanager.exporters.data`` and write one file atomically. The heavy libraries
(reportlab, openpyxl) are imported inside the writer functions so that importing this
package, and starting the desk app, stays fast.
"""
