## Accounts: sign-up, sign-in, passwords, account settings, identities, mails.
## Never let anyone guess whether an address has an account.

## Header and footer

nav-user-label = Your account
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-account = My account
nav-account-prefix = My account:
nav-sign-out = Sign out
nav-coordination = Coordination
nav-partner-space = Partner space: { $partner }
footer-join = Join the collective

## Shared fields

account-display-name = Display name
account-email = Email address
account-password = Password
account-password-confirm = Confirm the password
# Follows password::MIN_LEN and MAX_LEN (10 and 128).
password-hint = At least 10 characters. A phrase of several words is easy to remember and hard to guess.

## Sign-up

signup-title = Create an account
signup-intro = An account lets you join your organisation's space and take part in the life of the collective.
signup-submit = Create my account
signup-have-account = Already have an account?
signup-done-heading = Check your mailbox
signup-done-text = We have just sent an email to the address you gave. Follow the link inside to continue; it is valid for 48 hours.
signup-done-nothing = Nothing after a few minutes? Check your spam folder. If the link has expired, sign in with your address and password: a new link will be sent to you.
signup-go-sign-in = Go to the sign-in page

## Sign-in

signin-title = Sign in
signin-submit = Sign in
signin-forgot = Forgotten your password?
signin-no-account = No account yet?
signin-providers = Or continue with
signin-with-provider = Continue with { $provider }
signin-providers-note = The first time you sign in this way, you are connected to the account with the same verified email address, or a new account is created.

## Forgotten password and new password

forgot-title = Forgotten password
forgot-intro = Enter your account's email address: we will send you a link to choose a new password.
forgot-submit = Send me a link
forgot-back = Back to sign-in
reset-title = Choose a new password
reset-intro = This new password replaces the old one. For your security, all your open sessions will be closed.
reset-password = New password
reset-submit = Save the password

## "My account" page

account-title = My account
account-intro = Your sign-in address: { $email }.
account-toc = Sections of this page
account-errors-go = Go to the form concerned
account-profile = Profile
account-preferred-lang = Preferred language
account-preferred-lang-hint = Emails from the collective will be sent to you in this language.
account-save = Save
account-password-change = Change password
account-password-set = Set a password
account-password-none = You currently sign in through an external service. A password will also let you sign in with your email address.
account-current-password = Current password
account-new-password = New password
account-new-password-confirm = Confirm the new password
account-password-change-submit = Change the password
account-password-set-submit = Set the password
account-email-change = Email address
account-email-current = Current address: { $email }.
account-email-change-intro = To change it, enter the new one: it will only replace the current one once confirmed through the link we send there.
account-new-email = New email address
account-email-change-submit = Change address
account-identities = Sign-in services
account-identities-intro = These services let you sign in without a password.
account-identities-none = No sign-in service is linked to your account.
account-identity-unlink = Unlink { $provider }
account-identity-last-hint = This is your only way to sign in: set a password before unlinking this service.
account-identity-link-heading = Link a service
account-identity-link = Link { $provider }
account-delete = Delete my account
account-delete-intro = Deletion is permanent: your name, your address, your access to partner spaces and your sign-in services are erased, and your session is closed.
account-delete-partners = Content published on behalf of a partner (projects, sources, messages) belongs to that partner: it stays online, without your name.
account-delete-confirm = To confirm, type your email address
account-delete-confirm-hint = Your address: { $email }
account-delete-submit = Delete my account permanently

## Form and redirect messages

password-too-short = The password must be at least 10 characters long.
password-too-long = The password must not be longer than 128 characters.
password-is-email = The password must not be your email address.
password-mismatch = The two passwords do not match.
password-wrong = Wrong password.
signin-failed = Wrong email address or password.
signin-disabled = This account is disabled. Write to the coordinators if you think this is a mistake.
signin-unverified = Your email address is not confirmed yet. We have just sent you the confirmation link again: check your mailbox.
signin-welcome = You are signed in. Welcome!
verify-done = Your email address is confirmed. You can now sign in.
token-unknown = This link is not valid. Check that you copied all of it, or ask for a new one.
token-used = This link has already been used.
token-expired = This link has expired. Ask for a new one.
reset-sent = If this address belongs to an account, an email has just been sent to it with a link to choose a new password. The link is valid for one hour.
reset-done = Your password has been changed. Sign in with the new one.
account-saved = Your changes have been saved.
password-changed = Your password has been saved. Your other devices have been signed out.
email-change-sent = We have sent a confirmation link to the new address. Your address will only change once that link is opened (it is valid for 48 hours).
email-changed = Your new email address has been saved.
email-taken = This address is already used by another account.
identity-last-way-in = This service cannot be unlinked: it is your only way to sign in. Set a password first.
identity-unlinked = The sign-in service has been unlinked from your account.
identity-linked = The sign-in service is now linked to your account.
identity-already-linked = This sign-in service was already linked to your account.
identity-taken = This identity is already linked to another Carrefour account.
delete-confirmation-mismatch = Type your account's email address exactly to confirm.
delete-last-admin = You are the only administrator of at least one partner space. Hand this role to someone else in the organisation before deleting your account.
lang-unknown = Choose French or English.
oauth-failed = Signing in with this service failed. Try again, or sign in with your email address and password.
oauth-cancelled = Sign-in was cancelled.
oauth-unavailable = This sign-in service is temporarily unavailable. Try again later.
oauth-email-unverified = This service did not give us a verified email address. Create an account with your address, then link this service from the "My account" page.
error-forbidden-coordinators-only = This page is reserved for the collective's coordination team.

## Mails

mail-greeting = Hello { $name },
mail-link-fallback = If the link does not open, copy this address into your browser:
mail-accounts-signature = Carrefour, the collective's digital commons —
mail-verify-email-subject = [Carrefour] Confirm your email address
mail-verify-email-intro = To activate your Carrefour account, confirm your address by opening this link (valid for 48 hours):
mail-verify-email-action = Confirm my address
mail-verify-email-outro = If you did not create an account, ignore this message: no account will be activated without this confirmation.
mail-account-exists-subject = [Carrefour] You already have an account
mail-account-exists-intro = Someone, perhaps you, tried to create a Carrefour account with this address, which already has one. If it was you, simply sign in; if you have forgotten your password, ask for a new one on this page:
mail-account-exists-action = Forgotten password
mail-account-exists-outro = If it was not you, ignore this message: your account has not been changed.
mail-reset-password-subject = [Carrefour] Choose a new password
mail-reset-password-intro = You asked to change the password of your Carrefour account. Open this link to choose a new one (it is valid for one hour and works only once):
mail-reset-password-action = Choose a new password
mail-reset-password-outro = If you did not ask for this, ignore this message: your password stays the same.
mail-change-email-subject = [Carrefour] Confirm your new email address
mail-change-email-intro = You asked to use this address for your Carrefour account. Open this link to confirm the change (it is valid for 48 hours):
mail-change-email-action = Confirm my new address
mail-change-email-outro = If you did not ask for this, ignore this message: no address will be changed.

account-deleted = Your account has been deleted. Partner content stays in place.
email-same = This is already your account’s address.
