//! A postmortem sent as mail: `From:`, `Subject:`, `Date:` headers up to the
//! first blank line. The subject is the title; the other headers are kept in
//! Notes (the `Date:` header also dates the document, see the setting).

use super::reader::Reader;

/// A mail header line: `Subject: …`, `Message-ID: <…>`.
fn mail_header(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(": ")?;
    let known = [
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "in-reply-to",
        "references",
        "reply-to",
        "sender",
        "list-id",
    ];
    known
        .contains(&k.to_ascii_lowercase().as_str())
        .then_some((k, v))
}

/// Mail headers from line `start`: the subject becomes the title. Returns
/// the line after the headers, or None when the lines there are not a mail's.
pub fn read_headers(r: &mut Reader, start: usize) -> Option<usize> {
    let n = r.lines().len();
    let headers = (start..n)
        .take_while(|&j| mail_header(r.line(j)).is_some())
        .count();
    let names: Vec<String> = (start..start + headers)
        .filter_map(|j| mail_header(r.line(j)).map(|(k, _)| k.to_ascii_lowercase()))
        .collect();
    let is_mail = headers >= 2
        && names.iter().any(|k| k == "subject")
        && names.iter().any(|k| k == "from" || k == "date");
    if !is_mail {
        return None;
    }
    for j in start..start + headers {
        if let Some(("Subject" | "subject", v)) = mail_header(r.line(j)) {
            r.doc.title = v.trim().to_string();
            r.take(j);
        }
    }
    Some(start + headers)
}
