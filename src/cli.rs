//! Floor 6: the command line. Parses arguments, calls a verb, prints, maps to exit codes.

use clap::{Args, Parser, Subcommand, ValueEnum};
use digest::cmd::{self, SiteOptions, build::BuildArgs, build::BuildError};
use digest::diag::Diagnostics;
use digest::output::LockWait;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes, documented in the README.
pub mod exit {
    pub const OK: u8 = 0;
    pub const CONTENT_ERRORS: u8 = 1;
    pub const FAILURE: u8 = 2;
}

#[derive(Parser)]
#[command(
    name = "digest",
    version,
    about = "A static site generator for fact-check digests",
    after_help = "Examples:\n  digest build                         build the site in this folder into public/\n  digest build --base-url https://user.github.io/repo/\n  digest check --format json           validate everything, write nothing"
)]
pub struct Cli {
    /// Print only errors
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print warnings in full and timings
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder (public/ by default)
    #[command(
        after_help = "Examples:\n  digest build\n  digest build --root my-digest --output-dir /tmp/site\n  digest build --drafts --base-url https://user.github.io/repo/"
    )]
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site (default: output_dir of site.toml)
        #[arg(long, short = 'o', alias = "output")]
        output_dir: Option<PathBuf>,
        /// Seconds to wait while another build writes the same output folder (0: refuse at once)
        #[arg(long, value_name = "SECONDS", default_value_t = 300)]
        wait: u64,
    },
    /// Validate the whole site and report every problem, writing nothing
    #[command(
        after_help = "Exit status: 0 clean, 1 errors (or warnings with --strict), 2 failure.\nExamples:\n  digest check\n  digest check --strict --format json"
    )]
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Output format of the diagnostics
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Count warnings as errors
        #[arg(long)]
        strict: bool,
        /// Check this output folder instead of output_dir of site.toml
        #[arg(long, short = 'o', alias = "output")]
        output_dir: Option<PathBuf>,
    },
    /// Create a new digest site that builds at once
    Init(cmd::init::InitArgs),
    /// Write the skeleton of a new claim entry and print its path
    New(cmd::new::NewArgs),
    /// Turn published ClaimReview data (JSON-LD, HTML pages, DataFeeds, API responses) into entries
    Import(cmd::import::ImportArgs),
    /// Serve the site from memory on loopback, rebuilding and reloading pages on every change
    #[command(
        after_help = "The site is served at http://INTERFACE:PORT under the path of its base_url; pages reload\nwhen an entry, a template, static/ or site.toml changes, and show the errors over the last\ngood version when the site breaks.\nExamples:\n  digest serve\n  digest serve --root my-digest --port 8000 --open --drafts"
    )]
    Serve {
        /// The site folder (holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0 picks a free one)
        #[arg(long, short = 'p', default_value_t = 1111)]
        port: u16,
        /// The address to listen on
        #[arg(long, short = 'i', default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Open the site in the browser
        #[arg(long)]
        open: bool,
        /// Include entries marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(
        after_help = "Examples:\n  digest completions bash > ~/.local/share/bash-completion/completions/digest\n  digest completions zsh > ~/.zfunc/_digest"
    )]
    Completions { shell: clap_complete::Shell },
    /// Delete a folder that digest created (used to clear an old output off the critical path)
    #[command(hide = true)]
    RemoveOutput { path: PathBuf },
}

#[derive(Args, Clone)]
struct SiteArgs {
    /// The site folder (holding site.toml)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Override base_url from site.toml (e.g. https://user.github.io/repo/)
    #[arg(long)]
    base_url: Option<String>,
    /// Include entries marked `draft: true`
    #[arg(long)]
    drafts: bool,
}

impl SiteArgs {
    fn options(&self) -> SiteOptions {
        SiteOptions {
            root: self.root.clone(),
            base_url: self.base_url.clone(),
            include_drafts: self.drafts,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

fn color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Command::Build {
            site,
            output_dir,
            wait,
        } => build(
            &cli_flags(cli.quiet, cli.verbose),
            BuildArgs {
                site: site.options(),
                output_dir,
                wait: LockWait {
                    limit: std::time::Duration::from_secs(wait),
                    notify: Some(tell_waiting),
                },
                progress: cmd::progress::wanted(cli.quiet),
            },
        ),
        Command::Check {
            site,
            format,
            strict,
            output_dir,
        } => check(
            &site.options(),
            output_dir.as_deref(),
            format,
            strict,
            cli.quiet,
        ),
        Command::Init(args) => report(cmd::init::init(&args), cli.quiet),
        Command::New(args) => {
            let result = cmd::new::new(&args);
            if let (Ok(done), false) = (&result, cli.quiet) {
                // Standard error: standard output stays the path alone, for `$EDITOR "$(digest new ...)"`.
                eprintln!("{}", done.publishing_hint());
            }
            report(result, cli.quiet)
        }
        Command::Import(args) => import(&args, cli.quiet),
        Command::Serve {
            root,
            port,
            interface,
            open,
            drafts,
        } => serve(&cmd::serve::ServeArgs {
            site: SiteOptions {
                root,
                base_url: None,
                include_drafts: drafts,
            },
            interface,
            port,
            open,
            quiet: cli.quiet,
            verbose: cli.verbose,
        }),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "digest", &mut script);
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), &script);
            exit::OK
        }
        Command::RemoveOutput { path } => match digest::output::remove_tree(&path) {
            Ok(()) => exit::OK,
            Err(e) => {
                eprintln!("error: {e}");
                exit::FAILURE
            }
        },
    };
    ExitCode::from(code)
}

