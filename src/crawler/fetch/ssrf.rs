//! The SSRF guard: the crawler reaches only public addresses (or those explicitly
//! allowlisted), whatever a partner's URL, a redirect or a DNS answer says.
//!
//! Two places apply it:
//! - [`Guard::check_url`] before every request and every redirect hop: scheme, IP
//!   literals (including the decimal/hex forms the `url` crate normalises) and the
//!   addresses a host name resolves to, so the caller gets a clear
//!   [`FetchError::Blocked`](super::FetchError::Blocked);
//! - [`GuardedResolver`], the HTTP client's own DNS resolver, which vets the very
//!   addresses the connection will use. A name that resolves to a public address for the
//!   first check and to a private one at connect time (DNS rebinding) is still refused.
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;

use ipnet::IpNet;
use url::{Host, Url};

/// A boxed future, as returned by [`HostResolver::lookup`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// How host names become addresses. The default is the system resolver; tests and
/// benchmarks use a [`StaticResolver`] so that they never depend on outside DNS.
pub trait HostResolver: Send + Sync + 'static {
    /// All addresses of `host` (ports are ignored by the caller).
    fn lookup<'a>(&'a self, host: &'a str) -> BoxFuture<'a, io::Result<Vec<IpAddr>>>;
}

/// The operating system's resolver (`getaddrinfo` through `tokio::net::lookup_host`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemResolver;

impl HostResolver for SystemResolver {
    fn lookup<'a>(&'a self, host: &'a str) -> BoxFuture<'a, io::Result<Vec<IpAddr>>> {
        Box::pin(async move {
            let addrs = tokio::net::lookup_host((host, 0)).await?;
            Ok(addrs.map(|a| a.ip()).collect())
        })
    }
}

/// A fixed table of names, for tests and benchmarks. Unknown names fail to resolve.
#[derive(Debug, Clone, Default)]
pub struct StaticResolver {
    names: HashMap<String, Vec<IpAddr>>,
}

impl StaticResolver {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a name.
    pub fn with(mut self, host: &str, addrs: &[IpAddr]) -> Self {
        self.names.insert(host.to_ascii_lowercase(), addrs.to_vec());
        self
    }
}

impl HostResolver for StaticResolver {
    fn lookup<'a>(&'a self, host: &'a str) -> BoxFuture<'a, io::Result<Vec<IpAddr>>> {
        let found = self.names.get(&host.to_ascii_lowercase()).cloned();
        Box::pin(async move {
            found.ok_or_else(|| {
                io::Error::new(io::ErrorKind::NotFound, format!("unknown host {host}"))
            })
        })
    }
}

/// Why an address or URL is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// Why a URL could not be vetted.
#[derive(Debug)]
pub enum CheckError {
    /// The URL or one of its addresses is not allowed.
    Refused(Refused),
    /// The host name did not resolve.
    Resolve(String),
}

/// The policy: forbidden ranges, minus an explicit allowlist.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    allowlist: Vec<IpNet>,
}

impl Guard {
    pub fn new(allowlist: Vec<IpNet>) -> Self {
        Self { allowlist }
    }

    fn allowlisted(&self, ip: IpAddr) -> bool {
        let canonical = canonical(ip);
        self.allowlist
            .iter()
            .any(|net| net.contains(&ip) || net.contains(&canonical))
    }

    /// `Ok` when the crawler may connect to `ip`.
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), Refused> {
        if self.allowlisted(ip) {
            return Ok(());
        }
        match forbidden_reason(ip) {
            Some(kind) => Err(Refused(format!("{ip} is a {kind} address"))),
            None => Ok(()),
        }
    }

    /// `Ok` when every address is allowed (and there is at least one).
    pub fn check_all(&self, host: &str, addrs: &[IpAddr]) -> Result<(), Refused> {
        if addrs.is_empty() {
            return Err(Refused(format!("{host} has no address")));
        }
        for ip in addrs {
            self.check_ip(*ip)
                .map_err(|Refused(why)| Refused(format!("{host} resolves to {why}")))?;
        }
        Ok(())
    }

    /// Checks scheme and host of `url`, resolving a host name with `resolver`.
    pub async fn check_url(
        &self,
        url: &Url,
        resolver: &dyn HostResolver,
    ) -> Result<(), CheckError> {
        match url.scheme() {
            "http" | "https" => {}
            other => {
                return Err(CheckError::Refused(Refused(format!(
                    "the {other}: scheme is not crawled"
                ))));
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(CheckError::Refused(Refused(
                "URLs with credentials are not crawled".into(),
            )));
        }
        match url.host() {
            None => Err(CheckError::Refused(Refused("the URL has no host".into()))),
            Some(Host::Ipv4(ip)) => self.check_ip(IpAddr::V4(ip)).map_err(CheckError::Refused),
            Some(Host::Ipv6(ip)) => self.check_ip(IpAddr::V6(ip)).map_err(CheckError::Refused),
            Some(Host::Domain(name)) => {
                // A domain that is an IP literal in disguise cannot occur for http(s):
                // the url crate parses those (including 0x7f000001) as IPv4.
                let addrs = resolver
                    .lookup(name)
                    .await
                    .map_err(|e| CheckError::Resolve(format!("could not resolve {name}: {e}")))?;
                self.check_all(name, &addrs).map_err(CheckError::Refused)
            }
        }
    }
}

