package io.smokegate.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.security.Security;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Wires the subcommands and maps everything that escapes them to the documented exit codes. */
@Command(name = "smokegate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Smoke tests and SLO gates for Go module infrastructure.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Cli {

    static {
        // Probes resolve names afresh each time, as blackbox_exporter does; a cached answer would hide DNS outages.
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
    }

    private Cli() {
    }

    /** Runs the command line and returns the exit code; never exits the JVM itself. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        boolean service = args.length > 0 && args[0].equals("serve");
        if (service) {
            Logging.forService(out);
        } else {
            Logging.forCli();
        }
        CommandLine cli = commandLine(out, err);
        int code = cli.execute(args);
        StartupArchive.afterRun(cli, code);
        return code;
    }

    /** Every command, wired to print on {@code out} and {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Cli())
                .addSubcommand(new RunCommand(out, err))
                .addSubcommand(new GateCommand(out, err))
                .addSubcommand(new CommandLine(new SloCommand()).addSubcommand(new SloCommand.Rules(out, err))
                        .addSubcommand(new CommandLine(new SloCommand.Import()).addSubcommand(new SloCommand.Keptn(out, err))))
                .addSubcommand(new LintCommand(out, err))
                .addSubcommand(new ServeCommand(err))
                .addSubcommand(new GosumCommand(out, err))
                .addSubcommand(new TechDebtCommand(out, err))
                .addSubcommand(new AttributeCommand(out, err))
                .addSubcommand(new CommandLine(new ClusterCommand()).addSubcommand(new ClusterCommand.Info(out, err)))
                .addSubcommand(new CommandLine(new ChaosCommand()).addSubcommand(new ChaosCommand.Run(out, err))
                        .addSubcommand(new ChaosCommand.ListObjects(out, err)).addSubcommand(new ChaosCommand.Sweep(out, err))
                        .addSubcommand(new ChaosCommand.Abort(out, err)))
                .addSubcommand(new CommandLine(new SumdbCommand()).addSubcommand(new SumdbCommand.VerifyNote(out, err)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("error: internal error: " + e + " (this is a bug in smokegate; please report it)");
            java.util.logging.Logger.getLogger(Cli.class.getName()).log(java.util.logging.Level.FINE, "internal error", e);
            return ExitCode.FAILED;
        });
        return cli;
    }

    public static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"smokegate " + version() + " (Java " + Runtime.version() + ")"};
        }
    }
}
