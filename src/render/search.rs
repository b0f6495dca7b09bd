//! The search index: one compact JSON array per claim, actor and tag, with a folded text
//! (lowercase, no accents) so that "coree" finds « Corée » without a server.

use crate::model::Site;
use crate::slug::fold;
use crate::urls::site_path;

/// One search entry: kind ("c", "a", "t"), name, URL, date, rating key, rating label, a line of
/// context, and the folded text matched against. Serialized as a JSON array.
type Doc<'a> = (
    &'static str,
    &'a str,
    String,
    String,
    &'a str,
    &'a str,
    String,
    String,
);

pub fn index(site: &Site) -> Vec<u8> {
    let urls = &site.config.urls;
    let mut docs: Vec<Doc> =
        Vec::with_capacity(site.claims.len() + site.actors.len() + site.tags.len());
    for c in &site.claims {
        let rating = &site.ratings[c.rating];
        let names: Vec<&str> = c.actors().map(|a| site.actors[a].name.as_str()).collect();
        let tags: Vec<&str> = c.tags.iter().map(|&t| site.tags[t].name.as_str()).collect();
        let text = fold(&format!(
            "{} {} {} {} {}",
            c.title,
            c.claim,
            names.join(" "),
            tags.join(" "),
            rating.label
        ));
        docs.push((
            "c",
            &c.title,
            urls.path(&site_path::claim(&c.slug)),
            c.date.to_string(),
            &rating.key,
            &rating.label,
            names.join(", "),
            text,
        ));
    }
    for a in &site.actors {
        let text = fold(&format!("{} {}", a.name, a.aliases.join(" ")));
        docs.push((
            "a",
            &a.name,
            urls.path(&site_path::actor(&a.slug)),
            String::new(),
            "",
            "",
            a.description.clone().unwrap_or_default(),
            text,
        ));
    }
    for t in &site.tags {
        docs.push((
            "t",
            &t.name,
            urls.path(&site_path::tag(&t.slug)),
            String::new(),
            "",
            "",
            String::new(),
            fold(&t.name),
        ));
    }
    serde_json::to_vec(&docs).expect("strings serialize")
}