/// An IPv4 address hidden in an IPv6 one (mapped, compatible, NAT64 or 6to4) or the
/// address itself.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => embedded_v4(v6).map(IpAddr::V4).unwrap_or(ip),
    }
}

fn embedded_v4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = v6.segments();
    let o = v6.octets();
    let tail = Ipv4Addr::new(o[12], o[13], o[14], o[15]);
    // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible, also :: and ::1
    // which are handled before this is used).
    if s[..5] == [0, 0, 0, 0, 0] && (s[5] == 0xffff || s[5] == 0) {
        return Some(tail);
    }
    // 64:ff9b::a.b.c.d, the well-known NAT64 prefix.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(tail);
    }
    // 2002:AABB:CCDD::/48, 6to4.
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(o[2], o[3], o[4], o[5]));
    }
    None
}

/// Which kind of non-public address `ip` is, if it is one.
pub fn forbidden_reason(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn in_v4(ip: Ipv4Addr, net: [u8; 4], prefix: u32) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    (u32::from(ip) & mask) == (u32::from(Ipv4Addr::from(net)) & mask)
}

fn forbidden_v4(ip: Ipv4Addr) -> Option<&'static str> {
    const RANGES: &[([u8; 4], u32, &str)] = &[
        ([0, 0, 0, 0], 8, "unspecified"),
        ([10, 0, 0, 0], 8, "private"),
        ([100, 64, 0, 0], 10, "carrier-grade NAT"),
        ([127, 0, 0, 0], 8, "loopback"),
        ([169, 254, 0, 0], 16, "link-local"),
        ([172, 16, 0, 0], 12, "private"),
        ([192, 0, 0, 0], 24, "IETF protocol"),
        ([192, 0, 2, 0], 24, "documentation"),
        ([192, 31, 196, 0], 24, "AS112"),
        ([192, 52, 193, 0], 24, "AMT"),
        ([192, 88, 99, 0], 24, "6to4 relay"),
        ([192, 168, 0, 0], 16, "private"),
        ([192, 175, 48, 0], 24, "AS112"),
        ([198, 18, 0, 0], 15, "benchmarking"),
        ([198, 51, 100, 0], 24, "documentation"),
        ([203, 0, 113, 0], 24, "documentation"),
        ([224, 0, 0, 0], 4, "multicast"),
        ([255, 255, 255, 255], 32, "broadcast"),
        ([240, 0, 0, 0], 4, "reserved"),
    ];
    RANGES
        .iter()
        .find(|(net, prefix, _)| in_v4(ip, *net, *prefix))
        .map(|(_, _, kind)| *kind)
}

fn in_v6(ip: Ipv6Addr, net: [u16; 8], prefix: u32) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - prefix)
    };
    (u128::from(ip) & mask) == (u128::from(Ipv6Addr::from(net)) & mask)
}

