"""reader: a terminal reader that lays out right-to-left and mixed-direction text correctly."""

__version__ = "0.1.0"
