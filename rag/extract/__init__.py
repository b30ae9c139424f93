"""Extract: statements with their speakers, and meetings, from one article at a time."""
