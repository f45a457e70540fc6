"""Measures computed from the coded events: tidy DataFrames in, tidy DataFrames out.

Modules: :mod:`.loading` (read and filter the dataset), :mod:`.escalation` (the
escalation index and monthly verdicts), :mod:`.responses` (international responses and
response lag), :mod:`.periods` (counts per month against the average), :mod:`.actors_network`
(who acted against whom), :mod:`.sources` (coverage and date precision),
:mod:`.headline` (key figures and the briefing's plain-language findings).
"""
