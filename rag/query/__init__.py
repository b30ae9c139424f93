"""Query: reading a question (its kind, names, places, numbers, topic and language), without any index."""
