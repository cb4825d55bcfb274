"""Import every models module so ``Base.metadata`` is complete (for Alembic and create_all)."""

from hallmanager.storage import models  # noqa: F401
from hallmanager.storage.attendance import models as attendance_models  # noqa: F401
from hallmanager.storage.cash import models as cash_models  # noqa: F401
from hallmanager.storage.complaints import models as complaints_models  # noqa: F401
from hallmanager.storage.dutylog import models as dutylog_models  # noqa: F401
from hallmanager.storage.emergency import models as emergency_models  # noqa: F401
from hallmanager.storage.models import Base

__all__ = ["Base"]
