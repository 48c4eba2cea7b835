//! The demo: Shakopee's *Body Worn Cameras* topic, open, with the draft
//! policy, the April 11 council update, polls, and a second version of the
//! draft that answers residents' comments on the first ("you said, we
//! did"); an upcoming and a closed topic beside it. Dates are relative to the moment it is loaded so the
//! three states hold. Loaded once per database, in one transaction.

use crate::db::{self, Db};
use crate::password;
use crate::services::topic_setup;
use anyhow::Context;
use pulse_api::i18n::Lang;
use pulse_api::validate::{DisplayName, Email, Password};
use pulse_api::wire::{Document, HostCard, PollKind, ResultsRule, Role};
use pulse_api::{Timestamp, sections};
use sqlx::AnyConnection;

const DAY: i64 = 24 * 3600;
const ZONE: &str = "America/Chicago";

/// The demo's own sign-ins (see the README): a host of the Body Worn
/// Cameras topic and an administrator. They exist only in a demo database.
pub const HOST_EMAIL: &str = "host@demo.pulse.example";
pub const HOST_PASSWORD: &str = "demo host password";
pub const ADMIN_EMAIL: &str = "admin@demo.pulse.example";
pub const ADMIN_PASSWORD: &str = "demo admin password";
/// The demo's residents who commented on the first draft.
const RESIDENT_PASSWORD: &str = "demo resident password";

/// Loads the demo unless it was loaded before or the database already has
/// topics of its own.
pub async fn load(db: &Db, now: Timestamp) -> anyhow::Result<()> {
    let hash = |p: &str| {
        let p = Password::parse(p).map_err(anyhow::Error::msg);
        async move {
            password::hash_password(p?)
                .await
                .map_err(|e| anyhow::anyhow!("hashing a demo password: {e:?}"))
        }
    };
    let host_hash = hash(HOST_PASSWORD).await?;
    let admin_hash = hash(ADMIN_PASSWORD).await?;
    let mut tx = db.write().await?;
    if !db::settings::insert_once(&mut tx, "demo_loaded_at", &now.to_string())
        .await
        .context("marking the demo as loaded")?
    {
        tracing::info!("the demo was loaded before; not loading it again");
        return Ok(());
    }
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM topics")
        .fetch_one(&mut *tx)
        .await
        .context("counting topics")?;
    if existing > 0 {
        tracing::warn!("the database already has topics; not loading the demo into it");
        return Ok(());
    }
    let bwc = body_worn_cameras(&mut tx, now).await?;
    let host = account(
        &mut tx,
        HOST_EMAIL,
        "Joy Sutton",
        &host_hash,
        Role::Resident,
        now,
    )
    .await?;
    db::hosts::grant(&mut tx, bwc, host, now).await?;
    let resident_hash = hash(RESIDENT_PASSWORD).await?;
    revise_body_worn_cameras(&mut tx, bwc, host, &resident_hash, now).await?;
    account(
        &mut tx,
        ADMIN_EMAIL,
        "Pulse Administrator",
        &admin_hash,
        Role::Admin,
        now,
    )
    .await?;
    parks_plan(&mut tx, now).await?;
    parking_study(&mut tx, now).await?;
    crate::services::public_record::backfill_all(&mut tx).await?;
    tx.commit().await.context("committing the demo")?;
    tracing::info!("loaded the demo topics");
    Ok(())
}

fn joy_sutton() -> HostCard {
    HostCard {
        name: "Joy Sutton".into(),
        role: "Grants & Special Projects Coordinator".into(),
        phone: Some("952-233-9321".into()),
        email: Some("jsutton@shakopeemn.gov".into()),
    }
}

struct Spec<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    opens_at: Timestamp,
    closes_at: Timestamp,
    results_rule: ResultsRule,
    host: HostCard,
    draft_title: &'a str,
    draft: &'a str,
    polls: &'a [DemoPoll<'a>],
    /// The topic in Spanish, if the city translated it.
    spanish: Option<Translated<'a>>,
}

/// A topic's title, summary and draft in another language.
struct Translated<'a> {
    title: &'a str,
    summary: &'a str,
    draft_title: &'a str,
    draft: &'a str,
}

