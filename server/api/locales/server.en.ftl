# What the server says when a request cannot be done: the `detail` of its
# problem documents, worded in the reader's language. The browser receives
# these already said, so they are not built into its WASM.

## Anywhere
already-recorded = That has already been recorded; reload to see it.
refers-to-nothing = That refers to something that does not exist or is not allowed here.
our-side-went-wrong = Something went wrong on our side. Please try again in a moment.
too-busy-now = Pulse is too busy to answer just now. Please try again in a few seconds.

## Who may do what (policy.rs)
must-sign-in = You must be signed in to do that. Create or sign into your account.
topic-not-open-yet = This topic is not open yet: it opens on { $date }. Come back then to take part.
topic-not-published = This topic is not public yet: it is a preview. Residents can take part once an administrator publishes it.
revision-before-publish = This topic is not published yet: change its draft in place rather than publishing a revision.
setup-draft-published = The draft of a published topic changes only by a revised draft, so that its comments can follow the change. Publish a revision instead.
deadline-passed-on = The deadline to participate has passed: this topic closed on { $date }. To follow updates, subscribe to the topic.
confirm-to-take-part = Confirm your email address to take part: this topic counts one voice per person.
own-comment-no-flag = This is your own comment: you can edit or withdraw it instead of flagging it.
only-author-changes = Only the person who wrote a comment can change or withdraw it.
withdrawn-already = You have withdrawn this comment already.
hidden-cannot-change = The topic host has hidden this comment, so it cannot be changed.
only-host-can = Only the host of this topic can { $what }.
host-moderate = moderate its comments
host-answer = answer comments officially
host-post-updates = post updates
host-change-dates = change its dates
host-revise = publish a revised draft
host-read-audit = read its audit log
host-no-topics = You host no topics yet: an administrator names the hosts of each topic.
desk-query = The desk could not read that filter: show, sort, status and page take the values the desk offers.
choose-status-first = Choose what the response says about the comment (adopted, partly adopted, not adopted, answered or out of scope) before posting it.
form-document-line = Each document is a line with its title, a vertical bar and its address; this one has no bar: “{ $line }”.
only-admin = Only an administrator can do that.
audit-page-numbers = The audit log could not read that filter: “before” and “limit” are whole numbers above zero, and “action” is a code such as post_update.
report-when-closed = The report on this topic is published when it closes, on { $date }.

## Comments (api/comments.rs)
not-a-section = That is not the name of a section.
page-holds = A page holds from 1 to { $most } threads of comments.
not-a-place-in-comments = That is not a place in the comments: use the `next` of the page before.
record-limit = A page of the record holds from 1 to { $max } entries.
record-after = That is not a place in the record: give a position (0 for the start), or the `next` of the page before.
record-before = That is not a place in the record: give a position of 1 or more, or the `earlier` of the page after.
record-after-or-before = Give `after` or `before`, not both: a page of the record is read one way at a time.
no-such-section-to-comment = There is no such section in the current draft to comment on.
no-draft-to-comment = This topic has no draft to comment on.
general-cannot-quote = A comment on the topic as a whole cannot quote a section; comment on the section instead.
quote-not-in-section = The quoted passage is not in this section of the current draft.
reply-to-nothing = The comment you are replying to does not exist.
reply-same-section = A reply must be on the same section as the comment it answers.
no-such-comment = There is no comment with the id “{ $id }”.
no-reactions-here = This comment is withdrawn or hidden, so it takes no reactions.
no-reacting-to-own = You cannot agree or disagree with your own comment.

## Moderation and the host (api/moderation.rs)
flagged-already = You have flagged this comment already; the topic host will look at it.
hide-needs-reason = Give the reason for hiding this comment: residents will see it in its place.
hidden-already = This comment is hidden already.
nothing-to-restore = This comment is not hidden, so there is nothing to restore.
no-flags-to-dismiss = This comment has no open flags to dismiss.
withdrawn-no-response = Its author withdrew this comment, so it takes no official response.

## Polls (api/polls.rs)
no-such-poll = There is no poll with the id “{ $id }”.
one-choice-only = This poll takes one choice only.
too-many-choices = That ballot has too many choices.
option-once = Each option can be chosen only once.
not-this-polls-option = Option { $option } is not one of this poll's options.

