"""Evaluation against gold data: plain functions, each taking the path to a dataset.

    geo.py      geoparsing on LGL-style XML corpora        (``kharita evaluate geo``)
    events.py   event coding on PLOVER GSR / ACLED CSV     (``kharita evaluate events``)

Gold data is never shipped with kharita; the CLI commands and the scripts in
``benchmarks/`` print the figures and write them to ``benchmarks/results/``.
"""
