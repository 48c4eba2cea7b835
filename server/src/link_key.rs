//! The key that signs unsubscribe links. A notice's link is
//! `/unsubscribe/{id}-{mac}`: the subscription's id, and an HMAC-SHA256 of
//! it under a key made once, at the first start, and kept in the database
//! (`settings`), so that every instance, a backup and a copy of it agree.
//! No link is stored: a copy of the subscriptions table unsubscribes no
//! one, and a link cannot be forged without the key.
//!
//! Links mailed before the key existed carried a random secret stored
//! with the subscription (64 hex digits); those still work. Subscriptions
//! made since store a value no link can name (`hmac:…`, never hex).

pub use crate::db::subscriptions::Named;
use crate::db::{self, Db};
use anyhow::Context;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const SETTING: &str = "unsubscribe_link_key";

/// The key, as loaded at start-up.
#[derive(Clone)]
pub struct LinkKey([u8; 32]);

impl LinkKey {
    /// The installation's key, made now if there is none yet (by whichever
    /// instance gets there first; the others read it).
    pub async fn load(db: &Db) -> anyhow::Result<LinkKey> {
        let mut tx = db.write().await?;
        let fresh = crate::session::new_token().map_err(|e| anyhow::anyhow!("{e:?}"))?;
        db::settings::insert_once(&mut tx, SETTING, &fresh).await?;
        let stored = db::settings::value(&mut tx, SETTING)
            .await?
            .context("the unsubscribe link key is missing")?;
        db::commit(tx).await?;
        LinkKey::from_hex(&stored).context("the unsubscribe link key is not 64 hex digits")
    }

    fn from_hex(text: &str) -> Option<LinkKey> {
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let mut key = [0u8; 32];
        for (i, pair) in bytes.chunks(2).enumerate() {
            let pair = std::str::from_utf8(pair).ok()?;
            key[i] = u8::from_str_radix(pair, 16).ok()?;
        }
        Some(LinkKey(key))
    }

    fn mac(&self, id: i64) -> Hmac<Sha256> {
        // Any key length is accepted by HMAC.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(b"pulse unsubscribe ");
        mac.update(id.to_string().as_bytes());
        mac
    }

    /// The unsubscribe link's token for subscription `id`.
    pub fn token(&self, id: i64) -> String {
        let tag = self.mac(id).finalize().into_bytes();
        let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        format!("{id}-{hex}")
    }

    /// What `token` names, if it is a link Pulse made: checked in constant
    /// time, so a guess learns nothing from how long the answer takes.
    pub fn read(&self, token: &str) -> Option<Named> {
        let hex = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
        if hex(token) {
            return Some(Named::Legacy(token.to_string()));
        }
        let (id, tag) = token.split_once('-')?;
        if id.is_empty() || id.len() > 19 || !id.bytes().all(|b| b.is_ascii_digit()) || !hex(tag) {
            return None;
        }
        let id: i64 = id.parse().ok()?;
        let tag: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&tag[2 * i..2 * i + 2], 16))
            .collect::<Result<_, _>>()
            .ok()?;
        self.mac(id).verify_slice(&tag).ok()?;
        Some(Named::Subscription(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_link_names_its_subscription_and_nothing_else() {
        let key = LinkKey([7; 32]);
        let token = key.token(42);
        assert!(token.starts_with("42-"), "{token}");
        assert_eq!(key.read(&token), Some(Named::Subscription(42)));
        // Another id with the same tag, another key, a changed tag.
        let tag = token.trim_start_matches("42-");
        assert_eq!(key.read(&format!("43-{tag}")), None);
        assert_eq!(LinkKey([8; 32]).read(&token), None);
        let mut changed = token.clone();
        changed.pop();
        changed.push(if token.ends_with('0') { '1' } else { '0' });
        assert_eq!(key.read(&changed), None);
        for junk in ["", "-", "42-", "x-00", "hmac:abc", "-1-ab", "42-zz"] {
            assert_eq!(key.read(junk), None, "{junk}");
        }
        let legacy = "a".repeat(64);
        assert_eq!(key.read(&legacy), Some(Named::Legacy(legacy.clone())));
    }
}
