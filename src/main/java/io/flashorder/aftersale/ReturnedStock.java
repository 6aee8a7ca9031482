package io.flashorder.aftersale;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.StockRecoveringException;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Redis side of a case's stock return ({@code lua/return_stock.lua}): sold → available in the named warehouses
 * of {@code {p}} (loaded → available there for an order a stock bucket sold),
 * once per case (a marker key), never below zero. PostgreSQL records the return first; this runs after the commit.
 */
@ApplicationScoped
public class ReturnedStock {

    private static final LuaScript RETURN_STOCK = LuaScript.load("return_stock");

    /**
     * Units of a SKU going back into one warehouse.
     *
     * @param soldInBucket the order was sold in a stock bucket's slot ({@code customer_order.stock_slot} > 0): its
     *                     units come back into {@code {p}} as loaded stock (see lua/return_stock.lua)
     */
    public record Units(UUID skuId, UUID warehouseId, int quantity, boolean soldInBucket) {
    }

    /** What the script found: returned now, or before; nothing moved because sold could not cover it. */
    public enum Outcome { RETURNED, ALREADY, SHORT }

    private final RedisScripts scripts;
    private final AfterSaleConfig config;

    public ReturnedStock(RedisScripts scripts, AfterSaleConfig config) {
        this.scripts = scripts;
        this.config = config;
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = StockRecoveringException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 3000, skipOn = StockRecoveringException.class)
    public Uni<Outcome> giveBack(UUID caseId, List<Units> units) {
        List<String> keys = new ArrayList<>();
        keys.add(InventoryKeys.returnedMarker(caseId));
        Map<UUID, Integer> keyIndex = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(config.stockReturnMarkerTtl().toSeconds()));
        // A case is of one order, so its units share the order's slot.
        args.add(units.stream().anyMatch(Units::soldInBucket) ? "loaded" : "sold");
        for (Units unit : units) {
            int index = keyIndex.computeIfAbsent(unit.skuId(), sku -> {
                keys.add(InventoryKeys.sku(sku));
                return keys.size(); // Lua arrays are 1-based
            });
            args.add(Integer.toString(index));
            args.add(unit.warehouseId().toString());
            args.add(Integer.toString(unit.quantity()));
        }
        keys.add(InventoryKeys.RECOVERY_FENCE);
        return scripts.run(RETURN_STOCK, keys, args).map(response -> {
            String verdict = response.get(0).toString();
            return switch (verdict) {
                case "RETURNED" -> Outcome.RETURNED;
                case "ALREADY" -> Outcome.ALREADY;
                case "SHORT" -> {
                    Log.errorf("Case %s: returning its units moved nothing, %s has %s sold where %s go back; the "
                            + "reconciliation repairs the counters, then the return runs again", caseId,
                            response.get(1), response.get(2), response.get(3));
                    yield Outcome.SHORT;
                }
                case "RECOVERING" -> throw new StockRecoveringException(
                        "The stock is being rebuilt from PostgreSQL; case " + caseId + " returns its units afterwards");
                default -> throw new IllegalStateException("Unknown return_stock verdict " + verdict);
            };
        });
    }
}
