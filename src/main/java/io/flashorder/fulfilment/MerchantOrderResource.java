package io.flashorder.fulfilment;

import io.flashorder.order.query.MerchantOrderView;
import io.flashorder.order.query.OrderListFilter;
import io.flashorder.order.query.OrderListService;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** A merchant's own merchant orders: list them, ship one. Another merchant's are invisible (404, never listed). */
@Tag(name = "Merchant orders", description = "A merchant's own merchant orders: lists and shipping")
@Path("/api/v1/merchant/orders")
@RolesAllowed(Roles.MERCHANT)
public class MerchantOrderResource {

    private final OrderListService lists;
    private final ShipmentService shipments;
    private final CurrentUser user;

    public MerchantOrderResource(OrderListService lists, ShipmentService shipments, CurrentUser user) {
        this.lists = lists;
        this.shipments = shipments;
        this.user = user;
    }

    /** Newest first; {@code status}, {@code from}/{@code to} (placement time, from inclusive, to exclusive). */
    @GET
    @Operation(summary = "List own merchant orders, newest first, optionally by status")
    public Uni<Page<MerchantOrderView>> list(@QueryParam("status") String status, @QueryParam("from") String from,
                                             @QueryParam("to") String to, @QueryParam("limit") String limit,
                                             @QueryParam("cursor") String cursor) {
        return lists.merchantOrders(user.merchantId(), OrderListFilter.parse(status, from, to),
                PageRequest.parse(limit, cursor));
    }

    @POST
    @Operation(summary = "Ship an own merchant order")
    @Path("{merchantOrderId}/shipments")
    @APIResponse(responseCode = "201", description = "Handed to the carrier",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ShipmentView.class)))
    @APIResponse(responseCode = "409",
            description = "The merchant order is not awaiting shipment (illegal-transition)")
    public Uni<RestResponse<ShipmentView>> ship(@RestPath UUID merchantOrderId, @Valid @NotNull ShipRequest request) {
        return shipments.ship(user.merchantId(), merchantOrderId, request)
                .map(shipment -> RestResponse.status(RestResponse.Status.CREATED, shipment));
    }
}
