"""The cash module's services (现金交接): ``service`` (use cases), ``views``, ``attention``
(今日), ``reports`` (handover section, daily-report sheet), ``module`` (the registry's build),
``demo``."""
