"""``briefings export``: the processed dataset in formats others read.

* :mod:`~helpers.export.typed`: the tables' cells as the types
  :mod:`helpers.dataset.tables` declares (Parquet, JSON);
* :mod:`~helpers.export.acled_csv`: an ACLED-shaped CSV of the crackdown and domestic events;
* :mod:`~helpers.export.datapackage`: a Frictionless data package of every processed table;
* :mod:`~helpers.export.command`: the command, writing every format asked for together.
"""
