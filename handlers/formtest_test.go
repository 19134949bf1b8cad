package handlers

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// field is one form field; repeated names are sent in order, as a browser does.
type field struct{ name, value string }

// upload is a file part of a multipart form.
type upload struct {
	name    string
	content []byte
}

// multipartBody encodes fields and an optional file the way a browser sends the form.
func multipartBody(t testing.TB, fields []field, file *upload) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		if err := mw.WriteField(f.name, f.value); err != nil {
			t.Fatal(err)
		}
	}
	if file != nil {
		fw, err := mw.CreateFormFile("file", file.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(file.content); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), buf.Bytes()
}

// post sends a multipart form as a same-origin browser would; headers are "Name: value".
func (e *testEnv) post(t testing.TB, path string, fields []field, file *upload, headers ...string) (*http.Response, string) {
	t.Helper()
	ct, body := multipartBody(t, fields, file)
	return e.postRaw(t, path, ct, bytes.NewReader(body), headers...)
}

// postRaw posts a body of any type as a same-origin browser would.
func (e *testEnv) postRaw(t testing.TB, path, contentType string, body io.Reader, headers ...string) (*http.Response, string) {
	t.Helper()
	headers = append([]string{"Content-Type: " + contentType, "Sec-Fetch-Site: same-origin"}, headers...)
	return e.send(t, http.MethodPost, path, body, headers...)
}

// baseFields is a valid form without deliverables.
func baseFields(extra ...field) []field {
	return append([]field{
		{"title", "基幹システム刷新"},
		{"client_name", "株式会社サンプル"},
		{"client_honorific", "onchu"},
		{"language", "ja"},
		{"currency", "JPY"},
		{"requirements", "利用者 300 名"},
	}, extra...)
}

// rowFields are deliverable rows as pairs of name and description.
func rowFields(pairs ...string) []field {
	var out []field
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, field{"name", pairs[i]}, field{"description", pairs[i+1]})
	}
	return out
}

// formRows reads the deliverable rows back from a rendered form.
func formRows(t *testing.T, body string) [][2]string {
	t.Helper()
	var rows [][2]string
	parseHTML(t, body).Find("#deliverable-rows .deliverable-row").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Find(`input[name="name"]`).Attr("value")
		rows = append(rows, [2]string{name, s.Find(`textarea[name="description"]`).Text()})
	})
	return rows
}

func filled(rows [][2]string) [][2]string {
	var out [][2]string
	for _, r := range rows {
		if r[0] != "" || r[1] != "" {
			out = append(out, r)
		}
	}
	return out
}
