#!/usr/bin/env python3
"""A large Git history for the attribution bench, as a `git fast-import` stream on stdout.

COMMITS commits over a year in a monorepo of SERVICES services (services/NAME/...: Go code, go.mod, a Helm chart,
Kubernetes manifests with image tags) plus shared docs and CI files; each commit changes one to three files, some
bump an image tag, a chart version or a go.mod requirement. Every service is deployed every ~DEPLOY_EVERY commits:
the deploy markers (the API's shape) go to MARKERS. The last deploy of service 0 carries a known culprit: an image
tag bump of its own manifests, among commits of other services. Seeded: the same arguments give the same history.

Usage: make_history.py COMMITS SERVICES DEPLOY_EVERY MARKERS.json ALERT.json | git fast-import --quiet
"""
import json
import random
import sys

commits, services, deploy_every = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
markers_file, alert_file = sys.argv[4], sys.argv[5]
rnd = random.Random(42)
names = [f"svc{i:02d}" for i in range(services)]
out = sys.stdout.buffer
start = 1_700_000_000
step = 365 * 24 * 3600 // commits
authors = [("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace@example.com"),
           ("Ken Thompson", "ken@example.com"), ("Barbara Liskov", "barbara@example.com")]
state = {}  # path -> version counter, so contents change


def data(text):
    raw = text.encode()
    out.write(b"data %d\n" % len(raw) + raw + b"\n")


def change(service):
    kind = rnd.random()
    n = state.setdefault(service, 0) + 1
    state[service] = n
    base = f"services/{service}"
    if kind < 0.10:
        return f"{base}/deploy/deployment.yaml", (
            f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {service}}}\nspec:\n  template:\n    spec:\n"
            f"      containers:\n        - name: {service}\n          image: registry.example.com/{service}:v1.{n}.0\n"), \
            f"{service}: image v1.{n}.0"
    if kind < 0.15:
        return f"{base}/chart/Chart.yaml", f"apiVersion: v2\nname: {service}\nversion: 0.{n}.0\n", f"{service}: chart 0.{n}.0"
    if kind < 0.22:
        return f"{base}/go.mod", (f"module example.com/{service}\n\ngo 1.22\n\nrequire (\n"
                                  f"\tgithub.com/example/middleware v1.{n % 40}.{n % 7}\n\tgolang.org/x/net v0.{20 + n % 9}.0\n)\n"), \
            f"{service}: middleware v1.{n % 40}.{n % 7}"
    f = rnd.randrange(40)
    body = "".join(f"func handler{f}_{i}() int {{ return {n * 31 + i} }}\n" for i in range(rnd.randrange(5, 40)))
    return f"{base}/pkg/handler{f}.go", f"package pkg\n\n{body}", f"{service}: handler{f} change {n}"


markers = []
last_deploy = {s: None for s in names}
culprit_at = commits - 30  # inside the last deploy range of svc00
for i in range(1, commits + 1):
    t = start + i * step
    if i == culprit_at:
        service = names[0]
        path, content, subject = f"services/{service}/deploy/deployment.yaml", (
            f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {service}}}\nspec:\n  template:\n    spec:\n"
            f"      containers:\n        - name: {service}\n          image: registry.example.com/{service}:v2.0.0-rc1\n"), \
            f"{service}: image v2.0.0-rc1 (#4242)"
    elif i > culprit_at - 60 and rnd.random() < 0.8:
        service = names[1 + rnd.randrange(max(1, services - 1))] if services > 1 else names[0]
        path, content, subject = change(service)
    else:
        service = rnd.choice(names)
        path, content, subject = change(service)
    name, email = rnd.choice(authors)
    out.write(b"commit refs/heads/main\nmark :%d\n" % i)
    out.write(f"author {name} <{email}> {t} +0000\ncommitter {name} <{email}> {t} +0000\n".encode())
    data(subject)
    out.write(b"M 100644 inline " + path.encode() + b"\n")
    data(content)
    out.write(b"\n")
    for s in names:
        # Each service deploys about every deploy_every commits; svc00's last deploy follows the culprit.
        if (i + names.index(s) * 7) % deploy_every == 0 or (s == names[0] and i == culprit_at + 20):
            markers.append({"service": s, "environment": "production", "repository": "bench", "mark": i,
                            "time": t + 60})
out.write(b"done\n")
out.flush()

# Marks become commit ids only after the import: the bench script resolves them (git rev-parse :N is not a thing).
with open(markers_file, "w") as f:
    json.dump(markers, f)
alert_time = start + (culprit_at + 20) * step + 600
with open(alert_file, "w") as f:
    json.dump({"labels": {"alertname": "SLOBurnRateHigh", "service": names[0], "severity": "page"},
               "annotations": {"summary": f"{names[0]} 5xx above 0.5 % for 5 minutes",
                               "description": "errors since the v2.0.0-rc1 rollout"},
               "startsAt": __import__("datetime").datetime.fromtimestamp(alert_time, __import__("datetime").timezone.utc)
               .strftime("%Y-%m-%dT%H:%M:%SZ")}, f)
