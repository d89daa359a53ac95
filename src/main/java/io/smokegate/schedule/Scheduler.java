package io.smokegate.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts scheduled runs. Every tick it reads the current schedules (files and API overrides change
 * while the service runs) and fires those that are due. A schedule with {@code every} fires at once
 * when it first appears, then each interval; a cron schedule at its next matching minute.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());

    /** What happened when a schedule fired. */
    public enum Fired { STARTED, SKIPPED_STILL_RUNNING, REJECTED }

    @FunctionalInterface
    public interface Trigger {
        Fired fire(String checklist);
    }

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
    private final Map<String, Entry> entries = new TreeMap<>();
    private ScheduledExecutorService ticker;

    public Scheduler(Supplier<Map<String, Schedule>> schedules, Trigger trigger, Clock clock) {
        this.schedules = schedules;
        this.trigger = trigger;
        this.clock = clock;
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

    /** Reconciles with the current schedules and fires the due ones. */
    public synchronized void tick() {
        Instant now = clock.instant();
        Map<String, Schedule> current = schedules.get();
        reconcile(now, current);
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
                e.schedule = s.getValue();
                e.next = s.getValue() instanceof Schedule.Every ? now : s.getValue().next(now).orElse(null);
            }
        }
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
