"""Speech recognition: faster-whisper with digit-biased decoding for codes, phones and dates."""
