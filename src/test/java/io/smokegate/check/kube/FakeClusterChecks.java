package io.smokegate.check.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.input.InvalidInputException;
import io.smokegate.testing.kube.FakeCluster;
import io.smokegate.testing.kube.KubeChecklist;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup of the kube check tests: a fresh fake cluster per test (no objects left over from another), and a
 * checklist runner whose kubeconfig points at it.
 */
abstract class FakeClusterChecks {

    @TempDir
    Path dir;

    FakeCluster fake;
    KubeChecklist checklist;

    /** The kubeconfig's contexts, all pointing at the fake cluster; the first is the current one. */
    String[] contexts() {
        return new String[] {"fake"};
    }

    @BeforeEach
    void startTheFakeCluster() {
        fake = FakeCluster.start();
        checklist = new KubeChecklist(fake, dir, contexts());
    }

    @AfterEach
    void stopTheFakeCluster() {
        fake.close();
    }

    /** Runs one check given as a YAML flow mapping, e.g. {@code {id: n, type: kube.nodes}}. */
    CheckResult check(String check) throws InvalidInputException {
        return checklist.only("    - " + check + "\n");
    }

    /** {@link #check}, which must fail (not error: the cluster's fault, not the tool's). */
    CheckResult failing(String check) throws InvalidInputException {
        CheckResult result = check(check);
        assertEquals(CheckStatus.FAILED, result.status(), result.message());
        return result;
    }
}
