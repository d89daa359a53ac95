package io.smokegate.cli;

import io.smokegate.sumdb.Note;
import io.smokegate.sumdb.NoteException;
import io.smokegate.sumdb.Record;
import io.smokegate.sumdb.Tree;
import io.smokegate.sumdb.VerifierKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sumdb", mixinStandardHelpOptions = true, description = "Offline checksum database tools.")
final class SumdbCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: sumdb needs a subcommand: verify-note (see smokegate sumdb --help)");
        return ExitCode.INVALID;
    }

    @Command(name = "verify-note", mixinStandardHelpOptions = true,
            description = {"Verify a saved signed tree note or /lookup response offline.",
                "A tree note is the body of /latest. Prints the tree size and hash (and the",
                "record, for a lookup)."},
            footer = {"", "The key of sum.golang.org:",
                "  sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
                "", "Exit codes: 0 verified, 1 the signature does not verify, 2 invalid input."})
    static final class VerifyNote implements Callable<Integer> {

        @Option(names = "--key", required = true, paramLabel = "KEY",
                description = "Verifier key of the checksum database (see below).")
        String key;

        @Parameters(index = "0", paramLabel = "FILE", description = "The saved note or lookup response.")
        Path file;

        private final PrintStream out;
        private final PrintStream err;

        VerifyNote(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            VerifierKey verifier;
            try {
                verifier = VerifierKey.parse(key);
            } catch (NoteException e) {
                err.println("error: --key: " + e.getMessage());
                return ExitCode.INVALID;
            }
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                err.println("error: " + file + ": cannot read: " + e.getMessage());
                return ExitCode.INVALID;
            }
            Record record = null;
            byte[] note = content;
            if (content.length > 0 && Character.isDigit(content[0])) {
                try {
                    record = Record.parse(content);
                    note = record.note();
                } catch (NoteException e) {
                    err.println("error: " + file + ": not a lookup response: " + e.getMessage());
                    return ExitCode.INVALID;
                }
            }
            try {
                Note opened = Note.open(note, List.of(verifier));
                Tree tree = Tree.parse(opened.text());
                out.println("verified: signed by " + verifier);
                out.println("tree size: " + tree.size());
                out.println("tree hash: " + Base64.getEncoder().encodeToString(tree.hash()));
                if (record != null) {
                    if (record.id() >= tree.size()) {
                        err.println("error: record " + record.id() + " is not in a tree of size " + tree.size());
                        return ExitCode.FAILED;
                    }
                    out.println("record id: " + record.id());
                    out.print(record.text());
                }
                return ExitCode.PASSED;
            } catch (NoteException e) {
                err.println("error: " + file + ": " + e.getMessage());
                return ExitCode.FAILED;
            }
        }
    }
}
