"""File formats read by more than one layer: the service's result JSON and subtitle files.

Readers only: they turn bytes into ``domain`` objects and refuse what is malformed
with a message naming the file and the field. Writers are ``desktop.export``.
"""
