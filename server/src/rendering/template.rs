//! `index.html` and `host.html` as built, made ready once per language at
//! start: split around the part a page's rendering fills, with the words of
//! the shell and `<html lang>` in the language, and the city in `<head>`.

use crate::city_pages::City;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::markdown::escape_html as esc;
use std::sync::Arc;

const START: &str = "<!--prerender-->";
const END: &str = "<!--/prerender-->";

/// One built page, in each language, split around the rendered part; the
/// part before in two forms: loading the app at the first sign of someone
/// using the page (`data-later`, see `app/build.sh`), or never.
#[derive(Clone)]
pub struct Template {
    parts: Arc<Vec<Parts>>,
}

struct Parts {
    lang: Lang,
    before_app_later: String,
    before_no_app: String,
    after: String,
}

/// When a page loads the app.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AppLoads {
    /// When someone starts using the page: it works without it.
    Later,
    /// Never: nothing on the page needs it (a mailed link's page, whose
    /// work the server has done).
    Never,
}

/// The two bundles' pages: the residents' (`index.html`) and the one with
/// the host's tools, the account page and the pages mail opens
/// (`host.html`).
#[derive(Clone)]
pub struct Templates {
    pub index: Template,
    pub host: Template,
}

impl Templates {
    /// Reads both from the built client; `None` when it is not built (the
    /// server then answers the API alone).
    pub fn load(client_dir: &std::path::Path, city: &City) -> Option<Templates> {
        let read = |name: &str| {
            std::fs::read_to_string(client_dir.join(name))
                .ok()
                .and_then(|html| Template::parse(&html, city))
        };
        // A client built with one bundle loads it on every page.
        match (read("index.html"), read("host.html")) {
            (Some(index), Some(host)) => Some(Templates { index, host }),
            (Some(one), None) | (None, Some(one)) => Some(Templates {
                index: one.clone(),
                host: one,
            }),
            (None, None) => None,
        }
    }
}

impl Template {
    fn parse(html: &str, city: &City) -> Option<Template> {
        let parts = Lang::ALL
            .into_iter()
            .map(|lang| {
                let html = with_city(&in_language(html, lang), city);
                let (before, after) = match html.split_once(START) {
                    Some((before, rest)) => (before, rest.split_once(END)?.1),
                    // A page without the place marked: the end of its body.
                    None => html
                        .rsplit_once("</body>")
                        .map_or((html.as_str(), ""), |(b, _)| (b, &html[b.len()..])),
                };
                let (before, before_app_later) = boot_now_and_later(before);
                let before_no_app = without_boot(&before);
                Some(Parts {
                    lang,
                    before_app_later,
                    before_no_app,
                    after: after.to_string(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Template {
            parts: Arc::new(parts),
        })
    }

    /// What comes before and after the rendered part, in `lang`.
    pub fn parts(&self, lang: Lang, app: AppLoads) -> (&str, &str) {
        self.parts
            .iter()
            .find(|p| p.lang == lang)
            .or(self.parts.first())
            .map_or(("", ""), |p| {
                let before = match app {
                    AppLoads::Later => &p.before_app_later,
                    AppLoads::Never => &p.before_no_app,
                };
                (before.as_str(), p.after.as_str())
            })
    }
}

/// `html` loading the app at once, and loading it later: the boot
/// script's `src` swapped for its `data-later` (both without the
/// attribute). The same twice when the page has no such script.
fn boot_now_and_later(html: &str) -> (String, String) {
    const LATER: &str = " data-later=\"";
    let Some(at) = html.find(LATER) else {
        return (html.to_string(), html.to_string());
    };
    let start = at + LATER.len();
    let Some(len) = html[start..].find('"') else {
        return (html.to_string(), html.to_string());
    };
    let later = &html[start..start + len];
    let now = format!("{}{}", &html[..at], &html[start + len + 1..]);
    let tag_start = now[..at].rfind("<script").unwrap_or(0);
    let src = now[tag_start..at]
        .find("src=\"")
        .map(|i| tag_start + i + "src=\"".len());
    let swapped = src
        .and_then(|s| now[s..].find('"').map(|len| (s, s + len)))
        .map_or_else(
            || now.clone(),
            |(s, e)| format!("{}{later}{}", &now[..s], &now[e..]),
        );
    (now, swapped)
}

/// `html` without its boot script (the first module script).
fn without_boot(html: &str) -> String {
    const END: &str = "</script>";
    let Some(start) = html.find("<script type=\"module\"") else {
        return html.to_string();
    };
    match html[start..].find(END) {
        Some(len) => format!("{}{}", &html[..start], &html[start + len + END.len()..]),
        None => html.to_string(),
    }
}

/// The page's own words and `<html lang>` in `lang`.
fn in_language(html: &str, lang: Lang) -> String {
    // The app has English built in; another language's words come with the
    // page, as data (never run: `application/json`), for the app to read.
    let html = if lang == Lang::En {
        html.to_string()
    } else {
        let json =
            serde_json::to_string(&pulse_api::i18n::messages(lang)).unwrap_or_else(|_| "[]".into());
        html.replacen(
            "</head>",
            &format!("{}</head>", pulse_app::ssr::messages_data(&json)),
            1,
        )
    };
    html.replacen(
        "<html lang=\"en\">",
        &format!("<html lang=\"{}\">", lang.code()),
        1,
    )
    .replacen(
        ">Reading works without JavaScript; to comment and vote, turn JavaScript on.<",
        &format!(">{}<", esc(lang.text(Msg::Noscript))),
        1,
    )
}

/// The page with the city's name, website and pages in `<head>`, where
/// the app reads them to draw the header and footer.
fn with_city(html: &str, city: &City) -> String {
    html.replacen("</head>", &format!("{}</head>", city.meta()), 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_that_works_without_the_app_loads_it_later() {
        let html = "<head><script type=\"module\" src=\"/assets/boot-1.js\" data-later=\"/assets/later-2.js\"></script></head>";
        let (now, later) = super::boot_now_and_later(html);
        assert_eq!(
            now,
            "<head><script type=\"module\" src=\"/assets/boot-1.js\"></script></head>"
        );
        assert_eq!(
            later,
            "<head><script type=\"module\" src=\"/assets/later-2.js\"></script></head>"
        );
        assert_eq!(super::without_boot(&now), "<head></head>");
        let plain = "<head></head>";
        assert_eq!(
            super::boot_now_and_later(plain),
            (plain.to_string(), plain.to_string())
        );
        assert_eq!(super::without_boot(plain), plain);
    }
}
