"""Exchange formats: STIX 2.1 export and import, GraphML and CSV. Each renders the read model's export
iterators (`Service.iter_entities`, `iter_claims`, `iter_sources`) or writes through the store; none
computes an answer of its own."""
