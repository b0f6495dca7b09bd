//! Text on a card: the bundled fonts (Inter, SIL Open Font License, in `assets/fonts/`), lines
//! measured with kerning, words wrapped to a width, an ellipsis when a text does not fit.

use super::canvas::{Canvas, Ink};
use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use std::sync::LazyLock;

/// Which fonts the cards are set in; part of every card's cache key.
pub const FONTS: &str = "Inter 4.0 beta 7 Regular, Bold";

static REGULAR: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    FontRef::try_from_slice(include_bytes!("../../../assets/fonts/Inter-Regular.otf"))
        .expect("the bundled font parses")
});
static BOLD: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    FontRef::try_from_slice(include_bytes!("../../../assets/fonts/Inter-Bold.otf"))
        .expect("the bundled font parses")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// A font at a size.
#[derive(Clone, Copy)]
pub struct Style {
    pub weight: Weight,
    pub px: f32,
}

impl Style {
    pub fn new(weight: Weight, px: f32) -> Style {
        Style { weight, px }
    }

    fn font(self) -> &'static FontRef<'static> {
        match self.weight {
            Weight::Regular => &REGULAR,
            Weight::Bold => &BOLD,
        }
    }

    /// The glyphs of `text` and their x offsets from the start of the line, and its width.
    fn glyphs(self, text: &str) -> (Vec<(ab_glyph::GlyphId, f32)>, f32) {
        let font = self.font().as_scaled(PxScale::from(self.px));
        let space = font.h_advance(font.glyph_id(' '));
        let mut out = Vec::with_capacity(text.len());
        let mut x = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                x += font.kern(p, id);
            }
            out.push((id, x));
            // A space the font lacks (a narrow no-break space) still takes room.
            x += match (id.0, c) {
                (0, '\u{202f}' | '\u{2009}') => space * 0.6,
                (0, c) if c.is_whitespace() => space,
                _ => font.h_advance(id),
            };
            previous = Some(id);
        }
        (out, x)
    }

    pub fn width(self, text: &str) -> f32 {
        self.glyphs(text).1
    }

    /// The height of a capital above the baseline, for placing text in a box.
    pub fn cap_height(self) -> f32 {
        let font = self.font().as_scaled(PxScale::from(self.px));
        font.ascent() * 0.73
    }

    /// Draws `text` with its baseline at `y`, starting at `x`; returns its width.
    pub fn draw(self, canvas: &mut Canvas, x: f32, y: f32, text: &str, ink: Ink) -> f32 {
        let font = self.font();
        let scale = PxScale::from(self.px);
        let (glyphs, width) = self.glyphs(text);
        for (id, dx) in glyphs {
            let glyph = id.with_scale_and_position(scale, point(x + dx, y));
            if let Some(outlined) = font.outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
                outlined.draw(|gx, gy, c| {
                    canvas.cover(left + gx as i32, top + gy as i32, ink, c);
                });
            }
        }
        width
    }

    /// `text` in lines of at most `max_width`, broken at spaces (a no-break space holds), at
    /// most `max_lines` of them: the last ends with an ellipsis when the text went on. A word
    /// longer than a line is cut.
    pub fn wrap(self, text: &str, max_width: f32, max_lines: usize) -> (Vec<String>, bool) {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let candidate = match line.is_empty() {
                true => word.to_string(),
                false => format!("{line} {word}"),
            };
            if self.width(&candidate) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line = word.to_string();
            while self.width(&line) > max_width && line.chars().count() > 1 {
                // A word wider than the line: cut where it fits.
                let cut = (1..line.chars().count())
                    .rev()
                    .map(|n| line.chars().take(n).collect::<String>())
                    .find(|head| self.width(head) <= max_width)
                    .unwrap_or_else(|| line.chars().take(1).collect());
                let rest = line[cut.len()..].to_string();
                lines.push(cut);
                line = rest;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        if lines.len() <= max_lines {
            return (lines, false);
        }
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines is at least one");
        let mut kept = last.trim_end().to_string();
        while !kept.is_empty() && self.width(&format!("{kept}…")) > max_width {
            kept.pop();
        }
        // End on a whole word when one fits, without a dangling punctuation mark.
        if let Some(space) = kept.rfind(' ').filter(|&i| i > kept.len() / 2) {
            kept.truncate(space);
        }
        let trimmed = kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:.«“—-".contains(c));
        *last = format!("{trimmed}…");
        (lines, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_ends_with_an_ellipsis() {
        let style = Style::new(Weight::Bold, 40.0);
        let text = "Les troupes du génie nord-coréennes seraient déployées dans le Donbass \
                    dès l'été, selon une source anonyme citée par la presse sud-coréenne.";
        let (lines, cut) = style.wrap(text, 500.0, 3);
        assert!(cut);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        for line in &lines {
            assert!(style.width(line) <= 500.0, "{line}");
        }
        let (lines, cut) = style.wrap("Court.", 500.0, 3);
        assert_eq!((lines, cut), (vec!["Court.".to_string()], false));
    }

    #[test]
    fn accents_have_glyphs() {
        let font = Style::new(Weight::Regular, 20.0).font();
        for c in "éèêëàâçôûùïîœÉÀÇ«»’€".chars() {
            assert_ne!(font.glyph_id(c).0, 0, "{c}");
        }
    }
}
