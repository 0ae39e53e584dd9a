"""Caller verification with Twilio Verify, the step-up gate and the audit trail (issue 6)."""
