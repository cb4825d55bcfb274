"""The complaint register (投诉登记): service, views, 今日 and report providers, demo."""
