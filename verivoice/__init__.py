"""verivoice: a self-hosted voice agent for regulated organisations."""

__version__ = "0.1.0"
