"""Import every models module so ``Base.metadata`` is complete (for Alembic and create_all)."""

from hallmanager.storage import models, models_dutylog  # noqa: F401
from hallmanager.storage.models import Base

__all__ = ["Base"]
