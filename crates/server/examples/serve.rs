//! Runs the server over a database until Ctrl-C, without the CLI:
//! `cargo run -p khabar-server --example serve -- khabar.db (or a postgres:// URL) [127.0.0.1:8080] [--allow-ingest]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(db) = args.first() else {
        eprintln!("usage: serve DB [ADDR] [--allow-ingest]");
        std::process::exit(2);
    };
    let mut cfg = khabar_server::ServeConfig::new(db.as_str());
    if let Some(addr) = args.get(1).filter(|a| !a.starts_with("--")) {
        match addr.parse() {
            Ok(a) => cfg.addr = a,
            Err(e) => {
                eprintln!("bad address {addr}: {e}");
                std::process::exit(2);
            }
        }
    }
    cfg.allow_ingest = args.iter().any(|a| a == "--allow-ingest");
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = rt.block_on(khabar_server::serve(cfg)) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
