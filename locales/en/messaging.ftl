## Messaging: conversations, relay by mail, shared inboxes, moderation, claiming
## projects, notification preferences and API tokens.

## Header and navigation

nav-messages = Messages
nav-messages-unread = unread conversations
space-tab-messages = Messages
space-tab-claims = Holders
coord-nav-messages = Messages
coord-nav-moderation = Moderation
coord-nav-claims = Project holders
contact-signed-in = You are signed in: write from your inbox instead, the answer will arrive there.

## Inbox

messaging-inbox = Messages
messaging-folders = Folders
messaging-folder-current = Conversations
messaging-folder-archived = Archive
messaging-write-coordination = Write to the coordinators
messaging-blocked-people = Blocked people
messaging-export = Export my conversations (JSON)
messaging-unread = Unread
messaging-held-badge = Awaiting review
messaging-muted-badge = Muted
messaging-archived-badge = Archived
messaging-with = With
messaging-for = for { $inbox }
messaging-about = About
messaging-none = No conversation yet. Write to a project's holder from its page, to a partner from its page, or to the coordinators.
messaging-none-archived = No archived conversation.

## Conversation

messaging-participants = Participants:
messaging-messages = Messages of the conversation
messaging-via-mail = by mail
messaging-removed = This message was removed by moderation.
messaging-held-note = This message awaits the coordinators' review: your first messages with links are read before they are passed on.
messaging-message-actions = Report or block
messaging-report-reason = Why do you report this message? (optional)
messaging-report = Report to the coordinators
messaging-block = Block { $name }
messaging-reply = Reply
messaging-reply-as = Reply on behalf of { $inbox }
messaging-body = Your message
messaging-body-hint = Plain text; Markdown formatting (bold, lists, links) is accepted. At most 10,000 characters.
messaging-send = Send
messaging-settings = Conversation settings
messaging-archive = Archive
messaging-unarchive = Back to the inbox
messaging-mute = Mute
messaging-unmute = Turn mail back on
messaging-mute-hint = Muted, you get no more mail about this conversation; the messages stay here. A new message brings a conversation out of the archive.
messaging-deleted-user = Deleted account
messaging-holder = Project holder
messaging-coordination = The collective's coordination

## Feedback

messaging-sent = Your message is sent.
messaging-held = Your message is sent to the coordinators for review: as your account is new and the message contains a link, it will be passed on once read.
messaging-archived = Conversation archived.
messaging-unarchived = The conversation is back in your inbox.
messaging-muted = Conversation muted: no more mail about it.
messaging-unmuted = You will get mail about this conversation again.
messaging-blocked = This person does not wish to receive your messages. Your message was not sent.
messaging-blocked-done = This person is blocked: their messages will be refused. You can unblock them from "Blocked people".
messaging-block-unknown = This person cannot be blocked here.
messaging-unblocked = This person is no longer blocked.
messaging-reported = Thank you: the message is passed on to the coordinators, who will read it with its context.
messaging-report-unknown = This message cannot be reported.
messaging-poll-invalid = Invalid "apres" parameter.
messaging-verification-sent = A new verification link has just been sent to you.

## New conversation

start-new = New conversation
start-title-project = Contact the project's holder
start-title-partner = Write to { $partner }
start-title-coordination = Write to the collective's coordinators
start-subject = Subject
start-privacy = Your mail address is never shown: answers arrive in your Carrefour inbox, with a notification by mail.
start-reach-holders = Your message will arrive in the Carrefour inbox of: { $names }.
start-reach-relay = This project has no holder on Carrefour yet: your message is passed on by mail to its known contact address, without showing yours. Their answer will arrive here.
start-reach-partners = No contact address is known for this project: your message will go to the partners that listed it ({ $names }).
start-reach-coordination = Your message will arrive in the coordinators' shared inbox ({ $names }).
messaging-verify-first = First confirm your mail address with the link we sent you: only people with a verified address can write.
messaging-verification-resend = Send the verification link again
messaging-holders-declined = This project's holders do not wish to be contacted through Carrefour. You can write to the partners that listed it.
messaging-nobody = Nobody can be reached for now.
messaging-own-project = You hold this project: you cannot write to yourself.
messaging-own-inbox = You already receive this inbox's messages: write from your inbox.
messaging-limit-day = You started many conversations today. To prevent mass mailing, try again tomorrow; your text is kept below.
messaging-limit-recipient = You already wrote to this recipient several times this week. Wait for their answer or continue the existing conversation; your text is kept below.

## Relay links

