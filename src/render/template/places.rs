//! The tokenizer behind the compile-time check of where a placeholder stands
//! (the rules are in the parent module's documentation).

use crate::render::format::Format;

/// Whether a placeholder's position is safe for an escaped value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    Safe,
    UrlStart,
    /// Unsafe, with a phrase saying where ("in an unquoted attribute value").
    Unsafe(&'static str),
}

/// Follows a template's literal text far enough to know where each placeholder
/// stands: a small model of HTML tokenisation (tags, attributes and their quoting,
/// comments, raw-text elements) or of JSON strings. Fed the text between
/// placeholders in order; runs only when a template is compiled.
pub(super) struct Places {
    format: Format,
    html: Html,
    tag: String,
    /// The tag being read is an end tag (`</p>`).
    closing: bool,
    attr: String,
    /// Something other than blanks came in the current attribute value (browsers
    /// ignore leading blanks of a URL, so they do not settle its scheme).
    value_started: bool,
    /// Inside a JSON string literal, and whether the last byte was a backslash.
    json_string: bool,
    json_escaped: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Html {
    Text,
    /// After `<`: a tag name follows if a letter (or `/` and a letter) comes.
    Open,
    TagName,
    InTag,
    AttrName,
    AfterAttrName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    Comment,
    Declaration,
    /// Inside `<script>` or `<style>` until its end tag.
    RawText,
}

const URL_ATTRIBUTES: [&str; 12] = [
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "background",
    "xlink:href",
    "ping",
    "manifest",
    "codebase",
];

impl Places {
    pub(super) fn new(format: Format) -> Self {
        Places {
            format,
            html: Html::Text,
            tag: String::new(),
            closing: false,
            attr: String::new(),
            value_started: false,
            json_string: false,
            json_escaped: false,
        }
    }

    /// Reads `literal` (the text since the last placeholder) and tells where the next
    /// placeholder stands.
    pub(super) fn place_of(&mut self, literal: &str) -> Place {
        match self.format {
            Format::Text => Place::Safe,
            Format::Json => {
                for &b in literal.as_bytes() {
                    self.json_byte(b);
                }
                if self.json_string {
                    Place::Safe
                } else {
                    Place::Unsafe("outside a JSON string")
                }
            }
            Format::Html => {
                let mut rest = literal;
                while let Some(c) = rest.chars().next() {
                    rest = self.html_char(c, rest);
                }
                self.html_place()
            }
        }
    }

    /// The placeholder's value counts as ordinary characters of where it stands.
    pub(super) fn skip_value(&mut self) {
        match self.format {
            Format::Text => {}
            Format::Json => self.json_escaped = false,
            Format::Html => {
                self.html = match self.html {
                    Html::BeforeValue => Html::Unquoted,
                    Html::Open => Html::Text,
                    other => other,
                };
                self.value_started = true;
            }
        }
    }

    fn json_byte(&mut self, b: u8) {
        if !self.json_string {
            self.json_string = b == b'"';
        } else if self.json_escaped {
            self.json_escaped = false;
        } else if b == b'\\' {
            self.json_escaped = true;
        } else if b == b'"' {
            self.json_string = false;
        }
    }

    fn html_place(&self) -> Place {
        match self.html {
            Html::Text | Html::Comment => Place::Safe,
            // A value starting with a letter would open a tag.
            Html::Open => Place::Unsafe("right after `<`"),
            Html::Quoted(_) => {
                let attr = self.attr.as_str();
                if attr.starts_with("on") || attr == "style" || attr == "srcdoc" {
                    Place::Unsafe("in an event handler, style or srcdoc attribute")
                } else if !self.value_started && URL_ATTRIBUTES.contains(&attr) {
                    Place::UrlStart
                } else {
                    Place::Safe
                }
            }
            Html::Unquoted | Html::BeforeValue => Place::Unsafe("in an unquoted attribute value"),
            Html::TagName | Html::InTag | Html::AttrName | Html::AfterAttrName => {
                Place::Unsafe("inside a tag, outside any attribute value")
            }
            Html::Declaration => Place::Unsafe("inside a <!...> declaration"),
            Html::RawText => Place::Unsafe("inside a <script> or <style> element"),
        }
    }

