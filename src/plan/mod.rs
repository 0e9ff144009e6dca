//! Plans: the model ([`model`]), reading TOML files into it with located errors ([`load`]), and the checks
//! that `lint` runs on top ([`validate`]). The ten plans of the source documents are embedded at build time.

pub mod indicators;
pub mod keys;
pub mod load;
pub mod model;
pub mod usage;
pub mod validate;
pub mod wording;

pub use load::{load_catalog, Catalog, PlanSource};
pub use model::{Attribute, Baseline, Domain, Plan, PlanKind, PlanMeta, Target, TargetSource};

/// The plan and indicator files under `plans/`, embedded at build time: (path, text).
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