## Topics (api/topics.rs)
status-to-list = The status to list must be upcoming, open or closed.
no-such-topic = There is no topic called “{ $slug }”.
setting-is-wrong = { $field }: { $message }
slug-taken = slug: A topic called “{ $slug }” exists already; choose another slug.
no-account-with-address = There is no account with the email address { $email }.
no-account-to-host = There is no account with the email address { $email }. Give the person's name to invite them: an account is made and they are sent a link to choose its password.
setup-slug = Use lower-case letters, digits and hyphens, like body-worn-cameras (at most { $max } characters).
setup-close-after-open = The topic must close after it opens.
setup-time-zone = “{ $zone }” is not a time zone this server knows; use one like America/Chicago.
setup-documents = A topic can list at most { $max } documents.
setup-document-url = Give a web address starting with https:// or http://.
setup-draft-too-long = A draft can be at most { $kb } KB.
setup-draft-empty = The draft is empty: give the policy's text.
setup-draft-control = A draft cannot contain control characters (only line breaks and tabs).
setup-polls = A topic can have at most { $max } polls.
setup-poll-options = A poll needs between 2 and { $max } options.
setup-options-differ = Each option must differ from the others.
setup-poll-section = The draft has no section “{ $anchor }”; leave it out for a poll on the whole topic.
setup-nothing-to-change = Nothing to change: give at least one field.
setup-translation-of-original = The topic is written in English: a translation is into another language, such as es.
setup-translation-draft-pair = Give the translated draft’s title and its text together, or neither.
setup-translation-sections = A translated draft has the original’s sections, one to one and in order: this one has { $found } where the original has { $expected }.
setup-translation-level = The translation’s heading “{ $heading }” stands where the original has “{ $original }”{ $number } at another heading level: use the original’s levels.
setup-translation-options = A translated poll has the original’s options, one to one and in order: this one has { $found } where the original has { $expected }.
revision-same = This draft is the same as version { $version }: there is nothing to publish.
revision-section-unknown = The revised draft has no section “{ $anchor }”.
revision-section-unchanged = The section “{ $anchor }” did not change in this revision: a note says why a section changed.
revision-comment-unknown = Comment { $id } is not a comment on an earlier version of this topic.
revision-comments-too-many = At most { $max } comments can be named for one section.
no-such-version = This topic has no version { $version }.
version-number = A version is a whole number from 1.
no-such-section-in-version = Version { $version } of the draft has no section “{ $anchor }”.
landed-pair = Give both the version and the section where the comment landed, or neither.

## Passwords (password.rs)
password-common = That password is one of the most common, so it is easy to guess. Choose another.
password-repeated = A password of one character repeated is easy to guess. Choose another.
password-own-words = A password made from your email address or name is easy to guess. Choose another.

## Subscriptions (api/subscriptions.rs)
no-such-section-to-follow = There is no such section in this topic's draft to follow.
place-general = General
place-gone = A section no longer in the draft
no-topic-here = There is no topic at this address.
sign-in-to-subscribe = Sign in to subscribe with your account, or give an email address.
link-expired = This link has expired or was already used. Ask for a new one.
no-such-subscription = You have no such subscription.

## Mailed links (api/account_mail.rs)
address-confirmed-already = Your email address is already confirmed.

## The account (api/account_settings.rs)
wrong-current-password = That is not your current password. Check it and try again.
already-your-address = That is already your account's address.
address-taken-by-other = Another account has that address. If it is yours, sign in to it instead.
change-nothing = Say what to change: the name, the language for email, or both.
no-such-language = Pulse writes in English or Spanish: choose one of them.

## Accounts (api/accounts.rs)
wrong-credentials = That email address and password do not match an account. Check them and try again.
account-exists = An account with this email address already exists. Sign in instead.
name-like-staff = “{ $name }” is too like the name of { $staff }, who is on the city's staff on Pulse. Choose a name that is yours.

## Dates (api/dates.rs)
place-one-line = Give the place in at most a line.
date-out-of-range = That date is out of range: give one between 2000 and 2200.
wall-time-gap = { $time } does not exist in { $zone }: the clocks go forward an hour that night. Choose a time outside the skipped hour.
wall-time-twice = { $time } happens twice in { $zone }: the clocks go back an hour that night. Choose which: the first ({ $first }) or the second ({ $second }).
fold-which = Say which of the two times is meant: “earlier” or “later”.
no-such-date = This topic has no such date.

## The API (api/mod.rs)
no-such-endpoint = There is no such API endpoint.
method-not-allowed = This API endpoint does not accept that method.
no-such-subscription-id = There is no subscription with the id “{ $id }”.
no-such-date-id = There is no date with the id “{ $id }”.

## Limits (ratelimit.rs)
too-many-wait-a-minute = Too many { $what } in a short time. Please wait a minute and try again.
too-many-wait-minutes = Too many { $what } in a short time. Please wait { $n } minutes and try again.
limit-votes = votes
limit-comments = comments
limit-subscriptions = subscriptions from this address
limit-account-sign-ins = attempts to sign in to this account
limit-new-accounts = new accounts from this address
limit-sign-ins = attempts to register or sign in
limit-password-resets = password reset requests from this address

## Reading requests (extract.rs)
send-json = Send the request body as JSON, with Content-Type: application/json.
not-json = The request body is not valid JSON.
missing-fields = The request body does not have the fields this needs ({ $cause }).
too-large = The request is too large: at most { $kb } KB is accepted.
body-unreadable = The request body could not be read.
nothing-at-address = There is nothing at this address.
query-unreadable = The query string of this address could not be read.
send-form = Send the form as application/x-www-form-urlencoded, as a browser does.
form-unreadable = The form could not be read. Go back, reload the page and send it again.

## Writes from this site only (origin.rs)
other-website = This request came from another website and was refused. Use Pulse's own pages.
form-expired = This form was open too long, or came from another website. It has been shown again: check it and send it once more.

## The city (city_pages.rs)
no-such-city-page = The city has no page by that name.

## Unsubscribing (unsubscribe.rs)
send-one-click = Send List-Unsubscribe=One-Click to unsubscribe.
not-our-unsubscribe-link = This unsubscribe link is not one of ours.

## The report for council (services/report.rs)
counting-rule-single = One choice per ballot; each account casts one ballot and may change it until the deadline. Percentages are of ballots cast.
counting-rule-multiple = Several choices per ballot; each account casts one ballot and may change it until the deadline. An option's percentage is the share of ballots that chose it, so they can add up to more than 100.
setup-poll-voted = People have voted in “{ $question }”: its question and options no longer change.
setup-poll-voted-translation = People have voted in “{ $question }”: a translation can be added to it, but one it has no longer changes.
