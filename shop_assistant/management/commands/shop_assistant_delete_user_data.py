"""``python manage.py shop_assistant_delete_user_data (--user ID_OR_USERNAME | --visitor ID)``.

Erases what shop_assistant holds about a person: a user's events and the anonymous
events of every browser they used, or one anonymous visitor's events. Non-interactive
(``--noinput`` is accepted for symmetry with other commands).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...recommend.identity import Visitor, is_valid_visitor_id
from ...recommend.privacy import delete_user_data, delete_visitor_events


class Command(BaseCommand):
    help = "Delete a user's (or an anonymous visitor's) events and derived personal data."

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", metavar="ID_OR_USERNAME", help="A user's pk or username.")
        who.add_argument("--visitor", metavar="VISITOR_ID", help="An anonymous visitor id.")
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["visitor"]:
            visitor_id = options["visitor"].strip()
            if not is_valid_visitor_id(visitor_id):
                raise CommandError(f"{visitor_id!r} is not a visitor id.")
            deleted = delete_visitor_events(Visitor(visitor_id=visitor_id))
            self.stdout.write(f"Deleted {deleted} events of visitor {visitor_id}.")
            return
        user = self._user(options["user"].strip())
        deleted = delete_user_data(user)
        self.stdout.write(f"Deleted {deleted} events of user {user.pk} ({user}).")

    def _user(self, value: str) -> Any:
        model = get_user_model()
        found = model._default_manager.filter(**{model.USERNAME_FIELD: value}).first()
        if found is None and value.isdigit():
            found = model._default_manager.filter(pk=int(value)).first()
        if found is None:
            raise CommandError(f"No user with username or id {value!r}.")
        return found
