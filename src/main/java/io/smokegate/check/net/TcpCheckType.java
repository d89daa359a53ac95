package io.smokegate.check.net;

import static io.smokegate.check.ParamKind.STRING;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Params;
import java.util.List;
import java.util.regex.Pattern;

/** {@code type: tcp} — a TCP connection within the deadline, optionally a line sent and an answer expected. */
public final class TcpCheckType implements CheckType {

    private static final List<Param> PARAMS = List.of(
            Param.required("address", STRING, "host:port"),
            Param.optional("send", STRING, null, "text written after connecting (\\n is not added)"),
            Param.optional("expect", STRING, null, "regular expression the received text must match"),
            Param.optional("ipProtocol", STRING, "auto", "auto, ip4 or ip6"));

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public String description() {
        return "TCP connect within the timeout; optional send and expected answer";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        HostPort target = HostPort.parse(p.string("address"), 0).orElseThrow(() ->
                new InvalidParamException("address", "'" + p.string("address") + "' is not host:port",
                        "e.g. db.internal:5432 or [::1]:6379"));
        Pattern expect = p.has("expect") ? ParamValidators.regex("expect", p.string("expect")) : null;
        IpProtocol ip = IpProtocol.param(p);
        return new TcpCheck(target, p.string("send"), expect, ip);
    }
}
