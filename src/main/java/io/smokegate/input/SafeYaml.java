package io.smokegate.input;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses untrusted YAML into a node tree that keeps line and column of every value.
 * Size, nesting and alias use are capped here, before anything is expanded.
 */
public final class SafeYaml {

    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    private static final int MAX_ALIASES_FOR_COLLECTIONS = 20;
    private static final int MAX_NESTING = 40;
    private static final String SINGLE_DOCUMENT = "expected a single document in the stream";
    private static final String UNDEFINED_ALIAS = "found undefined alias";

    private final long maxBytes;

    public SafeYaml(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public SafeYaml() {
        this(DEFAULT_MAX_BYTES);
    }

    public Node read(Path file) throws InvalidInputException {
        return read(file, file.toString());
    }

    /**
     * Reads {@code file} but names it {@code name} in problems: a caller that resolved where a file really is
     * (to check it stays inside a directory) reads what it checked and still reports the name it was given.
     */
    public Node read(Path file, String name) throws InvalidInputException {
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
        TrackingParser parser = parser(name, text);
        try {
            Node root = new Composer(parser, new Resolver(), options()).getSingleNode();
            if (root == null) {
                throw new InvalidInputException(Problem.at(new Position(name, 1, 1), "document is empty"));
            }
            return root;
        } catch (YAMLException e) {
            throw invalid(name, e, parser);
        }
    }

    /**
     * Reads a stream of several documents (separated by {@code ---}), each under the same limits as one
     * document, handing each to {@code each} as soon as it is read; empty documents are left out. A document that
     * cannot be read ends the stream: the ones before it have been handed over when its problem is thrown.
     */
    public void parseEach(String name, String text, Consumer<Node> each) throws InvalidInputException {
        TrackingParser parser = parser(name, text);
        try {
            while (true) {
                // a composer per document: its alias count is the document's, so many documents that each use a
                // few anchors (shared labels) are not taken for one bomb
                Composer composer = new Composer(parser, new Resolver(), options());
                if (!composer.checkNode()) {
                    break;
                }
                Node document = composer.getNode();
                if (document != null && !(document instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL))) {
                    each.accept(document);
                }
            }
        } catch (YAMLException e) {
            throw invalid(name, e, parser);
        }
    }

    private TrackingParser parser(String name, String text) throws InvalidInputException {
        if (text.length() > maxBytes) {
            throw new InvalidInputException(Problem.at(Position.of(name),
                    "document is larger than the limit of " + ByteSizes.format(maxBytes)));
        }
        return new TrackingParser(new ParserImpl(new StreamReader(new StringReader(text)), options()));
    }

    private LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes));
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(true);
        return options;
    }

    private static InvalidInputException invalid(String name, YAMLException failure, TrackingParser parser) {
        if (!(failure instanceof MarkedYAMLException e)) {
            // Limits are raised without a position; the parser's last event is where the limit was hit.
            return new InvalidInputException(describe(failure, position(name, parser.lastMark())));
        }
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Position at = position(name, mark);
        String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        String context = e.getContext() == null ? "" : " " + e.getContext();
        if (SINGLE_DOCUMENT.equals(e.getContext())) {
            // SnakeYAML splits this sentence in two; put it back in order
            return new InvalidInputException(Problem.at(at, "YAML syntax: " + SINGLE_DOCUMENT + " " + what)
                    .withHint("a file holds one document; remove the '---' line and what follows, or split the file"));
        }
        if (what.startsWith(UNDEFINED_ALIAS)) {
            // the alias is document text: name it only when it looks like a name
            String alias = what.substring(UNDEFINED_ALIAS.length()).trim();
            return new InvalidInputException(Problem.at(at, "YAML syntax: found undefined alias "
                    + YamlReader.quotedName(alias, "alias")).withHint("an alias *name needs an anchor &name before it"));
        }
        return new InvalidInputException(Problem.at(at, "YAML syntax: " + what + context));
    }

    private static Position position(String name, Mark mark) {
        return mark == null ? Position.of(name) : new Position(name, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Problem describe(YAMLException e, Position at) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return new Problem(at, "more than " + MAX_ALIASES_FOR_COLLECTIONS
                    + " aliases of mappings or lists; alias bombs are refused",
                    "write the values out; aliases of single values are not limited");
        }
        if (message.contains("Nesting Depth")) {
            return new Problem(at, "nested deeper than " + MAX_NESTING + " levels; such documents are refused",
                    "look for unclosed brackets or runaway indentation");
        }
        if (message.contains("code points")) {
            return Problem.at(Position.of(at.file()), "document is larger than the limit");
        }
        return Problem.at(at, "YAML: " + message);
    }

    /** A parser that remembers where its latest event started, to place errors that carry no position. */
    private static final class TrackingParser implements Parser {
        private final Parser parser;
        private Mark lastMark;

        TrackingParser(Parser parser) {
            this.parser = parser;
        }

        Mark lastMark() {
            return lastMark;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return seen(parser.peekEvent());
        }

        @Override
        public Event getEvent() {
            return seen(parser.getEvent());
        }

        private Event seen(Event event) {
            if (event != null && event.getStartMark() != null) {
                lastMark = event.getStartMark();
            }
            return event;
        }
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
