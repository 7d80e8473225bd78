//! Static strings that are at once a Rust `&str` and a C string.
//!
//! Every text in the registry is stored once, with a trailing NUL, so the Rust
//! API can hand out `&'static str` and the C ABI `const char *` to the same
//! bytes without copying or allocating.

use core::ffi::{CStr, c_char};

/// A `'static` UTF-8 string stored with exactly one NUL, at its end.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Text(&'static str);

impl Text {
    /// Wraps a literal that ends in `"\0"`; the check runs at compile time for
    /// every text in the registry.
    ///
    /// # Panics
    /// If `with_nul` does not end in NUL or contains another NUL.
    pub const fn new(with_nul: &'static str) -> Text {
        let bytes = with_nul.as_bytes();
        assert!(
            !bytes.is_empty() && bytes[bytes.len() - 1] == 0,
            "text must end in NUL"
        );
        let mut i = 0;
        while i + 1 < bytes.len() {
            assert!(bytes[i] != 0, "text must not contain an interior NUL");
            i += 1;
        }
        Text(with_nul)
    }

    /// Wraps a generated string that ends in `"\0"`, checking only its end: the
    /// generator (build.rs, for the catalogues) refuses every control character,
    /// NUL included, and checking each byte of thousands of texts would make
    /// compile-time evaluation too slow.
    pub(crate) const fn generated(with_nul: &'static str) -> Text {
        let bytes = with_nul.as_bytes();
        assert!(
            !bytes.is_empty() && bytes[bytes.len() - 1] == 0,
            "text must end in NUL"
        );
        Text(with_nul)
    }

    /// The text without its NUL.
    #[inline]
    pub fn as_str(self) -> &'static str {
        // The last byte is the ASCII NUL, so this is always a char boundary.
        &self.0[..self.0.len() - 1]
    }

    /// The text as a C string (same bytes, NUL included).
    #[inline]
    pub fn as_c_str(self) -> &'static CStr {
        match CStr::from_bytes_with_nul(self.0.as_bytes()) {
            Ok(c) => c,
            // Unreachable: `new` proved there is exactly one NUL, at the end.
            Err(_) => c"",
        }
    }

    /// Pointer to the NUL-terminated bytes, for the C ABI.
    #[inline]
    pub fn as_ptr(self) -> *const c_char {
        self.0.as_ptr().cast()
    }

    /// Length in bytes, without the NUL.
    #[inline]
    pub const fn len(self) -> usize {
        self.0.len() - 1
    }

    /// True when the text is empty.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub(crate) const fn bytes_without_nul(self) -> &'static [u8] {
        self.0.as_bytes().split_at(self.0.len() - 1).0
    }
}

impl core::fmt::Debug for Text {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl core::fmt::Display for Text {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A registry text literal: appends the NUL and validates at compile time.
macro_rules! t {
    ($($s:expr),+ $(,)?) => {
        $crate::registry::text::Text::new(concat!($($s),+, "\0"))
    };
}
pub(crate) use t;

/// Declares a field-less enum once: each variant with its number and its name.
/// From that one list come the enum, `ALL` (every variant, in the order written)
/// and `name_text`/`name`, so adding a variant is one line and no list can miss it.
macro_rules! named_enum {
    (
        $(#[$attr:meta])*
        pub enum $enum:ident: $repr:ident {
            $( $(#[$vattr:meta])* $variant:ident = $number:expr => $name:literal, )+
        }
    ) => {
        $(#[$attr])*
        #[repr($repr)]
        pub enum $enum {
            $( $(#[$vattr])* $variant = $number, )+
        }

        impl $enum {
            /// Every variant, in the order of their numbers.
            pub const ALL: [$enum; [$($name),+].len()] = [$($enum::$variant),+];

            /// The name as a NUL-terminated [`Text`](crate::registry::text::Text), for C.
            pub const fn name_text(self) -> $crate::registry::text::Text {
                match self {
                    $( $enum::$variant => $crate::registry::text::Text::new(concat!($name, "\0")), )+
                }
            }

            /// The name.
            pub fn name(self) -> &'static str {
                self.name_text().as_str()
            }
        }

        // `ALL` is in number order.
        const _: () = {
            let mut i = 1;
            while i < $enum::ALL.len() {
                assert!(($enum::ALL[i - 1] as u64) < $enum::ALL[i] as u64, "declare in number order");
                i += 1;
            }
        };
    };
}
pub(crate) use named_enum;