/// Prints what a verb did (standard output) or why it failed (standard error, exit 2).
fn report<R: std::fmt::Display, E: std::fmt::Display>(result: Result<R, E>, quiet: bool) -> u8 {
    match result {
        Ok(done) => {
            if !quiet {
                println!("{done}");
            }
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}

/// Prints the import's files and problems, then its summary; exit 1 when an input had errors.
fn import(args: &cmd::import::ImportArgs, quiet: bool) -> u8 {
    match cmd::import::import(args) {
        Ok(mut report) => {
            report.diagnostics.finish(|_| None);
            print_diagnostics(&report.diagnostics, !quiet);
            if !quiet {
                println!("{report}");
            }
            if report.diagnostics.has_errors() {
                exit::CONTENT_ERRORS
            } else {
                exit::OK
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}

fn serve(args: &cmd::serve::ServeArgs) -> u8 {
    match cmd::serve::serve(args) {
        // Ctrl-C is how a server ends, during its first build too: no failure.
        Ok(cmd::serve::Stopped::WhileBuilding | cmd::serve::Stopped::WhileServing) => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}

struct Flags {
    quiet: bool,
    verbose: bool,
}

fn cli_flags(quiet: bool, verbose: bool) -> Flags {
    Flags { quiet, verbose }
}

fn print_diagnostics(diags: &Diagnostics, show_warnings: bool) {
    let shown: Diagnostics = {
        let mut d = Diagnostics::default();
        diags
            .items()
            .iter()
            .filter(|x| show_warnings || x.is_error())
            .for_each(|x| d.push(x.clone()));
        d
    };
    if !shown.is_empty() {
        eprint!("{}", shown.render_human(color_stderr()));
    }
}

fn build(flags: &Flags, args: BuildArgs) -> u8 {
    match cmd::build::build(&args) {
        Ok(mut report) => {
            if flags.verbose {
                report
                    .diagnostics
                    .quote_warnings(|file| digest::source::file_text(&args.site.root, file));
            }
            print_diagnostics(&report.diagnostics, flags.verbose);
            if !flags.quiet {
                let warnings = report.diagnostics.warning_count();
                let note = match warnings {
                    0 => String::new(),
                    n if flags.verbose => format!(", {n} warning(s)"),
                    n => format!(", {n} warning(s) (see `digest check`)"),
                };
                let cards = match (report.cards_drawn, report.cards_cached) {
                    (0, 0) => String::new(),
                    (drawn, cached) => {
                        format!(", {} share cards ({cached} cached)", drawn + cached)
                    }
                };
                eprintln!(
                    "Built {} pages ({} files{cards}) into {} in {} ms{note}",
                    report.pages,
                    report.files,
                    report.output.display(),
                    report.elapsed.as_millis()
                );
            }
            if flags.verbose {
                for (stage, time) in &report.timings {
                    eprintln!("  {stage:<36} {:>7.1} ms", time.as_secs_f64() * 1000.0);
                }
            }
            if let Some(trash) = report.trash {
                remove_in_background(&trash);
            }
            exit::OK
        }
        Err(BuildError::Content(mut diags)) => {
            if flags.verbose {
                diags.quote_warnings(|file| digest::source::file_text(&args.site.root, file));
            }
            print_diagnostics(&diags, flags.verbose);
            eprintln!(
                "Build failed: {} error(s), {} warning(s); the previous output is untouched.",
                diags.error_count(),
                diags.warning_count()
            );
            exit::CONTENT_ERRORS
        }
        Err(BuildError::Output(e)) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}

fn tell_waiting(lock: &std::path::Path) {
    eprintln!(
        "Waiting for another `digest build` of the same output to finish (lock: {})...",
        lock.display()
    );
}

/// Deletes the previous output in a process of its own session, so the user does not wait for
/// it and neither Ctrl-C, a closed terminal nor `timeout` (which signal the build's process
/// group) stops it halfway; if it is stopped anyway, the next build finishes the job.
fn remove_in_background(path: &std::path::Path) {
    let spawned = std::env::current_exe().and_then(|exe| {
        let mut command = std::process::Command::new(exe);
        command
            .arg("remove-output")
            .arg(path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: setsid is async-signal-safe, as required between fork and exec.
            unsafe {
                command.pre_exec(|| {
                    libc::setsid();
                    Ok(())
                });
            }
        }
        command.spawn()
    });
    if spawned.is_err() {
        let _ = digest::output::remove_tree(path);
    }
}

fn check(
    options: &SiteOptions,
    output_dir: Option<&std::path::Path>,
    format: Format,
    strict: bool,
    quiet: bool,
) -> u8 {
    let mut diags = cmd::check::check(options, output_dir);
    let failed = diags.has_errors() || (strict && !diags.is_empty());
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&diags.to_json()).expect("JSON serializes")
        ),
        Format::Human => {
            diags.quote_warnings(|file| digest::source::file_text(&options.root, file));
            print_diagnostics(&diags, true);
            if !quiet {
                eprintln!(
                    "{} error(s), {} warning(s)",
                    diags.error_count(),
                    diags.warning_count()
                );
            }
        }
    }
    if failed {
        exit::CONTENT_ERRORS
    } else {
        exit::OK
    }
}
