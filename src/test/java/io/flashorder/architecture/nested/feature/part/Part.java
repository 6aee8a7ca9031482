package io.flashorder.architecture.nested.feature.part;

import io.flashorder.architecture.nested.feature.Root;

/** The other half: the sub-package uses its feature's root. */
public class Part {

    public Root root() {
        return new Root();
    }
}
