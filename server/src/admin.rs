//! `pulse admin`: what an operator does at the shell to set a city up —
//! accounts, hosts, topics. Each command is one transaction with its audit
//! row (the actor is "pulse admin (command line)"); an error changes nothing.

use crate::dates::human_time;
use crate::db::{self, Db};
use crate::policy::Actor;
use crate::services::topic_setup::{self, HostChange};
use crate::services::{Act, public_record, record};
use crate::{clock, password};
use anyhow::{Context, bail};
use pulse_api::i18n::Lang;
use pulse_api::validate::{DisplayName, Email, Password};
use pulse_api::wire::{Account, NewTopic, Role};
use std::io::Read;
use std::path::Path;

/// Creates an account; prints the generated password once unless one came
/// on standard input.
pub async fn create_account(
    db: &Db,
    email: &str,
    name: &str,
    admin: bool,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let name = DisplayName::parse(name).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
    let (password, generated) = if password_stdin {
        (password_from_stdin()?, false)
    } else {
        (password::generate()?, true)
    };
    let checked = Password::parse(&password).map_err(|e| anyhow::anyhow!("password: {e}"))?;
    let hash = password::hash_password(checked)
        .await
        .map_err(|e| anyhow::anyhow!("hashing the password: {e:?}"))?;
    let now = clock::now();
    let mut tx = db.write().await?;
    let created = db::accounts::create(
        &mut tx,
        db::accounts::NewAccount {
            email: &email,
            display_name: &name,
            password_hash: &hash,
            role: if admin { Role::Admin } else { Role::Resident },
            lang: pulse_api::i18n::Lang::En,
            created_at: now.0,
        },
    )
    .await?;
    if let db::accounts::Created::EmailTaken = created {
        bail!(
            "an account with the email address {} exists already",
            email.as_str()
        );
    }
    let action = if admin {
        "create_admin"
    } else {
        "create_account"
    };
    record(
        &mut tx,
        &Actor::command_line(),
        Act::new(action).subject(email.as_str()),
        now,
    )
    .await?;
    db::commit(tx).await?;
    let role = if admin { "admin" } else { "account" };
    println!("created {role} {} ({})", email.as_str(), name.as_str());
    if generated {
        println!("password (shown once; keep it safe): {password}");
    }
    Ok(())
}

/// A password as given on standard input, without its line's end.
fn password_from_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("reading the password from standard input")?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    Ok(text.strip_suffix('\r').unwrap_or(text).to_string())
}

/// Grants (or revokes) hosting of a topic to an existing account.
pub async fn set_host(db: &Db, slug: &str, email: &str, grant: bool) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let mut tx = db.write().await?;
    match topic_setup::set_host(
        &mut tx,
        slug,
        &email,
        grant,
        &Actor::command_line(),
        clock::now(),
    )
    .await?
    {
        HostChange::Done => {}
        HostChange::NoTopic => {
            bail!("there is no topic with the slug {slug:?} (see pulse admin list-topics)")
        }
        HostChange::NoAccount => bail!(
            "there is no account with the email address {} (create it with pulse admin create-account)",
            email.as_str()
        ),
        HostChange::Unchanged => bail!(
            "{} {} a host of {slug} already",
            email.as_str(),
            if grant { "is" } else { "is not" }
        ),
    }
    db::commit(tx).await?;
    println!(
        "{} {} host of {slug}",
        email.as_str(),
        if grant { "is now a" } else { "is no longer a" }
    );
    Ok(())
}

