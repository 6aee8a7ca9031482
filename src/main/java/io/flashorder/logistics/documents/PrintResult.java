package io.flashorder.logistics.documents;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A printed document (the PDF, base64) and, per parcel asked for, whether it is in it: a parcel that is not the
 * merchant's, or that cannot have this document yet (a waybill before booking), is refused with its reason.
 */
public record PrintResult(UUID documentId, DocumentKind kind, int pages, List<UUID> printed, List<Refused> refused,
                          String contentType, @Schema(format = "byte") String pdf) {

    public record Refused(UUID parcelId, String code, String detail) {
    }
}
