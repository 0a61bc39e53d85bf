"""Course generation and export, between the stores and the pure planner/renderers."""
