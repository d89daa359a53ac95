package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code --help} prints for every command, as users read it and copy from it. */
class HelpTextTest {

    /** The command line (e.g. "sumdb verify-note") of every command, the top level first, and its parser. */
    private static Map<String, CommandLine> commands() {
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream());
        Map<String, CommandLine> all = new LinkedHashMap<>();
        collect("", Cli.commandLine(nowhere, nowhere), all);
        return all;
    }

    private static void collect(String path, CommandLine command, Map<String, CommandLine> all) {
        all.put(path, command);
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect((path + " " + name).strip(), sub, all);
            }
        });
    }

    /** What {@code smokegate <command> --help} prints. */
    private static String help(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(ExitCode.PASSED, run.exitCode(), command + ": " + run.err());
        return run.out();
    }

    private static List<String> words(String text) {
        return Stream.of(text.strip().split("\\s+")).toList();
    }

    @Test
    void helpIsWrappedOnlyBetweenWordsSoUrlsKeysAndPathsCopyWhole() {
        List<String> broken = new ArrayList<>();
        commands().forEach((command, parser) -> {
            parser.setUsageHelpWidth(1000);
            List<String> unwrapped = words(parser.getUsageMessage(CommandLine.Help.Ansi.OFF));
            List<String> printed = words(help(command));
            if (!printed.equals(unwrapped)) {
                List<String> split = new ArrayList<>(printed);
                split.removeAll(unwrapped);
                broken.add("smokegate " + command + " --help splits " + split);
            }
        });
        assertEquals(List.of(), broken);
    }

    @Test
    void everyCommandIsSummedUpByAWholeSentenceInItsParentsList() {
        List<String> cut = new ArrayList<>();
        commands().forEach((command, parser) -> {
            if (command.isEmpty()) {
                return;
            }
            CommandSpec spec = parser.getCommandSpec();
            String summary = spec.usageMessage().description()[0];
            String parent = command.contains(" ") ? command.substring(0, command.lastIndexOf(' ')) : "";
            String list = help(parent).replaceAll("\\s+", " ");
            if (!summary.endsWith(".") || !list.contains(" " + spec.name() + " " + summary.replaceAll("\\s+", " ") + " ")) {
                cut.add(command + ": " + summary);
            }
        });
        assertEquals(List.of(), cut);
    }

    @Test
    void lintHelpShowsTheSecretSyntaxLiterally() {
        String help = help("lint");

        assertTrue(help.contains("${env:...}"), help);
        assertFalse(help.contains("null"), help);
    }
}
