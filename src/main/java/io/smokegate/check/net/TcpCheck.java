package io.smokegate.check.net;

import io.smokegate.check.Check;
import io.smokegate.check.Outcome;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The prepared {@code tcp} check; see {@link TcpCheckType}. */
final class TcpCheck implements Check {

    private static final int MAX_READ = 64 * 1024;

    private final HostPort target;
    private final String send;
    private final Pattern expect;
    private final IpProtocol ip;

    TcpCheck(HostPort target, String send, Pattern expect, IpProtocol ip) {
        this.target = target;
        this.send = send;
        this.expect = expect;
        this.ip = ip;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        PhaseTimer timer = new PhaseTimer();
        try (Connection connection = Connection.open(target, ip, null, null, probe.deadline(), timer)) {
            probe.detail("remoteAddress", connection.address().getHostAddress());
            if (send != null) {
                connection.socket().getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
                connection.socket().getOutputStream().flush();
            }
            if (expect == null) {
                timer.report(probe);
                return Outcome.pass("connected to " + target + " in " + timer.totalNanos() / 1_000_000 + " ms");
            }
            String received = readUntilMatch(connection, probe);
            timer.end(PhaseTimer.Phase.TRANSFER);
            timer.report(probe);
            probe.detail("received", ParamValidators.printable(received));
            return expect.matcher(received).find()
                    ? Outcome.pass("answer from " + target + " matches /" + expect + "/")
                    : Outcome.fail("answer from " + target + " does not match /" + expect + "/: '"
                            + ParamValidators.printable(received) + "'");
        } catch (IOException e) {
            timer.report(probe);
            return Outcome.fail(NetFailures.describe(e, target.toString(), timer.step(), probe.deadline().budget()));
        }
    }

    /** Reads until the pattern matches, the peer closes, 64 KiB arrived, or the deadline passes. */
    private String readUntilMatch(Connection connection, Probe probe) throws IOException {
        InputStream in = connection.socket().getInputStream();
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (received.length() < MAX_READ) {
            if (probe.deadline().expired()) {
                throw new ProbeTimeoutException("waiting for an answer matching /" + expect + "/");
            }
            connection.socket().setSoTimeout(probe.deadline().remainingMillis());
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (expect.matcher(received).find()) {
                break;
            }
        }
        return received.toString();
    }
}