fn forbidden_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    if let Some(v4) = embedded_v4(ip) {
        // Mapped, compatible, NAT64 and 6to4 addresses are as good as what they embed.
        return forbidden_v4(v4).or_else(|| {
            // The deprecated "compatible" form is never legitimate on the wire.
            (ip.segments()[..6] == [0; 6]).then_some("IPv4-compatible")
        });
    }
    const RANGES: &[([u16; 8], u32, &str)] = &[
        ([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48, "local NAT64"),
        ([0x100, 0, 0, 0, 0, 0, 0, 0], 64, "discard-only"),
        ([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32, "documentation"),
        ([0x2001, 0, 0, 0, 0, 0, 0, 0], 23, "IETF protocol"),
        ([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20, "documentation"),
        ([0x5f00, 0, 0, 0, 0, 0, 0, 0], 16, "segment routing"),
        ([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, "unique-local"),
        ([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, "link-local"),
        ([0xfec0, 0, 0, 0, 0, 0, 0, 0], 10, "site-local"),
        ([0xff00, 0, 0, 0, 0, 0, 0, 0], 8, "multicast"),
    ];
    if let Some((_, _, kind)) = RANGES
        .iter()
        .find(|(net, prefix, _)| in_v6(ip, *net, *prefix))
    {
        return Some(kind);
    }
    // Only global unicast (2000::/3) is routed on the public Internet.
    if !in_v6(ip, [0x2000, 0, 0, 0, 0, 0, 0, 0], 3) {
        return Some("reserved");
    }
    None
}

/// The HTTP client's DNS resolver: resolves with the configured [`HostResolver`] and
/// fails unless every address passes the [`Guard`], so the client can only connect to
/// vetted addresses.
#[derive(Clone)]
pub struct GuardedResolver {
    guard: Arc<Guard>,
    resolver: Arc<dyn HostResolver>,
}

impl GuardedResolver {
    pub fn new(guard: Arc<Guard>, resolver: Arc<dyn HostResolver>) -> Self {
        Self { guard, resolver }
    }
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let this = self.clone();
        Box::pin(async move {
            let host = name.as_str().to_string();
            let addrs = this.resolver.lookup(&host).await?;
            this.guard.check_all(&host, &addrs)?;
            // Port 0: the client puts the URL's (or the scheme's) port.
            let addrs: reqwest::dns::Addrs =
                Box::new(addrs.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

/// Finds a [`Refused`] among the sources of a client error (the resolver's refusal).
pub fn find_refusal(err: &(dyn std::error::Error + 'static)) -> Option<Refused> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(refused) = e.downcast_ref::<Refused>() {
            return Some(refused.clone());
        }
        current = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forbidden_ranges() {
        for s in [
            "0.0.0.0",
            "127.0.0.1",
            "127.255.0.3",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "192.0.2.10",
            "198.51.100.1",
            "203.0.113.5",
            "198.18.0.1",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::10.0.0.1",
            "2002:7f00:1::1",
            "2001:db8::1",
            "3fff::1",
            "fec0::1",
        ] {
            assert!(forbidden_reason(ip(s)).is_some(), "{s} should be forbidden");
        }
    }

    #[test]
    fn public_addresses() {
        for s in [
            "1.1.1.1",
            "8.8.8.8",
            "93.184.216.34",
            "172.32.0.1",
            "100.128.0.1",
            "192.169.0.1",
            "2a00:1450:4007:80e::200e",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "64:ff9b::8.8.8.8",
        ] {
            assert_eq!(forbidden_reason(ip(s)), None, "{s} should be public");
        }
    }

    #[test]
    fn allowlist() {
        let guard = Guard::new(vec![
            "127.0.0.1/32".parse().unwrap(),
            "::1/128".parse().unwrap(),
        ]);
        assert!(guard.check_ip(ip("127.0.0.1")).is_ok());
        assert!(guard.check_ip(ip("::ffff:127.0.0.1")).is_ok());
        assert!(guard.check_ip(ip("::1")).is_ok());
        assert!(guard.check_ip(ip("127.0.0.2")).is_err());
        assert!(guard.check_ip(ip("10.0.0.1")).is_err());
        assert!(Guard::default().check_ip(ip("127.0.0.1")).is_err());
    }

    #[test]
    fn any_bad_address_refuses_the_name() {
        let guard = Guard::default();
        assert!(guard.check_all("x", &[ip("8.8.8.8")]).is_ok());
        assert!(
            guard
                .check_all("x", &[ip("8.8.8.8"), ip("10.0.0.1")])
                .is_err()
        );
        assert!(guard.check_all("x", &[]).is_err());
    }

    #[tokio::test]
    async fn urls() {
        let guard = Guard::default();
        let resolver = StaticResolver::new()
            .with("public.example", &[ip("93.184.216.34")])
            .with("sneaky.example", &[ip("127.0.0.1")]);
        let check = |u: &str| {
            let url = Url::parse(u).unwrap();
            let guard = guard.clone();
            let resolver = resolver.clone();
            async move { guard.check_url(&url, &resolver).await }
        };
        assert!(check("https://public.example/a").await.is_ok());
        for u in [
            "http://127.0.0.1/",
            "http://[::1]/",
            "http://10.1.2.3/",
            "http://169.254.169.254/latest/meta-data/",
            "http://0x7f000001/",
            "http://2130706433/",
            "http://0177.0.0.1/",
            "http://[::ffff:7f00:1]/",
            "http://sneaky.example/",
            "ftp://public.example/",
            "file:///etc/passwd",
            "http://user:pw@public.example/",
        ] {
            assert!(
                matches!(check(u).await, Err(CheckError::Refused(_))),
                "{u} should be refused"
            );
        }
        assert!(matches!(
            check("http://unknown.example/").await,
            Err(CheckError::Resolve(_))
        ));
    }

    #[tokio::test]
    async fn guarded_resolver_refuses_private_answers() {
        use reqwest::dns::Resolve;
        let resolver = StaticResolver::new()
            .with("public.example", &[ip("93.184.216.34")])
            .with("rebound.example", &[ip("93.184.216.34"), ip("192.168.0.1")]);
        let guarded = GuardedResolver::new(Arc::new(Guard::default()), Arc::new(resolver));
        let ok: Vec<_> = guarded
            .resolve("public.example".parse().unwrap())
            .await
            .unwrap()
            .collect();
        assert_eq!(ok, vec![SocketAddr::new(ip("93.184.216.34"), 0)]);
        let err = match guarded.resolve("rebound.example".parse().unwrap()).await {
            Ok(_) => panic!("should be refused"),
            Err(e) => e,
        };
        assert!(find_refusal(err.as_ref()).is_some());
    }
}
