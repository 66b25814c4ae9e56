"""Screens: modal dialogs, prompts, the help, the chooser and the command palette."""
