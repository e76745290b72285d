//! Printing what `check` found: one line per problem for people
//! (`path:line:column: level[code]: sentence`), GitHub Actions workflow
//! commands for a pull request's diff, or one JSON document for programs.

use crate::OutputFormat;
use serde::Serialize;

/// One problem at one place in one file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub column: usize,
    #[serde(serialize_with = "level_word")]
    pub level: Level,
    pub code: String,
    /// The field's path in the document (`timeline[3].at`), when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub message: String,
}

/// A problem's level is the editor's own (`error`, `warning`).
pub use postmortem_core::validate::Level;

fn level_word<S: serde::Serializer>(level: &Level, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(level.word())
}

/// What the whole run found, for the summary.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    /// `.md`/`.json` files that are not postmortems of this format.
    pub skipped: usize,
    /// Postmortems written elsewhere (for `postmortem import`).
    pub elsewhere: usize,
    pub unreadable: usize,
}

pub fn print(findings: &[Finding], summary: &Summary, format: OutputFormat) {
    match format {
        OutputFormat::Human => {
            for f in findings {
                println!(
                    "{}:{}:{}: {}[{}]: {}",
                    f.file,
                    f.line,
                    f.column,
                    f.level.word(),
                    f.code,
                    // One line per problem: a message of several lines
                    // (every wrong value of a JSON file) is joined.
                    f.message.replace('\n', " ")
                );
            }
            eprintln!("{}", sentence(summary));
        }
        OutputFormat::Github => {
            for f in findings {
                println!(
                    "::{} file={},line={},col={},title={}::{}",
                    f.level.word(),
                    escape_property(&f.file),
                    f.line,
                    f.column,
                    escape_property(&f.code),
                    escape_data(&f.message)
                );
            }
            eprintln!("{}", sentence(summary));
        }
        OutputFormat::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                problems: &'a [Finding],
                summary: &'a Summary,
            }
            let out = Out {
                problems: findings,
                summary,
            };
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
    }
}

/// The summary in a sentence.
fn sentence(s: &Summary) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let mut out = format!(
        "Checked {}: {}, {}.",
        n(s.files, "postmortem", "postmortems"),
        n(s.errors, "error", "errors"),
        n(s.warnings, "warning", "warnings")
    );
    if s.unreadable > 0 {
        out += &format!(" {} could not be read.", n(s.unreadable, "file", "files"));
    }
    if s.elsewhere > 0 {
        out += &format!(
            " {} written elsewhere (turn each into this format with `postmortem import FILE`).",
            n(
                s.elsewhere,
                "file looks like a postmortem",
                "files look like postmortems"
            )
        );
    }
    if s.skipped > 0 {
        out += &format!(
            " {} skipped (not postmortems).",
            n(s.skipped, "file", "files")
        );
    }
    out
}

/// GitHub's escapes for a workflow command's data.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escapes for a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
