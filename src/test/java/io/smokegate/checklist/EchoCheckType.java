package io.smokegate.checklist;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Outcome;
import io.smokegate.check.Param;
import io.smokegate.check.ParamKind;
import io.smokegate.check.Params;
import io.smokegate.check.Probe;
import java.time.Duration;
import java.util.List;

/**
 * {@code type: echo}: a check type with one parameter of every kind, whose check only keeps the converted
 * values, so tests can see exactly what the loader handed to a check type. It refuses {@code text: reject}
 * the way real types refuse bad values.
 */
final class EchoCheckType implements CheckType {

    record Echo(Params params) implements Check {
        @Override
        public Outcome run(Probe probe) {
            throw new UnsupportedOperationException("echo checks are only loaded, never run");
        }
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "keeps its parameters";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("text", ParamKind.STRING, "any text"),
                Param.optional("count", ParamKind.INTEGER, 3L, "a whole number").range(0, 100),
                Param.optional("flag", ParamKind.BOOLEAN, false, "true or false"),
                Param.optional("wait", ParamKind.DURATION, Duration.ofSeconds(1), "a duration").range(10, 600_000),
                Param.optional("limit", ParamKind.SIZE, 1024L, "a size").range(1, 1024 * 1024),
                Param.optional("items", ParamKind.STRINGS, null, "a list"),
                Param.optional("headers", ParamKind.STRING_MAP, null, "names to strings"),
                Param.optional("values", ParamKind.VALUE_MAP, null, "names to values"),
                Param.optional("objects", ParamKind.STRING_MAPS, null, "a list of names to strings"));
    }

    @Override
    public Check create(Params params) throws InvalidParamException {
        if ("reject".equals(params.string("text"))) {
            throw new InvalidParamException("text", "'reject' is refused", "write anything else");
        }
        return new Echo(params);
    }
}
