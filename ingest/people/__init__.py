"""Who is in an article: name runs, roles and titles, and the cast that merges them."""
