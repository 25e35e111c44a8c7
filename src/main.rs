fn main() -> std::process::ExitCode {
    carrefour::cli::main()
}
