## Coordination area: applications, partners, accounts and audit log.
## error-forbidden-coordinators-only is in accounts.ftl.

coord-title = Coordination
coord-nav-label = Sections of the coordination area
coord-nav-overview = Overview
coord-nav-applications = Applications
coord-nav-partners = Partners
coord-nav-users = Users
coord-nav-journal = Log

## Overview

coord-overview-title = Overview
coord-overview-intro = The coordination team examines applications, looks after partners and accounts, and every decision is recorded in the log.
coord-overview-review = Examine the applications
coord-stat-pending = { $count ->
    [one] pending application
   *[other] pending applications
}
coord-stat-active = { $count ->
    [one] active partner
   *[other] active partners
}
coord-stat-suspended = { $count ->
    [one] suspended partner
   *[other] suspended partners
}
coord-stat-users = { $count ->
    [one] account
   *[other] accounts
}

## Applications

coord-applications-title = Applications
coord-applications-showing-pending = Applications awaiting a decision.
coord-applications-showing-all = All applications, newest first.
coord-applications-show-all = Show all applications
coord-applications-show-pending = Show pending applications only
coord-applications-none-pending = No pending applications.
coord-applications-none = No applications yet.
coord-application-applicant = Submitted by
coord-application-applicant-gone = deleted account
coord-application-submitted = Submitted on
coord-application-decided = Decided on
coord-application-message = Message of the application
coord-application-decision-message = Message of the decision
coord-decision-message = Message to the applicant
coord-decision-message-hint = It is sent to them by email with the decision. Optional when accepting, required when declining (at least 10 characters).
coord-decision-accept = Accept
coord-decision-decline = Decline

## Partners

coord-partners-title = Partners
coord-partners-intro = Partners join the collective through an accepted application. Here you can suspend an active partner, reactivate it, or record its departure; a departure is final.
coord-partners-none = No partners.
coord-col-partner = Partner
coord-col-status = Status
coord-col-admitted = Admitted on
coord-col-status-changed = Status changed on
coord-col-actions = Actions
coord-col-created = Signed up on
coord-partner-suspend = Suspend
coord-partner-suspend-label = Suspend { $partner }
coord-partner-reactivate = Reactivate
coord-partner-reactivate-label = Reactivate { $partner }
coord-partner-left = Record departure
coord-partner-left-label = Record the departure of { $partner }
coord-partner-see-application = See the application

## Users

coord-users-title = Users
coord-users-search-label = Name or email address
coord-users-search = Search
coord-users-search-reset = Clear the search
coord-users-count = { $count ->
    [0] No accounts
    [one] { $count } account
   *[other] { $count } accounts
}
coord-users-none = No account matches this search.
coord-user-enabled = Active
coord-user-disabled = Disabled
coord-user-unverified = Address not confirmed
coord-user-coordinator = Coordination
coord-user-disable = Disable
coord-user-disable-label = Disable the account of { $name }
coord-user-enable = Re-enable
coord-user-enable-label = Re-enable the account of { $name }
coord-user-grant = Add to coordination
coord-user-grant-label = Add { $name } to the coordination team
coord-user-revoke = Remove from coordination
coord-user-revoke-label = Remove { $name } from the coordination team

## Log

coord-journal-title = Log
coord-journal-intro = Every sensitive action is recorded here, newest first.
coord-journal-empty = The log is empty.
coord-journal-system = system
coord-col-at = Date (UTC)
coord-col-actor = By
coord-col-action = Action
coord-col-target = Target
coord-col-details = Details
coord-col-ip = IP address
audit-action-partner_applied = Application submitted
audit-action-partner_admitted = Partner admitted
audit-action-partner_declined = Application declined
audit-action-partner_status_changed = Partner status changed
audit-action-member_role_changed = Member role changed
audit-action-member_removed = Member removed
audit-action-user_disabled = Account disabled
audit-action-user_enabled = Account re-enabled
audit-action-coordinator_granted = Added to coordination
audit-action-coordinator_revoked = Removed from coordination
audit-action-sign_in_new_device = Sign-in from a new device

## Redirection messages

application-accepted = The application is accepted: the partner is active and the applicant has been told by email.
application-declined = The application is declined; the applicant has been told by email.
application-already-decided = A decision has already been made on this application.
partner-status-changed = The partner's status has been changed.
partner-status-transition = This status change is not possible from the partner's current status.
access-changed = The account's access has been changed.
access-not-yourself = You cannot change your own access: ask another member of the coordination team.
coord-confirm-left = { $partner }'s departure is final: its space can no longer be changed.
coord-confirm-button = Confirm
