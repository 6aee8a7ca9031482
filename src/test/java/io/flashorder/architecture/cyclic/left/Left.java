package io.flashorder.architecture.cyclic.left;

import io.flashorder.architecture.cyclic.right.Right;

/** Half of a deliberate package cycle: proves {@code ArchitectureTest}'s cycle rule can fail. */
public final class Left {

    private Left() {
    }

    public static int depth() {
        return Right.width() + 1;
    }
}
