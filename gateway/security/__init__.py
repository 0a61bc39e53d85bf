"""Authentication, rate limiting and the audit trail (request-path security)."""
