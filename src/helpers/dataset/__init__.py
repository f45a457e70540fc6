"""The dataset: schema, codebook, actor registry, validation and building events.csv."""