/// Reads a topic file (TOML; see docs/topic.example.toml): the same fields
/// as `POST /api/v1/topics`, except that the draft is `draft_file`, a path
/// to a Markdown file, relative to the topic file.
pub fn read_topic_file(path: &Path) -> anyhow::Result<NewTopic> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the topic file {}", path.display()))?;
    let table: toml::Table = toml::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{} is not valid TOML: {e}", path.display()))?;
    let mut json = toml_to_json(toml::Value::Table(table));
    let Some(object) = json.as_object_mut() else {
        bail!("{} must be a table of fields", path.display());
    };
    if object.contains_key("draft") {
        bail!("draft: in a topic file, give the draft as draft_file, a path to a Markdown file");
    }
    let Some(serde_json::Value::String(draft_file)) = object.remove("draft_file") else {
        bail!("draft_file: give the path of the draft's Markdown file");
    };
    let here = path.parent().unwrap_or_else(|| Path::new("."));
    let draft = read_draft(here, "draft_file", &draft_file)?;
    object.insert("draft".into(), serde_json::Value::String(draft));
    // `[translations.es]`: its draft too is a file, if it has one.
    if let Some(serde_json::Value::Object(translations)) = object.get_mut("translations") {
        for (lang, translation) in translations.iter_mut() {
            let Some(fields) = translation.as_object_mut() else {
                continue;
            };
            let field = format!("translations.{lang}.draft_file");
            if fields.contains_key("draft") {
                bail!("translations.{lang}.draft: in a topic file, give it as {field}");
            }
            match fields.remove("draft_file") {
                None => {}
                Some(serde_json::Value::String(file)) => {
                    let draft = read_draft(here, &field, &file)?;
                    fields.insert("draft".into(), serde_json::Value::String(draft));
                }
                Some(_) => bail!("{field}: give the path of the translated draft's Markdown file"),
            }
        }
    }
    serde_json::from_value(json).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// A draft's Markdown, from `file` relative to the topic file's folder.
fn read_draft(folder: &Path, field: &str, file: &str) -> anyhow::Result<String> {
    let draft_path = folder.join(file);
    std::fs::read_to_string(&draft_path).with_context(|| {
        format!(
            "{field}: reading the draft {} (relative to the topic file)",
            draft_path.display()
        )
    })
}

/// TOML's values as JSON's; a TOML date-time becomes its RFC 3339 text.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => J::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

pub async fn create_topic(db: &Db, file: &Path) -> anyhow::Result<()> {
    let new = read_topic_file(file)?;
    let valid = topic_setup::validate(new).map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = clock::now();
    let mut tx = db.write().await?;
    let Some(_) = topic_setup::create(&mut tx, &valid, &Actor::command_line(), now).await? else {
        bail!(
            "slug: a topic called {:?} exists already; choose another slug",
            valid.topic.slug
        );
    };
    db::commit(tx).await?;
    let t = &valid.topic;
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    println!(
        "created topic {} ({}), {}, {}; open {} to {}",
        t.slug,
        t.title,
        count(valid.sections.len(), "section", "sections"),
        count(t.polls.len(), "poll", "polls"),
        human_time(t.opens_at, &t.time_zone),
        human_time(t.closes_at, &t.time_zone)
    );
    for translation in &valid.translations {
        println!(
            "translated into {}: {}{}",
            translation.lang.code(),
            translation.title,
            if translation.draft.is_some() {
                ", with its draft"
            } else {
                ""
            }
        );
    }
    println!(
        "name its host with: pulse admin grant-host --topic {} --email …",
        t.slug
    );
    Ok(())
}

/// Publishes the next version of a topic's draft from a Markdown file.
pub async fn publish_revision(
    db: &Db,
    slug: &str,
    file: &Path,
    note: String,
    title: Option<String>,
    sections: Option<&Path>,
) -> anyhow::Result<()> {
    let draft = std::fs::read_to_string(file)
        .with_context(|| format!("reading the draft {}", file.display()))?;
    let sections = match sections {
        None => Default::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let table: toml::Value =
                toml::from_str(&text).with_context(|| format!("reading {}", path.display()))?;
            serde_json::from_value(toml_to_json(table))
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
    };
    let revision = pulse_api::wire::NewRevision {
        draft,
        note,
        title,
        sections,
    };
    let now = clock::now();
    let mut tx = db.write().await?;
    let english = |error: crate::error::ApiError| match error {
        crate::error::ApiError::Internal(error) | crate::error::ApiError::Unavailable(error) => {
            error
        }
        refused => anyhow::anyhow!("{}", refused.refusal(Lang::En).summary),
    };
    let topic = crate::services::find_any_topic(&mut tx, slug)
        .await
        .map_err(english)?;
    let changes = crate::services::revisions::publish_on(
        &mut tx,
        &topic,
        &Actor::command_line(),
        revision,
        Lang::En,
        now,
    )
    .await
    .map_err(english)?;
    db::commit(tx).await?;
    let changed = changes
        .sections
        .iter()
        .filter(|s| s.change != pulse_api::wire::SectionChange::Unchanged)
        .count();
    println!(
        "published version {} of {slug}: {changed} of {} sections changed, {} removed",
        changes.version,
        changes.sections.len(),
        changes.removed.len()
    );
    Ok(())
}

