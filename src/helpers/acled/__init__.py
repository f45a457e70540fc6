"""ACLED exports as a source next to the articles.

* :mod:`~helpers.acled.vintages`: the two export layouts in circulation, told apart by
  their header;
* :mod:`~helpers.acled.reader`: reading one export file, every problem named with file,
  line and column;
* :mod:`~helpers.acled.store`: the imported records (``data/external/acled/events.parquet``,
  never committed), one per ACLED event, the newest ``timestamp`` winning;
* :mod:`~helpers.acled.names`: ACLED actor names read against the actor registry;
* :mod:`~helpers.acled.mapping`: ACLED types to codebook types (rules are codebook data);
* :mod:`~helpers.acled.linking`: one row per real event, an ACLED record linked to the
  curated event it reports;
* :mod:`~helpers.acled.events`: the build's hook, turning records into event rows;
* :mod:`~helpers.acled.command`: ``briefings import-acled``.
"""
