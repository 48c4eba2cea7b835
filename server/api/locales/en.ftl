# Pulse's interface in English. One message per key; `{ $name }` is filled
# in by the code. Keep the keys in step with es.ftl: a test compares them.

## Calendar
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
duration-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
    }
duration-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
    }
duration-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
    }
duration-under-a-minute = less than a minute

## The shell
title-suffix = { $title } · Pulse
noscript = Reading works without JavaScript; to comment and vote, turn JavaScript on.
site-name = { $city } Pulse
skip-to-content = Skip to content
nav-account = Account
nav-language = Language
account-link = { $name } (account)
sign-in = Sign in
sign-out = Sign out
create-account = Create account
footer-shared = Pulse — feedback is shared with city leaders.
about-this-site = About this site
page-privacy = Privacy notice
page-comment-policy = Comment and moderation policy
page-accessibility = Accessibility statement
page-contact = Contact
comments-are-public = Comments and the name you choose are public, and may be public records. Your email address is never shown.
page-not-shown = This page could not be shown. Please reload.
loading = Loading…
page-not-found = Page not found
nothing-here = There is nothing at this address.
see-all-topics = See all topics

## Talking to the server
offline = Pulse could not be reached. Check your connection and try again.
unreadable-answer = Pulse sent an answer this page could not read. Please reload.
error-status = Something went wrong (error { $status }). Please try again.
not-sent = This could not be sent.
not-signed-in-sign-in = You were not signed in. Please sign in.
not-signed-in-try-again = You were not signed in. Please try again.

## Statuses and labels
status-upcoming = Upcoming
status-open = Currently Open
status-closed = Closed
status-upcoming-one = Upcoming
status-open-one = Currently Open
status-closed-one = Closed
response-adopted = Adopted
response-partly-adopted = Partly adopted
response-not-adopted = Not adopted
response-answered = Answered
response-out-of-scope = Out of scope
staff-topic-host = City staff · Topic host
staff-city = City staff
former-participant = Former participant
comments-count = { $n ->
    [one] { $n } comment
   *[other] { $n } comments
    }

## Signing in and creating an account
there-is-a-problem = There is a problem
error-prefix = Error:
show-password = Show password
enter-email = Enter your email address.
enter-password = Enter your password.
enter-name = Enter the name to show with your comments.
email-address = Email address
password = Password
signing-in = Signing in…
forgotten-password-link = Forgotten your password?
new-here = New here?
create-an-account = Create an account
create-account-title = Create an account
must-have-account = You must have an account to participate. Reading is open to everyone.
name-with-comments = Name shown with your comments
password-hint = At least { $n } characters.
creating-account = Creating your account…
already-have-account = Already have an account?
signed-in-as = You are signed in as { $name }.
carry-on = Carry on where you were

## The topic list
topics-title = Topics
topics-lead = Share your feedback and input on current city initiatives. Weigh in through comments and polls; feedback will be shared with city leaders.
topics-by-status = Topics by status
loading-topics = Loading topics…
no-topics-upcoming = No upcoming topics right now.
no-topics-open = No open topics right now.
no-topics-closed = No closed topics right now.
topic-opens = Opens { $date }
topic-open-until = Open until { $date }
topic-closed-on = Closed { $date }

