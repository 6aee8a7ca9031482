package io.flashorder.aftersale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** One page of a merchant's cases (newest first) and how many cases it has in each state (console tabs). */
public record MerchantCaseList(List<CaseView> items, @Schema(nullable = true) String nextCursor,
                               Map<AfterSaleStatus, Long> countsByStatus) {
}
