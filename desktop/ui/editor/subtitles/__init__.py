"""The subtitle view of the editor: cue tracks shown, edited, timed and checked."""