    /// Consumes `c`, the first character of `rest`, and returns what follows it
    /// (some states look ahead, e.g. for `<!--` or an end tag).
    fn html_char<'s>(&mut self, c: char, rest: &'s str) -> &'s str {
        let after = &rest[c.len_utf8()..];
        let space = c.is_ascii_whitespace();
        self.html = match self.html {
            Html::Text => {
                if c == '<' {
                    self.closing = false;
                    Html::Open
                } else {
                    Html::Text
                }
            }
            Html::Open => {
                if let Some(after_open) = rest.strip_prefix("!--") {
                    return self.enter(Html::Comment, after_open);
                } else if c == '!' || c == '?' {
                    Html::Declaration
                } else if c == '/' && !self.closing {
                    self.closing = true;
                    Html::Open
                } else if c.is_ascii_alphabetic() {
                    self.tag.clear();
                    self.tag.push(c.to_ascii_lowercase());
                    Html::TagName
                } else {
                    Html::Text
                }
            }
            Html::TagName => {
                if space || c == '/' {
                    Html::InTag
                } else if c == '>' {
                    self.end_of_tag()
                } else {
                    self.tag.push(c.to_ascii_lowercase());
                    Html::TagName
                }
            }
            Html::InTag | Html::AfterAttrName => {
                if c == '>' {
                    self.end_of_tag()
                } else if space || c == '/' {
                    self.html
                } else if c == '=' && self.html == Html::AfterAttrName {
                    Html::BeforeValue
                } else {
                    self.attr.clear();
                    self.attr.push(c.to_ascii_lowercase());
                    Html::AttrName
                }
            }
            Html::AttrName => {
                if c == '=' {
                    Html::BeforeValue
                } else if c == '>' {
                    self.end_of_tag()
                } else if space || c == '/' {
                    Html::AfterAttrName
                } else {
                    self.attr.push(c.to_ascii_lowercase());
                    Html::AttrName
                }
            }
            Html::BeforeValue => match c {
                '"' | '\'' => {
                    self.value_started = false;
                    Html::Quoted(c as u8)
                }
                '>' => self.end_of_tag(),
                _ if space => Html::BeforeValue,
                _ => Html::Unquoted,
            },
            Html::Quoted(q) => {
                if c as u32 == u32::from(q) {
                    Html::InTag
                } else {
                    self.value_started |= !space;
                    Html::Quoted(q)
                }
            }
            Html::Unquoted => {
                if space {
                    Html::InTag
                } else if c == '>' {
                    self.end_of_tag()
                } else {
                    Html::Unquoted
                }
            }
            Html::Comment => {
                if let Some(after_close) = rest.strip_prefix("-->") {
                    return self.enter(Html::Text, after_close);
                }
                Html::Comment
            }
            Html::Declaration => {
                if c == '>' {
                    Html::Text
                } else {
                    Html::Declaration
                }
            }
            Html::RawText => {
                let end = format!("</{}", self.tag);
                if rest.len() >= end.len()
                    && rest.as_bytes()[..end.len()].eq_ignore_ascii_case(end.as_bytes())
                {
                    self.closing = true;
                    return self.enter(Html::TagName, &rest[end.len()..]);
                }
                Html::RawText
            }
        };
        after
    }

    fn enter<'s>(&mut self, state: Html, rest: &'s str) -> &'s str {
        self.html = state;
        rest
    }

    /// `>` ends a tag: the content of `<script>` and `<style>` is not HTML.
    fn end_of_tag(&mut self) -> Html {
        if !self.closing && (self.tag == "script" || self.tag == "style") {
            Html::RawText
        } else {
            Html::Text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The place of a placeholder after each literal in turn, the placeholders
    /// between them taken as values.
    fn places_after(format: Format, literals: &[&str]) -> Vec<Place> {
        let mut places = Places::new(format);
        literals
            .iter()
            .map(|literal| {
                let place = places.place_of(literal);
                places.skip_value();
                place
            })
            .collect()
    }

    #[test]
    fn html_state_carries_over_from_one_literal_to_the_next() {
        assert_eq!(
            places_after(
                Format::Html,
                &["<a href=\"", "/", "\" title='", "'>", "</a>"]
            ),
            [
                Place::UrlStart,
                Place::Safe,
                Place::Safe,
                Place::Safe,
                Place::Safe
            ]
        );
        // A value after `=` makes the attribute unquoted for what follows it.
        assert_eq!(
            places_after(Format::Html, &["<p class=", ""]),
            [
                Place::Unsafe("in an unquoted attribute value"),
                Place::Unsafe("in an unquoted attribute value")
            ]
        );
    }

    #[test]
    fn raw_text_ends_at_its_own_end_tag_in_any_case() {
        assert_eq!(
            places_after(Format::Html, &["<SCRIPT>x", "</style></sCrIpT>"]),
            [
                Place::Unsafe("inside a <script> or <style> element"),
                Place::Safe
            ]
        );
    }

    #[test]
    fn json_strings_follow_escaped_quotes() {
        assert_eq!(
            places_after(Format::Json, &["{\"a\": \"\\\"", "\", \"b\": ", ""]),
            [
                Place::Safe,
                Place::Unsafe("outside a JSON string"),
                Place::Unsafe("outside a JSON string")
            ]
        );
        assert_eq!(places_after(Format::Text, &["<", "\""]), [Place::Safe; 2]);
    }
}
