//! The result codes of fallible calls and their descriptions.

use core::ffi::c_int;

use httpstatus_rs::Text;

/// Result of a fallible call: `HTTPSTATUS_OK` or one of `HTTPSTATUS_ERROR_*`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum httpstatus_result {
    /// Success.
    HTTPSTATUS_OK = 0,
    /// A required pointer argument was NULL.
    HTTPSTATUS_ERROR_NULL_ARGUMENT = 7001,
    /// The status code is outside 100..599.
    HTTPSTATUS_ERROR_INVALID_CODE = 7002,
    /// The format is not one of `HTTPSTATUS_FORMAT_*`.
    HTTPSTATUS_ERROR_INVALID_FORMAT = 7003,
    /// The field is not one of `HTTPSTATUS_FIELD_*`.
    HTTPSTATUS_ERROR_INVALID_FIELD = 7004,
    /// The output did not fit; a NUL-terminated prefix was written and `*needed` tells
    /// the full length.
    HTTPSTATUS_ERROR_BUFFER_TOO_SMALL = 7005,
    /// The template has a syntax error (unclosed `{{`, unknown placeholder or filter).
    HTTPSTATUS_ERROR_TEMPLATE_SYNTAX = 7006,
    /// The template is larger than 1 MiB.
    HTTPSTATUS_ERROR_TEMPLATE_TOO_LARGE = 7007,
    /// Text that must be UTF-8 (a template, a reason phrase) is not.
    HTTPSTATUS_ERROR_INVALID_UTF8 = 7008,
    /// The tag names no language of the catalogues.
    HTTPSTATUS_ERROR_INVALID_LANGUAGE = 7009,
    /// An internal error was caught before it could reach the caller.
    HTTPSTATUS_ERROR_INTERNAL = 7099,
}

use httpstatus_result::*;

impl httpstatus_result {
    /// Every result, in number order.
    const ALL: [httpstatus_result; 11] = [
        HTTPSTATUS_OK,
        HTTPSTATUS_ERROR_NULL_ARGUMENT,
        HTTPSTATUS_ERROR_INVALID_CODE,
        HTTPSTATUS_ERROR_INVALID_FORMAT,
        HTTPSTATUS_ERROR_INVALID_FIELD,
        HTTPSTATUS_ERROR_BUFFER_TOO_SMALL,
        HTTPSTATUS_ERROR_TEMPLATE_SYNTAX,
        HTTPSTATUS_ERROR_TEMPLATE_TOO_LARGE,
        HTTPSTATUS_ERROR_INVALID_UTF8,
        HTTPSTATUS_ERROR_INVALID_LANGUAGE,
        HTTPSTATUS_ERROR_INTERNAL,
    ];

    /// The result whose number is `n`.
    pub(crate) fn from_int(n: c_int) -> Option<httpstatus_result> {
        Self::ALL.into_iter().find(|r| *r as c_int == n)
    }

    /// A short English sentence. The match is exhaustive, so a new result code
    /// does not compile without its description.
    pub(crate) const fn description(self) -> Text {
        match self {
            HTTPSTATUS_OK => Text::new("success\0"),
            HTTPSTATUS_ERROR_NULL_ARGUMENT => Text::new("a required pointer argument was NULL\0"),
            HTTPSTATUS_ERROR_INVALID_CODE => Text::new("the status code is outside 100..599\0"),
            HTTPSTATUS_ERROR_INVALID_FORMAT => Text::new("unknown document format\0"),
            HTTPSTATUS_ERROR_INVALID_FIELD => Text::new("unknown context field\0"),
            HTTPSTATUS_ERROR_BUFFER_TOO_SMALL => {
                Text::new("the buffer is too small; the output was truncated\0")
            }
            HTTPSTATUS_ERROR_TEMPLATE_SYNTAX => Text::new("the template has a syntax error\0"),
            HTTPSTATUS_ERROR_TEMPLATE_TOO_LARGE => Text::new("the template is larger than 1 MiB\0"),
            HTTPSTATUS_ERROR_INVALID_UTF8 => Text::new("the text is not valid UTF-8\0"),
            HTTPSTATUS_ERROR_INVALID_LANGUAGE => {
                Text::new("the tag names no language of the catalogues\0")
            }
            HTTPSTATUS_ERROR_INTERNAL => Text::new("internal error\0"),
        }
    }
}

/// What [`httpstatus_result::from_int`] values that are not results are described as.
pub(crate) const UNKNOWN: Text = Text::new("unknown result code\0");

// ALL lists each result once, in number order (a variant left out of ALL is caught
// by the unit test below, which reads the generated header's enumerators).
const _: () = {
    let mut i = 1;
    while i < httpstatus_result::ALL.len() {
        assert!((httpstatus_result::ALL[i - 1] as c_int) < httpstatus_result::ALL[i] as c_int);
        i += 1;
    }
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every enumerator of `httpstatus_result` in the generated header: its name and value.
    fn header_results() -> Vec<(String, c_int)> {
        let header = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../include/httpstatus.h"
        ))
        .expect("include/httpstatus.h");
        let end = header
            .find("} httpstatus_result;")
            .expect("httpstatus_result enum");
        let start = header[..end].rfind("typedef enum {").expect("enum start");
        header[start..end]
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("HTTPSTATUS_"))
            .map(|l| {
                let (name, value) = l
                    .trim_end_matches(',')
                    .split_once(" = ")
                    .expect("NAME = value");
                (name.to_string(), value.parse().expect("number"))
            })
            .collect()
    }

    #[test]
    fn every_result_has_a_description() {
        let results = header_results();
        assert_eq!(results.len(), httpstatus_result::ALL.len());
        for (name, value) in results {
            let result = httpstatus_result::from_int(value).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(format!("{result:?}"), name);
            let text = result.description();
            assert!(!text.is_empty() && text != UNKNOWN, "{name}");
        }
        assert_eq!(httpstatus_result::from_int(-1), None);
        assert_eq!(httpstatus_result::from_int(7000), None);
    }
}
