"""The job queue panel: its table model, the new-job dialog, and the bridge to the engine."""
