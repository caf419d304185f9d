import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mgsite.settings.production")

application = get_wsgi_application()

# Everything loaded above (Django, Wagtail, the models and blocks) lives as
# long as the worker. Freezing it keeps the garbage collector's full passes
# from walking it again: without this, each one takes about a tenth of a
# second, every few hundred requests.
gc.freeze()
