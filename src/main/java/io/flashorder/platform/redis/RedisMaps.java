package io.flashorder.platform.redis;

import io.vertx.redis.client.Response;

import java.util.HashMap;
import java.util.Map;

/** XINFO replies: a map per item in RESP3, a flat name/value array in RESP2; both read the same way here. */
public final class RedisMaps {

    private RedisMaps() {
    }

    public static Map<String, Response> fields(Response item) {
        Map<String, Response> fields = new HashMap<>();
        if (item.isMap()) {
            item.getKeys().forEach(key -> fields.put(key, item.get(key)));
        } else {
            for (int i = 0; i + 1 < item.size(); i += 2) {
                fields.put(item.get(i).toString(), item.get(i + 1));
            }
        }
        return fields;
    }
}
