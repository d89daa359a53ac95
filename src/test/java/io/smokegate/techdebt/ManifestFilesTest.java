package io.smokegate.techdebt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifest directories as real files, links and trees: what is found, on which line, and what is skipped and why. */
class ManifestFilesTest {

    private static final DeprecatedApis TABLE = DeprecatedApis.bundled();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final ReleaseVersion V1_16 = new ReleaseVersion(1, 16, 0);
    private static final ReleaseVersion V1_22 = new ReleaseVersion(1, 22, 0);
    private static final ReleaseVersion V1_25 = new ReleaseVersion(1, 25, 0);

    @TempDir
    Path dir;

    private TechDebtScan scan(ManifestFiles.Limits limits, Path... roots) throws Exception {
        TargetVersions targets = TargetVersions.newest(TABLE).with("v1.25");
        return new TechDebtScanner(TABLE, List.of(new ManifestFiles(List.of(roots), limits)), CLOCK).scan(targets);
    }

    private TechDebtScan scan(Path... roots) throws Exception {
        return scan(ManifestFiles.Limits.defaults(), roots);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static DeprecatedApiFinding finding(Path file, int line, String kind, String name, String namespace,
            String apiVersion, String replacement, ReleaseVersion deprecatedIn, ReleaseVersion removedIn, ApiStatus status) {
        return new DeprecatedApiFinding("file", file.toString(), line, kind, name, namespace, apiVersion, replacement,
                deprecatedIn, removedIn, status);
    }

    private static Skipped skipped(String reason) {
        return new Skipped("file", reason);
    }

    @Test
    void everyDocumentOfAStreamIsJudgedAtTheLineOfItsApiVersion() throws Exception {
        Path file = write("app/all.yaml", """
                # the shop
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: web, namespace: shop}
                ---
                kind: CronJob
                metadata:
                  name: nightly
                apiVersion: batch/v1beta1
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: fine}
                """);
        TechDebtScan scan = scan(dir);
        assertEquals(List.of(
                finding(file, 2, "Ingress", "web", "shop", "extensions/v1beta1", "networking.k8s.io/v1",
                        new ReleaseVersion(1, 14, 0), V1_22, ApiStatus.REMOVED),
                finding(file, 9, "CronJob", "nightly", null, "batch/v1beta1", "batch/v1",
                        new ReleaseVersion(1, 21, 0), V1_25, ApiStatus.REMOVED)), scan.deprecatedApis());
        assertEquals(List.of(), scan.skipped());
    }

    @Test
    void theItemsOfListKindsAreJudgedEachAtItsOwnLine() throws Exception {
        Path list = write("list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: policy/v1beta1
                  kind: PodDisruptionBudget
                  metadata: {name: pdb, namespace: shop}
                - apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: fine}
                - kind: HorizontalPodAutoscaler
                  apiVersion: autoscaling/v2beta1
                  metadata: {name: hpa}
                """);
        Path typed = write("typed.json", """
                {
                  "apiVersion": "rbac.authorization.k8s.io/v1beta1",
                  "kind": "RoleBindingList",
                  "items": [
                    {
                      "apiVersion": "rbac.authorization.k8s.io/v1beta1",
                      "kind": "RoleBinding",
                      "metadata": {"name": "readers", "namespace": "shop"}
                    }
                  ]
                }
                """);
        ReleaseVersion v121 = new ReleaseVersion(1, 21, 0);
        ReleaseVersion v117 = new ReleaseVersion(1, 17, 0);
        assertEquals(List.of(
                finding(list, 4, "PodDisruptionBudget", "pdb", "shop", "policy/v1beta1", "policy/v1", v121, V1_25, ApiStatus.REMOVED),
                finding(list, 11, "HorizontalPodAutoscaler", "hpa", null, "autoscaling/v2beta1", "autoscaling/v2",
                        V1_22, V1_25, ApiStatus.REMOVED),
                finding(typed, 2, "RoleBindingList", null, null, "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1",
                        v117, V1_22, ApiStatus.REMOVED),
                finding(typed, 6, "RoleBinding", "readers", "shop", "rbac.authorization.k8s.io/v1beta1",
                        "rbac.authorization.k8s.io/v1", v117, V1_22, ApiStatus.REMOVED)), scan(dir).deprecatedApis());
    }

    @Test
    void jsonIndentedWithTabsIsRead() throws Exception {
        Path file = write("hpa.json", "{\n\t\"apiVersion\": \"autoscaling/v2beta2\",\n\t\"kind\": \"HorizontalPodAutoscaler\",\n"
                + "\t\"metadata\": {\"name\": \"h\"}\n}\n");
        assertEquals(List.of(finding(file, 2, "HorizontalPodAutoscaler", "h", null, "autoscaling/v2beta2", "autoscaling/v2",
                new ReleaseVersion(1, 23, 0), new ReleaseVersion(1, 26, 0), ApiStatus.REMOVED_IN_NEXT)), scan(dir).deprecatedApis());
    }

    @Test
    void figuresCountFilesAndObjectsThatUseDeprecatedApiVersions() throws Exception {
        write("a.yaml", "apiVersion: batch/v1beta1\nkind: CronJob\n---\napiVersion: batch/v1beta1\nkind: CronJob\n");
        write("b/c.yml", "apiVersion: extensions/v1beta1\nkind: Deployment\n");
        write("b/fine.yaml", "apiVersion: apps/v1\nkind: Deployment\n");
        write("values.yaml", "replicas: 3\n");
        write("notes.txt", "apiVersion: batch/v1beta1\nkind: CronJob\n");
        TechDebtScan scan = scan(dir);
        assertEquals(Map.of(TechDebtScan.DEPRECATED_API_FILES, 2L, TechDebtScan.DEPRECATED_API_OBJECTS, 3L,
                ManifestFiles.FILES_SCANNED, 4L), Map.copyOf(scan.figures()));
        assertEquals(List.of(TechDebtScan.DEPRECATED_API_FILES, TechDebtScan.DEPRECATED_API_OBJECTS, ManifestFiles.FILES_SCANNED),
                List.copyOf(scan.figures().keySet()));
    }

    @Test
    void aHelmTemplateIsSkippedWithWhereItStopsBeingYaml() throws Exception {
        Path template = write("chart/templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ include "app.fullname" . }}
                  labels:
                    {{- include "app.labels" . | nindent 4 }}
                """);
        TechDebtScan scan = scan(dir);
        assertEquals(List.of(skipped(template + ":6:7: YAML syntax: expected the node content, but found '-' while parsing a flow node"
                + " (a Helm or Go template is YAML only once rendered: scan the output of 'helm template' or 'kustomize build' instead)")),
                scan.skipped());
        assertEquals(List.of(), scan.deprecatedApis());
    }