relay-label = Conversation relayed by Carrefour
relay-intro = This link opens this conversation only, without an account or signing in. It works until { $date }; each new message sends you a new one.
relay-options = Your choices
relay-claim = Claim this project
relay-claim-why = create an account (or sign in): messages will arrive in your inbox and you can correct the project's page.
relay-stop = Stop receiving this conversation
relay-no-account = Carrefour gives your address to nobody. If this message is not for you, ignore it or stop receiving it.
relay-invalid-title = Link not usable
relay-invalid-help = If you expected a conversation here, use the link of the latest mail you received, or reply to that mail directly.
relay-claim-confirm = You are signed in as { $name }. This link was sent to the project's contact address: by confirming, you become the project's holder on Carrefour and its conversations arrive in your inbox.
relay-back = Back to the conversation
messaging-relay-stopped = Done: you will receive no more messages from this conversation and its link no longer works.
messaging-relay-blocked = The sender is blocked: their messages will no longer be passed on to you.
messaging-link-unknown = This link does not exist. Check that it is complete.
messaging-link-expired = This link has expired.
messaging-link-revoked = This link was turned off (the conversation was stopped or the project was claimed: sign in to find it).
messaging-link-used = This link was already used.

## Shared inboxes (partners and coordination)

inbox-title = Messages received
inbox-title-coordination = Messages to the coordinators
inbox-intro = Every conversation addressed to this inbox. Assign one to a member: they read and answer it too. Mark it done when finished; a new message opens it again.
inbox-open = To handle
inbox-done = Done
inbox-col-subject = Subject
inbox-col-from = From
inbox-col-assigned = Assigned to
inbox-col-last = Last message
inbox-none-open = Nothing to handle.
inbox-none-done = No conversation done.
inbox-panel-label = Shared inbox { $inbox }
inbox-status-open = To handle
inbox-status-done = Done
inbox-assigned-to = Assigned to { $name }
inbox-unassigned = Not assigned
inbox-assign-to = Assign to
inbox-nobody = Nobody
inbox-assign = Assign
inbox-mark-done = Mark as done
inbox-reopen = Reopen
inbox-assigned = Assignment saved.
inbox-done-flash = Conversation marked as done.
inbox-reopened = Conversation reopened.
inbox-assignee-unknown = This person cannot receive this conversation.

## Moderation

moderation-title = Moderation
moderation-intro = Held messages (first messages with links from new accounts) and reported messages, with their context. Publish, remove, or dismiss a report.
moderation-empty = Nothing to moderate.
moderation-held = Held
moderation-reported = Reported
moderation-context = Previous messages
moderation-author-account = Author's account
moderation-reports = Reports
moderation-reported-by = Reported by { $name }
moderation-dismiss = Dismiss
moderation-publish = Publish
moderation-keep = Keep the message
moderation-remove = Remove the message
moderation-revoke-relay = Turn off the relay links
moderation-published = Message published.
moderation-removed = Message removed.
moderation-dismissed = Report dismissed.
moderation-relay-revoked = This conversation's relay links are turned off.
moderation-decision-unknown = Unknown decision.

## Blocks

blocks-intro = The people you blocked can no longer write to you nor in your conversations.
blocks-none = You have blocked nobody.
blocks-since = since { $date }
blocks-unblock = Unblock { $name }

## Project page: contact and holders

project-claimed = Holder on Carrefour
project-contact-heading = Contact
project-contact-holders = Holders on Carrefour: { $names }.
project-contact-corrected = The presentation was corrected by its holders; the partners' original record stays on their sites.
project-contact-edit = Edit the page (holder)
project-contact-declined = The holders do not wish to be contacted through Carrefour.
project-contact-holder = Contact the holder
project-contact-relay = Passed on by mail, your address stays private.
project-contact-partners = No address known: the message will go to the partners that listed it.
project-contact-partner = Write to { $partner }
project-contact-claim = Do you run this project? Claim it.
project-contact-also-holder = Do you run this project too?
partner-contact-write = Write to this partner

## Claiming

