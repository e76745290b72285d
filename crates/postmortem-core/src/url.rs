//! The link policy: which URLs a postmortem may link to. The writer uses it
//! to decide what becomes an autolink, the preview to decide what stays a
//! link, and `validate` to say which links will not work.

/// Whether a URL is one a postmortem may link to: http(s), mailto, or relative.
pub fn allowed(url: &str) -> bool {
    let url: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    if url.is_empty() {
        return false;
    }
    match scheme(&url) {
        None => true,
        Some(s) => matches!(s.to_ascii_lowercase().as_str(), "http" | "https" | "mailto"),
    }
}

/// The scheme of a URL (`https`), or None for a relative reference.
pub fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if url.as_bytes()[end] != b':' || end == 0 {
        return None;
    }
    let scheme = &url[..end];
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A colon after something that is not a scheme name makes the URL unsafe to call relative.
    Some(if valid { scheme } else { url })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_rules() {
        for ok in [
            "https://x.io/a",
            "HTTP://x",
            "mailto:a@b.c",
            "/runbook",
            "docs/a.md",
            "#timeline",
            "./a:b",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "",
            "ftp://x",
        ] {
            assert!(!allowed(bad), "{bad}");
        }
    }
}
