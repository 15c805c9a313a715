package netcheck_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

// An allow list whose prefixes together cover a whole family is refused as /0 is; one that leaves a single address
// out is not.
func TestAllowListsThatCoverEveryAddressAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cidrs  []string
		refuse string // "" when accepted
	}{
		{"two halves of IPv4", []string{"0.0.0.0/1", "128.0.0.0/1"}, "every IPv4 address"},
		{"halves given out of order", []string{"128.0.0.0/1", "0.0.0.0/1"}, "every IPv4 address"},
		{"quarters and a half", []string{"0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/1"}, "every IPv4 address"},
		{"overlapping cover", []string{"0.0.0.0/1", "10.0.0.0/8", "128.0.0.0/1"}, "every IPv4 address"},
		{"two halves of IPv6", []string{"::/1", "8000::/1"}, "every IPv6 address"},
		{"IPv4 halves beside an IPv6 range", []string{"0.0.0.0/1", "2001:db8::/32", "128.0.0.0/1"}, "every IPv4 address"},
		{"a gap of one /32 at the top", []string{"0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5",
			"248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8", "255.0.0.0/9", "255.128.0.0/10", "255.192.0.0/11",
			"255.224.0.0/12", "255.240.0.0/13", "255.248.0.0/14", "255.252.0.0/15", "255.254.0.0/16", "255.255.0.0/17",
			"255.255.128.0/18", "255.255.192.0/19", "255.255.224.0/20", "255.255.240.0/21", "255.255.248.0/22",
			"255.255.252.0/23", "255.255.254.0/24", "255.255.255.0/25", "255.255.255.128/26", "255.255.255.192/27",
			"255.255.255.224/28", "255.255.255.240/29", "255.255.255.248/30", "255.255.255.252/31", "255.255.255.254/32"}, ""},
		{"a gap at the bottom", []string{"0.0.0.1/32", "0.0.0.2/31", "0.0.0.4/30", "0.0.0.8/29", "128.0.0.0/1"}, ""},
		{"one half only", []string{"0.0.0.0/1"}, ""},
		{"private ranges", []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}, ""},
	} {
		errs := netcheck.CheckAllowCIDRs("AllowOnlyCIDRs", tc.cidrs)
		if tc.refuse == "" {
			assert.Empty(t, errs, tc.name)
			continue
		}
		if assert.Len(t, errs, 1, tc.name) {
			assert.ErrorContains(t, errs[0], "AllowOnlyCIDRs: together", tc.name)
			assert.ErrorContains(t, errs[0], tc.refuse, tc.name)
		}
	}
	assert.Empty(t, netcheck.CheckCIDRs("DenyCIDRs", []string{"0.0.0.0/1", "128.0.0.0/1"}),
		"a deny list may cover everything: that weakens nothing")
}
