package io.smokegate.deploy;

import static io.smokegate.deploy.DeployManifestsTest.at;
import static io.smokegate.deploy.DeployManifestsTest.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/image/Dockerfile, checked without a container engine (none runs where the tests do): what it copies, the
 * user it runs as and how it starts must agree with the pom, the Deployment and the README, and the JVM flags file
 * it starts java with must be one this JDK accepts.
 */
class ImageTest {

    private static final Path DOCKERFILE = Path.of("deploy/image/Dockerfile");
    private static final Path OPTIONS = Path.of("deploy/image/jvm.options");

    /** One instruction of the Dockerfile: keyword (upper case) and its arguments, continuation lines joined. */
    record Instruction(String keyword, String args) {
    }

    static List<Instruction> instructions(String dockerfile) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            if (line.stripLeading().startsWith("#") || (line.isBlank() && pending.isEmpty())) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String text = pending.toString().strip();
                int space = text.indexOf(' ');
                out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
                pending.setLength(0);
            }
        }
        return out;
    }

    /** The instructions of the last stage: what the image is. */
    private static List<Instruction> runtimeStage() throws IOException {
        List<Instruction> all = instructions(Files.readString(DOCKERFILE));
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return all.subList(from, all.size());
    }

    private static List<Instruction> named(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private static List<String> entrypoint() throws IOException {
        List<Instruction> entrypoints = named(runtimeStage(), "ENTRYPOINT");
        assertEquals(1, entrypoints.size(), "ENTRYPOINT instructions in the runtime stage");
        // The exec form (a JSON array): no shell, so java is PID 1 and gets the kubelet's SIGTERM itself.
        List<String> argv = new ArrayList<>();
        for (Object arg : new ObjectMapper().readValue(entrypoints.getFirst().args(), List.class)) {
            argv.add((String) arg);
        }
        return argv;
    }

    private static Map<String, Object> deployment() throws IOException {
        return ofKind(DeployManifests.objects(Files.readString(DeployManifests.BASE)), "Deployment").getFirst();
    }

    @Test
    void runsAsTheNumericNonRootUserTheDeploymentRequires() throws Exception {
        List<Instruction> users = named(runtimeStage(), "USER");
        assertEquals(1, users.size(), "USER instructions in the runtime stage");
        // Numeric: runAsNonRoot can only verify a numeric user; a name would make the kubelet refuse the pod.
        Matcher user = Pattern.compile("(\\d+):(\\d+)").matcher(users.getFirst().args());
        assertTrue(user.matches(), "USER must be numeric uid:gid, is " + users.getFirst().args());
        Map<String, Object> security = at(deployment(), "spec", "template", "spec", "securityContext");
        assertEquals(String.valueOf(security.get("runAsUser")), user.group(1));
        assertEquals(String.valueOf(security.get("runAsGroup")), user.group(2));
        assertTrue(Integer.parseInt(user.group(1)) > 0, "uid 0 is root");
    }

    @Test
    void copiesTheShadedJarThePomBuildsAndStartsIt() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertTrue(finalName.find(), "the shade plugin's finalName in pom.xml");
        String built = "/src/target/" + finalName.group(1) + ".jar";
        List<String> jarCopies = named(runtimeStage(), "COPY").stream().map(Instruction::args)
                .filter(args -> args.startsWith("--from=build " + built + " ")).toList();
        assertEquals(1, jarCopies.size(), "a COPY --from=build of " + built + " in the runtime stage");
        String installed = jarCopies.getFirst().substring(("--from=build " + built + " ").length()).strip();
        List<String> argv = entrypoint();
        assertEquals(installed, argv.get(argv.indexOf("-jar") + 1), "the jar ENTRYPOINT runs");
        // The build stage's WORKDIR is where the jar is taken from.
        assertTrue(Files.readString(DOCKERFILE).contains("WORKDIR /src\n"), "the build stage works in /src");
    }

    @Test
    void entrypointStartsJavaWithTheFlagsFileAndTheTrainedAotCache() throws Exception {
        List<String> argv = entrypoint();
        assertEquals("java", argv.get(0));
        List<Instruction> stage = runtimeStage();
        assertTrue(named(stage, "COPY").stream().anyMatch(c -> c.args().equals(
                "deploy/image/jvm.options deploy/image/train.sh /opt/smokegate/")), "jvm.options copied to /opt/smokegate/");
        assertEquals("@/opt/smokegate/jvm.options", argv.get(1), "the flags come from the one file, first");
        String cache = argv.stream().filter(a -> a.startsWith("-XX:AOTCache=")).findFirst()
                .orElseThrow(() -> new AssertionError("no -XX:AOTCache= in " + argv)).substring("-XX:AOTCache=".length());
        // The training run writes the cache the entrypoint reads, with the same flags file and jar.
        assertTrue(named(stage, "RUN").stream().anyMatch(r -> r.args().startsWith(
                "sh /opt/smokegate/train.sh " + argv.get(argv.indexOf("-jar") + 1) + " /opt/smokegate/jvm.options " + cache + " ")),
                "a RUN of train.sh writing " + cache);
        assertEquals(List.of("[\"serve\"]"), named(stage, "CMD").stream().map(Instruction::args).toList());
        // -XX:AOTCache needs JDK 25's JVM at run time, the one that trained it.
        assertEquals("eclipse-temurin:25-jre", named(stage, "FROM").getFirst().args());
    }

    @Test
    void flagsFileIsAcceptedByThisJdkAndSizesTheHeapAsTheSameShareOfAnyMemoryLimit() throws Exception {
        long small = maxHeap(256);
        long large = maxHeap(1024);
        // For a small memory the JVM sizes the heap by MinRAMPercentage, not MaxRAMPercentage: the file must set
        // both, or 256Mi gets a larger share of the memory (125 MiB) than 1Gi does.
        assertEquals(large / 4.0, small, 2 << 20, "heap at 256 MiB vs a quarter of the heap at 1 GiB");
        assertTrue(small <= 128L << 20, "heap at 256 MiB: " + (small >> 20) + " MiB, at most half the limit");
    }

    /** MaxHeapSize, in bytes, that {@code java @jvm.options -XX:MaxRAM=<mib>m} chooses. */
    private static long maxHeap(int mib) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "@" + OPTIONS, "-XX:MaxRAM=" + mib + "m",
                "-XX:+PrintFlagsFinal", "-version").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "java -version did not finish within 60 s");
        assertEquals(0, process.exitValue(), () -> "java @" + OPTIONS + " -version: " + out);
        Matcher heap = Pattern.compile("(?m)^\\s*size_t MaxHeapSize\\s+= (\\d+)").matcher(out);
        assertTrue(heap.find(), () -> "no MaxHeapSize in: " + out);
        return Long.parseLong(heap.group(1));
    }

    @Test
    void readmeBuildsTheImageTheDeploymentRuns() throws Exception {
        String command = "docker build -f deploy/image/Dockerfile -t ghcr.io/smokegate/smokegate:VERSION .";
        assertTrue(Files.readString(Path.of("README.md")).contains("\n" + command + "\n"), "README: " + command);
        assertTrue(Files.readString(DOCKERFILE).contains("#   " + command + "\n"), "the Dockerfile's comment: " + command);
        Map<String, Object> container = at(deployment(), "spec", "template", "spec", "containers", "0");
        String version = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")))
                .results().findFirst().orElseThrow().group(1);
        assertEquals(command.replaceAll(".* -t (\\S+):VERSION .*", "$1") + ":" + version, container.get("image"));
        assertEquals(List.of("serve", "--config", "/etc/smokegate/smokegate.yaml"), container.get("args"),
                "the Deployment passes only serve's arguments: the ENTRYPOINT starts java");
    }

    @Test
    void trainingScriptIsValidShell() throws Exception {
        Process process = new ProcessBuilder("sh", "-n", "deploy/image/train.sh").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
    }
}
