"""Public pages: the home page, the health check, the privacy notice."""
