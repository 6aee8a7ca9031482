package io.flashorder.order.recovery;

import io.flashorder.inventory.StockTrust;
import io.flashorder.platform.error.ApiException;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/**
 * Operators' view of the stock's integrity: whether this pod trusts Redis, the last recovery, the drift the
 * reconciliation found; a reconciliation run now (repairing or only reporting), a recovery forced now.
 */
@Tag(name = "Stock integrity (admin)",
        description = "Whether the stock in Redis is trusted, drift, reconciliation and recovery")
@Path("/api/v1/admin/stock-integrity")
@RolesAllowed(Roles.ADMIN)
public class AdminStockIntegrityResource {

    /** This pod's trust in Redis and what it last did about it. */
    public record IntegrityView(String state, String reason, Instant since, StockRecovery.Report lastRecovery,
                                ReconciliationReport lastReconciliation) {
    }

    private final StockTrust trust;
    private final StockIntegrity integrity;
    private final StockRecovery recovery;
    private final StockReconciliation reconciliation;

    public AdminStockIntegrityResource(StockTrust trust, StockIntegrity integrity, StockRecovery recovery,
                                       StockReconciliation reconciliation) {
        this.trust = trust;
        this.integrity = integrity;
        this.recovery = recovery;
        this.reconciliation = reconciliation;
    }

    @GET
    @Operation(summary = "Whether this pod trusts the stock in Redis, and its last recovery and reconciliation")
    public Uni<IntegrityView> view() {
        return Uni.createFrom().item(() -> new IntegrityView(trust.state().name(), trust.reason(), trust.since(),
                recovery.last(), reconciliation.last()));
    }

    /** The drift of the last reconciliation on this pod (empty until one ran; POST a reconciliation to run one). */
    @GET
    @Operation(summary = "The drift the last reconciliation on this pod found")
    @Path("drift")
    public Uni<ReconciliationReport> drift() {
        return Uni.createFrom().item(() -> {
            ReconciliationReport last = reconciliation.last();
            if (last == null) {
                throw ApiException.notFound("reconciliation", "of this pod");
            }
            return last;
        });
    }

    /** Runs a reconciliation now; {@code repair=false} only reports. */
    @POST
    @Operation(summary = "Reconcile Redis with PostgreSQL, repairing drift by default")
    @Path("reconciliations")
    public Uni<ReconciliationReport> reconcile(@QueryParam("repair") @DefaultValue("true") String repair) {
        // Read strictly: Boolean.parseBoolean would take any misspelling for "false".
        if (!"true".equals(repair) && !"false".equals(repair)) {
            throw ApiException.invalidField("repair", "must be true or false");
        }
        return reconciliation.run(Boolean.parseBoolean(repair));
    }

    /** Rebuilds the stock in Redis from PostgreSQL now (placements answer 503 meanwhile). */
    @POST
    @Operation(summary = "Rebuild the stock in Redis from PostgreSQL")
    @Path("recoveries")
    public Uni<StockRecovery.Report> recover() {
        return integrity.forceRecovery("requested by an operator")
                .onFailure(IllegalStateException.class).transform(busy ->
                        ApiException.conflict("stock-check-running", busy.getMessage()));
    }
}
