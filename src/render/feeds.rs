//! Atom feeds (site, per actor, corrections), written with `atom_syndication`.

use super::i18n::format_date;
use crate::model::{ClaimId, Correction, Site};
use crate::urls::site_path;
use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{NaiveDate, TimeZone, Utc};

/// How many claims a feed carries.
pub const FEED_LENGTH: usize = 50;

fn datetime(date: NaiveDate) -> FixedDateTime {
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .fixed_offset()
}

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link.set_mime_type(mime.map(str::to_string));
    link
}

/// A feed of claims (newest publication first).
pub fn claims_feed(
    site: &Site,
    feed_path: &str,
    page_path: &str,
    title: String,
    claims: &[ClaimId],
) -> Vec<u8> {
    let mut ids: Vec<ClaimId> = claims.to_vec();
    ids.sort_by(|&a, &b| {
        site.claims[b]
            .published
            .cmp(&site.claims[a].published)
            .then(a.cmp(&b))
    });
    ids.truncate(FEED_LENGTH);
    let entries = ids.iter().map(|&id| claim_entry(site, id)).collect();
    let updated = ids
        .iter()
        .map(|&id| site.claims[id].modified())
        .max()
        .or(site.updated);
    feed(site, feed_path, page_path, title, updated, entries)
}

/// A correction's note, after the change of verdict it made, if any: "rating changed:
/// Unverified → Mixed. <note>", as the corrections page shows it.
fn correction_summary(site: &Site, correction: &Correction) -> String {
    match (correction.previous_rating, correction.rating_after) {
        (Some(before), Some(after)) => {
            let t = super::i18n::strings(site.config.language);
            format!(
                "{}{} {} → {}. {}",
                capitalized(t["rating_change"]),
                t["colon"],
                site.ratings[before].label,
                site.ratings[after].label,
                correction.note
            )
        }
        _ => correction.note.clone(),
    }
}

/// Text in a French feed gets the no-break spaces its pages have.
fn typeset(site: &Site, text: String) -> String {
    match site.config.language {
        crate::config::Language::Fr => super::typography::french_text(&text).into_owned(),
        crate::config::Language::En => text,
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The corrections feed: one entry per correction, newest first.
pub fn corrections_feed(site: &Site, title: String) -> Vec<u8> {
    let urls = &site.config.urls;
    let language = site.config.language;
    let corrections = site.corrections();
    let entries = corrections
        .iter()
        .take(FEED_LENGTH)
        .enumerate()
        .map(|(i, (claim_id, correction))| {
            let claim = &site.claims[*claim_id];
            let url = urls.absolute(&site_path::claim(&claim.slug));
            let mut entry = Entry::default();
            let title = format!(
                "{} ({})",
                claim.title,
                format_date(correction.date, language)
            );
            entry.set_title(Text::plain(typeset(site, title)));
            entry.set_id(format!("{url}#correction-{}-{i}", correction.date));
            entry.set_updated(datetime(correction.date));
            entry.set_links(vec![link(url, "alternate", Some("text/html"))]);
            let summary = typeset(site, correction_summary(site, correction));
            entry.set_summary(Some(Text::plain(summary)));
            entry
        })
        .collect();
    let updated = corrections.first().map(|(_, c)| c.date).or(site.updated);
    feed(
        site,
        site_path::CORRECTIONS_FEED,
        site_path::CORRECTIONS,
        title,
        updated,
        entries,
    )
}

fn claim_entry(site: &Site, id: ClaimId) -> Entry {
    let claim = &site.claims[id];
    let urls = &site.config.urls;
    let url = urls.absolute(&site_path::claim(&claim.slug));
    let mut entry = Entry::default();
    entry.set_title(Text::plain(typeset(site, claim.title.clone())));
    entry.set_id(url.clone());
    entry.set_updated(datetime(claim.modified()));
    entry.set_published(Some(datetime(claim.published)));
    entry.set_links(vec![link(url, "alternate", Some("text/html"))]);
    // A few names, as in list items: an entry is in the feed of every actor it names.
    let (shown, more) = super::values::names_shown(&claim.claimants);
    let mut claimants: Vec<&str> = shown
        .iter()
        .map(|&a| site.actors[a].name.as_str())
        .collect();
    let others = format!(
        "+{more} {}",
        super::i18n::strings(site.config.language)["others"]
    );
    if more > 0 {
        claimants.push(&others);
    }
    let summary = if claimants.is_empty() {
        super::text::verdict_line(site, claim)
    } else {
        format!(
            "{}{} {}",
            claimants.join(", "),
            super::i18n::strings(site.config.language)["colon"],
            super::text::verdict_line(site, claim)
        )
    };
    let summary = typeset(site, summary);
    entry.set_summary(Some(Text::plain(summary.clone())));
    let mut content = Content::default();
    content.set_content_type(Some("text".to_string()));
    content.set_value(Some(summary));
    entry.set_content(Some(content));
    for &t in &claim.tags {
        let mut category = atom_syndication::Category::default();
        category.set_term(site.tags[t].name.clone());
        entry.categories.push(category);
    }
    entry
}

fn feed(
    site: &Site,
    feed_path: &str,
    page_path: &str,
    title: String,
    updated: Option<NaiveDate>,
    entries: Vec<Entry>,
) -> Vec<u8> {
    let urls = &site.config.urls;
    let mut feed = Feed::default();
    feed.set_title(Text::plain(title));
    feed.set_id(urls.absolute(feed_path));
    feed.set_updated(datetime(
        updated.unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date")),
    ));
    feed.set_lang(Some(site.config.language.code().to_string()));
    feed.set_links(vec![
        link(
            urls.absolute(feed_path),
            "self",
            Some("application/atom+xml"),
        ),
        link(urls.absolute(page_path), "alternate", Some("text/html")),
    ]);
    let mut author = Person::default();
    author.set_name(site.config.publisher.name.clone());
    author.set_uri(Some(
        site.config
            .publisher
            .url
            .clone()
            .unwrap_or_else(|| urls.root_url()),
    ));
    feed.set_authors(vec![author]);
    if !site.config.description.is_empty() {
        feed.set_subtitle(Some(Text::plain(site.config.description.clone())));
    }
    let mut generator = atom_syndication::Generator::default();
    generator.set_value("digest");
    feed.set_generator(Some(generator));
    feed.set_entries(entries);
    // Content is refused with control characters; this keeps site.toml's text, or anything
    // missed, from making the feed malformed XML.
    crate::text::strip_xml_forbidden(feed.to_string()).into_bytes()
}
