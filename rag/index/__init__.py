"""Index: building, storing and loading index generations (vectors, BM25, statements, meetings, links)."""
