"""`verivoice serve`: Twilio phone calls and browser calls on one FastAPI app."""
