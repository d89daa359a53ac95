package io.smokegate.check;

/** A parameter value a check type cannot use; the loader reports it at the parameter's position. */
public class InvalidParamException extends Exception {

    private final String param;
    private final String hint;

    public InvalidParamException(String param, String message, String hint) {
        super(message);
        this.param = param;
        this.hint = hint;
    }

    public InvalidParamException(String param, String message) {
        this(param, message, null);
    }

    public String param() {
        return param;
    }

    public String hint() {
        return hint;
    }
}
