package io.smokegate.cli;

import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.Analyst;
import io.smokegate.report.AnalysisReport;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@code gate --for} shows while it watches: the header, one line per measurement as it is taken, and on a
 * terminal a status line redrawn every second with the countdown to the next measurement and the counts so far.
 */
final class AnalysisProgress implements Analyst.Listener {

    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream out;
    private final boolean terminal;
    private final Clock clock;
    private Thread ticker;

    AnalysisProgress(PrintStream out, boolean terminal, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    void started(Analysis analysis) {
        out.println(AnalysisReport.header(analysis));
        out.flush();
    }

    @Override
    public synchronized void waiting(Analysis analysis, Instant due) {
        if (!terminal) {
            return;
        }
        stopTicker();
        ticker = Thread.ofVirtual().name("smokegate-analysis-status").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long left = Math.max(0, Duration.between(clock.instant(), due).toSeconds());
                synchronized (this) {
                    if (Thread.currentThread().isInterrupted()) {
                        return; // stopped while waiting for the lock: the line is already cleared
                    }
                    out.print(CLEAR_LINE + (left > 0 ? "measurement " + (analysis.measurements().size() + 1) + "/"
                            + analysis.spec().count() + " in " + left + "s" : "measuring " + (analysis.measurements().size() + 1)
                            + "/" + analysis.spec().count() + "…") + " · " + analysis.tally());
                    out.flush();
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public synchronized void measured(Analysis analysis, AnalysisMeasurement measurement) {
        stopTicker();
        out.println(AnalysisReport.line(analysis, measurement));
        out.flush();
    }

    @Override
    public synchronized void finished(Analysis analysis) {
        stopTicker();
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.interrupt();
            ticker = null;
            out.print(CLEAR_LINE);
            out.flush();
        }
    }
}
