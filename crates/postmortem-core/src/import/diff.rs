//! A postmortem that arrives as a unified diff of a note (`--- a/x.md`,
//! `+++ b/x.md`, `@@ -1,23 +1,54 @@`, lines starting `+`, `-` or a space),
//! as people paste from a pull request or a sync log. The note is its new
//! side: context and added lines. Removed lines are returned too, so the
//! importer can keep them in Notes.
//!
//! Some copies arrive with their newlines flattened to spaces: the whole
//! diff on one line. Its lines are found again where a ` +` or ` -` marker,
//! a heading's ` # ` or a front-matter key (` tags:`) starts one.

/// The two sides of a diff that were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sides {
    /// The note after the change: context and added lines, in order.
    pub new: Vec<String>,
    /// Lines the change removed.
    pub removed: Vec<String>,
    /// The diff's newlines had been flattened.
    pub flattened: bool,
    /// The file names the diff is of (`+++ b/…`), when given.
    pub file: Option<String>,
}

/// Whether a text is a unified diff: file headers and a hunk header.
fn is_diff(text: &str) -> bool {
    let start = text.trim_start();
    (start.starts_with("--- ") || start.starts_with("diff --git "))
        && text.contains("+++ ")
        && text.contains("@@ -")
}

/// `@@ -1,23 +1,54 @@` at `at`: where it ends.
fn hunk_header_end(s: &str, at: usize) -> Option<usize> {
    let rest = s.get(at..)?.strip_prefix("@@ -")?;
    let close = rest.find(" @@")?;
    let inner = &rest[..close];
    let ok = inner
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '+' | '-'))
        && inner.contains('+');
    ok.then_some(at + 4 + close + 3)
}

