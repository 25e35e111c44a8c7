## Partners: application, partner spaces, members and invitations.
## The partner-kind-* and partner-scale-* keys are in main.ftl.

## Statuses and roles

partner-status-applicant = Applicant
partner-status-active = Active
partner-status-suspended = Suspended
partner-status-left = Left the collective
member-role-admin = Administrator
member-role-editor = Editor
member-role-voter = Voter
member-role-member = Member
member-role-help-admin = manages the partner's profile, members and invitations, and may vote on its behalf.
member-role-help-editor = contributes the partner's content and may propose amendments to the charter.
member-role-help-voter = casts the partner's ballot in the collective's votes.
member-role-help-member = can see the partner's space.
application-status-pending = Awaiting decision
application-status-accepted = Accepted
application-status-declined = Declined

## Profile fields (application and partner space)

profile-name = Name of the organisation
profile-kind = Type of organisation
profile-scale = Scale of action
profile-website = Website
profile-website-hint = Full address, starting with https:// (optional).
profile-description = Presentation
profile-description-hint = A few lines about your organisation, its missions and where it works (optional).
profile-save = Save the profile

## Application: /rejoindre

join-title = Join the collective
join-intro = Does your organisation support, fund or spot social-innovation projects? Apply for it to join the collective: each partner shares its projects and has one vote in decisions.
join-account-needed = You need a Carrefour account to apply. Sign in, or create an account and come back to this page.
join-sign-in = Sign in
join-sign-up = Create an account
join-how = The collective's coordination team reviews your application. While you wait for its decision, you already administer your organisation's space and can invite your colleagues there.
join-organisation = Your organisation
join-application = Your application
join-slug = Space address
join-slug-hint = Used in the address of the space (/p/…): lowercase letters without accents, digits and hyphens. Leave empty to derive it from the name.
join-message = Message to the coordination team
join-message-hint = Introduce your organisation and what you would like to bring to the collective (at least 10 characters).
join-submit = Send the application

## Partner space: header

space-label = Partner space
space-your-role = Your role: { $role }
space-role-coordination = You are viewing this space as a member of the coordination team.
space-tabs-label = Sections of the partner space
space-tab-dashboard = Dashboard
space-tab-profile = Profile
space-tab-members = Members
space-suspended-note = This partner has been suspended by the coordination team: it no longer appears in the directory and its space can no longer be changed. Write to the coordinators to find out more.
space-left-note = This partner has left the collective. Its space is kept for the record and can no longer be changed.

## Partner space: dashboard

space-application-heading = Application to the collective
space-application-submitted = submitted on { $date }
space-application-decided = decided on { $date }
space-application-pending = Your application is being examined by the coordination team. You will receive an email as soon as a decision is made.
space-application-pending-coordination = This application is awaiting a decision from the coordination team.
space-application-declined = Your application was not accepted.
space-application-accepted = Your organisation is part of the collective.
space-application-decision-message = Message from the coordination team:
space-facts-heading = About the organisation
space-none = Not provided
space-admitted-at = Member of the collective since
space-member-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
space-see-members = see the list
space-no-description = No presentation yet.
space-edit-profile = Edit the profile
space-public-page = See the public page
space-leave-heading = Leave this partner
space-leave-text = You will no longer be part of the { $partner } space. To come back, an administrator will have to invite you again. The last administrator cannot leave: they must first hand this role to someone else.
space-leave-confirm = I confirm that I want to leave { $partner }
space-leave-submit = Leave { $partner }

## Partner space: profile and logo

space-profile-heading = Public profile
space-profile-intro = This information appears in the partner directory and on your public page.
logo-heading = Logo
logo-alt = Logo of { $partner }
logo-none = No logo yet.
logo-not-public = The logo will be visible to the public once your partner is active in the collective.
logo-file = Image file
logo-replace = Replace with another file
logo-hint = PNG, JPEG or WebP, { $kb } KB at most.
logo-upload = Upload the logo
logo-remove = Remove the logo

## Partner space: members and invitations

