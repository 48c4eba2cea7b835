//! A page rendered to HTML on the server by the very components the browser
//! renders: each page is written once. The server gathers what the page
//! shows (who is signed in, the data, a form it was sent) and puts the
//! result inside `index.html`; the app, once loaded, renders its own and
//! takes its place.

use crate::api::FormError;
use crate::app::Shell;
use crate::auth::Auth;
use crate::city::City;
use crate::forms::Posted;
use crate::pages;
use crate::pages::account::AccountKnown;
use crate::pages::host::HostKnown;
use crate::pages::mailed_link::UnsubscribeLink;
use crate::pages::report::ReportKnown;
use crate::pages::topic::Known;
use leptos::prelude::*;
use pulse_api::i18n::{Lang, Msg as M};
use pulse_api::wire::{Account, CityPageText, Subscription, Topic, TopicList};

/// What every page is rendered with.
pub struct Served {
    pub lang: Lang,
    pub city: City,
    pub account: Option<Account>,
    /// The page's path and query (without its `?`), as the app would read
    /// them from the address bar.
    pub path: String,
    pub query: String,
    /// The token this visitor's forms carry (see `forms.rs`).
    pub token: String,
    /// A form the page was sent and refused, shown again.
    pub posted: Option<Posted>,
    /// How dates are written, as the browser's `Intl` writes them.
    pub date_time: crate::format::DateTimeWriter,
}

/// A page, with what it shows.
pub enum Page {
    Topics(TopicList),
    /// A topic, with what the server knows of the page for this reader.
    Topic(Box<Topic>, Box<Known>),
    /// A topic that is not to be seen, with the server's sentence.
    TopicMissing(String),
    CityPage(CityPageText),
    SignIn,
    Register,
    ResetPassword,
    NotFound,
    /// A form that has no page of its own to show again was refused: why.
    Problem(String),
    /// A subscription confirmed from its mailed link, or why not.
    Confirmed(Result<Subscription, String>),
    /// An account's address confirmed from its mailed link, or why not.
    Verified(Result<(), String>),
    /// The host's page for a topic, with what the server found for it.
    /// A new topic's form.
    NewTopic,
    /// A topic's edit form, as the server found the topic.
    EditTopic(String, Box<crate::pages::new_topic::EditTopicKnown>),
    /// The admin's topics.
    Admin(Box<crate::pages::admin::AdminKnown>),
    /// The host's desk: filtered to a topic (its host tools), or across them.
    Host(Option<String>, Box<HostKnown>),
    /// The signed-in account's page, with what the server found for it.
    Account(Box<AccountKnown>),
    /// The report for council on a topic, as the server found it.
    Report(String, Box<ReportKnown>),
    /// A notice's unsubscribe link, and what it was found to be for.
    Unsubscribe(String, Result<UnsubscribeLink, String>),
    /// Publishing a revision of a topic's draft, as the server found it.
    Revise(String, Box<crate::pages::revise::ReviseKnown>),
    /// What a version of a topic's draft changed.
    Changes(String, Box<pulse_api::wire::Changes>),
    /// A topic's public record, as the server found it.
    Record(String, Box<crate::pages::record::RecordKnown>),
}

/// A page rendered: its title (for `<title>`) and what goes in `<body>`.
pub struct Rendered {
    pub title: String,
    pub html: String,
}

