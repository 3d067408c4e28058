"""The app factory: the mini-program API, staff API, admin pages and H5 pages in one Flask app."""
import os

from flask import Flask

from functions.shared.config import settings as default_settings
from functions.shared.settings_fields import Settings
from functions.storage.connection import configure

from miniprogram_api import errors
from miniprogram_api.routing import LazyBuilderRule

TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates")
STATIC = os.path.join(os.path.dirname(TEMPLATES), "static")


class _App(Flask):
    url_rule_class = LazyBuilderRule  # every rule, the static one included


def create_app(config: Settings | None = None) -> Flask:
    """Build the app for one Settings (the environment's when none is given)."""
    config = config or default_settings()
    configure(config)
    app = _App("miniprogram_api", template_folder=TEMPLATES, static_folder=STATIC)
    app.config["SETTINGS"] = config
    app.config["SECRET_KEY"] = config.secret_key
    # Photos go to /uploads; JSON bodies are small. Anything bigger is a 413 early.
    app.config["MAX_CONTENT_LENGTH"] = config.max_upload_bytes + 64 * 1024
    if config.trusted_proxies:
        # The client's address is what the proxies we run saw (for the per-address limits),
        # and HTTPS is what they terminated; the Host is never taken from a header.
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.trusted_proxies,
                                x_proto=config.trusted_proxies, x_host=0)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    from functions.notifications.code_names import NAMES
    app.jinja_env.globals["NAMES"] = NAMES  # one naming of codes for admin and H5 pages

    from miniprogram_api.api.health import bp as health_bp
    from miniprogram_api.api.citizen import bp as citizen_bp
    from miniprogram_api.api.deputy import bp as deputy_bp
    from miniprogram_api.api.staff import bp as staff_bp
    from miniprogram_api.api.staff_cases import bp as staff_cases_bp
    from miniprogram_api.api.projects import bp as projects_bp
    from miniprogram_api.api.duty import BLUEPRINTS as duty_blueprints
    for blueprint in (health_bp, citizen_bp, deputy_bp, staff_bp, staff_cases_bp, projects_bp,
                      *duty_blueprints):
        app.register_blueprint(blueprint)
    from miniprogram_api.api.staff_lists import bp as staff_lists_bp
    app.register_blueprint(staff_lists_bp)
    from miniprogram_api.api.suggestions import bp as suggestions_bp
    app.register_blueprint(suggestions_bp)
    from miniprogram_api.api.files import bp as files_bp
    app.register_blueprint(files_bp)
    from miniprogram_api.wechat.push import bp as wechat_push_bp
    app.register_blueprint(wechat_push_bp)
    from miniprogram_api.wechat.verify import bp as wechat_verify_bp
    app.register_blueprint(wechat_verify_bp)
    from miniprogram_api.h5.pages import bp as h5_bp
    app.register_blueprint(h5_bp)
    from miniprogram_api.admin.pages import bp as admin_bp
    app.register_blueprint(admin_bp)
    from miniprogram_api.h5.site import bp as site_bp
    app.register_blueprint(site_bp)
    errors.register(app)
    return app
