//! The host's bundle: the host's tools and the report for council, loaded
//! only on those pages.

use leptos::prelude::*;
use pulse_app::nav::Route;
use pulse_app::pages;

fn main() {
    pulse_app::mount(pages);
}

fn pages(route: Route) -> Option<AnyView> {
    match route {
        Route::TopicHost(slug) => Some(view! { <pages::host::HostPage slug/> }.into_any()),
        Route::TopicReport(slug) => Some(view! { <pages::report::ReportPage slug/> }.into_any()),
        _ => None,
    }
}
