//! The `mdbook-journeymap` binary, mdBook's preprocessor: all the work is in
//! the library (`journeymap::mdbook`, and `journeymap::cli::mdbook` for the protocol).

fn main() -> std::process::ExitCode {
    journeymap::cli::mdbook::run()
}
