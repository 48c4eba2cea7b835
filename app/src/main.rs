//! The residents' bundle: the topic list, topic pages, and the sign-in
//! forms. The host's pages, the account page, and the rarely seen pages a
//! mailed link opens are another bundle (`bin/host.rs`).

use leptos::prelude::*;
use pulse_app::nav::Route;
use pulse_app::pages;

fn main() {
    pulse_app::mount(pages);
}

fn pages(route: Route) -> Option<AnyView> {
    Some(match route {
        Route::Topics => view! { <pages::topics::TopicsPage/> }.into_any(),
        Route::Topic(slug) => view! { <pages::topic::TopicPage slug/> }.into_any(),
        Route::TopicVersion(slug, n) => {
            view! { <pages::topic::TopicPage slug version=n/> }.into_any()
        }
        Route::SignIn => view! { <pages::sign_in::SignInPage/> }.into_any(),
        Route::Register => view! { <pages::register::RegisterPage/> }.into_any(),
        Route::NotFound => view! { <pages::not_found::NotFound/> }.into_any(),
        Route::CityPage(slug) => view! { <pages::city_page::CityPage slug/> }.into_any(),
        // The other bundle's: the host's pages, the account page, and those
        // opened from mail.
        Route::Account
        | Route::TopicHost(_)
        | Route::Desk
        | Route::Admin
        | Route::NewTopic
        | Route::EditTopic(_)
        | Route::TopicReport(_)
        | Route::TopicRecord(_)
        | Route::TopicRevise(_)
        | Route::TopicChanges(..)
        | Route::VerifyEmail
        | Route::ConfirmSubscription
        | Route::Unsubscribe(_)
        | Route::ResetPassword => return None,
    })
}
