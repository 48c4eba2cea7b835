//! `pulse verify --url`: a topic's public record checked from outside, as
//! anyone could, with nothing but its public address — every entry's
//! place, link and hash, the content of each entry public now (an earlier
//! text of an edited comment, a hidden or withdrawn one, is checked by its
//! hash alone), the heads Pulse published, and a receipt if one is given.
//! The encoding is `record.rs`'s (docs/record.md).

use crate::record::{self, GENESIS, Stored};
use anyhow::{Context, anyhow, bail};
use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use pulse_api::wire::{RecordPage, parse_receipt};
use std::sync::Arc;
use std::time::Duration;

/// Most bytes a page of the record may take (500 entries of long comments).
const PAGE_BYTES: usize = 32 * 1024 * 1024;

/// Where a topic's record is: the site and the topic.
struct Address {
    https: bool,
    host: String,
    port: u16,
    /// The site's path before `/topics/` (empty at the root).
    prefix: String,
    slug: String,
}

fn address(url: &str) -> anyhow::Result<Address> {
    let (https, rest) = if let Some(rest) = url.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        (false, rest)
    } else {
        bail!("give the topic's address as https://…/topics/SLUG");
    };
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || port.parse::<u16>().is_ok() => (
            host.to_string(),
            port.parse::<u16>()
                .map_err(|_| anyhow!("{port:?} is not a port"))?,
        ),
        _ => (authority.to_string(), if https { 443 } else { 80 }),
    };
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let Some((prefix, topic)) = format!("/{path}")
        .rsplit_once("/topics/")
        .map(|(p, t)| (p.to_string(), t.to_string()))
    else {
        bail!("{url} is not a topic's address: it has no /topics/SLUG");
    };
    let slug = topic
        .split('/')
        .next()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| anyhow!("{url} names no topic after /topics/"))?
        .to_string();
    if host.is_empty() {
        bail!("{url} names no site");
    }
    Ok(Address {
        https,
        host,
        port,
        prefix: prefix.trim_end_matches('/').to_string(),
        slug,
    })
}

/// Reads `path` from the site: its body, or why not.
async fn get(site: &Address, path: &str) -> anyhow::Result<Bytes> {
    let tcp = tokio::net::TcpStream::connect((site.host.as_str(), site.port))
        .await
        .with_context(|| format!("connecting to {}:{}", site.host, site.port))?;
    let request = hyper::Request::get(path)
        .header(hyper::header::HOST, &site.host)
        .header(hyper::header::ACCEPT, "application/json")
        .header(hyper::header::USER_AGENT, "pulse verify")
        .body(Empty::<Bytes>::new())
        .context("making the request")?;
    let response = if site.https {
        let mut roots = tokio_rustls::rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(Arc::new(
            tokio_rustls::rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .context("setting up TLS")?
        .with_root_certificates(roots)
        .with_no_client_auth();
        let name = tokio_rustls::rustls::pki_types::ServerName::try_from(site.host.clone())
            .with_context(|| format!("{} is not a host name", site.host))?;
        let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .with_context(|| format!("TLS with {}", site.host))?;
        send(TokioIo::new(tls), request).await?
    } else {
        send(TokioIo::new(tcp), request).await?
    };
    let status = response.status();
    let body = Limited::new(response.into_body(), PAGE_BYTES)
        .collect()
        .await
        .map_err(|e| anyhow!("reading {path}: {e}"))?
        .to_bytes();
    if !status.is_success() {
        let said: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let detail = said["detail"].as_str().unwrap_or_default();
        bail!("{path} answered {status} {detail}");
    }
    Ok(body)
}

async fn send<T>(
    io: TokioIo<T>,
    request: hyper::Request<Empty<Bytes>>,
) -> anyhow::Result<hyper::Response<hyper::body::Incoming>>
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io)
        .await
        .context("speaking HTTP")?;
    tokio::spawn(connection);
    tokio::time::timeout(Duration::from_secs(60), sender.send_request(request))
        .await
        .context("the site did not answer within a minute")?
        .context("asking for the record")
}

