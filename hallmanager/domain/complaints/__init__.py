"""The complaint register (投诉登记): numbering, the workflow's transitions, promised
deadlines (optionally in opening hours, skipping holidays, paused while waiting for the
customer), call-back and close rules, repeat detection. Pure rules."""
