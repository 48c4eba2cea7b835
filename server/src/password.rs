//! Passwords: hashed with argon2id off the async runtime, checked the same
//! way, and a hash nobody's password matches for unknown addresses.

use crate::error::Result;
use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use pulse_api::i18n::Msg;
use pulse_api::validate::Password;

/// A hash of a random password nobody knows, made once per process.
pub async fn dummy_hash() -> Result<String> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    let hash = DUMMY
        .get_or_try_init(|| async {
            let mut secret = [0u8; 24];
            getrandom::fill(&mut secret)
                .map_err(|e| anyhow::anyhow!("reading random bytes: {e}"))?;
            let password = Password::parse(&format!("{secret:?}")).map_err(anyhow::Error::msg)?;
            hash_password(password).await
        })
        .await?;
    Ok(hash.clone())
}

pub async fn hash_password(password: Password) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| anyhow::anyhow!("reading random bytes for a salt: {e}"))?;
    let hash = tokio::task::spawn_blocking(move || -> anyhow::Result<String> {
        let salt =
            SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("encoding a salt: {e}"))?;
        let hash = Argon2::default()
            .hash_password(password.as_str().as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
        Ok(hash.to_string())
    })
    .await
    .context("joining the hashing task")??;
    Ok(hash)
}

pub async fn verify_password(password: String, hash: String) -> Result<bool> {
    let matches = tokio::task::spawn_blocking(move || -> anyhow::Result<bool> {
        let parsed =
            PasswordHash::new(&hash).map_err(|e| anyhow::anyhow!("reading a stored hash: {e}"))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .context("joining the verifying task")??;
    Ok(matches)
}

/// A password for an account made at the command line: 20 characters from
/// an alphabet without look-alikes (56 letters and digits, about 116 bits).
pub fn generate() -> anyhow::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    // Bytes at or past the last whole multiple of the alphabet are skipped,
    // so every character is equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    let mut out = String::with_capacity(20);
    while out.len() < 20 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("reading random bytes: {e}"))?;
        for b in bytes.iter().map(|b| usize::from(*b)).filter(|b| *b < limit) {
            if out.len() < 20 {
                out.push(char::from(ALPHABET[b % ALPHABET.len()]));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[tokio::test]
    async fn passwords_are_stored_as_argon2id_hashes_and_checked_against_them() {
        let password = "correct horse battery";
        let hash = hash_password(Password::parse(password).unwrap())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains(password));
        assert!(
            verify_password(password.into(), hash.clone())
                .await
                .unwrap()
        );
        assert!(
            !verify_password("wrong horse battery".into(), hash)
                .await
                .unwrap()
        );
        let dummy = dummy_hash().await.unwrap();
        assert!(!verify_password(password.into(), dummy).await.unwrap());
    }
}

/// Passwords too common to allow, shipped with Pulse (see the file).
const COMMON: &str = include_str!("common-passwords.txt");

/// Why `password` would be too easy to guess, if it would: it is on the
/// list of common passwords, one character repeated, or mostly the
/// account's own address or name (NIST SP 800-63B, 5.1.1.2).
pub fn too_easy(password: &str, email: &str, name: &str) -> Option<Msg> {
    let lower = password.to_lowercase();
    let listed = COMMON
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|common| common == lower);
    if listed {
        return Some(Msg::PasswordCommon);
    }
    let mut chars = lower.chars();
    if let Some(first) = chars.next()
        && chars.all(|c| c == first)
    {
        return Some(Msg::PasswordRepeated);
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    let name: String = name.to_lowercase().split_whitespace().collect();
    let own = [local.as_str(), name.as_str()]
        .into_iter()
        .filter(|part| part.chars().count() >= 4)
        .any(|part| lower.contains(part) && part.chars().count() * 2 >= lower.chars().count());
    if own {
        return Some(Msg::PasswordOwnWords);
    }
    None
}

#[cfg(test)]
mod common_tests {
    use super::too_easy;

    #[test]
    fn common_repeated_and_own_passwords_are_refused() {
        assert!(too_easy("Password123", "ana@example.org", "Ana").is_some());
        assert!(too_easy("QWERTYUIOP", "ana@example.org", "Ana").is_some());
        assert!(too_easy("zzzzzzzzzzzz", "ana@example.org", "Ana").is_some());
        assert!(too_easy("anabanana2026", "anabanana@example.org", "Ana").is_some());
        assert!(too_easy("correct horse battery", "ana@example.org", "Ana").is_none());
        assert!(too_easy("a new long passphrase", "ana@example.org", "Ana Banana").is_none());
    }
}
