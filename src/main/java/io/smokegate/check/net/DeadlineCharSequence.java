package io.smokegate.check.net;

import io.smokegate.check.Deadline;

/**
 * Text whose reads stop at a deadline. Java's regex engine has no timeout; a pattern that backtracks
 * catastrophically on a hostile body reads characters forever, so checking here bounds it.
 */
final class DeadlineCharSequence implements CharSequence {

    static final class Expired extends RuntimeException {
        Expired() {
            super("deadline passed while matching", null, false, false);
        }
    }

    private final CharSequence text;
    private final Deadline deadline;
    private int reads;

    DeadlineCharSequence(CharSequence text, Deadline deadline) {
        this.text = text;
        this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 0xFFFF) == 0 && deadline.expired()) {
            throw new Expired();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineCharSequence(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
