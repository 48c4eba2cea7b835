//! The city itself: its name, its website, and its own pages — privacy
//! notice, comment and moderation policy, accessibility statement, contact
//! — in Markdown the city writes (`--city-pages DIR`; the demo ships
//! Shakopee's). Each page is rendered to safe HTML once, at start, and
//! served at `/pages/{slug}`; every page's footer links to those that
//! exist. The city's texts are shown as written, in their one language.

use crate::config::Config;
use anyhow::Context;
use pulse_api::markdown::to_safe_html;
use pulse_api::wire::CITY_PAGES;

const DEMO: [(&str, &str); 4] = [
    ("privacy", include_str!("demo/pages/privacy.md")),
    (
        "comment-policy",
        include_str!("demo/pages/comment-policy.md"),
    ),
    ("accessibility", include_str!("demo/pages/accessibility.md")),
    ("contact", include_str!("demo/pages/contact.md")),
];

/// One of the city's pages, rendered.
pub struct CityPage {
    pub slug: &'static str,
    /// Its first `# heading`, if it has one.
    pub title: Option<String>,
    pub html: String,
}

/// The city as every page shows it.
pub struct City {
    pub name: String,
    pub website: Option<String>,
    pub pages: Vec<CityPage>,
    pub logo: Option<Logo>,
}

/// The city's logo, read once at start and served at [`LOGO_PATH`].
pub struct Logo {
    pub content_type: &'static str,
    pub bytes: axum::body::Bytes,
}

/// Where the logo is served.
pub const LOGO_PATH: &str = "/city/logo";

/// The largest logo accepted: it is in every page's header.
const LOGO_MAX_BYTES: usize = 256 * 1024;

impl Logo {
    /// Reads `path`, refusing with a sentence that names the file anything
    /// but a PNG, JPEG, WebP or SVG image of at most 256 KB.
    fn read(path: &std::path::Path) -> anyhow::Result<Logo> {
        let shown = path.display();
        let bytes = std::fs::read(path).with_context(|| format!("reading --city-logo {shown}"))?;
        if bytes.len() > LOGO_MAX_BYTES {
            anyhow::bail!(
                "--city-logo {shown} is {} KB; a logo can be at most {} KB",
                bytes.len() / 1024,
                LOGO_MAX_BYTES / 1024
            );
        }
        let text_start = String::from_utf8_lossy(&bytes[..bytes.len().min(512)])
            .trim_start_matches('\u{feff}')
            .trim_start()
            .to_ascii_lowercase();
        let content_type = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            "image/jpeg"
        } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            "image/webp"
        } else if text_start.starts_with("<svg")
            || text_start.starts_with("<?xml") && text_start.contains("<svg")
        {
            "image/svg+xml"
        } else {
            anyhow::bail!("--city-logo {shown} is not a PNG, JPEG, WebP or SVG image");
        };
        Ok(Logo {
            content_type,
            bytes: bytes.into(),
        })
    }
}

impl City {
    /// Where a person reaches the city: its contact page on this `site`,
    /// else its own website, else this site.
    pub fn contact(&self, site: &str) -> String {
        if self.pages.iter().any(|p| p.slug == "contact") {
            format!("{site}/pages/contact")
        } else {
            self.website.clone().unwrap_or_else(|| site.to_string())
        }
    }

    /// Reads the city's pages from `--city-pages` (a page whose file is
    /// missing is left out), else the demo's with `--demo`, else none.
    pub fn load(config: &Config) -> anyhow::Result<City> {
        let mut pages = Vec::new();
        for (slug, _) in CITY_PAGES {
            let source = match &config.city_pages {
                Some(dir) => {
                    let path = dir.join(format!("{slug}.md"));
                    match std::fs::read_to_string(&path) {
                        Ok(text) => Some(text),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                        Err(e) => {
                            return Err(e).with_context(|| format!("reading {}", path.display()));
                        }
                    }
                }
                None if config.demo => DEMO
                    .iter()
                    .find(|(s, _)| *s == slug)
                    .map(|(_, text)| (*text).to_string()),
                None => None,
            };
            if let Some(source) = source {
                let title = source.lines().find_map(|line| {
                    line.strip_prefix("# ")
                        .map(|t| t.trim().to_string())
                        .filter(|t| !t.is_empty())
                });
                pages.push(CityPage {
                    slug,
                    title,
                    html: to_safe_html(&source),
                });
            }
        }
        Ok(City {
            name: config.mail.city.clone(),
            website: config.city_website.clone().or_else(|| {
                config
                    .demo
                    .then(|| "https://www.shakopeemn.gov".to_string())
            }),
            pages,
            logo: config.city_logo.as_deref().map(Logo::read).transpose()?,
        })
    }

    pub fn page(&self, slug: &str) -> Option<&CityPage> {
        self.pages.iter().find(|p| p.slug == slug)
    }

    /// What the app needs to draw the footer, for `<head>`: the city's
    /// name, website and pages (read by `app/src/city.rs`).
    pub fn meta(&self) -> String {
        pulse_app::ssr::city_meta(&self.for_app())
    }

    /// The city as the app's components draw it, in the header and
    /// footer of every page the server renders.
    pub fn for_app(&self) -> pulse_app::city::City {
        pulse_app::city::City {
            name: self.name.clone(),
            website: self.website.clone(),
            pages: self.pages.iter().map(|p| p.slug.to_string()).collect(),
            logo: self.logo.as_ref().map(|_| LOGO_PATH.to_string()),
        }
    }

    /// Serves the logo, cached a day by browsers.
    pub fn logo_router<S: Clone + Send + Sync + 'static>(&self) -> axum::Router<S> {
        use axum::http::header;
        use axum::response::IntoResponse;
        let Some(logo) = &self.logo else {
            return axum::Router::new();
        };
        let (content_type, bytes) = (logo.content_type, logo.bytes.clone());
        axum::Router::new().route(
            LOGO_PATH,
            axum::routing::get(move || async move {
                (
                    [
                        (header::CONTENT_TYPE, content_type),
                        (header::CACHE_CONTROL, "public, max-age=86400"),
                    ],
                    bytes.clone(),
                )
                    .into_response()
            }),
        )
    }
}