pub async fn list_topics(db: &Db) -> anyhow::Result<()> {
    let now = clock::now();
    let mut conn = db.read().await?;
    let topics = db::topics::list(&mut conn, true).await?;
    if topics.is_empty() {
        println!("no topics yet (create one with pulse admin create-topic --file …)");
        return Ok(());
    }
    for (topic, comments) in topics {
        let hosts = db::hosts::of_topic(&mut conn, topic.id).await?;
        println!(
            "{slug}\t{status}\t{opens} – {closes}\t{comments} comments\thosts: {hosts}\t{title}",
            slug = topic.slug,
            status = if topic.published {
                topic.status(now).label()
            } else {
                "Unpublished"
            },
            opens = topic.opens_at,
            closes = topic.closes_at,
            hosts = if hosts.is_empty() {
                "none".to_string()
            } else {
                hosts.join(", ")
            },
            title = topic.title,
        );
    }
    Ok(())
}

/// `pulse verify`: every public topic's record (or one's) checked; a line
/// for the whole when all hold, else a line for each topic that does not
/// and a failure.
pub async fn verify(db: &Db, only: Option<&str>, receipt: Option<&str>) -> anyhow::Result<()> {
    let mut conn = db.read().await?;
    let topics = match only {
        Some(slug) => match db::topics::find(&mut conn, slug).await? {
            Some(topic) => vec![topic],
            None => bail!("no topic has the slug {slug:?}"),
        },
        None => db::topics::list(&mut conn, false)
            .await?
            .into_iter()
            .map(|(topic, _)| topic)
            .collect(),
    };
    let (mut held, mut entries, mut broken) = (0, 0, 0);
    for topic in &topics {
        match public_record::verify(&mut conn, topic).await? {
            Ok(count) => {
                held += 1;
                entries += count;
            }
            Err(at) => {
                broken += 1;
                eprintln!("{}: entry {}: {}", topic.slug, at.position, at.why);
            }
        }
    }
    if broken > 0 {
        bail!(
            "the record of {broken} topic{} does not hold (of {})",
            if broken == 1 { "" } else { "s" },
            topics.len()
        );
    }
    println!(
        "the record holds: {held} topic{}, {entries} entries",
        if held == 1 { "" } else { "s" }
    );
    if let (Some(receipt), [topic]) = (receipt, topics.as_slice()) {
        let Some((position, hash)) = receipt
            .split_once(':')
            .and_then(|(p, h)| Some((p.trim().parse::<i64>().ok()?, h.trim())))
        else {
            bail!("a receipt is POSITION:HASH, as the comment's author was given it");
        };
        let found = db::record::entries(&mut conn, topic.id, position - 1, 1).await?;
        match found.first() {
            Some(entry) if entry.position == position && entry.hash == hash => {
                println!("receipt {position} stands in the record of {}", topic.slug);
            }
            _ => bail!("receipt {position} is not in the record of {}", topic.slug),
        }
    }
    Ok(())
}

/// `pulse admin list-accounts`: every account not deleted, a line each.
pub async fn list_accounts(db: &Db) -> anyhow::Result<()> {
    let mut conn = db.read().await?;
    let accounts = db::accounts::list_all(&mut conn).await?;
    if accounts.is_empty() {
        println!("no accounts yet (create one with pulse admin create-account …)");
    }
    for a in accounts {
        println!(
            "{email}\t{role}\t{confirmed}\tsince {since}\thosts: {hosts}\t{name}",
            email = a.email,
            role = a.role,
            confirmed = if a.email_verified {
                "confirmed"
            } else {
                "unconfirmed"
            },
            since = pulse_api::Timestamp(a.created_at),
            hosts = if a.hosts.is_empty() {
                "none"
            } else {
                a.hosts.as_str()
            },
            name = a.display_name,
        );
    }
    Ok(())
}

