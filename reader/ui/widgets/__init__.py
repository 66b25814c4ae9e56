"""Widgets: each draws one part of the screen through the layout core and owns its state."""