/// Checks the record at `url` (a topic's address) from outside, and that
/// `receipt` (`N:HASH`) is in it: a one-line summary, or an error naming
/// the first position that does not hold.
pub async fn verify(url: &str, receipt: Option<&str>) -> anyhow::Result<String> {
    let site = address(url)?;
    let receipt = receipt
        .map(|r| {
            parse_receipt(r)
                .ok_or_else(|| anyhow!("a receipt is POSITION:HASH, as its holder was given it"))
        })
        .transpose()?;
    let slug = &site.slug;
    let mut prev = GENESIS.to_string();
    let (mut position, mut with_content) = (0i64, 0);
    let mut hashes: Vec<String> = Vec::new();
    let mut published = Vec::new();
    let head = loop {
        let path = format!(
            "{}/api/v1/topics/{}/record?after={position}&limit=500",
            site.prefix,
            pulse_api::links::encode_component(slug)
        );
        let page: RecordPage = serde_json::from_slice(&get(&site, &path).await?)
            .with_context(|| format!("{path} is not a page of a record"))?;
        if page.topic != *slug {
            bail!("{path} is the record of {:?}, not {slug:?}", page.topic);
        }
        for e in &page.entries {
            record::check(slug, position + 1, &prev, Stored::from(e))
                .map_err(|why| anyhow!("{slug}: entry {}: {why}", position + 1))?;
            position = e.position;
            with_content += usize::from(e.content.is_some());
            prev.clone_from(&e.hash);
            hashes.push(e.hash.clone());
        }
        if published.is_empty() {
            published = page.published;
        }
        match page.next {
            Some(next) if next == position && !page.entries.is_empty() => {}
            Some(next) => bail!("{slug}: the record's next page after {position} is {next}"),
            None => break page.head,
        }
    };
    match &head {
        Some(h) if h.position != position || h.hash != prev => {
            bail!("{slug}: entry {position}: the record's head is not its last entry")
        }
        None if position > 0 => bail!("{slug}: the record has entries but no head"),
        _ => {}
    }
    let at = |n: i64| {
        usize::try_from(n - 1)
            .ok()
            .and_then(|i| hashes.get(i))
            .cloned()
    };
    for h in &published {
        if at(h.position).as_deref() != Some(h.hash.as_str()) {
            bail!(
                "{slug}: entry {}: it is not the head published on {}",
                h.position,
                pulse_api::Timestamp(h.at)
            );
        }
    }
    let mut said = format!(
        "the record of {slug} holds: {position} entries ({with_content} with their content), \
         {} heads published",
        published.len()
    );
    if let Some((n, hash)) = receipt {
        if at(n).as_deref() != Some(hash.as_str()) {
            bail!("receipt {n} is not in the record of {slug}");
        }
        said.push_str(&format!("; receipt {n} stands in it"));
    }
    Ok(said)
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn a_topics_address_names_its_site_and_slug() {
        let a = address("https://pulse.city.example/topics/body-worn-cameras").unwrap();
        assert!(a.https);
        assert_eq!((a.host.as_str(), a.port), ("pulse.city.example", 443));
        assert_eq!(
            (a.prefix.as_str(), a.slug.as_str()),
            ("", "body-worn-cameras")
        );
        let b = address("http://127.0.0.1:8080/civic/topics/snow/record?x=1").unwrap();
        assert_eq!((b.host.as_str(), b.port), ("127.0.0.1", 8080));
        assert_eq!((b.prefix.as_str(), b.slug.as_str()), ("/civic", "snow"));
        for bad in [
            "ftp://x/topics/a",
            "https://x/",
            "https://x/topics/",
            "https://:80/topics/a",
        ] {
            assert!(address(bad).is_err(), "{bad}");
        }
    }
}
