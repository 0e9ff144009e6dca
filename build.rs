//! Embeds every plan file under plans/ into the binary, so that plancheck works from any directory.
use std::fmt::Write;
use std::path::Path;

fn list(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let plans = Path::new(&root).join("plans");
    let indicators = plans.join("indicators");
    println!("cargo:rerun-if-changed=plans");
    println!("cargo:rerun-if-changed=plans/indicators");
    let mut out = String::new();
    for (name, dir, prefix) in [("INDICATOR_FILES", &indicators, "plans/indicators/"), ("PLAN_FILES", &plans, "plans/")]
    {
        let _ = writeln!(out, "pub const {name}: &[(&str, &str)] = &[");
        for file in list(dir) {
            let path = dir.join(&file);
            println!("cargo:rerun-if-changed={}", path.display());
            let _ =
                writeln!(out, "    ({:?}, include_str!({:?})),", format!("{prefix}{file}"), path.display().to_string());
        }
        let _ = writeln!(out, "];");
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
