//! `postmortem`: the editor's checker, formatter and converter on the command
//! line, for postmortems kept in a repository. Everything it knows about a
//! postmortem comes from `postmortem_core`, so it gives the editor's answers;
//! this program only reads files and arguments and prints results.
//!
//! Exit codes, as ripgrep's: 0 nothing wrong, 1 problems found (or a file
//! `fmt --check` would change), 2 a file could not be read or bad usage.

mod check;
mod input;
mod output;
mod report;
mod transfer;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "postmortem",
    version,
    about = "Check, format, convert and import incident postmortems kept in a repository.",
    long_about = "Check, format, convert and import incident postmortems kept in a repository.\n\n\
        It reads the files the postmortem editor writes (Markdown with `format: postmortem` front matter, \
        or JSON) and gives the same answers as the editor: the same problems, the same files.",
    after_help = "Examples:\n  postmortem check postmortems/\n  postmortem check --format github --deny warnings .\n  \
        postmortem fmt --check postmortems/\n  postmortem convert 2025-03-12-checkout.md --to json -o checkout.json\n  \
        postmortem import their-writeup.md --zone Europe/Berlin -o 2025-03-12-outage.md\n  \
        postmortem new --template short \"Checkout payments declined\"\n\n\
        Exit status: 0 nothing wrong, 1 problems found, 2 a file could not be read or bad usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every postmortem under the paths as the editor would, plus what a repository adds.
    #[command(
        after_help = "Examples:\n  postmortem check\n  postmortem check postmortems/ --status final\n  \
        postmortem check --format github --deny warnings postmortems/\n\n\
        Each problem is one line: path:line:column: error|warning[code]: sentence.\n\
        Folders are walked respecting .gitignore; .md and .json files that are not postmortems of this \
        format are counted and skipped; a postmortem written elsewhere is named (see `postmortem import`)."
    )]
    Check {
        /// Files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        /// Check as if every postmortem had this status (what "final" asks for, before it is final).
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Treat warnings as errors (exit 1 when there is any).
        #[arg(long, value_name = "warnings", value_parser = ["warnings"])]
        deny: Option<String>,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Rewrite postmortems exactly as the editor exports them.
    #[command(
        after_help = "Examples:\n  postmortem fmt postmortems/\n  postmortem fmt --check .\n\n\
        With --check nothing is written: a unified diff of each file that would change is printed and \
        the exit status is 1."
    )]
    Fmt {
        /// Change nothing; print what would change and exit 1 when a file would.
        #[arg(long)]
        check: bool,
        /// Files or folders (default: the current folder).
        paths: Vec<PathBuf>,
    },
    /// Convert a postmortem of this editor between Markdown and JSON.
    #[command(
        after_help = "Example:\n  postmortem convert 2025-03-12-checkout.md --to json -o 2025-03-12-checkout.json"
    )]
    Convert {
        file: PathBuf,
        /// The format to write.
        #[arg(long, value_enum)]
        to: FormatArg,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Turn a postmortem written elsewhere into this editor's file; the import review goes to standard error.
    #[command(after_help = "Examples:\n  postmortem import their-writeup.md\n  \
        postmortem import status-page.txt --zone America/Los_Angeles --date 2025-03-12 -o 2025-03-12-outage.md\n\n\
        --zone re-reads the times that carried no zone in that zone; --date moves the times that carried \
        no date to that day: the import review's two fixes.")]
    Import {
        file: PathBuf,
        /// The zone of the times written without one (an IANA name such as Europe/Berlin).
        #[arg(long)]
        zone: Option<String>,
        /// The date of the times written without one (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// The format to write (default: by the output's name, else Markdown).
        #[arg(long, value_enum)]
        to: Option<FormatArg>,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write a new postmortem from a template, named YYYY-MM-DD-slug.md.
    #[command(
        after_help = "Example:\n  postmortem new --template status-page --dir postmortems \"Checkout payments declined\""
    )]
    New {
        /// The incident's title.
        title: String,
        #[arg(long, value_enum, default_value_t = TemplateArg::Full)]
        template: TemplateArg,
        /// The document's zone (default: this machine's).
        #[arg(long)]
        zone: Option<String>,
        /// The folder to write in (default: the current folder).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// What the postmortems under the paths say together: incidents, response times, action items.
    #[command(after_help = "Examples:\n  postmortem report postmortems/\n  \
        postmortem report --since 2025-01-01 --until 2025-06-30 --format csv postmortems/ > h1.csv\n  \
        postmortem report --severity SEV1 --include-drills --format json .\n\n\
        Response times are computed from each postmortem's key times (never from typed text), as the median, \
        p25\u{2013}p75 and p90 with the number of incidents (N). Incidents tagged drill, exercise or game-day \
        are left out unless --include-drills. Overdue: an open action item due before today (this machine's zone).")]
    Report {
        /// Files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = report::ReportFormat::Md)]
        format: report::ReportFormat,
        /// Only incidents on or after this day (YYYY-MM-DD, the incident's start in its own zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = report::day)]
        since: Option<jiff::civil::Date>,
        /// Only incidents on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = report::day)]
        until: Option<jiff::civil::Date>,
        /// Only incidents of this severity (SEV1 to SEV5).
        #[arg(long, value_parser = report::severity)]
        severity: Option<postmortem_core::model::Severity>,
        /// Only incidents naming this service.
        #[arg(long)]
        service: Option<String>,
        /// Only incidents with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Count incidents tagged drill, exercise or game-day too.
        #[arg(long)]
        include_drills: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    Draft,
    Review,
    Final,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// path:line:column: level[code]: sentence
    Human,
    /// GitHub Actions workflow commands, shown on the pull request's diff.
    Github,
    /// One JSON document with every problem.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Md,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateArg {
    Full,
    StatusPage,
    Short,
    Blank,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check {
            paths,
            status,
            deny,
            format,
        } => check::run(&check::Options {
            paths: or_here(paths),
            status: status.map(|s| match s {
                StatusArg::Draft => postmortem_core::model::Status::Draft,
                StatusArg::Review => postmortem_core::model::Status::Review,
                StatusArg::Final => postmortem_core::model::Status::Final,
            }),
            deny_warnings: deny.is_some(),
            format,
        }),
        Command::Fmt { check, paths } => transfer::fmt(&or_here(paths), check),
        Command::Convert { file, to, output } => {
            transfer::convert(&file, to.into(), output.as_deref())
        }
        Command::Import {
            file,
            zone,
            date,
            to,
            output,
        } => transfer::import(
            &file,
            zone.as_deref(),
            date.as_deref(),
            to.map(Into::into),
            output.as_deref(),
        ),
        Command::New {
            title,
            template,
            zone,
            dir,
        } => transfer::new(&title, template.into(), zone.as_deref(), &dir),
        Command::Report {
            paths,
            format,
            since,
            until,
            severity,
            service,
            tag,
            include_drills,
        } => report::run(
            &report::Options {
                paths: or_here(paths),
                format,
                filter: postmortem_core::insights::Filter {
                    since,
                    until,
                    severity,
                    service,
                    tag,
                    include_drills,
                },
            },
            jiff::Zoned::now().date(),
        ),
    };
    ExitCode::from(code)
}

fn or_here(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    }
}

impl From<FormatArg> for postmortem_core::file::Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Md => postmortem_core::file::Format::Markdown,
            FormatArg::Json => postmortem_core::file::Format::Json,
        }
    }
}

impl From<TemplateArg> for postmortem_core::sample::Template {
    fn from(t: TemplateArg) -> Self {
        use postmortem_core::sample::Template;
        match t {
            TemplateArg::Full => Template::Full,
            TemplateArg::StatusPage => Template::StatusPage,
            TemplateArg::Short => Template::Short,
            TemplateArg::Blank => Template::Blank,
        }
    }
}
