package io.smokegate.cli;

import io.smokegate.attribution.AlertInput;
import io.smokegate.attribution.Attribution;
import io.smokegate.attribution.AttributionJson;
import io.smokegate.attribution.AttributionText;
import io.smokegate.attribution.Attributor;
import io.smokegate.attribution.DeployMarker;
import io.smokegate.attribution.Limits;
import io.smokegate.attribution.RepoLinks;
import io.smokegate.input.InvalidInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "attribute", mixinStandardHelpOptions = true,
        description = {"Rank the commits that may have caused an alert.",
            "The candidates are the commits the service's last deploy at or",
            "before the alert's startsAt brought over the deploy before it",
            "(--deploys), or without a deploy the commits of the 24 hours before",
            "the alert. Each is scored by the service's paths, version bumps",
            "(image tags, chart versions, go.mod), size, time to the deploy,",
            "words and versions the alert names, and reverts in the range."},
        footer = {"", "Exit codes: 0 answered (even with confidence none), 2 invalid input",
            "(the file and line:column or field at fault), 3 the repository",
            "cannot be read."})
final class AttributeCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR", required = true,
            description = "The Git repository (a working tree or a bare repository).")
    Path repo;

    @Option(names = "--alert", paramLabel = "FILE", required = true,
            description = {"An Alertmanager webhook payload (its first firing alert)", "or one alert object."})
    Path alert;

    @Option(names = "--deploys", paramLabel = "FILE",
            description = {"A JSON list of deploy markers, objects with service,",
                "environment, repository, commit and time (RFC 3339)."})
    Path deploys;

    @Option(names = "--paths", paramLabel = "GLOB",
            description = "A path of the service, e.g. services/api/** (repeatable).")
    List<String> paths;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Suspects to show (default: 5).")
    int top;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: text).")
    String format;

    @Option(names = "--repo-url", paramLabel = "URL",
            description = {"The repository's web URL for links, e.g.", "https://github.com/acme/shop (default: origin's",
                "URL when it is https on GitHub or GitLab)."})
    String repoUrl;

    private final PrintStream out;
    private final PrintStream err;

    AttributeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            err.println("error: --format: '" + format + "' is not text or json");
            return ExitCode.INVALID;
        }
        if (top < 1) {
            err.println("error: --top: " + top + " is not a positive number");
            return ExitCode.INVALID;
        }
        Optional<RepoLinks> links = Optional.empty();
        if (repoUrl != null) {
            links = RepoLinks.of(repoUrl);
            if (links.isEmpty()) {
                err.println("error: --repo-url: '" + repoUrl + "' is not an http(s) URL such as https://github.com/acme/shop");
                return ExitCode.INVALID;
            }
        }
        AlertInput input;
        List<DeployMarker> markers;
        try {
            input = AlertInput.parse(read(alert), alert.toString());
            markers = deploys == null ? List.of() : DeployMarker.parseAll(read(deploys), deploys.toString());
        } catch (InvalidInputException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INVALID;
        } catch (NoSuchFileException e) {
            err.println("error: " + e.getFile() + ": no such file");
            return ExitCode.INVALID;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INVALID;
        }
        try (Repository repository = Attributor.open(repo.toFile())) {
            Attribution a = new Attributor(Limits.DEFAULT, AlertInput.DEFAULT_SERVICE_LABELS).attribute(repository, input,
                    markers, paths == null ? List.of() : paths, links.or(() -> Attributor.originLinks(repository)), top);
            out.print(format.equals("json") ? AttributionJson.render(a) + "\n" : AttributionText.render(a));
            return ExitCode.PASSED;
        } catch (IOException e) {
            err.println("error: --repo: " + e.getMessage());
            return ExitCode.UNREACHABLE;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
