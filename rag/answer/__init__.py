"""Answer: retrieving evidence for an analyzed question, drafting candidate answers, checking and composing them."""
