"""Use cases: one function per action, explicit arguments, one commit at the end."""
