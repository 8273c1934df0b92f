"""Offline training of the topics' learned part (``make topics-model``); not used by a build."""
