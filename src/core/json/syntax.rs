//! JSON text, independent of what it holds: a reader that turns text into a
//! tree of [`Node`]s, each knowing where in the text it starts and ends, and a
//! writer that lays values out the one way this editor writes them.
//!
//! The reader is strict RFC 8259 (no comments, no trailing commas, no
//! repeated keys in an object, at most [`MAX_DEPTH`] nested containers) and
//! never panics: malformed text gives a [`SyntaxError`] at a byte offset.
//! The writer escapes strings the way serde_json does (`"`, `\`, and control
//! characters only), so files written before this module stay byte-identical.
//!
//! The file format (`super`) and the storage envelope read their keys from
//! these trees; nothing here knows about postmortems.

/// How deep arrays and objects may nest before the text is refused (so a
/// hostile file cannot exhaust the stack).
pub const MAX_DEPTH: usize = 128;

/// A JSON value and where it is in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// Byte offset of the value's first character.
    pub start: usize,
    /// Byte offset just after its last character.
    pub end: usize,
    pub value: Value<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// A number, as written (already checked against JSON's grammar).
    Number(&'a str),
    String(String),
    Array(Vec<Node<'a>>),
    /// Members in the order written; keys are unique.
    Object(Vec<Member<'a>>),
}

/// One `"key": value` of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    pub key: String,
    /// Byte offset of the key's opening quote.
    pub key_start: usize,
    pub node: Node<'a>,
}

impl Value<'_> {
    /// What kind of value this is, for a sentence ("found a number").
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

/// Why text is not JSON: at which byte, and what was wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// 1-based line and column (in bytes, as editors and serde_json count them)
/// of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    (line, before.len() - line_start + 1)
}

/// Reads one JSON value, with optional whitespace around it.
pub fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let node = p.value()?;
    p.space();
    if p.at < p.bytes.len() {
        return Err(p.error("there is more after the end of the value"));
    }
    Ok(node)
}

