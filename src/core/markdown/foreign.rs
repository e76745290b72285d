//! Reads postmortems written elsewhere.
use super::import::{FrontMatter, Imported};
use crate::core::model::Document;

pub fn read(lines: &[&str], _front: Option<&FrontMatter>, _body_start: usize) -> Imported {
    Imported {
        doc: Document {
            notes: lines.join("\n"),
            ..Document::default()
        },
        notices: Vec::new(),
    }
}
