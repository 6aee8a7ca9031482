package io.flashorder.catalog.stockload;

import org.jboss.resteasy.reactive.RestResponse;

/** 201 when the units are in Redis; 202 when they are recorded and will reach Redis through the replayer. */
public final class StockLoadResponses {

    private StockLoadResponses() {
    }

    public static RestResponse<StockLoadView> of(StockLoadView view) {
        return RestResponse.status(view.status() == StockLoad.Status.APPLIED
                ? RestResponse.Status.CREATED : RestResponse.Status.ACCEPTED, view);
    }
}
