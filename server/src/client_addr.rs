//! Which address a request came from, for the per-address rate limits.
//!
//! Directly connected, it is the peer's address. Behind a reverse proxy or a
//! load balancer every request arrives from the proxy, so one person's failed
//! sign-ins would lock out the whole city. The operator names the proxies
//! (`--trusted-proxy`); only when the peer is one of them is
//! `X-Forwarded-For` read, from the right, skipping the trusted hops — the
//! entries further left were written by the client and prove nothing.

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// An address or a network (`10.0.0.0/8`, `fd00::/8`) of trusted proxies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyNet(IpNet);

impl ProxyNet {
    pub fn contains(&self, addr: IpAddr) -> bool {
        self.0.contains(&canonical(addr))
    }
}

impl FromStr for ProxyNet {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text, None),
        };
        let base: IpAddr = addr.parse().map_err(|_| {
            format!("“{text}” is not an IP address or network such as 10.0.0.5 or 10.0.0.0/8")
        })?;
        let base = canonical(base);
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("“{text}”: the prefix length must be 0 to {max}"))?,
        };
        let net = IpNet::new(base, prefix)
            .map_err(|_| format!("“{text}”: the prefix length must be 0 to {max}"))?;
        Ok(ProxyNet(net.trunc()))
    }
}

impl fmt::Display for ProxyNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// IPv4 addresses seen through an IPv6 socket (`::ffff:10.0.0.5`) as IPv4.
pub fn canonical(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// What limits count by for one client address: the IPv4 address itself,
/// or for IPv6 its /64 — one subscriber's line is usually given a whole /64,
/// so counting single IPv6 addresses would let one person be thousands.
pub fn limit_key(addr: IpAddr) -> String {
    match canonical(addr) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & (u128::MAX << 64);
            format!("{}/64", std::net::Ipv6Addr::from(network))
        }
    }
}

/// The client's address given the peer, the headers and the trusted proxies.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[ProxyNet]) -> IpAddr {
    let is_trusted = |addr: IpAddr| trusted.iter().any(|net| net.contains(addr));
    let mut client = canonical(peer);
    if !is_trusted(client) {
        return client;
    }
    // Proxies append; several headers count as one list, in order.
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    for hop in hops.iter().rev() {
        let Ok(addr) = hop.trim().parse::<IpAddr>() else {
            // Not an address: nothing left of it can be believed.
            break;
        };
        client = canonical(addr);
        if !is_trusted(client) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn nets(list: &[&str]) -> Vec<ProxyNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(limit_key(ip("203.0.113.9")), "203.0.113.9");
        assert_eq!(limit_key(ip("::ffff:203.0.113.9")), "203.0.113.9");
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(
            limit_key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")),
            limit_key(ip("2001:db8:1:2::9"))
        );
        assert_ne!(
            limit_key(ip("2001:db8:1:3::1")),
            limit_key(ip("2001:db8:1:2::1"))
        );
    }

    #[test]
    fn networks_parse_and_match() {
        let net: ProxyNet = "10.1.0.0/16".parse().unwrap();
        assert!(net.contains(ip("10.1.200.3")));
        assert!(!net.contains(ip("10.2.0.1")));
        assert!(net.contains(ip("::ffff:10.1.0.9")));
        let one: ProxyNet = "127.0.0.1".parse().unwrap();
        assert!(one.contains(ip("127.0.0.1")) && !one.contains(ip("127.0.0.2")));
        let all: ProxyNet = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("203.0.113.9")) && !all.contains(ip("2001:db8::1")));
        let v6: ProxyNet = "fd00::/8".parse().unwrap();
        assert!(v6.contains(ip("fd12::1")) && !v6.contains(ip("fe80::1")));
        assert_eq!(v6.to_string(), "fd00::/8");
        for bad in ["", "proxy.example", "10.0.0.0/33", "10.0.0.0/x", "::/129"] {
            assert!(bad.parse::<ProxyNet>().is_err(), "{bad}");
        }
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_peer() {
        let headers = forwarded(&["198.51.100.7"]);
        assert_eq!(
            client_ip(ip("203.0.113.1"), &headers, &[]),
            ip("203.0.113.1")
        );
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_ip(ip("203.0.113.1"), &headers, &trusted),
            ip("203.0.113.1")
        );
        assert_eq!(
            client_ip(ip("10.0.0.2"), &headers, &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let trusted = nets(&["10.0.0.0/8"]);
        // The client claims to be 1.2.3.4; the load balancer saw 198.51.100.7.
        let headers = forwarded(&["1.2.3.4, 198.51.100.7, 10.0.0.9"]);
        assert_eq!(
            client_ip(ip("10.0.0.2"), &headers, &trusted),
            ip("198.51.100.7")
        );
        let split = forwarded(&["1.2.3.4", "198.51.100.7", "10.0.0.9"]);
        assert_eq!(
            client_ip(ip("10.0.0.2"), &split, &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn garbage_or_nothing_leaves_the_nearest_hop() {
        let trusted = nets(&["10.0.0.0/8"]);
        let headers = forwarded(&["198.51.100.7, not-an-address, 10.0.0.9"]);
        assert_eq!(
            client_ip(ip("10.0.0.2"), &headers, &trusted),
            ip("10.0.0.9")
        );
        assert_eq!(
            client_ip(ip("10.0.0.2"), &HeaderMap::new(), &trusted),
            ip("10.0.0.2")
        );
    }
}
