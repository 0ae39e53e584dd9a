"""Transports of our own: the offline WAV call, and hardening of Pipecat's Twilio serializer."""
