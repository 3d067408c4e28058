"""The eight default categories (码上提、马上办); a region may configure its own list."""

DEFAULT_CATEGORIES = (
    {"id": "city_construction", "name": "城市建设"},
    {"id": "agriculture", "name": "农业农村"},
    {"id": "education_culture_health", "name": "教科文卫"},
    {"id": "ecology", "name": "生态环境"},
    {"id": "social_affairs", "name": "社会事业"},
    {"id": "economy", "name": "经济发展"},
    {"id": "democracy_law", "name": "民主法治"},
    {"id": "other", "name": "其他"},
)

CASE_TYPES = ("consultation", "request", "suggestion")
DEPUTY_LEVELS = ("national", "provincial", "city", "county", "township")


def category_ids(categories) -> set[str]:
    return {c["id"] for c in categories}
