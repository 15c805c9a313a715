package vpclink

const (
	// TLSPolicy is the ALB listener's policy: TLS 1.3 and 1.2 with forward-secret ciphers only.
	TLSPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
	// HTTPSPort and HTTPPort are the backend ports, with and without a certificate.
	HTTPSPort = 443
	// HTTPPort is the backend port without a certificate.
	HTTPPort = 80
	// healthyCodes counts any answer from the ALB as healthy: the NLB checks that the ALB is up, while whether the
	// backend's "/" is 200 or 404 is the application's business.
	healthyCodes = "200-499"
)

// Load balancer and target group names: AWS allows 32 characters, which pulumi-aws's auto-name (the logical name,
// "-" and 7 random characters) exceeds for any instance name longer than a few letters. A name prefix (at most 6
// characters) has Terraform make "<prefix><26 unique characters>" instead, still unique per replacement so a
// replaced load balancer is created before the old one is deleted; the Name tag carries the logical name.
const (
	albNamePrefix      = "alb-"
	nlbNamePrefix      = "nlb-"
	lambdaGroupPrefix  = "fn-"
	albGroupNamePrefix = "alb-"
)

// tls reports whether the ALB serves a certificate: a given one or one requested in a zone.
func (a Args) tls() bool { return a.CertificateArn != nil || a.ZoneName != "" || a.ZoneID != "" }

func (a Args) port() int {
	if a.tls() {
		return HTTPSPort
	}
	return HTTPPort
}

// Scheme is how routes reach the backend: "https" when the ALB serves a certificate (given or requested), else
// "http" (inside the VPC, which the baseline reports).
func (a Args) Scheme() string {
	if a.tls() {
		return "https"
	}
	return "http"
}
