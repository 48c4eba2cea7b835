//! One of the city's own pages (privacy notice, comment policy,
//! accessibility statement, contact), as the city wrote it.

use crate::api;
use crate::app::set_title;
use crate::i18n::t;
use crate::prose::Prose;
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::CityPageText;

#[component]
pub fn CityPage(slug: String) -> impl IntoView {
    let page = LocalResource::new(move || {
        let slug = slug.clone();
        async move { api::city_page(&slug).await }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t(M::Loading)}</p> }>
            {move || {
                page.get().inspect(|_| crate::app::ready_after_render()).map(|result| match result {
                    Ok(page) => view! { <CityPageView page/> }.into_any(),
                    Err(message) => {
                        set_title(t(M::PageNotFound));
                        view! {
                            <h1>{t(M::PageNotFound)}</h1>
                            <p class="error" role="alert">{message}</p>
                            <p><a href="/">{t(M::SeeAllTopics)}</a></p>
                        }
                        .into_any()
                    }
                })
            }}
        </Suspense>
    }
}

/// The page as the city wrote it, in its own language.
#[component]
pub fn CityPageView(page: CityPageText) -> impl IntoView {
    let title = page
        .title
        .clone()
        .or_else(|| pulse_api::wire::city_page_name(&page.slug).map(|m| t(m).to_string()))
        .unwrap_or_default();
    set_title(&title);
    view! { <article class="city-page"><Prose html=page.html city=true/></article> }
}
