//! The raw shapes of entries as written in front matter, before validation.

use serde::Deserialize;

/// A scalar written as a string, a number or a boolean (`status: true` is YAML's boolean).
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, a number or a date")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// One name of a list: a YAML `null` (`tags: [a, null]`, `- ~`) is refused rather than read as
/// the text "null".
struct ListName(String);

impl<'de> Deserialize<'de> for ListName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(name) => Ok(ListName(name)),
            None => Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Other("null (an empty item)"),
                &"a name (remove the empty item, or quote \"null\" if it is the name)",
            )),
        }
    }
}

/// A list of names (`tags`, `aliases`), each refused when null.
fn name_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let names = Vec::<ListName>::deserialize(d)?;
    Ok(names.into_iter().map(|n| n.0).collect())
}

/// One name or a list of names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names(pub Vec<String>);

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Names;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name or a list of names")
            }
            fn visit_str<E>(self, v: &str) -> Result<Names, E> {
                Ok(Names(vec![v.to_string()]))
            }
            fn visit_unit<E>(self) -> Result<Names, E> {
                Ok(Names(Vec::new()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Names, A::Error> {
                let mut names = Vec::new();
                while let Some(ListName(name)) = seq.next_element()? {
                    names.push(name);
                }
                Ok(Names(names))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub publisher: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<Scalar>,
    pub archive: Option<String>,
}

/// `image: {src, alt, caption, credit}`: the claim as it appeared.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    pub src: Option<String>,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrection {
    pub date: Scalar,
    pub note: String,
    pub previous_status: Option<Scalar>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct RawClaim {
    pub title: Option<String>,
    pub claim: Option<String>,
    /// The claimant's exact words (the only text shown in quotation marks).
    pub quote: Option<String>,
    #[serde(default)]
    pub claimant: Names,
    #[serde(default)]
    pub about: Names,
    pub date: Option<Scalar>,
    /// The date is an estimate ("vers le 27 juin 2024").
    #[serde(default)]
    pub date_approximate: bool,
    pub published: Option<Scalar>,
    pub status: Option<Scalar>,
    pub summary: Option<String>,
    pub source: Option<RawSource>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default, deserialize_with = "name_list")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub corrections: Vec<RawCorrection>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    /// Where the fact-check was first published, for an entry imported from another site.
    pub original_url: Option<String>,
    pub image: Option<RawImage>,
    /// Who wrote and who edited the fact-check: names or slugs of `content/team/` profiles.
    #[serde(default)]
    pub authors: Names,
    #[serde(default)]
    pub editors: Names,
}

pub const CLAIM_KEYS: &[&str] = &[
    "title",
    "claim",
    "quote",
    "claimant",
    "about",
    "date",
    "date_approximate",
    "published",
    "status",
    "summary",
    "source",
    "sources",
    "tags",
    "corrections",
    "draft",
    "slug",
    "original_url",
    "image",
    "authors",
    "editors",
];

#[derive(Debug, Clone, Deserialize, Default)]
pub struct RawActor {
    pub name: Option<String>,
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "name_list")]
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub slug: Option<String>,
}

pub const ACTOR_KEYS: &[&str] = &["name", "kind", "aliases", "description", "url", "slug"];

#[derive(Debug, Clone, Deserialize, Default)]
pub struct RawPage {
    pub title: Option<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

/// A profile of the desk's people (`content/team/<slug>.md`).
#[derive(Debug, Clone, Deserialize, Default)]
pub struct RawMember {
    pub name: Option<String>,
    pub role: Option<String>,
    pub slug: Option<String>,
}

pub const MEMBER_KEYS: &[&str] = &["name", "role", "slug"];

pub const PAGE_KEYS: &[&str] = &["title", "description", "slug", "draft"];
