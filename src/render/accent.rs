//! A site's own accent colour for the built-in pages, kept readable: the colour
//! of the big status code and the links must stand out from the card behind
//! them by WCAG's AA contrast (4.5:1) in the light scheme and in the dark one, so
//! the colour is darkened or lightened as little as that takes.

use super::sink::Sink;

/// The card colours of the built-in page's light and dark schemes.
const LIGHT_CARD: [u8; 3] = [0xff, 0xff, 0xff];
const DARK_CARD: [u8; 3] = [0x19, 0x1e, 0x27];

/// WCAG 2's contrast for normal text.
const AA: f64 = 4.5;

/// An accent colour in the two schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Accent {
    /// The colour on the light card (as given, or darkened to AA).
    pub light: [u8; 3],
    /// The colour on the dark card (lightened to AA).
    pub dark: [u8; 3],
}

impl Accent {
    /// The accent for `#rrggbb`; None for anything else.
    pub fn from_hex(text: &str) -> Option<Accent> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        let color = [channel(0)?, channel(2)?, channel(4)?];
        Some(Accent {
            light: readable_on(color, LIGHT_CARD, [0, 0, 0]),
            dark: readable_on(color, DARK_CARD, [0xff, 0xff, 0xff]),
        })
    }

    /// Writes the CSS that puts the accent on a page (without allocating, as
    /// every rendering must).
    pub(crate) fn write_css(&self, out: &mut impl Sink) {
        out.put_str("main{--accent:");
        out.put(&hex(self.light));
        out.put_str("}@media (prefers-color-scheme:dark){main{--accent:");
        out.put(&hex(self.dark));
        out.put_str("}}");
    }
}

/// `#rrggbb`.
fn hex(c: [u8; 3]) -> [u8; 7] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = *b"#000000";
    for (i, channel) in c.into_iter().enumerate() {
        text[1 + 2 * i] = DIGITS[usize::from(channel >> 4)];
        text[2 + 2 * i] = DIGITS[usize::from(channel & 0xf)];
    }
    text
}

/// WCAG 2's relative luminance.
fn luminance(c: [u8; 3]) -> f64 {
    let linear = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.040_45 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
}

/// WCAG 2's contrast ratio of two colours.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `color` mixed towards `towards` in the smallest of 100 steps that reaches AA
/// contrast with `card` (the full mix, black or white, always does).
fn readable_on(color: [u8; 3], card: [u8; 3], towards: [u8; 3]) -> [u8; 3] {
    (0..=100)
        .map(|step| {
            let t = f64::from(step) / 100.0;
            let mix = |i: usize| {
                (f64::from(color[i]) * (1.0 - t) + f64::from(towards[i]) * t).round() as u8
            };
            [mix(0), mix(1), mix(2)]
        })
        .find(|c| contrast(*c, card) >= AA)
        .unwrap_or(towards)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_keep_aa_contrast_in_both_schemes_changing_as_little_as_needed() {
        // A dark blue is readable on white as it is, and is lightened for dark.
        let blue = Accent::from_hex("#1f5fbf").unwrap();
        assert_eq!(blue.light, [0x1f, 0x5f, 0xbf]);
        assert!(contrast(blue.dark, DARK_CARD) >= AA);
        // A light yellow is darkened for the light card.
        let yellow = Accent::from_hex("#FFD700").unwrap();
        assert_ne!(yellow.light, [0xff, 0xd7, 0x00]);
        assert!(contrast(yellow.light, LIGHT_CARD) >= AA);
        assert_eq!(
            yellow.dark,
            [0xff, 0xd7, 0x00],
            "already readable on the dark card"
        );
        for text in ["#000000", "#ffffff", "#808080", "#ff0000", "#00ff00"] {
            let a = Accent::from_hex(text).unwrap();
            assert!(
                contrast(a.light, LIGHT_CARD) >= AA && contrast(a.dark, DARK_CARD) >= AA,
                "{text}"
            );
        }
        for bad in ["1f5fbf", "#1f5fb", "#1f5fbfa", "#gggggg", "red", ""] {
            assert_eq!(Accent::from_hex(bad), None, "{bad}");
        }
        let mut css = Vec::new();
        blue.write_css(&mut css);
        assert_eq!(
            String::from_utf8(css).unwrap(),
            format!(
                "main{{--accent:#1f5fbf}}@media (prefers-color-scheme:dark){{main{{--accent:#{:02x}{:02x}{:02x}}}}}",
                blue.dark[0], blue.dark[1], blue.dark[2]
            )
        );
    }
}
