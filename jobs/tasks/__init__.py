"""arq task entry points: each unpacks its state, then only orchestrates."""