/// The account with `email`, or an error that says there is none.
async fn account(conn: &mut sqlx::AnyConnection, email: &Email) -> anyhow::Result<Account> {
    db::accounts::find_by_email(conn, email)
        .await?
        .with_context(|| {
            format!(
                "there is no account with the email address {} (see pulse admin list-accounts)",
                email.as_str()
            )
        })
}

/// `pulse admin reset-password`: a single-use link to choose a new password,
/// printed for the operator to hand over (it works for `valid_hours`), or
/// with `--password-stdin` the new password set at once. Either way, when
/// the password is set every session of the account ends.
pub async fn reset_password(
    db: &Db,
    email: &str,
    public_url: Option<&str>,
    valid_hours: i64,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let now = clock::now();
    if password_stdin {
        let text = password_from_stdin()?;
        let checked = Password::parse(&text).map_err(|e| anyhow::anyhow!("password: {e}"))?;
        let hash = password::hash_password(checked)
            .await
            .map_err(|e| anyhow::anyhow!("hashing the password: {e:?}"))?;
        let mut tx = db.write().await?;
        let found = account(&mut tx, &email).await?;
        db::accounts::set_password(&mut tx, found.id, &hash).await?;
        let ended = db::accounts::end_all_sessions(&mut tx, found.id).await?;
        db::tokens::void_tokens(&mut tx, found.id, db::tokens::Purpose::Reset, now).await?;
        let act = Act::new("reset_password").subject(email.as_str());
        record(&mut tx, &Actor::command_line(), act, now).await?;
        db::commit(tx).await?;
        println!(
            "the password of {} is set; {ended} session{} ended",
            email.as_str(),
            if ended == 1 { "" } else { "s" }
        );
        return Ok(());
    }
    if !(1..=24 * 7).contains(&valid_hours) {
        bail!("--valid-hours: from 1 to 168 (a week)");
    }
    let token = crate::session::new_token().map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let mut tx = db.write().await?;
    let found = account(&mut tx, &email).await?;
    db::tokens::insert_token(
        &mut tx,
        db::tokens::NewToken {
            token_hash: &crate::session::hash_token(&token),
            purpose: db::tokens::Purpose::Reset,
            account_id: Some(found.id),
            subscription_id: None,
            email: &found.email,
            expires_at: pulse_api::Timestamp(now.0 + valid_hours * 3600),
        },
        now,
    )
    .await?;
    let act = Act::new("reset_password").subject(email.as_str());
    record(&mut tx, &Actor::command_line(), act, now).await?;
    db::commit(tx).await?;
    let path = format!("/reset-password?token={token}");
    match public_url {
        Some(site) => println!("{}{path}", site.trim_end_matches('/')),
        None => println!("{path}  (after the site's address; or give --public-url)"),
    }
    println!(
        "it works once, for {valid_hours} hour{}; give it only to {}",
        if valid_hours == 1 { "" } else { "s" },
        email.as_str()
    );
    Ok(())
}

/// `pulse admin delete-account`: the same as a resident deleting their own
/// account — its address, name and password erased, its sessions,
/// subscriptions and mail ended — its comments kept under "Former
/// participant", or withdrawn with their texts erased.
pub async fn delete_account(db: &Db, email: &str, withdraw: bool) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let now = clock::now();
    let mut tx = db.write().await?;
    let found = account(&mut tx, &email).await?;
    if withdraw {
        public_record::erase_author(&mut tx, found.id, now).await?;
    }
    db::accounts::delete(&mut tx, found.id, withdraw, now.0).await?;
    let act = Act::new("delete_account").subject(email.as_str());
    record(&mut tx, &Actor::command_line(), act, now).await?;
    db::commit(tx).await?;
    println!(
        "deleted the account of {}; its comments {}",
        email.as_str(),
        if withdraw {
            "are withdrawn and their texts erased"
        } else {
            "stay, under \"Former participant\""
        }
    );
    Ok(())
}
