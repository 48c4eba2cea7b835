//! Mail through a real SMTP server on loopback (aiosmtpd): subscribing and
//! confirming, each notice, the one-click unsubscribe, confirming an
//! account's address, resetting a password, the digest, and a mail server
//! that is down for a while.

use crate::helpers::*;
use pulse_api::Timestamp;
use pulse_tests::smtp::{Mail, SmtpSink};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const WITHIN: Duration = Duration::from_secs(15);

fn mailing_to(sink: &SmtpSink) -> impl FnOnce(&mut pulse_server::Config) {
    let url = sink.url();
    move |c| {
        c.mail.smtp_url = Some(url);
        c.mail.city = "City of Shakopee".into();
        c.mail.from = "City of Shakopee <pulse@shakopeemn.gov>".into();
        c.mail.retry_base = Duration::from_secs(1);
        c.limits.registrations_per_address = 1_000;
    }
}

async fn spawn_mailing(sink: &SmtpSink) -> TestApp {
    spawn_tuned(mailing_to(sink)).await
}

async fn post_update(app: &TestApp, host: &User, title: &str) -> Value {
    let response = app
        .post(
            &format!("/topics/{OPEN}/updates"),
            Some(host),
            &json!({"title": title, "body": format!("About **{title}**.")}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

fn now() -> i64 {
    pulse_server::clock::now().0
}

/// A subscriber's notice: the city and topic in the subject, a one-click
/// unsubscribe (RFC 8058), a Message-ID, a sender, text and HTML.
fn assert_subscriber_notice(mail: &Mail, app: &TestApp) {
    assert!(
        mail.subject
            .starts_with("[City of Shakopee] Body Worn Cameras"),
        "{}",
        mail.subject
    );
    let unsubscribe = mail.header("list-unsubscribe").expect("List-Unsubscribe");
    assert!(
        unsubscribe.starts_with(&format!("<{}/unsubscribe/", app.base)),
        "{unsubscribe}"
    );
    assert_eq!(
        mail.header("list-unsubscribe-post"),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(
        mail.header("message-id")
            .is_some_and(|id| id.starts_with("<pulse."))
    );
    assert!(
        mail.header("from")
            .unwrap()
            .contains("pulse@shakopeemn.gov")
    );
    assert!(!mail.text.is_empty() && mail.html.contains("<a href="));
}

fn unsubscribe_url(mail: &Mail) -> String {
    mail.header("list-unsubscribe")
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string()
}

/// `who` replies to comment `id` in § 3.
async fn reply_to(app: &TestApp, who: &User, id: i64, body: &str) {
    let reply = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(who),
            &json!({"section": SECTION_3, "body": body, "parent_id": id}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
}

/// The host answers comment `id` officially.
async fn respond(app: &TestApp, host: &User, id: i64, status: &str, body: &str) {
    let responded = app
        .post(
            &format!("/comments/{id}/responses"),
            Some(host),
            &json!({"status": status, "body": body}),
        )
        .await;
    assert_eq!(responded.status(), StatusCode::CREATED);
}

/// The host hides comment `id`, saying why.
async fn hide(app: &TestApp, host: &User, id: i64, reason: &str) {
    let hidden = app
        .post(
            &format!("/comments/{id}/moderation"),
            Some(host),
            &json!({"action": "hide", "reason": reason}),
        )
        .await;
    assert_eq!(hidden.status(), StatusCode::OK);
}

/// Confirms `user`'s address from the link mailed when the account was
/// made.
async fn confirm_address(app: &TestApp, sink: &SmtpSink, user: &User) {
    let mail = sink
        .wait_for(&user.email, "Confirm your email", 1, WITHIN)
        .await
        .remove(0);
    let token = mail.token("/account/verify").unwrap();
    let confirmed = app
        .post("/account/verify", None, &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_resident_subscribes_with_one_tap_and_hears_the_hosts_updates() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    // Notices about topics wait for a confirmed address.
    confirm_address(&app, &sink, &ana).await;
    let host = app.demo_host().await;
    let path = format!("/topics/{OPEN}/subscriptions");
    let created = app
        .send::<()>(reqwest::Method::POST, &path, Some(&ana), None)
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let subscription: Value = created.json().await.unwrap();
    assert_eq!(subscription["active"], true);
    assert_eq!(subscription["topic_slug"], OPEN);
    // Again, with `{}`: the same subscription, not a second one.
    let again = app.post(&path, Some(&ana), &json!({})).await;
    assert_eq!(again.status(), StatusCode::OK);
    let mine: Value = app.get_json("/account/subscriptions", Some(&ana)).await;
    assert_eq!(mine["subscriptions"].as_array().unwrap().len(), 1);

    let topic = post_update(&app, &host, "Council date set").await;
    let update_id = topic["updates"][0]["id"].as_i64().unwrap();
    let mail = sink
        .wait_for(&ana.email, "Council date set", 1, WITHIN)
        .await
        .remove(0);
    assert_subscriber_notice(&mail, &app);
    assert!(
        mail.text.contains("About Council date set."),
        "{}",
        mail.text
    );
    assert!(mail.html.contains("<strong>Council date set</strong>"));
    let link = mail.link("/topics/").unwrap();
    // It opens the page in the reader's language.
    assert_eq!(
        link,
        format!(
            "{}/language/en?next=/topics/{OPEN}%23update-{update_id}",
            app.base
        )
    );

    // Ended from the account page: nothing more comes.
    let id = subscription["id"].as_i64().unwrap();
    let ended = app
        .delete(&format!("/account/subscriptions/{id}"), Some(&ana))
        .await;
    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
    let gone = app
        .delete(&format!("/account/subscriptions/{id}"), Some(&ana))
        .await;
    problem(gone, StatusCode::NOT_FOUND).await;
    post_update(&app, &host, "After leaving").await;
    outbox_settled(&app.database).await;
    assert!(
        sink.to(&ana.email)
            .iter()
            .all(|m| !m.subject.contains("After leaving"))
    );
}

#[tokio::test]
async fn an_address_subscribes_by_its_link_and_leaves_with_one_click() {
    let sink = SmtpSink::start();
    // A built client's page, for the person who opens the link.
    let client = std::env::temp_dir().join(format!("pulse-client-{}", now()));
    std::fs::create_dir_all(&client).unwrap();
    std::fs::write(
        client.join("host.html"),
        "<!doctype html><html><body>Pulse</body></html>",
    )
    .unwrap();
    let mailing = mailing_to(&sink);
    let app = spawn_tuned(move |c| {
        mailing(c);
        c.client_dir = client;
    })
    .await;
    let host = app.demo_host().await;
    let path = format!("/topics/{CLOSED}/subscriptions");
    let reader = "reader@example.org";
    let first = app.post(&path, None, &json!({"email": reader})).await;
    assert_eq!(first.status(), StatusCode::ACCEPTED);
    let first: Value = first.json().await.unwrap();
    // Signed out with no address: told how to subscribe.
    problem(
        app.post(&path, None, &json!({})).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    problem(
        app.post(&path, None, &json!({"email": "not an address"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    let confirm = sink
        .wait_for(reader, "Confirm your subscription", 1, WITHIN)
        .await
        .remove(0);
    assert!(confirm.subject.starts_with("[City of Shakopee] Confirm"));
    assert!(confirm.header("list-unsubscribe").is_none());
    let token = confirm
        .token("/subscriptions/confirm")
        .expect("a confirmation link");
    let confirmed = app
        .post("/subscriptions/confirm", None, &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let confirmed: Value = confirmed.json().await.unwrap();
    assert_eq!(confirmed["active"], true);
    // Opened again, the link says the subscription holds.
    let again = app
        .post("/subscriptions/confirm", None, &json!({"token": token}))
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap(), confirmed);
    // Asking again once subscribed answers the same, and mails nothing.
    let second: Value = app
        .post(&path, None, &json!({"email": reader}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first, second);

    // The closed topic's host posts; the host here is the admin.
    let admin = app.demo_admin().await;
    let posted = app
        .post(
            &format!("/topics/{CLOSED}/updates"),
            Some(&admin),
            &json!({"title": "Council decided", "body": "The council adopted it."}),
        )
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    let notice = sink
        .wait_for(reader, "Council decided", 1, WITHIN)
        .await
        .remove(0);
    assert!(notice.subject.contains("Downtown"), "{}", notice.subject);

    // One click, as a mail program sends it: from elsewhere, no session,
    // and (as several large providers do) as multipart/form-data.
    let url = unsubscribe_url(&notice);
    let one_click = |kind: &'static str, body: &'static str| {
        app.http
            .post(&url)
            .header("content-type", kind)
            .header("origin", "https://mail.example")
            .header("sec-fetch-site", "cross-site")
            .body(body)
            .send()
    };
    let multipart = "multipart/form-data; boundary=----pulse0123";
    let other_field = "------pulse0123\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n\
                       hello\r\n------pulse0123--\r\n";
    let refused = one_click(multipart, other_field).await.unwrap();
    problem(refused, StatusCode::BAD_REQUEST).await;
    let left = one_click(
        multipart,
        "------pulse0123\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n\
         One-Click\r\n------pulse0123--\r\n",
    )
    .await
    .unwrap();
    assert_eq!(left.status(), StatusCode::OK);
    let left: Value = left.json().await.unwrap();
    assert_eq!(left["topic_slug"], CLOSED);
    // A person opening the link gets the page with its button.
    let page = app.http.get(&url).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("<html"));
    // A made-up link is no one's.
    let made_up = app
        .http
        .post(format!("{}/unsubscribe/{}", app.base, "0".repeat(64)))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(made_up.status(), StatusCode::NOT_FOUND);
    // The confirmation link, opened once more, no longer says it holds.
    problem(
        app.post("/subscriptions/confirm", None, &json!({"token": token}))
            .await,
        StatusCode::GONE,
    )
    .await;

    let before = sink.to(reader).len();
    app.post(
        &format!("/topics/{CLOSED}/updates"),
        Some(&admin),
        &json!({"title": "After the click", "body": "Nobody should hear this."}),
    )
    .await;
    let _ = host;
    outbox_settled(&app.database).await;
    assert_eq!(
        sink.to(reader).len(),
        before,
        "nothing arrives after unsubscribing"
    );
}

#[tokio::test]
async fn an_unconfirmed_address_hears_nothing_but_its_link() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let host = app.demo_host().await;
    let reader = "unsure@example.org";
    app.post(
        &format!("/topics/{OPEN}/subscriptions"),
        None,
        &json!({"email": reader}),
    )
    .await;
    sink.wait_for(reader, "Confirm", 1, WITHIN).await;
    post_update(&app, &host, "Not for the unconfirmed").await;
    outbox_settled(&app.database).await;
    assert_eq!(sink.to(reader).len(), 1);
}

#[tokio::test]
async fn registering_mails_a_link_that_confirms_the_address() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    let admin = app.demo_admin().await;
    // The open topic now asks for a confirmed address.
    let changed = app
        .patch(
            &format!("/topics/{OPEN}"),
            Some(&admin),
            &json!({"require_verified_email": true}),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let comment = json!({"section": SECTION_3, "body": "Before confirming."});
    let path = format!("/topics/{OPEN}/comments");
    problem(
        app.post(&path, Some(&ana), &comment).await,
        StatusCode::FORBIDDEN,
    )
    .await;

    let mail = sink
        .wait_for(&ana.email, "Confirm your email address", 1, WITHIN)
        .await
        .remove(0);
    let token = mail.token("/account/verify").expect("a link");
    let verified = app
        .post("/account/verify", None, &json!({"token": token}))
        .await;
    assert_eq!(verified.status(), StatusCode::NO_CONTENT);
    let session: Value = app.get_json("/session", Some(&ana)).await;
    assert_eq!(session["account"]["email_verified"], true);
    assert_eq!(
        app.post(&path, Some(&ana), &comment).await.status(),
        StatusCode::CREATED
    );
    // Opened again, the link says the address is confirmed.
    let again = app
        .post("/account/verify", None, &json!({"token": token}))
        .await;
    assert_eq!(again.status(), StatusCode::NO_CONTENT);
    problem(
        app.post("/account/verify", None, &json!({"token": "0".repeat(64)}))
            .await,
        StatusCode::GONE,
    )
    .await;
    // Confirmed already: nothing to send again.
    problem(
        app.post("/account/verification", Some(&ana), &json!({}))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
}

#[tokio::test]
async fn changing_the_address_tells_the_old_one_and_confirms_the_new_one() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    let old = ana.email.clone();
    let new = format!("moved.{old}");
    let moved = app
        .put(
            "/account/email",
            Some(&ana),
            &json!({"email": new, "current_password": "correct horse battery"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    // The old address hears of it, with where to reach the city (the demo
    // has a contact page), and no link that acts on the account.
    let told = sink
        .wait_for(&old, "email address was changed", 1, WITHIN)
        .await
        .remove(0);
    assert!(told.text.contains("contact the city"), "{}", told.text);
    let contact = told.link("/pages/contact").expect("the contact page");
    assert!(contact.ends_with("/pages/contact"), "{contact}");
    assert!(told.link("token=").is_none(), "{}", told.text);
    // The new one is asked to confirm itself; the old one is not.
    let confirm = sink
        .wait_for(&new, "Confirm your email address", 1, WITHIN)
        .await
        .remove(0);
    assert!(confirm.token("/account/verify").is_some());
    assert!(
        sink.to(&new)
            .iter()
            .all(|m| !m.subject.contains("was changed"))
    );
}

#[tokio::test]
async fn registering_an_address_that_has_an_account_tells_its_owner_once_a_day() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    for name in ["Someone", "Someone Else"] {
        let again = app
            .post(
                "/accounts",
                None,
                &json!({"email": ana.email.to_uppercase(), "display_name": name,
                        "password": "another long password"}),
            )
            .await;
        let detail = problem(again, StatusCode::CONFLICT).await;
        assert!(detail.contains("already exists"), "{detail}");
    }
    // Its owner hears of it once, with the way to a new password if it was
    // them and has forgotten it; nobody else is written to.
    let told = sink
        .wait_for(
            &ana.email,
            "tried to create an account with your address",
            1,
            WITHIN,
        )
        .await
        .remove(0);
    assert!(told.text.contains("No account was made"), "{}", told.text);
    assert!(told.link("/reset-password").is_some(), "{}", told.text);
    outbox_settled(&app.database).await;
    let count = sink
        .to(&ana.email)
        .iter()
        .filter(|m| m.subject.contains("tried to create an account"))
        .count();
    assert_eq!(count, 1, "at most once a day");
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_a_single_use_link_that_ends_every_session() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    let other_device = app.sign_in(&ana.email, "correct horse battery").await;

    let unknown = app
        .post(
            "/password-reset",
            None,
            &json!({"email": "nobody@example.org"}),
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    let unknown: Value = unknown.json().await.unwrap();
    let known = app
        .post("/password-reset", None, &json!({"email": ana.email}))
        .await;
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    let known: Value = known.json().await.unwrap();
    assert_eq!(
        unknown, known,
        "the answer does not tell who has an account"
    );

    let mail = sink
        .wait_for(&ana.email, "Reset your password", 1, WITHIN)
        .await
        .remove(0);
    let token = mail.token("/reset-password").expect("a reset link");
    problem(
        app.post(
            "/password-reset/confirm",
            None,
            &json!({"token": token, "password": "short"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let reset = app
        .post(
            "/password-reset/confirm",
            None,
            &json!({"token": token, "password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    for user in [&ana, &other_device] {
        let session: Value = app.get_json("/session", Some(user)).await;
        assert_eq!(session["account"], Value::Null, "every session ended");
    }
    let old = app
        .post(
            "/session",
            None,
            &json!({"email": ana.email, "password": "correct horse battery"}),
        )
        .await;
    problem(old, StatusCode::UNAUTHORIZED).await;
    app.sign_in(&ana.email, "a brand new passphrase").await;
    problem(
        app.post(
            "/password-reset/confirm",
            None,
            &json!({"token": token, "password": "yet another passphrase"}),
        )
        .await,
        StatusCode::GONE,
    )
    .await;
    // nobody@example.org was sent nothing.
    assert!(sink.to("nobody@example.org").is_empty());
}

#[tokio::test]
async fn replies_responses_and_hiding_reach_the_comments_author() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let host = app.demo_host().await;
    // Notices about one's own comments go to a confirmed address only.
    confirm_address(&app, &sink, &ana).await;

    let comment = app
        .comment(OPEN, SECTION_3, &ana, "Keep footage longer.")
        .await;
    let id = comment["id"].as_i64().unwrap();
    reply_to(&app, &bo, id, "I agree with Ana.").await;
    let replied = sink
        .wait_for(&ana.email, "Bo replied to your comment", 1, WITHIN)
        .await
        .remove(0);
    assert!(replied.text.contains("I agree with Ana."));
    assert!(replied.header("list-unsubscribe").is_none());

    respond(&app, &host, id, "answered", "We will look at retention.").await;
    let response = sink
        .wait_for(&ana.email, "an official response", 1, WITHIN)
        .await
        .remove(0);
    assert!(response.text.contains("We will look at retention."));

    hide(&app, &host, id, "Off topic for this section.").await;
    let hid = sink
        .wait_for(&ana.email, "your comment was hidden", 1, WITHIN)
        .await
        .remove(0);
    assert!(hid.text.contains("Off topic for this section."));
    // Bo's address is not confirmed: Bo hears nothing of Ana's answer.
    assert!(
        sink.to(&bo.email)
            .iter()
            .all(|m| m.subject.contains("Confirm"))
    );
}

#[tokio::test]
async fn the_deadline_and_the_close_are_noticed_once() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    // Notices about topics wait for a confirmed address.
    confirm_address(&app, &sink, &ana).await;
    let admin = app.demo_admin().await;
    app.post(
        &format!("/topics/{OPEN}/subscriptions"),
        Some(&ana),
        &json!({}),
    )
    .await;
    // 47 hours to go.
    let soon = serde_json::to_value(Timestamp(now() + 47 * 3600)).unwrap();
    let changed = app
        .patch(
            &format!("/topics/{OPEN}"),
            Some(&admin),
            &json!({"closes_at": soon}),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let mail = sink
        .wait_for(&ana.email, "48 hours left", 1, WITHIN)
        .await
        .remove(0);
    assert!(mail.link(&format!("/topics/{OPEN}")).is_some());

    let closing = serde_json::to_value(Timestamp(now() + 2)).unwrap();
    app.patch(
        &format!("/topics/{OPEN}"),
        Some(&admin),
        &json!({"closes_at": closing}),
    )
    .await;
    let closed = sink
        .wait_for(&ana.email, "closed, see the results", 1, WITHIN)
        .await
        .remove(0);
    assert!(closed.text.contains("/report"));
    // Each notice is claimed by marking its topic: once both marks are
    // set and the outbox has settled, no round of the worker writes more.
    let marked = format!(
        "SELECT COUNT(*) FROM topics WHERE slug = '{OPEN}' \
         AND deadline_noticed_at IS NOT NULL AND close_noticed_at IS NOT NULL"
    );
    wait_for_count(&app.database, &marked, 1).await;
    outbox_settled(&app.database).await;
    assert_eq!(
        sink.to(&ana.email)
            .iter()
            .filter(|m| m.subject.contains("48 hours"))
            .count(),
        1
    );
    assert_eq!(
        sink.to(&ana.email)
            .iter()
            .filter(|m| m.subject.contains("closed"))
            .count(),
        1
    );
}

#[tokio::test]
async fn a_reply_hidden_before_its_notice_is_sent_is_never_mailed() {
    let mut sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let host = app.demo_host().await;
    confirm_address(&app, &sink, &ana).await;
    let comment = app
        .comment(OPEN, SECTION_3, &ana, "Keep footage longer.")
        .await;
    let id = comment["id"].as_i64().unwrap();
    let path = format!("/topics/{OPEN}/comments");
    let reply = async |body: &'static str| {
        let reply = json!({"section": SECTION_3, "body": body, "parent_id": id});
        app.post(&path, Some(&bo), &reply).await
    };

    // The notice of Bo's reply is queued and tried while the mail server
    // is down; the host hides the reply before it is sent.
    sink.stop();
    let hateful = reply("Ana is a fool and everyone should tell her so.").await;
    assert_eq!(hateful.status(), StatusCode::CREATED);
    let hateful: Value = hateful.json().await.unwrap();
    wait_for_count(
        &app.database,
        "SELECT COUNT(*) FROM outbox WHERE kind = 'reply' AND attempts >= 1 \
         AND sent_at IS NULL AND last_error IS NOT NULL",
        1,
    )
    .await;
    let hidden = app
        .post(
            &format!("/comments/{}/moderation", hateful["id"]),
            Some(&host),
            &json!({"action": "hide", "reason": "A personal attack."}),
        )
        .await;
    assert_eq!(hidden.status(), StatusCode::OK);
    sink.restart();
    wait_for_count(
        &app.database,
        "SELECT COUNT(*) FROM outbox WHERE kind = 'reply' AND failed_at IS NOT NULL",
        1,
    )
    .await;

    // A reply that stays is mailed as ever; the hidden one never was.
    assert_eq!(
        reply("I agree with Ana.").await.status(),
        StatusCode::CREATED
    );
    sink.wait_for(&ana.email, "Bo replied to your comment", 1, WITHIN)
        .await;
    outbox_settled(&app.database).await;
    for mail in sink.to(&ana.email) {
        assert!(!mail.text.contains("fool"), "{}", mail.text);
        assert!(!mail.html.contains("fool"), "{}", mail.html);
    }
}

#[tokio::test]
async fn a_name_that_looks_encoded_never_becomes_other_words_in_a_subject() {
    // "=?utf-8?b?Q2l0eSBzdGFmZg==?=" is how a subject line says "City staff".
    const ENCODED: &str = "=?utf-8?b?Q2l0eSBzdGFmZg==?=";
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let refused = app
        .post(
            "/accounts",
            None,
            &json!({"email": "mallory@example.org", "display_name": ENCODED, "password": "correct horse battery"}),
        )
        .await;
    let detail = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.contains("=?"), "{detail}");

    // A name taken before the rule reaches the subject as typed.
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    confirm_address(&app, &sink, &ana).await;
    run_sql(
        &app.database,
        &format!(
            "UPDATE accounts SET display_name = '{ENCODED}' WHERE email = '{}'",
            bo.email
        ),
    )
    .await;
    let comment = app
        .comment(OPEN, SECTION_3, &ana, "Keep footage longer.")
        .await;
    let reply = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(&bo),
            &json!({"section": SECTION_3, "body": "Noted.", "parent_id": comment["id"]}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    // The sink decodes subjects as a mail program does.
    let replied = sink
        .wait_for(&ana.email, "replied to your comment", 1, WITHIN)
        .await
        .remove(0);
    assert!(replied.subject.contains(ENCODED), "{}", replied.subject);
    assert!(
        !replied.subject.contains("City staff"),
        "{}",
        replied.subject
    );
}

#[tokio::test]
async fn mail_posted_while_the_mail_server_is_down_arrives_once_it_is_back() {
    let mut sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    // Notices about topics wait for a confirmed address.
    confirm_address(&app, &sink, &ana).await;
    let host = app.demo_host().await;
    app.post(
        &format!("/topics/{OPEN}/subscriptions"),
        Some(&ana),
        &json!({}),
    )
    .await;
    sink.wait_for(&ana.email, "Confirm", 1, WITHIN).await;
    sink.stop();
    post_update(&app, &host, "Sent while down").await;
    // Tried and failed at least once before the server is back.
    wait_for_count(
        &app.database,
        "SELECT COUNT(*) FROM outbox WHERE kind = 'update' AND attempts >= 1 \
         AND sent_at IS NULL AND last_error IS NOT NULL",
        1,
    )
    .await;
    sink.restart();
    let mails = sink
        .wait_for(&ana.email, "Sent while down", 1, WITHIN)
        .await;
    outbox_settled(&app.database).await;
    assert_eq!(
        sink.to(&ana.email)
            .iter()
            .filter(|m| m.subject.contains("Sent while down"))
            .count(),
        1
    );
    assert_subscriber_notice(&mails[0], &app);
}

#[tokio::test]
async fn a_daily_subscriber_gets_one_digest_of_the_days_notices() {
    let sink = SmtpSink::start();
    let (app, db) = spawn_reachable(mailing_to(&sink)).await;
    let ana = app.register("Ana").await;
    // Notices about topics wait for a confirmed address.
    confirm_address(&app, &sink, &ana).await;
    let host = app.demo_host().await;
    let subscribed = app
        .post(
            &format!("/topics/{OPEN}/subscriptions"),
            Some(&ana),
            &json!({"cadence": "daily"}),
        )
        .await;
    assert_eq!(subscribed.status(), StatusCode::CREATED);
    let subscribed: Value = subscribed.json().await.unwrap();
    assert_eq!(subscribed["cadence"], "daily");
    post_update(&app, &host, "First of the day").await;
    post_update(&app, &host, "Second of the day").await;
    outbox_settled(&db).await;
    assert!(
        sink.to(&ana.email)
            .iter()
            .all(|m| m.subject.contains("Confirm your email")),
        "nothing before the digest's hour"
    );
    // The digest's hour comes (tomorrow at 8 in the topic's zone).
    run_sql(&db, "UPDATE outbox SET due_at = 0 WHERE digest = 1").await;
    let digest = sink
        .wait_for(&ana.email, "Your daily digest: 2 notices", 1, WITHIN)
        .await
        .remove(0);
    assert!(digest.text.contains("First of the day") && digest.text.contains("Second of the day"));
    assert!(digest.header("list-unsubscribe").is_some());
    outbox_settled(&db).await;
    assert_eq!(
        sink.to(&ana.email).len(),
        2,
        "the verification mail and one digest"
    );
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_notice_once() {
    const READERS: usize = 300;
    let sink = SmtpSink::start();
    let (first, db) = spawn_reachable(mailing_to(&sink)).await;
    let mut config = pulse_server::Config::new(db.clone());
    config.bind = "127.0.0.1:0".into();
    mailing_to(&sink)(&mut config);
    let _second = spawn_config(config).await;
    run_sql(
        &db,
        &pulse_tests::fixtures::confirmed_readers(OPEN, READERS),
    )
    .await;
    let host = first.demo_host().await;
    post_update(&first, &host, "Heard once").await;
    let start = std::time::Instant::now();
    let count = || {
        sink.messages()
            .iter()
            .filter(|m| m.subject.contains("Heard once"))
            .count()
    };
    while count() < READERS {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{} of {READERS}",
            count()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    outbox_settled(&db).await;
    let mut recipients: Vec<String> = sink
        .messages()
        .into_iter()
        .filter(|m| m.subject.contains("Heard once"))
        .map(|m| m.to[0].clone())
        .collect();
    assert_eq!(recipients.len(), READERS, "each notice once, not twice");
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), READERS);
}

#[tokio::test]
async fn following_a_section_brings_its_new_comments_and_nothing_else() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    // Notices about topics wait for a confirmed address.
    confirm_address(&app, &sink, &ana).await;
    let bo = app.register("Bo").await;
    let path = format!("/topics/{OPEN}/subscriptions");

    // A section that is not in the draft is refused, and nothing is kept.
    let wrong = app
        .post(&path, Some(&ana), &json!({"section": "no-such-section"}))
        .await;
    let detail = problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.contains("no such section"), "{detail}");
    let mine: Value = app.get_json("/account/subscriptions", Some(&ana)).await;
    assert!(mine["subscriptions"].as_array().unwrap().is_empty());

    let created = app
        .post(&path, Some(&ana), &json!({"section": SECTION_3}))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let subscription: Value = created.json().await.unwrap();
    assert_eq!(subscription["section"], SECTION_3);
    assert_eq!(subscription["section_label"], "§ 3 When officers record");

    // An address alone may follow a section too, once confirmed.
    let carla = "carla@example.org";
    let asked = app
        .post(
            &path,
            None,
            &json!({"email": carla, "section": SECTION_3, "cadence": "instant"}),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let link = sink
        .wait_for(carla, "Confirm your subscription", 1, WITHIN)
        .await
        .remove(0);
    let token = link.token("/subscriptions/confirm").unwrap();
    let confirmed: Value = app
        .post("/subscriptions/confirm", None, &json!({"token": token}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(confirmed["section"], SECTION_3);

    // Bo's comment in § 3 reaches both; Bo's comment elsewhere reaches no one.
    app.comment(OPEN, "general", &bo, "About the topic as a whole.")
        .await;
    app.comment(OPEN, SECTION_3, &bo, "Record every traffic stop.")
        .await;
    for who in [ana.email.as_str(), carla] {
        let mail = sink
            .wait_for(who, "a new comment in § 3 When officers record", 1, WITHIN)
            .await
            .remove(0);
        assert_subscriber_notice(&mail, &app);
        assert!(
            mail.text.contains("Record every traffic stop."),
            "{}",
            mail.text
        );
        // It opens the comment's thread.
        let link = mail.link("/topics/").unwrap();
        assert!(
            link.starts_with(&format!(
                "{}/language/en?next=/topics/{OPEN}%23comment-",
                app.base
            )),
            "{link}"
        );
    }
    // Ana's own comment in § 3 is not sent to Ana.
    app.comment(OPEN, SECTION_3, &ana, "My own thought.").await;
    sink.wait_for(carla, "a new comment in § 3", 2, WITHIN)
        .await;

    // Back to the topic's notices only: § 3's comments stop.
    let id = subscription["id"].as_i64().unwrap();
    let changed: Value = app
        .patch(
            &format!("/account/subscriptions/{id}"),
            Some(&ana),
            &json!({"section": null}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(changed["section"], Value::Null);
    assert_eq!(changed["cadence"], "instant");
    app.comment(OPEN, SECTION_3, &bo, "One more for § 3.").await;
    sink.wait_for(carla, "a new comment in § 3", 3, WITHIN)
        .await;
    outbox_settled(&app.database).await;
    let to_ana: Vec<String> = sink
        .to(&ana.email)
        .iter()
        .filter(|m| m.subject.contains("a new comment"))
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(to_ana.len(), 1, "{to_ana:?}");
}

/// A mail in `lang`: its `Content-Language`, its HTML's `lang`, and its
/// links opening the site in it.
fn assert_in(mail: &Mail, lang: &str) {
    assert_eq!(
        mail.header("content-language"),
        Some(lang),
        "{}",
        mail.subject
    );
    assert!(
        mail.html.contains(&format!("<html lang=\"{lang}\"")),
        "{}",
        mail.html
    );
    if let Some(link) = mail.link("/language/") {
        assert!(link.contains(&format!("/language/{lang}?next=/")), "{link}");
    }
}

#[tokio::test]
async fn a_spanish_account_gets_every_message_in_spanish_until_it_changes_language() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register_in("Ana", "es").await;
    let bo = app.register("Bo").await;
    let host = app.demo_host().await;
    let session: Value = app.get_json("/session", Some(&ana)).await;
    assert_eq!(session["account"]["lang"], "es");

    // Confirming the address.
    let verify = sink
        .wait_for(&ana.email, "Confirme su dirección de correo", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&verify, "es");
    assert!(verify.text.contains("City of Shakopee"), "{}", verify.text);
    let token = verify.token("/account/verify").unwrap();
    let confirmed = app
        .post("/account/verify", None, &json!({"token": token}))
        .await;
    assert_eq!(confirmed.status(), StatusCode::NO_CONTENT);
    confirm_address(&app, &sink, &bo).await;

    // Following the topic and § 3's comments.
    let path = format!("/topics/{OPEN}/subscriptions");
    let followed = app
        .post(&path, Some(&ana), &json!({"section": SECTION_3}))
        .await;
    assert_eq!(followed.status(), StatusCode::CREATED);
    // Named in her language, as the city translated the topic.
    let followed: Value = followed.json().await.unwrap();
    assert_eq!(followed["topic_title"], "Cámaras corporales");
    assert_eq!(followed["section_label"], "§ 3 Cuándo graban los agentes");
    let update = post_update(&app, &host, "Nuevas fechas").await;
    let told = sink
        .wait_for(&ana.email, "Nuevas fechas", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&told, "es");
    assert!(told.text.contains("publicó una novedad"), "{}", told.text);
    // The city's English, quoted in a Spanish letter, is marked English.
    assert!(
        told.html.contains("<blockquote lang=\"en\""),
        "{}",
        told.html
    );
    assert!(
        told.text.contains("Cancelar la suscripción:"),
        "{}",
        told.text
    );
    assert!(told.header("list-unsubscribe").is_some());
    assert!(update.is_object());

    // A new comment in § 3, a reply, an official response, and hiding.
    app.comment(OPEN, SECTION_3, &bo, "Record every traffic stop.")
        .await;
    let new_comment = sink
        .wait_for(&ana.email, "un comentario nuevo en", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&new_comment, "es");
    // The section named as the city translated it.
    assert!(
        new_comment
            .subject
            .ends_with("un comentario nuevo en § 3 Cuándo graban los agentes"),
        "{}",
        new_comment.subject
    );
    let mine = app
        .comment(OPEN, SECTION_3, &ana, "Guarden las grabaciones más tiempo.")
        .await;
    let id = mine["id"].as_i64().unwrap();
    reply_to(&app, &bo, id, "I agree with Ana.").await;
    let replied = sink
        .wait_for(&ana.email, "Bo respondió a su comentario", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&replied, "es");
    assert!(
        replied.text.contains("«Guarden las grabaciones"),
        "{}",
        replied.text
    );
    respond(&app, &host, id, "adopted", "We will keep it for a year.").await;
    let response = sink
        .wait_for(&ana.email, "una respuesta oficial", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&response, "es");
    // It says which comment it answers, with the status in Spanish, and
    // links the comment's thread.
    assert!(
        response
            .text
            .contains("Su comentario empezaba así: «Guarden las grabaciones más tiempo.»"),
        "{}",
        response.text
    );
    assert!(response.text.contains(": Adoptado."), "{}", response.text);
    assert!(
        response
            .link("/language/es")
            .is_some_and(|l| l.contains(&format!("%23comment-{id}"))),
        "{}",
        response.text
    );
    hide(&app, &host, id, "Fuera de tema.").await;
    let hid = sink
        .wait_for(&ana.email, "se ocultó su comentario", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&hid, "es");
    // The reason, the way to ask for a review, and a reply that reaches
    // the host.
    assert!(hid.text.contains("Fuera de tema."), "{}", hid.text);
    assert!(hid.text.contains("pedir una revisión"), "{}", hid.text);
    assert!(
        hid.header("reply-to").is_some_and(|r| r.contains('@')),
        "{:?}",
        hid.headers
    );

    // A password reset.
    let asked = app
        .post("/password-reset", None, &json!({"email": ana.email}))
        .await;
    assert!(asked.status().is_success());
    let reset = sink
        .wait_for(&ana.email, "Restablezca su contraseña", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&reset, "es");

    // Changing the language changes the next message.
    let changed = app
        .patch("/account", Some(&ana), &json!({"lang": "en"}))
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["account"]["lang"], "en");
    assert_eq!(changed["account"]["display_name"], "Ana");
    post_update(&app, &host, "Council date set").await;
    let english = sink
        .wait_for(&ana.email, "Council date set", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&english, "en");
    assert!(
        english.text.contains("posted an update"),
        "{}",
        english.text
    );

    // And the address's change tells the old address in the account's
    // language.
    let back = app
        .patch("/account", Some(&ana), &json!({"lang": "es"}))
        .await;
    assert_eq!(back.status(), StatusCode::OK);
    let moved = app
        .put(
            "/account/email",
            Some(&ana),
            &json!({"email": "ana.nueva@example.org", "current_password": "correct horse battery"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let told_old = sink
        .wait_for(&ana.email, "Cambió la dirección de correo", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&told_old, "es");
}

#[tokio::test]
async fn the_account_change_says_what_is_wrong_with_it() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    let empty = app.patch("/account", Some(&ana), &json!({})).await;
    let detail = problem(empty, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.contains("what to change"), "{detail}");
    let unknown = app
        .patch("/account", Some(&ana), &json!({"lang": "fr"}))
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let session: Value = app.get_json("/session", Some(&ana)).await;
    assert_eq!(session["account"]["lang"], "en");
}

#[tokio::test]
async fn an_address_subscribed_from_a_spanish_page_hears_in_spanish() {
    let sink = SmtpSink::start();
    let mailing = mailing_to(&sink);
    let app = spawn_tuned(|c| {
        mailing(c);
        c.client_dir = page_dir("mail-es");
    })
    .await;
    let host = app.demo_host().await;
    let email = "lucia@example.org";
    let asked = app
        .http
        .post(app.url(&format!("/topics/{OPEN}/subscriptions")))
        .header("cookie", "pulse_lang=es")
        .json(&json!({"email": email}))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let confirm = sink
        .wait_for(email, "Confirme su suscripción", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&confirm, "es");
    // The link opens the confirmation page in Spanish: the language switch
    // remembers it, and goes on to the page.
    let link = confirm.link("/subscriptions/confirm").unwrap();
    let switch = app.http.get(&link).send().await.unwrap();
    assert_eq!(switch.status(), StatusCode::SEE_OTHER);
    let cookie = switch.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("pulse_lang=es"), "{cookie}");
    let to = switch.headers()["location"].to_str().unwrap();
    assert!(to.starts_with("/subscriptions/confirm?token="), "{to}");
    let page = app
        .http
        .get(format!("{}{to}", app.base))
        .header("cookie", "pulse_lang=es")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(
        page.headers()
            .get("content-language")
            .and_then(|v| v.to_str().ok()),
        Some("es")
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"es\""), "{html}");
    // Named as the city translated it.
    assert!(
        html.contains("Cámaras corporales"),
        "the page names the topic"
    );

    post_update(&app, &host, "Nuevas fechas").await;
    let told = sink
        .wait_for(email, "Nuevas fechas", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&told, "es");
    // The plain text keeps the Markdown readable.
    assert!(told.text.contains("About Nuevas fechas."), "{}", told.text);
    // The topic named, and the update told, as the city translated them.
    assert!(
        told.subject.contains("Cámaras corporales"),
        "{}",
        told.subject
    );
    let posted = app
        .post(
            &format!("/topics/{OPEN}/updates"),
            Some(&host),
            &json!({"title": "Council date set", "body": "On **May 1**.",
                "translations": {"es": {"title": "Fecha del concejo", "body": "El **1 de mayo**."}}}),
        )
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    let translated = sink
        .wait_for(email, "Fecha del concejo", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&translated, "es");
    assert!(
        translated.text.contains("El 1 de mayo."),
        "{}",
        translated.text
    );
    assert!(
        translated.html.contains("<strong>1 de mayo</strong>"),
        "{}",
        translated.html
    );

    // A daily digest, in Spanish, counted in Spanish.
    let daily = "diaria@example.org";
    let asked = app
        .http
        .post(app.url(&format!("/topics/{OPEN}/subscriptions")))
        .header("accept-language", "es-MX")
        .json(&json!({"email": daily, "cadence": "daily"}))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let token = sink
        .wait_for(daily, "Confirme su suscripción", 1, WITHIN)
        .await
        .remove(0)
        .token("/subscriptions/confirm")
        .unwrap();
    app.post("/subscriptions/confirm", None, &json!({"token": token}))
        .await;
    post_update(&app, &host, "Primera").await;
    post_update(&app, &host, "Segunda").await;
    outbox_settled(&app.database).await;
    run_sql(
        &app.database,
        "UPDATE outbox SET due_at = 0 WHERE digest = 1",
    )
    .await;
    let digest = sink
        .wait_for(daily, "Su resumen del día: 2 avisos", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&digest, "es");

    // 48 hours before the close, and the close, in Spanish with Spanish
    // dates.
    let admin = app.demo_admin().await;
    let soon = serde_json::to_value(Timestamp(now() + 47 * 3600)).unwrap();
    let changed = app
        .patch(
            &format!("/topics/{OPEN}"),
            Some(&admin),
            &json!({"closes_at": soon}),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let deadline = sink
        .wait_for(email, "quedan 48 horas para participar", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&deadline, "es");
    assert!(
        deadline.text.contains(" de 20"),
        "a Spanish date: {}",
        deadline.text
    );
    let closing = serde_json::to_value(Timestamp(now() + 2)).unwrap();
    app.patch(
        &format!("/topics/{OPEN}"),
        Some(&admin),
        &json!({"closes_at": closing}),
    )
    .await;
    let closed = sink
        .wait_for(email, "cerrado, vea los resultados", 1, WITHIN)
        .await
        .remove(0);
    assert_in(&closed, "es");
}

#[tokio::test]
async fn notices_wait_for_an_accounts_address_to_be_confirmed() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let host = app.demo_host().await;
    confirm_address(&app, &sink, &bo).await;
    let path = format!("/topics/{OPEN}/subscriptions");
    for who in [&ana, &bo] {
        let made = app.post(&path, Some(who), &json!({})).await;
        assert_eq!(made.status(), StatusCode::CREATED);
    }
    post_update(&app, &host, "Council date set").await;
    // Bo's notice went out in the round that would have sent Ana's.
    sink.wait_for(&bo.email, "Council date set", 1, WITHIN)
        .await;
    outbox_settled(&app.database).await;
    assert!(
        sink.to(&ana.email)
            .iter()
            .all(|m| !m.subject.contains("Council date set")),
        "an address not confirmed got a notice"
    );
    // Confirmed: what waited for it comes.
    confirm_address(&app, &sink, &ana).await;
    sink.wait_for(&ana.email, "Council date set", 1, WITHIN)
        .await;
}

#[tokio::test]
async fn unsubscribe_links_are_signed_not_stored_and_older_links_still_work() {
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let admin = app.demo_admin().await;
    let path = format!("/topics/{CLOSED}/subscriptions");
    let reader = "signed@example.org";
    app.post(&path, None, &json!({"email": reader})).await;
    let confirm = sink
        .wait_for(reader, "Confirm your subscription", 1, WITHIN)
        .await
        .remove(0);
    let token = confirm.token("/subscriptions/confirm").unwrap();
    app.post("/subscriptions/confirm", None, &json!({"token": token}))
        .await;
    app.post(
        &format!("/topics/{CLOSED}/updates"),
        Some(&admin),
        &json!({"title": "Signed", "body": "A notice."}),
    )
    .await;
    let notice = sink.wait_for(reader, "Signed", 1, WITHIN).await.remove(0);
    let url = unsubscribe_url(&notice);
    let link = url.rsplit('/').next().unwrap().to_string();
    let (id, tag) = link.split_once('-').expect("{id}-{signature}");
    // The database keeps no link: what it stores opens nothing.
    let stored = format!(
        "SELECT COUNT(*) FROM subscriptions WHERE id = {id} AND unsubscribe_token LIKE 'hmac:%' \
         AND unsubscribe_token NOT LIKE '%{tag}%'"
    );
    wait_for_count(&app.database, &stored, 1).await;
    // Another subscription's id with this signature is no link.
    let forged = app
        .http
        .post(format!(
            "{}/unsubscribe/{}-{tag}",
            app.base,
            id.parse::<i64>().unwrap() + 1
        ))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    let left = app
        .http
        .post(&url)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(left.status(), StatusCode::OK);

    // A link mailed before links were signed: its secret is stored.
    let legacy = "ab".repeat(32);
    run_sql(
        &app.database,
        &format!(
            "INSERT INTO subscriptions (topic_id, email, unsubscribe_token, created_at, confirmed_at) \
             SELECT id, 'older@example.org', '{legacy}', 0, 0 FROM topics WHERE slug = '{CLOSED}'"
        ),
    )
    .await;
    let older = app
        .http
        .post(format!("{}/unsubscribe/{legacy}", app.base))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(older.status(), StatusCode::OK);
    let ended = "SELECT COUNT(*) FROM subscriptions WHERE email = 'older@example.org' \
                 AND ended_at IS NOT NULL";
    wait_for_count(&app.database, ended, 1).await;
}

#[tokio::test]
async fn a_revision_is_told_once_to_each_as_it_concerns_them() {
    use crate::revisions::{SLUG, comment_on, topic, version_2};
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let admin = app.demo_admin().await;
    let created = app.post("/topics", Some(&admin), &topic()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let path = format!("/topics/{SLUG}/subscriptions");
    // Ana follows the topic; Bo its Release, which changes; Dan its
    // Review, which goes; Fay its Purpose, which stays; Gil its Retention,
    // which is renamed. Eve only comments.
    let mut people = Vec::new();
    for (name, section) in [
        ("Ana", None),
        ("Bo", Some("release")),
        ("Dan", Some("review")),
        ("Fay", Some("purpose")),
        ("Gil", Some("retention")),
    ] {
        let user = app.register(name).await;
        confirm_address(&app, &sink, &user).await;
        let body = match section {
            Some(anchor) => json!({"section": anchor}),
            None => json!({}),
        };
        assert_eq!(
            app.post(&path, Some(&user), &body).await.status(),
            StatusCode::CREATED
        );
        people.push(user);
    }
    let eve = app.register("Eve").await;
    confirm_address(&app, &sink, &eve).await;
    let slow = comment_on(
        &app,
        &eve,
        "release",
        Some("within ten business days"),
        "Too slow.",
    )
    .await;
    let also = comment_on(&app, &eve, "release", None, "Answer sooner.").await;

    let published = app
        .post(
            &format!("/topics/{SLUG}/versions"),
            Some(&admin),
            &json!({
                "draft": version_2(),
                "note": "Shorter answers to requests.",
                "sections": {"release": {"note": "Five days, as you asked.", "comments": [slow, also]}},
            }),
        )
        .await;
    assert_eq!(published.status(), StatusCode::CREATED);

    let [ana, bo, dan, fay, gil] = [&people[0], &people[1], &people[2], &people[3], &people[4]];
    for who in [ana, fay] {
        let mail = sink
            .wait_for(&who.email, "version 2 of the draft", 1, WITHIN)
            .await
            .remove(0);
        assert!(
            mail.text.contains("Shorter answers to requests."),
            "{}",
            mail.text
        );
        assert!(mail.text.contains("§ 7 Release: Edited"), "{}", mail.text);
        assert!(mail.text.contains("§ 7 Review: Removed"), "{}", mail.text);
        let link = mail.link("/topics/").unwrap();
        assert!(
            link.contains("versions%2F2%2Fchanges") || link.contains("versions/2/changes"),
            "{link}"
        );
    }
    let to_bo = sink
        .wait_for(&bo.email, "§ 8 Release changed in version 2", 1, WITHIN)
        .await
        .remove(0);
    assert!(to_bo.text.contains("ten business days"), "{}", to_bo.text);
    assert!(to_bo.text.contains("five business days"), "{}", to_bo.text);
    assert!(to_bo.text.contains("now § 7 Release"), "{}", to_bo.text);
    let to_dan = sink
        .wait_for(&dan.email, "version 2 removed § 7 Review", 1, WITHIN)
        .await
        .remove(0);
    assert!(
        to_dan.text.contains("Comments on removed sections"),
        "{}",
        to_dan.text
    );
    let to_eve = sink
        .wait_for(&eve.email, "your comment led to a change", 1, WITHIN)
        .await
        .remove(0);
    assert!(
        to_eve.text.contains("2 of your comments"),
        "{}",
        to_eve.text
    );
    assert!(
        to_eve.text.contains("Five days, as you asked."),
        "{}",
        to_eve.text
    );

    // Once each, and nothing else about it.
    outbox_settled(&app.database).await;
    let about = |email: &str| {
        sink.to(email)
            .iter()
            .filter(|m| m.subject.contains("version 2") || m.subject.contains("led to a change"))
            .count()
    };
    for who in [ana, bo, dan, fay, gil, &eve] {
        assert_eq!(about(&who.email), 1, "{}", who.email);
    }

    // Following a section goes on with its successor: Gil, who followed
    // Retention, hears of a comment in Keeping recordings, and sees it
    // named so.
    comment_on(&app, &eve, "keeping-recordings", None, "A year is right.").await;
    let mail = sink
        .wait_for(
            &gil.email,
            "a new comment in § 2 Keeping recordings",
            1,
            WITHIN,
        )
        .await
        .remove(0);
    assert!(mail.text.contains("A year is right."), "{}", mail.text);
    let mine: Value = app.get_json("/account/subscriptions", Some(gil)).await;
    assert_eq!(
        mine["subscriptions"][0]["section_label"],
        "§ 2 Keeping recordings"
    );
}

/// Comments posted at the same moment share their writer's batch, whose
/// notices to sections' followers are written together at its end: each
/// follower still hears of each comment in their section once, and of
/// nothing else, and not of their own.
#[tokio::test]
async fn comments_posted_at_once_reach_their_sections_followers_once_each() {
    const PURPOSE: &str = "purpose";
    let sink = SmtpSink::start();
    let app = spawn_mailing(&sink).await;
    let (ana, dee) = (app.register("Ana").await, app.register("Dee").await);
    for (who, section) in [(&ana, SECTION_3), (&dee, PURPOSE)] {
        confirm_address(&app, &sink, who).await;
        let created = app
            .post(
                &format!("/topics/{OPEN}/subscriptions"),
                Some(who),
                &json!({"section": section}),
            )
            .await;
        assert_eq!(created.status(), StatusCode::CREATED);
    }
    let (bo, cy) = (app.register("Bo").await, app.register("Cy").await);
    let posts: Vec<(&User, &str)> = (0..24)
        .map(|n| {
            let who = [&bo, &cy, &ana, &dee][n % 4];
            (who, [SECTION_3, PURPOSE, "general"][n % 3])
        })
        .collect();
    let texts: Vec<String> = (0..posts.len())
        .map(|n| format!("Comment {n} at once."))
        .collect();
    let posted = futures::future::join_all(
        posts
            .iter()
            .zip(&texts)
            .map(|((who, section), text)| app.comment(OPEN, section, who, text)),
    )
    .await;
    let expected = |follower: &User, section: &str| {
        let mut ids: Vec<i64> = posts
            .iter()
            .zip(&posted)
            .filter(|((who, s), _)| *s == section && who.email != follower.email)
            .map(|(_, c)| c["id"].as_i64().unwrap())
            .collect();
        ids.sort_unstable();
        ids
    };
    let db = pulse_server::db::Db::connect(&app.database).await.unwrap();
    for (follower, section) in [(&ana, SECTION_3), (&dee, PURPOSE)] {
        let mut told: Vec<i64> = sqlx::query_scalar(
            "SELECT subject_id FROM outbox WHERE kind = 'comment' AND recipient = $1",
        )
        .bind(&follower.email)
        .fetch_all(&db.pool)
        .await
        .unwrap();
        told.sort_unstable();
        let wanted = expected(follower, section);
        assert_eq!(wanted.len(), 6, "{section}");
        assert_eq!(told, wanted, "{} of {section}", follower.email);
    }
}