    @Test
    void templateBracesThatParseAsYamlAreSkippedAfterTheDocumentsBeforeThem() throws Exception {
        Path template = write("chart/templates/pdb.yaml", """
                apiVersion: batch/v1beta1
                kind: CronJob
                metadata: {name: before}
                ---
                apiVersion: policy/v1beta1
                kind: PodDisruptionBudget
                metadata:
                  name: {{ .Values.name }}
                """);
        TechDebtScan scan = scan(dir);
        assertEquals(List.of("before"), scan.deprecatedApis().stream().map(DeprecatedApiFinding::name).toList());
        assertEquals(List.of(skipped(template + ":8:10: Go template braces '{{' read as a YAML mapping key (a Helm or Go"
                + " template is YAML only once rendered: scan the output of 'helm template' or 'kustomize build' instead)")),
                scan.skipped());
    }

    @Test
    void templateTextInsideQuotedStringsIsNoTemplate() throws Exception {
        Path rule = write("rules.yaml", """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: rules}
                spec:
                  groups:
                    - name: g
                      rules:
                        - alert: Down
                          expr: up == 0
                          annotations: {summary: "{{ $labels.instance }} is down"}
                ---
                apiVersion: batch/v1beta1
                kind: CronJob
                metadata: {name: after}
                """);
        TechDebtScan scan = scan(dir);
        assertEquals(List.of(), scan.skipped());
        assertEquals(List.of(rule.toString()), scan.deprecatedApis().stream().map(DeprecatedApiFinding::file).toList());
    }

