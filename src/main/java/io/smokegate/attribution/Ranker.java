package io.smokegate.attribution;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores candidate commits by the evidence published incident tooling relies on (see the README): path ownership,
 * change risk (size, version bumps), time proximity to the deploy, overlap between the alert's text and the diff,
 * and reverts or fix-ups later in the range. Every point comes with a reason a person can check.
 */
public final class Ranker {

    static final int OWNERSHIP = 40;
    static final int IMAGE_BUMP = 30;
    static final int OTHER_BUMP = 25;
    static final int MAX_BUMPS = 40;
    static final int MAX_SIZE = 10;
    static final int MAX_PROXIMITY = 10;
    static final int VERSION_NAMED = 25;
    static final int TOKEN_NAMED = 8;
    static final int MAX_TOKENS = 24;
    static final int MAX_HUNKS = 5;

    private static final Pattern VERSION = Pattern.compile("\\bv\\d+(?:\\.\\d+)+[\\w.+-]*|\\b\\d+\\.\\d+\\.\\d+[\\w.+-]*");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*[A-Za-z0-9_]");
    private static final Pattern REVERTS = Pattern.compile("This reverts commit ([0-9a-f]{7,40})");
    private static final Set<String> COMMON = Set.of("above", "below", "error", "errors", "rate", "minutes", "minute",
            "seconds", "from", "with", "than", "high", "critical", "warning", "page", "firing", "service", "requests",
            "request", "latency", "over", "last", "the", "for", "and", "http", "https", "percent", "budget", "burn");

    private final List<PathMatcher> paths;
    private final List<String> pathGlobs;
    private final Optional<RepoLinks> links;

    public Ranker(List<String> pathGlobs, Optional<RepoLinks> links) {
        this.pathGlobs = List.copyOf(pathGlobs);
        this.paths = pathGlobs.stream().map(Ranker::matcher).toList();
        this.links = links;
    }

    /** A glob such as services/api/** ; a plain directory name owns everything below it. */
    private static PathMatcher matcher(String glob) {
        String g = glob.replaceAll("^\\./", "").replaceAll("/+$", "");
        if (!g.matches(".*[*?\\[{].*")) {
            return p -> p.toString().equals(g) || p.toString().startsWith(g + "/");
        }
        return FileSystems.getDefault().getPathMatcher("glob:" + g);
    }

    boolean owns(String file) {
        Path p = Path.of(file);
        return paths.stream().anyMatch(m -> m.matches(p));
    }

    /**
     * Ranks the candidates (merges excluded by the caller) best first.
     *
     * @param pullRequests pull request numbers of commits, from merge commits and subjects
     * @param reference the deploy time, or the alert's start without a deploy
     */
    public List<Suspect> rank(List<Candidate> candidates, Map<String, Integer> pullRequests, AlertInput alert,
            Optional<String> service, Instant reference, boolean deployKnown) {
        AlertTerms terms = AlertTerms.of(alert, service, deployKnown);
        Map<String, Candidate> byId = new HashMap<>();
        candidates.forEach(c -> byId.put(c.id(), c));
        Map<String, String> revertedBy = new HashMap<>();
        Map<String, String> fixedUpBy = new HashMap<>();
        for (Candidate c : candidates) {
            Matcher m = REVERTS.matcher(c.message());
            if (m.find()) {
                byId.values().stream().filter(o -> o.id().startsWith(m.group(1))).findFirst()
                        .ifPresent(o -> revertedBy.put(o.id(), c.id()));
            }
            if (c.subject().startsWith("fixup! ") || c.subject().startsWith("squash! ")) {
                String target = c.subject().substring(c.subject().indexOf(' ') + 1);
                candidates.stream().filter(o -> o.subject().equals(target) && !o.id().equals(c.id())).findFirst()
                        .ifPresent(o -> fixedUpBy.put(o.id(), c.id()));
            }
        }
        List<Scored> scored = new ArrayList<>();
        for (Candidate c : candidates) {
            scored.add(score(c, terms, reference, revertedBy, fixedUpBy, byId, pullRequests));
        }
        scored.sort(Comparator.comparingDouble(Scored::points).reversed().thenComparing(s -> s.suspect.time(),
                Comparator.reverseOrder()));
        return scored.stream().map(Scored::suspect).toList();
    }

