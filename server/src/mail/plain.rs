//! Markdown as a plain-text letter reads: paragraphs apart, headings on
//! their own line, lists kept as lists (numbered ones numbered), quotes
//! marked, and each link's address as a numbered reference at the end, so
//! the words stay readable and every address can be copied whole.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The text of `markdown` and the addresses of its links, in the order
/// their numbers `[1]`, `[2]`… appear in it. Only the addresses a page
/// would link are listed (`links::safe_href`); any other keeps its words.
pub fn to_text(markdown: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut links: Vec<String> = Vec::new();
    // Per open list: the next number, or none for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut pending_link: Vec<Option<String>> = Vec::new();
    let mut quote_depth = 0usize;
    let mut at_line_start = true;
    let push_text = |out: &mut String, text: &str, at_line_start: &mut bool, quote: usize| {
        for (i, piece) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
                *at_line_start = true;
            }
            if *at_line_start && !piece.is_empty() {
                out.push_str(&"> ".repeat(quote));
                *at_line_start = false;
            }
            out.push_str(piece);
        }
    };
    let end_block = |out: &mut String, at_line_start: &mut bool| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        *at_line_start = true;
    };
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    ) {
        match event {
            Event::Start(Tag::List(first)) => {
                if lists.is_empty() {
                    end_block(&mut out, &mut at_line_start);
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    end_block(&mut out, &mut at_line_start);
                }
            }
            Event::Start(Tag::Item) => {
                let trimmed = out.trim_end_matches(' ').len();
                out.truncate(trimmed);
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&"> ".repeat(quote_depth));
                out.push_str(&"   ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
                at_line_start = false;
            }
            Event::End(TagEnd::Item) => {}
            Event::Start(Tag::Paragraph) if lists.is_empty() => {
                end_block(&mut out, &mut at_line_start);
            }
            Event::End(TagEnd::Paragraph) => {
                if lists.is_empty() {
                    end_block(&mut out, &mut at_line_start);
                } else if !out.ends_with(' ') && !at_line_start {
                    out.push(' ');
                }
            }
            Event::Start(Tag::Heading { .. }) => end_block(&mut out, &mut at_line_start),
            Event::End(TagEnd::Heading(_)) => end_block(&mut out, &mut at_line_start),
            Event::Start(Tag::BlockQuote(_)) => {
                end_block(&mut out, &mut at_line_start);
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth = quote_depth.saturating_sub(1);
                end_block(&mut out, &mut at_line_start);
            }
            Event::Start(Tag::CodeBlock(_)) => end_block(&mut out, &mut at_line_start),
            Event::End(TagEnd::CodeBlock) => end_block(&mut out, &mut at_line_start),
            Event::Start(Tag::Link { dest_url, .. }) => {
                pending_link.push(pulse_api::links::safe_href(&dest_url));
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(url)) = pending_link.pop() {
                    let n = match links.iter().position(|l| *l == url) {
                        Some(i) => i + 1,
                        None => {
                            links.push(url);
                            links.len()
                        }
                    };
                    out.push_str(&format!(" [{n}]"));
                }
            }
            Event::Start(Tag::TableRow | Tag::TableHead) => {
                let trimmed = out.trim_end_matches(' ').len();
                out.truncate(trimmed);
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                at_line_start = true;
            }
            Event::End(TagEnd::TableCell) => out.push_str(" | "),
            Event::End(TagEnd::Table) => end_block(&mut out, &mut at_line_start),
            Event::Text(text) | Event::Code(text) => {
                push_text(&mut out, &text, &mut at_line_start, quote_depth);
            }
            // Raw HTML is never passed on: its words only, as the page
            // shows none of it either.
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => {
                out.push('\n');
                at_line_start = true;
            }
            Event::Rule => {
                end_block(&mut out, &mut at_line_start);
                out.push_str("* * *\n\n");
            }
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    (out, links)
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn lists_stay_lists_and_links_become_numbered_references() {
        let md = "Council meets **Tuesday**.\n\n\
                  - Read the [draft](https://example.gov/draft)\n\
                  - Come to the [hearing](https://example.gov/hearing)\n\n\
                  1. First\n2. Second\n\n\
                  See the [draft](https://example.gov/draft) again, and [this](javascript:alert(1)).";
        let (text, links) = to_text(md);
        assert_eq!(
            text,
            "Council meets Tuesday.\n\n\
             - Read the draft [1]\n\
             - Come to the hearing [2]\n\n\
             1. First\n\
             2. Second\n\n\
             See the draft [1] again, and this."
        );
        assert_eq!(
            links,
            vec!["https://example.gov/draft", "https://example.gov/hearing"]
        );
    }

    #[test]
    fn headings_quotes_and_nested_lists_read_as_written() {
        let md = "## When\n\nSoon.\n\n> A quote\n> on two lines\n\n- One\n  - Inner\n- Two";
        let (text, _) = to_text(md);
        assert_eq!(
            text,
            "When\n\nSoon.\n\n> A quote on two lines\n\n- One\n   - Inner\n- Two"
        );
    }

    #[test]
    fn raw_html_is_dropped() {
        let (text, links) = to_text("Hi <script>alert(1)</script> there");
        assert!(!text.contains("script"), "{text}");
        assert!(links.is_empty());
    }
}
