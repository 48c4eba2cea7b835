//! Quoting a passage of a section in a comment. The passage travels as a
//! W3C TextQuoteSelector: the exact words and a little of the text either
//! side, taken from the section as the resident sees it, so the server can
//! check it and later drafts can find it again.

use pulse_api::validate::QuoteSelector;
use pulse_api::wire::Quote;
use wasm_bindgen::JsCast;

/// The section's text as shown (its rendered prose, without the thread).
fn prose(anchor: &str) -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .get_element_by_id(anchor)?
        .query_selector(".section-text .prose")
        .ok()
        .flatten()
}

/// The words selected on the page, if they are in this section's text.
pub fn selected_in(anchor: &str) -> Option<String> {
    let prose = prose(anchor)?;
    let selection = web_sys::window()?.get_selection().ok().flatten()?;
    let node = selection.anchor_node()?;
    if !prose.contains(Some(&node)) {
        return None;
    }
    let text: String = selection.to_string().into();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The selector for `exact` in this section: the first place it stands,
/// with up to the allowed context either side.
pub fn selector(anchor: &str, exact: &str) -> Result<Quote, String> {
    let not_found = || crate::i18n::t(pulse_api::i18n::Msg::QuoteNotFound).to_string();
    let text = prose(anchor)
        .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
        .and_then(|p| p.text_content())
        .ok_or_else(not_found)?;
    let found = QuoteSelector::around(&text, exact).ok_or_else(not_found)?;
    Ok(Quote {
        exact: found.exact,
        prefix: found.prefix,
        suffix: found.suffix,
    })
}
