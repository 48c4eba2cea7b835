//! One of the city's own pages (privacy notice, comment policy,
//! accessibility statement, contact), as the city wrote it.

use crate::api;
use crate::app::set_title;
use crate::i18n::t;
use crate::prose::Prose;
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;

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
                    Ok(page) => {
                        if let Some(title) = &page.title {
                            set_title(title);
                        }
                        view! { <article class="city-page"><Prose html=page.html/></article> }.into_any()
                    }
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
