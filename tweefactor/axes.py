"""django-axes' database handler, with the reset on success moved to the second factor.

django-axes clears a user's failed attempts when they log in (AXES_RESET_ON_SUCCESS). For a
user with a second factor the password is only half the login: clearing there would let
someone who knows the password try a few codes, log in again, and try a few more without
ever being locked out. For such a user the failures are cleared when the second factor
passes (tweefactor.services.markeer_geverifieerd).
"""

from axes.handlers.database import AxesDatabaseHandler

from tweefactor.services import heeft_factor_voor


class AxesHandler(AxesDatabaseHandler):
    def user_logged_in(self, sender, request, user, **kwargs):
        request._tweefactor_reset_uitstellen = heeft_factor_voor(request, user)
        try:
            return super().user_logged_in(sender, request, user, **kwargs)
        finally:
            request._tweefactor_reset_uitstellen = False

    def reset_user_attempts(self, request, credentials=None) -> int:
        if getattr(request, "_tweefactor_reset_uitstellen", False):
            return 0
        return super().reset_user_attempts(request, credentials)
