package io.smokegate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who the tests run as, for tests whose setup differs for root (which ignores file permissions). */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** True when this JVM runs as uid 0. */
    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
