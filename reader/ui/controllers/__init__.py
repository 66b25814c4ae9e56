"""Controllers: each feature of the app (search, annotating, copy, comfort, language, navigation)
owning its state; the app routes keys and messages to them."""
