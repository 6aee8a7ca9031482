package io.flashorder.checkout;

import io.flashorder.platform.error.ApiException;
import io.flashorder.risk.Fingerprints;

import java.util.regex.Pattern;

/**
 * The optional {@value #HEADER} header of a placement: an opaque id the client app derives from its device (SDKs give
 * hex, base64 or UUIDs). Checked at the edge and kept only as its SHA-256 (in the order's payload, so the placement
 * path costs no Redis call for it); the risk review counts the accounts seen on one device.
 */
final class DeviceFingerprint {

    static final String HEADER = "X-Device-Fingerprint";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:+/=-]{8,128}");

    private DeviceFingerprint() {
    }

    /** The fingerprint's hash, null without the header; a malformed one is a 400 naming the header. */
    static String hashOf(String header) {
        if (header == null) {
            return null;
        }
        if (!VALID.matcher(header).matches()) {
            throw ApiException.invalidField(HEADER,
                    "must be 8 to 128 letters, digits or . _ : + / = - (an id of the device, as the app's SDK gives it)");
        }
        return Fingerprints.device(header);
    }
}
