//! Link options of the binaries (Linux, GNU target, the default rust-lld linker).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=benches/hot-functions.txt");
    let var = |key: &str| std::env::var(key).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    // Packed relative relocations (DT_RELR, glibc ≥ 2.36): the relocation table read at
    // start-up shrinks from 1.7 MB to 21 KB (docs/benchmarks.md).
    println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    // The functions a crawl runs, placed together: the kernel maps the executable in
    // 64–128 KiB blocks, and these ~3 MB are otherwise spread over its 21 MB of code
    // (benches/hot_functions.py writes the list). Only lld and mold read such a file:
    // skipped when another linker is chosen.
    let flags = var("CARGO_ENCODED_RUSTFLAGS");
    let other_linker = ["fuse-ld=bfd", "fuse-ld=gold", "linker-flavor"]
        .iter()
        .any(|f| flags.contains(f))
        || !var("RUSTC_LINKER").is_empty()
        || std::env::vars().any(|(k, _)| k.starts_with("CARGO_TARGET_") && k.ends_with("_LINKER"));
    let order = std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("benches/hot-functions.txt");
    if !other_linker && var("CARGO_CFG_TARGET_ARCH") == "x86_64" && order.exists() {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}
