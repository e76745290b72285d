//! Fixtures and helpers shared by the core tests.

use postmortem_core::format::json;
use postmortem_core::model::Document;

/// The repository's fixtures (tests/fixtures at the workspace root), which the
/// browser tests read too.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

/// A JSON fixture from tests/fixtures/, parsed.
pub fn fixture(name: &str) -> Document {
    let path = format!("{}/{name}.json", FIXTURES);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    json::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A foreign Markdown fixture's text.
pub fn foreign(name: &str) -> String {
    let path = format!("{}/foreign/{name}", FIXTURES);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Where the five shared seeds are: `POSTMORTEM_SEEDS`, else the shared
/// folder beside the checkout or on this machine. The seeds are real
/// postmortems and are not copied into this repository.
pub fn seeds_dir() -> Option<std::path::PathBuf> {
    let mut places: Vec<std::path::PathBuf> = Vec::new();
    if let Ok(dir) = std::env::var("POSTMORTEM_SEEDS") {
        places.push(dir.into());
    }
    places.push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds"));
    places.into_iter().find(|p| p.is_dir())
}

/// A seed's text by its number (`"003"`), or None when the seeds are not here
/// and `POSTMORTEM_NO_SEEDS` says to go without them (else it panics, so a
/// missing folder never passes silently).
pub fn seed(number: &str) -> Option<String> {
    let Some(dir) = seeds_dir() else {
        if std::env::var("POSTMORTEM_NO_SEEDS").is_ok() {
            eprintln!("skipped: seed {number} (POSTMORTEM_NO_SEEDS is set and the shared seeds are not here)");
            return None;
        }
        panic!("The seeds are not found: set POSTMORTEM_SEEDS to their folder, or POSTMORTEM_NO_SEEDS=1.");
    };
    let entry = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{number}_"))
        })
        .unwrap_or_else(|| panic!("seed {number} is not in {}", dir.display()));
    Some(String::from_utf8_lossy(&std::fs::read(entry).unwrap()).into_owned())
}
