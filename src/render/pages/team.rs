//! The desk's pages: `/team/` (each person with their role and how many fact-checks they wrote
//! and edited) and `/team/<slug>/` (the bio, and the fact-checks written and edited).

use super::frame::{html, meta};
use crate::model::{Member, MemberId, Site};
use crate::render::i18n::Strings;
use crate::render::output::RenderError;
use crate::render::renderer::Renderer;
use crate::urls::site_path;
use serde::Serialize;
use tera::{Context, Value};

type Page = Result<Vec<u8>, RenderError>;

#[derive(Serialize)]
struct MemberSummary<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    role: Option<&'a str>,
    wrote: usize,
    edited: usize,
    /// The language of the profile's name, role and bio when not the page's.
    lang: Option<&'static str>,
}

fn summary<'a>(site: &Site, m: &'a Member) -> MemberSummary<'a> {
    MemberSummary {
        slug: &m.slug,
        name: &m.name,
        url: site.config.urls.path(&site_path::member(&m.slug)),
        role: m.role.as_deref(),
        wrote: m.wrote.len(),
        edited: m.edited.len(),
        lang: crate::render::values::lang(m.lang),
    }
}

pub fn index(r: &Renderer, t: &Strings) -> Page {
    let site = r.site;
    let team: Vec<MemberSummary> = site.team.iter().map(|m| summary(site, m)).collect();
    let mut ctx = Context::new();
    ctx.insert("team", &team);
    let m = meta(
        site,
        "team",
        t["team"].to_string(),
        t["team_intro"].to_string(),
        site_path::TEAM,
    );
    html(r, "team.html", m, ctx)
}

pub fn member(r: &Renderer, t: &Strings, id: MemberId) -> Page {
    let site = r.site;
    let member = &site.team[id];
    let path = site_path::member(&member.slug);
    let mut value = Value::from_serializable(&summary(site, member))
        .into_map()
        .expect("a struct is a map");
    value.insert(
        "bio".into(),
        Value::safe_string(&r.markdown(&member.bio, &path)),
    );
    let mut ctx = Context::new();
    ctx.insert_value("member", Value::from(value));
    ctx.insert_value("wrote", r.values.claim_list(&member.wrote));
    ctx.insert_value("edited", r.values.claim_list(&member.edited));
    let description = match &member.role {
        Some(role) => format!("{} — {role}", member.name),
        None => format!("{} — {}", member.name, t["team"]),
    };
    html(
        r,
        "member.html",
        meta(site, "member", member.name.clone(), description, &path),
        ctx,
    )
}
