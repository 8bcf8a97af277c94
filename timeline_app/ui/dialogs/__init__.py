"""Small dialogs, each with a classmethod entry that tests can patch."""