/// Reads a JSON string literal on its own (`"a\nb"`), as a YAML front matter
/// value may be written.
pub fn parse_string(text: &str) -> Option<String> {
    match parse(text).ok()?.value {
        Value::String(s) => Some(s),
        _ => None,
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError {
            offset: self.at,
            message: message.to_string(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Skips whitespace and reads `want` if it comes next.
    fn eat(&mut self, want: u8) -> bool {
        self.space();
        let found = self.peek() == Some(want);
        self.at += usize::from(found);
        found
    }

    fn value(&mut self) -> Result<Node<'a>, SyntaxError> {
        self.space();
        let start = self.at;
        let value = match self.peek() {
            None => return Err(self.error("the text ends where a value should be")),
            Some(b'{') => self.nested(Self::object)?,
            Some(b'[') => self.nested(Self::array)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(_) => self.word()?,
        };
        Ok(Node {
            start,
            end: self.at,
            value,
        })
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Value<'a>, SyntaxError>,
    ) -> Result<Value<'a>, SyntaxError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("lists and objects are nested too deeply"));
        }
        self.depth += 1;
        self.at += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn word(&mut self) -> Result<Value<'a>, SyntaxError> {
        let rest = &self.bytes[self.at..];
        for (word, value) in [
            (&b"null"[..], Value::Null),
            (b"true", Value::Bool(true)),
            (b"false", Value::Bool(false)),
        ] {
            if rest.starts_with(word) {
                self.at += word.len();
                return Ok(value);
            }
        }
        Err(self.error(
            "a value was expected here (text must be in double quotes; the words allowed are true, false and null)",
        ))
    }

    fn digits(&mut self) -> usize {
        let from = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - from
    }

    /// A number; an error points at its first character.
    fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.at;
        self.at += usize::from(self.peek() == Some(b'-'));
        let int_start = self.at;
        let int = self.digits();
        let mut ok = int == 1 || (int > 1 && self.bytes[int_start] != b'0');
        if self.peek() == Some(b'.') {
            self.at += 1;
            ok &= self.digits() > 0;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            ok &= self.digits() > 0;
        }
        if !ok {
            self.at = start;
            return Err(
                self.error("this number is not written as JSON numbers are (like 12, -3 or 4.5e6)")
            );
        }
        Ok(&self.text[start..self.at])
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.bytes.get(self.at..self.at + 4).unwrap_or_default();
        let mut n = 0;
        let mut hex = digits.len() == 4;
        for &d in digits {
            let digit = (d as char).to_digit(16);
            hex &= digit.is_some();
            n = n * 16 + digit.unwrap_or(0);
        }
        if !hex {
            return Err(self.error("\\u must be followed by four hexadecimal digits"));
        }
        self.at += 4;
        Ok(n)
    }

    /// A string literal; `self.at` is on its opening quote.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The run stops only at ASCII bytes, so it is whole characters.
            out.push_str(&self.text[run..self.at]);
            match self.peek() {
                None => return Err(self.error("the text ends inside a string (a closing \" is missing)")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = self.peek();
                    self.at += 1;
                    let c = match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => {
                            self.at -= 1;
                            return Err(self.error(
                                "this backslash escape is not JSON (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                            ));
                        }
                    };
                    out.push(c);
                }
                Some(_) => {
                    return Err(self.error(
                        "a string holds a raw control character (a line break or tab must be written \\n or \\t)",
                    ))
                }
            }
        }
    }

    /// The character of a `\u` escape (after the `u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code =
            match first {
                0xD800..=0xDBFF => {
                    if !self.bytes[self.at..].starts_with(b"\\u") {
                        return Err(self
                            .error("a \\u escape of a surrogate pair is missing its second half"));
                    }
                    self.at += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..=0xDFFF).contains(&second) {
                        return Err(self
                            .error("a \\u escape of a surrogate pair is missing its second half"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                }
                0xDC00..=0xDFFF => {
                    return Err(self.error("a \\u escape is half of a surrogate pair, alone"))
                }
                n => n,
            };
        char::from_u32(code).ok_or_else(|| self.error("a \\u escape names no character"))
    }

    fn array(&mut self) -> Result<Value<'a>, SyntaxError> {
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error("a comma or ] was expected here"));
            }
            if self.eat(b']') {
                self.at -= 1;
                return Err(self.error("a list must not end with a comma"));
            }
        }
    }

    fn object(&mut self) -> Result<Value<'a>, SyntaxError> {
        let mut members: Vec<Member<'a>> = Vec::new();
        if self.eat(b'}') {
            return Ok(Value::Object(members));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.error(if self.peek() == Some(b'}') {
                    "an object must not end with a comma"
                } else {
                    "a key in double quotes was expected here"
                }));
            }
            let key_start = self.at;
            let key = self.string()?;
            if members.iter().any(|m| m.key == key) {
                self.at = key_start;
                return Err(self.error(&format!("the key \"{key}\" appears twice in this object")));
            }
            if !self.eat(b':') {
                return Err(self.error("a colon was expected after the key"));
            }
            let node = self.value()?;
            members.push(Member {
                key,
                key_start,
                node,
            });
            if self.eat(b'}') {
                return Ok(Value::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.error("a comma or } was expected here"));
            }
        }
    }
}

/// Appends `s` as a JSON string literal, escaped as serde_json escapes it.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// `s` as a JSON string literal.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_string(&mut out, s);
    out
}

/// Writes objects and lists, either laid out with two-space indentation
/// (serde_json's pretty layout: one member or item a line, `[]` and `{}`
/// when empty) or on one line with no spaces.
pub struct Writer {
    pub out: String,
    pretty: bool,
    /// For each open container: whether it has had a member or item yet.
    open: Vec<bool>,
}

impl Writer {
    pub fn new(pretty: bool) -> Self {
        Writer {
            out: String::new(),
            pretty,
            open: Vec::new(),
        }
    }

    fn line(&mut self, depth: usize) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..depth {
                self.out.push_str("  ");
            }
        }
    }

    /// Starts the next item of the open list, or the top-level value.
    pub fn item(&mut self) -> &mut Self {
        if let Some(had) = self.open.last_mut() {
            if std::mem::replace(had, true) {
                self.out.push(',');
            }
            self.line(self.open.len());
        }
        self
    }

    /// Starts the member `key` of the open object; its value comes next.
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.item();
        write_string(&mut self.out, key);
        self.out.push_str(if self.pretty { ": " } else { ":" });
        self
    }

    pub fn begin(&mut self, bracket: char) {
        self.out.push(bracket);
        self.open.push(false);
    }

    pub fn end(&mut self, bracket: char) {
        if self.open.pop() == Some(true) {
            self.line(self.open.len());
        }
        self.out.push(bracket);
    }

    pub fn string(&mut self, s: &str) {
        write_string(&mut self.out, s);
    }

    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    pub fn option(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.raw("null"),
        }
    }

    pub fn strings(&mut self, items: &[String]) {
        self.begin('[');
        for s in items {
            self.item().string(s);
        }
        self.end(']');
    }
}
