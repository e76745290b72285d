//! Times one import of a file, natively: `cargo run --release -p postmortem-core --example time_import -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: time_import FILE");
    let text = std::fs::read_to_string(&path).unwrap();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let r = postmortem_core::file::from_markdown(&text).unwrap();
        println!(
            "{} bytes: {:.1} ms, {} events",
            text.len(),
            t.elapsed().as_secs_f64() * 1e3,
            r.doc.timeline.len()
        );
    }
}
