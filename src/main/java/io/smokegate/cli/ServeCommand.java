package io.smokegate.cli;

import io.smokegate.config.AppConfig;
import io.smokegate.config.ConfigLoader;
import io.smokegate.input.InvalidInputException;
import io.smokegate.server.ServerApp;
import io.smokegate.slo.PrometheusClient;
import io.smokegate.store.StoreException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP service: REST API under /api/v1, /metrics, /healthz, /readyz, scheduled runs.",
        footer = {"", "Environment: SMOKEGATE_API_TOKEN (one API token with every scope; named tokens",
            "with scopes go under auth.tokens in the config file), SMOKEGATE_ANONYMOUS_READ",
            "(true: GETs under /api/v1 need no token), SMOKEGATE_HOST, SMOKEGATE_PORT,",
            "SMOKEGATE_CHECKLISTS, SMOKEGATE_DATA_DIR, SMOKEGATE_DATABASE_URL,",
            "SMOKEGATE_DATABASE_USER, SMOKEGATE_DATABASE_PASSWORD, SMOKEGATE_PROMETHEUS_URL.",
            "Precedence: flags over environment over the config file over defaults.",
            "Exit codes: 0 stopped cleanly, 2 invalid configuration, 3 database unreachable."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Service configuration (YAML).")
    Path configFile;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Listen address (default 0.0.0.0).")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "Listen port (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--checklists", paramLabel = "DIR", description = {"Directory of checklist files the API may run", "(default ./checklists)."})
    Path checklists;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory for all state, including the SQLite database (default ./data).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", description = "PostgreSQL instead of SQLite.")
    String databaseUrl;

    @Option(names = "--prometheus", paramLabel = "URL", description = "Prometheus that gates ask for promql objectives.")
    String prometheus;

    private final PrintStream err;

    ServeCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        AppConfig config;
        try {
            config = withFlags(new ConfigLoader(System::getenv).load(configFile));
        } catch (InvalidInputException e) {
            Inputs.print(e, err);
            return ExitCode.INVALID;
        } catch (IllegalArgumentException e) {
            err.println("error: --prometheus " + e.getMessage());
            return ExitCode.INVALID;
        }
        if (!Files.isDirectory(config.checklistsDir())) {
            err.println("error: --checklists " + config.checklistsDir() + ": not a directory");
            return ExitCode.INVALID;
        }
        ServerApp app;
        try {
            app = ServerApp.start(config, System::getenv, Cli.version());
        } catch (StoreException e) {
            err.println("error: database: " + e.getMessage());
            return e.unreachable() ? ExitCode.UNREACHABLE : ExitCode.INVALID;
        } catch (IllegalStateException e) {
            err.println("error: --port: " + e.getMessage());
            return ExitCode.INVALID;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "smokegate-shutdown"));
        // The service ends by a signal, not by returning: a start that got this far is the real run to learn from.
        StartupArchive.realRun();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.PASSED;
    }

    private AppConfig withFlags(AppConfig c) {
        return c.withFlags(host, port, checklists, dataDir, databaseUrl,
                prometheus != null ? PrometheusClient.parseUrl(prometheus).toString() : null);
    }
}