claim-title = Claim this project
claim-intro = Become a holder of "{ $project }" on Carrefour: messages will arrive in your inbox, you can correct its presentation and choose whether you can be contacted.
claim-by-mail = Through the project's contact address
claim-by-mail-intro = We send a link to the known contact address ({ $email }). Open it while signed in with this account: the claim is approved at once.
claim-by-mail-submit = Get the link
claim-by-request = Through a request to the partners
claim-by-request-intro = Explain how you relate to the project; a partner that listed it ({ $partners }) will approve your request.
claim-message = Your request
claim-message-hint = Your role in the project and how to check it (at least 10 characters).
claim-request-submit = Send the request
claim-mine-pending = Your request awaits a partner's decision.
claim-mine-approved = You hold this project.
claim-mine-rejected = Your request was declined.
claim-mine-revoked = Your claim was revoked.
claim-reason = Reason: { $reason }
claim-confirm-intro = You are signed in as { $name }. Confirm to become the project's holder.
claim-confirm-submit = Confirm the claim
claim-other-account = This link was asked for from another account. Sign in with the account that asked.
claim-approved = Done: you hold the project. Its conversations now arrive in your inbox.
claim-link-sent = A link was just sent to the project's contact address. It works for 48 hours.
claim-requested = Your request is passed on to the partners that listed the project.
claim-already = You already have a pending or approved claim of this project.
claim-no-address = No contact address is known for this project: ask the partners.
claim-no-partner = No active partner lists this project: write to the coordinators.
claim-limit = Too many links asked for today; try again tomorrow.
claim-method-email = Link to the contact address
claim-method-relay = Answer to a relayed message
claim-method-request = Request approved by a partner
claims-title = Project holders
claims-pending = Requests to review
claims-approved = Approved holders
claims-by = Asked by { $name } ({ $email })
claims-reason = Reason
claims-reason-hint = Required to decline; passed on to the person.
claims-approve = Approve
claims-reject = Decline
claims-none-pending = No pending request.
claims-none-approved = No holder on Carrefour yet.
claims-col-project = Project
claims-col-holder = Holder
claims-col-how = Approved by
claims-col-revoke = Revoke
claims-revoke-reason = Reason for revoking
claims-revoke = Revoke
claim-approved-by-partner = The request is approved; the person is told.
claim-rejected = The request is declined; the person is told with your reason.
claim-revoked = The claim is revoked; the person is told with your reason.
claim-decision-unknown = Unknown decision.
claim-already-decided = This request was already handled.

## Holders: corrections

holder-title = Correct the project's page
holder-intro = What you write here replaces, on Carrefour, the partners' presentation, which stays unchanged on their sites. Leave a field empty to go back to their version.
holder-summary = Summary
holder-summary-hint = One or two sentences (at most 500 characters).
holder-description = Presentation
holder-description-hint = Markdown accepted (at most 10,000 characters).
holder-website = Web site
holder-website-hint = Full address starting with https:// (optional).
holder-contactable = Accept messages from visitors
holder-contactable-hint = Unticked, the "Contact the holder" button disappears; the partners can still be reached.
holder-save = Save
holder-saved = The page is updated.
holder-give-up = Stop being a holder
holder-give-up-intro = You will no longer receive the messages addressed to this project's holders.
holder-give-up-submit = Give up
holder-given-up = You no longer hold this project.

## Notification preferences

notifications-title = Notifications
notifications-intro = For each kind of notification, choose a mail at once, a daily digest, or nothing (everything stays visible on the site). Mails about one conversation are grouped: at most one per quarter of an hour, none while you are reading it.
notifications-none = No notification is offered yet.
notifications-save = Save my preferences
notifications-saved = Your preferences are saved.
notification-delivery-immediate = At once
notification-delivery-daily = Daily digest
notification-delivery-never = Never
notification-no-digest = No daily digest for this notification: choose "at once" or "never".
notification-choice-required = Choose an option.
notification-kind-message_received = New message in my conversations
notification-kind-message_received-help = When someone answers in a conversation you started or about a project you hold.
notification-kind-inbox_message = New message in a shared inbox
notification-kind-inbox_message-help = For the inboxes you handle: your partner's (admins and editors, or a conversation assigned to you) or the coordinators'.
notification-kind-claim_request = Request to claim a project
notification-kind-claim_request-help = When someone asks to hold a project your partner lists (admins and editors).
notification-kind-moderation = Message to moderate
notification-kind-moderation-help = For coordinators: a held or reported message awaits a decision.

## API tokens

tokens-title = API access tokens
tokens-intro = A token lets a program read your conversations on your behalf ({ $url }), with the header "Authorization: Bearer …". It only works for the API, cannot sign in, and can be revoked at any time.
tokens-created = Here is your new token. Copy it now: it will never be shown again.
tokens-list = Your tokens
tokens-none = No token.
tokens-col-name = Name
tokens-col-start = Start
tokens-col-created = Created
tokens-col-used = Last used
tokens-col-expires = Expires
tokens-col-revoke = Revoke
tokens-never-used = Never
tokens-expired = Expired
tokens-no-expiry = Never
tokens-revoke = Revoke
tokens-revoke-label = Revoke the token { $name }
tokens-new = New token
tokens-name = Token name
tokens-name-hint = To recognise it: the program or machine that uses it.
tokens-validity = Validity
tokens-validity-30 = 30 days
tokens-validity-90 = 90 days
tokens-validity-365 = One year
tokens-validity-never = No expiry
tokens-create = Create the token
token-revoked = The token is revoked: it no longer works.
token-too-many = You already have 20 tokens: revoke one before creating another.
token-validity-unknown = Choose one of the offered durations.
api-number-invalid = Invalid number.
api-folder-invalid = Unknown folder: current, archived or all.
account-delete-messages = Your messages stay visible to the people you wrote to, signed "Deleted account". Before leaving, you can download your conversations:

