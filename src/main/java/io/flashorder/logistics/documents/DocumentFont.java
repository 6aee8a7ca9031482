package io.flashorder.logistics.documents;

import io.flashorder.logistics.LogisticsConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The TrueType font documents print non-Latin text in ({@code flashorder.logistics.documents.cjk-font}; locally and
 * in the image the Debian package fonts-droid-fallback). Read once, on the first print (a worker thread); when the
 * file is missing, documents still print, with '?' for what Latin-1 cannot show, and a warning says why.
 */
@ApplicationScoped
public class DocumentFont {

    private final Path path;
    private volatile Optional<byte[]> bytes;

    public DocumentFont(LogisticsConfig config) {
        this.path = config.documents().cjkFont();
    }

    /** Blocking on the first call: never call it on the event loop. */
    Optional<byte[]> trueType() {
        Optional<byte[]> loaded = bytes;
        if (loaded == null) {
            synchronized (this) {
                if (bytes == null) {
                    bytes = read(path);
                }
                loaded = bytes;
            }
        }
        return loaded;
    }

    private static Optional<byte[]> read(Path path) {
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (IOException e) {
            Log.warnf("Documents print non-Latin text as '?': font %s cannot be read (%s); install fonts-droid-fallback "
                    + "or set flashorder.logistics.documents.cjk-font", path, e.toString());
            return Optional.empty();
        }
    }
}
