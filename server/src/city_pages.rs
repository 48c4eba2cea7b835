//! The city itself: its name, its website, and its own pages — privacy
//! notice, comment and moderation policy, accessibility statement, contact
//! — in Markdown the city writes (`--city-pages DIR`; the demo ships
//! Shakopee's). Each page is rendered to safe HTML once, at start, and
//! served at `/pages/{slug}`; every page's footer links to those that
//! exist. The city's texts are shown as written, in their one language.

use crate::config::Config;
use anyhow::Context;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::markdown::{escape_html as esc, to_safe_html};
use pulse_api::wire::{CITY_PAGES, city_page_name};

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
        })
    }

    pub fn page(&self, slug: &str) -> Option<&CityPage> {
        self.pages.iter().find(|p| p.slug == slug)
    }

    /// What the app needs to draw the footer, for `<head>`: the city's
    /// name, website and pages (read by `app/src/city.rs`).
    pub fn meta(&self) -> String {
        let pages: Vec<&str> = self.pages.iter().map(|p| p.slug).collect();
        format!(
            "<meta name=\"pulse-city\" content=\"{}\" data-website=\"{}\" data-pages=\"{}\">",
            esc(&self.name),
            esc(self.website.as_deref().unwrap_or_default()),
            pages.join(" ")
        )
    }

    /// The footer of the pages the server writes, as the app draws it
    /// (`app.rs`'s `Footer`).
    pub fn footer(&self, lang: Lang) -> String {
        let mut html = format!(
            "<footer class=\"site-footer\"><p>{}</p><nav aria-label=\"{}\"><ul class=\"footer-links\">",
            esc(lang.text(Msg::FooterShared)),
            esc(lang.text(Msg::AboutThisSite)),
        );
        if let Some(website) = &self.website {
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                esc(website),
                esc(&self.name)
            ));
        }
        for page in &self.pages {
            let label = city_page_name(page.slug).map_or("", |msg| lang.text(msg));
            html.push_str(&format!(
                "<li><a href=\"/pages/{}\">{}</a></li>",
                page.slug,
                esc(label)
            ));
        }
        html.push_str("</ul></nav></footer>");
        html
    }
}

pub mod api {
    //! `GET /api/v1/city/pages/{slug}`, for the app.

    use crate::error::{ApiError, Result};
    use crate::extract::PathParam;
    use crate::state::AppState;
    use axum::Json;
    use axum::extract::State;
    use pulse_api::wire::{CityPageText, Problem};
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;

    pub fn router() -> OpenApiRouter<AppState> {
        OpenApiRouter::new().routes(routes!(city_page))
    }

    #[utoipa::path(get, path = "/city/pages/{slug}", tag = "topics", params(("slug" = String, Path, description = "privacy, comment-policy, accessibility or contact")), responses((status = 200, body = CityPageText), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
    async fn city_page(
        State(state): State<AppState>,
        PathParam(slug): PathParam<String>,
    ) -> Result<Json<CityPageText>> {
        let page = state
            .city
            .page(&slug)
            .ok_or_else(|| ApiError::not_found(pulse_api::i18n::Msg::NoSuchCityPage))?;
        Ok(Json(CityPageText {
            slug: page.slug.to_string(),
            title: page.title.clone(),
            html: page.html.clone(),
        }))
    }
}
