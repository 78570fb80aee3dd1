"""Exchange formats: STIX 2.1 export and import, GraphML and CSV. Each renders the export view
(`view.ExportView`) or writes through the store; none computes an answer of its own."""
