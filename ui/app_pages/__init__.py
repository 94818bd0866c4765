"""Pages of the review app, one file per view; ``common`` holds what they share."""
