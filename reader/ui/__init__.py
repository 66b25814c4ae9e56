"""The Textual app: screens and widgets, kept thin over the text core and content model."""