/// Renders `page` for the visitor `served` describes.
pub fn render(served: Served, page: Page) -> Rendered {
    let owner = Owner::new();
    let html = owner.with(|| {
        crate::i18n::set(served.lang);
        crate::format::set_date_time(served.date_time);
        crate::city::set(served.city);
        crate::nav::provide_static(&served.path, &served.query);
        crate::forms::set_token(served.token);
        Auth::provide_known(served.account);
        if let Some(posted) = served.posted {
            provide_context(posted);
        }
        let main = match page {
            Page::Topics(list) => view! { <pages::topics::TopicsView list/> }.into_any(),
            Page::Topic(topic, known) => {
                provide_context(*known);
                view! { <pages::topic::TopicView topic=*topic/> }.into_any()
            }
            Page::TopicMissing(message) => view! {
                <pages::not_found::Problem message title=M::TopicNotAvailable/>
            }
            .into_any(),
            Page::CityPage(page) => view! { <pages::city_page::CityPageView page/> }.into_any(),
            Page::SignIn => view! { <pages::sign_in::SignInPage/> }.into_any(),
            Page::Register => view! { <pages::register::RegisterPage/> }.into_any(),
            Page::ResetPassword => view! { <pages::reset_password::ResetPasswordPage/> }.into_any(),
            Page::NotFound => view! { <pages::not_found::NotFound/> }.into_any(),
            Page::Problem(message) => view! { <pages::not_found::Problem message/> }.into_any(),
            Page::Confirmed(result) => view! {
                <pages::mailed_link::ConfirmedView result=Some(result)/>
            }
            .into_any(),
            Page::Verified(result) => view! {
                <pages::mailed_link::VerifiedView result=Some(result)/>
            }
            .into_any(),
            Page::NewTopic => view! { <pages::new_topic::NewTopicPage/> }.into_any(),
            Page::EditTopic(slug, known) => {
                provide_context(*known);
                view! { <pages::new_topic::EditTopicPage slug/> }.into_any()
            }
            Page::Admin(known) => {
                provide_context(*known);
                view! { <pages::admin::AdminPage/> }.into_any()
            }
            Page::Host(slug, known) => {
                provide_context(*known);
                view! { <pages::host::HostPage slug/> }.into_any()
            }
            Page::Account(known) => {
                provide_context(*known);
                view! { <pages::account::AccountPage/> }.into_any()
            }
            Page::Report(slug, known) => {
                provide_context(*known);
                view! { <pages::report::ReportPage slug/> }.into_any()
            }
            Page::Unsubscribe(token, found) => view! {
                <pages::mailed_link::UnsubscribePage token found/>
            }
            .into_any(),
            Page::Revise(slug, known) => {
                provide_context(*known);
                view! { <pages::revise::RevisePage slug/> }.into_any()
            }
            Page::Changes(slug, changes) => view! {
                <pages::changes::ChangesView slug changes=*changes/>
            }
            .into_any(),
            Page::Record(slug, known) => {
                provide_context(*known);
                view! { <pages::record::RecordPage slug/> }.into_any()
            }
        };
        view! { <Shell>{main}</Shell> }.to_html()
    });
    Rendered {
        title: crate::app::take_title(),
        html,
    }
}

/// A refusal the server words itself, for a form it shows again.
pub fn refusal(summary: String, fields: Vec<(String, String)>) -> FormError {
    FormError { summary, fields }
}

/// What a page says of itself in `<head>`, beyond its title: to browsers,
/// search engines and the previews of a shared link.
pub struct HeadTags {
    /// The page's full address.
    pub url: String,
    /// The site's name ("Pulse · City of Shakopee").
    pub site_name: String,
    /// The page's own title, or the site's name for a page without one.
    pub title: String,
    pub description: Option<String>,
    /// As Open Graph writes it: `en_US`.
    pub locale: String,
}

/// The `<head>` tags of `tags`, rendered as the page is.
pub fn head(tags: HeadTags) -> String {
    let HeadTags {
        url,
        site_name,
        title,
        description,
        locale,
    } = tags;
    // Open Graph's `property`, which is no attribute HTML itself knows.
    let og = |name: &'static str, value: String| {
        use leptos::attr::custom::CustomAttribute;
        leptos::html::meta()
            .attr("property", name)
            .attr("content", value)
    };
    Owner::new().with(|| {
        view! {
            <link rel="canonical" href=url.clone()/>
            {og("og:type", "website".to_string())}
            {og("og:site_name", site_name)}
            {og("og:title", title)}
            {og("og:url", url)}
            {og("og:locale", locale)}
            <meta name="twitter:card" content="summary"/>
            {description.map(|d| og("og:description", d))}
        }
        .to_html()
    })
}

/// The city as `<head>` carries it for the app to read (`city.rs`): its
/// name, website, pages and logo.
pub fn city_meta(city: &City) -> String {
    let City {
        name,
        website,
        pages,
        logo,
    } = city.clone();
    Owner::new().with(|| {
        view! {
            <meta name="pulse-city" content=name data-website=website.unwrap_or_default()
                data-pages=pages.join(" ") data-logo=logo.unwrap_or_default()/>
        }
        .to_html()
    })
}

/// Words of a language other than English, as data for the app to read
/// (`i18n.rs`): JSON in a script that is never run.
pub fn messages_data(json: &str) -> String {
    // Nothing in the JSON may end the script early.
    let json = json.replace("</", "<\\/");
    Owner::new().with(|| {
        view! { <script type="application/json" id="pulse-messages" data-catalogue=pulse_api::i18n::CATALOGUE_ID inner_html=json></script> }
            .to_html()
    })
}
