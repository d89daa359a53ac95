package io.smokegate.check.net;

import java.io.IOException;

/** A redirect that was not followed: too many, to an unusable location, or from https down to http. */
public class RedirectException extends IOException {

    public RedirectException(String message) {
        super(message);
    }
}