## A topic
loading-topic = Loading the topic…
topic-not-available = Topic not available
countdown-upcoming = Opens in { $left } — on { $date }.
countdown-open = Closes in { $left } — on { $date }.
countdown-closed = Closed on { $date }.
topic-host-aside = Topic host
draft-version = Version { $n }
city-text-in-english = The city published this topic in English, and there is no translation of it yet. You may comment in your own language.
draft-in-english = In English
city-text-translated = The city translated this topic from English. Comments are shown as their authors wrote them.
read-original = Read the original (English)
reading-original = This is the original, in English.
read-translation = Read the translation
deadline-passed-follow = The deadline to participate has passed. To follow updates,
subscribe-to-topic = subscribe to the topic
not-open-yet = This topic is not open yet. You can read the draft now and take part once it opens.
must-have-account-short = You must have an account to participate.
or = or
sign-in-lower = sign in
for-this-topic = For this topic
host-tools = Host tools
report-for-council = Report for council
preview-not-public = Preview — not public yet
preview-who-sees = Only administrators and this topic's hosts can see this page. Residents cannot find it, read it or take part until it is published.
publish-topic = Publish this topic
topic-now-public = Published: residents can now find this topic, read it and take part while it is open.
topic-as-whole = The topic as a whole
topic-as-whole-lower = the topic as a whole
comment-on-whole = Comment on the topic as a whole, beyond any one section of the draft.
comment-on-whole-action = Comment on the topic as a whole
documents = Documents
updates = Updates
posted-on = Posted { $date }
dates = Dates
add-to-calendar = Add these dates to your calendar
topic-host = Topic Host
host-role = Role
host-phone = Phone
host-email = Email
introduction = Introduction
section-label = § { $number } { $heading }
comment-on-section = Comment on § { $number }
comment-on-introduction = Comment on the introduction

## A section's thread
more-comments-shown = More comments shown.
comment-posted = Comment posted.
comments-on = Comments on { $place }
loading-comments = Loading comments…
no-comments-yet = No comments yet.
show-more-comments = Show more comments
deadline-passed = The deadline to participate has passed.
comments-open-when-open = Comments open when the topic opens.
your-comment = Your comment
your-reply = Your reply
sign-in-to-comment-lead = You must have an account to participate.
create-an-account-lower = create an account
to-comment = to comment.
close-comments = Close comments
reply-to = Reply to { $name }
withdrawn-by-author = Withdrawn by its author.
hidden-by-host-mine = Hidden by the topic host: { $reason }. Only you can see your text below.
hidden-by-host = Hidden by the topic host: { $reason }
official-response-from-host = Official response from the topic host
official-response = Official response
edited-mark = · edited
flagged-thanks = Flagged. Thank you: the topic host will look at it.
agree-count = Agree · { $n }
disagree-count = Disagree · { $n }
agree-disagree = { $agree } agree · { $disagree } disagree
edit = Edit
withdraw = Withdraw
flag-to-host = Flag to the host
edit-your-comment = Edit your comment
save-changes = Save changes
cancel = Cancel
withdraw-your-comment = Withdraw your comment
withdraw-confirm = Withdraw this comment? A note saying you withdrew it takes its place.
withdraw-it = Withdraw it
keep-it = Keep it
what-is-wrong = What is wrong with this comment?
send-flag = Send flag
characters-left = { $n ->
    [one] { $n } character left.
   *[other] { $n } characters left.
    } Markdown works: **bold**, *italic*, lists.
select-words-first = First select some words in this section's text.
quote-optional = Quote words of this section (optional)
quote-words = The words you are answering
quote-selected = Quote the words selected in the text
quote-not-found = Those words are not in this section. Quote them exactly as written.
posting = Posting…
post-reply = Post reply
post-comment = Post comment

## Polls
results-after-close = Results are shown when the topic closes.
results-after-voting = Results are shown once you have voted.
polls = Polls
vote-recorded = Your vote has been recorded.
choose-before-voting = Choose an option before voting.
sign-in-to-vote = Sign in to vote
choose-any = Choose any that apply
choose-one = Choose one
change-my-vote = Change my vote
vote = Vote
results = Results
your-choice = (your choice)
votes-count = { $n ->
    [one] { $n } vote
   *[other] { $n } votes
    }
ballots-count = { $n ->
    [one] { $n } ballot cast
   *[other] { $n } ballots cast
    }
share-rule-one = Each share is of the ballots cast.
share-rule-several = Each share is of the ballots cast; a ballot may choose several options, so the shares can add up to more than 100 %.
of-them-staff = , { $n } of them by city staff

