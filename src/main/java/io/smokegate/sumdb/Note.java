package io.smokegate.sumdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A signed note (golang.org/x/mod/sumdb/note): text ending in a newline, a blank line, then one line {@code
 * "— name base64(keyHash || signature)"} per signature. {@link #open} follows {@code note.Open} rule for rule,
 * because a note the go command rejects must fail a smoke test too, and one it accepts must pass.
 */
public record Note(String text, List<Signature> verified, List<Signature> unverified) {

    /** Larger answers are refused unread; real tree notes are about 200 bytes. */
    private static final int MAX_SIZE = 1_000_000;

    /** Go's limit, so that a note cannot make us verify signatures without end. */
    private static final int MAX_SIGNATURES = 100;

    private static final String SIGNATURE_PREFIX = "\u2014 ";

    public Note {
        verified = List.copyOf(verified);
        unverified = List.copyOf(unverified);
    }

    /** One signature line: the key's name and hash, and the signature after the 4-byte hash. */
    public record Signature(String name, int keyHash, byte[] bytes) {

        public Signature {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Signature that
                    && name.equals(that.name) && keyHash == that.keyHash && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, keyHash) * 31 + Arrays.hashCode(bytes);
        }

        /** {@code name+hash8}, the key that made it; the signature bytes say nothing to a reader. */
        @Override
        public String toString() {
            return KeyText.id(name, keyHash);
        }
    }

    /**
     * Parses a note and checks its signatures against the known keys. Unknown keys' signatures are kept
     * unverified; a known key's bad signature, or no signature by a known key, is an error.
     */
    public static Note open(byte[] message, List<VerifierKey> known) throws NoteException {
        if (message.length > MAX_SIZE) {
            throw new NoteException("note is larger than 1 MB (" + message.length + " bytes)");
        }
        String problem = Syntax.textProblem(message, 0, message.length);
        if (problem != null) {
            throw malformed(problem);
        }
        int split = Syntax.lastIndexOf(message, "\n\n");
        if (split < 0) {
            throw malformed("text and signatures are not separated by a blank line");
        }
        if (split + 2 == message.length) {
            throw malformed("no signature lines after the blank line");
        }
        if (message[message.length - 1] != '\n') {
            throw malformed("missing final newline");
        }
        byte[] text = Arrays.copyOf(message, split + 1);

        Map<String, List<VerifierKey>> keys = new HashMap<>();
        for (VerifierKey key : known) {
            keys.computeIfAbsent(key.id(), id -> new ArrayList<>()).add(key);
        }
        List<Signature> verified = new ArrayList<>();
        List<Signature> unverified = new ArrayList<>();
        Set<String> seenKeys = new HashSet<>();
        Set<String> seenUnverifiedLines = new HashSet<>();
        String[] lines = new String(message, split + 2, message.length - split - 2, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            Signature signature = parseSignature(i + 1, lines[i]);
            String id = signature.toString();
            List<VerifierKey> candidates = keys.get(id);
            if (candidates == null) {
                // Repeating an unknown signature adds nothing; a different one by the same key is kept.
                if (seenUnverifiedLines.add(lines[i])) {
                    unverified.add(signature);
                }
                continue;
            }
            if (candidates.size() > 1) {
                // Two keys with one name and hash mean the key list was tampered with.
                throw new NoteException("ambiguous key " + id);
            }
            // Go checks only a key's first signature and skips the rest, valid or not.
            if (!seenKeys.add(id)) {
                continue;
            }
            if (!candidates.get(0).verify(text, signature.bytes)) {
                throw new NoteException("invalid signature for key " + id);
            }
            verified.add(signature);
        }
        if (verified.isEmpty()) {
            Set<String> signers = new LinkedHashSet<>();
            unverified.forEach(s -> signers.add(s.toString()));
            throw new NoteException("note has no verifiable signatures: signed only by " + String.join(", ", signers));
        }
        return new Note(new String(text, StandardCharsets.UTF_8), verified, unverified);
    }

    /** Go's {@code note.Sign}: the text, a blank line, and each signer's signature line in order. */
    public static String sign(String text, List<SignerKey> signers) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("malformed note: text must end in a newline");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder note = new StringBuilder(text).append('\n');
        for (SignerKey signer : signers) {
            byte[] signature = signer.sign(bytes);
            byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(signer.verifier().keyHash()).put(signature).array();
            note.append(SIGNATURE_PREFIX).append(signer.verifier().name()).append(' ').append(Syntax.base64(blob)).append('\n');
        }
        return note.toString();
    }

    private static Signature parseSignature(int number, String line) throws NoteException {
        if (!line.startsWith("\u2014")) {
            throw malformed("signature line " + number + " does not start with an em dash (U+2014)");
        }
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw malformed("signature line " + number + " has no space after the em dash");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        String name = space < 0 ? rest : rest.substring(0, space);
        String base64 = space < 0 ? "" : rest.substring(space + 1);
        if (!Syntax.isValidName(name)) {
            throw malformed("signature line " + number + " has an invalid key name \"" + name + "\"");
        }
        byte[] blob;
        try {
            blob = Syntax.base64(base64);
        } catch (IllegalArgumentException e) {
            throw malformed("signature line " + number + " does not end in a base64 signature");
        }
        if (blob.length < 5) {
            throw malformed("signature line " + number + " has a signature of " + blob.length + " bytes, fewer than 5");
        }
        if (number > MAX_SIGNATURES) {
            throw malformed("more than " + MAX_SIGNATURES + " signature lines");
        }
        return new Signature(name, ByteBuffer.wrap(blob).getInt(), Arrays.copyOfRange(blob, 4, blob.length));
    }

    private static NoteException malformed(String reason) {
        return new NoteException("malformed note: " + reason);
    }
}
