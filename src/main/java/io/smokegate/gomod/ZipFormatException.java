package io.smokegate.gomod;

import java.io.IOException;

/** Bytes that are not a zip file, or not all of one; the message says which, for a problem list. */
final class ZipFormatException extends IOException {

    ZipFormatException(String message) {
        super(message);
    }
}
