//! The residents' bundle: the topic list, topic pages, and the account
//! pages. The host's pages are another bundle (`bin/host.rs`).

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
        Route::SignIn => view! { <pages::sign_in::SignInPage/> }.into_any(),
        Route::Register => view! { <pages::register::RegisterPage/> }.into_any(),
        Route::Account => view! { <pages::account::AccountPage/> }.into_any(),
        Route::VerifyEmail => view! { <pages::mailed_link::VerifyEmailPage/> }.into_any(),
        Route::ConfirmSubscription => {
            view! { <pages::mailed_link::ConfirmSubscriptionPage/> }.into_any()
        }
        Route::Unsubscribe(token) => {
            view! { <pages::mailed_link::UnsubscribePage token/> }.into_any()
        }
        Route::ResetPassword => view! { <pages::reset_password::ResetPasswordPage/> }.into_any(),
        Route::NotFound => view! { <pages::not_found::NotFound/> }.into_any(),
        Route::TopicHost(_) | Route::TopicReport(_) => return None,
    })
}
