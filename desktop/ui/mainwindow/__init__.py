"""The main window: its menus and toolbar, the welcome page and the no-key banner."""
