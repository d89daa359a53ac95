package io.smokegate.gomod;

/**
 * A module path, version, file name or file tree the go command would refuse. The message is worded
 * as the go command words it, so a report can be compared with what a user saw.
 */
public class InvalidModuleException extends Exception {

    public InvalidModuleException(String message) {
        super(message);
    }
}
