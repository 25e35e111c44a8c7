## Local action communities: spaces, members, events, discussions.

nav-communities = Communities
community-title = Communities
community-lead = Spaces to act together on a territory or a theme: project holders, partners' staff, local officials and citizens meet, talk and organise events there.
community-propose = Propose a community
community-moderation = Communities to approve
community-moderation-none = No proposal is waiting for a decision.
community-search-label = Search communities
community-search-words = Words
community-search-placeholder = food, digital inclusion, Lille…
community-search-submit = Search
community-any = All
community-choose = Choose…
community-total = { $count ->
    [0] No community
    [one] 1 community
   *[other] { $count } communities
}
community-none = No community matches this search.
community-members-count = { $count ->
    [0] no member
    [one] 1 member
   *[other] { $count } members
}
community-listed = { $count ->
    [one] One community acts here
   *[other] { $count } communities act here
}
community-listed-all = All communities of this territory
community-scope-france = All of France
community-scope-region = A region
community-scope-department = A department
community-scope-commune = A commune
community-visibility-public = Public content
community-visibility-members = Members-only content
community-rule-open = Open to all
community-rule-request = On request
community-rule-invitation = By invitation
community-status-proposed = Waiting for approval
community-status-active = Active
community-status-declined = Declined
community-status-proposed-notice = This community waits for the collective's coordinators to approve it; only you and they see it.
community-status-declined-notice = The coordinators did not approve this proposal.
community-role-host = Host
community-role-member = Member

community-form-title-new = Propose a community
community-form-title-edit = Edit the community
community-needs-approval = The collective's coordinators approve every new community before it is shown.
community-field-name = Name
community-field-description = Description
community-field-description-hint = What the community wants to do, for whom. Markdown accepted.
community-field-scope = Territory
community-field-commune = Commune
community-field-commune-hint = Name, postcode or INSEE code, for instance "Redon" or "Saint-Denis (93)".
community-field-department = Department
community-field-region = Region
community-field-theme = Theme
community-field-themes = Themes
community-field-themes-hint = Up to 5 themes; a national community chooses at least one.
community-field-visibility = Visibility
community-field-rule = Membership
community-submit-new = Propose the community
community-save = Save
community-verify-first = Confirm your e-mail address first to propose or join a community.
community-limit-proposals = You proposed many communities today; try again tomorrow.
community-scope-invalid = Choose the community's territory.
community-scope-required = A national community chooses at least one theme.
community-theme-unknown = This theme does not exist.
community-themes-too-many = Choose at most 5 themes.
community-visibility-required = Choose who sees the community's content.
community-rule-required = Choose how people become members.
community-created = The community is created.
community-proposed = Your proposal was sent to the collective's coordinators.
community-saved = The community is saved.
community-proposed-by = Proposed by { $name }
community-decision-reason = Reason (optional)
community-approve = Approve
community-decline = Decline
community-approved = The community is approved.
community-declined = The proposal is declined.
community-decision-invalid = Choose to approve or to decline.

