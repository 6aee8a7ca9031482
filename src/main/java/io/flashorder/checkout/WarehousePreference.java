package io.flashorder.checkout;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.platform.FlashorderConfig;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Orders a merchant's active warehouses for a buyer: the buyer's region first, then the nearest regions. */
@Singleton
public class WarehousePreference {

    private final CheckoutConfig checkout;
    private final FlashorderConfig platform;

    public WarehousePreference(CheckoutConfig checkout, FlashorderConfig platform) {
        this.checkout = checkout;
        this.platform = platform;
    }

    public List<UUID> forBuyerIn(String buyerRegion, List<CatalogSnapshot.WarehouseInfo> warehouses) {
        List<String> regionOrder = regionOrder(buyerRegion);
        return warehouses.stream()
                .filter(CatalogSnapshot.WarehouseInfo::active)
                .sorted(Comparator.<CatalogSnapshot.WarehouseInfo>comparingInt(w -> rank(regionOrder, w.regionCode()))
                        .thenComparing(w -> w.id().toString()))
                .map(CatalogSnapshot.WarehouseInfo::id)
                .toList();
    }

    private List<String> regionOrder(String buyerRegion) {
        List<String> order = new ArrayList<>();
        order.add(buyerRegion);
        order.addAll(checkout.regionPreferences().getOrDefault(buyerRegion, List.of()));
        order.addAll(platform.regions());
        return order;
    }

    private static int rank(List<String> order, String region) {
        int index = order.indexOf(region);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
