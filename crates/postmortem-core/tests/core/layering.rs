//! The layering rule of ARCHITECTURE.md, held: a module of the core names
//! only modules of its own layer or below, and no two files or modules of the
//! workspace (the core, the web app, any crate under `crates/`) name each
//! other, directly or round a longer loop.
//!
//! A file names another when its code (comments and unit tests left out)
//! holds a path that resolves to it: `crate::a::b`, `super::x`, `self::x`, a
//! child module by its bare name (`lines::read`), or a sibling crate's
//! (`postmortem_core::time::clock`). A `use super::*` in a child and a
//! `use child::*` in its parent are two files naming each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The core's top-level modules by layer, lowest first. A module may name
/// modules of its own layer (no cycle) and of the layers below.
const LAYERS: &[&[&str]] = &[
    &["model", "path", "gfm"],
    &["url", "time"],
    &[
        "validate", "metrics", "chart", "naming", "reread", "paste", "sample", "history", "review",
        "insights",
    ],
    &["format"],
    &["import", "storage", "library"],
    &["file", "preview"],
];

/// A crate of the workspace: its name in paths and its `src` folder.
struct Crate {
    name: String,
    src: PathBuf,
}

fn crates() -> Vec<Crate> {
    let root = Path::new(ROOT);
    let mut out = vec![Crate {
        name: "postmortem".into(),
        src: root.join("src"),
    }];
    for entry in std::fs::read_dir(root.join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("src").is_dir() {
            let name = dir.file_name().unwrap().to_string_lossy().replace('-', "_");
            out.push(Crate {
                name,
                src: dir.join("src"),
            });
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's module path under its crate's `src` (`format::markdown::read`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its `#[cfg(test)]` tests.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap();
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string ("https://") is rare in paths; cut only
            // when what precedes is not inside quotes.
            Some(i) if l[..i].matches('"').count() % 2 == 0 => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path in `code` written `head::a::b…` (through `use` trees too: `use
/// crate::{a::b, c}` gives `crate::a::b` and `crate::c`), as its segments.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // `use` trees, braces expanded.
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before_ok = i == 0 || !ident_char(rest[..i].chars().next_back().unwrap());
        let after = &rest[i + 4..];
        let Some(end) = after.find(';') else { break };
        if before_ok {
            expand("", &after[..end], &mut out);
        }
        rest = &after[end.min(after.len())..];
    }
    // Paths in expressions and types.
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        if !ident_char(c) || (n > 0 && (ident_char(chars[n - 1].1) || chars[n - 1].1 == ':')) {
            continue;
        }
        let tail: String = code[i..]
            .chars()
            .take_while(|c| ident_char(*c) || *c == ':')
            .collect();
        if tail.contains("::") {
            out.push(split(&tail));
        }
    }
    out
}

fn split(path: &str) -> Vec<String> {
    path.split("::")
        .map(|s| s.split(" as ").next().unwrap().trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Expands a `use` tree into paths.
fn expand(prefix: &str, tree: &str, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    match tree.find('{') {
        None => {
            let full = format!("{prefix}{tree}");
            let full = full.trim_start_matches("pub ").trim();
            if !full.is_empty() {
                out.push(split(full));
            }
        }
        Some(open) => {
            let head = &tree[..open];
            let close = tree.rfind('}').unwrap_or(tree.len());
            let inner = &tree[open + 1..close];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&format!("{prefix}{head}"), &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&format!("{prefix}{head}"), &inner[start..], out);
        }
    }
}

/// The modules of one crate, by module path, with the child modules each
/// file declares (`mod lines;`).
struct Modules {
    files: BTreeMap<Vec<String>, PathBuf>,
}

impl Modules {
    /// The deepest module that `path` (absolute, segments) lies in.
    fn resolve(&self, path: &[String]) -> Option<Vec<String>> {
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|p| self.files.contains_key(p))
    }
}

/// Edges between files of the whole workspace: file → files it names.
fn edges() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let crates = crates();
    let mut all: BTreeMap<String, Modules> = BTreeMap::new();
    for c in &crates {
        let mut files = Vec::new();
        rust_files(&c.src, &mut files);
        let files = files
            .into_iter()
            .filter(|f| !f.ends_with("main.rs"))
            .map(|f| (module_of(&c.src, &f), f))
            .collect();
        all.insert(c.name.clone(), Modules { files });
    }
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for c in &crates {
        let modules = &all[&c.name];
        for (here, file) in &modules.files {
            let text = code(&std::fs::read_to_string(file).unwrap());
            let is_dir_module = file.ends_with("mod.rs") || file.ends_with("lib.rs");
            let mut targets = BTreeSet::new();
            for path in paths(&text) {
                let Some(head) = path.first() else { continue };
                let (krate, absolute): (&str, Vec<String>) = match head.as_str() {
                    "crate" => (&c.name, path[1..].to_vec()),
                    "self" => (&c.name, [here.clone(), path[1..].to_vec()].concat()),
                    "super" => {
                        let mut base = here.clone();
                        let mut rest = &path[..];
                        while rest.first().map(String::as_str) == Some("super") {
                            base.pop();
                            rest = &rest[1..];
                        }
                        (&c.name, [base, rest.to_vec()].concat())
                    }
                    h if all.contains_key(h) && h != c.name => (h, path[1..].to_vec()),
                    // A child module named bare, from the file that declares it.
                    h if is_dir_module
                        && modules
                            .files
                            .contains_key(&[here.clone(), vec![h.to_string()]].concat()) =>
                    {
                        (&c.name, [here.clone(), path.clone()].concat())
                    }
                    _ => continue,
                };
                let target_crate = &all[krate];
                if let Some(m) = target_crate.resolve(&absolute) {
                    // Naming the crate root (lib.rs) is naming nothing: it only declares modules.
                    if m.is_empty() {
                        continue;
                    }
                    let target = &target_crate.files[&m];
                    if target != file {
                        targets.insert(target.clone());
                    }
                }
            }
            edges.insert(file.clone(), targets);
        }
    }
    edges
}

