package io.smokegate.run;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckResult;
import io.smokegate.checklist.Checklist;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real {@link Runner} over a throwaway data directory. */
abstract class RunnerTestSupport {

    @TempDir
    Path dataDir;

    CheckContext context;

    @BeforeEach
    void createContext() {
        context = CheckContext.standalone(dataDir);
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    RunReport run(Checklist checklist) {
        return run(checklist, RunListener.NONE, new RunControl());
    }

    RunReport run(Checklist checklist, RunListener listener, RunControl control) {
        return new Runner(context).run(checklist, RunIds.next(), "test", listener, control);
    }

    static Map<String, CheckResult> byId(RunReport report) {
        return report.checks().stream().collect(Collectors.toMap(CheckResult::id, Function.identity()));
    }

    static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}
