"""Call traces: every model call of a run recorded whole, read back, compared, replayed,
priced and exported.

    store.py    the owner of the `call_traces` table (and the privacy option): written as
                each call finishes, read back in call order
    read.py     a run's calls grouped by stage and candidate, one call as text (the CLI)
    compare.py  the same call in two runs, side by side, the prompt text diffed
    replay.py   one recorded call sent again with its prompt block edited, read the same way
    cost.py     the per-model price table (the `prices` table over built-in defaults), cost
                per call, candidate and run
    otlp.py     a run's trace as OpenTelemetry spans (OTLP JSON, the GenAI conventions)
"""
