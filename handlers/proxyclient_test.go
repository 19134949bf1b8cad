package handlers

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawPost sends a POST the way a reverse proxy does (Apache's mod_proxy_http): the whole request
// first, then it reads the answer. With pace > 0 the body goes in five parts, pace apart, like a
// slow client's upload relayed as it arrives. It returns the answer, or the error that ended the
// exchange (the server closed or reset the connection).
func rawPost(t *testing.T, srvURL, path, contentType string, body []byte, pace time.Duration, headers ...string) (*http.Response, string, error) {
	t.Helper()
	host := strings.TrimPrefix(srvURL, "http://")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(30 * time.Second)); err != nil {
		t.Fatal(err)
	}
	var head strings.Builder
	fmt.Fprintf(&head, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n", path, host, contentType, len(body))
	for _, h := range headers {
		head.WriteString(h + "\r\n")
	}
	head.WriteString("\r\n")
	if _, err := io.WriteString(conn, head.String()); err != nil {
		return nil, "", fmt.Errorf("send the request head: %w", err)
	}
	parts := 1
	if pace > 0 {
		parts = 5
	}
	size := (len(body) + parts - 1) / parts
	for i := 0; i < len(body); i += size {
		if i > 0 {
			time.Sleep(pace)
		}
		if _, err := conn.Write(body[i:min(i+size, len(body))]); err != nil {
			return nil, "", fmt.Errorf("send the body: %w", err)
		}
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return nil, "", fmt.Errorf("read the answer: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, "", fmt.Errorf("read the answer's body: %w", err)
	}
	return resp, string(b), nil
}
