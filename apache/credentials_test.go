package apache

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// publicName is the site's name in the live test; the client resolves it to loopback itself.
const publicName = "estimator.test"

// credentials are the secrets a deployment keeps outside the site file: the TLS certificate and
// key, and the Basic auth password file.
type credentials struct {
	certFile, keyFile, passwordFile string
	roots                           *x509.CertPool // trusts certFile, for the client
	user, password                  string
}

// newCredentials writes a self-signed certificate for publicName and a password file with one
// user into dir.
func newCredentials(t *testing.T, dir string) credentials {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: publicName},
		DNSNames:              []string{publicName},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true, // its own authority: the client trusts exactly this certificate
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	c := credentials{
		certFile:     filepath.Join(dir, "cert.pem"),
		keyFile:      filepath.Join(dir, "key.pem"),
		passwordFile: filepath.Join(dir, "htpasswd"),
		roots:        x509.NewCertPool(),
		user:         "alice",
		password:     rand.Text(),
	}
	c.roots.AddCert(cert)
	// {SHA} is one of the formats htpasswd writes (-s) and mod_authn_file reads; it needs no tool.
	sum := sha1.Sum([]byte(c.password))
	for name, data := range map[string][]byte{
		c.certFile:     pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		c.keyFile:      pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}),
		c.passwordFile: []byte(c.user + ":{SHA}" + base64.StdEncoding.EncodeToString(sum[:]) + "\n"),
	} {
		// Readable by Apache's worker processes, which run as another user when the test is root.
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return c
}
