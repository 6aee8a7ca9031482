package io.flashorder.order.query;

import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The buyer's own orders and the merchant's own merchant orders, each scoped by the caller's identity. */
@ApplicationScoped
public class OrderListService {

    private final OrderListRepository lists;

    public OrderListService(OrderListRepository lists) {
        this.lists = lists;
    }

    public Uni<Page<OrderSummary>> buyerOrders(String buyerId, OrderListFilter filter, PageRequest page) {
        return lists.buyerOrders(buyerId, filter, page).map(rows -> Page.of(rows, page, OrderSummary::id, o -> o));
    }

    public Uni<Page<MerchantOrderView>> merchantOrders(UUID merchantId, OrderListFilter filter, PageRequest page) {
        return lists.merchantOrders(merchantId, filter, page)
                .map(rows -> Page.of(rows, page, MerchantOrderView::id, o -> o));
    }
}
