//! Reading what the command is given: the files under its paths (folders
//! walked respecting `.gitignore`, as git and ripgrep do) and each file's
//! text, with a sentence for what cannot be read (too big, binary, not UTF-8);
//! and where a file first differs from what the editor writes.

use postmortem_core::file::MAX_BYTES;
use std::path::{Path, PathBuf};

/// A file that could not be read, and why, in a sentence; where in the
/// file when that is known.
pub struct Unreadable {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Unreadable {
    fn at_start(message: String) -> Unreadable {
        Unreadable {
            line: 1,
            column: 1,
            message,
        }
    }
}

/// The `.md`, `.markdown` and `.json` files under `paths`, sorted; a path
/// named outright is taken whatever its extension. A path that does not
/// exist is an error of its own.
pub fn files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for path in paths {
        if path.is_file() {
            found.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            missing.push((path.clone(), "no such file or folder".to_string()));
            continue;
        }
        let walk = ignore::WalkBuilder::new(path)
            // .gitignore counts in a folder that is not (yet) a git checkout too.
            .require_git(false)
            .build();
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && wanted(e.path()) => {
                    found.push(e.into_path())
                }
                Ok(_) => {}
                Err(e) => missing.push((path.clone(), e.to_string())),
            }
        }
    }
    found.sort();
    found.dedup();
    (found, missing)
}

fn wanted(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "json"))
}

/// A file's text, or why it cannot be read as a postmortem.
pub fn read(path: &Path) -> Result<String, Unreadable> {
    let size = std::fs::metadata(path)
        .map_err(|e| Unreadable::at_start(format!("cannot be read: {e}")))?
        .len();
    if size > MAX_BYTES as u64 {
        return Err(Unreadable::at_start(format!(
            "is {:.1} MB; files over {} MB are not read (the editor's limit too). A postmortem is usually under 1 MB: is this the right file?",
            size as f64 / (1024.0 * 1024.0),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let bytes =
        std::fs::read(path).map_err(|e| Unreadable::at_start(format!("cannot be read: {e}")))?;
    if bytes[..bytes.len().min(8000)].contains(&0) {
        return Err(Unreadable::at_start(
            "is a binary file (it holds NUL bytes), not a postmortem".to_string(),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = std::str::from_utf8(good).unwrap_or_default();
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Unreadable {
            line,
            column,
            message: format!(
                "is not UTF-8 text: the byte at line {line}, column {column} is not UTF-8. Save the file as UTF-8 and check again."
            ),
        }
    })
}

/// A path as it is shown: relative as given, with `/` separators.
pub fn shown(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The first line where a file differs from what the editor would write,
/// or None when it is the same (line endings and a byte-order mark aside).
pub fn first_difference(text: &str, written: &str) -> Option<usize> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    if text == written {
        return None;
    }
    let mut a = text.split('\n');
    let mut b = written.split('\n');
    let mut line = 1;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => line += 1,
            _ => return Some(line),
        }
    }
}