    @Test
    void aBinaryFileIsSkipped() throws Exception {
        Path file = dir.resolve("image.yaml");
        Files.write(file, new byte[] {'a', 'p', 'i', 0, 1, 2, (byte) 0xff});
        Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0});
        TechDebtScan scan = scan(dir);
        assertEquals(List.of(skipped(file + ": binary file (a NUL byte at offset 3); not scanned")), scan.skipped());
        assertEquals(1L, scan.figures().get(ManifestFiles.FILES_SCANNED));
    }

    @Test
    void textThatIsNotUtf8IsSkipped() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "apiVersion: v1\nkind: ConfigMap\ndata: {a: caf\u00e9}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(List.of(skipped(file + ": not UTF-8 text; not scanned")), scan(dir).skipped());
    }

    @Test
    void aFileOverTheSizeLimitIsSkippedUnread() throws Exception {
        Path big = write("big.yaml", "apiVersion: batch/v1beta1\nkind: CronJob\n# " + "x".repeat(2048) + "\n");
        TechDebtScan scan = scan(new ManifestFiles.Limits(1024, 100, 64, 1), dir);
        assertEquals(List.of(skipped(big + ": file is 2091B, larger than the limit of 1KiB; not scanned")), scan.skipped());
        assertEquals(List.of(), scan.deprecatedApis());
    }

    @Test
    void aBillionLaughsBombIsSkippedFastAndTheDocumentsBeforeItCount() throws Exception {
        StringBuilder bomb = new StringBuilder("apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: before}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + previous + ",").repeat(8)).append('*').append(previous).append("]\n");
            previous = c;
        }
        Path file = write("bomb.yaml", bomb.toString());
        TechDebtScan scan = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scan(dir));
        assertEquals(List.of(skipped(file + ":10:14: more than 20 aliases of mappings or lists; alias bombs are refused"
                + " (write the values out; aliases of single values are not limited)")), scan.skipped());
        assertEquals(List.of("before"), scan.deprecatedApis().stream().map(DeprecatedApiFinding::name).toList());
    }

    @Test
    void aliasesAreCountedPerDocumentSoManyDocumentsWithSharedAnchorsAreNoBomb() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            text.append("---\napiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c").append(i)
                    .append("\n  labels: &l {app: c}\nspec: {a: *l, b: *l, c: *l}\n");
        }
        write("many.yaml", text.toString());
        TechDebtScan scan = scan(dir);
        assertEquals(List.of(), scan.skipped());
        assertEquals(8, scan.deprecatedApis().size());
    }

    @Test
    void aSymbolicLinkLoopIsSkippedNotFollowed() throws Exception {
        write("app/cron.yaml", "apiVersion: batch/v1beta1\nkind: CronJob\n");
        Path up = Files.createSymbolicLink(dir.resolve("app/up"), dir);
        Path a = dir.resolve("app/a.yaml");
        Path b = dir.resolve("app/b.yaml");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        TechDebtScan scan = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scan(dir));
        assertEquals(List.of(
                skipped(a + ": symbolic link loop: links that point at each other; not followed"),
                skipped(b + ": symbolic link loop: links that point at each other; not followed"),
                skipped(up + ": symbolic link loop: it points to a directory that contains it; not followed")), scan.skipped());
        assertEquals(1, scan.deprecatedApis().size());
    }

    @Test
    void linksOutOfTheScannedDirectoryAreSkippedAndLinksInsideItScannedOnce(@TempDir Path outside) throws Exception {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(outside.resolve("secret.yaml"), "apiVersion: batch/v1beta1\nkind: CronJob\n");
        Path fileOut = Files.createSymbolicLink(root.resolve("secret.yaml"), outside.resolve("secret.yaml"));
        Path dirOut = Files.createSymbolicLink(root.resolve("elsewhere"), outside);
        Path inside = Files.writeString(root.resolve("cron.yaml"), "apiVersion: batch/v1beta1\nkind: CronJob\n");
        Files.createSymbolicLink(root.resolve("alias.yaml"), inside);
        Files.createSymbolicLink(root.resolve("broken.txt"), root.resolve("nothing"));
        Path broken = Files.createSymbolicLink(root.resolve("broken.yaml"), root.resolve("nothing"));
        TechDebtScan scan = scan(root);
        assertEquals(List.of(
                skipped(broken + ": broken symbolic link; not scanned"),
                skipped(dirOut + ": symbolic link to a path outside the scanned directory; not followed"),
                skipped(fileOut + ": symbolic link to a path outside the scanned directory; not followed")), scan.skipped());
        assertEquals(List.of(inside.toString()), scan.deprecatedApis().stream().map(DeprecatedApiFinding::file).toList());
    }

    @Test
    void gitDirectoriesAreNotDescended() throws Exception {
        write(".git/objects/cron.yaml", "apiVersion: batch/v1beta1\nkind: CronJob\n");
        write("sub/.git/cron.yaml", "apiVersion: batch/v1beta1\nkind: CronJob\n");
        write("app.yaml", "apiVersion: apps/v1\nkind: Deployment\n");
        TechDebtScan scan = scan(dir);
        assertEquals(List.of(), scan.deprecatedApis());
        assertEquals(1L, scan.figures().get(ManifestFiles.FILES_SCANNED));
    }

    @Test
    void aGitRepositoryIsScannedAsItsWorkingTreeNotItsHistory() throws Exception {
        git("init", "-q", "-b", "main");
        write("deploy/cron.yaml", "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: nightly}\n");
        write("deploy/ingress.yaml", "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\n");
        git("add", ".");
        git("commit", "-q", "-m", "first manifests");
        // Fixed in the working tree; the old version stays in the repository's history (packed under .git).
        write("deploy/ingress.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n");
        git("commit", "-q", "-am", "ingress on networking.k8s.io/v1");
        git("gc", "-q");

        TechDebtScan scan = scan(dir);

        assertEquals(List.of(dir.resolve("deploy/cron.yaml").toString()),
                scan.deprecatedApis().stream().map(DeprecatedApiFinding::file).toList());
        assertEquals(2L, scan.figures().get(ManifestFiles.FILES_SCANNED));
        assertEquals(List.of(), scan.skipped());
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=smokegate", "-c",
                "user.email=tests@smokegate.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes());
        assertEquals(0, git.waitFor(), String.join(" ", args) + ": " + output);
    }

    @Test
    void filesAreNamedUnderTheDirectoryAsTheUserGaveIt() throws Exception {
        write("deploy/cron.yaml", "apiVersion: batch/v1beta1\nkind: CronJob\n");
        Path given = dir.resolve("deploy/../deploy");
        TechDebtScan scan = scan(given);
        assertEquals(List.of(given.resolve("cron.yaml").toString()),
                scan.deprecatedApis().stream().map(DeprecatedApiFinding::file).toList());
    }

    @Test
    void aMissingDirectoryIsSkippedNotFatal() throws Exception {
        Path missing = dir.resolve("missing");
        assertEquals(List.of(skipped(missing + ": cannot read the directory: no such file or directory")), scan(missing).skipped());
    }
}
