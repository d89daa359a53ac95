package io.smokegate.check.sumdb;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Params;
import io.smokegate.sumdb.NoteException;
import io.smokegate.sumdb.SumdbDatabase;
import io.smokegate.sumdb.VerifierKey;
import java.net.URI;

/** Checklist parameters that name a checksum database. */
public final class SumdbParams {

    private SumdbParams() {
    }

    public static VerifierKey key(Params p, String name) throws InvalidParamException {
        try {
            return VerifierKey.parse(p.string(name));
        } catch (NoteException e) {
            throw new InvalidParamException(name, "'" + p.string(name) + "' is not a verifier key: " + e.getMessage(),
                    "name+hash+key, e.g. sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
        }
    }

    /** A database reached directly: {@code url}, or https:// plus the key's name when not given. */
    public static SumdbDatabase direct(Params p, String keyParam, String urlParam) throws InvalidParamException {
        VerifierKey key = key(p, keyParam);
        URI url = p.has(urlParam) ? ParamValidators.baseUrl(p, urlParam) : URI.create("https://" + key.name());
        return new SumdbDatabase(key, url, null);
    }

    /**
     * The {@code key}, {@code url} and {@code proxy} parameters of the checksum-database checks: the database
     * at {@code url}; without it, through {@code proxy}'s {@code /sumdb/<name>/}; without either, at https:// + name.
     */
    public static SumdbDatabase database(Params p) throws InvalidParamException {
        VerifierKey key = key(p, "key");
        if (p.has("url")) {
            return new SumdbDatabase(key, ParamValidators.baseUrl(p, "url"), null);
        }
        return p.has("proxy") ? new SumdbDatabase(key, null, ParamValidators.baseUrl(p, "proxy"))
                : new SumdbDatabase(key, URI.create("https://" + key.name()), null);
    }

    /** {@link #direct}, or null when the key parameter is absent (the database is optional). */
    public static SumdbDatabase optionalDatabase(Params p, String keyParam, String urlParam) throws InvalidParamException {
        if (!p.has(keyParam)) {
            if (p.has(urlParam)) {
                throw new InvalidParamException(urlParam, "needs " + keyParam + " too: without the key nothing can be verified");
            }
            return null;
        }
        return direct(p, keyParam, urlParam);
    }
}
