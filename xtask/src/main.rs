//! `cargo xtask <command>`: project automation, std only.
//!
//!   demo [--port N]   build the theme, serve it with the dev host, print the URLs
//!   ci                the whole test suite; ends with `N passed, M failed`
//!   theme [--zip]     build the installable XArr theme; prints its folder last
//!   bench [--latency-ms N] [--runs N] [--compare DIR] [--fast-only] [--phone-only]
//!                     the performance benchmark (README "Performance")
//!   bench --size      where the wasm's bytes go: target/bench/size.md
//!   budget [--write]  the byte budget of the current build (bench/size-budget.tsv)
//!   rehash DIR        rename a packaged theme's content-named files by their bytes again
//!   tools             install missing tools only

mod bench;
mod ci;
mod demo;
mod engines;
mod hashnames;
mod size;
mod theme;
mod tools;
mod util;

use std::process::ExitCode;

fn main() -> ExitCode {
    let _ = util::STARTED.set(std::time::Instant::now());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r.to_vec()),
        None => ("help", Vec::new()),
    };
    let result = match cmd {
        "ci" => ci::run(&rest),
        "demo" => demo::run(&rest),
        "theme" => theme::run(&rest).map(|dir| println!("{}", dir.display())),
        "bench" if rest.iter().any(|a| a == "--size") => size::report(),
        "bench" => bench::run_bench(&rest),
        "budget" => size::budget_command(&rest),
        "rehash" => hashnames::rehash_command(&rest),
        "tools" => tools::ensure_all().map(|_| ()),
        _ => {
            eprintln!("usage: cargo xtask <demo [--port N] | ci | theme [--zip] | bench [--size] | budget [--write] | rehash DIR | tools>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {cmd}: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}
