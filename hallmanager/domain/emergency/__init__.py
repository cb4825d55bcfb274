"""Emergency checklists (应急预案): templates of ordered steps, runs (drill or real) checked
step by step, paper registrations during an outage. Pure rules."""
