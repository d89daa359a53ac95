package io.smokegate.check;

import java.util.List;

/**
 * A kind of check, registered by name (the {@code type:} of a checklist entry). It declares its
 * parameters so checklists are validated before anything runs, and builds a {@link Check} from them.
 */
public interface CheckType {

    String name();

    String description();

    List<Param> params();

    /** Validates the values beyond their types (URLs, regexes, combinations) and prepares the check. */
    Check create(Params params) throws InvalidParamException;
}
