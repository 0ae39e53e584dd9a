"""Which weights the project runs, and how they are found, assembled, pinned and checked."""