/// Strongly connected components of more than one node.
fn cycles<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Vec<Vec<N>> {
    // Kosaraju, iteratively small enough for a few hundred files.
    fn reach<N: Ord + Clone>(from: &N, edges: &BTreeMap<N, BTreeSet<N>>) -> BTreeSet<N> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    }
    let reach: BTreeMap<N, BTreeSet<N>> =
        edges.keys().map(|n| (n.clone(), reach(n, edges))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in edges.keys() {
        if done.contains(n) || !reach[n].contains(n) {
            continue;
        }
        let comp: Vec<N> = reach[n]
            .iter()
            .filter(|m| reach.get(*m).is_some_and(|r| r.contains(n)))
            .cloned()
            .collect();
        done.extend(comp.iter().cloned());
        out.push(comp);
    }
    out
}

fn short(p: &Path) -> String {
    p.strip_prefix(ROOT).unwrap_or(p).display().to_string()
}

/// The unit a file belongs to at the level of modules: its crate's top-level
/// module (a folder counts as one), under `ui/` for the web app.
fn unit(file: &Path) -> String {
    let s = short(file);
    let parts: Vec<&str> = s.split('/').collect();
    let at = parts.iter().position(|p| *p == "src").unwrap();
    let take = if parts.get(at + 1) == Some(&"ui") {
        at + 3
    } else {
        at + 2
    };
    parts[..take.min(parts.len())]
        .join("/")
        .trim_end_matches(".rs")
        .to_string()
}

#[test]
fn no_two_files_or_modules_name_each_other() {
    let edges = edges();
    assert!(edges.len() > 60, "the walk found {} files", edges.len());
    let file_cycles: Vec<String> = cycles(&edges)
        .iter()
        .map(|c| c.iter().map(|p| short(p)).collect::<Vec<_>>().join(" <-> "))
        .collect();
    let mut units: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (f, ts) in &edges {
        let u = unit(f);
        let entry = units.entry(u.clone()).or_default();
        entry.extend(ts.iter().map(|t| unit(t)).filter(|t| *t != u));
    }
    let module_cycles: Vec<String> = cycles(&units).iter().map(|c| c.join(" <-> ")).collect();
    assert!(
        file_cycles.is_empty() && module_cycles.is_empty(),
        "files that name each other:\n{}\nmodules that name each other:\n{}",
        file_cycles.join("\n"),
        module_cycles.join("\n")
    );
}

#[test]
fn the_core_names_only_its_own_layer_and_below() {
    let layer = |module: &str| LAYERS.iter().position(|l| l.contains(&module));
    let core_src = Path::new(ROOT).join("crates/postmortem-core/src");
    let mut wrong = Vec::new();
    for (file, targets) in edges() {
        let Ok(rel) = file.strip_prefix(&core_src) else {
            continue;
        };
        let top = |p: &Path| {
            p.components().next().map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
        };
        let Some(from) = top(rel).filter(|m| m != "lib") else {
            continue;
        };
        let Some(from_layer) = layer(&from) else {
            wrong.push(format!(
                "{}: module `{from}` is in no layer of LAYERS",
                short(&file)
            ));
            continue;
        };
        for t in targets {
            let Ok(trel) = t.strip_prefix(&core_src) else {
                wrong.push(format!(
                    "{} names {} outside the core",
                    short(&file),
                    short(&t)
                ));
                continue;
            };
            let to = top(trel).unwrap();
            if layer(&to).is_none_or(|l| l > from_layer) {
                wrong.push(format!(
                    "{} ({from}) names {} ({to}), a higher layer",
                    short(&file),
                    short(&t)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_rule_sees_a_cycle_and_a_wrong_way_name() {
    // The reader of paths is what the two tests above stand on: it must find
    // what a cycle or a wrong-way import is written with.
    let found = paths("use super::{a::b, c as d};\nuse crate::time::{clock, zones::{self, Zone}};\nfn f() { lines::read(x); }");
    let texts: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    for want in [
        "super::a::b",
        "super::c",
        "crate::time::clock",
        "crate::time::zones::self",
        "crate::time::zones::Zone",
        "lines::read",
    ] {
        assert!(texts.iter().any(|t| t == want), "{want} not in {texts:?}");
    }
    let mut e: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    e.insert("a", ["b"].into());
    e.insert("b", ["c"].into());
    e.insert("c", ["a"].into());
    e.insert("d", ["a"].into());
    assert_eq!(cycles(&e), vec![vec!["a", "b", "c"]]);
}
