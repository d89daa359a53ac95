// A Flagger webhook call as Flagger makes it (pkg/controller/webhook.go, CallWebhook): the CanaryWebhookPayload
// marshalled by encoding/json, POSTed with Content-Type application/json by Go's HTTP client to the webhook's URL as
// written in the Canary (userinfo included, which the client sends as Basic credentials), within the webhook's
// timeout; an answer above 202 halts the canary with the answer's body as the reason. (Flagger's client,
// go-retryablehttp, also retries 5xx and 429 answers when the webhook asks for retries, and then reports only their
// status; the answers this program is used for, 200 and 412, it hands on as they are.)
//
// Usage: webhook-client URL TIMEOUT NAME NAMESPACE PHASE CHECKSUM METADATA_JSON
// Prints "advance <status>" or "halt <status> <body>".
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"
)

type payload struct {
	Name      string            `json:"name"`
	Namespace string            `json:"namespace"`
	Phase     string            `json:"phase"`
	Checksum  string            `json:"checksum"`
	Metadata  map[string]string `json:"metadata,omitempty"`
}

func main() {
	if len(os.Args) != 8 {
		fmt.Fprintln(os.Stderr, "usage: webhook-client URL TIMEOUT NAME NAMESPACE PHASE CHECKSUM METADATA_JSON")
		os.Exit(2)
	}
	p := payload{Name: os.Args[3], Namespace: os.Args[4], Phase: os.Args[5], Checksum: os.Args[6]}
	if err := json.Unmarshal([]byte(os.Args[7]), &p.Metadata); err != nil {
		fmt.Fprintln(os.Stderr, "metadata:", err)
		os.Exit(2)
	}
	body, err := json.Marshal(p)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	hook, err := url.Parse(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	timeout, err := time.ParseDuration(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	req, err := http.NewRequest("POST", hook.String(), bytes.NewBuffer(body))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	req.Header.Set("Content-Type", "application/json")
	r, err := (&http.Client{Timeout: timeout}).Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer r.Body.Close()
	answer, err := io.ReadAll(r.Body)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if r.StatusCode > 202 {
		fmt.Printf("halt %d %s", r.StatusCode, answer)
		return
	}
	fmt.Printf("advance %d", r.StatusCode)
}
