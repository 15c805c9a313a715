package userpool

// Defaults applied by New; each Args field documents its own.
const (
	DefaultPasswordMinLength          = 12
	DefaultTemporaryPasswordDays      = 3
	DefaultMFA                        = "ON"
	DefaultThreatProtection           = "ENFORCED"
	DefaultAccessTokenMinutes         = 60
	DefaultIDTokenMinutes             = 60
	DefaultRefreshTokenDays           = 30
	defaultResourceServerNameTemplate = "%s resource server"
)

func (a *Args) withDefaults() Args {
	out := *a
	if out.PasswordMinLength == 0 {
		out.PasswordMinLength = DefaultPasswordMinLength
	}
	if out.TemporaryPasswordDays == 0 {
		out.TemporaryPasswordDays = DefaultTemporaryPasswordDays
	}
	if out.MFA == "" {
		out.MFA = DefaultMFA
	}
	if out.ThreatProtection == "" {
		out.ThreatProtection = DefaultThreatProtection
	}
	out.Clients = make([]Client, len(a.Clients))
	for i, c := range a.Clients {
		if c.AccessTokenMinutes == 0 {
			c.AccessTokenMinutes = DefaultAccessTokenMinutes
		}
		if c.IDTokenMinutes == 0 {
			c.IDTokenMinutes = DefaultIDTokenMinutes
		}
		if c.RefreshTokenDays == 0 {
			c.RefreshTokenDays = DefaultRefreshTokenDays
		}
		out.Clients[i] = c
	}
	return out
}
