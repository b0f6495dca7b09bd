//! The globals every template sees.

use crate::model::Site;
use crate::render::i18n::{self, format_date};
use crate::render::values::LinkValue;
use crate::render::values::SharedValues;
use crate::render::{assets, search};
use crate::urls::site_path;
use serde::Serialize;
use tera::{Tera, Value};

/// The globals every template sees: `site` (title, language, navigation, scale) and `t` (UI strings).
pub fn set_globals(tera: &mut Tera, site: &Site, values: &SharedValues, has_code: bool) {
    let urls = &site.config.urls;
    let t = i18n::strings(site.config.language);
    #[derive(Serialize)]
    struct Nav<'a> {
        label: &'a str,
        url: String,
        kind: &'a str,
    }
    let nav = vec![
        Nav {
            label: t["timeline"],
            url: urls.path(site_path::TIMELINE),
            kind: "timeline",
        },
        Nav {
            label: t["actors"],
            url: urls.path(site_path::ACTORS),
            kind: "actors",
        },
        Nav {
            label: t["ratings"],
            url: urls.path(site_path::RATINGS),
            kind: "ratings",
        },
        Nav {
            label: t["tags"],
            url: urls.path(site_path::TAGS),
            kind: "tags",
        },
        Nav {
            label: t["search"],
            url: urls.path(site_path::SEARCH),
            kind: "search",
        },
    ];
    let pages: Vec<LinkValue> = site
        .pages
        .iter()
        .map(|p| LinkValue {
            name: &p.title,
            url: urls.path(&site_path::page(&p.slug)),
            lang: None,
        })
        .collect();
    // On a translated site, the texts `[[languages]]` does not give are the default language's.
    let config = &site.config;
    let default =
        (config.language != config.default_language).then(|| config.default_language.code());
    let own = config.languages.iter().find(|l| l.code == config.language);
    let title_lang = default.filter(|_| own.is_none_or(|l| l.title.is_none()));
    let description_lang = default.filter(|_| own.is_none_or(|l| l.description.is_none()));
    let global = serde_json::json!({
        "title": site.config.title,
        "description": site.config.description,
        "title_lang": title_lang,
        "description_lang": description_lang,
        "lang": site.config.language.code(),
        "base_url": urls.base_url(),
        "base_path": urls.base_path(),
        "home_url": urls.path(site_path::HOME),
        "feed_url": urls.path(site_path::FEED),
        "corrections_url": urls.path(site_path::CORRECTIONS),
        "team_url": (!site.team.is_empty()).then(|| urls.path(site_path::TEAM)),
        "corrections_feed_url": urls.path(site_path::CORRECTIONS_FEED),
        "search_url": urls.path(site_path::SEARCH),
        "search_index_url": urls.path(search::MANIFEST),
        "claims_json_url": urls.path(site_path::CLAIMS_JSON),
        "claims_jsonl_url": urls.path(site_path::CLAIMS_JSONL),
        "claims_csv_url": urls.path(site_path::CLAIMS_CSV),
        "css_url": urls.asset("assets/site.css"),
        "favicon_url": urls.asset("assets/favicon.svg"),
        "ratings_css_url": urls.asset(assets::RATINGS_CSS),
        "js_url": urls.asset("assets/site.js"),
        "highlight_css_url": if has_code { Some(urls.asset(assets::HIGHLIGHT_CSS)) } else { None },
        "publisher": { "name": site.config.publisher.name, "url": site.config.publisher.url.clone().unwrap_or_else(|| urls.root_url()), "lang": default },
        "nav": nav,
        "pages": pages,
        "claim_count": site.claims.len(),
        "updated": site.updated.map(|d| format_date(d, site.config.language)),
    });
    let mut global = Value::from_serializable(&global)
        .into_map()
        .expect("an object");
    global.insert(
        "ratings".into(),
        Value::from(values.ratings.as_slice().to_vec()),
    );
    let ctx = tera.global_context();
    ctx.insert_value("site", Value::from(global));
    ctx.insert("t", &t);
}
