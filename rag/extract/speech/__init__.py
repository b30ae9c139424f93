"""Speech: finding quotes and reported speech in an article and attributing each to its speaker."""
