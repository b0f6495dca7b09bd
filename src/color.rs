//! Colours of the rating scale: parsing and WCAG contrast, so that every badge is readable.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

pub fn parse_hex(text: &str) -> Option<Rgb> {
    let hex = text.strip_prefix('#')?;
    let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
    match hex.len() {
        6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
        _ => None,
    }
}

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Black or white, whichever reads better on this colour: always at least 4.58:1, since the
    /// colour whose two contrasts are equal has (L + 0.05)² = 0.0525.
    pub fn text_on(self) -> Rgb {
        let (dark, light) = (Rgb(0, 0, 0), Rgb(0xff, 0xff, 0xff));
        if self.contrast(dark) >= self.contrast(light) {
            dark
        } else {
            light
        }
    }

    /// This colour darkened or lightened until it reaches 4.5:1 against `background`, so it can
    /// be used for text and bar outlines on the page's own background.
    pub fn readable_on(self, background: Rgb) -> Rgb {
        let lighten = background.luminance() < 0.2;
        let mut colour = self;
        for _ in 0..40 {
            if colour.contrast(background) >= 4.5 {
                break;
            }
            let step = |c: u8| {
                if lighten {
                    c.saturating_add(((255 - u16::from(c)) / 8 + 1) as u8)
                } else {
                    (f64::from(c) * 0.88) as u8
                }
            };
            colour = Rgb(step(colour.0), step(colour.1), step(colour.2));
        }
        colour
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_hex() {
        assert_eq!(parse_hex("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(parse_hex("#1b7f3b"), Some(Rgb(0x1b, 0x7f, 0x3b)));
        assert_eq!(parse_hex("red"), None);
        assert_eq!(parse_hex("#12345"), None);
    }

    #[test]
    fn badge_text_always_passes_aa() {
        for hex in [
            "#fbc02d", "#757575", "#2e7d32", "#7cb342", "#c62828", "#fb8c00", "#808080", "#ffffff",
        ] {
            let bg = parse_hex(hex).unwrap();
            assert!(bg.contrast(bg.text_on()) >= 4.5, "{hex}");
        }
    }

    #[test]
    fn readable_on_reaches_aa_on_light_and_dark() {
        for hex in ["#fbc02d", "#7cb342", "#757575"] {
            let c = parse_hex(hex).unwrap();
            let white = Rgb(255, 255, 255);
            let dark = Rgb(0x12, 0x14, 0x18);
            assert!(
                c.readable_on(white).contrast(white) >= 4.5,
                "{hex} on white"
            );
            assert!(c.readable_on(dark).contrast(dark) >= 4.5, "{hex} on dark");
        }
    }
}
