// Command bare is the baseline the server's pages are measured against: a bare net/http server
// that answers GET /health with a short JSON body and nothing else (no router, no middleware, no
// database). Run beside the real server and load both in the same run.
//
//	go run ./bench/bare -addr 127.0.0.1:8199
package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8199", "address to listen on")
	flag.Parse()
	http.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"healthy"}`))
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
