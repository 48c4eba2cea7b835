//! `pulse`: serve, migrate or load the demo. See `cli.rs`.

fn main() -> std::process::ExitCode {
    pulse_server::cli::main()
}