members-heading = Members of the space
members-col-name = Name
members-col-email = Email address
members-col-role = Role
members-col-since = Since
members-col-actions = Actions
members-you = (you)
members-role-of = Role of { $name }
members-change-role = Change role
members-remove = Remove
members-remove-label = Remove { $name } from the space
members-roles-help = What does each role allow?
invite-heading = Invite someone
invite-intro = The person you invite will receive an email with a link valid for 14 days. If they do not have an account yet, they can create one from that link.
invite-email = Email address
invite-role = Role
invite-submit = Send the invitation
invitations-heading = Pending invitations
invitations-none = No pending invitations.
invitations-col-expires = Expires on
invitation-revoke = Cancel
invitation-revoke-label = Cancel the invitation of { $email }

## Invitation: /invitation/…

invitation-title = Join { $partner }
invitation-intro = { $partner } invites you to join its space on Carrefour, with the role “{ $role }”.
invitation-sent-to = This invitation was sent to { $email }.
invitation-signed-in-as = Signed-in account: { $email }.
invitation-other-address = The invitation was sent to a different address from your account's: if you accept it, your current account will join the partner.
invitation-accept = Accept the invitation
invitation-sign-in-text = A Carrefour account already exists for { $email }. Sign in with that account to accept the invitation.
invitation-sign-in = Sign in to accept
invitation-create-text = Create your account to join the space. This invitation confirms your email address: there is no other link to open.
invitation-email = Email address
invitation-display-name = Your name
invitation-password = Password
invitation-password-hint = At least 10 characters. A sentence of several words is easy to remember and hard to guess.
invitation-password-confirm = Confirm the password
invitation-create-submit = Create my account and join { $partner }

## Form and redirection messages

choice-invalid = Choose one of the values offered.
url-invalid = Enter a full web address, starting with http:// or https://.
slug-invalid = The address must be 2 to 60 characters long: lowercase letters without accents, digits and hyphens, with no hyphen at the start or end.
slug-taken = This address is already taken. Choose another one.
role-unknown = This role does not exist.
already-member = This person is already part of the space.
last-admin = Not possible: the space must keep at least one administrator. Hand this role to someone else first.
partner-profile-saved = The profile has been saved.
logo-saved = The logo has been saved.
logo-removed = The logo has been removed.
logo-missing = Choose an image file to upload.
logo-too-large = This file is too large: the logo must not exceed 1 MB.
logo-wrong-type = This file is not a PNG, JPEG or WebP image.
invitation-sent = The invitation has been sent.
invitation-revoked = The invitation has been cancelled.
invitation-accepted = Welcome! You are now part of the space.
member-role-changed = The role has been changed.
member-removed = The person has been removed from the space.
member-left = You have left the partner's space.
application-sent = Your application has been sent to the coordination team. You will receive an email as soon as a decision is made.
error-forbidden-partner-role = Your role in this partner does not allow this action.

## Emails

mail-partners-hello = Hello,
mail-partners-greeting = Hello { $name },
mail-partners-link-fallback = If the link does not work, copy this address into your browser:
mail-partners-signature = Carrefour, the collective's digital commons —
mail-invitation-subject = [Carrefour] { $inviter } invites you to join { $partner }
mail-invitation-intro = { $inviter } invites you to join the { $partner } space on Carrefour, the collective's digital commons, with the role “{ $role }”.
mail-invitation-action-text = To accept the invitation, open this link (valid for 14 days, it can be used only once):
mail-invitation-action = Accept the invitation
mail-invitation-outro = If you were not expecting this invitation, ignore this message: nothing will happen without your consent.
mail-application-received-subject = [Carrefour] New application: { $partner }
mail-application-received-intro = { $applicant } ({ $email }) proposes that { $partner } join the collective.
mail-application-received-message = Message of the application:
mail-application-received-action = To examine the application and decide:
mail-application-received-button = Examine the application
mail-application-accepted-subject = [Carrefour] { $partner } joins the collective
mail-application-declined-subject = [Carrefour] Your application for { $partner }
mail-application-accepted-intro = Good news: the coordination team has accepted the application of { $partner }. Your organisation is now part of the collective and appears in the partner directory.
mail-application-declined-intro = The coordination team did not accept the application of { $partner }.
mail-application-decision-message = Message from the coordination team:
mail-application-accepted-action = Your partner space is waiting for you:
mail-application-declined-action = You can find this decision in your space:

partner-status-declined = Application declined
space-declined-note = This organisation's application was not accepted. You may leave this space, or apply again from “Join the collective” with the same space address.
partner-name-taken = An organisation with this name already exists in the collective. Choose another space address below if yours is a different one.
partner-name-no-slug = This name cannot make a space address: give one below.
