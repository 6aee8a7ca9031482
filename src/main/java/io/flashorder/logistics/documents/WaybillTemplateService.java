package io.flashorder.logistics.documents;

import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** A merchant's waybill templates (运单模板): which fields, in which order, on which paper. */
@ApplicationScoped
public class WaybillTemplateService {

    private final Pool pool;
    private final DocumentRepository documents;
    private final Clock clock;

    public WaybillTemplateService(Pool pool, DocumentRepository documents, Clock clock) {
        this.pool = pool;
        this.documents = documents;
        this.clock = clock;
    }

    @Timeout(5000)
    public Uni<List<TemplateView>> list(UUID merchantId) {
        return pool.withConnection(connection -> documents.templates(connection, merchantId));
    }

    @Timeout(5000)
    public Uni<TemplateView> add(UUID merchantId, TemplateRequest request) {
        if (new HashSet<>(request.fields()).size() != request.fields().size()) {
            return Uni.createFrom().failure(ApiException.invalidField("fields", "must not repeat a field"));
        }
        TemplateView template = new TemplateView(Ids.newId(), request.name().strip(), request.paperSize(),
                List.copyOf(request.fields()), request.isDefault(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        return pool.withTransaction(tx -> documents.insertTemplate(tx, merchantId, template)).replaceWith(template);
    }

    /** A template some print used stays (the audit names it): 409. */
    @Timeout(5000)
    public Uni<Void> delete(UUID merchantId, UUID id) {
        return pool.withConnection(connection -> documents.template(connection, merchantId, id)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("waybill-template", id)))
                .chain(found -> documents.deleteTemplate(connection, merchantId, id))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw ApiException.conflict("template-in-use", "Waybill template " + id
                                + " was used to print; it stays for the print audit");
                    }
                })
                .replaceWithVoid());
    }
}
