"""Reading the contributors' files into the model: profiles, stories, calls and events, and the
whole repository."""