community-membership = Take part
community-sign-in-to-join = Sign in to join this community
community-you-host = You host this community.
community-you-member = You are a member of this community.
community-you-are-invited = You are invited to join this community.
community-join = Join
community-ask-to-join = Ask to join
community-accept-invitation = Accept the invitation
community-decline-invitation = Decline the invitation
community-invitation-only = This community welcomes members on its hosts' invitation.
community-leave = Leave the community
community-withdraw = Withdraw my request
community-field-what = What you do
community-field-affiliation = On behalf of
community-affiliation-none = Myself
community-affiliation-project = Project "{ $project }"
community-affiliation-invalid = Choose one of your partners or projects.
community-profile-save = Save my introduction
community-profile-saved = Your introduction is saved.
community-joined = Welcome to the community.
community-request-sent = Your request was sent to the hosts.
community-request-waiting = Your request waits for the hosts' answer.
community-already-member = You are a member already.
community-left = You left the community.
community-last-host = A community keeps at least one host: hand hosting to another member first.
community-hosting = Hosting
community-edit = Edit the community
community-requests = Membership requests
community-requests-none = No request is waiting.
community-invitations = Invitations sent
community-accept = Accept
community-refuse = Decline
community-withdraw-invitation = Withdraw the invitation
community-invite-email = Invite (their account's address)
community-invite = Invite
community-invite-unknown = No account uses this address: the person needs to create an account first.
community-invite-already = This person is a member or invited already.
community-invited = The invitation was sent.
community-request-accepted = The person is a member now.
community-member-removed = The person is no longer part of the community.
community-role-saved = The role is saved.
community-role-invalid = Unknown role.
community-members = Members
community-make-host = Make host
community-make-member = Remove from hosts
community-remove = Remove
community-members-only-notice = This community's members, discussions and events are shown to its members only.

error-not-found-community = This community does not exist.
error-not-found-community-member = This member does not exist.
error-forbidden-community-members-only = This content is for the community's members.
error-forbidden-community-hosts-only = This action is for the community's hosts.
error-forbidden-community-not-active = This community is not open yet.
error-forbidden-community-invitation-only = This community welcomes members by invitation.
error-forbidden-community-verify-first = Confirm your e-mail address first.

mail-community-decided-subject = { $approved ->
    [yes] Your community "{ $community }" is open
   *[no] Your community proposal "{ $community }"
}
mail-community-approved = The collective's coordinators approved the community "{ $community }": everyone can see it now.
mail-community-declined = The collective's coordinators did not approve the community "{ $community }".
mail-community-reason = Reason: { $reason }
mail-community-invitation-subject = Invitation to join "{ $community }"
mail-community-invitation = { $host } invites you to join the community "{ $community }" on Carrefour. Accept the invitation on its page:

## Events
community-events = Upcoming events
community-events-none = No upcoming event.
community-events-past = Past events
community-event-new = Propose an event
community-calendar = Subscribe to the community's calendar
community-calendar-private = (your personal address: do not share it)
community-hub-agenda = Public calendar of the communities
community-event-form-title-new = New event
community-event-form-title-edit = Edit the event
community-event-field-title = Title
community-event-field-description = Description
community-event-field-starts = Start
community-event-field-ends = End
community-event-field-zone = Time zone
community-event-field-zone-hint = Europe/Paris by default; for instance America/Cayenne or Indian/Reunion overseas.
community-event-field-recurrence = Repeats
community-event-repeat-none = Once
community-event-repeat-weekly = Every week, on the same day
community-event-repeat-monthly = Every month, on the same weekday of the same week (for instance the first Tuesday)
community-event-field-until = Until (optional)
community-event-field-place = Place
community-event-place-commune = In a commune
community-event-place-online = Online
community-event-field-address = Address (optional)
community-event-field-online = Link of the online meeting
community-event-field-online-hint = Shown only to registered people.
community-event-field-capacity = Seats (optional)
community-event-field-capacity-hint = Beyond them, people join a waiting list.
community-event-time-invalid = Give a date and a time, for instance 2026-03-19T10:00.
community-event-time-gap = This time does not exist that day in this zone (clocks go forward).
community-event-end-before-start = The end must come after the start.
community-event-too-long = An event lasts 14 days at most.
community-event-in-past = This moment has passed already.
community-event-zone-unknown = Unknown time zone (an IANA name, for instance Europe/Paris).
community-event-recurrence-invalid = Unknown repetition.
community-event-until-before-start = The repetition must end after the first event.
community-event-date-invalid = Give a date, for instance 2026-06-30.
community-event-place-required = Choose a commune or an online meeting.
community-event-url-invalid = Give a web address starting with https://.
community-event-capacity-invalid = Give a number of seats between 1 and 100,000.
community-event-capacity-below = More people registered already: the capacity cannot go below that number.
community-event-answer-invalid = Unknown answer.
community-event-created = The event is created.
community-event-saved = The event is saved.
community-event-cancelled = The event is cancelled.
community-event-cancelled-badge = Cancelled
community-event-recurrence-weekly = every week
community-event-recurrence-monthly = every month
community-event-repeats = regular
community-event-online = Online
community-event-when = When
community-event-next = Next time
community-event-where = Where
community-event-seats = Attendance
community-event-going-of = { $going } going out of { $capacity } seats
community-event-going = { $count ->
    [0] Nobody registered yet
    [one] 1 going
   *[other] { $count } going
}
community-event-waiting-count = { $count } on the waiting list
community-event-link-after-registration = the link is given to registered people
community-event-ics = Add to my calendar (.ics)
community-event-your-answer = Your answer
community-event-answer-going = You are going
community-event-answer-waiting = Waiting list
community-event-answer-maybe = Maybe
community-event-answer-not_going = Not going
community-event-answer = Answer
community-event-participant = Person
community-event-rank = #{ $rank }
community-event-say-going = I am going
community-event-say-maybe = Maybe
community-event-say-not-going = I am not going
community-event-sign-in = Sign in to register
community-event-organise = Organising
community-event-edit = Edit the event
community-event-export = Export the participants (CSV)
community-event-cancel = Cancel the event
community-event-flash-going = You are registered.
community-event-flash-waiting = The event is full: you are on the waiting list and will be mailed if a seat opens.
community-event-flash-maybe = Answer saved: maybe.
community-event-flash-not-going = Answer saved: you are not going.
error-not-found-community-event = This event does not exist.
error-not-found-community-calendar = This calendar does not exist.
error-forbidden-community-event-organisers-only = This action is for the event's organisers.
mail-community-promoted-subject = A seat opened: { $title }
mail-community-promoted = A seat opened for "{ $title }" ({ $community }, { $when }): you move from the waiting list to the participants.
mail-community-reminder-subject = Tomorrow: { $title }
mail-community-reminder = Reminder: "{ $title }" ({ $community }) takes place on { $when }.

## Discussions
community-discussions = Discussions
community-topics-none = No discussion yet.
community-topic-new = Open a discussion
community-topic-field-title = Subject
community-topic-field-body = Message
community-topic-field-body-hint = Markdown accepted; "@Name" of a member notifies them; ">" quotes.
community-topic-publish = Publish
community-topic-replies = { $count ->
    [0] no reply
    [one] 1 reply
   *[other] { $count } replies
}
community-topic-pinned = Pinned
community-topic-locked = Locked
community-topic-pin = Pin
community-topic-unpin = Unpin
community-topic-lock = Lock
community-topic-unlock = Unlock
community-topic-saved = The discussion is updated.
community-topic-locked-notice = This discussion is locked: only hosts can reply.
community-reply-field = Your reply
community-reply-send = Reply
community-post-remove = Remove
community-post-removed = The message is removed.
community-post-removed-notice = Message removed.
community-post-report = Report
community-post-reported = Thank you: the hosts and the coordinators are told.
community-report-reason = Reason
community-reports = Reported messages
community-reports-none = No report is waiting.
community-report-removed = removed already
community-report-close = Close the report
community-report-closed = The report is closed.
error-not-found-community-topic = This discussion does not exist.
error-not-found-community-post = This message does not exist.
error-not-found-community-report = This report does not exist or is closed already.
error-forbidden-community-topic-locked = This discussion is locked.
notification-kind-community_mention = Mention in a community
notification-kind-community_mention-help = A member mentions you ("@your name") in a discussion.
notification-kind-community_report = Reported message in a community
notification-kind-community_report-help = For hosts and coordinators: a message was reported.
mail-community-mention-subject = { $author } mentions you in "{ $topic }"
mail-community-mention = { $author } mentions you in the discussion "{ $topic }" of the community "{ $community }":
mail-community-report-subject = Reported message in "{ $community }"
mail-community-report = A message of the discussion "{ $topic }" (community "{ $community }") was reported.

## API
community-api-time-invalid = Give a date (2026-03-01) or an RFC 3339 instant.
community-api-window-inverted = The window must end after it starts.
community-api-window-too-long = The window lasts 366 days at most.
community-api-too-many = Too many occurrences in this window: shorten it.

## Collections
community-collections = Project collections
community-collections-none = No collection yet.
community-collection-new = Create a collection
community-collection-field-title = Title
community-collection-field-description = Introduction (optional)
community-collection-field-project = Project
community-collection-field-project-hint = Its number or the address of its page, for instance https://…/projets/42-garden.
community-collection-field-note = Note (optional)
community-collection-add = Add to the collection
community-collection-added = The project is added.
community-collection-already = This project is in the collection already.
community-collection-removed = The project is removed from the collection.
community-collection-empty = No project yet.
community-collection-export = Export the collection (CSV)
community-collection-project-unknown = No project matches: give a number or the address of a project page.
error-not-found-community-collection = This collection does not exist.

## Map
community-map-label = Map of this search's communities
community-collection-map-label = Map of the collection's projects
community-collection-unplaced = { $count ->
    [one] 1 project of the collection has no known place and is not on the map.
   *[other] { $count } projects of the collection have no known place and are not on the map.
}
community-activity-title = What happens in the scope
community-activity-project = New project
community-activity-request = Board request
community-activity-decision = Collective decision
community-activity-empty = Nothing new in the scope yet.
community-search-title = Search the community
community-inner-search-label = Search the community's discussions and events
community-inner-search-placeholder = Words of discussions or events
community-inner-search-submit = Search
community-search-total = { $count ->
    [0] No result
    [one] 1 result
   *[other] { $count } results
}
community-search-none = No message or event holds all these words.
community-search-message = Message
community-search-event = Event
community-search-too-long = The search is too long: 200 characters at most.
community-search-no-words = These words are too common to search for; try more precise ones.
community-post-edit = Edit
community-post-edit-hint = The previous version is kept: the community's hosts can read it.
community-post-save = Save the message
community-post-edited = The message is edited.
community-post-edited-mark = edited
community-post-history = history
community-post-version-current = Current version
error-forbidden-community-post-author-only = Only a message's author can edit it.
community-post-quote = Quote
community-cancel = Cancel
community-reaction-thanks = Thanks
community-reaction-agree = Agree
community-reaction-bravo = Well done
community-reaction-idea = Good idea
community-reaction-question = Question
community-reaction-unknown = This reaction does not exist.
community-digest-start = Get the community's digest by mail every week
community-digest-stop = Stop the digest
community-digest-is-on = You get the community's digest every week.
community-digest-on = You will get the community's digest every week.
community-digest-off = You will no longer get the community's digest.
mail-community-digest-subject = The week of "{ $community }"
mail-community-digest-intro = Here is what happened this week in the community "{ $community }".
mail-community-digest-topics = Discussions:
mail-community-digest-new-messages = { $count ->
    [one] 1 new message
   *[other] { $count } new messages
}
mail-community-digest-events = Events of the coming two weeks:
mail-community-digest-joined = { $count ->
    [one] 1 new person joined the community.
   *[other] { $count } new people joined the community.
}
mail-community-digest-activity = In the community's scope:
mail-community-digest-stop = To stop this digest, go to the community's page:
