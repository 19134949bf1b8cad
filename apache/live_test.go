package apache

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// TestApacheInFront puts the real app behind a real Apache (Debian's apache2, in the foreground,
// on loopback ports, with a certificate made here) in each site configuration of sites, and goes
// through everything a user and an operator do there: the password, HTTPS, the whole estimate
// from the sample spreadsheet to the documents and the deletion, with every address the pages
// refer to, uploads at and over the limit, the cross-origin protection, cookies, health checks
// and logs.
func TestApacheInFront(t *testing.T) {
	requireApache(t)
	bin := buildApp(t, t.TempDir())
	for _, s := range sites(t) {
		t.Run(s.name, func(t *testing.T) {
			start := time.Now()
			l := startLive(t, bin, s)
			l.checkPassword(t)
			l.checkHTTPRedirect(t)
			l.checkHealth(t)
			home := l.checkSession(t)
			l.checkBookmarkedUIAddress(t)
			l.checkOrigins(t, home)
			l.checkUploads(t, home)
			path := l.createTask(t, home)
			l.answerQuestions(t, path)
			l.checkDocuments(t, path)
			l.adjust(t, path)
			l.deleteTask(t, path)
			l.checkAppLog(t)
			l.checkApacheLog(t)
			t.Logf("%s: %d addresses checked in %s", s.name, len(l.refs.checked), time.Since(start).Round(time.Millisecond))
		})
	}
}

// live is one site with its app, its Apache and a browser.
type live struct {
	site     site
	p        placement
	app      app
	errorLog string
	b        *browser
	refs     *references
	sample   string
}

func startLive(t *testing.T, bin string, s site) *live {
	t.Helper()
	dir := t.TempDir()
	p := placement{appPort: freePort(t), httpPort: freePort(t), tlsPort: freePort(t), creds: newCredentials(t, dir)}
	appDir := filepath.Join(dir, "app")
	if err := os.Mkdir(appDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if s.dotEnv != nil {
		if err := os.WriteFile(filepath.Join(appDir, ".env"), []byte(s.dotEnv(t, p)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"PORT": strconv.Itoa(p.appPort), "LLM_PROVIDER": "offline"}
	for k, v := range s.env {
		env[k] = v
	}
	l := &live{site: s, p: p, sample: readText(t, filepath.Join("..", "handlers", "testdata", "sample_input.csv"))}
	l.app = startApp(t, bin, appDir, p.appPort, env)
	l.errorLog = startApache(t, filepath.Join(dir, "apache"), s.conf(t, p), s.enable, p)
	l.b = newBrowser(t, p)
	l.refs = &references{b: l.b, checked: map[string]bool{}}
	return l
}

// checkPassword: nothing is served without the password, except /health to this host where the
// site allows it.
func (l *live) checkPassword(t *testing.T) {
	for _, path := range []string{"/", "/tasks", "/api/v1/health", "/static/css/app.css", "/ui/tasks"} {
		r := l.b.send(t, true, http.MethodGet, path, nil).want(t, http.StatusUnauthorized)
		if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Basic") {
			t.Errorf("%s: WWW-Authenticate %q, want Basic", path, r.Header.Get("WWW-Authenticate"))
		}
	}
	want := http.StatusUnauthorized
	if l.site.healthOpen {
		want = http.StatusOK
	}
	l.b.send(t, true, http.MethodGet, "/health", nil).want(t, want)
	if r := l.b.get(t, "/health").want(t, http.StatusOK); string(r.body) != `{"status":"healthy"}` {
		t.Errorf("/health with the password: %q", r.body)
	}
}

// checkHTTPRedirect: plain HTTP only redirects to HTTPS.
func (l *live) checkHTTPRedirect(t *testing.T) {
	plain := "http://" + publicName + ":" + strconv.Itoa(l.p.httpPort) + "/tasks?q=apache"
	r := l.b.send(t, true, http.MethodGet, plain, nil).want(t, http.StatusMovedPermanently)
	// The predecessor's rule drops the path (mod_rewrite keeps the query) and the port.
	want := "https://" + publicName + "/?q=apache"
	if l.site.redirectKeepsPath {
		want = l.p.origin() + "/tasks?q=apache"
	}
	if got := r.Header.Get("Location"); got != want {
		t.Errorf("http:// redirects to %q, want %q", got, want)
	} else if l.site.redirectKeepsPath {
		l.b.get(t, got).want(t, http.StatusOK)
	}
}

// checkHealth runs the guide's checks through Apache: `curl -u user:password
// https://host/api/v1/health` and, after an update, …/api/v1/translations. (Its local check,
// /health on the app's own port, is what startApp waits for.)
func (l *live) checkHealth(t *testing.T) {
	var health struct{ Status string }
	if err := json.Unmarshal(l.b.get(t, "/api/v1/health").want(t, http.StatusOK).body, &health); err != nil || health.Status != "healthy" {
		t.Errorf("/api/v1/health: %+v, %v", health, err)
	}
	var translations struct{ Language string }
	if err := json.Unmarshal(l.b.get(t, "/api/v1/translations").want(t, http.StatusOK).body, &translations); err != nil || translations.Language == "" {
		t.Errorf("/api/v1/translations: %+v, %v", translations, err)
	}
}

// checkSession: choosing a language starts the session, whose cookie is Secure when the site
// tells the app the browser uses HTTPS. It returns the home page.
func (l *live) checkSession(t *testing.T) *goquery.Document {
	r := l.b.get(t, "/?lang=en").want(t, http.StatusOK)
	cookies := r.Cookies()
	if len(cookies) == 0 {
		t.Fatal("choosing a language set no cookie")
	}
	for _, c := range cookies {
		if c.Secure != l.site.secureCookies || !c.HttpOnly {
			t.Errorf("cookie %s: Secure %v (want %v), HttpOnly %v", c.Name, c.Secure, l.site.secureCookies, c.HttpOnly)
		}
	}
	doc := r.doc(t)
	l.refs.check(t, doc)
	return doc
}

// checkBookmarkedUIAddress: the predecessor's page was at /ui/; such an address still works.
func (l *live) checkBookmarkedUIAddress(t *testing.T) {
	r := l.b.get(t, "/ui/tasks?lang=en").want(t, http.StatusMovedPermanently)
	if loc := r.Header.Get("Location"); loc != "/tasks?lang=en" {
		t.Fatalf("/ui/tasks redirects to %q", loc)
	}
	l.b.get(t, r.Header.Get("Location")).want(t, http.StatusOK)
}

// taskForm is the new-estimate form of the home page.
func taskForm(t *testing.T, home *goquery.Document) *goquery.Selection {
	t.Helper()
	form := home.Find(`form[action="/tasks"]`)
	if form.Length() != 1 {
		t.Fatal("the home page has no new-estimate form")
	}
	return form
}

// checkOrigins: a form posted from the site is accepted, also by a browser that sends Origin
// but not Sec-Fetch-Site; a form posted from another site is refused.
func (l *live) checkOrigins(t *testing.T, home *goquery.Document) {
	form := taskForm(t, home)
	ct, body := multipartForm(t, set(formFields(form), "op", "add_rows"))
	l.b.post(t, "/tasks/form", ct, body).want(t, http.StatusOK)
	l.b.post(t, "/tasks/form", ct, body, "Sec-Fetch-Site:").want(t, http.StatusOK)
	l.b.post(t, "/tasks/form", ct, body, "Origin: https://evil.example", "Sec-Fetch-Site: cross-site").want(t, http.StatusForbidden)
	l.b.post(t, "/tasks/form", ct, body, "Origin: https://evil.example", "Sec-Fetch-Site:").want(t, http.StatusForbidden)
}

// checkUploads: a 9 MB file is read; a file over MAX_UPLOAD_SIZE_MB (10) gets the app's 413,
// whether the request is within the body limit (file + 4 MB of form) or far over it.
func (l *live) checkUploads(t *testing.T, home *goquery.Document) {
	form := taskForm(t, home)
	fields := formFields(form)
	// The sample, then blank rows that the reader skips, up to 9 MB.
	padded := bytes.NewBufferString(l.sample)
	for padded.Len() < 9<<20-1002 {
		padded.WriteString(strings.Repeat(" ", 1000) + ",\n")
	}
	ct, body := multipartForm(t, append(fields, field{name: "file", filename: "big.csv", value: padded.String()}))
	doc := l.b.post(t, "/tasks/import?lang=en", ct, body).want(t, http.StatusOK).doc(t)
	if n := doc.Find(`input[name="name"][value!=""]`).Length(); n != 9 {
		t.Errorf("the 9 MB upload gave %d rows, want the sample's 9", n)
	}
	for _, size := range []int{12 << 20, 20 << 20} {
		ct, body := multipartForm(t, append(fields, field{name: "file", filename: "huge.csv", value: strings.Repeat("x", size)}))
		r := l.b.post(t, "/tasks/import?lang=en", ct, body).want(t, http.StatusRequestEntityTooLarge)
		if !bytes.Contains(r.body, []byte("at most 10 MB")) {
			t.Errorf("%d MB upload: not the app's 413 page:\n%.300s", size>>20, r.body)
		}
	}
}

// createTask sends the new-estimate form with the sample spreadsheet and returns the task's path.
func (l *live) createTask(t *testing.T, home *goquery.Document) string {
	form := taskForm(t, home)
	fields := formFields(form)
	fields = set(set(set(fields, "title", "Apache"), "client_name", "Sample Co."), "requirements", "About 25 screens and 5 reports")
	fields = append(fields, field{name: "file", filename: "sample_input.csv", value: l.sample})
	r := l.b.submit(t, form, fields).want(t, http.StatusSeeOther)
	path := r.Header.Get("Location")
	if !strings.HasPrefix(path, "/tasks/") {
		t.Fatalf("created task at %q", path)
	}
	return path
}

// waitStatus loads the task page until its status is status, polling in between as the page
// does: its poll address, as htmx asks it, until it answers with news.
func (l *live) waitStatus(t *testing.T, path, status string) *goquery.Document {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		doc := l.b.get(t, path).want(t, http.StatusOK).doc(t)
		if doc.Find("main").AttrOr("data-status", "") == status {
			return doc
		}
		poll, ok := doc.Find("#estimate").Attr("hx-get")
		if !ok {
			t.Fatalf("status %q, want %q, and the page does not poll", doc.Find("main").AttrOr("data-status", ""), status)
		}
		for news := false; !news; {
			if time.Now().After(deadline) {
				t.Fatalf("%s never reached %s", path, status)
			}
			time.Sleep(200 * time.Millisecond)
			r := l.b.get(t, poll, "HX-Request: true", "HX-Target: estimate").want(t, http.StatusOK, http.StatusNoContent)
			news = r.StatusCode == http.StatusOK
		}
	}
}

// answerQuestions answers through htmx, as the page does, and waits for the offline estimate.
func (l *live) answerQuestions(t *testing.T, path string) {
	doc := l.waitStatus(t, path, "awaiting_answers")
	l.refs.check(t, doc)
	form := doc.Find("#answers-form")
	var fields []field
	form.Find("textarea[name=answer]").Each(func(i int, _ *goquery.Selection) {
		fields = append(fields, field{name: "answer", value: "answer " + strconv.Itoa(i+1)})
	})
	r := l.b.submit(t, form, fields, "HX-Request: true", "HX-Target: estimate").want(t, http.StatusOK)
	if got := r.Header.Get("HX-Redirect"); got != path {
		t.Errorf("answers: HX-Redirect %q, want %q", got, path)
	}
	l.refs.check(t, l.waitStatus(t, path, "estimated"))
}

// checkDocuments downloads the quotation as a workbook, a PDF and CSV.
func (l *live) checkDocuments(t *testing.T, path string) {
	doc := l.b.get(t, path).want(t, http.StatusOK).doc(t)
	for ext, magic := range map[string]string{".xlsx": "PK\x03\x04", ".pdf": "%PDF-", ".csv": ""} {
		link := doc.Find(`a[href*="/quote`+ext+`"]`).First().AttrOr("href", "")
		if link == "" {
			t.Errorf("no %s download on the task page", ext)
			continue
		}
		r := l.b.get(t, link).want(t, http.StatusOK)
		if !strings.HasPrefix(string(r.body), magic) || len(r.body) < 100 {
			t.Errorf("%s: %d bytes starting %q", link, len(r.body), r.body[:min(8, len(r.body))])
		}
		if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, ext) {
			t.Errorf("%s: Content-Disposition %q", link, cd)
		}
	}
}

// adjust gives a discount with a plain form post and sets a contingency through htmx; each makes
// a new revision, and each answer leads to the task page.
func (l *live) adjust(t *testing.T, path string) {
	doc := l.b.get(t, path).want(t, http.StatusOK).doc(t)
	first := base(t, doc)
	form := doc.Find("#discount-form")
	r := l.b.submit(t, form, set(formFields(form), "amount", "10000")).want(t, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, path+"#") {
		t.Errorf("discount: Location %q", loc)
	}
	doc = l.b.get(t, r.Header.Get("Location")).want(t, http.StatusOK).doc(t)
	form = doc.Find("#contingency-form")
	r = l.b.submit(t, form, set(formFields(form), "percent", "10"), "HX-Request: true", "HX-Target: adjust").want(t, http.StatusOK)
	var loc struct{ Path string }
	if err := json.Unmarshal([]byte(r.Header.Get("HX-Location")), &loc); err != nil || loc.Path != path {
		t.Fatalf("contingency: HX-Location %q", r.Header.Get("HX-Location"))
	}
	doc = l.b.get(t, loc.Path).want(t, http.StatusOK).doc(t)
	if got := base(t, doc); got != first+2 {
		t.Errorf("revision %d after two adjustments of revision %d", got, first)
	}
	l.refs.check(t, doc)
}

// base is the revision the task page's quick adjustments start from: the current one.
func base(t *testing.T, doc *goquery.Document) int {
	t.Helper()
	n, err := strconv.Atoi(doc.Find(`#discount-form input[name="base"]`).AttrOr("value", ""))
	if err != nil {
		t.Fatalf("no revision on the task page: %v", err)
	}
	return n
}

// deleteTask deletes through the confirmation page, as without JavaScript.
func (l *live) deleteTask(t *testing.T, path string) {
	doc := l.b.get(t, path+"/delete").want(t, http.StatusOK).doc(t)
	l.refs.check(t, doc)
	form := doc.Find(`form[action="` + path + `/delete"]`)
	if form.Length() != 1 {
		t.Fatal("no deletion form on the confirmation page")
	}
	r := l.b.submit(t, form, formFields(form)).want(t, http.StatusSeeOther)
	l.b.get(t, r.Header.Get("Location")).want(t, http.StatusOK)
	l.b.get(t, path).want(t, http.StatusNotFound)
}

// checkAppLog: every request the app logged came from the browser's address (not Apache's), and
// nothing was logged as an error.
func (l *live) checkAppLog(t *testing.T) {
	requests := 0
	sc := bufio.NewScanner(strings.NewReader(readText(t, l.app.log)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line struct {
			Level, Msg, Path, Remote string
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Errorf("app log line is not JSON: %q", sc.Text())
			continue
		}
		if line.Level == "ERROR" {
			t.Errorf("app logged an error: %s", sc.Text())
		}
		if line.Msg == "request" {
			requests++
			if line.Remote != browserAddr.IP.String() {
				t.Errorf("request %s logged from %q, want the browser's %s", line.Path, line.Remote, browserAddr.IP)
			}
		}
	}
	if requests == 0 {
		t.Error("the app logged no requests")
	}
}

// checkApacheLog: Apache met no trouble with the app (a reset connection would show as a proxy
// error and a 502 to the browser).
func (l *live) checkApacheLog(t *testing.T) {
	data, err := os.ReadFile(l.errorLog)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, "[proxy") {
			t.Errorf("Apache: %s", line)
		}
	}
}
