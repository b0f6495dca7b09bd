//! Floor 2: the validated, immutable site: claims, actors, ratings, tags and pages, with every
//! index built once (claims by actor, rating and tag; timelines). This file only names the
//! parts; the types are in `site`, the ids in `ids`.

mod actors;
mod build;
mod corrections;
mod date_fields;
pub mod dates;
mod fields;
pub mod ids;
pub mod media;
pub mod periods;
mod placeholders;
pub mod registry;
mod revise;
mod site;
mod suggest;
mod tags;
mod team;
pub mod timeline;
mod validator;

pub use build::build_site;
pub use ids::{ActorId, ClaimId, IdVec, MemberId, PageId, RatingId, TagId};
pub use registry::{ActorRegistry, Resolution};
pub use revise::Revision;
pub use site::{Actor, Claim, Correction, Credit, Member, Page, Rating, Site, Source, Tag};
pub use validator::BuildOptions;
