"""Deputy duty records (履职), activities (点单), points, ranking and the 一人一档 archive."""
# The table's model list (storage.models.ALL_MODELS) includes this package's models:
# loading it first lets either module be imported first without a cycle failing.
import functions.storage.models  # noqa: E402,F401