struct DemoPoll<'a> {
    section: Option<&'a str>,
    question: &'a str,
    kind: PollKind,
    options: &'a [&'a str],
    /// The question and options in Spanish, if translated.
    spanish: Option<(&'a str, &'a [&'a str])>,
}

/// Inserts a topic with its draft and polls; returns its id.
async fn topic(conn: &mut AnyConnection, spec: &Spec<'_>, now: Timestamp) -> anyhow::Result<i64> {
    let id = db::topics::insert(
        conn,
        &db::topics::NewTopic {
            slug: spec.slug,
            title: spec.title,
            summary: spec.summary,
            opens_at: spec.opens_at,
            closes_at: spec.closes_at,
            time_zone: ZONE,
            results_rule: spec.results_rule,
            host: &spec.host,
            // A visitor can try the demo without mail.
            require_verified_email: false,
            published: true,
            created_at: now,
        },
    )
    .await?;
    let sections = sections::split(spec.draft);
    let version_id = db::topics::insert_version(
        conn,
        id,
        &db::topics::NewVersion {
            title: spec.draft_title,
            markdown: spec.draft,
            note: "",
            published_by: None,
        },
        &sections,
        spec.opens_at,
    )
    .await?;
    if let Some(spanish) = &spec.spanish {
        let es = Lang::Es;
        db::topics::insert_translation(conn, id, es, spanish.title, spanish.summary).await?;
        // Cut by the rule every translated draft passes.
        let translated = topic_setup::translated_draft("draft", &sections, spanish.draft)
            .map_err(|e| anyhow::anyhow!("the demo's Spanish draft: {e}"))?;
        db::topics::insert_version_translation(
            conn,
            version_id,
            es,
            spanish.draft_title,
            spanish.draft,
            &translated,
        )
        .await?;
    }
    for (position, poll) in spec.polls.iter().enumerate() {
        let position = i64::try_from(position)?;
        let poll_id = db::polls::insert(
            conn,
            id,
            position,
            poll.section,
            poll.question,
            poll.kind,
            poll.options,
        )
        .await?;
        if let Some((question, options)) = poll.spanish {
            anyhow::ensure!(options.len() == poll.options.len(), "{question}: options");
            let options: Vec<String> = options.iter().map(|o| o.to_string()).collect();
            db::polls::insert_translation(conn, poll_id, Lang::Es, question, &options).await?;
        }
    }
    Ok(id)
}

async fn account(
    conn: &mut AnyConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    role: Role,
    now: Timestamp,
) -> anyhow::Result<i64> {
    let created = db::accounts::create(
        conn,
        db::accounts::NewAccount {
            email: &Email::parse(email).map_err(anyhow::Error::msg)?,
            display_name: &DisplayName::parse(name).map_err(anyhow::Error::msg)?,
            password_hash,
            role,
            lang: pulse_api::i18n::Lang::En,
            created_at: now.0,
        },
    )
    .await?;
    match created {
        db::accounts::Created::Account(account) => Ok(account.id),
        db::accounts::Created::EmailTaken => anyhow::bail!("the demo account {email} exists"),
    }
}

/// Returns the topic's id.
async fn body_worn_cameras(conn: &mut AnyConnection, now: Timestamp) -> anyhow::Result<i64> {
    let opens_at = Timestamp(now.0 - 7 * DAY);
    let id = topic(
        conn,
        &Spec {
            slug: "body-worn-cameras",
            title: "Body Worn Cameras",
            summary: "In 2016, the Shakopee Police Department received a $60,000 body worn camera \
                grant from the Department of Justice’s Bureau of Justice Assistance. The grant will \
                help the department fund 50 body cameras and accessories, as well as necessary \
                server storage equipment.\n\nAs part of the grant, the city must develop a body \
                worn camera policy. The department is currently seeking community input on its \
                proposed policy (see below). We’d love to hear your thoughts, concerns or ideas. \
                Feedback will be considered as we finalize our draft policy.",
            opens_at,
            closes_at: Timestamp(now.0 + 21 * DAY),
            results_rule: ResultsRule::AfterVoting,
            host: joy_sutton(),
            draft_title: "City of Shakopee Body Worn Camera Policy — Draft",
            draft: include_str!("demo/body-worn-camera-policy.md"),
            polls: &[
                DemoPoll {
                    section: None,
                    question: "How long should recordings with no evidentiary value be kept?",
                    kind: PollKind::Single,
                    options: &["30 days", "90 days, as proposed", "180 days", "One year"],
                    spanish: Some((
                        "¿Cuánto tiempo deben conservarse las grabaciones sin valor como prueba?",
                        &["30 días", "90 días, como se propone", "180 días", "Un año"],
                    )),
                },
                DemoPoll {
                    section: Some("when-officers-record"),
                    question: "Which contacts matter most to you to have on camera?",
                    kind: PollKind::Multiple,
                    options: &["Traffic stops", "Arrests", "Searches", "Mental health calls"],
                    spanish: Some((
                        "¿Qué contactos le importa más que queden grabados?",
                        &[
                            "Paradas de tráfico",
                            "Arrestos",
                            "Registros",
                            "Llamadas de salud mental",
                        ],
                    )),
                },
            ],
            spanish: Some(Translated {
                title: "Cámaras corporales",
                summary: "En 2016, el Departamento de Policía de Shakopee recibió una subvención de \
                    $60,000 para cámaras corporales de la Oficina de Asistencia Judicial del \
                    Departamento de Justicia. La subvención ayudará al departamento a pagar 50 \
                    cámaras corporales y sus accesorios, además del equipo de almacenamiento \
                    necesario.\n\nComo parte de la subvención, la ciudad debe preparar una \
                    política de cámaras corporales. El departamento busca ahora la opinión de la \
                    comunidad sobre la política propuesta (vea abajo). Nos encantaría conocer sus \
                    ideas, inquietudes o sugerencias. Tendremos en cuenta sus comentarios al \
                    terminar nuestro borrador.",
                draft_title: "Política de cámaras corporales de la Ciudad de Shakopee — Borrador",
                draft: include_str!("demo/body-worn-camera-policy.es.md"),
            }),
        },
        now,
    )
    .await?;
    for (position, (title, url)) in [
        (
            "City of Shakopee Body Worn Camera Policy - Draft [PDF]",
            "https://www.shakopeemn.gov/home/showdocument?id=bwc-policy-draft",
        ),
        (
            "Minnesota General Records Retention Schedule [PDF]",
            "https://mn.gov/admin/assets/general-records-retention-schedule-for-cities_tcm36-207155.pdf",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let doc = Document {
            title: title.into(),
            url: url.into(),
        };
        db::topics::insert_document(conn, id, i64::try_from(position)?, &doc).await?;
    }
    let update = db::topics::insert_update(
        conn,
        id,
        None,
        "Update from April 11 City Council Meeting",
        include_str!("demo/april-11-update.md"),
        Timestamp(opens_at.0 + 3 * DAY),
    )
    .await?;
    db::topics::insert_update_translation(
        conn,
        update,
        Lang::Es,
        "Novedades de la reunión del Concejo Municipal del 11 de abril",
        include_str!("demo/april-11-update.es.md"),
    )
    .await?;
    Ok(id)
}

/// Two residents comment on the first draft, and the host publishes a
/// second that answers them: a longer hold on request, a number of days
/// for requests, a renamed section, a new one on complaints. The comments
/// that led to a change are linked to it, and one has its official
/// response saying where it landed.
async fn revise_body_worn_cameras(
    conn: &mut AnyConnection,
    topic_id: i64,
    host_id: i64,
    resident_hash: &str,
    now: Timestamp,
) -> anyhow::Result<()> {
    use pulse_api::validate::PostBody;
    use pulse_api::wire::{NewRevision, ResponseStatus, SectionNote};
    let opens_at = Timestamp(now.0 - 7 * DAY);
    let maria = account(
        conn,
        "maria@demo.pulse.example",
        "Maria Lopez",
        resident_hash,
        Role::Resident,
        opens_at,
    )
    .await?;
    let tom = account(
        conn,
        "tom@demo.pulse.example",
        "Tom Becker",
        resident_hash,
        Role::Resident,
        opens_at,
    )
    .await?;
    let version = db::topics::current_version(conn, topic_id)
        .await?
        .context("the demo's first draft")?;
    let written = Written {
        topic_id,
        version_id: version.id,
        texts: db::revisions::all_section_texts(conn, topic_id).await?,
        opens_at,
    };
    let longer = written
        .comment(
            conn,
            maria,
            "retention",
            Some("up to 180 days more"),
            "A civil case can take longer than 180 days to file. Please let people ask for a \
             year, and tell them before their recording is destroyed.",
            26,
        )
        .await?;
    let days = written
        .comment(
            conn,
            tom,
            "access-and-public-release",
            Some("answered within the time the law allows"),
            "Nobody knows what that means. Give a number of days, so people know when to \
             expect an answer.",
            30,
        )
        .await?;
    written
        .comment(
            conn,
            maria,
            "notifying-people",
            None,
            "Officers should say it when they walk up, not once things are already tense.",
            40,
        )
        .await?;
    written
        .comment(
            conn,
            tom,
            "general",
            None,
            "Thank you for asking the public before the policy is final.",
            50,
        )
        .await?;

    let topic = db::topics::find_by_id(conn, topic_id)
        .await?
        .context("the demo's topic")?;
    let host =
        db::accounts::find_by_email(conn, &Email::parse(HOST_EMAIL).map_err(anyhow::Error::msg)?)
            .await?
            .context("the demo's host")?;
    let actor = crate::policy::Actor::towards(conn, Some(host), topic_id).await?;
    let note = |text: &str, comments: Vec<i64>| SectionNote {
        note: text.to_string(),
        comments,
    };
    let revision = NewRevision {
        draft: include_str!("demo/body-worn-camera-policy.v2.md").to_string(),
        note: "After the April 11 council meeting and your comments: a recording is kept up to \
               a year longer when someone asks, and they are told before it is destroyed; \
               requests for recordings are answered within ten business days; and a new \
               section says how to complain about a recording."
            .to_string(),
        title: Some("City of Shakopee Body Worn Camera Policy — Second Draft".to_string()),
        sections: [
            (
                "retention".to_string(),
                note("You asked for more time to ask that a recording be kept: up to a year, with notice before it is destroyed.", vec![longer]),
            ),
            (
                "access-and-public-release".to_string(),
                note("You asked for a number of days: ten business days.", vec![days]),
            ),
        ]
        .into_iter()
        .collect(),
    };
    let published = Timestamp(opens_at.0 + 4 * DAY);
    // The record of the first draft and what was said of it, before the
    // second is published onto it.
    crate::services::public_record::backfill(conn, &topic).await?;
    let changes =
        crate::services::revisions::publish_on(conn, &topic, &actor, revision, Lang::En, published)
            .await
            .map_err(|e| anyhow::anyhow!("publishing the demo's second draft: {e:?}"))?;
    // The city translated the second draft too.
    let second = db::topics::current_version(conn, topic_id)
        .await?
        .context("the demo's second draft")?;
    let new_sections = sections::split(include_str!("demo/body-worn-camera-policy.v2.md"));
    let translated = topic_setup::translated_draft(
        "draft",
        &new_sections,
        include_str!("demo/body-worn-camera-policy.v2.es.md"),
    )
    .map_err(|e| anyhow::anyhow!("the demo's Spanish second draft: {e}"))?;
    db::topics::insert_version_translation(
        conn,
        second.id,
        Lang::Es,
        "Política de cámaras corporales de la Ciudad de Shakopee — Segundo borrador",
        include_str!("demo/body-worn-camera-policy.v2.es.md"),
        &translated,
    )
    .await?;
    // The host's answer says where it landed.
    let number = changes
        .sections
        .iter()
        .find(|s| s.anchor == "access-and-public-release")
        .map(|s| s.anchor.clone())
        .context("the demo's access section")?;
    let answer = PostBody::parse("Thank you: the second draft says ten business days.")
        .map_err(anyhow::Error::msg)?;
    let answered = Timestamp(published.0 + 3600);
    let response = db::comments::respond(
        conn,
        days,
        host_id,
        ResponseStatus::Adopted,
        &answer,
        Some((changes.version, &number)),
        answered,
    )
    .await?;
    let said = crate::services::public_record::PublicAct::response(
        days,
        response,
        ResponseStatus::Adopted.as_str(),
        answer.as_str(),
    );
    crate::services::public_record::append(conn, &topic, said, answered).await?;
    // The demo's residents have no mailboxes to tell.
    sqlx::query("DELETE FROM outbox WHERE kind = 'led_to_change'")
        .execute(&mut *conn)
        .await
        .context("clearing the demo's notices")?;
    Ok(())
}

/// Where the demo's comments on a first draft are written.
struct Written {
    topic_id: i64,
    version_id: i64,
    texts: std::collections::HashMap<(i64, String), String>,
    opens_at: Timestamp,
}

impl Written {
    /// A comment by `who` on `section`, quoting `quote`, `hours` after the
    /// topic opened.
    async fn comment(
        &self,
        conn: &mut AnyConnection,
        who: i64,
        section: &str,
        quote: Option<&str>,
        body: &str,
        hours: i64,
    ) -> anyhow::Result<i64> {
        use pulse_api::validate::{CommentBody, QuoteSelector};
        let quote = match quote {
            Some(words) => {
                let text = self
                    .texts
                    .get(&(self.version_id, section.to_string()))
                    .map(|t| pulse_api::markdown::to_plain_text(t))
                    .unwrap_or_default();
                Some(
                    QuoteSelector::around(&text, words)
                        .context("a demo comment's quote is not in its section")?,
                )
            }
            None => None,
        };
        let body = CommentBody::parse(body).map_err(anyhow::Error::msg)?;
        db::comments::add_to_counts(conn, &[(self.topic_id, section, 1, 0)]).await?;
        db::comments::insert(
            conn,
            db::comments::NewComment {
                topic_id: self.topic_id,
                version_id: self.version_id,
                section,
                parent_id: None,
                account_id: who,
                body: &body,
                body_html: &pulse_api::markdown::to_safe_html(body.as_str()),
                quote: quote.as_ref(),
                quote_lang: quote.as_ref().map(|_| Lang::En),
                lang: Lang::En,
                created_at: Timestamp(self.opens_at.0 + hours * 3600),
                now_status: pulse_api::wire::NowStatus::Current,
                now_section: section,
            },
        )
        .await
    }
}

async fn parks_plan(conn: &mut AnyConnection, now: Timestamp) -> anyhow::Result<()> {
    topic(
        conn,
        &Spec {
            slug: "parks-and-trails-plan",
            title: "Parks and Trails Plan 2027–2037",
            summary: "The Parks and Recreation Department is writing a ten-year plan for new \
                trails, park upgrades and how to pay for them. Read the outline now; comments \
                open soon.",
            opens_at: Timestamp(now.0 + 10 * DAY),
            closes_at: Timestamp(now.0 + 40 * DAY),
            results_rule: ResultsRule::Always,
            host: HostCard {
                name: "Jamie Polley".into(),
                role: "Parks and Recreation Director".into(),
                phone: Some("952-233-9500".into()),
                email: None,
            },
            draft_title: "Parks and Trails Plan — Outline",
            draft: include_str!("demo/parks-plan.md"),
            polls: &[DemoPoll {
                section: None,
                question: "Which project should come first?",
                kind: PollKind::Single,
                options: &[
                    "Minnesota River bluffs trail",
                    "Southbridge connector",
                    "Playground upgrades",
                ],
                spanish: None,
            }],
            spanish: None,
        },
        now,
    )
    .await?;
    Ok(())
}

async fn parking_study(conn: &mut AnyConnection, now: Timestamp) -> anyhow::Result<()> {
    topic(
        conn,
        &Spec {
            slug: "downtown-parking-study",
            title: "Downtown Parking Study",
            summary: "A study of how downtown's public parking is used, with recommendations for \
                signs and time limits. Thank you to everyone who took part.",
            opens_at: Timestamp(now.0 - 60 * DAY),
            closes_at: Timestamp(now.0 - 14 * DAY),
            results_rule: ResultsRule::AfterClose,
            host: HostCard {
                name: "Michael Kerski".into(),
                role: "Planning and Development Director".into(),
                phone: Some("952-233-9346".into()),
                email: None,
            },
            draft_title: "Downtown Parking Study — Final Draft",
            draft: include_str!("demo/parking-study.md"),
            polls: &[DemoPoll {
                section: None,
                question: "How often do you have trouble finding parking downtown?",
                kind: PollKind::Single,
                options: &["Never", "Sometimes", "Often"],
                spanish: None,
            }],
            spanish: None,
        },
        now,
    )
    .await?;
    Ok(())
}
