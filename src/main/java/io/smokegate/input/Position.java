package io.smokegate.input;

/** A place in an input file, 1-based, as editors show it. */
public record Position(String file, int line, int column) {

    public static Position of(String file) {
        return new Position(file, 0, 0);
    }

    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
