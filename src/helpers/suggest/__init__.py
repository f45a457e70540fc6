"""The coder's assistant: suggested events for articles no curated event cites yet.

``briefings suggest`` writes ``data/suggested/<article_id>.csv`` (candidate events in the
curated schema plus review columns); ``briefings accept`` moves reviewed rows into
``data/curated/events.csv`` after validation. Briefings never read suggested rows.
"""
