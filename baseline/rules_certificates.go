package baseline

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
	"unicode/utf16"
)

const typeCertificate = "aws:acm/certificate:Certificate"

// minRSABits is ACM.2's floor for an RSA certificate's key.
const minRSABits = 2048

// certificateRules judge ACM certificates and the descriptions of security groups, as their catalogs do.
func certificateRules() []Rule {
	return []Rule{
		{
			Slug: "acm-transparency-logging",
			// checkov ACMCertSetLoggingPreference.py: options[0].certificate_transparency_logging_preference must be
			// ENABLED; absent passes (missing_block_result=PASSED).
			IDs:         []string{"CKV_AWS_234"},
			Description: "No ACM certificate opts out of certificate transparency logging.",
			Fix:         "leave options.certificateTransparencyLoggingPreference unset or ENABLED (the components set ENABLED)",
			Types:       []string{typeCertificate},
			checkResource: func(r res, _ map[string]any) []string {
				if p := r.str("options.certificateTransparencyLoggingPreference"); p != "" && p != "ENABLED" {
					return []string{fmt.Sprintf("certificate %s sets transparency logging %s", r.Name, p)}
				}
				return nil
			},
		},
		{
			Slug: "acm-no-wildcard",
			// checkov ACMWildcardDomainName.yaml: domain_name, and every subject_alternative_names entry, contain no
			// "*".
			IDs:         []string{"CKV2_AWS_71"},
			Description: "No ACM certificate covers a wildcard name.",
			Fix:         "request a certificate for each exact name (components/customdomain refuses wildcards)",
			Types:       []string{typeCertificate},
			checkResource: func(r res, _ map[string]any) []string {
				var problems []string
				for _, name := range append(r.strs("domainName"), r.strs("subjectAlternativeNames")...) {
					if strings.Contains(name, "*") {
						problems = append(problems, fmt.Sprintf("certificate %s covers the wildcard %s", r.Name, name))
					}
				}
				return problems
			},
		},
		{
			Slug: "acm-rsa-key-length",
			// Security Hub ACM.2 (Config acm-certificate-rsa-check): an RSA certificate managed by ACM has a key of at
			// least 2048 bits. Requested: keyAlgorithm (absent is RSA_2048) is not RSA_1024; imported: the body's
			// RSA key.
			IDs:           []string{"Security Hub ACM.2"},
			Description:   "Every RSA certificate in ACM has a key of at least 2048 bits.",
			Fix:           "request RSA_2048 or stronger, or an EC key (the components request RSA_2048); re-import a stronger certificate",
			Types:         []string{typeCertificate},
			checkResource: checkRSAKeyLength,
		},
		{
			Slug: "sg-described",
			// checkov SecurityGroupRuleDescription.py (CKV_AWS_23; bridgecrewio/checkov 03d5fda) judges
			// aws_security_group (the group's description, absent fails, and each inline ingress/egress rule's),
			// aws_security_group_rule and, since 74f235f, aws_vpc_security_group_ingress_rule and _egress_rule:
			// each needs a non-empty description. cdk-nag EC27 (EC2SecurityGroupDescription.ts): a group's
			// description is at least 2 characters, counted as JavaScript's .length (UTF-16 code units).
			IDs:           []string{"CKV_AWS_23", "cdk-nag EC27"},
			Description:   "Every security group is described (2 characters or more), and so is each of its inline rules and every standalone rule.",
			Fix:           "describe the group and each rule (the components describe the group and each rule)",
			Types:         []string{typeSecurityGroup, typeSGRule, typeSGIngressRule, typeSGEgressRule},
			checkResource: checkSGDescribed,
		},
	}
}

func checkRSAKeyLength(r res, _ map[string]any) []string {
	if r.str("keyAlgorithm") == "RSA_1024" {
		return []string{fmt.Sprintf("certificate %s requests an RSA key of 1024 bits", r.Name)}
	}
	body := r.str("certificateBody")
	if body == "" { // requested, or imported from a value known only after deploy
		return nil
	}
	block, _ := pem.Decode([]byte(body))
	if block == nil {
		return []string{fmt.Sprintf("certificate %s: the imported body is not PEM, so its key cannot be checked", r.Name)}
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return []string{fmt.Sprintf("certificate %s: the imported body is not an X.509 certificate: %v", r.Name, err)}
	}
	if key, ok := cert.PublicKey.(*rsa.PublicKey); ok && key.N.BitLen() < minRSABits {
		return []string{fmt.Sprintf("certificate %s imports an RSA key of %d bits", r.Name, key.N.BitLen())}
	}
	return nil
}

func checkSGDescribed(r res, _ map[string]any) []string {
	desc, known := r.str("description"), !r.unknown("description")
	if r.Type != typeSecurityGroup {
		if known && desc == "" {
			return []string{fmt.Sprintf("security group rule %s has no description (CKV_AWS_23)", r.Name)}
		}
		return nil
	}
	var problems []string
	// A description known only after deploy is judged then; the inline rules are judged now all the same.
	switch n := len(utf16.Encode([]rune(desc))); {
	case !known:
	case n == 0:
		problems = append(problems, fmt.Sprintf("security group %s has no description (CKV_AWS_23, EC27)", r.Name))
	case n < 2:
		problems = append(problems, fmt.Sprintf("security group %s has a description of %d character; EC27 asks 2 or more", r.Name, n))
	}
	for _, dir := range []string{"ingress", "egress"} {
		for i := 0; ; i++ {
			if _, ok := r.get(fmt.Sprintf("%s.%d", dir, i)); !ok {
				break
			}
			if !r.set(fmt.Sprintf("%s.%d.description", dir, i)) {
				problems = append(problems, fmt.Sprintf("security group %s: %s rule %d has no description (CKV_AWS_23)", r.Name, dir, i))
			}
		}
	}
	return problems
}
