"""The JSON API, /api/v1: pupils' flows, the live state, organizers' read-only figures."""
