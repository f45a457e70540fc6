"""Reading articles: parse raw texts, publication dates, outlets, ids, ingest."""
