//! `HttpStatusMaintenanceAllow`: client addresses and networks (IPv4 and IPv6,
//! with or without a prefix length) that pass through maintenance.

use std::net::IpAddr;

use crate::directive_args::shown;

/// One address or network, as 128 bits (IPv4 as an IPv4-mapped IPv6 address, so
/// a client on a dual-stack listener matches the IPv4 rules) and a prefix length.
/// The bits are kept as two halves: the module keeps networks in httpd's pools,
/// whose memory is aligned for 8 bytes, not for a `u128`'s 16.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Network {
    halves: [u64; 2],
    prefix: u8,
}

fn mapped(address: IpAddr) -> u128 {
    match address {
        IpAddr::V4(v4) => u128::from(v4.to_ipv6_mapped()),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

fn mask(prefix: u8) -> u128 {
    if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - u32::from(prefix))
    }
}

impl Network {
    /// Reads `192.0.2.7`, `192.0.2.0/24`, `2001:db8::/32` or `::1`. A network
    /// with host bits set (`192.0.2.7/24`) is refused: it usually means a typo.
    pub fn parse(arg: &[u8]) -> Result<Network, String> {
        let text = std::str::from_utf8(arg).map_err(|_| not_an_address(arg))?;
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address: IpAddr = address.parse().map_err(|_| not_an_address(arg))?;
        let (offset, max) = match address {
            IpAddr::V4(_) => (96, 32),
            IpAddr::V6(_) => (0, 128),
        };
        let prefix = match prefix {
            None => max,
            // Digits only: `u8`'s parser would also take "+8".
            Some(p) => Some(p)
                .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u8>().ok())
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("'{}': the prefix length must be 0 to {max}", shown(arg)))?,
        };
        let bits = mapped(address);
        let network = Network {
            halves: [(bits >> 64) as u64, bits as u64],
            prefix: offset + prefix,
        };
        if bits & !mask(network.prefix) != 0 {
            return Err(format!(
                "'{}' has bits set beyond its prefix length (a network is written with \
                 its first address)",
                shown(arg)
            ));
        }
        Ok(network)
    }

    /// Is `address` in this network?
    pub fn contains(&self, address: IpAddr) -> bool {
        let bits = (u128::from(self.halves[0]) << 64) | u128::from(self.halves[1]);
        (mapped(address) ^ bits) & mask(self.prefix) == 0
    }
}

fn not_an_address(arg: &[u8]) -> String {
    format!(
        "'{}' is not an IP address or network (such as 192.0.2.7, 192.0.2.0/24 or \
         2001:db8::/32)",
        shown(arg)
    )
}

/// Is `client` (httpd's text form of the client's address) in any of `networks`?
/// An address that cannot be read is in none.
pub fn allowed(networks: impl IntoIterator<Item = Network>, client: &[u8]) -> bool {
    let Some(address) = std::str::from_utf8(client)
        .ok()
        .and_then(|c| c.parse::<IpAddr>().ok())
    else {
        return false;
    };
    networks.into_iter().any(|n| n.contains(address))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Network {
        Network::parse(s.as_bytes()).unwrap()
    }

    #[test]
    fn addresses_and_networks_of_both_families_match_their_members() {
        let rules = [
            net("127.0.0.2"),
            net("10.1.0.0/16"),
            net("2001:db8::/32"),
            net("::1"),
        ];
        for (client, expected) in [
            ("127.0.0.2", true),
            ("127.0.0.1", false),
            ("10.1.255.3", true),
            ("10.2.0.1", false),
            ("2001:db8:ffff::1", true),
            ("2001:db9::1", false),
            ("::1", true),
            ("::ffff:10.1.2.3", true),
            ("not an address", false),
            ("", false),
        ] {
            assert_eq!(allowed(rules, client.as_bytes()), expected, "{client}");
        }
        assert!(allowed([net("0.0.0.0/0")], b"203.0.113.9"));
        assert!(
            !allowed([net("0.0.0.0/0")], b"2001:db8::1"),
            "IPv4's everything is not IPv6"
        );
        assert!(allowed([net("::/0")], b"203.0.113.9"));
    }

    #[test]
    fn typos_are_refused_with_the_value() {
        for bad in [
            "10.1.2.3/16",
            "10.0.0.0/33",
            "::1/129",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "localhost",
            "10.0.0",
            "fe80::1%eth0",
        ] {
            let err = Network::parse(bad.as_bytes()).unwrap_err();
            assert!(err.contains(bad), "{bad}: {err}");
        }
    }
}
