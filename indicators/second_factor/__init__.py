"""A second factor for local accounts: a TOTP code from an authenticator app (django-otp).

A session signed in with a password (the login page, or the admin's) gives a code before
any other page when LDAPLAN_TOTP_REQUIRED is on; the first time, it enrols an app by
scanning a QR code. A session from single sign-on (indicators/sso) is never asked: the
identity provider asks for its own factors. With the setting off, only the accounts that
enrolled give their code at login. A lost phone: an administrator deletes the account's
device in the admin, and the person enrols a new one at their next login.
"""
