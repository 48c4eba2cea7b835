//! Who is signed in, shared with every page through context.

use leptos::prelude::*;
use pulse_api::wire::Account;

#[derive(Clone, Copy)]
pub struct Auth {
    pub account: RwSignal<Option<Account>>,
    /// False until the first answer from `GET /session`.
    pub known: RwSignal<bool>,
}

impl Auth {
    pub fn provide() -> Auth {
        let auth = Auth {
            account: RwSignal::new(None),
            known: RwSignal::new(false),
        };
        provide_context(auth);
        leptos::task::spawn_local(async move {
            if let Ok(account) = crate::api::session().await {
                auth.account.set(account);
            }
            auth.known.set(true);
        });
        auth
    }

    /// Who the server knows is signed in, and nothing to ask: its own
    /// rendering of a page.
    pub fn provide_known(account: Option<Account>) -> Auth {
        let auth = Auth {
            account: RwSignal::new(account),
            known: RwSignal::new(true),
        };
        provide_context(auth);
        auth
    }

    pub fn get() -> Auth {
        expect_context::<Auth>()
    }
}
