"""The attendance module's services (考勤与扣款): ``service.AttendanceService`` and its views,
the 今日 provider (``attention``), the report providers (``reports``), the registry hook
(``module.build``) and the demo step (``demo``)."""