## Following a topic
one-email-a-day-long = One email a day, not one per notice
also-comments-in = Also each new comment in
no-section = No section
follow-topic = Follow this topic
follow-lead = Get the host's updates by email, a reminder 48 hours before it closes, and the results.
feed-reader = Or follow in a feed reader:
updates-atom = updates (Atom)
dates-calendar = dates for your calendar
subscribed-daily = You are subscribed: one email a day.
subscribed = You are subscribed.
with-comments-in = With each new comment in { $place }.
manage-on-account = Manage on your account page
unsubscribe = Unsubscribe
subscribe = Subscribe
subscribe-by-email = Subscribe by email
your-email = Your email address
confirm-hint = We send a link to confirm it. Nothing else, and never shown to anyone.

## The account page
your-account = Your account
confirmed = (confirmed)
not-confirmed = (not confirmed yet)
signed-in-elsewhere = Signed in somewhere else?
sign-out-everywhere-lead = If you signed in on a phone you lost or a computer others use, sign out on every device. You will need your password to sign in again.
sign-out-everywhere = Sign out everywhere
not-signed-in = You are not signed in.
confirm-address-lead = Some topics ask for a confirmed address before you take part. We sent a link when you made your account.
send-link-again = Send the link again
topics-you-follow = Topics you follow
follow-none = None yet. On a topic's page, “Follow this topic” sends its updates by email.
one-email-a-day = One email a day
stop-new-comments-of = Stop the new comments of { $place } on { $topic }
stop-new-comments = Stop the new comments
unsubscribe-from = Unsubscribe from { $topic }
save-how-often = Save
save-how-often-for = Save how often for { $topic }
following-saved = Saved. The list below is how you follow topics now.
new-link-on-its-way = A new link is on its way to { $email }. It works for 7 days.

## Changing the account
my-activity = My activity
no-comments-of-mine = You have not commented yet.
no-ballots-of-mine = You have not voted yet.
hidden-by-host-short = (hidden by the topic host)
my-comment-on = Your comment on { $topic }
my-reply-on = Your reply on { $topic }
your-comments = Your comments
your-votes = Your votes
change-name-title = Your name
name-changed = Your name is changed, on your comments too.
save-name = Save the name
mail-language-title = The language of your email
mail-language = Language for email
mail-language-hint = Notices, confirmations and password resets are written in it, and their links open Pulse in it.
mail-language-saved = Saved: Pulse will write to you in this language.
save-mail-language = Save the language
change-email-title = Your email address
new-email = New email address
new-email-hint = We send a link to confirm it. Notices go to the new address.
current-password = Current password
email-changed = Your address is now { $email }. Open the link we sent there to confirm it.
save-email = Change the address
change-password-title = Your password
password-changed-here = Your password is changed. You are signed out on your other devices.
save-password = Change the password
delete-title = Delete your account
delete-lead = Your email address and name are erased and you are signed out everywhere. Your votes stay counted, tied to no one. This cannot be undone.
delete-comments-legend = What should happen to your comments?
delete-withdraw = Withdraw them: a note saying they were withdrawn takes their place
delete-keep = Keep them, shown under “Former participant”
choose-comments = Choose what should happen to your comments.
delete-button = Delete my account
account-deleted = Your account is deleted.

## Pages opened from mail
confirming = Confirming…
confirm-subscription-title = Confirm your subscription
your-subscription = Your subscription
subscribed-to = You are subscribed to “{ $topic }”. Notices will come by email; each one has a link to stop them.
go-to = Go to { $topic }
confirm-email-title = Confirm your email address
your-email-address = Your email address
email-confirmed = Your email address is confirmed. Thank you.
go-to-topics = Go to the topics
unsubscribe-lead = Stop the email notices about this topic? You can subscribe again from the topic's page at any time.
subscribe-again = Subscribe again
unsubscribing = Unsubscribing…
unsubscribed-from = You are unsubscribed from “{ $topic }”: no more notices will come.

