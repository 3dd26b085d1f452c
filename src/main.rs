//! The `journeymap` binary: all the work is in the library.

fn main() -> std::process::ExitCode {
    journeymap::run()
}
