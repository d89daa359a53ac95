package io.smokegate.text;

/** Counts as people write them: "1 check", "2 checks", "0 checks". */
public final class Plural {

    private Plural() {
    }

    /** {@code noun} is singular; its plural adds an s (to the last word, so "more day" becomes "more days"). */
    public static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** For nouns whose plural is not the singular plus s: {@code count(n, "proxy", "proxies")}. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
