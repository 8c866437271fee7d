//! devhost: an XArr Pay simulator for previews and tests.
//!
//! Serves a pay theme folder the way XArr does (rendering `${ }` templates), answers the template
//! API from the shared fixtures, and offers a control panel at `/__dev/`. See `--help` (`cli`).
//!
//! The map: `cli` (command line), `state` (the shared state), `app` (the routes), `pages` (the XArr page renderer,
//! on `template`, the Go template engine), `api` (the template API, on `sim`, the simulated
//! orders, scenarios and faults), `control` (the `/__dev/` API), `panel` (the control panel),
//! `media` (icons, chime, return page, probe script), `options` (the site options of `get_option`).

mod api;
mod app;
mod assets;
mod cli;
mod control;
mod csp;
mod media;
mod options;
mod pages;
mod panel;
mod sim;
mod state;
mod template;

use std::net::SocketAddr;

use state::AppState;

#[tokio::main]
async fn main() {
    let args = match cli::parse(std::env::args_os().skip(1)) {
        Ok(cli::Parsed::Run(a)) => a,
        Ok(cli::Parsed::Help) => {
            print!("{}", cli::HELP);
            return;
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if args.static_dir.is_none() {
        warn_unparsable_templates(&args.theme);
    }
    let addr = SocketAddr::from(([127, 0, 0, 1], args.port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("devhost: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    let base_url = listener
        .local_addr()
        .map(|a| format!("http://{a}"))
        .unwrap_or_default();
    let state = AppState::new(&args, base_url.clone());
    println!("devhost listening on {base_url}");
    if !args.quiet {
        print_banner(&state, &base_url);
    }
    if let Err(e) = axum::serve(listener, app::router(std::sync::Arc::new(state))).await {
        eprintln!("devhost: {e}");
        std::process::exit(1);
    }
}

/// Said at once; the page itself is refused with the same error when it is asked for.
fn warn_unparsable_templates(theme: &std::path::Path) {
    for file in ["index.html", "status.html", "separate.html"] {
        if let Ok(src) = std::fs::read_to_string(theme.join(file)) {
            if let Err(e) = template::check(&src) {
                eprintln!("devhost: {file}: {e}; it will not be served");
            }
        }
    }
}

/// The theme, the control panel, and a demo order of every scenario.
fn print_banner(state: &AppState, base_url: &str) {
    println!(
        "theme: {} ({})",
        state.theme_dir.display(),
        state.theme_name
    );
    println!("control panel: {base_url}/__dev/");
    for s in sim::SCENARIOS {
        println!(
            "  {:<18} {base_url}/pay/demo_{}   {}",
            s.name, s.name, s.title
        );
    }
}