## Messaging errors

error-not-found-conversation = This conversation does not exist, or you do not take part in it.
error-not-found-conversation-message = This message does not exist.
error-not-found-report = This report does not exist or was already handled.
error-not-found-claim = This claim does not exist.
error-forbidden-holders-only = Only the project's holders can do this.
error-forbidden-claim-other-account = This link was asked for from another account.

## Mails

mail-hello = Hello { $name },
mail-reply-above = -- Répondez au-dessus de cette ligne / Reply above this line --
mail-message-subject = [Carrefour] New message: { $subject }
mail-message-intro = You have a new message in the conversation "{ $subject }".
mail-message-intro-inbox = New message for { $inbox } in the conversation "{ $subject }".
mail-message-project = About the project "{ $project }".
mail-message-read = Read and answer on Carrefour:
mail-message-reply-hint = You can also reply to this mail directly: your answer will be added to the conversation (without the quoted text).
mail-message-why = You receive this mail because you take part in this conversation. At most one mail per quarter of an hour and conversation.
mail-message-preferences = Choose your notifications:
mail-relay-subject = [Carrefour] Message about your project "{ $project }": { $subject }
mail-relay-hello = Hello,
mail-relay-intro = Someone writes to you through Carrefour, the site of the collective of social-innovation partners, about the project "{ $project }".
mail-relay-why = You receive this message because this project is listed with this contact address by:
mail-relay-private = Carrefour shows your address to nobody, not even to the sender. The sender's address stays private too.
mail-relay-conversation = Conversation "{ $subject }":
mail-relay-answer = Read and answer on the web, without an account (the link works until { $date } and opens this conversation only):
mail-relay-reply-hint = You can also reply to this mail directly.
mail-relay-claim = Do you run this project? Claim it to receive messages in your inbox and correct its page:
mail-relay-stop = To stop receiving this conversation or block the sender, open the first link above.
mail-relay-signature = Carrefour —
mail-relay-project-page = The project's page:
mail-digest-subject = [Carrefour] Your digest of the day ({ $count ->
    [one] 1 item
   *[other] { $count } items
})
mail-digest-others = Other notifications
mail-digest-intro = Here is what awaits you since your last digest.
mail-digest-why = You receive this daily digest because you chose it for these notifications.
mail-moderation-subject = [Carrefour] A message awaits moderation
mail-moderation-intro = A held or reported message awaits your decision in the moderation queue:
mail-moderation-why = You receive this mail as a coordinator (at most one per quarter of an hour).
mail-bounce-subject = [Carrefour] Reply not delivered: { $subject }
mail-bounce-intro = Your reply by mail could not be added to a Carrefour conversation:
mail-bounce-web = You can write your answer on the site:
mail-bounce-nothing-sent = No message was passed on.
mail-bounce-signature = Carrefour —
mail-in-bounce-no-address = the reply address used is not a Carrefour conversation address.
mail-in-bounce-unknown = this reply address does not exist (it may be incomplete).
mail-in-bounce-expired = this reply address has expired. Answer on the site, or to the conversation's latest mail.
mail-in-bounce-revoked = this reply address was turned off.
mail-in-bounce-empty = your mail held no text besides the quoted message.
mail-in-bounce-refused = your message cannot be passed on in this conversation.
mail-claim-confirm-subject = [Carrefour] Confirm that you run the project "{ $project }"
mail-claim-confirm-intro = { $name } asks, on Carrefour, to be recognised as a holder of the project "{ $project }", whose known contact is this address.
mail-claim-confirm-action = If that is you, open this link while signed in with your Carrefour account (works for 48 hours):
mail-claim-confirm-ignore = If you did not ask for this, ignore this mail: nothing will happen.
mail-claim-request-subject = [Carrefour] Request to claim the project "{ $project }"
mail-claim-request-intro = { $claimant } asks to be recognised as a holder of the project "{ $project }", which your partner lists:
mail-claim-request-action = Approve or decline the request:
mail-claim-request-why = You receive this mail as an admin or editor of the partner.
mail-claim-decided-subject-approved = [Carrefour] You hold the project "{ $project }"
mail-claim-decided-subject-rejected = [Carrefour] Your request for the project "{ $project }" is declined
mail-claim-decided-subject-revoked = [Carrefour] Your claim of the project "{ $project }" is revoked
mail-claim-decided-approved = { $by } approved your request: you hold the project "{ $project }" on Carrefour.
mail-claim-decided-rejected = { $by } declined your request for the project "{ $project }".
mail-claim-decided-revoked = { $by } revoked your claim of the project "{ $project }".
mail-assigned-subject = [Carrefour] Conversation assigned to you: { $subject }
mail-assigned-intro = { $by } assigned you the conversation "{ $subject }" of { $inbox }:
