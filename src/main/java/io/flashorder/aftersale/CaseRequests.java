package io.flashorder.aftersale;

import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The rules a case request must meet beyond its annotations: evidence URLs, lines, quantities. */
final class CaseRequests {

    private CaseRequests() {
    }

    /** Evidence must be https URLs with a host and nothing else (no credentials, no spaces): a 400 per bad one. */
    static void checkShape(OpenCaseRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        List<String> urls = request.evidence();
        for (int i = 0; i < urls.size(); i++) {
            String problem = urlProblem(urls.get(i));
            if (problem != null) {
                violations.add(new FieldViolation("evidenceUrls[" + i + "]", problem));
            }
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!seen.add(request.lines().get(i).lineId())) {
                violations.add(new FieldViolation("lines[" + i + "].lineId", "names a line already listed"));
            }
            if (request.lines().get(i).replacementSkuId() != null && request.type() != AfterSaleType.EXCHANGE) {
                violations.add(new FieldViolation("lines[" + i + "].replacementSkuId",
                        "only an EXCHANGE names a replacement"));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid("The request has " + violations.size() + " invalid field(s)", violations);
        }
    }

    private static String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an https URL";
        }
        if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null) {
            return "must be an https URL with a host and no credentials";
        }
        return null;
    }

    /**
     * The units asked per line, checked against the merchant order's lines: each line must be one of its lines
     * (422), held by no open case (409) and have the units left (422: bought − refunded − in progress).
     */
    static Map<UUID, Integer> units(OpenCaseRequest request, List<LineFacts> lines) {
        Map<UUID, LineFacts> byId = new HashMap<>();
        lines.forEach(line -> byId.put(line.lineId(), line));
        Map<UUID, Integer> units = new LinkedHashMap<>();
        for (int i = 0; i < request.lines().size(); i++) {
            OpenCaseRequest.Line asked = request.lines().get(i);
            LineFacts line = byId.get(asked.lineId());
            if (line == null) {
                throw new ApiException(io.flashorder.platform.error.Problem.of(422, "unknown-line",
                        "Unprocessable request", "lines[" + i + "].lineId is not a line of this merchant order")
                        .withErrors(List.of(new FieldViolation("lines[" + i + "].lineId",
                                "is not a line of this merchant order"))));
            }
            if (line.heldByOpenCase()) {
                throw lineHeld(asked.lineId());
            }
            if (asked.quantity() > line.available()) {
                throw new ApiException(io.flashorder.platform.error.Problem.of(422, "quantity-not-available",
                                "Unprocessable request", "lines[" + i + "] asks for " + asked.quantity()
                                        + " unit(s); " + line.available() + " of " + line.bought()
                                        + " can still be claimed (the rest is refunded or in another case)")
                        .withExtensions(Map.of("lineId", asked.lineId(), "available", line.available(),
                                "bought", line.bought())));
            }
            units.put(asked.lineId(), asked.quantity());
        }
        return units;
    }

    static ApiException lineHeld(UUID lineId) {
        return ApiException.conflict("line-has-open-case", "An open after-sale case already covers line " + lineId
                + "; wait for it to end or withdraw it", lineId == null ? Map.of() : Map.of("lineId", lineId));
    }
}