/// Reads a diff's sides, or None when the text is not a diff.
pub fn sides(text: &str) -> Option<Sides> {
    if !is_diff(text) {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let flattened = lines.iter().filter(|l| l.starts_with("@@ -")).count() == 0;
    let file = text
        .split("+++ ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .map(|f| f.trim_start_matches("b/").to_string());
    let mut out = Sides {
        new: Vec::new(),
        removed: Vec::new(),
        flattened,
        file,
    };
    if !flattened {
        let mut in_hunk = false;
        for line in lines {
            if line.starts_with("@@ -") {
                in_hunk = true;
            } else if !in_hunk
                || line.starts_with("diff --git ")
                || line.starts_with("+++ ")
                || line.starts_with("--- a/")
            {
                in_hunk = in_hunk && !line.starts_with("diff --git ");
            } else if let Some(added) = line.strip_prefix('+') {
                out.new.push(added.to_string());
            } else if let Some(gone) = line.strip_prefix('-') {
                out.removed.push(gone.to_string());
            } else if line.starts_with('\\') {
                // "\ No newline at end of file"
            } else {
                out.new
                    .push(line.strip_prefix(' ').unwrap_or(line).to_string());
            }
        }
        return Some(out);
    }
    // Flattened: every hunk body, one after another.
    let mut at = 0;
    while let Some(p) = text[at..].find("@@ -").map(|p| p + at) {
        let Some(body_start) = hunk_header_end(text, p) else {
            at = p + 4;
            continue;
        };
        let body_end = text[body_start..]
            .find(" @@ -")
            .map(|q| q + body_start)
            .filter(|&q| hunk_header_end(text, q + 1).is_some())
            .unwrap_or(text.len());
        read_flat(&text[body_start..body_end], &mut out);
        at = body_end;
    }
    Some(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Context,
    Added,
    Removed,
}

/// Splits one flattened hunk body into its lines.
fn read_flat(body: &str, out: &mut Sides) {
    let b = body.as_bytes();
    // (start of the line's text, its mark)
    let mut cuts: Vec<(usize, usize, Mark)> = Vec::new();
    let mut fences = 0;
    let mut i = 0;
    while i < b.len() {
        let after_space = i == 0 || b[i - 1] == b' ';
        if !after_space {
            i += 1;
            continue;
        }
        let rest = &body[i..];
        let next = |k: usize| b.get(i + k).copied();
        let cut = if rest.starts_with("---") && next(3).is_none_or(|c| c == b' ') {
            fences += 1;
            Some((i, i, Mark::Context))
        } else if b[i] == b'+' {
            match next(1) {
                // "+ x": an added line whose text starts after the space;
                // "+ +…" or "+" at the end: an empty added line.
                Some(b' ') => {
                    let text_at = i + 2;
                    // "+ - item" is an added list item; "+ -TODO" an empty
                    // added line, then a removed one.
                    let empty = match b.get(text_at) {
                        None | Some(b'+') => true,
                        Some(b'-') => b.get(text_at + 1).is_some_and(|c| *c != b' '),
                        _ => false,
                    };
                    Some((i, if empty { i + 1 } else { text_at }, Mark::Added))
                }
                None => Some((i, i + 1, Mark::Added)),
                Some(_) => Some((i, i + 1, Mark::Added)),
            }
        } else if b[i] == b'-' {
            match next(1) {
                Some(b' ') if next(2) == Some(b'-') => Some((i, i + 2, Mark::Removed)),
                Some(b' ') | None => None,
                Some(_) => Some((i, i + 1, Mark::Removed)),
            }
        } else if b[i] == b'#' && i > 0 {
            let hashes = rest.bytes().take_while(|c| *c == b'#').count();
            (hashes <= 6 && next(hashes) == Some(b' ')).then_some((i, i, Mark::Context))
        } else if fences == 1 && i > 0 {
            // A front-matter key: ` tags:` at the end or before a space.
            let key_len = rest
                .bytes()
                .take_while(|c| c.is_ascii_lowercase() || *c == b'_')
                .count();
            (key_len > 0
                && next(key_len) == Some(b':')
                && next(key_len + 1).is_none_or(|c| c == b' '))
            .then_some((i, i, Mark::Context))
        } else {
            None
        };
        if let Some(c) = cut {
            cuts.push(c);
            i = c.1.max(i + 1);
        } else {
            i += 1;
        }
    }
    if cuts.first().is_none_or(|c| c.0 > 0)
        && !body[..cuts.first().map_or(body.len(), |c| c.0)]
            .trim()
            .is_empty()
    {
        cuts.insert(0, (0, 0, Mark::Context));
    }
    for (n, &(_, text_at, mark)) in cuts.iter().enumerate() {
        let end = cuts.get(n + 1).map_or(body.len(), |c| c.0);
        let text = body[text_at.min(end)..end].trim_end().to_string();
        match mark {
            Mark::Removed => out.removed.push(text),
            Mark::Added | Mark::Context => out.new.push(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_with_newlines_reads_its_new_side() {
        let text = "--- a/n.md\n+++ b/n.md\n@@ -1,3 +1,4 @@\n # Title\n-TODO\n+Real text\n+- item\n context\n";
        let s = sides(text).unwrap();
        assert!(!s.flattened);
        assert_eq!(s.new, ["# Title", "Real text", "- item", "context"]);
        assert_eq!(s.removed, ["TODO"]);
        assert_eq!(s.file.as_deref(), Some("n.md"));
    }

    #[test]
    fn a_flattened_diff_is_split_into_its_lines() {
        let text = "--- a/n.md +++ b/n.md @@ -1,5 +1,9 @@ --- -title: +title: Outage \u{2014} 2024-04-11 +date: 2024-04-11 tags: + - incident + - api --- # Outage ## What Happened -TODO: fill +A deploy at 06:12 UTC broke it - badly. + +Second paragraph. ## Action Items -- [ ] TODO +- [ ] Add a check";
        let s = sides(text).unwrap();
        assert!(s.flattened);
        assert_eq!(
            s.new,
            [
                "---",
                "title: Outage \u{2014} 2024-04-11",
                "date: 2024-04-11",
                "tags:",
                "- incident",
                "- api",
                "---",
                "# Outage",
                "## What Happened",
                "A deploy at 06:12 UTC broke it - badly.",
                "",
                "Second paragraph.",
                "## Action Items",
                "- [ ] Add a check",
            ]
        );
        assert_eq!(s.removed, ["title:", "TODO: fill", "- [ ] TODO"]);
    }

    #[test]
    fn text_that_is_not_a_diff_is_left_alone() {
        assert!(sides("# Title\n\n--- a note\n").is_none());
        assert!(sides("--- a/x\n+++ b/x\nno hunk").is_none());
    }
}
