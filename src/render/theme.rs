//! The theme: the built-in templates and assets (compiled into the binary from the repository's
//! `templates/`) with a site's own `templates/` files overriding them file by file.

use super::output::RenderError;
use super::values::ItemLevels;
use crate::urls::UrlBuilder;
use std::collections::BTreeMap;
use tera::{Kwargs, State, Tera};

macro_rules! embed {
    ($($name:literal),* $(,)?) => { &[$(($name, include_str!(concat!("../../templates/", $name)))),*] };
}

/// Templates of the built-in theme.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "components.html",
    "index.html",
    "claim.html",
    "timeline.html",
    "actors.html",
    "actor.html",
    "ratings.html",
    "rating.html",
    "tags.html",
    "tag.html",
    "page.html",
    "404.html",
    "search.html",
    "corrections.html",
    "list_part.html",
    "embed.html",
    "team.html",
    "member.html",
);

/// Static assets of the built-in theme, written under `assets/`.
pub const BUILTIN_ASSETS: &[(&str, &str)] = embed!(
    "assets/site.css",
    "assets/site.js",
    "assets/favicon.svg",
    "assets/embed.css"
);

pub struct Theme {
    pub tera: Tera,
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Whether the claim lists are the built-in ones (`components.html` not overridden).
    pub item_levels: ItemLevels,
}

impl Theme {
    /// Builds the theme; `overrides` are a site's `templates/` files (name relative to that
    /// folder, content). An override named like a built-in asset replaces it.
    pub fn new(
        overrides: &[(String, Vec<u8>)],
        urls: &UrlBuilder,
    ) -> Result<Theme, Vec<RenderError>> {
        let mut templates: BTreeMap<String, (String, bool)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), (t.to_string(), false)))
            .collect();
        let mut assets: BTreeMap<String, Vec<u8>> = BUILTIN_ASSETS
            .iter()
            .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
            .collect();
        let mut errors = Vec::new();
        for (name, bytes) in overrides {
            if name.starts_with("assets/") {
                assets.insert(name.clone(), bytes.clone());
            } else if name.ends_with(".html") || name.ends_with(".xml") {
                match String::from_utf8(bytes.clone()) {
                    Ok(text) => {
                        templates.insert(name.clone(), (text, true));
                    }
                    Err(_) => errors.push(RenderError::Template {
                        name: format!("templates/{name}"),
                        message: "not valid UTF-8".into(),
                    }),
                }
            }
        }
        let mut tera = Tera::default();
        let base_path = urls.base_path().to_string();
        tera.register_function(
            "url",
            move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
                let path: String = kwargs.must_get("path")?;
                Ok(format!("{base_path}{}", path.trim_start_matches('/')))
            },
        );
        tera.register_filter("heading_level", heading_level);
        let item_levels = match templates.get("components.html") {
            Some((_, false)) => ItemLevels::One,
            _ => ItemLevels::Each,
        };
        let named: Vec<(String, String)> = templates
            .iter()
            .map(|(n, (t, _))| (n.clone(), t.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(named) {
            // Name the override when one is involved: Tera's message carries the template name.
            let message = e.to_string();
            let name = templates
                .iter()
                .find(|(n, (_, overridden))| *overridden && message.contains(n.as_str()))
                .map(|(n, _)| format!("templates/{n}"))
                .unwrap_or_else(|| "templates".into());
            errors.push(RenderError::Template { name, message });
        }
        if errors.is_empty() {
            Ok(Theme {
                tera,
                assets,
                item_levels,
            })
        } else {
            Err(errors)
        }
    }
}

/// `{{ c.item | heading_level(level=4) }}`: a claim's list item, rendered at heading level 3, at
/// another level: its `<h3` and `</h3>` become `<h4` and `</h4>`. Only the built-in item is given
/// to it, whose one heading is the title (every text in it is escaped, so no other `<h3` can
/// appear).
fn heading_level(item: &str, kwargs: Kwargs, _: &State) -> tera::TeraResult<tera::Value> {
    let level: u8 = kwargs.must_get("level")?;
    if !(1..=6).contains(&level) {
        return Err(tera::Error::message(format!(
            "heading_level: level {level} is not 1 to 6"
        )));
    }
    Ok(tera::Value::safe_string(&relevel(item, level)))
}

fn relevel(item: &str, level: u8) -> String {
    if level == 3 {
        return item.to_string();
    }
    let (open, close) = (format!("<h{level}"), format!("</h{level}>"));
    let mut out = item.to_string();
    if let Some(at) = out.rfind("</h3>") {
        out.replace_range(at..at + 5, &close);
    }
    if let Some(at) = out.find("<h3") {
        out.replace_range(at..at + 3, &open);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::relevel;

    #[test]
    fn relevel_moves_the_one_heading() {
        let item = r#"<p>a</p><h3 class="t"><a href="/x/">&lt;h3&gt;</a></h3><p>b</p>"#;
        assert_eq!(
            relevel(item, 5),
            r#"<p>a</p><h5 class="t"><a href="/x/">&lt;h3&gt;</a></h5><p>b</p>"#
        );
        assert_eq!(relevel(item, 3), item);
    }
}
