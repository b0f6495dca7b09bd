//! Where things go on a card: a band in the verdict's colour, the site's name, a big verdict
//! badge, the claim in large type and a byline, like a newsroom's social image.

use super::canvas::Canvas;
use super::type_set::{Style, Weight};
use super::{ActorCard, ClaimCard, HEIGHT, WIDTH};
use crate::color::Rgb;

const PAPER: Rgb = Rgb(0xff, 0xff, 0xff);
const INK: Rgb = Rgb(0x11, 0x18, 0x27);
const MUTED: Rgb = Rgb(0x4b, 0x55, 0x63);
const RULE: Rgb = Rgb(0xe5, 0xe7, 0xeb);
const MARGIN: u32 = 72;
const BAND: u32 = 16;

/// The band, the site's name and the kicker, and the rule above the byline: what every card has.
fn frame(canvas: &mut Canvas, band: Rgb, site: &str, kicker: &str) {
    let band_ink = canvas.ink(band, PAPER);
    canvas.fill(0, 0, WIDTH, BAND, band_ink);
    let ink = canvas.ink(INK, PAPER);
    let muted = canvas.ink(MUTED, PAPER);
    let name = Style::new(Weight::Bold, 30.0);
    let kick = Style::new(Weight::Regular, 26.0);
    let right = (WIDTH - MARGIN) as f32;
    let kicker = kicker.to_uppercase();
    let kicker_width = kick.width(&kicker);
    let (site, _) = name.wrap(site, right - MARGIN as f32 - kicker_width - 40.0, 1);
    name.draw(canvas, MARGIN as f32, 84.0, &site.concat(), ink);
    kick.draw(canvas, right - kicker_width, 84.0, &kicker, muted);
    let rule = canvas.ink(RULE, PAPER);
    canvas.fill(MARGIN, HEIGHT - 104, WIDTH - 2 * MARGIN, 2, rule);
}

/// A claim's card.
pub fn claim(card: &ClaimCard) -> Canvas {
    let mut canvas = Canvas::new(WIDTH, HEIGHT, PAPER);
    frame(&mut canvas, card.color, &card.site, &card.kicker);

    // The verdict: a badge as tall as a headline, in the rating's colour.
    let badge = Style::new(Weight::Bold, 46.0);
    let label = card.verdict.to_uppercase();
    let max_badge = (WIDTH - 2 * MARGIN) as f32 - 72.0;
    let (label, _) = badge.wrap(&label, max_badge, 1);
    let label = label.concat();
    let (top, height, pad) = (124u32, 84u32, 36.0);
    let width = (badge.width(&label) + 2.0 * pad).ceil() as u32;
    let fill = canvas.ink(card.color, PAPER);
    canvas.rounded(MARGIN, top, width, height, 12, fill);
    let on_badge = canvas.ink(card.color.text_on(), card.color);
    let baseline = top as f32 + (height as f32 + badge.cap_height()) / 2.0;
    badge.draw(&mut canvas, MARGIN as f32 + pad, baseline, &label, on_badge);

    // The claim, as large as it fits in the space left.
    let text_top = (top + height + 34) as f32;
    let text_bottom = (HEIGHT - 134) as f32;
    let max_width = (WIDTH - 2 * MARGIN) as f32;
    let ink = canvas.ink(INK, PAPER);
    let sizes = [(54.0, 4), (46.0, 5), (40.0, 5)];
    let mut chosen = None;
    for (i, &(px, max_lines)) in sizes.iter().enumerate() {
        let style = Style::new(Weight::Bold, px);
        let (lines, cut) = style.wrap(&card.text, max_width, max_lines);
        if !cut || i == sizes.len() - 1 {
            chosen = Some((style, lines));
            break;
        }
    }
    let (style, lines) = chosen.expect("the last size is always chosen");
    let leading = style.px * 1.2;
    let block = leading * lines.len() as f32;
    // Centred in its space when short; from the top when it fills it.
    let first = text_top + ((text_bottom - text_top - block) / 2.0).max(0.0) + style.cap_height();
    for (i, line) in lines.iter().enumerate() {
        style.draw(
            &mut canvas,
            MARGIN as f32,
            first + leading * i as f32,
            line,
            ink,
        );
    }

    byline(&mut canvas, &card.byline);
    canvas
}

/// The line under the rule: who and when.
fn byline(canvas: &mut Canvas, text: &str) {
    let muted = canvas.ink(MUTED, PAPER);
    let style = Style::new(Weight::Regular, 30.0);
    let (line, _) = style.wrap(text, (WIDTH - 2 * MARGIN) as f32, 1);
    style.draw(
        canvas,
        MARGIN as f32,
        (HEIGHT - 46) as f32,
        &line.concat(),
        muted,
    );
}

/// An actor's card: the name and the verdicts on the claims it made, as one bar.
pub fn actor(card: &ActorCard) -> Canvas {
    let mut canvas = Canvas::new(WIDTH, HEIGHT, PAPER);
    frame(&mut canvas, INK, &card.site, &card.kicker);
    let ink = canvas.ink(INK, PAPER);
    let max_width = (WIDTH - 2 * MARGIN) as f32;
    let name = Style::new(Weight::Bold, 64.0);
    let (lines, _) = name.wrap(&card.name, max_width, 2);
    let mut y = 150.0 + name.cap_height();
    for line in &lines {
        name.draw(&mut canvas, MARGIN as f32, y, line, ink);
        y += name.px * 1.15;
    }
    byline(&mut canvas, &card.subtitle);
    let total: usize = card.scores.iter().map(|s| s.2).sum();
    let bar_top = (y - name.px * 1.15 + 90.0) as u32;
    if total == 0 {
        let muted = canvas.ink(MUTED, PAPER);
        let style = Style::new(Weight::Regular, 34.0);
        let (line, _) = style.wrap(&card.empty, max_width, 1);
        style.draw(
            &mut canvas,
            MARGIN as f32,
            bar_top as f32 + 40.0,
            &line.concat(),
            muted,
        );
        return canvas;
    }
    // The bar: one segment per verdict, as wide as its share of the claims.
    let bar_height = 56u32;
    let mut x = MARGIN;
    let full = WIDTH - 2 * MARGIN;
    let mut done = 0usize;
    for (_, color, n) in &card.scores {
        done += n;
        let end = MARGIN + (full as usize * done / total) as u32;
        let segment = canvas.ink(*color, PAPER);
        canvas.fill(x, bar_top, end - x, bar_height, segment);
        x = end;
    }
    // The legend: a swatch, the verdict and its count, in rows.
    let legend = Style::new(Weight::Regular, 28.0);
    let count = Style::new(Weight::Bold, 28.0);
    let (mut lx, mut ly) = (MARGIN as f32, (bar_top + bar_height + 56) as f32);
    for (label, color, n) in &card.scores {
        let number = n.to_string();
        let width = 34.0 + legend.width(label) + 10.0 + count.width(&number) + 36.0;
        if lx + width > (WIDTH - MARGIN) as f32 && lx > MARGIN as f32 {
            lx = MARGIN as f32;
            ly += 46.0;
            if ly > (HEIGHT - 120) as f32 {
                break;
            }
        }
        let swatch = canvas.ink(*color, PAPER);
        canvas.rounded(lx as u32, (ly - 22.0) as u32, 24, 24, 4, swatch);
        let w = legend.draw(&mut canvas, lx + 34.0, ly, label, ink);
        count.draw(&mut canvas, lx + 34.0 + w + 10.0, ly, &number, ink);
        lx += width;
    }
    canvas
}
