package io.smokegate.server;

import io.smokegate.gate.GateException;
import io.smokegate.run.RunRejectedException;
import io.smokegate.service.ConflictException;
import io.smokegate.service.InvalidChecklistException;
import io.smokegate.service.NotFoundException;
import io.smokegate.service.RunInProgressException;
import io.smokegate.store.StoreException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How the service's exceptions map to HTTP: the one place that decides status codes for failures. */
final class Errors {

    private static final Logger LOG = Logger.getLogger(Errors.class.getName());

    private Errors() {
    }

    static boolean standard(RoutingContext ctx, Throwable failure) {
        if (failure instanceof GateException e) {
            Responses.error(ctx, 422, "unprocessable", e.getMessage());
        } else if (failure instanceof InvalidChecklistException e) {
            Responses.json(ctx, 422, Responses.fields("error", "invalid_checklist", "message", e.getMessage(),
                    "problems", e.problems()));
        } else if (failure instanceof NotFoundException e) {
            Responses.error(ctx, 404, "not_found", e.getMessage());
        } else if (failure instanceof RunRejectedException e) {
            if (e.retryAfter() == null) {
                Responses.error(ctx, 503, "unavailable", e.getMessage());
            } else {
                ctx.response().putHeader("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
                Responses.error(ctx, 429, "queue_full", e.getMessage());
            }
        } else if (failure instanceof RunInProgressException e) {
            ctx.response().putHeader("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
            Responses.error(ctx, 409, "run_in_progress", e.getMessage());
        } else if (failure instanceof ConflictException e) {
            Responses.error(ctx, 409, "conflict", e.getMessage());
        } else if (failure instanceof StoreException e) {
            Responses.error(ctx, 503, "database_unavailable", detailed(ctx, "the database is unavailable", e.getMessage()));
        } else if (failure instanceof IOException e) {
            Responses.error(ctx, 503, "checklists_unavailable", detailed(ctx, "cannot read the checklist directory",
                    "cannot read the checklist directory: " + e.getMessage()));
        } else {
            return false;
        }
        return true;
    }

    /**
     * The detailed message for callers with a valid token; others get the general one, and the details go to the
     * log: database and file-system messages name the database URL and the server's paths.
     */
    private static String detailed(RoutingContext ctx, String general, String detailed) {
        if (Caller.of(ctx).authenticated()) {
            return detailed;
        }
        LOG.log(Level.WARNING, "request failed: " + ctx.request().method() + " " + ctx.request().path() + ": " + detailed);
        return general + " (the server log has the details)";
    }

    /** {@link #standard}, plus a listing's cursor the store could not read: the caller's mistake, a 400. */
    static boolean listing(RoutingContext ctx, Throwable failure) {
        if (failure instanceof IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return true;
        }
        return standard(ctx, failure);
    }
}
