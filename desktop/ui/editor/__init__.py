"""The transcript editor: session (undo, autosave), table model and view, sync tools,
version compare, the waveform and the player."""
