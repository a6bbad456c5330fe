"""Staff sign-in: Flask-Login with server-side sessions."""
