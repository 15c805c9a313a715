package jwtauth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/golang-jwt/jwt/v5"
)

// Claims are the claims the decision reads. Cognito access tokens carry client_id and scope and no aud; ID tokens
// carry aud; other IdPs use aud with scope.
//
// They are decoded by exact name and JSON type, not by encoding/json's struct matching, which would fill "scope"
// from "Scope" or "ſcope" (U+017F folds to s) and accept dates written as strings. A member given twice is refused.
type Claims struct {
	Issuer    string
	Subject   string
	Audience  []string
	ExpiresAt *jwt.NumericDate
	NotBefore *jwt.NumericDate
	IssuedAt  *jwt.NumericDate
	ID        string
	TokenUse  string // Cognito: "access" or "id"
	ClientID  string // Cognito access tokens
	Scope     string
	Username  string
}

// Scopes returns the scopes. UnmarshalJSON has checked the claim's syntax, so one space separates them.
func (c *Claims) Scopes() []string {
	if c.Scope == "" {
		return nil
	}
	return strings.Split(c.Scope, " ")
}

// scopeSyntax checks a scope claim against RFC 6749 §3.3 (RFC 8693 §4.2 and RFC 9068 §2.2.3 reuse it for the JWT
// claim): scope-token *( SP scope-token ), scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). Splitting on any white
// space instead (strings.Fields) would grant "a\tb" both scopes where another reader sees one scope, or none.
func scopeSyntax(scope string) error {
	if scope == "" {
		return errors.New("empty (a scope claim holds at least one scope token)")
	}
	for _, tok := range strings.Split(scope, " ") {
		if tok == "" {
			return errors.New("scope tokens are separated by exactly one space (U+0020), with none before or after")
		}
		for _, r := range tok {
			if r < 0x21 || r > 0x7e || r == '"' || r == '\\' {
				return fmt.Errorf("character %U is not allowed in a scope token (RFC 6749 §3.3: printable ASCII but space, \" and \\)", r)
			}
		}
	}
	return nil
}

// The jwt.Claims interface: golang-jwt's Validator reads exp, nbf, iat and iss through these.

// GetExpirationTime is exp.
func (c *Claims) GetExpirationTime() (*jwt.NumericDate, error) { return c.ExpiresAt, nil }

// GetNotBefore is nbf.
func (c *Claims) GetNotBefore() (*jwt.NumericDate, error) { return c.NotBefore, nil }

// GetIssuedAt is iat.
func (c *Claims) GetIssuedAt() (*jwt.NumericDate, error) { return c.IssuedAt, nil }

// GetIssuer is iss.
func (c *Claims) GetIssuer() (string, error) { return c.Issuer, nil }

// GetSubject is sub.
func (c *Claims) GetSubject() (string, error) { return c.Subject, nil }

// GetAudience is aud.
func (c *Claims) GetAudience() (jwt.ClaimStrings, error) { return c.Audience, nil }

// UnmarshalJSON decodes the claims the decision reads and ignores the rest, whatever their names.
func (c *Claims) UnmarshalJSON(b []byte) error {
	*c = Claims{}
	return members(b, func(name []byte, v jsontext.Value) error {
		var err error
		switch string(name) {
		case "iss":
			c.Issuer, err = jsonString(v)
		case "sub":
			c.Subject, err = jsonString(v)
		case "aud":
			c.Audience, err = audience(v)
		case "exp":
			c.ExpiresAt, err = numericDate(v)
		case "nbf":
			c.NotBefore, err = numericDate(v)
		case "iat":
			c.IssuedAt, err = numericDate(v)
		case "jti":
			c.ID, err = jsonString(v)
		case "token_use":
			c.TokenUse, err = jsonString(v)
		case "client_id":
			c.ClientID, err = jsonString(v)
		case "scope":
			if c.Scope, err = jsonString(v); err == nil {
				err = scopeSyntax(c.Scope)
			}
		case "username":
			c.Username, err = jsonString(v)
		default:
			return nil
		}
		if err != nil {
			return fmt.Errorf("claim %s: %w", name, err)
		}
		return nil
	})
}

// decoders are reused: a token is decoded on every request, and a jsontext.Decoder is the largest allocation in it.
var decoders = sync.Pool{New: func() any { return new(jsontext.Decoder) }}

// members calls visit with each member of the JSON object b, by its exact (unescaped) name, in order. The name and
// value are valid only during the call. Anything but one object, invalid UTF-8, and a name given twice are errors:
// RFC 7515 §5.2 and RFC 7519 §4 let a parser either refuse duplicates or keep the last; refusing means no other
// reader of the same token can see a value we did not. jsontext (the json/v2 work's token layer, which is
// encoding/json/jsontext behind GOEXPERIMENT=jsonv2) does the JSON: it refuses duplicate names by default.
func members(b []byte, visit func(name []byte, value jsontext.Value) error) error {
	dec := decoders.Get().(*jsontext.Decoder)
	defer func() {
		dec.Reset(bytes.NewBuffer(nil)) // drop the reference to b before pooling
		decoders.Put(dec)
	}()
	dec.Reset(bytes.NewBuffer(b)) // a bytes.Buffer is read in place, not copied
	if dec.PeekKind() != '{' {
		return errors.New("not a JSON object")
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	var name []byte
	for dec.PeekKind() != '}' {
		quoted, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if name, err = jsontext.AppendUnquote(name[:0], quoted); err != nil {
			return err
		}
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if err := visit(name, v); err != nil {
			return err
		}
	}
	if _, err := dec.ReadToken(); err != nil { // the closing brace
		return err
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return errors.New("data after the JSON object")
	}
	return nil
}

func jsonString(v jsontext.Value) (string, error) {
	if v.Kind() != '"' {
		return "", errors.New("not a JSON string")
	}
	s, err := jsontext.AppendUnquote(nil, v)
	return string(s), err
}

// audience is a string or a list of strings (RFC 7519 §4.1.3).
func audience(v jsontext.Value) ([]string, error) {
	if v.Kind() != '[' {
		one, err := jsonString(v)
		if err != nil {
			return nil, errors.New("not a string or a list of strings")
		}
		return []string{one}, nil
	}
	var list []any // not []string: encoding/json would turn a null member into ""
	if err := json.Unmarshal(v, &list); err != nil {
		return nil, err
	}
	out := make([]string, len(list))
	for i, m := range list {
		s, ok := m.(string)
		if !ok {
			return nil, errors.New("not a string or a list of strings")
		}
		out[i] = s
	}
	return out, nil
}

// maxSeconds bounds a date to year 9999, so no conversion can overflow.
const maxSeconds = 253402300799

// numericDate is a JSON number of seconds since the epoch (RFC 7519 §2). golang-jwt would also take "1767225600",
// a string; aws-jwt-verify refuses it, and so do we. Sub-second parts are dropped (golang-jwt's TimePrecision).
func numericDate(v jsontext.Value) (*jwt.NumericDate, error) {
	if v.Kind() != '0' {
		return nil, errors.New("not a JSON number")
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil || math.Abs(f) > maxSeconds {
		return nil, fmt.Errorf("%s is not a date", v)
	}
	sec, frac := math.Modf(f)
	return jwt.NewNumericDate(time.Unix(int64(sec), int64(frac*1e9))), nil
}
