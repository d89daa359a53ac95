package io.smokegate.sumdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Keys, texts and signatures from golang.org/x/mod's tests and the sumdb reference (§4.5, §4.6, §5). */
public final class Vectors {

    static final String PETER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String PETER_PRIVATE_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String ENOCH_KEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIG_BASE64 =
            "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";
    static final String ENOCH_SIG_BASE64 =
            "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=";
    static final String PETER_SIG = "\u2014 PeterNeumann " + PETER_SIG_BASE64 + "\n";
    static final String ENOCH_SIG = "\u2014 EnochRoot " + ENOCH_SIG_BASE64 + "\n";

    static final String LOCAL_KEY = "localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6";
    static final String LOCAL_PRIVATE_KEY =
            "PRIVATE+KEY+localhost.localdev/sumdb+00000c67+AXu6+oaVaOYuQOFrf1V59JK1owcFlJcHwwXHDfDGxSPk";

    static final String SUM_GOLANG_ORG_KEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

    private Vectors() {
    }

    static VerifierKey verifier(String text) {
        try {
            return VerifierKey.parse(text);
        } catch (NoteException e) {
            throw new AssertionError(e);
        }
    }

    static SignerKey signer(String text) {
        try {
            return SignerKey.parse(text);
        } catch (NoteException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] base64(String text) {
        return Base64.getDecoder().decode(text);
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** The signature bytes after the 4-byte key hash of a signature line's base64. */
    static byte[] signatureOf(String base64) {
        byte[] blob = base64(base64);
        return Arrays.copyOfRange(blob, 4, blob.length);
    }
}
