// Package netcheck validates the network values components take — CIDR lists (WAF IP sets, resource-policy source
// IPs, security groups), region names, DNS names — the same way everywhere.
package netcheck

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"

	"github.com/secure-apigw/secure-apigw/internal/awsregion"
)

var dnsNamePattern = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// IsRegion reports whether s is shaped like an AWS region name ("eu-west-1").
// The stack config checks aws:region with the same function.
func IsRegion(s string) bool { return awsregion.Valid(s) }

// IsDNSName reports whether s is a fully qualified, lower-case DNS name without wildcard or trailing dot.
func IsDNSName(s string) bool { return len(s) <= 253 && dnsNamePattern.MatchString(s) }

// CheckCIDRs accepts IPv4 and IPv6 prefixes of /1 or longer, written canonically (no host bits), each once. Every
// problem names field[i].
func CheckCIDRs(field string, cidrs []string) []error {
	var errs []error
	seen := map[netip.Prefix]bool{}
	for i, c := range cidrs {
		p, err := netip.ParsePrefix(c)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s[%d]: %q is not a CIDR (e.g. 203.0.113.0/24 or 2001:db8::/32)", field, i, c))
		case p.Bits() == 0:
			errs = append(errs, fmt.Errorf("%s[%d]: %q is every address; allowed: /1 or longer", field, i, c))
		case p.Masked() != p:
			errs = append(errs, fmt.Errorf("%s[%d]: %q has host bits set; write %s", field, i, c, p.Masked()))
		case p.Addr().Is4In6():
			errs = append(errs, fmt.Errorf("%s[%d]: %q is an IPv4-mapped IPv6 prefix; write the IPv4 form", field, i, c))
		case seen[p]:
			errs = append(errs, fmt.Errorf("%s[%d]: %s is listed twice", field, i, c))
		}
		seen[p] = true
	}
	return errs
}

// CheckAllowCIDRs is CheckCIDRs for a list that grants access: besides each prefix's own checks, the prefixes of
// one family must not together cover every address of it — 0.0.0.0/1 with 128.0.0.0/1 opens the list to the
// internet as 0.0.0.0/0 would, which CheckCIDRs refuses on its own.
func CheckAllowCIDRs(field string, cidrs []string) []error {
	errs := CheckCIDRs(field, cidrs)
	if len(errs) > 0 {
		return errs
	}
	var v4, v6 []netip.Prefix
	for _, c := range cidrs {
		if p := netip.MustParsePrefix(c); p.Addr().Is4() {
			v4 = append(v4, p)
		} else {
			v6 = append(v6, p)
		}
	}
	for _, f := range []struct {
		name     string
		prefixes []netip.Prefix
	}{{"IPv4", v4}, {"IPv6", v6}} {
		if len(f.prefixes) > 0 && coversAll(f.prefixes) {
			errs = append(errs, fmt.Errorf("%s: together the %s prefixes cover every %s address, as a /0 would; "+
				"allowed: lists that leave out the addresses not meant to call", field, f.name, f.name))
		}
	}
	return errs
}

// coversAll reports whether prefixes, all of one family, leave no address of that family out: sorted by first
// address, each must start at or before the address after the ones covered so far.
func coversAll(prefixes []netip.Prefix) bool {
	sorted := slices.Clone(prefixes)
	slices.SortFunc(sorted, func(a, b netip.Prefix) int { return a.Addr().Compare(b.Addr()) })
	next := netip.IPv4Unspecified()
	if sorted[0].Addr().Is6() {
		next = netip.IPv6Unspecified()
	}
	for _, p := range sorted {
		if p.Addr().Compare(next) > 0 {
			return false // a gap before p
		}
		if after := lastAddr(p).Next(); !after.IsValid() {
			return true // p reaches the family's last address
		} else if after.Compare(next) > 0 {
			next = after
		}
	}
	return false
}

// lastAddr is the highest address in p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// SplitFamilies returns the IPv4 and IPv6 prefixes of checked CIDRs, in order and written canonically (lower-case
// IPv6), as a security group rule takes them: in separate lists, echoed back by the provider as sent.
func SplitFamilies(cidrs []string) (v4, v6 []string) {
	for _, c := range cidrs {
		if p := netip.MustParsePrefix(c); p.Addr().Is4() {
			v4 = append(v4, p.String())
		} else {
			v6 = append(v6, p.String())
		}
	}
	return v4, v6
}
