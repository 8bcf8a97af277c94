"""The timeline widget: painting, axis, interaction."""
