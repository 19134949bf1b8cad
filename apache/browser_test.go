package apache

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// browserAddr is where the test's browser connects from: not 127.0.0.1, where Apache connects to
// the app from, so the app's log can show which of the two it took for the client.
var browserAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}

// browser is an HTTP client that behaves like one: it verifies the site's certificate, keeps
// cookies, sends the Basic auth password, and says where it sends its forms from (Origin,
// Sec-Fetch-Site). It does not follow redirects: the test follows them itself, to check them.
type browser struct {
	client         *http.Client
	origin         string
	user, password string
}

func newBrowser(t *testing.T, p placement) *browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	dialer := &net.Dialer{LocalAddr: browserAddr, Timeout: 5 * time.Second}
	transport := &http.Transport{
		// publicName is not in any DNS: every connection goes to the port asked for on loopback.
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			_, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			return dialer.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
		},
		TLSClientConfig: &tls.Config{RootCAs: p.creds.roots},
	}
	t.Cleanup(transport.CloseIdleConnections)
	return &browser{
		client: &http.Client{
			Jar:           jar,
			Transport:     transport,
			Timeout:       time.Minute,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		origin:   p.origin(),
		user:     p.creds.user,
		password: p.creds.password,
	}
}

// reply is a response with its body read.
type reply struct {
	*http.Response
	body []byte
}

func (r reply) doc(t *testing.T) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// want fails the test unless the status is one of codes.
func (r reply) want(t *testing.T, codes ...int) reply {
	t.Helper()
	for _, c := range codes {
		if r.StatusCode == c {
			return r
		}
	}
	t.Fatalf("%s %s: status %d, want %v\n%.600s", r.Request.Method, r.Request.URL, r.StatusCode, codes, r.body)
	return r
}

// send makes one request. target is a path on the public site or a whole URL; headers are
// "Name: value", and "Name:" removes one set by default; the password is sent unless anonymous.
func (b *browser) send(t *testing.T, anonymous bool, method, target string, body io.Reader, headers ...string) reply {
	t.Helper()
	if strings.HasPrefix(target, "/") {
		target = b.origin + target
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	if !anonymous {
		req.SetBasicAuth(b.user, b.password)
	}
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ":")
		if value = strings.TrimSpace(value); value == "" {
			req.Header.Del(name)
		} else {
			req.Header.Set(name, value)
		}
	}
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read the body: %v", method, target, err)
	}
	return reply{resp, data}
}

func (b *browser) get(t *testing.T, target string, headers ...string) reply {
	t.Helper()
	return b.send(t, false, http.MethodGet, target, nil, headers...)
}

// post sends a form as the site's own page does: from its origin, same-origin.
func (b *browser) post(t *testing.T, target, contentType string, body []byte, headers ...string) reply {
	t.Helper()
	headers = append([]string{"Content-Type: " + contentType, "Origin: " + b.origin, "Sec-Fetch-Site: same-origin"}, headers...)
	return b.send(t, false, http.MethodPost, target, bytes.NewReader(body), headers...)
}

// field is a form control's name and value, in document order. A chosen file has a file name;
// its value is the content.
type field struct{ name, value, filename string }

// formFields are what a browser would submit of form without touching it: its named controls'
// values, files and buttons aside.
func formFields(form *goquery.Selection) []field {
	return controls(form.Find("input[name], select[name], textarea[name]"))
}

// controls are the names and values a browser would submit of these controls: checked boxes and
// radios, the selected option, text areas, other inputs, but no files or buttons.
func controls(sel *goquery.Selection) []field {
	var out []field
	sel.Each(func(_ int, c *goquery.Selection) {
		name, ok := c.Attr("name")
		if !ok {
			return
		}
		switch {
		case c.Is("textarea"):
			out = append(out, field{name: name, value: c.Text()})
		case c.Is("select"):
			opt := c.Find("option[selected]").First()
			if opt.Length() == 0 {
				opt = c.Find("option").First()
			}
			out = append(out, field{name: name, value: opt.AttrOr("value", opt.Text())})
		default:
			switch c.AttrOr("type", "text") {
			case "file", "submit", "button", "image", "reset":
			case "checkbox", "radio":
				if _, checked := c.Attr("checked"); checked {
					out = append(out, field{name: name, value: c.AttrOr("value", "on")})
				}
			default:
				out = append(out, field{name: name, value: c.AttrOr("value", "")})
			}
		}
	})
	return out
}

// set gives name value, as typing does: the first control of that name changes, or a new one is
// added.
func set(fields []field, name, value string) []field {
	for i := range fields {
		if fields[i].name == name {
			fields[i].value = value
			return fields
		}
	}
	return append(fields, field{name: name, value: value})
}

// multipartForm encodes fields as a browser sends a form with enctype multipart/form-data.
func multipartForm(t *testing.T, fields []field) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		create := func() (io.Writer, error) { return mw.CreateFormField(f.name) }
		if f.filename != "" {
			create = func() (io.Writer, error) { return mw.CreateFormFile(f.name, f.filename) }
		}
		w, err := create()
		if err == nil {
			_, err = io.WriteString(w, f.value)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), buf.Bytes()
}

// submit sends form as the browser would, with fields, encoded as its enctype says.
func (b *browser) submit(t *testing.T, form *goquery.Selection, fields []field, headers ...string) reply {
	t.Helper()
	action := form.AttrOr("action", "")
	if !strings.HasPrefix(action, "/") {
		t.Fatalf("form action %q is not a path on the site", action)
	}
	if form.AttrOr("enctype", "") == "multipart/form-data" {
		ct, body := multipartForm(t, fields)
		return b.post(t, action, ct, body, headers...)
	}
	values := url.Values{}
	for _, f := range fields {
		values.Add(f.name, f.value)
	}
	return b.post(t, action, "application/x-www-form-urlencoded", []byte(values.Encode()), headers...)
}
