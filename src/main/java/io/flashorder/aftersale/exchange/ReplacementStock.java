package io.flashorder.aftersale.exchange;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.StockRecoveringException;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Redis side of an exchange's replacement ({@code lua/take_stock.lua}): available → sold, all or nothing, each
 * request from the warehouse with the most units of its SKU, once per reservation (a marker key, so a retry after a
 * timeout never takes twice).
 */
@ApplicationScoped
public class ReplacementStock {

    private static final LuaScript TAKE_STOCK = LuaScript.load("take_stock");

    /** Units of a SKU wanted for one line. */
    public record Request(UUID lineId, UUID skuId, int quantity) {
    }

    private final RedisScripts scripts;

    public ReplacementStock(RedisScripts scripts) {
        this.scripts = scripts;
    }

    /**
     * Takes the units; emits the warehouse each request was taken from (in the order of {@code requests}), or empty
     * when a SKU has no warehouse with the units (nothing moved).
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = StockRecoveringException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 3000, skipOn = StockRecoveringException.class)
    public Uni<Optional<List<UUID>>> take(UUID reservationId, List<Request> requests, Duration markerTtl) {
        List<String> keys = new ArrayList<>();
        keys.add(InventoryKeys.takenMarker(reservationId));
        Map<UUID, Integer> keyIndex = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(markerTtl.toSeconds()));
        for (Request request : requests) {
            int index = keyIndex.computeIfAbsent(request.skuId(), sku -> {
                keys.add(InventoryKeys.sku(sku));
                return keys.size(); // Lua arrays are 1-based
            });
            args.add(Integer.toString(index));
            args.add(Integer.toString(request.quantity()));
        }
        keys.add(InventoryKeys.RECOVERY_FENCE);
        return scripts.run(TAKE_STOCK, keys, args).map(response -> {
            String verdict = response.get(0).toString();
            return switch (verdict) {
                case "TAKEN", "ALREADY" -> {
                    List<UUID> warehouses = new ArrayList<>();
                    for (int i = 1; i < response.size(); i++) {
                        warehouses.add(UUID.fromString(response.get(i).toString()));
                    }
                    yield Optional.of(List.copyOf(warehouses));
                }
                case "SOLD_OUT" -> Optional.empty();
                case "RECOVERING" -> throw new StockRecoveringException(
                        "The stock is being rebuilt from PostgreSQL; approve the exchange again shortly");
                default -> throw new IllegalStateException("Unknown take_stock verdict " + verdict);
            };
        });
    }
}
