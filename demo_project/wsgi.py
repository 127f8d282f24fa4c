import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_project.settings")
application = get_wsgi_application()

if os.environ.get("SHOP_ASSISTANT_WARM_UP", "1") == "1":
    from shop_assistant.warmup import warm_up

    warm_up()  # models load here, not in the first shopper's request
