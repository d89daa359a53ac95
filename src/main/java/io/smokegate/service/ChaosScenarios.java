package io.smokegate.service;

import io.smokegate.chaos.ChaosScenario;
import io.smokegate.chaos.ChaosScenarioLoader;
import io.smokegate.input.InvalidInputException;
import io.smokegate.schedule.Schedule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scenario directory of {@code serve}: a scenario by name, read fresh on every start (the checklist it names
 * may have changed), and the scenarios with {@code spec.schedule} for the scheduler, read again at most every
 * {@link #SCHEDULES_REREAD}.
 */
final class ChaosScenarios {

    private static final Logger LOG = Logger.getLogger(ChaosScenarios.class.getName());
    private static final Duration SCHEDULES_REREAD = Duration.ofSeconds(30);

    private final Path directory;
    private final ChaosScenarioLoader loader;
    private final Clock clock;
    private Map<String, Schedule> schedules = Map.of();
    private Instant schedulesReadAt;

    ChaosScenarios(Path directory, ChaosScenarioLoader loader, Clock clock) {
        this.directory = directory;
        this.loader = loader;
        this.clock = clock;
    }

    private record Loaded(ChaosScenario scenario, InvalidInputException problem) {
    }


    /**
     * The scenario whose {@code metadata.name} is {@code name}.
     *
     * @throws NotFoundException     when no scenario file has that name
     * @throws InvalidInputException when the file of that name is invalid (its problems, file:line:col)
     */
    ChaosScenario find(String name) throws NotFoundException, InvalidInputException {
        InvalidInputException invalid = null;
        for (Map.Entry<Path, Loaded> e : scenarios().entrySet()) {
            Loaded l = e.getValue();
            if (l.scenario() != null && l.scenario().name().equals(name)) {
                return l.scenario();
            }
            if (l.problem() != null && fileName(e.getKey()).equals(name)) {
                invalid = l.problem();
            }
        }
        if (invalid != null) {
            throw invalid;
        }
        throw new NotFoundException("no chaos scenario named '" + name + "' in " + directory
                + " (a kind: ChaosScenario file with metadata.name: " + name + ")");
    }

    private static String fileName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /**
     * Every scenario file of the directory, loaded now: a scenario names a checklist, which may have changed (or
     * appeared) since, so nothing is kept from an earlier load.
     */
    private Map<Path, Loaded> scenarios() {
        Map<Path, Loaded> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{yaml,yml}")) {
            for (Path file : files) {
                if (ChaosScenarioLoader.kindOf(file) == ChaosScenarioLoader.FileKind.SCENARIO) {
                    try {
                        out.put(file, new Loaded(loader.load(file), null));
                    } catch (InvalidInputException e) {
                        out.put(file, new Loaded(null, e));
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the chaos scenario directory " + directory + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * The scenarios with {@code spec.schedule}, by name: game days. The scheduler asks every tick, so the directory
     * is read again at most every {@link #SCHEDULES_REREAD}.
     */
    synchronized Map<String, Schedule> schedules() {
        Instant now = clock.instant();
        if (schedulesReadAt == null || !now.isBefore(schedulesReadAt.plus(SCHEDULES_REREAD))) {
            Map<String, Schedule> out = new TreeMap<>();
            for (Loaded l : scenarios().values()) {
                if (l.scenario() != null) {
                    l.scenario().optionalSchedule().ifPresent(s -> out.put(l.scenario().name(), s));
                }
            }
            schedules = Map.copyOf(out);
            schedulesReadAt = now;
        }
        return schedules;
    }
}
