//! The `plancheck` binary: everything lives in the library; this only hands over the arguments.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    plancheck::run(std::env::args_os())
}
