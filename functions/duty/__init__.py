"""Deputy duty records (履职), activities (点单), points, ranking and the 一人一档 archive."""
