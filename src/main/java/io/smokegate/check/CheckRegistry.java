package io.smokegate.check;

import io.smokegate.check.goproxy.ChainCheckType;
import io.smokegate.check.goproxy.GoSumVerifyCheckType;
import io.smokegate.check.goproxy.LatestCheckType;
import io.smokegate.check.goproxy.ListCheckType;
import io.smokegate.check.goproxy.ModuleCheckType;
import io.smokegate.check.goproxy.NotFoundCheckType;
import io.smokegate.check.goproxy.PrivateCheckType;
import io.smokegate.check.goproxy.SumdbVerifyCheckType;
import io.smokegate.check.net.DnsCheckType;
import io.smokegate.check.net.HttpCheckType;
import io.smokegate.check.net.TcpCheckType;
import io.smokegate.check.net.TlsCheckType;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Check types by name. */
public final class CheckRegistry {

    private final Map<String, CheckType> types = new TreeMap<>();

    public CheckRegistry(Collection<CheckType> types) {
        for (CheckType type : types) {
            if (this.types.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException("check type registered twice: " + type.name());
            }
        }
    }

    /** Every check type smokegate ships. */
    public static CheckRegistry standard() {
        return new CheckRegistry(java.util.List.of(
                new HttpCheckType(), new TlsCheckType(), new TcpCheckType(), new DnsCheckType(),
                new ListCheckType(), new LatestCheckType(), new ModuleCheckType(), new NotFoundCheckType(),
                new ChainCheckType(), new PrivateCheckType(), new SumdbVerifyCheckType(), new GoSumVerifyCheckType()));
    }

    public Optional<CheckType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Collection<String> names() {
        return types.keySet();
    }

    public Collection<CheckType> all() {
        return types.values();
    }
}
