package io.flashorder.platform.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.LongStream;

/**
 * Latency buckets for {@code http_server_requests_seconds}, so Prometheus can compute p50/p99 across pods
 * ({@code histogram_quantile} in the place-order alert and the dashboard). A fixed, short list around the targets
 * (the p99 alert is at 250 ms) rather than Micrometer's ~70 default buckets per URI, method and status.
 */
@Singleton
public class HttpLatencyBuckets {

    static final long[] BUCKET_MILLIS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

    @Produces
    @Singleton
    MeterFilter httpServerRequestBuckets() {
        double[] nanos = LongStream.of(BUCKET_MILLIS).mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
