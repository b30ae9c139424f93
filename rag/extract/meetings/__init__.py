"""Meetings: the events an article reports, with venue, city, province and date."""
