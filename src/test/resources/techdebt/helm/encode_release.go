// Writes a Helm release Secret's data.release the way Helm 3 does (pkg/storage/driver/util.go encodeRelease:
// json.Marshal, gzip.BestCompression, base64.StdEncoding), then base64 once more as the Kubernetes API sends
// Secret data. The structs copy the JSON tags of helm pkg/release (Release, Info) and pkg/chart (Chart, Metadata,
// File). Standard library only. Regenerate: go run encode_release.go > release-secret-data.txt
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
)

type Info struct {
	FirstDeployed time.Time `json:"first_deployed,omitempty"`
	LastDeployed  time.Time `json:"last_deployed,omitempty"`
	Deleted       string    `json:"deleted"` // helmtime.Time writes a zero time as ""
	Description   string    `json:"description,omitempty"`
	Status        string    `json:"status,omitempty"`
	Notes         string    `json:"notes,omitempty"`
}

type Metadata struct {
	Name        string `json:"name,omitempty"`
	Home        string `json:"home,omitempty"`
	Version     string `json:"version,omitempty"`
	Description string `json:"description,omitempty"`
	APIVersion  string `json:"apiVersion,omitempty"`
	AppVersion  string `json:"appVersion,omitempty"`
	Deprecated  bool   `json:"deprecated,omitempty"`
	Type        string `json:"type,omitempty"`
}

type File struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

type Chart struct {
	Metadata  *Metadata              `json:"metadata"`
	Lock      *struct{}              `json:"lock"`
	Templates []*File                `json:"templates"`
	Values    map[string]interface{} `json:"values"`
	Schema    []byte                 `json:"schema"`
	Files     []*File                `json:"files"`
}

type Release struct {
	Name      string                 `json:"name,omitempty"`
	Info      *Info                  `json:"info,omitempty"`
	Chart     *Chart                 `json:"chart,omitempty"`
	Config    map[string]interface{} `json:"config,omitempty"`
	Manifest  string                 `json:"manifest,omitempty"`
	Hooks     []*struct{}            `json:"hooks,omitempty"`
	Version   int                    `json:"version,omitempty"`
	Namespace string                 `json:"namespace,omitempty"`
}

func main() {
	first, _ := time.Parse(time.RFC3339Nano, "2026-01-12T09:30:00.123456789Z")
	last, _ := time.Parse(time.RFC3339Nano, "2026-03-02T14:05:09.987654321Z")
	rls := &Release{
		Name: "web",
		Info: &Info{FirstDeployed: first, LastDeployed: last, Description: "Upgrade complete", Status: "deployed"},
		Chart: &Chart{
			Metadata: &Metadata{Name: "nginx", Home: "https://charts.example.com/nginx", Version: "1.2.0",
				Description: "A Helm chart for Kubernetes", APIVersion: "v2", AppVersion: "1.27.1", Type: "application"},
			Templates: []*File{{Name: "templates/deployment.yaml", Data: []byte("apiVersion: apps/v1\n")}},
			Values:    map[string]interface{}{"replicaCount": 1},
			Files:     []*File{},
		},
		Manifest:  "---\n# Source: nginx/templates/ingress.yaml\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    note: \"<b>&</b>\"\n",
		Version:   2,
		Namespace: "shop",
	}
	b, err := json.Marshal(rls)
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	helm := base64.StdEncoding.EncodeToString(buf.Bytes())
	fmt.Println(base64.StdEncoding.EncodeToString([]byte(helm)))
}
