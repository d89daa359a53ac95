package io.smokegate.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts scheduled runs. Every tick it reads the current schedules (files and API overrides change
 * while the service runs) and fires those that are due. A schedule with {@code every} fires at once
 * when it first appears, then each interval; a cron schedule at its next matching minute.
 *
 * <p>With several replicas only the leader fires. When a replica becomes leader it takes each schedule up from
 * when it last fired on any replica ({@link LastFired}, read from the shared database): an {@code every} schedule
 * fires an interval after that, and a cron time the old leader missed by less than {@link #CATCH_UP} fires at once,
 * so a take-over neither repeats a tick nor, when it is quick, loses one.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());

    /** What happened when a schedule fired. */
    public enum Fired { STARTED, SKIPPED_STILL_RUNNING, REJECTED }

    @FunctionalInterface
    public interface Trigger {
        Fired fire(String checklist);
    }

    /** When a schedule last fired, on any replica; empty when never or unknown. */
    @FunctionalInterface
    public interface LastFired {
        Optional<Instant> of(String name);

        LastFired UNKNOWN = name -> Optional.empty();
    }

    /** How late a cron time missed during a take-over may still fire. */
    static final Duration CATCH_UP = Duration.ofMinutes(1);

    /** The state of one schedule, for the API. */
    public record Status(String checklist, Schedule schedule, Instant nextRunAt, Instant lastFiredAt, Fired lastOutcome) {
    }

    private static final class Entry {
        Schedule schedule;
        Instant next;
        Instant lastFired;
        Fired lastOutcome;
    }

    private final Supplier<Map<String, Schedule>> schedules;
    private final Trigger trigger;
    private final Clock clock;
    private final LastFired lastFired;
    private final Map<String, Entry> entries = new TreeMap<>();
    private ScheduledExecutorService ticker;
    private BooleanSupplier leading = () -> true;
    private boolean wasLeading;

    public Scheduler(Supplier<Map<String, Schedule>> schedules, Trigger trigger, Clock clock) {
        this(schedules, trigger, clock, LastFired.UNKNOWN);
    }

    public Scheduler(Supplier<Map<String, Schedule>> schedules, Trigger trigger, Clock clock, LastFired lastFired) {
        this.schedules = schedules;
        this.trigger = trigger;
        this.clock = clock;
        this.lastFired = lastFired;
    }

    /** Ticks every {@code tick}; fires only while {@code leading} says this replica is the leader. */
    public synchronized void start(Duration tick, BooleanSupplier leading) {
        onlyWhile(leading);
        start(tick);
    }

    /** From now on fires only while {@code leading}; the ticks go on, so a new leader takes up where the last left. */
    public synchronized Scheduler onlyWhile(BooleanSupplier leading) {
        this.leading = leading;
        return this;
    }

    public synchronized void start(Duration tick) {
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("scheduler").factory());
        ticker.scheduleWithFixedDelay(this::tickSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scheduler tick failed", e);
        }
    }

    /** Reconciles with the current schedules and fires the due ones, when this replica leads. */
    public synchronized void tick() {
        Instant now = clock.instant();
        Map<String, Schedule> current = schedules.get();
        boolean lead = leading.getAsBoolean();
        if (lead && !wasLeading) {
            // Another replica may have fired since this one last looked: take every schedule up afresh.
            entries.clear();
        }
        wasLeading = lead;
        reconcile(now, current);
        if (!lead) {
            return;
        }
        for (String name : current.keySet()) {
            Entry e = entries.get(name);
            if (e.next != null && !e.next.isAfter(now)) {
                e.lastFired = now;
                e.lastOutcome = trigger.fire(name);
                e.next = e.schedule.next(now).orElse(null);
            }
        }
    }

    /**
     * Takes up the current schedules now, firing nothing (the next tick fires what is due): a schedule changed
     * through the API is listed by {@link #status()} at once, not a tick later.
     */
    public synchronized void reconcile() {
        reconcile(clock.instant(), schedules.get());
    }

    private void reconcile(Instant now, Map<String, Schedule> current) {
        entries.keySet().retainAll(current.keySet());
        for (Map.Entry<String, Schedule> s : current.entrySet()) {
            Entry e = entries.computeIfAbsent(s.getKey(), k -> new Entry());
            if (!Objects.equals(e.schedule, s.getValue())) {
                boolean takenUp = e.schedule == null;
                e.schedule = s.getValue();
                e.next = s.getValue() instanceof Schedule.Every ? now : s.getValue().next(now).orElse(null);
                if (takenUp) {
                    e.next = continued(s.getKey(), s.getValue(), now).orElse(e.next);
                }
            }
        }
    }

    /** When a schedule that fired before (on this replica or another) fires next: continued from that time. */
    private Optional<Instant> continued(String name, Schedule schedule, Instant now) {
        Optional<Instant> last = lastFired.of(name);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> next = schedule.next(last.get());
        if (schedule instanceof Schedule.Every) {
            return next.map(t -> t.isBefore(now) ? now : t);
        }
        return next.filter(t -> !t.isBefore(now.minus(CATCH_UP)));
    }

    public synchronized List<Status> status() {
        List<Status> out = new ArrayList<>();
        entries.forEach((name, e) -> out.add(new Status(name, e.schedule, e.next, e.lastFired, e.lastOutcome)));
        return out;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
