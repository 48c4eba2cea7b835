//! The second bundle: the host's tools and the report for council, the
//! account page, and the pages a mailed link opens (confirming,
//! unsubscribing, a new password, what a revision changed), loaded only on those pages — a resident
//! reading and commenting never downloads it.

use leptos::prelude::*;
use pulse_app::nav::Route;
use pulse_app::pages;

fn main() {
    pulse_app::mount(pages);
}

fn pages(route: Route) -> Option<AnyView> {
    match route {
        Route::TopicHost(slug) => {
            Some(view! { <pages::host::HostPage slug=Some(slug)/> }.into_any())
        }
        Route::Desk => Some(view! { <pages::host::HostPage slug=None/> }.into_any()),
        Route::Admin => Some(view! { <pages::admin::AdminPage/> }.into_any()),
        Route::NewTopic => Some(view! { <pages::new_topic::NewTopicPage/> }.into_any()),
        Route::EditTopic(slug) => {
            Some(view! { <pages::new_topic::EditTopicPage slug/> }.into_any())
        }
        Route::TopicReport(slug) => Some(view! { <pages::report::ReportPage slug/> }.into_any()),
        Route::TopicRecord(slug) => Some(view! { <pages::record::RecordPage slug/> }.into_any()),
        Route::TopicRevise(slug) => Some(view! { <pages::revise::RevisePage slug/> }.into_any()),
        // What a revision changed: opened from its notice, mostly.
        Route::TopicChanges(slug, n) => {
            Some(view! { <pages::changes::ChangesPage slug version=n/> }.into_any())
        }
        Route::Account => Some(view! { <pages::account::AccountPage/> }.into_any()),
        Route::VerifyEmail => Some(view! { <pages::mailed_link::VerifyEmailPage/> }.into_any()),
        Route::ConfirmSubscription => {
            Some(view! { <pages::mailed_link::ConfirmSubscriptionPage/> }.into_any())
        }
        Route::Unsubscribe(token) => {
            Some(view! { <pages::mailed_link::UnsubscribePage token/> }.into_any())
        }
        Route::ResetPassword => {
            Some(view! { <pages::reset_password::ResetPasswordPage/> }.into_any())
        }
        _ => None,
    }
}
