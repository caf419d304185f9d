from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
DEMO_CONTENT_ALLOWED = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
