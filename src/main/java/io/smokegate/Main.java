package io.smokegate;

import io.smokegate.cli.Cli;

/** The {@code smokegate} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, System.out, System.err));
    }
}