    private record Scored(double points, Suspect suspect) {
    }

    private Scored score(Candidate c, AlertTerms terms, Instant reference, Map<String, String> revertedBy,
            Map<String, String> fixedUpBy, Map<String, Candidate> byId, Map<String, Integer> pullRequests) {
        double points = 0;
        List<String> reasons = new ArrayList<>();
        // A line alone is no key: two files may hold the same text at the same line number.
        Set<Spot> important = new LinkedHashSet<>();

        List<String> owned = c.files().stream().map(FileChange::path).filter(this::owns).toList();
        if (!owned.isEmpty()) {
            points += OWNERSHIP;
            reasons.add("touches the service's paths (" + String.join(", ", pathGlobs) + "): " + list(owned));
        }

        double bumpPoints = 0;
        for (FileChange f : c.files()) {
            for (Bump b : Bump.in(f)) {
                bumpPoints += b.kind() == Bump.Kind.IMAGE ? IMAGE_BUMP : OTHER_BUMP;
                reasons.add(b.describe());
                important.add(new Spot(b.file(), b.line()));
            }
        }
        points += Math.min(MAX_BUMPS, bumpPoints);

        int lines = c.files().stream().mapToInt(FileChange::changedLines).sum();
        // log2: a 1,000-line change is riskier than a 10-line one, but not a hundred times.
        double size = Math.min(MAX_SIZE, Math.log(1 + lines) / Math.log(2));
        points += size;
        reasons.add("changes " + lines + " line" + (lines == 1 ? "" : "s") + " in " + c.files().size() + " file"
                + (c.files().size() == 1 ? "" : "s"));

        Duration before = Duration.between(c.time(), reference);
        if (!before.isNegative()) {
            double hours = before.toMinutes() / 60.0;
            points += MAX_PROXIMITY / (1 + hours / 6);
            reasons.add("committed " + human(before) + " before the " + (terms.deployKnown ? "deploy" : "alert"));
        }

        double tokenPoints = 0;
        for (String version : terms.versions) {
            Optional<Spot> hit = addedLine(c, version);
            if (hit.isPresent()) {
                points += VERSION_NAMED;
                important.add(hit.get());
                reasons.add("the alert names " + version + ", which this commit adds (" + hit.get().file() + ":"
                        + hit.get().line().number() + ")");
            }
        }
        for (String token : terms.tokens) {
            Optional<String> where = mention(c, token);
            if (where.isPresent() && tokenPoints < MAX_TOKENS) {
                tokenPoints += TOKEN_NAMED;
                reasons.add("the alert names '" + token + "', which this commit mentions (" + where.get() + ")");
                addedLine(c, token).ifPresent(important::add);
            }
        }
        points += Math.min(MAX_TOKENS, tokenPoints);

        if (revertedBy.containsKey(c.id())) {
            points *= 0.25;
            reasons.add("reverted later in the range by " + byId.get(revertedBy.get(c.id())).shortId()
                    + ", so its change is no longer deployed");
        }
        Matcher reverts = REVERTS.matcher(c.message());
        if (reverts.find()) {
            points *= 0.5;
            reasons.add("a revert (of " + reverts.group(1).substring(0, 7) + "): it restores earlier code");
        }
        if (fixedUpBy.containsKey(c.id())) {
            reasons.add("fixed up later in the range by " + byId.get(fixedUpBy.get(c.id())).shortId());
        }
        if (c.subject().startsWith("fixup! ") || c.subject().startsWith("squash! ")) {
            points *= 0.5;
            reasons.add("a fix-up of an earlier commit");
        }

        for (FileChange f : c.files()) {
            if (important.size() >= MAX_HUNKS) {
                break;
            }
            if (owns(f.path()) && !f.added().isEmpty()) {
                important.add(new Spot(f.path(), f.added().getFirst()));
            }
        }
        List<Suspect.Hunk> hunks = important.stream().limit(MAX_HUNKS)
                .map(s -> new Suspect.Hunk(s.file(), s.line().number(), s.line().text().strip(),
                        links.map(x -> x.line(c.id(), s.file(), s.line().number()))))
                .toList();
        Optional<Suspect.PullRequest> pr = Optional.ofNullable(pullRequests.get(c.id()))
                .or(() -> PullRequests.number(c.message()))
                .map(n -> new Suspect.PullRequest(n, links.map(x -> x.pullRequest(n))));
        Suspect s = new Suspect(c.id(), (int) Math.round(points), reasons, links.map(x -> x.commit(c.id())), pr,
                c.author(), c.time(), c.subject(), c.files().stream().map(FileChange::path).toList(), hunks);
        return new Scored(points, s);
    }

