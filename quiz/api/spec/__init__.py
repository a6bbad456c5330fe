"""OpenAPI parts: one module per area, each with PATHS and SCHEMAS."""
