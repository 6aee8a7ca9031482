package io.flashorder.logistics.documents;

import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;

/** Batch printing (批量打印) of pick lists, packing slips and waybills, and the waybill templates. */
@Tag(name = "Logistics (merchant)",
        description = "A merchant's parcels, pick waves, packing, carriers, waybills and documents")
@Path("/api/v1/merchant")
@RolesAllowed(Roles.MERCHANT)
public class MerchantDocumentResource {

    private final DocumentService documents;
    private final WaybillTemplateService templates;
    private final CurrentUser user;

    public MerchantDocumentResource(DocumentService documents, WaybillTemplateService templates, CurrentUser user) {
        this.documents = documents;
        this.templates = templates;
        this.user = user;
    }

    @Operation(summary = "Print pick lists, packing slips or waybills of up to 500 parcels as PDF")
    @POST
    @RolesAllowed({Roles.MERCHANT, Roles.WAREHOUSE_OPERATOR})
    @Path("documents")
    @APIResponse(responseCode = "422", description = "None of the parcels can have this document (nothing-to-print)")
    public Uni<PrintResult> print(@Valid @NotNull PrintRequest request) {
        return documents.print(user.merchantId(), request, user.userId());
    }

    @Operation(summary = "List own waybill templates")
    @GET
    @RolesAllowed({Roles.MERCHANT, Roles.WAREHOUSE_OPERATOR}) // to choose one for printing
    @Path("waybill-templates")
    public Uni<List<TemplateView>> templates() {
        return templates.list(user.merchantId());
    }

    @Operation(summary = "Add a waybill template")
    @POST
    @Path("waybill-templates")
    @APIResponse(responseCode = "201", description = "The template",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TemplateView.class)))
    public Uni<RestResponse<TemplateView>> addTemplate(@Valid @NotNull TemplateRequest request) {
        return templates.add(user.merchantId(), request)
                .map(template -> RestResponse.status(RestResponse.Status.CREATED, template));
    }

    @Operation(summary = "Delete an unused waybill template")
    @DELETE
    @Path("waybill-templates/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Used by a print (template-in-use)")
    public Uni<RestResponse<Void>> deleteTemplate(@RestPath UUID id) {
        return templates.delete(user.merchantId(), id).map(nothing -> RestResponse.noContent());
    }
}
