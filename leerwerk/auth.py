"""The login backend: Django's ModelBackend, with the user's organisation loaded with the user.

Every page shows the organisation in its header and scopes its selectors by it; loading it in
the same query as the user saves a query on every page (issue 12).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class LeerwerkBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("organisatie").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
