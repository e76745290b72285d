//! Writes a folder of made-up but realistic postmortems for the command
//! line's benchmark (scripts/bench-cli.sh): half the editor's Markdown, half
//! JSON, in one folder per year, 20 to 500 timeline rows each (most short,
//! a few long, as real ones are), spread over three years and five zones,
//! with severities, services, a few drills and action items in every state.
//! Deterministic: the same count gives the same files.
//!
//! Usage: cargo run --release -p postmortem-cli --example gen_folder -- COUNT DIR

use jiff::civil::date;
use jiff::SignedDuration;
use postmortem_core::file::{self, Format};
use postmortem_core::format::markdown::ExportOptions;
use postmortem_core::model::*;
use postmortem_core::sample;
use postmortem_core::time::zones;
use std::path::PathBuf;

/// splitmix64: a small, well-mixed generator, enough for made-up data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const ZONES: [&str; 5] = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
    "America/Los_Angeles",
];
const SERVICES: [&str; 16] = [
    "checkout-api",
    "payment-gateway",
    "search",
    "ingest-api",
    "queue",
    "auth",
    "cdn",
    "dns",
    "postgres-main",
    "redis-cache",
    "notifications",
    "mobile-api",
    "billing",
    "k8s-control-plane",
    "object-store",
    "feature-flags",
];
const OWNERS: [&str; 10] = [
    "Amara Okafor",
    "Jonas Weber",
    "Ngozi Adeyemi",
    "Tomás Ibarra",
    "Priya Raman",
    "Payments SRE",
    "Platform team",
    "Mei Chen",
    "Lars Nilsson",
    "",
];
const WHAT: [&str; 12] = [
    "Checkout payments declined",
    "Search latency spike",
    "Ingest backlog",
    "Login failures",
    "CDN cache purge storm",
    "DNS resolution errors",
    "Database failover",
    "Notification delays",
    "Billing job stuck",
    "Mobile API 5xx",
    "Certificate expiry",
    "Feature flag misfire",
];
const SAYS: [&str; 8] = [
    "The on-call checked the dashboard and saw the error rate at {n}%.",
    "Rolled back deploy `{n}` with `kubectl rollout undo`; pods restarting.",
    "Customer support reports {n} tickets about failed requests.",
    "Paged the database on-call; replica lag at {n} s and rising.",
    "Status page updated: **investigating** elevated errors.",
    "Traffic shifted away from the affected region ({n}% drained).",
    "Queue depth back under {n} messages; watching for 10 minutes.",
    "Incident channel opened; roles assigned (IC, comms, ops).",
];

fn document(i: usize, rng: &mut Rng, base: &Document) -> Document {
    let zone_name = *rng.pick(&ZONES);
    let tz = zones::zone(zone_name).unwrap_or(zones::Zone::UTC);
    let day = date(2023, 1, 1)
        .checked_add(jiff::Span::new().days(rng.below(1095) as i64))
        .unwrap_or(date(2023, 1, 1));
    let start = day.at(rng.below(24) as i8, rng.below(60) as i8, 0, 0);
    let Ok(started) = tz.to_zoned(start) else {
        return base.clone();
    };
    let after = |secs: i64| {
        started
            .checked_add(SignedDuration::from_secs(secs))
            .ok()
            .map(|z| zones::stamp_of(&z))
    };
    // Most incidents are short; a few run long.
    let ttd = 60 + rng.below(40 * 60) as i64;
    let tta = ttd + 30 + rng.below(15 * 60) as i64;
    let ttm = tta + 300 + (rng.unit().powi(2) * 8.0 * 3600.0) as i64;
    let ttr = ttm + 60 + (rng.unit().powi(3) * 24.0 * 3600.0) as i64;
    // 20 to 500 rows, most near the bottom (mean about 140).
    let rows = 20 + (rng.unit().powi(3) * 480.0) as usize;
    let lead = 600i64;
    let step = (ttr + lead) / rows as i64;
    let kinds = TimelineKind::ALL;
    let timeline = (0..rows)
        .map(|r| {
            let say = rng.pick(&SAYS).replace("{n}", &rng.below(900).to_string());
            let offset = -lead + step * r as i64;
            TimelineEntry {
                at: after(offset),
                approximate: rng.below(20) == 0,
                // What happens before the impact is the change that caused it.
                kind: if offset < 0 {
                    TimelineKind::Change
                } else {
                    kinds[r % kinds.len()]
                },
                text: say,
            }
        })
        .collect();
    let mut services: Vec<String> = (0..1 + rng.below(3))
        .map(|_| rng.pick(&SERVICES).to_string())
        .collect();
    services.sort();
    services.dedup();
    let mut tags = vec![rng
        .pick(&["payments", "network", "database", "deploy", "capacity"])
        .to_string()];
    if rng.below(30) == 0 {
        tags.push(rng.pick(&["drill", "game-day", "exercise"]).to_string());
    }
    let actions = (0..1 + rng.below(6))
        .map(|a| ActionItem {
            title: format!("Follow-up {a} of incident {i}: add an alert and a runbook step"),
            owner: rng.pick(&OWNERS).to_string(),
            due: day
                .checked_add(jiff::Span::new().days(7 + rng.below(90) as i64))
                .ok()
                .map(|d| d.to_string()),
            kind: Some(*rng.pick(ActionKind::ALL)),
            priority: Some(*rng.pick(Priority::ALL)),
            status: *rng.pick(&[
                ActionStatus::Open,
                ActionStatus::InProgress,
                ActionStatus::Done,
                ActionStatus::Done,
                ActionStatus::WontDo,
            ]),
            link: Some(format!("https://tracker.example.com/INC-{i}-{a}")),
        })
        .collect();
    let mut times = KeyTimes {
        started: after(0),
        detected: after(ttd),
        acknowledged: after(tta),
        mitigated: after(ttm),
        resolved: after(ttr),
        approximate: vec![],
    };
    if rng.below(10) == 0 {
        times.set_approximate(KeyTime::Started, true);
    }
    Document {
        title: format!("{} #{i}", rng.pick(&WHAT)),
        status: *rng.pick(&[Status::Final, Status::Final, Status::Review, Status::Draft]),
        severity: Some(*rng.pick(&[
            Severity::Sev1,
            Severity::Sev2,
            Severity::Sev2,
            Severity::Sev3,
            Severity::Sev3,
            Severity::Sev3,
            Severity::Sev4,
        ])),
        services,
        tags,
        time_zone: zone_name.to_string(),
        times,
        timeline,
        actions,
        ..base.clone()
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(dir)) = (
        args.first().and_then(|c| c.parse::<usize>().ok()),
        args.get(1).map(PathBuf::from),
    ) else {
        eprintln!("usage: gen_folder COUNT DIR");
        std::process::exit(2);
    };
    let base = sample::long_incident(0);
    let mut rng = Rng(26);
    let mut bytes = 0usize;
    for i in 0..count {
        let doc = document(i, &mut rng, &base);
        let format = if i % 2 == 0 {
            Format::Markdown
        } else {
            Format::Json
        };
        let year = naming_year(&doc);
        let folder = dir.join(year);
        std::fs::create_dir_all(&folder).expect("the folder can be made");
        let text = file::save(&doc, format, ExportOptions::default());
        bytes += text.len();
        std::fs::write(folder.join(file::file_name(&doc, format)), text)
            .expect("the file can be written");
    }
    eprintln!(
        "{count} postmortems ({:.0} MB) in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
}

fn naming_year(doc: &Document) -> String {
    postmortem_core::naming::incident_date(doc)
        .map_or_else(|| "undated".to_string(), |d| d.year().to_string())
}