    private record Spot(String file, FileChange.Line line) {
    }

    private static Optional<Spot> addedLine(Candidate c, String text) {
        return c.files().stream().flatMap(f -> f.added().stream().map(l -> new Spot(f.path(), l)))
                .filter(s -> s.line().text().contains(text)).findFirst();
    }

    private static Optional<String> mention(Candidate c, String token) {
        for (FileChange f : c.files()) {
            if (f.path().contains(token)) {
                return Optional.of(f.path());
            }
            for (List<FileChange.Line> lines : List.of(f.added(), f.removed())) {
                for (FileChange.Line l : lines) {
                    if (l.text().contains(token)) {
                        return Optional.of(f.path() + ":" + l.number());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String list(List<String> files) {
        return files.size() <= 3 ? String.join(", ", files)
                : String.join(", ", files.subList(0, 3)) + " and " + (files.size() - 3) + " more";
    }

    static String human(Duration d) {
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }

    /**
     * How sure the ranking is: high needs a known deploy, evidence beyond size and time, and a clear margin over the
     * runner-up; without evidence it is low whatever the margin.
     */
    public static Attribution.Confidence confidence(List<Suspect> ranked, boolean deployKnown) {
        if (ranked.isEmpty() || ranked.getFirst().score() == 0) {
            return Attribution.Confidence.NONE;
        }
        Suspect top = ranked.getFirst();
        int second = ranked.size() > 1 ? ranked.get(1).score() : 0;
        boolean evidence = top.reasons().stream().anyMatch(r -> r.startsWith("touches the service's paths")
                || r.startsWith("bumps ") || r.startsWith("the alert names "));
        if (!evidence) {
            return Attribution.Confidence.LOW;
        }
        if (deployKnown && top.score() >= OWNERSHIP && top.score() >= 2 * second) {
            return Attribution.Confidence.HIGH;
        }
        return top.score() - second >= 10 ? Attribution.Confidence.MEDIUM : Attribution.Confidence.LOW;
    }

    /** What of the alert's text can be looked for in a diff: versions, and identifiers rarer than plain words. */
    record AlertTerms(List<String> versions, List<String> tokens, boolean deployKnown) {

        static AlertTerms of(AlertInput alert, Optional<String> service, boolean deployKnown) {
            Set<String> versions = new LinkedHashSet<>();
            Set<String> tokens = new LinkedHashSet<>();
            Map<String, String> texts = new LinkedHashMap<>(alert.labels());
            alert.annotations().forEach((k, v) -> texts.put("annotation " + k, v));
            texts.forEach((key, value) -> {
                if (key.equals("alertname") || key.equals("severity") || service.filter(value::equals).isPresent()) {
                    return;
                }
                Matcher v = VERSION.matcher(value);
                while (v.find()) {
                    versions.add(v.group());
                }
                Matcher t = TOKEN.matcher(VERSION.matcher(value).replaceAll(" "));
                while (t.find()) {
                    String token = t.group();
                    if (token.length() >= 4 && !COMMON.contains(token.toLowerCase(java.util.Locale.ROOT))
                            && (token.length() >= 6 || token.matches(".*[./_\\-0-9].*"))) {
                        tokens.add(token);
                    }
                }
            });
            return new AlertTerms(List.copyOf(versions), List.copyOf(tokens), deployKnown);
        }
    }
}
