"""What the widgets and controllers decide, without Textual: pure functions tested on their own."""
