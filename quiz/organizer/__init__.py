"""Organizers' pages: dashboard, the report and its exports, challenges, the school registry."""
