"""People: splitting a mention into name, role and rank, and telling whether two mentions are one person."""
