package io.smokegate.input;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses untrusted YAML into a node tree that keeps line and column of every value.
 * Size, nesting and alias use are capped here, before anything is expanded.
 */
public final class SafeYaml {

    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    private static final int MAX_ALIASES_FOR_COLLECTIONS = 20;
    private static final int MAX_NESTING = 40;
    private static final String SINGLE_DOCUMENT = "expected a single document in the stream";

    private final long maxBytes;

    public SafeYaml(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public SafeYaml() {
        this(DEFAULT_MAX_BYTES);
    }

    public Node read(Path file) throws InvalidInputException {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InvalidInputException(Problem.at(Position.of(name),
                        "file is " + ByteSizes.format(size) + ", larger than the limit of " + ByteSizes.format(maxBytes))
                        .withHint("split it into several files"));
            }
            byte[] bytes = Files.readAllBytes(file);
            return parse(name, decode(name, bytes));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(Problem.at(Position.of(name), "no such file"));
        } catch (IOException e) {
            throw new InvalidInputException(Problem.at(Position.of(name), "cannot read file: " + e.getMessage()));
        }
    }

    public Node parse(String name, String text) throws InvalidInputException {
        if (text.length() > maxBytes) {
            throw new InvalidInputException(Problem.at(Position.of(name),
                    "document is larger than the limit of " + ByteSizes.format(maxBytes)));
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes));
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(true);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root == null) {
                throw new InvalidInputException(Problem.at(new Position(name, 1, 1), "document is empty"));
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position at = mark == null ? Position.of(name) : new Position(name, mark.getLine() + 1, mark.getColumn() + 1);
            String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " " + e.getContext();
            if (SINGLE_DOCUMENT.equals(e.getContext())) {
                // SnakeYAML splits this sentence in two; put it back in order
                throw new InvalidInputException(Problem.at(at, "YAML syntax: " + SINGLE_DOCUMENT + " " + what)
                        .withHint("a file holds one document; remove the '---' line and what follows, or split the file"));
            }
            throw new InvalidInputException(Problem.at(at, "YAML syntax: " + what + context));
        } catch (YAMLException e) {
            throw new InvalidInputException(Problem.at(Position.of(name), describe(e)));
        }
    }

    private static String describe(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return "too many YAML aliases (more than " + MAX_ALIASES_FOR_COLLECTIONS
                    + " for collections); alias bombs are refused";
        }
        if (message.contains("code points")) {
            return "document is larger than the limit";
        }
        return "YAML: " + message;
    }

    private static String decode(String name, byte[] bytes) throws InvalidInputException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Problem.at(Position.of(name), "file is not valid UTF-8 text"));
        }
    }
}