## A forgotten password
forgotten-password = Forgotten password
forgotten-lead = Give the email address of your account. We will send a link to choose a new password; it works once, for one hour.
reset-link-sent = If an account has that address, a link to choose a new password is on its way. It works once, for one hour.
subscription-link-sent = If that address can receive mail, a message is on its way: follow its link to start your subscription.
sending = Sending…
send-me-a-link = Send me a link
back-to-sign-in = Back to sign in
choose-new-password = Choose a new password
password-changed = Your password is changed, and you are signed out everywhere.
sign-in-with-new = Sign in with your new password
new-password = New password
saving = Saving…
save-new-password = Save the new password

## The host's tools
host-tools-for = Host tools: { $topic }
sign-in-as-host = Sign in as the topic's host
flagged-by-residents = Flagged by residents ({ $n })
no-flagged = No comment is waiting for a decision.
awaiting-response = Awaiting an official response ({ $n })
all-answered = Every comment has an official response.
hidden-count = Hidden ({ $n })
none-hidden = No comment is hidden.
new-topic = New topic
new-topic-lead = Every field a topic has. It is saved as a preview that only administrators and its hosts can see, unless you publish it at once; you can publish it from its preview.
new-topic-about = The topic
new-topic-when = When residents take part
new-topic-host = Its host, as residents see them
new-topic-taking-part = Taking part
new-topic-draft = The draft
new-topic-spanish = In Spanish (optional)
new-topic-spanish-lead = For residents who read Pulse in Spanish. A translation needs its title and summary; its draft is optional, and has the draft's sections one to one, in the same order and at the same heading levels.
field-title-es = Title in Spanish
field-summary-es = Summary in Spanish
field-draft-title-es = The draft's title in Spanish
field-draft-es = The draft in Spanish
field-draft-es-hint = Markdown, with the draft's headings in the same order and at the same levels. Once the topic is published, it translates the current version.
new-topic-dates-later = Key dates (a council meeting, a public hearing) are added on the topic's edit page once it is saved.
field-title = Title
field-slug = Address
field-slug-hint = Lower-case letters, digits and hyphens: the topic's page is /topics/ followed by it (body-worn-cameras).
field-summary = Summary
field-markdown-hint = Markdown: **bold**, [a link](https://…), lists with “- ”.
field-time-zone = Time zone
field-time-zone-hint = Where the city keeps its clock (America/Chicago); the dates below are on it.
field-opens = Opens
field-closes = Closes
field-on-topic-clock = On the topic's clock, whatever this computer's time zone.
field-host-name = Name
field-host-role = Role
field-host-phone = Phone (optional)
field-host-email = Email (optional)
field-results-rule = Poll results are shown
rule-always = At all times
rule-after-voting = To those who voted, and to everyone after the close
rule-after-close = After the close
field-verified-email = Taking part needs a confirmed email address (one person, one voice)
field-polls = Polls (optional)
field-polls-hint = One poll per paragraph: the question on its first line, then each option on its own line starting with “- ”. Add [multiple] after the question for several choices, and [section: its-anchor] for a poll on one section. For its Spanish, a line “[es] ” and the question, then its options in the same order.
field-documents = Documents (optional)
field-documents-hint = One per line: its title, a vertical bar, its address (Current ordinance | https://…).
field-draft-title = The draft's title
field-draft = The draft
field-draft-hint = Markdown. Each heading (## Purpose) begins a numbered section residents comment on.
draft-preview = The draft as residents will see it
draft-preview-hint = Its sections, numbered, each with the anchor its address and its comments use.
draft-preview-empty = Type the draft above to see its sections here.
field-publish-at-once = Publish at once (otherwise it is saved as a preview)
save-topic = Save the topic
admin-link = Topics (admin)
admin-topics = Topics
admin-by-status = Topics by status
admin-all-topics = All
admin-unpublished = Not published yet
admin-unpublished-one = Not published yet
admin-no-topics = No topic here.
admin-dates = { $opens } to { $closes }
admin-hosts = Hosts
admin-no-hosts = No host named yet: name one, so that comments are answered.
admin-remove-host = Remove { $email } as host
admin-host-email = A host's email address
admin-host-name = Their name, if they have no account yet
admin-host-name-hint = An account is made for them and they are sent a link to choose its password (it works once, for a week).
admin-add-host = Name as host
host-added = Host named.
host-removed = Host removed.
host-desk = Your desk
your-desk = Your desk
desk-counts = { $flagged ->
    [one] 1 comment flagged
   *[other] { $flagged } comments flagged
    } and { $unanswered ->
    [one] 1 awaiting an official response
   *[other] { $unanswered } awaiting an official response
    }, on the topics you host.
topic-page = The topic's page
all-your-topics = All your topics
desk-filters = Filter the comments
desk-topic = Topic
desk-all-topics = All your topics
desk-topic-option = { $title } ({ $flagged } flagged, { $unanswered } awaiting)
desk-section = Section
desk-all-sections = Every section
desk-show-label = Show
desk-show-attention = Needing attention (flagged or awaiting an answer)
desk-show-flagged = Flagged
desk-show-unanswered = Awaiting an official response
desk-show-answered = Answered
desk-show-hidden = Hidden
desk-show-all = Every comment
desk-status = Response status
desk-any-status = Any status
desk-sort-label = Order
desk-sort-priority = Flagged first, then the oldest waiting
desk-sort-newest = Newest first
desk-sort-oldest = Oldest first
desk-sort-agreed = Most agreed with
desk-sort-flags = Most flagged
desk-quoted = Only comments that quote the draft
desk-apply = Show these
desk-showing = { $n ->
    [one] 1 comment
   *[other] { $n } comments
    }
desk-empty = No comment matches: nothing is waiting here.
desk-pages = Pages of comments
desk-newer-page = Previous page
desk-older-page = Next page
desk-page-of = Page { $page } of { $pages }
open-thread = Open its thread
choose-status = Choose…
choose-response-status = Choose what the response says about the comment: adopted, partly adopted, not adopted, answered or out of scope.
badge-flags = { $n ->
    [one] 1 flag
   *[other] { $n } flags
    }
badge-answered = Answered: { $status }
badge-awaiting = Awaiting an answer
badge-hidden = Hidden
audit-title = What hosts and admins did
audit-comment = comment { $id }
audit-by = by
audit-hide = Comment hidden
audit-restore = Comment restored
audit-dismiss = Flags dismissed, comment kept
audit-respond = Official answer
audit-add-date = Date added
audit-remove-date = Date removed
audit-create-topic = Topic created
audit-edit-topic = Topic changed
audit-publish-topic = Topic published
audit-invite-account = Account invited
audit-publish-record-head = Public record head published
audit-reset-password = Password reset by the operator
audit-delete-account = Account deleted by the operator
audit-post-update = Update posted
audit-grant-host = Host added
audit-revoke-host = Host removed
audit-create-account = Account created
audit-create-admin = Administrator created
audit-publish-revision = Revised draft published
comment-hidden = Comment hidden.
comment-restored = Comment restored.
flags-dismissed = Flags dismissed; the comment stays.
response-posted = Official response posted.
comment-by-on = Comment by { $name } on { $place }
on-place = on
hidden-reason = Hidden: { $reason }
flagged-reason = Flagged: { $reason }
flag-decided = (decided)
restore = Restore
hide-reason = Reason for hiding (shown in its place)
hide = Hide
keep-dismiss = Keep it and dismiss the flags
your-answer = Your answer (Markdown)
post-official-response = Post official response
update-posted = Update posted.
post-an-update = Post an update
update-heading = Title
update-text = Text (Markdown)
update-in-spanish = In Spanish too (optional)
update-heading-es = Title in Spanish
update-text-es = Text in Spanish (Markdown)
post-update = Post update
date-added = Date added.
date-removed = Date removed.
give-date = Give the date and time.
dates-lead = Council meetings and hearings residents should know of: they show on the topic's page and in its calendar.
no-dates = No dates yet.
remove-date = Remove { $title }
remove = Remove
date-what = What
date-when-in = When, on the topic's clock ({ $zone })
date-when-hint = Enter the time as people in { $zone } will read it, whatever this computer's time zone.
date-fold = That night the clocks go back: which of the two times?
date-fold-choose = Choose…
date-fold-earlier = The first (before the clocks go back)
date-fold-later = The second (after the clocks go back)
date-where = Where (optional)
add-date = Add the date

## The report for council
loading-report = Loading the report…
back-to-topic = Back to the topic
report-title = Report: { $topic }
report-heading = Report for council: { $topic }
report-meta = { $status } · open { $opens } to { $closes } · draft version { $version } · generated { $generated }
report-record-head = Built from the public record as it stood at entry { $position }, whose hash is
download-csv = Download every comment (CSV)
print-report = Print this report
participation = Participation
participants = Participants
comments = Comments
ballots = Ballots cast
reactions = Agree and disagree marks
flags-by-residents = Flags by residents
comments-flagged = Comments flagged
hidden-by-host-figure = Hidden by the host
withdrawn-figure = Withdrawn by their authors
edited-figure = Edited by their authors
official-responses = Official responses
comments-by-section = Comments by section
col-section = Section
col-comments = Comments
col-hidden = Hidden
col-withdrawn = Withdrawn
col-answered = Answered
col-agree = Agree
col-disagree = Disagree
moderation = Moderation
comments-and-responses = Comments and responses
state-hidden = · hidden by the host: { $reason }
state-withdrawn = · withdrawn by its author
report-comment-meta = · { $author }{ $staff } · { $date }{ $edited }{ $state } · { $agree } agree, { $disagree } disagree
official-response-status = Official response · { $status }:
option-votes = { $label }: { $votes ->
    [one] { $votes } vote
   *[other] { $votes } votes
    }, { $percent } % of ballots
ballots-by-staff = { $ballots }, { $staff } by city staff
ballots-plain = { $n ->
    [one] { $n } ballot
   *[other] { $n } ballots
    }

## Finding the way on a topic's page
contents = Contents
contents-of-draft = The draft, section by section
hosted-by = Hosted by { $name }, { $role }
contact-host = Contact
read-whole-update = Read the whole update
copy-link = Copy link
copy-link-to = Copy link to { $place }
link-copied = Link copied.
link-not-copied = The link could not be copied: it is now in the address bar.
receipt-line = Receipt { $position }
copy-receipt = Copy receipt
copy-receipt-named = Copy receipt { $position }
receipt-copied = Receipt copied.
receipt-not-copied = The receipt could not be copied; here it is whole: { $receipt }
share-topic = Share this topic
poll-in-section = Poll on this section

## What the shared checks say (the app and the server)
email-invisible = An email address cannot contain invisible characters. Type it again by hand.
email-too-long = An email address can be at most { $max } characters.
email-like = Enter an email address like name@example.com.
name-too-long = A display name can be at most { $max } characters.
name-control = A display name cannot contain control characters.
name-bidi = A display name cannot contain characters that change the direction of text.
name-invisible = A display name cannot contain invisible characters.
name-unreadable = A display name needs letters or numbers that people can read.
name-mixed-scripts = “{ $word }” mixes { $first } and { $other } letters, which can make a name look like someone else's. Use one alphabet within each word.
name-claims-role = A display name cannot say “host”, “staff”, “moderator”, “admin”, “official” or “City of”: Pulse marks city staff itself, from their role. Use your own name.
name-encoded = A display name cannot contain “=?”: mail programs read it as code. Use your own name.
password-too-short = Choose a password of at least { $min } characters.
password-too-long = A password can be at most { $max } characters.
comment-empty = Write something before posting your comment.
comment-too-long = A comment can be at most { $max } characters; this one has { $count }.
comment-control = A comment cannot contain control characters.
text-missing = Write { $what }.
text-too-long = At most { $max } characters in { $what }; this one has { $count }.
text-control = There can be no control characters in { $what }.
what-reason = a reason
what-title = a title
what-text = the text
title-one-line = A title is one line.
quote-empty = The quoted passage is empty.
quote-too-long = A quoted passage can be at most { $max } characters.
quote-context-too-long = The context around a quoted passage can be at most { $max } characters each side.
quote-control = A quoted passage cannot contain control characters.

# How a section of a revised draft came from the version before.
change-unchanged = Unchanged
change-edited = Edited
change-renamed = Renamed
change-moved = Moved
change-split = Split
change-merged = Merged
change-added = Added
change-removed = Removed

# A draft that changes: versions, what changed, and where comments stand.
version-current = Version { $n } of the draft, published { $date }.
what-changed = What changed
why-it-changed = Why it changed
version-old = This is version { $n } of { $latest }, as it was published on { $date }.
read-current-version = Read the current version
version-old-comments = Comments are made on the current version; those written on this one are shown there, where their text stands now.
translation-of-version = The translation is of version { $n }: this version is shown as the city wrote it.
read-translated-version = Read version { $n } translated
earlier-count = { $n ->
    [one] { $n } from an earlier version
   *[other] { $n } from earlier versions
    }
written-on-version = Written on version { $n }
written-on-changed = Written on version { $n }, on this wording:
written-on-removed = Written on version { $n }, on a section since removed:
led-to-change = This comment led to a change in version { $version }:
see-section = see § { $number }
see-introduction = see the introduction
landed-in = In version { $version }, § { $number }
removed-comments = Comments on removed sections
removed-comments-intro = These comments were written on sections that a later version of the draft no longer has. Each shows the text it was written on.
removed-comments-action = Read the comments on removed sections
changes-title = What changed in version { $n }
changes-intro = Version { $n } of the draft, published { $date }, compared with version { $previous }. Added words are underlined, removed words struck through.
changes-from = From { $list }
changes-was-heading = Was “{ $heading }”
changes-unchanged = { $n ->
    [one] { $n } section unchanged
   *[other] { $n } sections unchanged
    }
changes-removed = Removed sections
changes-led-by = Comments that led to this change
diff-added = added:
diff-removed = removed:
diff-end = end
read-version = Read version { $n } whole
report-page = Page
report-summary = Summary of findings
report-summary-people = { $participants ->
    [one] 1 person took part
   *[other] { $participants } people took part
    }, writing { $comments ->
    [one] 1 comment
   *[other] { $comments } comments
    } ({ $replies ->
    [one] 1 of them a reply
   *[other] { $replies } of them replies
    }).
report-summary-busiest = Most discussed: { $sections }.
report-summary-poll = “{ $question }”: most chose “{ $option }” ({ $percent } % of { $ballots }).
report-summary-responses = { $n ->
    [one] 1 official response
   *[other] { $n } official responses
    }: { $statuses }.
report-summary-no-responses = No comment has an official response yet.
report-summary-revisions = { $n ->
    [one] 1 revised draft
   *[other] { $n } revised drafts
    } changed { $changes ->
    [one] 1 section
   *[other] { $changes } sections
    }; { $adopted ->
    [one] 1 comment was adopted
   *[other] { $adopted } comments were adopted
    }, fully or in part.
report-heard-changed = What we heard, what we changed
report-revision = Version { $n }, published { $date }
report-led-by = Comments that led to it:
report-adopted = Comments adopted, and where they landed
report-adopted-none = No comment has an answer saying it was adopted yet.
now-carried = its words stand unchanged in the current version
now-moved = its words stand in { $place } of the current version
now-changed = the words it was about were changed
now-removed = its section was removed
poll-from-version = From version { $n }: its section was removed since.

## Publishing a revision in the browser

revise-title = Revise the draft
revise-link = Revise the draft
revise-lead = Version { $version } is the current draft. Edit it below, or paste the new draft over it, and compare: you will see what changed and what becomes of the comments before anything is published.
revise-draft = The new draft
revise-draft-hint = Markdown. Headings (#, ##) make the sections residents comment on. A section whose heading stays keeps its comments; renamed, moved, split and merged sections take theirs with them.
revise-note = Why it changed
revise-note-hint = Shown to residents above the changes (Markdown). Needed to publish, not to compare.
revise-compare = Compare with version { $version }
revise-publish = Publish version { $version }
revise-stale = The draft changed since it was compared. Compare again to publish it.
revise-stale-sent = The draft was changed after it was compared, so it was not published. Here is the comparison of the draft as it is now.
revise-effect-title = What publishing version { $version } would do
revise-comments = { $n ->
    [one] { $n } comment follows the draft:
   *[other] { $n } comments follow the draft:
    }
revise-carried = { $n ->
    [one] { $n } carried (its section and quote unchanged)
   *[other] { $n } carried (their section and quote unchanged)
    }
revise-moved = { $n } moved (to a renamed, moved, split or merged section)
revise-changed = { $n ->
    [one] { $n } changed (the words it is about were changed)
   *[other] { $n } changed (the words they are about were changed)
    }
revise-removed = { $n } on a removed section
revise-section-note = Why { $section } changed (optional)
revise-link-comments = Comments that led to this change
revise-no-comments = No comment stands on this section.

## A topic's edit form

edit-topic-title = Edit a topic
edit-topic = Edit “{ $title }”
edit-topic-link = Edit
edit-topic-lead = Change what residents read about the topic and when they take part. Saved at once, published or not.
field-slug-fixed = (a topic's address does not change: links to it are out in the world)
field-polls-voted = People have voted in { $list }: keep its question and options as they are.
edit-draft-by-revision = The topic is published: its draft changes by a revision, which residents see with what changed.

## The public record's page
public-record = Public record
public-record-of = Public record: { $topic }
record-intro = Every public act on this topic is an entry in this record: each comment, reply, edit and withdrawal; each comment hidden or restored, with the reason; each official response and update; each version of the draft and change of dates; and, at the close, each poll's count. Each entry holds the hash of the one before it, so no entry can be changed, removed or moved without every hash after it changing. Names and who voted what are never in it.
record-head-now = The record now ends at entry { $position }, whose hash is
record-empty = This record has no entries yet.
record-check-receipt = Check a receipt
record-receipt-label = Your receipt
record-receipt-hint = As copied from under your comment or from your account page: its number and its hash, such as 12:3fa9… (64 characters).
record-receipt-check = Check
record-receipt-holds = Entry { $position } is in the record with your receipt's hash: your receipt holds.
record-receipt-differs = Entry { $position } is in the record with another hash than your receipt's. Keep your receipt: it shows what the record said when you were given it.
record-receipt-missing = The record has no entry { $position }: it ends at entry { $head }.
record-receipt-unreadable = That is not a receipt: a receipt is a number and a hash of 64 characters, such as 12:3fa9…
record-check-it = Check it yourself
record-how-json = The whole record, as JSON:
record-how-command = With Pulse's own tool, ADDRESS being this topic's address:
record-how-doc = How the record is made, with a verifier of thirty lines in Python:
record-published-heads = Heads published
record-published-intro = Each day the topic is open, and at its close, the head of its record is published in the topic's news feed and in the audit log, for anyone to keep. The record as it stood then can always be checked against it.
record-none-published = No head has been published yet.
record-head-daily = for the day
record-head-at-close = at the close
record-entry-number = Entry { $position }
record-entries = Entries
record-entries-range = Entries { $from } to { $to }
record-earlier = Earlier entries
record-later = Later entries
record-pages = Pages of the record
record-hash = Hash:
record-content = What it says
record-withheld = Its text is not public (hidden, withdrawn, edited since or erased); its hash stands.
record-kind-comment = Comment posted
record-kind-edit = Comment edited
record-kind-withdraw = Comment withdrawn
record-kind-hide = Comment hidden
record-kind-restore = Comment restored
record-kind-response = Official response
record-kind-update = Update posted
record-kind-version = Version of the draft
record-kind-window = Dates changed
record-kind-date-added = Key date added
record-kind-date-removed = Key date removed
record-kind-erased = Texts erased with an account
record-kind-close = Topic closed
