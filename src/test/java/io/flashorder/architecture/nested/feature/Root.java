package io.flashorder.architecture.nested.feature;

import io.flashorder.architecture.nested.feature.part.Part;

/**
 * Half of a deliberate cycle inside one feature (its root uses its sub-package): proves {@code ArchitectureTest}'s
 * package cycle rule can fail.
 */
public class Root {

    public Part part() {
        return new Part();
    }
}
